"""The case generator: reproducible, lazy, with consistent truth and real distractors."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter

import pytest

from tracedesk.pipeline.linkgen.cases import (
    generate,
    read_jsonl,
    registry_people,
    registry_records,
    write_cases,
)
from tracedesk.pipeline.linkgen.people import (
    World,
    full_name,
    person_at,
    registry_record,
)
from tracedesk.pipeline.linkgen.variants import DISTORTION_NAMES

SEED = 20261125
N_REGISTRY = 2_000
N_QUERIES = 300


@pytest.fixture(scope="module")
def cases():
    return generate(SEED, N_REGISTRY, N_QUERIES)


@pytest.fixture(scope="module")
def registry(cases):
    return {record["id"]: record for record in cases.registry}


def identity(person):
    """What would make two records the same man: full name, birth date, unit."""
    name = full_name(person, person.lang, surname_first=False, with_patronymic=True)
    return name, person.birth, person.unit


def test_same_seed_writes_byte_identical_files(tmp_path):
    """Two runs with one seed write the same bytes; another seed writes other bytes."""
    first = write_cases(generate(SEED, 500, 80), tmp_path / "a")
    second = write_cases(generate(SEED, 500, 80), tmp_path / "b")
    other = write_cases(generate(SEED + 1, 500, 80), tmp_path / "c")
    for a, b, c in zip(first, second, other, strict=True):
        assert a.read_bytes() == b.read_bytes()
        assert a.read_bytes() != c.read_bytes()


SHA_SCRIPT = """
import hashlib, sys, tempfile
from pathlib import Path
from tracedesk.pipeline.linkgen.cases import generate, write_cases
paths = write_cases(generate(20261125, 300, 60), Path(tempfile.mkdtemp()))
print(" ".join(hashlib.sha256(p.read_bytes()).hexdigest() for p in paths))
"""


def test_same_seed_same_bytes_across_processes(tmp_path):
    """Other processes with other hash seeds write the very same files."""
    paths = write_cases(generate(SEED, 300, 60), tmp_path)
    here = " ".join(hashlib.sha256(p.read_bytes()).hexdigest() for p in paths)
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", SHA_SCRIPT], env=env, capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == here


def test_written_files_read_back(tmp_path, cases):
    """The truth file holds every query with its person and distortions."""
    paths = write_cases(generate(SEED, 500, 80), tmp_path)
    assert sum(1 for _ in read_jsonl(paths.registry)) == 500
    truth = list(read_jsonl(paths.truth))
    assert [line["query"] for line in truth] == [q["id"] for q in read_jsonl(paths.queries)]
    assert all(line["distortions"] for line in truth)


def test_registry_is_lazy_and_random_access():
    """The registry streams, and person i is the same whether streamed or built alone."""
    stream = registry_records(SEED, 10**9)  # a billion: only what is read gets built
    first = [next(stream) for _ in range(50)]
    world = World(SEED)
    assert first == [registry_record(person_at(world, i)) for i in range(50)]
    assert [record["id"] for record in first] == [f"P{i:07d}" for i in range(50)]


def test_records_have_the_link_format(registry, cases):
    """Records carry id, 1-2 names, a partial date, unit and place; queries may carry an age."""
    for record in registry.values():
        assert set(record) == {"id", "names", "birth_date", "unit", "place"}
        assert 1 <= len(record["names"]) <= 2
        assert record["birth_date"] is None or len(record["birth_date"]) in (4, 7, 10)
    precisions = Counter(
        None if r["birth_date"] is None else len(r["birth_date"]) for r in registry.values()
    )
    assert set(precisions) == {None, 4, 7, 10}
    for query in cases.queries:
        assert set(query) - {"age", "reported"} == {"id", "names", "birth_date", "unit", "place"}


def test_truth_is_consistent(registry, cases):
    """Every query has a truth; present ones point at the registry person the query was made from."""
    assert list(cases.truth) == [query["id"] for query in cases.queries]
    for query in cases.queries:
        person = cases.sought[query["id"]]
        truth = cases.truth[query["id"]]
        if truth is None:
            assert person.id.startswith("X")
        else:
            assert truth == person.id and truth in registry
            assert registry[truth] == registry_record(person)


def test_each_distortion_is_the_main_one_equally_often(cases):
    """Query q carries distortion q mod 15, so every kind is measured."""
    counts = Counter(
        DISTORTION_NAMES[i % len(DISTORTION_NAMES)]
        for i, query in enumerate(cases.queries)
        if DISTORTION_NAMES[i % len(DISTORTION_NAMES)] in cases.distortions[query["id"]]
    )
    assert set(counts) == set(DISTORTION_NAMES)
    assert min(counts.values()) >= N_QUERIES // len(DISTORTION_NAMES) - 2
    combined = sum(len(kinds) > 1 for kinds in cases.distortions.values())
    assert 0.3 * N_QUERIES < combined < 0.7 * N_QUERIES


def test_absent_people_are_not_in_the_registry(cases):
    """About a tenth of queries seek someone absent, and no registry person is that man."""
    absent = [q for q, person in cases.truth.items() if person is None]
    assert 0.05 * N_QUERIES < len(absent) < 0.15 * N_QUERIES
    identities = {identity(person) for person in registry_people(SEED, N_REGISTRY)}
    for query in absent:
        assert identity(cases.sought[query]) not in identities
    # Half of them are namesakes of a registry person: the hard negatives.
    namesakes = [cases.sought[q] for q in absent if cases.sought[q].namesake_of]
    assert len(namesakes) >= len(absent) // 4


def test_registry_has_brothers_and_namesakes():
    """Brothers share surname and patronymic; namesakes share the names but not the birth year."""
    world = World(SEED)
    people = list(registry_people(SEED, N_REGISTRY))
    brothers = [p for p in people if p.brother_of]
    namesakes = [p for p in people if p.namesake_of]
    assert len(brothers) > 0.03 * N_REGISTRY and len(namesakes) > 0.02 * N_REGISTRY
    for person in brothers:
        anchor = person_at(world, int(person.brother_of[1:]))
        assert (person.surname, person.father) == (anchor.surname, anchor.father)
        assert (person.given, person.birth.year) != (anchor.given, anchor.birth.year)
    for person in namesakes:
        anchor = person_at(world, int(person.namesake_of[1:]))
        assert (person.given, person.surname, person.sex) == (
            anchor.given,
            anchor.surname,
            anchor.sex,
        )
        assert person.birth.year != anchor.birth.year
    # And different people with the very same written name, as registries have.
    names = Counter(
        full_name(p, p.lang, surname_first=False, with_patronymic=False) for p in people
    )
    assert sum(count > 1 for count in names.values()) > 50


def test_registry_surnames_take_the_gender():
    """Women get feminine surnames where the language has them, men never do."""
    people = list(registry_people(SEED, N_REGISTRY))
    women = [registry_record(p)["names"][0] for p in people if p.sex == "f"]
    assert any(name.split()[0].endswith(("ова", "ева", "ська", "ская")) for name in women)
    men = [registry_record(p)["names"][0] for p in people if p.sex == "m"]
    assert not any(word.endswith(("ова", "ська")) for name in men for word in name.split())


def test_unknown_distortion_is_refused():
    """A misspelt distortion name is an error, not an empty case set."""
    with pytest.raises(ValueError, match="unknown distortions"):
        generate(SEED, 10, 10, distortions=["dimunitive"])


def test_distortions_can_be_chosen():
    """Only the distortions asked for are used."""
    chosen = generate(SEED, 200, 40, distortions=["diminutive", "year_only"])
    used = {kind for kinds in chosen.distortions.values() for kind in kinds}
    assert used == {"diminutive", "year_only"}
