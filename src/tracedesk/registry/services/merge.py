"""Merging duplicates and splitting them again (issue 4), for people and for events.

A merge moves every row that points at the duplicate (B) onto the record kept (A) and
writes down, in a ``PersonMerge`` / ``EventMerge``, exactly which rows moved. B is not
deleted: it is marked ``merged_into`` A and hidden from lists. A split moves exactly the
recorded rows back — rows given to A after the merge stay with A — and re-activates B.
Nothing is deleted on either path; see docs/decisions/0005-merge-and-split.md.

What follows a person from B to A:

- names (``PersonName``), evidence about the person (retracted too), event participations
  (``Event.victims``), unit links (``Person.units``);
- tracing: cases resolved to B (``TracingRequest.person``) and B's tracing candidates, with
  their judgements (which point at the candidate, not the person). A candidate B has on a
  case that also has A as candidate stays on B: the pair (case, person) is unique, and the
  search re-run after the merge marks it inactive since B has no names left;
- not moved: people merged earlier into B (``merged_into`` B: split B from A first, then
  them from B), merge records and dismissals naming B (they are history).

What follows an event from B to A: evidence, victims, and the intake drafts accepted or
merged into B (``Draft.event``).
"""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tracedesk.audit.services import audit_record
from tracedesk.core.exceptions import ApplicationError
from tracedesk.registry.models import (
    DuplicateDismissal,
    Event,
    EventMerge,
    Evidence,
    Person,
    PersonMerge,
    PersonName,
    Sensitivity,
)
from tracedesk.registry.services.common import clean_and_save, require_registry_editor
from tracedesk.registry.services.people import _birth_fields, _rematch, person_refresh_status

# A person's fields a merge may fill on A when A's are empty, and their "empty" values.
PERSON_FILL = {
    "birth_date": "",
    "sex": Person.Sex.UNKNOWN,
    "citizenship": "",
    "category": Person.Category.UNKNOWN,
    "rank": "",
    "home_region": "",
}
# B's fields kept in the merge record (B itself is not changed by a merge but for merged_into).
PERSON_SNAPSHOT = [*PERSON_FILL, "birth_year", "status", "sensitivity", "notes"]
EVENT_FILL = {
    "place_id": None,
    "facility_id": None,
    "perpetrator_unit_id": None,
    "unnamed_count": None,
    "unnamed_description": "",
    "description": "",
}
EVENT_SNAPSHOT = [
    "type",
    "title",
    "date_start",
    "date_end",
    "date_min",
    "date_max",
    *EVENT_FILL,
    "verification",
    "confidence",
]
SENSITIVITY_RANK = {Sensitivity.NORMAL: 0, Sensitivity.PROTECTED: 1}


def _ids(queryset: Any) -> list[str]:
    return sorted(str(pk) for pk in queryset.values_list("pk", flat=True))


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _snapshot(instance: Any, fields: list[str]) -> dict[str, Any]:
    return {
        name: (str(value) if value is not None and not isinstance(value, int | float) else value)
        for name in fields
        for value in [getattr(instance, name)]
    }


def _refuse(field: str, message: str) -> ApplicationError:
    return ApplicationError(_("Cannot merge."), {field: [message]})


# ---- People ----------------------------------------------------------------------------------


def _check_people(keep: Person, merge: Person) -> None:
    if keep.pk == merge.pk:
        raise _refuse("merge", _("A record cannot be merged into itself."))
    if merge.merged_into_id is not None:
        raise _refuse(
            "merge",
            _("Person %(code)s was already merged into another record.") % {"code": merge.short_id},
        )
    if keep.merged_into_id is not None:
        raise _refuse(
            "keep",
            _("Person %(code)s was merged into another record: merge into that one.")
            % {"code": keep.short_id},
        )


@transaction.atomic
def person_merge(*, actor: Any, keep: Person, merge: Person) -> PersonMerge:
    """Merge ``merge`` (B) into ``keep`` (A): B's rows move to A, B is marked merged.

    A's empty fields are filled from B's; if either is protected, A becomes protected (the
    higher sensitivity wins, since B's names now show on A). A's status is derived again.
    """
    require_registry_editor(actor)
    # Lock both rows and read them fresh: two analysts merging the same pair at once must
    # not both succeed.
    locked = {
        p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk])
    }
    keep, merge = locked.get(keep.pk, keep), locked.get(merge.pk, merge)
    _check_people(keep, merge)

    from tracedesk.tracing.models import Candidate, TracingRequest

    names = PersonName.objects.filter(person=merge)
    primary = _ids(names.filter(is_primary=True))
    evidence = Evidence.objects.filter(person=merge)
    keep_candidate_cases = Candidate.objects.filter(person=keep).values("request_id")
    candidates = Candidate.objects.filter(person=merge).exclude(request_id__in=keep_candidate_cases)
    requests = TracingRequest.objects.filter(person=merge)
    events = set(merge.events.values_list("pk", flat=True))
    keep_events = set(keep.events.values_list("pk", flat=True))
    units = set(merge.units.values_list("pk", flat=True))
    keep_units = set(keep.units.values_list("pk", flat=True))
    moved = {
        "names": _ids(names),
        "evidence": _ids(evidence),
        "events": sorted(map(str, events)),
        "units": sorted(map(str, units)),
        "tracing_requests": _ids(requests),
        "tracing_candidates": _ids(candidates),
    }
    added = {
        "events": sorted(str(pk) for pk in events - keep_events),
        "units": sorted(str(pk) for pk in units - keep_units),
    }

    record = PersonMerge(
        keep=keep,
        merged=merge,
        moved=moved,
        added=added,
        merged_fields={**_snapshot(merge, PERSON_SNAPSHOT), "primary_names": primary},
        merged_by=_user(actor),
        merged_at=timezone.now(),
    )

    names.update(person=keep, is_primary=False)
    evidence.update(person=keep)
    candidates.update(person=keep)
    requests.update(person=keep)
    Event.victims.through.objects.filter(person=merge).delete()
    Event.victims.through.objects.bulk_create(
        [Event.victims.through(event_id=pk, person_id=keep.pk) for pk in events - keep_events]
    )
    merge.units.clear()
    keep.units.add(*(units - keep_units))

    filled: dict[str, list[Any]] = {}
    for name, empty in PERSON_FILL.items():
        if getattr(keep, name) == empty and getattr(merge, name) != empty:
            filled[name] = [empty, getattr(merge, name)]
            setattr(keep, name, getattr(merge, name))
    if keep.birth_date and merge.birth_date.startswith(keep.birth_date + "-"):
        # A more precise birth date of the same year ("1998" and "1998-03-14") refines A's.
        filled["birth_date"] = [keep.birth_date, merge.birth_date]
        keep.birth_date = merge.birth_date
    if "birth_date" in filled:
        keep.birth_year = merge.birth_year
    if SENSITIVITY_RANK[merge.sensitivity] > SENSITIVITY_RANK[keep.sensitivity]:
        filled["sensitivity"] = [keep.sensitivity, merge.sensitivity]
        keep.sensitivity = merge.sensitivity
    clean_and_save(keep)
    record.filled = filled

    merge.merged_into = keep
    merge.save(update_fields=["merged_into", "updated_at"])
    clean_and_save(record)
    # Ids and field names only: the trail never holds names.
    audit_record(
        actor=actor,
        action="person.merge",
        target=keep,
        data={
            "merged": str(merge.pk),
            "record": str(record.pk),
            "moved": moved,
            "added": added,
            "filled": sorted(filled),
        },
    )
    person_refresh_status(actor=actor, person=keep)
    _rematch(actor, keep, "person.merge")
    return record


@transaction.atomic
def person_split(*, actor: Any, merge_record: PersonMerge) -> PersonMerge:
    """Undo a merge: the recorded rows go back to B, B is active again, A keeps the rest.

    Rows still on A are moved; a field the merge filled on A is emptied again unless it was
    edited since. A split never lowers A's sensitivity: that is left to an analyst's edit.
    """
    require_registry_editor(actor)
    record = PersonMerge.objects.select_for_update().get(pk=merge_record.pk)
    locked = {
        p.pk: p
        for p in Person.objects.select_for_update().filter(
            pk__in=[record.keep_id, record.merged_id]
        )
    }
    keep, merged = locked[record.keep_id], locked[record.merged_id]
    if record.split_at is not None:
        raise ApplicationError(_("Cannot split."), {"merge": [_("This merge was already split.")]})
    if keep.merged_into_id is not None:
        raise ApplicationError(
            _("Cannot split."),
            {
                "merge": [
                    _("Person %(code)s was itself merged into another record: split that first.")
                    % {"code": keep.short_id}
                ]
            },
        )

    from tracedesk.tracing.models import Candidate, TracingRequest

    moved, added = record.moved, record.added
    PersonName.objects.filter(pk__in=moved.get("names", []), person=keep).update(person=merged)
    primary = record.merged_fields.get("primary_names", [])
    PersonName.objects.filter(pk__in=primary, person=merged).update(is_primary=True)
    Evidence.objects.filter(pk__in=moved.get("evidence", []), person=keep).update(person=merged)
    TracingRequest.objects.filter(pk__in=moved.get("tracing_requests", []), person=keep).update(
        person=merged
    )
    Candidate.objects.filter(pk__in=moved.get("tracing_candidates", []), person=keep).update(
        person=merged
    )
    through = Event.victims.through
    through.objects.filter(event_id__in=added.get("events", []), person=keep).delete()
    through.objects.bulk_create(
        [through(event_id=pk, person_id=merged.pk) for pk in moved.get("events", [])],
        ignore_conflicts=True,
    )
    keep.units.remove(*added.get("units", []))
    merged.units.add(*moved.get("units", []))
    for person in (keep, merged):
        # Each record leaves with one primary name, whatever was edited in between.
        if not person.names.filter(is_primary=True).exists():
            first = person.names.order_by("created_at").first()
            if first is not None:
                first.is_primary = True
                first.save(update_fields=["is_primary", "updated_at"])

    reverted = []
    for name, (old, new) in record.filled.items():
        if name != "sensitivity" and getattr(keep, name) == new:
            setattr(keep, name, old)
            if name == "birth_date":
                keep.birth_date, keep.birth_year = _birth_fields(old)
            reverted.append(name)
    clean_and_save(keep)

    for name in PERSON_SNAPSHOT:
        value = record.merged_fields.get(name)
        setattr(merged, name, value)
    merged.merged_into = None
    clean_and_save(merged)

    record.split_by = _user(actor)
    record.split_at = timezone.now()
    record.save(update_fields=["split_by", "split_at", "updated_at"])
    audit_record(
        actor=actor,
        action="person.split",
        target=keep,
        data={"merged": str(merged.pk), "record": str(record.pk), "reverted": sorted(reverted)},
    )
    person_refresh_status(actor=actor, person=keep)
    person_refresh_status(actor=actor, person=merged)
    _rematch(actor, keep, "person.split")
    _rematch(actor, merged, "person.split")
    return record


# ---- Events ----------------------------------------------------------------------------------


def _overlap(keep: Event, merge: Event) -> bool:
    if keep.date_min is None or merge.date_min is None:
        return True  # an undated event may be any of them
    keep_max = keep.date_max or keep.date_min
    merge_max = merge.date_max or merge.date_min
    return keep.date_min <= merge_max and merge.date_min <= keep_max


def _check_events(keep: Event, merge: Event) -> None:
    if keep.pk == merge.pk:
        raise _refuse("merge", _("A record cannot be merged into itself."))
    if merge.merged_into_id is not None:
        raise _refuse(
            "merge",
            _("Event %(code)s was already merged into another event.") % {"code": merge.short_id},
        )
    if keep.merged_into_id is not None:
        raise _refuse(
            "keep",
            _("Event %(code)s was merged into another event: merge into that one.")
            % {"code": keep.short_id},
        )
    if keep.type != merge.type:
        raise _refuse("type", _("Events of different types describe different incidents."))
    if not _overlap(keep, merge):
        raise _refuse("dates", _("The events' dates do not overlap."))
    if keep.facility_id and merge.facility_id and keep.facility_id != merge.facility_id:
        raise _refuse("facility", _("The events happened at different facilities."))
    if keep.place_id and merge.place_id and keep.place_id != merge.place_id:
        raise _refuse("place", _("The events happened at different places."))


@transaction.atomic
def event_merge(*, actor: Any, keep: Event, merge: Event) -> EventMerge:
    """Merge event ``merge`` (B) into ``keep`` (A): same type, overlapping dates, same place.

    B's evidence, victims and intake drafts move to A; A's empty fields (and dates, when A
    has none) are filled from B's; the victims' statuses are derived again.
    """
    require_registry_editor(actor)
    locked = {e.pk: e for e in Event.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk])}
    keep, merge = locked.get(keep.pk, keep), locked.get(merge.pk, merge)
    _check_events(keep, merge)

    from tracedesk.intake.models import Draft

    evidence = Evidence.objects.filter(event=merge)
    drafts = Draft.objects.filter(event=merge)
    victims = set(merge.victims.values_list("pk", flat=True))
    keep_victims = set(keep.victims.values_list("pk", flat=True))
    moved = {
        "evidence": _ids(evidence),
        "drafts": _ids(drafts),
        "victims": sorted(map(str, victims)),
    }
    added = {"victims": sorted(str(pk) for pk in victims - keep_victims)}
    record = EventMerge(
        keep=keep,
        merged=merge,
        moved=moved,
        added=added,
        merged_fields=_snapshot(merge, EVENT_SNAPSHOT),
        merged_by=_user(actor),
        merged_at=timezone.now(),
    )
    evidence.update(event=keep)
    drafts.update(event=keep)
    merge.victims.clear()
    keep.victims.add(*(victims - keep_victims))

    filled: dict[str, list[Any]] = {}
    for name, empty in EVENT_FILL.items():
        if getattr(keep, name) == empty and getattr(merge, name) != empty:
            filled[name] = [empty, _snapshot(merge, [name])[name]]
            setattr(keep, name, getattr(merge, name))
    if not keep.date_start and merge.date_start:
        filled["dates"] = [["", ""], [merge.date_start, merge.date_end]]
        keep.date_start, keep.date_end = merge.date_start, merge.date_end
        keep.date_min, keep.date_max = merge.date_min, merge.date_max
    clean_and_save(keep)
    record.filled = filled
    merge.merged_into = keep
    merge.save(update_fields=["merged_into", "updated_at"])
    clean_and_save(record)
    audit_record(
        actor=actor,
        action="event.merge",
        target=keep,
        data={
            "merged": str(merge.pk),
            "record": str(record.pk),
            "moved": moved,
            "added": added,
            "filled": sorted(filled),
        },
    )
    for person in Person.objects.filter(pk__in=victims | keep_victims):
        person_refresh_status(actor=actor, person=person)
    return record


@transaction.atomic
def event_split(*, actor: Any, merge_record: EventMerge) -> EventMerge:
    """Undo an event merge: the recorded evidence, drafts and victims go back to B."""
    require_registry_editor(actor)
    record = EventMerge.objects.select_for_update().get(pk=merge_record.pk)
    locked = {
        e.pk: e
        for e in Event.objects.select_for_update().filter(pk__in=[record.keep_id, record.merged_id])
    }
    keep, merged = locked[record.keep_id], locked[record.merged_id]
    if record.split_at is not None:
        raise ApplicationError(_("Cannot split."), {"merge": [_("This merge was already split.")]})
    if keep.merged_into_id is not None:
        raise ApplicationError(
            _("Cannot split."),
            {
                "merge": [
                    _("Event %(code)s was itself merged into another event: split that first.")
                    % {"code": keep.short_id}
                ]
            },
        )

    from tracedesk.intake.models import Draft

    moved, added = record.moved, record.added
    Evidence.objects.filter(pk__in=moved.get("evidence", []), event=keep).update(event=merged)
    Draft.objects.filter(pk__in=moved.get("drafts", []), event=keep).update(event=merged)
    keep.victims.remove(*added.get("victims", []))
    merged.victims.add(*moved.get("victims", []))

    reverted = []
    for name, (old, new) in record.filled.items():
        if name == "dates":
            if [keep.date_start, keep.date_end] == new:
                keep.date_start, keep.date_end, keep.date_min, keep.date_max = "", "", None, None
                reverted.append(name)
        elif _snapshot(keep, [name])[name] == new:
            setattr(keep, name, old)
            reverted.append(name)
    clean_and_save(keep)
    for name in EVENT_SNAPSHOT:
        setattr(merged, name, record.merged_fields.get(name))
    merged.merged_into = None
    clean_and_save(merged)

    record.split_by = _user(actor)
    record.split_at = timezone.now()
    record.save(update_fields=["split_by", "split_at", "updated_at"])
    audit_record(
        actor=actor,
        action="event.split",
        target=keep,
        data={"merged": str(merged.pk), "record": str(record.pk), "reverted": sorted(reverted)},
    )
    victims = set(moved.get("victims", [])) | {
        str(pk) for pk in keep.victims.values_list("pk", flat=True)
    }
    for person in Person.objects.filter(pk__in=victims):
        person_refresh_status(actor=actor, person=person)
    return record


# ---- "Not the same" --------------------------------------------------------------------------


@transaction.atomic
def duplicate_dismiss(
    *, actor: Any, first: Person | Event, second: Person | Event, note: str = ""
) -> DuplicateDismissal:
    """Record that two proposed people (or two events) are not the same: never proposed again."""
    require_registry_editor(actor)
    if type(first) is not type(second) or not isinstance(first, Person | Event):
        raise ApplicationError(
            _("Cannot dismiss."), {"pair": [_("Compare two people or two events.")]}
        )
    if first.pk == second.pk:
        raise ApplicationError(
            _("Cannot dismiss."), {"pair": [_("A record is always the same as itself.")]}
        )
    low, high = sorted([first, second], key=lambda record: str(record.pk))
    kind = "person" if isinstance(first, Person) else "event"
    pair = {f"first_{kind}": low, f"second_{kind}": high}
    if DuplicateDismissal.objects.filter(**pair).exists():
        raise ApplicationError(
            _("Cannot dismiss."), {"pair": [_("This pair was already judged not the same.")]}
        )
    dismissal = DuplicateDismissal(
        **pair, note=note.strip(), judged_by=_user(actor), judged_at=timezone.now()
    )
    clean_and_save(dismissal)
    audit_record(
        actor=actor,
        action=f"{kind}.not_duplicate",
        target=dismissal,
        data={"first": str(low.pk), "second": str(high.pk)},
    )
    return dismissal
