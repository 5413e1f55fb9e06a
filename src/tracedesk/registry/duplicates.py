"""Which records may be duplicates of each other (issue 4): the proposal computation.

People: the registry is linked against itself with the engine tracing uses
(``pipeline.linking.engine.link`` over ``tracing.matching.person_record``), self-pairs are
dropped and each unordered pair is kept once with its best score and the engine's reasons.
Events: by rule — same type, overlapping dates, the same facility (or the same place when
neither has a facility), and at least one victim in common or the same perpetrator unit.

Both functions take plain querysets and return plain pairs: the selectors decide who is
looked at and drop what an analyst dismissed. This is the one place to switch to a resident
index when a Splink run over the whole registry becomes too slow (decision 0004); at demo
scale it takes about a second.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tracedesk.registry.models import Event, Person

# How many other records each person is compared with, and the least match probability a
# pair needs to be proposed: a namesake with another birth year stays below it.
TOP = 5
PERSON_THRESHOLD = 0.5


@dataclass(frozen=True)
class Proposal:
    """Two record ids (the smaller first), how likely they are the same, and why."""

    first: str
    second: str
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def pair(self) -> tuple[str, str]:
        return self.first, self.second


def ordered(a: object, b: object) -> tuple[str, str]:
    first, second = sorted([str(a), str(b)])
    return first, second


def propose_people(
    people: Iterable[Person], *, threshold: float = PERSON_THRESHOLD
) -> list[Proposal]:
    """Pairs of people the linking engine finds alike, best first.

    ``people`` should prefetch ``names`` and ``units``; pseudonyms never match (they are
    stand-ins, not names), so people known by a pseudonym alone are never proposed.
    """
    # Imported here: tracing's matching imports the registry's services; Splink is slow to load.
    from tracedesk.pipeline.linking.engine import link
    from tracedesk.tracing.matching import person_record

    records = [record for record in map(person_record, people) if record is not None]
    if len(records) < 2:
        return []
    found = link(records, records, top=TOP + 1, threshold=threshold)
    best: dict[tuple[str, str], Proposal] = {}
    for query, matches in found.items():
        for match in matches:
            if match.id == query:
                continue
            pair = ordered(query, match.id)
            known = best.get(pair)
            if known is None or match.score > known.score:
                best[pair] = Proposal(*pair, score=match.score, reasons=list(match.reasons))
    return sorted(best.values(), key=lambda p: (-p.score, p.pair))


def _overlap(a: Event, b: Event) -> bool:
    if a.date_min is None or b.date_min is None:
        return False
    return a.date_min <= (b.date_max or b.date_min) and b.date_min <= (a.date_max or a.date_min)


def _same_site(a: Event, b: Event) -> str:
    if a.facility_id or b.facility_id:
        return _("same facility") if a.facility_id == b.facility_id else ""
    if a.place_id and a.place_id == b.place_id:
        return _("same place")
    return ""


def propose_events(events: Iterable[Event]) -> list[Proposal]:
    """Pairs of events that look like one incident told twice, by rule.

    ``events`` should prefetch ``victims``. The score is the share of the rules' optional
    signs that hold (shared victims, same unit), so pairs with both come first.
    """
    by_type: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.date_min is not None:
            by_type[event.type].append(event)
    proposals = []
    for group in by_type.values():
        group.sort(key=lambda e: (e.date_min, str(e.pk)))
        for index, a in enumerate(group):
            end = a.date_max or a.date_min
            for b in group[index + 1 :]:
                if b.date_min > end:  # sorted by start: no later event can overlap
                    break
                proposal = _event_pair(a, b)
                if proposal is not None:
                    proposals.append(proposal)
    return sorted(proposals, key=lambda p: (-p.score, p.pair))


def _event_pair(a: Event, b: Event) -> Proposal | None:
    if not _overlap(a, b):
        return None
    site = _same_site(a, b)
    if not site:
        return None
    shared = {p.pk for p in a.victims.all()} & {p.pk for p in b.victims.all()}
    same_unit = a.perpetrator_unit_id is not None and (
        a.perpetrator_unit_id == b.perpetrator_unit_id
    )
    if not shared and not same_unit:
        return None
    reasons = [_("same type"), _("overlapping dates"), site]
    if shared:
        reasons.append(_("%(n)s victim(s) in common") % {"n": len(shared)})
    if same_unit:
        reasons.append(_("same perpetrator unit"))
    score = (0.5 if shared else 0.0) + (0.5 if same_unit else 0.0)
    return Proposal(*ordered(a.pk, b.pk), score=score, reasons=reasons)
