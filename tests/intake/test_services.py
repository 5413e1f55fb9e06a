"""Intake services: storing the pipeline's reading once, and deciding drafts through services."""

import pytest

from tests.factories.intake import RU_TEXT, ru_report
from tracedesk.audit.models import AuditEntry
from tracedesk.audit.services import audit_verify
from tracedesk.core.exceptions import ApplicationError, PermissionDenied
from tracedesk.intake.models import Analysis, Draft
from tracedesk.intake.services import (
    PersonDecision,
    draft_accept,
    draft_merge,
    draft_reject,
    ingest_document,
    ingest_run_start,
)
from tracedesk.registry import services as reg
from tracedesk.registry.blobs import blob_read
from tracedesk.registry.models import Event, Evidence, Facility, Person, Place, Source, Unit


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Source, Analysis, Draft, Event, Person, Place, Facility, Unit, Evidence)
    } | {"audit": AuditEntry.objects.count()}


@pytest.fixture
def ingested(analyst):
    raw, result = ru_report()
    outcome = ingest_document(actor=analyst, run=None, raw=raw, result=result)
    return outcome


def test_ingest_stores_source_bytes_text_and_one_draft_per_event(analyst):
    raw, result = ru_report()
    run = ingest_run_start(actor=analyst, inputs=["report-ru.html"])
    outcome = ingest_document(actor=analyst, run=run, raw=raw, result=result)
    source = outcome.analysis.source
    assert blob_read(source.sha256) == raw
    assert source.text == RU_TEXT
    assert str(source.published) == "2024-03-05" and source.language == "ru"
    drafts = list(source.drafts.order_by("position"))
    assert [d.type for d in drafts] == ["detention", "detention"]
    assert drafts[0].quote.startswith("Соседи рассказали") and "задержали" in drafts[0].quote
    first = drafts[0].payload
    assert first["place"]["geonameid"] == 711369 and first["place"]["surface"] == "Брянке"
    assert first["unit"] == {"name": "в/ч 12345", "designation": "12345"}
    person = first["people"][0]
    assert RU_TEXT[slice(*person["mention"])] == "Ивана Сидоренко"
    # 25 years old in a report of March 2024: the estimate is marked as one.
    assert person["birth_year"] == 1999 and person["birth_year_estimated"]
    assert drafts[1].payload["facility"]["kind"] == "sizo"
    assert drafts[1].payload["facility"]["place"]["name"] == "Taganrog"
    run.refresh_from_db()
    assert (run.documents, run.new_sources, run.drafts) == (1, 1, 2)
    assert "intake.analyse" in AuditEntry.objects.values_list("action", flat=True)


def test_ingesting_the_same_bytes_twice_changes_nothing(analyst, ingested):
    raw, result = ru_report()
    before = counts()
    again = ingest_document(actor=analyst, run=None, raw=raw, result=result)
    assert not again.new_analysis and again.analysis == ingested.analysis
    assert counts() == before


def test_a_source_typed_in_earlier_keeps_its_text_and_drafts_are_moved_onto_it(analyst):
    raw, result = ru_report(raw=b"raw bytes of the page, stored by hand")
    typed = "Сообщение коллеги.\n" + RU_TEXT
    reg.source_create(actor=analyst, title="Typed in", text=typed, raw=raw)
    outcome = ingest_document(actor=analyst, run=None, raw=raw, result=result)
    assert not outcome.new_source and outcome.new_analysis
    source = outcome.analysis.source
    assert source.text == typed
    for draft in source.drafts.all():
        start, end = draft.payload["evidence"]
        original = result["events"][draft.position]["evidence"]
        assert typed[start:end] == RU_TEXT[original[0] : original[1]]
        mention = draft.payload["people"][0]["mention"] if draft.payload["people"] else None
        if mention:
            assert typed[mention[0] : mention[1]] == "Ивана Сидоренко"


def test_viewers_and_caseworkers_cannot_ingest(viewer, caseworker):
    raw, result = ru_report()
    for actor in (viewer, caseworker):
        with pytest.raises(PermissionDenied):
            ingest_document(actor=actor, run=None, raw=raw, result=result)
    assert Source.objects.count() == 0


def test_accept_creates_event_people_evidence_and_new_place_unit(analyst, ingested):
    draft = ingested.analysis.drafts.get(position=0)
    event = draft_accept(actor=analyst, draft=draft)
    assert event.type == "detention" and event.date_start == "2024-03-03"
    assert event.place.geonameid == 711369 and "Брянке" in event.place.aliases
    assert event.perpetrator_unit.designation == "12345"
    (person,) = event.victims.all()
    name = person.names.get()
    assert name.full_name == "Иван Сидоренко" and name.kind == "legal"
    assert person.birth_year == 1999 and "estimated" in person.notes
    assert person.status == Person.Status.DETAINED
    claims = sorted(Evidence.objects.values_list("claim", "quote"))
    assert claims == [("event", draft.quote), ("name", "Ивана Сидоренко")]
    draft.refresh_from_db()
    assert (draft.status, draft.event, draft.reviewed_by) == ("accepted", event, analyst)
    assert audit_verify().ok


def test_accept_reuses_known_place_facility_and_unit(analyst, ingested):
    taganrog = reg.place_create(actor=analyst, geonameid=484907, name_en="Taganrog")
    sizo = reg.facility_create(actor=analyst, name="SIZO-2 Taganrog", place=taganrog)
    reg.facility_update(actor=analyst, facility=sizo, aliases=["сизо-2"])
    unit = reg.unit_create(actor=analyst, name="Unit 12345", designation="в/ч 12345")
    before = counts()
    second = draft_accept(actor=analyst, draft=ingested.analysis.drafts.get(position=1))
    first = draft_accept(actor=analyst, draft=ingested.analysis.drafts.get(position=0))
    assert second.facility == sizo and second.place == taganrog
    assert first.perpetrator_unit == unit
    after = counts()
    assert after["Place"] == before["Place"] + 1  # Bryanka only: Taganrog was known
    assert after["Facility"] == before["Facility"]
    assert after["Unit"] == before["Unit"]


def test_accept_with_edits_and_person_decisions(analyst, ingested, registry):
    draft = ingested.analysis.drafts.get(position=0)
    event = draft_accept(
        actor=analyst,
        draft=draft,
        people=[PersonDecision(index=0, action="link", person=registry.ivan)],
        title="Ivan Sidorenko detained in Bryanka",
        date_start="2024-03",
        date_end="",
        place=registry.brianka,
        perpetrator_unit=None,
    )
    assert event.title == "Ivan Sidorenko detained in Bryanka" and event.date_start == "2024-03"
    assert event.place == registry.brianka and event.perpetrator_unit is None
    assert list(event.victims.all()) == [registry.ivan]
    assert registry.ivan.evidence.filter(claim="name", quote="Ивана Сидоренко").exists()


@pytest.mark.parametrize(
    ("edits", "people", "field"),
    [
        ({"title": "  "}, None, "title"),
        ({"date_start": "2024-02-30"}, None, "date_start"),
        ({}, [PersonDecision(index=0, action="link")], "people[0]"),
        ({}, [PersonDecision(index=5, action="new")], "people[5]"),
        ({}, [PersonDecision(index=0, action="adopt")], "people[0]"),
        ({}, [PersonDecision(index=0, action="new", name="  ")], "people[0]"),
    ],
)
def test_invalid_accept_names_the_field_and_writes_nothing(analyst, ingested, edits, people, field):
    draft = ingested.analysis.drafts.get(position=0)
    before = counts()
    with pytest.raises(ApplicationError) as error:
        draft_accept(actor=analyst, draft=draft, people=people, **edits)
    assert any(key.startswith(field) for key in error.value.extra), error.value.extra
    assert counts() == before
    draft.refresh_from_db()
    assert draft.status == "pending"


def test_a_decided_draft_cannot_be_decided_again(analyst, ingested):
    draft = ingested.analysis.drafts.get(position=0)
    draft_reject(actor=analyst, draft=draft, reason="Duplicate of an earlier report")
    before = counts()
    with pytest.raises(ApplicationError, match="already decided"):
        draft_accept(actor=analyst, draft=draft)
    with pytest.raises(ApplicationError, match="already decided"):
        draft_reject(actor=analyst, draft=draft)
    assert counts() == before
    draft.refresh_from_db()
    assert draft.status == "rejected" and draft.note == "Duplicate of an earlier report"


def test_merge_adds_new_victims_and_evidence_to_the_known_event(analyst, ingested, registry):
    target = registry.detention
    victims_before = set(target.victims.all())
    draft = ingested.analysis.drafts.get(position=0)
    merged = draft_merge(actor=analyst, draft=draft, event=target)
    assert merged == target
    added = set(target.victims.all()) - victims_before
    assert len(added) == 1 and next(iter(added)).names.get().full_name == "Иван Сидоренко"
    assert target.evidence.filter(source=draft.source, quote=draft.quote).exists()
    draft.refresh_from_db()
    assert draft.status == "merged" and draft.event == target


def test_merge_into_an_event_of_another_type_is_refused(analyst, ingested, registry):
    release = reg.event_create(
        actor=analyst, type="release", title="Released", victims=[registry.ivan]
    )
    draft = ingested.analysis.drafts.get(position=0)
    before = counts()
    with pytest.raises(ApplicationError) as error:
        draft_merge(actor=analyst, draft=draft, event=release)
    assert "event" in error.value.extra
    assert counts() == before


def test_viewer_cannot_decide(viewer, ingested):
    draft = ingested.analysis.drafts.get(position=0)
    for decide in (
        lambda: draft_accept(actor=viewer, draft=draft),
        lambda: draft_reject(actor=viewer, draft=draft),
    ):
        with pytest.raises(PermissionDenied):
            decide()
    draft.refresh_from_db()
    assert draft.status == "pending"
