"""Candidates for tracing requests: the registry searched with the linking engine (issue 4).

1. A case becomes one link record (sought name and other names, partial birth date, unit,
   last known place); every registry person one record per unit he served in (all names but
   pseudonyms), so that the unit the case names is compared with the right one.
2. The registry lives in a resident ``LinkIndex`` (``pipeline.linking.index``): the Splink
   engine's blocking and model, answering one case in milliseconds at a million people. The
   best ``TOP`` above ``THRESHOLD`` become ``Candidate`` rows. A person a later search no
   longer proposes stays, marked inactive, with the judgements made on him.
3. A new person (or a new name, a merge, a split) re-runs the search of every open case
   whose blocking keys meet him, found through a second resident index of the open cases.

Both indexes are kept current from the audit trail, which every write appends to in its own
transaction: a lookup first reloads the people (or cases) that entries after the index's
watermark name. A connection also sees its own uncommitted writes (the audit service lists
the entries it wrote in the open transaction): the watermark then stays before them and what
was loaded is remembered as unsettled, reloaded by every later lookup from that lookup's own
view until one after the commit settles it. A rollback thus never leaves a phantom person.

Matching runs in the transaction of the change that caused it, not in ``on_commit``: the
candidates and their audit entry commit or roll back with the case or the person, so a crash
can never leave a case whose stored candidates miss a person the registry holds.
"""

import re
import threading
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from tracedesk.audit.models import AuditEntry
from tracedesk.audit.services import audit_record, uncommitted_seqs
from tracedesk.core.dates import parse_partial_date
from tracedesk.pipeline.linking.engine import Candidate as Match
from tracedesk.pipeline.linking.index import LinkIndex
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

# A person is indexed once per unit: up to this many units of his are compared with a case.
MAX_UNIT_VARIANTS = 4
_VARIANT = "|"  # person id | unit index: the index's record ids; UUIDs hold no "|"

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


def _person_names(person: Person) -> tuple[str, ...]:
    """The names a person can be found by. Pseudonyms are stand-ins, not names: never."""
    return _names(
        [name.full_name for name in person.names.all() if name.kind != PersonName.Kind.PSEUDONYM]
    )


def person_record(person: Person, sought_unit: str = "") -> LinkRecord | None:
    """A person as one link record, with the unit that fits ``sought_unit`` best."""
    names = _person_names(person)
    if not names:
        return None
    return LinkRecord(
        id=str(person.pk),
        names=names,
        birth_date=birth_date(person.birth_date),
        unit=_unit(person, sought_unit),
        place=person.home_region,
    )


def person_records(person: Person) -> list[LinkRecord]:
    """A person as the index holds him: one record per unit (numbered units first)."""
    names = _person_names(person)
    if not names or person.merged_into_id is not None:
        return []
    texts = [unit.designation or unit.name for unit in person.units.all()]
    texts.sort(key=lambda text: not _DIGITS.search(text))  # stable: numbered ones first
    born = birth_date(person.birth_date)
    return [
        LinkRecord(
            id=f"{person.pk}{_VARIANT}{i}",
            names=names,
            birth_date=born,
            unit=unit,
            place=person.home_region,
        )
        for i, unit in enumerate(texts[:MAX_UNIT_VARIANTS] or [""])
    ]


def _load_people(ids: Iterable[str] | None) -> dict[str, list[LinkRecord]]:
    people = Person.objects.prefetch_related("names", "units")
    if ids is not None:
        people = people.filter(pk__in=list(ids))
    return {str(person.pk): person_records(person) for person in people.iterator(2000)}


def _load_cases(ids: Iterable[str] | None) -> dict[str, list[LinkRecord]]:
    cases = TracingRequest.objects.filter(status__in=OPEN_STATUSES)
    if ids is not None:
        cases = cases.filter(pk__in=list(ids))
    found = {}
    for case in cases.iterator(2000):
        record = request_record(case)
        found[str(case.pk)] = [record] if record is not None else []
    return found


def _people_in(entry: AuditEntry) -> list[str]:
    ids = [entry.object_id] if entry.object_type == "registry.person" else []
    if entry.action in {"person.merge", "person.split"} and isinstance(entry.data, dict):
        ids.append(str(entry.data.get("merged", "")))
    return [i for i in ids if i]


def _cases_in(entry: AuditEntry) -> list[str]:
    return [entry.object_id] if entry.object_type == "tracing.tracingrequest" else []


class ResidentIndex:
    """A ``LinkIndex`` of one kind of object, kept current from the audit trail.

    ``load(ids)`` gives the records of those objects as this connection sees them (an id
    with no records, or absent, is dropped from the index; ``None``: every object);
    ``affected(entry)`` names the objects an audit entry may have changed. See the module
    docstring for how uncommitted writes are handled.
    """

    def __init__(
        self,
        load: Callable[[Iterable[str] | None], dict[str, list[LinkRecord]]],
        affected: Callable[[AuditEntry], list[str]],
        object_types: tuple[str, ...],
    ) -> None:
        self._load = load
        self._affected = affected
        self._object_types = object_types
        self._lock = threading.Lock()
        self._index: LinkIndex | None = None
        self._variants: dict[str, list[str]] = {}  # object id -> its record ids in the index
        self._settled = 0  # audit seq up to which the index holds committed state
        self._anchor: tuple[int, str] | None = None  # the last entry at or before it
        self._unsettled: set[str] = set()  # ids loaded from a view that may not commit
        self._alias = ""
        self.builds = 0  # full builds so far: the first, and one per database change behind it

    def reset(self) -> None:
        """Forget everything; the next lookup builds anew (another database, a restore)."""
        with self._lock:
            self._index = None

    def _put(self, loaded: dict[str, list[LinkRecord]], ids: Iterable[str]) -> None:
        assert self._index is not None
        for object_id in ids:
            for record_id in self._variants.pop(object_id, ()):
                self._index.discard(record_id)
            records = loaded.get(object_id, [])
            for record in records:
                self._index.add(record)
            if records:
                self._variants[object_id] = [record.id for record in records]

    def _anchor_now(self) -> tuple[int, str] | None:
        """The last audit entry at or before the watermark, as (seq, hash)."""
        entries = AuditEntry.objects.filter(seq__lte=self._settled).order_by("-seq")
        return entries.values_list("seq", "entry_hash").first()

    def _current(self) -> LinkIndex:
        """The index brought up to what this connection sees; the caller holds the lock."""
        if self._index is not None and self._anchor_now() != self._anchor:
            # The trail the index was built from is not this one (a restored or emptied
            # database): build anew.
            self._index = None
        if self._index is None or self._alias != connection.alias:
            self.builds += 1
            self._index = LinkIndex()
            self._variants = {}
            self._alias = connection.alias
            self._settled = AuditEntry.objects.aggregate(top=Max("seq"))["top"] or 0
            self._unsettled = set()
            loaded = self._load(None)
            self._put(loaded, loaded)
            # This view may include this transaction's own writes: rescan from before them.
            own = uncommitted_seqs()
            if own:
                self._settled = min(self._settled, min(own) - 1)
        entries = AuditEntry.objects.filter(
            seq__gt=self._settled, object_type__in=self._object_types
        ).only("seq", "action", "object_type", "object_id", "data")
        touched = set(self._unsettled)
        top = self._settled
        for entry in entries.order_by("seq").iterator(2000):
            touched.update(self._affected(entry))
            top = entry.seq
        if touched:
            self._put(self._load(touched), touched)
        own = uncommitted_seqs()
        if own:
            # What this transaction wrote may yet roll back (and on SQLite its seqs be
            # reused): settle only up to before it, and reload what was touched next time.
            self._settled = max(self._settled, min(top, min(own) - 1))
            self._unsettled = touched
            transaction.on_commit(self.settle)
        else:
            self._settled, self._unsettled = top, set()
        self._anchor = self._anchor_now()
        return self._index

    def settle(self) -> None:
        """Bring the index up to the committed state (run after a commit)."""
        with self._lock:
            if self._index is not None:
                self._current()

    def lookup(self, query: LinkRecord, *, top: int, threshold: float) -> list[Match]:
        """The best ``top`` objects for the query, one candidate per object, best first."""
        with self._lock:
            index = self._current()
            # One object may stand in the index several times (a person per unit).
            matches = index.lookup(query, top=top * MAX_UNIT_VARIANTS, threshold=threshold)
        best: dict[str, Match] = {}
        for match in matches:
            object_id = match.id.split(_VARIANT, 1)[0]
            if object_id not in best:
                best[object_id] = Match(object_id, match.score, match.weight, match.reasons)
        return list(best.values())[:top]


PEOPLE = ResidentIndex(_load_people, _people_in, ("registry.person",))
OPEN_CASES = ResidentIndex(_load_cases, _cases_in, ("tracing.tracingrequest",))


@transaction.atomic
def match_request(*, actor: Any, request: TracingRequest, trigger: str) -> list[Candidate]:
    """Search the registry for one case and store what it finds (no access check: callers do)."""
    query = request_record(request)
    found = {}
    if query is not None:
        matches = PEOPLE.lookup(query, top=TOP, threshold=THRESHOLD)
        # The index follows the audit trail; the table is the truth.
        present = set(
            map(
                str,
                Person.objects.filter(
                    pk__in=[m.id for m in matches], merged_into__isnull=True
                ).values_list("pk", flat=True),
            )
        )
        found = {match.id: match for match in matches if match.id in present}
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

    The person, one record per unit, is looked up in the index of open cases: the cases it
    pairs with at all (whatever the score) share a blocking key with him, and only they are
    searched again, each against the whole registry, so their top ``TOP`` stays right.
    """
    person = Person.objects.prefetch_related("names", "units").get(pk=person.pk)
    paired: set[str] = set()
    for record in person_records(person):
        # A threshold of 0 and no practical top: every case sharing a key.
        paired.update(m.id for m in OPEN_CASES.lookup(record, top=10_000, threshold=0.0))
    if not paired:
        return []
    touched = list(TracingRequest.objects.filter(pk__in=paired, status__in=OPEN_STATUSES))
    for request in sorted(touched, key=lambda r: str(r.pk)):
        match_request(actor=actor, request=request, trigger=trigger)
    return touched
