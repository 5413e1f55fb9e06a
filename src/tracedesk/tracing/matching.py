"""Candidates for tracing requests: the registry searched with the linking engine (issue 4).

1. A case becomes one link record (sought name and other names, partial birth date, unit,
   last known place); every registry person another (all names but pseudonyms).
2. ``pipeline.linking.engine.link`` blocks, scores and explains; the best ``TOP`` above
   ``THRESHOLD`` become ``Candidate`` rows. A person a later search no longer proposes stays,
   marked inactive, with the judgements made on him.
3. A new person (or a new name) re-runs the search of every open case whose blocking keys
   meet him.

Matching runs in the transaction of the change that caused it, not in ``on_commit``: the
candidates and their audit entry commit or roll back with the case or the person, so a crash
can never leave a case whose stored candidates miss a person the registry holds. The price
is that the Splink run (a few tenths of a second on a small registry) holds the write lock.
"""

import re
from typing import Any

from django.db import transaction
from django.utils import timezone

from tracedesk.audit.services import audit_record
from tracedesk.core.dates import parse_partial_date
from tracedesk.pipeline.linking.records import BirthDate, InvalidRecord, LinkRecord, check_name
from tracedesk.registry.models import Person, PersonName
from tracedesk.tracing.models import Candidate, TracingRequest, TracingStatus

# How many candidates a case keeps from one search: more than a caseworker reads, so that
# the right man is there when the name was badly spelled.
TOP = 10
# Below one chance in ten the pair shares a key but disagrees on the given name or the
# birth year (a brother, a namesake): listing such pairs buries the real candidates.
THRESHOLD = 0.1
# Cases still looking for someone; located, confirmed dead and closed cases are not re-run.
OPEN_STATUSES = (TracingStatus.OPEN, TracingStatus.SEARCHING, TracingStatus.CANDIDATE_FOUND)
# The fields of a case a search reads: editing one of them re-runs the search.
MATCH_FIELDS = frozenset(
    {"sought_name", "sought_other_names", "sought_birth_date", "sought_unit", "last_known_place"}
)

_DIGITS = re.compile(r"\d+")


def birth_date(value: str) -> BirthDate | None:
    """A partial ISO date as the engine's birth date; ``--MM-DD`` has no year, so None."""
    if not value:
        return None
    parsed = parse_partial_date(value, field="birth_date")
    if parsed.year is None:
        return None
    return BirthDate(parsed.year, parsed.month, parsed.day)


def _names(values: list[str]) -> tuple[str, ...]:
    """The names the engine can read; a name without letters or with mixed scripts is skipped."""
    names = []
    for index, value in enumerate(values):
        try:
            names.append(check_name(value, index))
        except InvalidRecord:
            continue
    return tuple(dict.fromkeys(names))


def request_record(request: TracingRequest) -> LinkRecord | None:
    names = _names([request.sought_name, *request.sought_other_names.splitlines()])
    if not names:
        return None
    return LinkRecord(
        id=str(request.pk),
        names=names,
        birth_date=birth_date(request.sought_birth_date),
        unit=request.sought_unit,
        place=request.last_known_place,
    )


def _unit(person: Person, sought_unit: str) -> str:
    """The person's unit that bears the sought number, else his first numbered one."""
    texts = [unit.designation or unit.name for unit in person.units.all()]
    wanted = "".join(_DIGITS.findall(sought_unit))
    for text in texts:
        if wanted and "".join(_DIGITS.findall(text)) == wanted:
            return text
    numbered = [text for text in texts if _DIGITS.search(text)]
    return (numbered or texts or [""])[0]


def person_record(person: Person, sought_unit: str = "") -> LinkRecord | None:
    """A person as a link record. Pseudonyms are stand-ins, not names: they never match."""
    names = _names(
        [name.full_name for name in person.names.all() if name.kind != PersonName.Kind.PSEUDONYM]
    )
    if not names:
        return None
    return LinkRecord(
        id=str(person.pk),
        names=names,
        birth_date=birth_date(person.birth_date),
        unit=_unit(person, sought_unit),
        place=person.home_region,
    )


def _link(queries: list[LinkRecord], registry: list[LinkRecord], **options: Any) -> dict:
    # Imported here: Splink takes a second to import, and most requests never match.
    from tracedesk.pipeline.linking.engine import link

    return link(queries, registry, **options)


@transaction.atomic
def match_request(*, actor: Any, request: TracingRequest, trigger: str) -> list[Candidate]:
    """Search the registry for one case and store what it finds (no access check: callers do).

    Loads the whole registry in three queries (people, names, units). At 100k people and
    more this wants the resident index of decision 0004 instead of a Splink run per case.
    """
    query = request_record(request)
    found = {}
    if query is not None:
        people = Person.objects.prefetch_related("names", "units")
        records = [person_record(p, request.sought_unit) for p in people]
        registry = [record for record in records if record is not None]
        if registry:
            matches = _link([query], registry, top=TOP, threshold=THRESHOLD)[query.id]
            found = {match.id: match for match in matches}
    now = timezone.now()
    existing = {str(c.person_id): c for c in Candidate.objects.filter(request=request)}
    added, dropped = [], []
    for person_id, match in found.items():
        candidate = existing.get(person_id)
        if candidate is None:
            candidate = Candidate(request=request, person_id=person_id)
            added.append(person_id)
        candidate.score = match.score
        candidate.reasons = list(match.reasons)
        candidate.found_at = now
        candidate.active = True
        candidate.save()
    for person_id, candidate in existing.items():
        if person_id not in found and candidate.active:
            candidate.active = False
            candidate.save(update_fields=["active", "updated_at"])
            dropped.append(person_id)
    # Person ids only: the trail never holds names.
    audit_record(
        actor=actor,
        action="tracing.candidates",
        target=request,
        data={
            "trigger": trigger,
            "found": len(found),
            "added": sorted(added),
            "inactive": sorted(dropped),
        },
    )
    return list(Candidate.objects.filter(request=request, active=True).select_related("person"))


def find_candidates(*, actor: Any, request: TracingRequest) -> list[Candidate]:
    """Search the registry for a case the actor works on; returns its active candidates."""
    from tracedesk.tracing.services import require_case_access

    require_case_access(actor, request)
    return match_request(actor=actor, request=request, trigger="search")


@transaction.atomic
def rematch_for_person(*, actor: Any, person: Person, trigger: str) -> list[TracingRequest]:
    """Re-run the search of the open cases the person could be found by; returns them.

    One Splink run pairs every open case with this person alone, under the engine's own
    blocking rules; only the cases it pairs at all (whatever the score) are searched again,
    each against the whole registry, so their top ``TOP`` stays right. With no open case
    nothing runs. The cost grows with open cases × registry size for the cases that meet
    the person; cheap today, a resident index's job at scale.
    """
    requests = list(TracingRequest.objects.filter(status__in=OPEN_STATUSES))
    queries = [record for record in map(request_record, requests) if record is not None]
    if not queries:
        return []
    person = Person.objects.prefetch_related("names", "units").get(pk=person.pk)
    target = person_record(person)
    if target is None:
        return []
    pairs = _link(queries, [target], top=1, threshold=0.0)
    touched = [request for request in requests if pairs.get(str(request.pk))]
    for request in touched:
        match_request(actor=actor, request=request, trigger=trigger)
    return touched
