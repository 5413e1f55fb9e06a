"""Reads from the registry, scoped by the user's role. Views never query models directly."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from tracedesk.accounts import roles
from tracedesk.audit.services import audit_record
from tracedesk.pipeline.names import search_key
from tracedesk.registry import duplicates
from tracedesk.registry.models import (
    DuplicateDismissal,
    Event,
    EventMerge,
    Evidence,
    Facility,
    Person,
    PersonMerge,
    PersonName,
    Place,
    Sensitivity,
    Source,
    Unit,
)
from tracedesk.registry.visibility import sees_everything


def _pseudonym_only(user) -> bool:
    return not roles.can_see_legal_names(user)


def person_list(user, *, query: str = "", status: str = "", category: str = "") -> QuerySet[Person]:
    """People the user may list, searched by any visible name in any script or spelling."""
    # People merged into another record are hidden: their rows live on the record kept.
    people = (
        Person.objects.filter(merged_into__isnull=True)
        .prefetch_related("names", "units")
        .order_by("-created_at")
    )
    if status:
        people = people.filter(status=status)
    if category:
        people = people.filter(category=category)
    key = search_key(query) if query.strip() else ""
    if key:
        names = PersonName.objects.filter(search_key__contains=key)
        if _pseudonym_only(user):
            names = names.filter(kind=PersonName.Kind.PSEUDONYM)
        elif not roles.can_see_protected_names(user):
            # Protected people are found by their pseudonyms only.
            names = names.filter(
                Q(kind=PersonName.Kind.PSEUDONYM) | ~Q(person__sensitivity=Sensitivity.PROTECTED)
            )
        people = people.filter(pk__in=names.values("person_id"))
    return people


def _visible_events(user, *, include_merged: bool = False) -> QuerySet[Event]:
    events = Event.objects.all()
    if not include_merged:
        # Events merged into another are hidden: their rows live on the event kept.
        events = events.filter(merged_into__isnull=True)
    if not roles.can_edit_registry(user):
        # Rejected drafts are the analysts' working material, not facts to show.
        events = events.exclude(verification=Event.Verification.REJECTED)
    return events


def person_get(user, person_id) -> Person:
    """One person with names, units and events; reading a protected record in full is audited."""
    events = _visible_events(user).select_related("place", "facility", "perpetrator_unit")
    try:
        person = (
            Person.objects.select_related("merged_into")
            .prefetch_related(
                "names",
                "units",
                Prefetch("events", queryset=events.order_by("date_min", "created_at")),
                Prefetch(
                    "merges_received",
                    queryset=PersonMerge.objects.filter(split_at__isnull=True)
                    .select_related("merged")
                    .prefetch_related("merged__names"),
                    to_attr="active_merges",
                ),
                Prefetch(
                    "merges_given",
                    queryset=PersonMerge.objects.filter(split_at__isnull=True),
                    to_attr="merged_by_record",
                ),
            )
            .get(pk=person_id)
        )
    except (Person.DoesNotExist, ValueError):
        raise Http404 from None
    if person.sensitivity == Sensitivity.PROTECTED and sees_everything(user, person):
        audit_record(actor=user, action="person.view_protected", target=person)
    return person


def person_evidence(user, person: Person) -> QuerySet[Evidence]:
    """Evidence for the person or for any of their events, from sources the user may read."""
    return (
        Evidence.objects.filter(
            Q(person=person) | Q(event__victims=person), retracted_at__isnull=True
        )
        .filter(source__in=source_list(user))
        .filter(Q(event__isnull=True) | Q(event__in=_visible_events(user)))
        .select_related("source", "event")
        .distinct()
        .order_by("source__published", "start")
    )


def event_list(
    user,
    *,
    type: str = "",
    verification: str = "",
    facility=None,
    unit=None,
    place=None,  # noqa: A002
) -> QuerySet[Event]:
    events = (
        _visible_events(user)
        .select_related("place", "facility", "perpetrator_unit")
        .prefetch_related("victims__names")
    )
    if type:
        events = events.filter(type=type)
    if verification:
        events = events.filter(verification=verification)
    if facility is not None:
        events = events.filter(facility=facility)
    if unit is not None:
        events = events.filter(perpetrator_unit=unit)
    if place is not None:
        events = events.filter(place=place)
    return events.order_by("-date_min", "-created_at")


def event_get(user, event_id) -> Event:
    """One event with its evidence and the events merged into it; a merged event is found too
    (its page says where it went)."""
    try:
        return (
            _visible_events(user, include_merged=True)
            .select_related("place", "facility", "perpetrator_unit", "merged_into")
            .prefetch_related(
                "victims__names",
                Prefetch(
                    "merges_received",
                    queryset=EventMerge.objects.filter(split_at__isnull=True).select_related(
                        "merged"
                    ),
                    to_attr="active_merges",
                ),
                Prefetch(
                    "merges_given",
                    queryset=EventMerge.objects.filter(split_at__isnull=True),
                    to_attr="merged_by_record",
                ),
                Prefetch(
                    "evidence",
                    # Quotes from sources the user may not read (viewers: testimonies) stay hidden.
                    queryset=Evidence.objects.filter(
                        retracted_at__isnull=True, source__in=source_list(user)
                    )
                    .select_related("source")
                    .order_by("source__published", "start"),
                ),
            )
            .get(pk=event_id)
        )
    except (Event.DoesNotExist, ValueError):
        raise Http404 from None


def source_list(user, *, query: str = "", kind: str = "") -> QuerySet[Source]:
    """Sources the user may read: viewers never see testimonies or protected sources."""
    sources = Source.objects.annotate(evidence_count=Count("evidence"))
    if not roles.can_read_testimonies(user):
        sources = sources.exclude(kind=Source.Kind.TESTIMONY).exclude(
            sensitivity=Sensitivity.PROTECTED
        )
    if kind:
        sources = sources.filter(kind=kind)
    if query.strip():
        sources = sources.filter(
            Q(title__icontains=query) | Q(outlet__icontains=query) | Q(url__icontains=query)
        )
    return sources.order_by("-published", "title")


def source_get(user, source_id) -> Source:
    try:
        source = source_list(user).get(pk=source_id)
    except (Source.DoesNotExist, ValueError):
        raise Http404 from None
    if source.kind == Source.Kind.TESTIMONY or source.sensitivity == Sensitivity.PROTECTED:
        audit_record(actor=user, action="source.view_sensitive", target=source)
    return source


def source_evidence(user, source: Source) -> QuerySet[Evidence]:
    """The source's standing evidence; claims about events the user may not see are left out."""
    return (
        source.evidence.filter(retracted_at__isnull=True)
        .filter(Q(event__isnull=True) | Q(event__in=_visible_events(user)))
        .select_related("event", "person")
        .prefetch_related("person__names")
        .order_by("start")
    )


def evidence_get(user, evidence_id) -> Evidence:
    """One piece of evidence, retracted or not, from a source the user may read."""
    try:
        return Evidence.objects.select_related("source", "event", "person").get(
            pk=evidence_id, source__in=source_list(user)
        )
    except (Evidence.DoesNotExist, ValueError):
        raise Http404 from None


def facility_list(user, *, query: str = "", kind: str = "") -> QuerySet[Facility]:
    facilities = Facility.objects.select_related("place").annotate(event_count=Count("events"))
    if kind:
        facilities = facilities.filter(kind=kind)
    if query.strip():
        facilities = facilities.filter(
            Q(name__icontains=query) | Q(place__name_en__icontains=query)
        )
    return facilities.order_by("name")


def facility_get(user, facility_id) -> Facility:
    try:
        return facility_list(user).get(pk=facility_id)
    except (Facility.DoesNotExist, ValueError):
        raise Http404 from None


def unit_list(user, *, query: str = "") -> QuerySet[Unit]:
    units = Unit.objects.annotate(
        event_count=Count("events", distinct=True), member_count=Count("members", distinct=True)
    )
    if query.strip():
        units = units.filter(Q(name__icontains=query) | Q(designation__icontains=query))
    return units.order_by("name")


def unit_get(user, unit_id) -> Unit:
    """One unit with its parent, sub-units and members (with names, for role-aware display)."""
    try:
        return (
            unit_list(user)
            .select_related("parent")
            .prefetch_related(
                "children", Prefetch("members", queryset=Person.objects.prefetch_related("names"))
            )
            .get(pk=unit_id)
        )
    except (Unit.DoesNotExist, ValueError):
        raise Http404 from None


def place_list(user, *, query: str = "") -> QuerySet[Place]:
    places = Place.objects.all()
    if query.strip():
        places = places.filter(
            Q(name_en__icontains=query) | Q(name_uk__icontains=query) | Q(name_ru__icontains=query)
        )
    return places.order_by("name_en")


def place_get(user, place_id) -> Place:
    try:
        return Place.objects.prefetch_related("facilities").get(pk=place_id)
    except (Place.DoesNotExist, ValueError):
        raise Http404 from None


def dashboard_counts(user) -> dict[str, object]:
    people = Person.objects.filter(merged_into__isnull=True)
    events = Event.objects.filter(merged_into__isnull=True)
    by_status = dict(people.values_list("status").annotate(n=Count("id")).order_by())
    by_type = dict(events.values_list("type").annotate(n=Count("id")).order_by())
    return {
        "people": sum(by_status.values()),
        "people_by_status": by_status,
        "events": sum(by_type.values()),
        "events_by_type": by_type,
        "drafts": events.filter(verification=Event.Verification.DRAFT).count(),
        "facilities": Facility.objects.count(),
        "units": Unit.objects.count(),
        "sources": source_list(user).count(),
    }


# ---- Possible duplicates (issue 4) -----------------------------------------------------------


@dataclass
class DuplicatePair:
    """A proposed pair, the records loaded for a side-by-side view, with counts per side."""

    first: Any
    second: Any
    score: float
    reasons: list[str]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def sides(self) -> list[tuple[Any, dict[str, int]]]:
        """Each record with its counts, left then right, for the side-by-side view."""
        return [(record, self.counts.get(str(record.pk), {})) for record in self.records]

    @property
    def records(self) -> tuple[Any, Any]:
        return self.first, self.second


def _dismissed(kind: str) -> set[tuple[str, str]]:
    first, second = f"first_{kind}_id", f"second_{kind}_id"
    rows = DuplicateDismissal.objects.filter(**{f"{first}__isnull": False})
    return {(str(a), str(b)) for a, b in rows.values_list(first, second)}


def duplicate_people(user) -> list[DuplicatePair]:
    """People the linking engine finds alike and no analyst judged distinct, best first.

    For registry editors only (the page checks the role): the pairs show legal names.
    """
    people = {
        str(p.pk): p
        for p in Person.objects.filter(merged_into__isnull=True)
        .prefetch_related("names", "units")
        .annotate(event_count=Count("events", distinct=True))
    }
    dismissed = _dismissed("person")
    proposals = [p for p in duplicates.propose_people(people.values()) if p.pair not in dismissed]
    ids = {pk for proposal in proposals for pk in proposal.pair}
    sources: dict[str, set[str]] = {pk: set() for pk in ids}
    evidence = Evidence.objects.filter(retracted_at__isnull=True)
    for person_id, source_id in evidence.filter(person__in=ids).values_list("person", "source"):
        sources[str(person_id)].add(str(source_id))
    for person_id, source_id in evidence.filter(event__victims__in=ids).values_list(
        "event__victims", "source"
    ):
        sources[str(person_id)].add(str(source_id))
    return [
        DuplicatePair(
            people[p.first],
            people[p.second],
            p.score,
            p.reasons,
            {pk: {"events": people[pk].event_count, "sources": len(sources[pk])} for pk in p.pair},
        )
        for p in proposals
    ]


def duplicate_events(user) -> list[DuplicatePair]:
    """Events that look like one incident told twice and no analyst judged distinct."""
    events = {
        str(e.pk): e
        for e in _visible_events(user)
        .select_related("place", "facility", "perpetrator_unit")
        .prefetch_related("victims__names")
        .annotate(source_count=Count("evidence__source", distinct=True))
    }
    dismissed = _dismissed("event")
    return [
        DuplicatePair(
            events[p.first],
            events[p.second],
            p.score,
            p.reasons,
            {pk: {"sources": events[pk].source_count} for pk in p.pair},
        )
        for p in duplicates.propose_events(events.values())
        if p.pair not in dismissed
    ]


def person_merge_get(user, merge_id) -> PersonMerge:
    try:
        return PersonMerge.objects.select_related("keep", "merged").get(pk=merge_id)
    except (PersonMerge.DoesNotExist, ValueError):
        raise Http404 from None


def event_merge_get(user, merge_id) -> EventMerge:
    try:
        return EventMerge.objects.select_related("keep", "merged").get(pk=merge_id)
    except (EventMerge.DoesNotExist, ValueError):
        raise Http404 from None


def person_for_merge(user, person_id) -> Person:
    """An active person, as the merge and dismiss forms name them."""
    try:
        return Person.objects.get(pk=person_id, merged_into__isnull=True)
    except (Person.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None


def event_for_merge(user, event_id) -> Event:
    try:
        return _visible_events(user).get(pk=event_id)
    except (Event.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
