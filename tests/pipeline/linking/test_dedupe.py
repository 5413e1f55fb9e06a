"""Duplicates within one registry: the same man twice is found, two namesakes are not."""

import pytest

from tracedesk.pipeline.linkgen.cases import STANDARD_SEED, generate
from tracedesk.pipeline.linking.dedupe import Pair, clusters, dedupe
from tracedesk.pipeline.linking.engine import link
from tracedesk.pipeline.linking.records import BirthDate, InvalidRecord, LinkRecord, parse_record


def rec(rid, *names, birth=None, unit=""):
    return LinkRecord(rid, tuple(names), birth, unit)


REGISTRY = [
    rec("ru", "Сидоренко Иван Петрович", birth=BirthDate(1998, 3, 2), unit="в/ч 3057"),
    rec("en", "Ivan Sydorenko", "Vanya Sydorenko", birth=BirthDate(1998, 3, 2), unit="3057"),
    rec("uk", "Іван Петрович Сидоренко", birth=BirthDate(1998)),
    rec("brother", "Сидоренко Игорь Петрович", birth=BirthDate(1996)),
    rec("ivanov-1970", "Иванов Иван Иванович", birth=BirthDate(1970)),
    rec("ivanov-2001", "Иванов Иван Сергеевич", birth=BirthDate(2001), unit="в/ч 12345"),
    rec("petrova", "Петрова Анна Сергеевна", birth=BirthDate(1990)),
]


def test_one_man_in_three_scripts_is_one_cluster_and_namesakes_stay_apart():
    pairs = dedupe(REGISTRY, threshold=0.9, workers=1)
    found = {(p.a, p.b) for p in pairs}
    assert {("en", "ru"), ("en", "uk"), ("ru", "uk")} <= found
    assert not any("brother" in pair or "ivanov-1970" in pair for pair in found)
    assert all(a < b for a, b in found)  # each pair once, in id order, never a record with itself
    assert clusters(pairs) == [["en", "ru", "uk"]]
    best = pairs[0]
    assert best.score >= 0.9 and any("same birth date" in r for r in best.reasons)


def test_a_pair_is_weighed_as_the_tracing_engine_weighs_it_but_for_the_prior():
    pairs = dedupe(REGISTRY, threshold=0.0, workers=1)
    by_id = {record.id: record for record in REGISTRY}
    assert len(pairs) >= 3
    offsets = set()
    for pair in pairs:
        (candidate,) = link([by_id[pair.a]], [by_id[pair.b]], top=1)[pair.a]
        offsets.add(round(pair.weight - candidate.weight, 2))
    # The evidence is the same; only the prior (estimated from this file) moves every
    # weight by one constant.
    assert len(offsets) == 1, offsets


def test_the_prior_rises_with_the_copies_a_registry_holds(generated):
    import duckdb

    from tracedesk.pipeline.linking.dedupe import estimate_prior, load_features

    records, _ = generated
    plain = [record for record in records if record.id.startswith("P")]  # no copies
    a, b = duckdb.connect(), duckdb.connect()
    without = estimate_prior(a, load_features(a, plain, workers=1))
    with_copies = estimate_prior(b, load_features(b, records, workers=1))
    assert 0 < without < with_copies / 2 < 1e-3


@pytest.fixture(scope="module")
def generated():
    cases = generate(STANDARD_SEED, 3_000, 300)
    records = []
    for record in [*cases.registry, *cases.queries]:
        try:
            records.append(parse_record(dict(record)))
        except InvalidRecord:
            continue
    return records, cases.truth


def test_worker_processes_give_the_same_pairs_as_one_process(generated):
    records, _ = generated
    alone = dedupe(records, workers=1)
    parallel = dedupe(records, workers=2, chunk=500)
    assert len(alone) > 100
    assert parallel == alone


def test_most_planted_copies_are_found(generated):
    records, truth = generated
    found = {(p.a, p.b) for p in dedupe(records)}  # the default threshold
    planted = {tuple(sorted((q, p))) for q, p in truth.items() if p is not None}
    ids = {record.id for record in records}
    planted = {pair for pair in planted if set(pair) <= ids}
    recall = len(found & planted) / len(planted)
    precision = len(found & planted) / len(found)
    assert recall >= 0.85 and precision >= 0.8, (recall, precision)


def test_clusters_are_connected_components_largest_first():
    pairs = [Pair("a", "b", 1, 1), Pair("b", "c", 1, 1), Pair("x", "y", 1, 1)]
    assert clusters(pairs) == [["a", "b", "c"], ["x", "y"]]
    assert clusters([]) == []


def test_nothing_to_compare_gives_no_pairs():
    assert dedupe([], workers=1) == []
    assert dedupe([REGISTRY[0]], workers=1) == []
