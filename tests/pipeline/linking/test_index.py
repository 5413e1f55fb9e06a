"""The resident index answers tracing lookups exactly as the Splink engine does, and stays current."""

import pytest

from tracedesk.pipeline.linkgen.cases import STANDARD_SEED, generate
from tracedesk.pipeline.linking.engine import link
from tracedesk.pipeline.linking.index import LinkIndex
from tracedesk.pipeline.linking.records import BirthDate, InvalidRecord, LinkRecord, parse_record


def usable(records):
    parsed = []
    for record in records:
        try:
            parsed.append(parse_record(dict(record)))
        except InvalidRecord:
            continue
    return parsed


@pytest.fixture(scope="module")
def generated():
    cases = generate(STANDARD_SEED, 3_000, 300)
    return usable(cases.registry), usable(cases.queries)


def test_the_index_gives_the_engine_s_candidates_scores_order_and_reasons(generated):
    registry, queries = generated
    expected = link(queries, registry, top=10)
    index = LinkIndex.build(registry)
    found = index.link(queries, top=10)
    assert sum(len(c) for c in expected.values()) > 5 * len(queries)  # a real comparison
    for query in queries:
        assert found[query.id] == expected[query.id], query


def test_the_threshold_and_top_cut_the_ranked_list_as_the_engine_does(generated):
    registry, queries = generated
    sample = queries[:100]
    expected = link(sample, registry, top=3, threshold=0.01)
    found = LinkIndex.build(registry).link(sample, top=3, threshold=0.01)
    assert found == expected
    sizes = {len(c) for c in found.values()}
    assert 3 in sizes and sizes & {0, 1, 2}  # both cuts were made
    assert all(c.score >= 0.01 for cands in found.values() for c in cands)


def rec(rid, *names, birth=None, unit=""):
    return LinkRecord(rid, tuple(names), birth, unit)


def test_people_added_changed_and_removed_are_found_as_they_now_are():
    index = LinkIndex.build(
        [
            rec("sydorenko", "Сидоренко Иван Петрович", birth=BirthDate(1998), unit="в/ч 3057"),
            rec("brother", "Сидоренко Игорь Петрович", birth=BirthDate(1996)),
        ]
    )
    query = rec("mother", "Іван Сидоренко", birth=BirthDate(1998), unit="в/ч 3057")
    assert [c.id for c in index.lookup(query)][:1] == ["sydorenko"]

    index.discard("sydorenko")
    assert "sydorenko" not in index and len(index) == 1
    assert "sydorenko" not in [c.id for c in index.lookup(query)]

    # A new record, then the same id again with another name: only the latest counts.
    index.add(rec("kovalenko", "Коваленко Олег", birth=BirthDate(1990)))
    index.add(rec("kovalenko", "Vanya Sydorenko", birth=BirthDate(1998), unit="3057"))
    best = index.lookup(query)[0]
    assert best.id == "kovalenko" and best.score > 0.9
    assert any("diminutive" in reason for reason in best.reasons), best.reasons
    assert index.lookup(rec("q", "Коваленко Олег", birth=BirthDate(1990)), threshold=0.5) == []


def test_an_empty_index_and_a_query_without_keys_find_nothing():
    assert LinkIndex().lookup(rec("q", "Ivan Ivanov")) == []
    index = LinkIndex.build([rec("a", "Иванов Иван", birth=BirthDate(1990))])
    assert index.lookup(rec("q", "Zhanna Tkachuk")) == []
