"""Merging two events that describe the same incident, and splitting them again (issue 4)."""

import pytest
from tests.factories.intake import ru_report

from tracedesk.audit.models import AuditEntry
from tracedesk.core.exceptions import ApplicationError
from tracedesk.intake.models import Draft
from tracedesk.intake.services import draft_accept, ingest_document
from tracedesk.registry import selectors, services
from tracedesk.registry.models import Event, EventMerge, Evidence, Person


@pytest.fixture
def again(registry, analyst):
    """The Brianka detention as a second source told it: same basement, same month, Ivan and
    a second man, its own evidence."""
    petro = services.person_create(actor=analyst, names=[services.NameInput("Петро Коваль")])
    text = "Two soldiers, Ivan and Petro, were kept in a Brianka basement in July."
    source = services.source_create(actor=analyst, title="Kept in Brianka", text=text)
    event = services.event_create(
        actor=analyst,
        type=Event.Type.DETENTION,
        title="Two soldiers kept in Brianka",
        date_start="2022-07-10",
        facility=registry.pit,
        victims=[registry.ivan, petro],
        description="Both men were later moved.",
    )
    services.evidence_create(actor=analyst, source=source, start=0, end=len(text), event=event)
    return event


def state(*events: Event) -> dict:
    ids = [e.pk for e in events]
    return {
        "evidence": sorted(Evidence.objects.filter(event__in=ids).values_list("pk", "event_id")),
        "victims": sorted(
            Event.victims.through.objects.filter(event__in=ids).values_list("event_id", "person_id")
        ),
        "drafts": sorted(Draft.objects.filter(event__in=ids).values_list("pk", "event_id")),
        "events": sorted(
            Event.objects.filter(pk__in=ids).values_list(
                "pk", "date_start", "place_id", "facility_id", "description", "merged_into"
            )
        ),
        "evidence_total": Evidence.objects.count(),
    }


def test_event_merge_moves_evidence_and_victims_and_hides_the_duplicate(registry, again, analyst):
    kept = registry.detention
    before = Evidence.objects.count()
    record = services.event_merge(actor=analyst, keep=kept, merge=again)
    kept.refresh_from_db()
    again.refresh_from_db()
    assert again.merged_into == kept
    assert Evidence.objects.filter(event=kept).count() == 2
    assert Evidence.objects.count() == before
    assert {p.names.first().full_name for p in kept.victims.all()} >= {"Петро Коваль"}
    assert not again.victims.exists()
    assert kept.description == "Both men were later moved."
    assert record.filled == {"description": ["", "Both men were later moved."]}
    assert again not in selectors.event_list(analyst)
    assert selectors.event_get(analyst, again.pk).merged_into == kept
    petro = Person.objects.get(names__full_name="Петро Коваль")
    assert petro.status == Person.Status.DETAINED


def test_event_split_restores_exactly_the_prior_state_even_after_edits(registry, again, analyst):
    kept = registry.detention
    before = state(kept, again)
    record = services.event_merge(actor=analyst, keep=kept, merge=again)
    # After the merge: new evidence for the kept event and an edited description.
    later = services.evidence_create(
        actor=analyst, source=registry.source, start=0, end=4, event=kept
    )
    services.event_update(actor=analyst, event=kept, description="Edited after the merge.")
    services.event_split(actor=analyst, merge_record=record)
    after = state(kept, again)
    assert [e for e in after["evidence"] if e[0] != later.pk] == before["evidence"]
    assert Evidence.objects.get(pk=later.pk).event_id == kept.pk
    assert after["victims"] == before["victims"]
    kept.refresh_from_db()
    assert kept.description == "Edited after the merge."
    assert Event.objects.get(pk=again.pk).merged_into is None
    assert [a.action for a in AuditEntry.objects.filter(action__startswith="event.m")] == [
        "event.merge"
    ]
    assert AuditEntry.objects.filter(action="event.split", object_id=str(kept.pk)).exists()


def test_a_drafts_event_link_follows_the_merge_and_goes_back(registry, analyst):
    raw, result = ru_report()
    outcome = ingest_document(actor=analyst, run=None, raw=raw, result=result)
    draft = outcome.analysis.drafts.get(position=0)
    accepted = draft_accept(actor=analyst, draft=draft)
    undated = services.event_create(actor=analyst, type=accepted.type, title="Detained, undated")
    before = state(undated, accepted)
    record = services.event_merge(actor=analyst, keep=undated, merge=accepted)
    assert Draft.objects.get(pk=draft.pk).event_id == undated.pk
    undated.refresh_from_db()
    # The kept event had no date and no place: it takes the merged event's.
    assert (undated.date_start, undated.place_id) == (accepted.date_start, accepted.place_id)
    services.event_split(actor=analyst, merge_record=record)
    assert state(undated, accepted) == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"type": Event.Type.RELEASE}, "type"),
        ({"date_start": "2023-01"}, "dates"),
        ({"facility": None, "place": "other"}, "place"),
    ],
)
def test_event_merges_of_different_incidents_are_refused(registry, again, analyst, changes, field):
    if changes.get("place") == "other":
        changes["place"] = services.place_create(actor=analyst, name_en="Stakhanov")
        services.event_update(actor=analyst, event=registry.detention, facility=None)
    services.event_update(actor=analyst, event=again, **changes)
    before, entries = state(registry.detention, again), AuditEntry.objects.count()
    with pytest.raises(ApplicationError) as info:
        services.event_merge(actor=analyst, keep=registry.detention, merge=again)
    assert field in info.value.extra
    assert state(registry.detention, again) == before
    assert AuditEntry.objects.count() == entries
    assert not EventMerge.objects.exists()


def test_an_event_cannot_be_merged_into_itself_or_twice(registry, again, analyst):
    with pytest.raises(ApplicationError, match="merge"):
        services.event_merge(actor=analyst, keep=again, merge=again)
    services.event_merge(actor=analyst, keep=registry.detention, merge=again)
    with pytest.raises(ApplicationError) as info:
        services.event_merge(
            actor=analyst, keep=registry.detention, merge=Event.objects.get(pk=again.pk)
        )
    assert "already merged" in info.value.extra["merge"][0]
