"""Registry services: each validates, writes and audits in one transaction."""

import pytest

from tracedesk.audit.models import AuditEntry
from tracedesk.core.exceptions import ApplicationError, PermissionDenied
from tracedesk.registry import services
from tracedesk.registry.blobs import blob_read
from tracedesk.registry.models import Event, Evidence, Person, PersonName, Source


def audit_actions():
    return list(AuditEntry.objects.values_list("action", flat=True))


def test_person_create_writes_names_with_keys_and_one_audit_entry(analyst):
    person = services.person_create(
        actor=analyst,
        names=[services.NameInput("Сидоренко Іван Петрович", language="uk")],
        birth_date="1998-03",
    )
    name = person.names.get()
    assert (name.given, name.patronymic, name.surname) == ("Іван", "Петрович", "Сидоренко")
    assert name.script == "Cyrl"
    assert name.is_primary
    assert person.birth_year == 1998
    assert audit_actions() == ["person.create"]


@pytest.mark.parametrize(
    ("names", "birth_date", "field"),
    [
        ([], "", "names"),
        ([services.NameInput("   ")], "", "names[0].full_name"),
        ([services.NameInput("1234 —")], "", "names[0].full_name"),
        ([services.NameInput("Іван", kind="nickname")], "", "names[0].kind"),
        ([services.NameInput("Іван")], "1998-02-30", "birth_date"),
        ([services.NameInput("Іван")], "--02-01", "birth_date"),
    ],
)
def test_person_create_refuses_bad_input_and_stores_nothing(analyst, names, birth_date, field):
    with pytest.raises(ApplicationError) as info:
        services.person_create(actor=analyst, names=names, birth_date=birth_date)
    assert field in info.value.extra
    assert Person.objects.count() == 0
    assert PersonName.objects.count() == 0
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize("role_fixture", ["viewer", "caseworker"])
def test_only_registry_editors_may_write(request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    with pytest.raises(PermissionDenied):
        services.person_create(actor=user, names=[services.NameInput("Іван")])
    assert Person.objects.count() == 0


def test_the_same_raw_bytes_are_stored_once(analyst, settings):
    raw = "<html><body>Звіт про затримання</body></html>".encode()
    first = services.source_create(actor=analyst, title="Report", raw=raw, content_type="text/html")
    second = services.source_create(actor=analyst, title="Same report again", raw=raw)
    assert first.pk == second.pk
    assert Source.objects.count() == 1
    assert blob_read(first.sha256) == raw
    assert audit_actions().count("source.create") == 1


def test_a_corrupted_blob_is_refused_on_read(analyst):
    source = services.source_create(actor=analyst, title="Testimony", text="He was taken at night.")
    from tracedesk.registry.blobs import blob_path

    blob_path(source.sha256).write_bytes(b"altered")
    with pytest.raises(OSError, match="corrupt"):
        blob_read(source.sha256)


def test_evidence_quotes_the_span_it_points_at(registry, analyst):
    text = registry.source.text
    start = text.index("basement")
    evidence = services.evidence_create(
        actor=analyst, source=registry.source, start=start, end=start + 8, event=registry.detention
    )
    assert evidence.quote == "basement"


@pytest.mark.parametrize(("start", "end"), [(5, 5), (10, 2), (0, 10_000), (-1, 3)])
def test_evidence_outside_the_text_is_refused(registry, analyst, start, end):
    before = Evidence.objects.count()
    with pytest.raises(ApplicationError) as info:
        services.evidence_create(
            actor=analyst, source=registry.source, start=start, end=end, event=registry.detention
        )
    assert "span" in info.value.extra
    assert Evidence.objects.count() == before


def test_retracted_evidence_is_kept_with_its_reason(registry, analyst):
    evidence = registry.detention.evidence.get()
    services.evidence_retract(actor=analyst, evidence=evidence, reason="Outlet withdrew the report")
    evidence.refresh_from_db()
    assert evidence.retracted_at is not None
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    with pytest.raises(ApplicationError):
        services.evidence_retract(actor=analyst, evidence=evidence, reason="again")


def test_status_follows_the_latest_dated_event(registry, analyst):
    ivan = registry.ivan
    ivan.refresh_from_db()
    assert ivan.status == Person.Status.DETAINED
    services.event_create(
        actor=analyst,
        type=Event.Type.RELEASE,
        title="Exchanged",
        date_start="2022-09-21",
        victims=[ivan],
    )
    ivan.refresh_from_db()
    assert ivan.status == Person.Status.RELEASED
    # An older event reported later does not undo the release.
    services.event_create(
        actor=analyst, type=Event.Type.TRANSFER, title="Moved", date_start="2022-08", victims=[ivan]
    )
    ivan.refresh_from_db()
    assert ivan.status == Person.Status.RELEASED


def test_rejecting_an_event_recomputes_its_victims_status(registry, analyst):
    release = services.event_create(
        actor=analyst,
        type=Event.Type.RELEASE,
        title="Reported release",
        date_start="2022-10",
        victims=[registry.ivan],
    )
    services.event_update(actor=analyst, event=release, verification=Event.Verification.REJECTED)
    registry.ivan.refresh_from_db()
    assert registry.ivan.status == Person.Status.DETAINED


def test_an_event_at_a_facility_takes_the_facility_place(registry):
    assert registry.detention.place == registry.brianka


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date_start": "2022-06-31"}, "date_start"),
        ({"date_start": "2022-07", "date_end": "2022-06"}, "date_end"),
        ({"confidence": 1.5}, "confidence"),
        ({"title": " "}, "title"),
    ],
)
def test_event_update_refuses_bad_input_and_keeps_what_was_stored(
    registry, analyst, changes, field
):
    event = registry.detention
    with pytest.raises(ApplicationError) as info:
        services.event_update(actor=analyst, event=event, **changes)
    assert field in info.value.extra
    stored = Event.objects.get(pk=event.pk)
    assert (stored.date_start, stored.title, stored.confidence) == (
        "2022-07",
        "Held in Brianka basement",
        0.5,
    )


def test_unknown_event_type_is_refused(analyst):
    with pytest.raises(ApplicationError) as info:
        services.event_create(actor=analyst, type="kidnapping", title="x")
    assert "type" in info.value.extra
    assert Event.objects.count() == 0
