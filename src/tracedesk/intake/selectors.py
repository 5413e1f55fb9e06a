"""Reads for the review queue. Only registry editors see drafts: they hold unverified names.

Besides the drafts themselves, the review page needs what the registry already knows that the
draft may be about: the place, facility and unit it would reuse, the people it may name, and
the events it may repeat. Those lookups only read; ``services.draft_accept`` decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tracedesk.accounts import roles
from tracedesk.core.dates import date_bounds
from tracedesk.core.exceptions import ApplicationError, PermissionDenied
from tracedesk.intake.models import Draft, IngestRun
from tracedesk.pipeline.names import search_key
from tracedesk.registry import selectors as registry
from tracedesk.registry.models import Event, Facility, Person, PersonName, Place, Unit
from tracedesk.registry.visibility import display_name

# The queue's order: report by report as they were read, each report's events in text order.
QUEUE_ORDER = ("analysis__created_at", "analysis_id", "position")
# Reports date events loosely ("in early July", "last month"): an event within a month either
# side of the draft's dates may be the same one.
DATE_WINDOW = dt.timedelta(days=31)
# Weights of what an existing event shares with a draft; a shared victim says the most.
SHARED_VICTIM, SAME_FACILITY, SAME_PLACE, NEAR_DATE = 3, 2, 1, 1
MAX_EVENT_CANDIDATES = 8
MAX_PERSON_CANDIDATES = 5


def _require_editor(user: Any) -> None:
    if not roles.can_edit_registry(user):
        raise PermissionDenied(_("Only analysts and admins review drafts."))


# 1. The queue.


def draft_list(
    user: Any,
    *,
    status: str = Draft.Status.PENDING,
    source: Any = None,
    type: str = "",  # noqa: A002 - the domain's own word for it
    q: str = "",
) -> QuerySet[Draft]:
    """Drafts in queue order; an empty ``status`` means every status."""
    _require_editor(user)
    drafts = Draft.objects.select_related("source", "analysis", "reviewed_by", "event")
    if status:
        drafts = drafts.filter(status=status)
    if source is not None:
        drafts = drafts.filter(source=source)
    if type:
        drafts = drafts.filter(type=type)
    if q.strip():
        drafts = drafts.filter(
            Q(payload__title__icontains=q.strip())
            | Q(source__title__icontains=q.strip())
            | Q(source__outlet__icontains=q.strip())
        )
    return drafts.order_by(*QUEUE_ORDER)


def pending_count(user: Any) -> int:
    """How many drafts wait for a decision; 0 for roles that may not review them."""
    if not roles.can_edit_registry(user):
        return 0
    return Draft.objects.filter(status=Draft.Status.PENDING).count()


def source_draft_count(user: Any, source: Any) -> int:
    """How many drafts were made from this source; 0 for roles that may not review them."""
    if not roles.can_edit_registry(user):
        return 0
    return Draft.objects.filter(source=source).count()


def draft_get(user: Any, draft_id: Any) -> Draft:
    """One draft with its source; reading a testimony's text is audited as on the source page."""
    _require_editor(user)
    try:
        draft = Draft.objects.select_related("analysis", "reviewed_by", "event").get(pk=draft_id)
    except (Draft.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    draft.source = registry.source_get(user, draft.source_id)
    return draft


def draft_status(user: Any, draft_id: Any) -> str:
    """The draft's status as stored now (another analyst may have just decided it)."""
    _require_editor(user)
    return Draft.objects.values_list("status", flat=True).get(pk=draft_id)


def _after(draft: Draft) -> Q:
    made = draft.analysis.created_at
    return (
        Q(analysis__created_at__gt=made)
        | Q(analysis__created_at=made, analysis_id__gt=draft.analysis_id)
        | Q(analysis_id=draft.analysis_id, position__gt=draft.position)
    )


def _before(draft: Draft) -> Q:
    made = draft.analysis.created_at
    return (
        Q(analysis__created_at__lt=made)
        | Q(analysis__created_at=made, analysis_id__lt=draft.analysis_id)
        | Q(analysis_id=draft.analysis_id, position__lt=draft.position)
    )


def draft_neighbours(user: Any, draft: Draft) -> tuple[Draft | None, Draft | None]:
    """The pending drafts just before and just after this one in queue order."""
    pending = draft_list(user)
    previous = pending.filter(_before(draft)).order_by(*(f"-{k}" for k in QUEUE_ORDER)).first()
    following = pending.filter(_after(draft)).first()
    return previous, following


def next_pending_of_source(user: Any, draft: Draft) -> Draft | None:
    """Where to go after deciding a draft: the source's next pending draft, if any."""
    return draft_list(user, source=draft.source_id).exclude(pk=draft.pk).first()


def ingest_run_list(user: Any) -> QuerySet[IngestRun]:
    _require_editor(user)
    return IngestRun.objects.select_related("started_by").order_by("-created_at")


# 2. What the registry already knows: the lookups services.resolve_* reuse before creating,
# read-only here so that the page can say "reused" or "created" before the analyst decides.


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def known_place(drafted: dict[str, Any] | None) -> Place | None:
    """The registry's place for a drafted one (by GeoNames id, else by name), if any."""
    if not drafted:
        return None
    if drafted.get("geonameid"):
        known = Place.objects.filter(geonameid=drafted["geonameid"]).first()
        if known is not None:
            return known
    return Place.objects.filter(geonameid__isnull=True, name_en__iexact=drafted["name"]).first()


def known_facility(drafted: dict[str, Any] | None) -> Facility | None:
    """An existing facility of the drafted name or alias, at the drafted place."""
    if not drafted:
        return None
    place = known_place(drafted.get("place"))
    if drafted.get("place") and place is None:
        return None  # a new place has no facilities yet
    candidates = Facility.objects.filter(place=place) if place else Facility.objects.all()
    for facility in candidates.select_related("place"):
        if any(_same_name(drafted["name"], n) for n in [facility.name, *facility.aliases]):
            return facility
    return None


def known_unit(drafted: dict[str, Any] | None) -> Unit | None:
    """An existing unit with the drafted number, name or alias."""
    if not drafted:
        return None
    designation = drafted.get("designation") or ""
    if designation:
        known = Unit.objects.filter(designation__in=[designation, f"в/ч {designation}"]).first()
        if known is not None:
            return known
    for unit in Unit.objects.all():
        if any(_same_name(drafted["name"], n) for n in [unit.name, *unit.aliases]):
            return unit
    return None


@dataclass
class PersonCandidate:
    """An existing person a drafted name may mean, and why."""

    person: Person
    label: str
    reasons: list[str]
    full: bool  # every word of the drafted name is one of the person's names' words
    score: float


@dataclass
class DraftedPerson:
    index: int
    drafted: dict[str, Any]
    candidates: list[PersonCandidate] = field(default_factory=list)

    @property
    def best(self) -> PersonCandidate | None:
        """The candidate to offer first: only one that matches the whole name."""
        return self.candidates[0] if self.candidates and self.candidates[0].full else None


def _visible_names(user: Any) -> QuerySet[PersonName]:
    """Names this user may search by, as the registry's people search allows."""
    names = PersonName.objects.all()
    if not roles.can_see_legal_names(user):
        names = names.filter(kind=PersonName.Kind.PSEUDONYM)
    elif not roles.can_see_protected_names(user):
        names = names.filter(
            Q(kind=PersonName.Kind.PSEUDONYM) | ~Q(person__sensitivity="protected")
        )
    return names


def _birth_reason(drafted: dict[str, Any], person: Person) -> tuple[float, str | None]:
    """Birth years that agree count for a candidate; years that differ count against."""
    year = drafted.get("birth_year")
    if not year or not person.birth_year:
        return 0.0, None
    slack = 1 if drafted.get("birth_year_estimated") else 0
    if abs(person.birth_year - int(year)) <= slack:
        return 1.0, _("born %(y)s") % {"y": person.birth_year}
    return -1.0, _("born %(y)s, the report suggests %(d)s") % {"y": person.birth_year, "d": year}


def person_candidates(user: Any, drafted: dict[str, Any]) -> list[PersonCandidate]:
    """Existing people whose names share the drafted name's search-key words, best first.

    The longest word of the name (usually the surname) must be one of a name's words; the
    other words and the birth year order the candidates.
    """
    keys = {search_key(drafted.get("name") or ""), search_key(drafted.get("latin") or "")}
    wanted = [key.split() for key in keys if key]
    if not wanted:
        return []
    anchors = {max(words, key=len) for words in wanted}
    query = Q()
    for anchor in anchors:
        query |= Q(search_key__contains=anchor)
    names = _visible_names(user).filter(query).select_related("person")[:200]
    best: dict[Any, PersonCandidate] = {}
    for name in names:
        have = set(name.search_key.split())
        for words in wanted:
            if max(words, key=len) not in have:
                continue
            matched = sum(word in have for word in words)
            full = matched == len(words)
            birth, born = _birth_reason(drafted, name.person)
            score = matched / len(words) + (1.0 if full else 0.0) + birth
            known = best.get(name.person_id)
            if known is not None and known.score >= score:
                continue
            reasons = [
                _("all of the name")
                if full
                else _("%(n)s of %(t)s name words") % {"n": matched, "t": len(words)}
            ]
            if born:
                reasons.append(born)
            best[name.person_id] = PersonCandidate(name.person, "", reasons, full, score)
    ranked = sorted(best.values(), key=lambda c: -c.score)[:MAX_PERSON_CANDIDATES]
    people = {
        p.pk: p
        for p in Person.objects.prefetch_related("names").filter(
            pk__in=[c.person.pk for c in ranked]
        )
    }
    for candidate in ranked:
        candidate.person = people[candidate.person.pk]
        candidate.label = display_name(user, candidate.person)
    return ranked


@dataclass
class EventCandidate:
    """An existing event the draft may report again, and what they share."""

    event: Event
    score: int
    reasons: list[str]


def _draft_bounds(draft: Draft) -> tuple[dt.date | None, dt.date | None]:
    date = draft.payload.get("date") or {}
    try:
        _s, _e, low, high = date_bounds(date.get("start") or "", date.get("end") or "")
    except ApplicationError:
        return None, None
    return low, high


def event_candidates(
    user: Any,
    draft: Draft,
    people: list[DraftedPerson],
    place: Place | None,
    facility: Facility | None,
) -> list[EventCandidate]:
    """Events of the draft's type sharing a victim, the facility, the place or the dates."""
    victims = {c.person.pk for p in people for c in p.candidates if c.full}
    low, high = _draft_bounds(draft)
    shares = Q(pk__in=[])
    if victims:
        shares |= Q(victims__in=victims)
    if facility is not None:
        shares |= Q(facility=facility)
    if place is not None:
        shares |= Q(place=place)
    if low is not None and high is not None:
        shares |= Q(date_min__lte=high + DATE_WINDOW, date_max__gte=low - DATE_WINDOW)
    events = (
        registry.event_list(user, type=draft.type)
        .exclude(verification=Event.Verification.REJECTED)
        .filter(shares)
        .distinct()[:100]
    )
    ranked = []
    for event in events:
        score, reasons = 0, []
        for victim in event.victims.all():
            if victim.pk in victims:
                score += SHARED_VICTIM
                reasons.append(_("names %(p)s") % {"p": display_name(user, victim)})
        if facility is not None and event.facility_id == facility.pk:
            score += SAME_FACILITY
            reasons.append(_("same facility"))
        if place is not None and event.place_id == place.pk:
            score += SAME_PLACE
            reasons.append(_("same place"))
        near = (
            low is not None
            and high is not None
            and event.date_min is not None
            and event.date_min <= high + DATE_WINDOW
            and (event.date_max or event.date_min) >= low - DATE_WINDOW
        )
        if near:
            score += NEAR_DATE
            reasons.append(_("dates within a month"))
        ranked.append(EventCandidate(event, score, reasons))
    ranked.sort(key=lambda c: (-c.score, _distance(c.event, low)))
    return ranked[:MAX_EVENT_CANDIDATES]


def _distance(event: Event, low: dt.date | None) -> int:
    if low is None or event.date_min is None:
        return 10**6
    return abs((event.date_min - low).days)


# 3. Everything the review page shows.


@dataclass
class Review:
    draft: Draft
    people: list[DraftedPerson]
    place: Place | None
    facility: Facility | None
    unit: Unit | None
    events: list[EventCandidate]
    others: list[Draft]
    previous: Draft | None
    following: Draft | None


def draft_review(user: Any, draft: Draft) -> Review:
    """The draft with what the registry knows about it, its source's other drafts, neighbours."""
    _require_editor(user)
    payload = draft.payload
    people = [
        DraftedPerson(i, drafted, person_candidates(user, drafted))
        for i, drafted in enumerate(payload.get("people") or [])
    ]
    place = known_place(payload.get("place"))
    facility = known_facility(payload.get("facility"))
    unit = known_unit(payload.get("unit"))
    if place is None and facility is not None:
        place = facility.place
    events = event_candidates(user, draft, people, place, facility)
    others = list(
        Draft.objects.filter(source_id=draft.source_id).exclude(pk=draft.pk).order_by("position")
    )
    previous, following = draft_neighbours(user, draft)
    return Review(draft, people, place, facility, unit, events, others, previous, following)
