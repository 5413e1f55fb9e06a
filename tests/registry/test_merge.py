"""Merging duplicate people and splitting them again (issue 4): nothing is lost either way."""

import pytest

from tracedesk.audit.models import AuditEntry
from tracedesk.core.exceptions import ApplicationError, PermissionDenied
from tracedesk.registry import services
from tracedesk.registry.models import Event, Evidence, Person, PersonMerge, PersonName, Sensitivity
from tracedesk.tracing import services as tracing_services
from tracedesk.tracing.models import Candidate, TracingRequest

NameInput = services.NameInput


@pytest.fixture
def twin(registry, analyst):
    """Ivan again, as a second source reported him: Latin spelling, full birth date, evidence."""
    unit = services.unit_create(actor=analyst, name="3057 regiment", designation="в/ч 3057")
    person = services.person_create(
        actor=analyst,
        names=[NameInput("Ivan Sydorenko", language="en")],
        birth_date="1998-03-14",
        rank="Private",
        units=[unit],
    )
    text = "Ivan Sydorenko, 24, was moved to Olenivka in August 2022."
    source = services.source_create(actor=analyst, title="Moved to Olenivka", text=text)
    transfer = services.event_create(
        actor=analyst,
        type=Event.Type.TRANSFER,
        title="Moved to Olenivka",
        date_start="2022-08",
        victims=[person],
    )
    services.evidence_create(
        actor=analyst, source=source, start=0, end=14, claim="name", person=person
    )
    services.evidence_create(
        actor=analyst, source=source, start=0, end=len(text) - 1, event=transfer
    )
    return person


def state(*people: Person) -> dict:
    """Every row a merge may move, and where it points; with the fields a merge may fill."""
    ids = [p.pk for p in people]
    return {
        "names": sorted(
            PersonName.objects.filter(person__in=ids).values_list(
                "pk", "person_id", "is_primary", "full_name"
            )
        ),
        "evidence": sorted(Evidence.objects.filter(person__in=ids).values_list("pk", "person_id")),
        "victims": sorted(
            Event.victims.through.objects.filter(person__in=ids).values_list(
                "event_id", "person_id"
            )
        ),
        "units": sorted(
            Person.units.through.objects.filter(person__in=ids).values_list("unit_id", "person_id")
        ),
        "candidates": sorted(
            Candidate.objects.filter(person__in=ids).values_list("pk", "person_id")
        ),
        "requests": sorted(
            TracingRequest.objects.filter(person__in=ids).values_list("pk", "person_id")
        ),
        "people": sorted(
            Person.objects.filter(pk__in=ids).values_list(
                "pk", "birth_date", "birth_year", "rank", "status", "sensitivity", "merged_into"
            )
        ),
        "evidence_total": Evidence.objects.count(),
        "names_total": PersonName.objects.count(),
    }


def test_merge_moves_every_row_and_hides_the_duplicate(registry, twin, analyst):
    ivan = registry.ivan
    twin_names = set(twin.names.values_list("pk", flat=True))
    evidence_before = Evidence.objects.count()
    record = services.person_merge(actor=analyst, keep=ivan, merge=twin)

    twin.refresh_from_db()
    ivan.refresh_from_db()
    assert twin.merged_into == ivan
    assert not twin.names.exists()
    assert twin_names <= set(ivan.names.values_list("pk", flat=True))
    assert ivan.names.filter(is_primary=True).count() == 1
    assert not twin.events.exists()
    assert {e.type for e in ivan.events.all()} == {Event.Type.DETENTION, Event.Type.TRANSFER}
    assert ivan.units.count() == 2 and not twin.units.exists()
    assert Evidence.objects.filter(person=ivan).count() == 1
    assert Evidence.objects.count() == evidence_before
    # The birth year was refined by the duplicate's full date, the empty rank filled; the
    # status derived again (the August transfer is the latest status-deciding event).
    assert (ivan.birth_date, ivan.rank, ivan.status) == ("1998-03-14", "Private", "detained")
    assert record.moved["names"] == sorted(str(pk) for pk in twin_names)
    assert sorted(record.filled) == ["birth_date", "rank"]


def test_merged_people_leave_lists_and_search_and_cannot_be_edited(registry, twin, analyst):
    from tracedesk.registry import selectors

    services.person_merge(actor=analyst, keep=registry.ivan, merge=twin)
    assert twin not in selectors.person_list(analyst)
    assert list(selectors.person_list(analyst, query="Sydorenko")) == [registry.ivan]
    assert selectors.dashboard_counts(analyst)["people"] == 2
    with pytest.raises(ApplicationError) as info:
        services.person_update(actor=analyst, person=Person.objects.get(pk=twin.pk), rank="Sgt")
    assert "person" in info.value.extra


def test_split_restores_exactly_the_state_before_the_merge(registry, twin, analyst):
    people = (registry.ivan, twin)
    before = state(*people)
    record = services.person_merge(actor=analyst, keep=registry.ivan, merge=twin)
    assert state(*people) != before
    services.person_split(actor=analyst, merge_record=record)
    assert state(*people) == before
    record.refresh_from_db()
    assert record.is_split and record.split_by == analyst


def test_split_after_editing_the_kept_record_keeps_what_was_added_since(registry, twin, analyst):
    ivan = registry.ivan
    before = state(ivan, twin)
    record = services.person_merge(actor=analyst, keep=ivan, merge=twin)
    ivan = Person.objects.get(pk=ivan.pk)
    # After the merge: a new name, a new event and new evidence for Ivan, and an edited rank.
    new_name = services.person_add_name(
        actor=analyst, person=ivan, name=NameInput("Ваня Сидоренко", kind=PersonName.Kind.ALIAS)
    )
    release = services.event_create(
        actor=analyst,
        type=Event.Type.RELEASE,
        title="Exchanged",
        date_start="2023-01",
        victims=[ivan],
    )
    new_evidence = services.evidence_create(
        actor=analyst, source=registry.source, start=0, end=4, claim="other", person=ivan
    )
    services.person_update(actor=analyst, person=ivan, rank="Sergeant")

    services.person_split(actor=analyst, merge_record=record)
    ivan.refresh_from_db()
    twin.refresh_from_db()
    assert new_name.person_id == PersonName.objects.get(pk=new_name.pk).person_id == ivan.pk
    assert Evidence.objects.get(pk=new_evidence.pk).person_id == ivan.pk
    assert release in ivan.events.all() and release not in twin.events.all()
    # The twin's rows are exactly back; the edited rank stays (the merge's fill was replaced).
    after = state(ivan, twin)
    added_since = {new_name.pk}
    assert [n for n in after["names"] if n[0] not in added_since] == before["names"]
    assert [e for e in after["evidence"] if e[0] != new_evidence.pk] == before["evidence"]
    assert [v for v in after["victims"] if v[0] != release.pk] == before["victims"]
    assert after["units"] == before["units"]
    assert ivan.rank == "Sergeant" and (ivan.birth_date, ivan.birth_year) == ("1998", 1998)
    assert twin.merged_into is None and twin.rank == "Private"
    assert (ivan.status, twin.status) == ("released", "detained")


def test_merge_and_split_write_their_audit_entries_with_ids_only(registry, twin, analyst):
    record = services.person_merge(actor=analyst, keep=registry.ivan, merge=twin)
    merge_entry = AuditEntry.objects.get(action="person.merge")
    assert merge_entry.object_id == str(registry.ivan.pk)
    assert merge_entry.data["merged"] == str(twin.pk)
    assert merge_entry.data["record"] == str(record.pk)
    services.person_split(actor=analyst, merge_record=record)
    split_entry = AuditEntry.objects.get(action="person.split")
    assert split_entry.seq > merge_entry.seq
    for entry in (merge_entry, split_entry):
        assert "Sydorenko" not in str(entry.data) and "Сидоренко" not in str(entry.data)


def test_a_failing_merge_rolls_back_its_audit_entry_with_it(registry, twin, analyst):
    """The audit entry is written in the merge's transaction: a later failure undoes both."""
    from django.db import transaction

    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.person_merge(actor=analyst, keep=registry.ivan, merge=twin)
        assert AuditEntry.objects.filter(action="person.merge").exists()
        raise RuntimeError("crash after the merge, before commit")
    assert AuditEntry.objects.count() == before
    assert Person.objects.get(pk=twin.pk).merged_into is None
    assert twin.names.count() == 1


@pytest.mark.parametrize("case", ["same", "merged", "kept_merged"])
def test_refused_merges_say_why_and_change_nothing(registry, twin, analyst, case):
    ivan, protected = registry.ivan, registry.protected
    if case == "same":
        keep, merge, field = ivan, ivan, "merge"
    else:
        services.person_merge(actor=analyst, keep=protected, merge=twin)
        if case == "merged":
            keep, merge, field = ivan, Person.objects.get(pk=twin.pk), "merge"
        else:
            keep, merge, field = Person.objects.get(pk=twin.pk), ivan, "keep"
    before, entries = state(ivan, twin, protected), AuditEntry.objects.count()
    with pytest.raises(ApplicationError) as info:
        services.person_merge(actor=analyst, keep=keep, merge=merge)
    assert field in info.value.extra
    assert info.value.extra[field][0]
    assert state(ivan, twin, protected) == before
    assert AuditEntry.objects.count() == entries


def test_a_split_twice_is_refused(registry, twin, analyst):
    record = services.person_merge(actor=analyst, keep=registry.ivan, merge=twin)
    services.person_split(actor=analyst, merge_record=record)
    entries = AuditEntry.objects.count()
    with pytest.raises(ApplicationError, match="split"):
        services.person_split(actor=analyst, merge_record=record)
    assert AuditEntry.objects.count() == entries


def test_splits_go_in_reverse_order_of_chained_merges(registry, twin, analyst):
    first = services.person_merge(actor=analyst, keep=registry.ivan, merge=twin)
    services.person_merge(actor=analyst, keep=registry.protected, merge=registry.ivan)
    with pytest.raises(ApplicationError) as info:
        services.person_split(actor=analyst, merge_record=first)
    assert "merge" in info.value.extra
    assert PersonMerge.objects.get(pk=first.pk).split_at is None


def test_the_higher_sensitivity_wins_and_a_split_does_not_lower_it(registry, twin, analyst):
    record = services.person_merge(actor=analyst, keep=twin, merge=registry.protected)
    twin.refresh_from_db()
    assert twin.sensitivity == Sensitivity.PROTECTED
    services.person_split(actor=analyst, merge_record=record)
    twin.refresh_from_db()
    assert twin.sensitivity == Sensitivity.PROTECTED
    assert Person.objects.get(pk=registry.protected.pk).sensitivity == Sensitivity.PROTECTED


@pytest.mark.parametrize("role_fixture", ["viewer", "caseworker"])
def test_only_registry_editors_may_merge(request, registry, twin, role_fixture):
    user = request.getfixturevalue(role_fixture)
    with pytest.raises(PermissionDenied):
        services.person_merge(actor=user, keep=registry.ivan, merge=twin)
    assert Person.objects.get(pk=twin.pk).merged_into is None


def test_a_tracing_candidate_follows_the_merge_and_goes_back_on_split(
    registry, twin, analyst, caseworker
):
    case = tracing_services.tracing_request_create(
        actor=caseworker,
        requester_name="Олена Сидоренко",
        sought_name="Ivan Sydorenko",
        sought_birth_date="1998-03-14",
        sought_unit="в/ч 3057",
    )
    candidate = Candidate.objects.get(request=case, person=twin)
    tracing_services.candidate_judge(actor=caseworker, candidate=candidate, decision="accept")
    # Kept: someone the case did not find (a Candidate is unique per case and person).
    keep = registry.protected
    assert not Candidate.objects.filter(request=case, person=keep).exists()

    record = services.person_merge(actor=analyst, keep=keep, merge=twin)
    candidate.refresh_from_db()
    assert candidate.person_id == keep.pk
    assert candidate.active and candidate.judgements.count() == 1
    assert record.moved["tracing_candidates"] == [str(candidate.pk)]
    rematch = AuditEntry.objects.filter(action="tracing.candidates").last()
    assert rematch.data["trigger"] == "person.merge"

    services.person_split(actor=analyst, merge_record=record)
    candidate.refresh_from_db()
    assert candidate.person_id == twin.pk
    assert candidate.judgements.count() == 1


def test_a_candidate_of_both_on_one_case_stays_on_the_duplicate_inactive(
    registry, twin, analyst, caseworker
):
    case = tracing_services.tracing_request_create(
        actor=caseworker,
        requester_name="Олена Сидоренко",
        sought_name="Іван Сидоренко",
        sought_other_names="Ivan Sydorenko",
        sought_birth_date="1998",
    )
    theirs = Candidate.objects.get(request=case, person=twin)
    Candidate.objects.get(request=case, person=registry.ivan)
    services.person_merge(actor=analyst, keep=registry.ivan, merge=twin)
    theirs.refresh_from_db()
    assert theirs.person_id == twin.pk
    assert not theirs.active
