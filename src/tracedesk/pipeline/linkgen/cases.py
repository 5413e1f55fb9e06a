"""Tracing-request cases: a registry, queries against it, and the truth (issue 4).

``generate`` fixes everything by the seed. The registry is a lazy iterator (person ``i``
has its own random stream, see ``people``), so a million records stream to a file without
being held; the queries pick their people by index and are few enough to keep. A share of
queries seeks people who are not in the registry (truth ``None``): half of them namesakes
of a registry person with another birth year and unit, the hardest negatives a tracing
desk meets, half other people altogether.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Final, NamedTuple

from tracedesk.pipeline.linkgen.people import (
    ABSENT,
    DISTRACTOR,
    QUERIES,
    LinkRecord,
    Person,
    World,
    namesake,
    person_at,
    registry_record,
    stream,
)
from tracedesk.pipeline.linkgen.variants import (
    DISTORTION_NAMES,
    applicable,
    compatible,
    distort,
)

STANDARD_SEED: Final = 20261125
SHARE_ABSENT: Final = 0.1  # enough absent people to measure precision at a threshold
SHARE_COMBINED: Final = 0.5  # queries with one to two more distortions beside the main one
MAX_TRIES: Final = 50  # people drawn for a distortion before it is skipped for this query


class Cases(NamedTuple):
    """A generated case set: registry (lazy), queries, truth, each query's distortions, and
    the person each query seeks (ids starting with "X" are not in the registry)."""

    registry: Iterator[LinkRecord]
    queries: list[LinkRecord]
    truth: dict[str, str | None]
    distortions: dict[str, tuple[str, ...]]
    sought: dict[str, Person]


def registry_people(seed: int, n_registry: int) -> Iterator[Person]:
    """The registry's people, one at a time."""
    world = World(seed)
    for index in range(n_registry):
        yield person_at(world, index)


def registry_records(seed: int, n_registry: int) -> Iterator[LinkRecord]:
    """The registry's records, one at a time."""
    for person in registry_people(seed, n_registry):
        yield registry_record(person)


def _absent_person(world: World, index: int, n_registry: int) -> Person:
    person = person_at(world, index, kind=ABSENT, prefix="X")
    rng = stream(world.seed, ABSENT | DISTRACTOR, index)
    if rng.random() < 0.5:
        anchor = person_at(world, rng.randrange(n_registry))
        return namesake(world, person, anchor, rng)
    return person


def generate(
    seed: int,
    n_registry: int,
    n_queries: int,
    *,
    distortions: Sequence[str] = DISTORTION_NAMES,
    absent_share: float = SHARE_ABSENT,
) -> Cases:
    """A case set for ``seed``: the same arguments always give the same cases.

    Query ``q`` takes main distortion ``distortions[q % len(distortions)]``, so every kind is
    measured about equally often, and with probability SHARE_COMBINED one or two more.
    """
    unknown = set(distortions) - set(DISTORTION_NAMES)
    if unknown:
        raise ValueError(f"unknown distortions: {sorted(unknown)}")
    world = World(seed)
    queries: list[LinkRecord] = []
    truth: dict[str, str | None] = {}
    kinds: dict[str, tuple[str, ...]] = {}
    sought: dict[str, Person] = {}
    for q in range(n_queries):
        rng = stream(seed, QUERIES, q)
        query_id = f"Q{q:06d}"
        main = distortions[q % len(distortions)]
        absent = rng.random() < absent_share
        # 1. The person sought, one the main distortion applies to.
        for _ in range(MAX_TRIES):
            if absent:
                person = _absent_person(world, rng.randrange(1 << 31), n_registry)
            else:
                person = person_at(world, rng.randrange(n_registry))
            if applicable(person, main):
                break
        # 2. The distortions: the main one, sometimes one or two more that fit with it.
        names = [main] if applicable(person, main) else []
        if rng.random() < SHARE_COMBINED:
            for _ in range(1 + rng.randrange(2)):
                extra = distortions[rng.randrange(len(distortions))]
                if applicable(person, extra) and compatible(names, extra):
                    names.append(extra)
        # 3. The query record.
        queries.append(distort(person, names, rng, query_id))
        truth[query_id] = None if absent else person.id
        kinds[query_id] = tuple(n for n in DISTORTION_NAMES if n in names)
        sought[query_id] = person
    return Cases(registry_records(seed, n_registry), queries, truth, kinds, sought)


class CasePaths(NamedTuple):
    """The files of a written case set."""

    registry: Path
    queries: Path
    truth: Path


def _line(record: object) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_jsonl(path: Path, records: Iterable[object]) -> int:
    """Write ``records`` as JSON Lines (UTF-8, one per line); return how many."""
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for record in records:
            out.write(_line(record))
            count += 1
    return count


def write_cases(cases: Cases, directory: Path) -> CasePaths:
    """Write ``registry.jsonl``, ``queries.jsonl`` and ``truth.jsonl`` into ``directory``.

    Truth lines are ``{"query", "person", "distortions"}`` with ``person`` null for someone
    who is not in the registry.
    """
    directory.mkdir(parents=True, exist_ok=True)
    paths = CasePaths(
        directory / "registry.jsonl", directory / "queries.jsonl", directory / "truth.jsonl"
    )
    write_jsonl(paths.registry, cases.registry)
    write_jsonl(paths.queries, cases.queries)
    write_jsonl(
        paths.truth,
        (
            {"query": query_id, "person": person, "distortions": list(cases.distortions[query_id])}
            for query_id, person in cases.truth.items()
        ),
    )
    return paths


def read_jsonl(path: Path) -> Iterator[dict[str, object]]:
    """The JSON objects of a JSON Lines file, one at a time."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)
