"""Reads from the registry, scoped by the user's role. Views never query models directly."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from tracedesk.accounts import roles
from tracedesk.audit.services import audit_record
from tracedesk.pipeline.names import search_key
from tracedesk.registry.models import (
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
                    queryset=PersonMerge.objects.filter(split_at__isnull=True).select_related(
                        "merged"
                    ),
                    to_attr="active_merges",
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
