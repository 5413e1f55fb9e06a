"""Linking with Splink on DuckDB: the same man across scripts, not two men called Ivanov."""

from tracedesk.pipeline.linking.engine import link
from tracedesk.pipeline.linking.records import BirthDate, LinkRecord


def rec(rid, *names, birth=None, unit=""):
    return LinkRecord(rid, tuple(names), birth, unit)


REGISTRY = [
    rec("sydorenko", "Сидоренко Иван Петрович", birth=BirthDate(1998, 3, 2), unit="в/ч 3057"),
    rec("brother", "Сидоренко Игорь Петрович", birth=BirthDate(1996)),
    rec("ivanov-1970", "Иванов Иван Иванович", birth=BirthDate(1970)),
    rec("ivanov-2001", "Иванов Иван Сергеевич", birth=BirthDate(2001), unit="в/ч 12345"),
    rec("petrova", "Петрова Анна Сергеевна", birth=BirthDate(1990)),
    rec("other", "Kovalenko Oleksandr", birth=BirthDate(1985)),
]


def test_the_mother_s_request_the_russian_report_and_the_english_one_find_one_man():
    queries = [
        rec("mother", "Іван Сидоренко", birth=BirthDate(1998), unit="в/ч 3057"),
        rec("english", "Vanya Sydorenko", birth=BirthDate(1999)),
        rec("initials", "Sidorenko I. P."),
    ]
    results = link(queries, REGISTRY, top=3)
    for query in ("mother", "english"):
        assert results[query][0].id == "sydorenko", (query, results[query])
    # "I. P. Sidorenko" fits Иван Петрович and his brother Игорь Петрович alike: both, tied.
    first, second = results["initials"][:2]
    assert {first.id, second.id} == {"sydorenko", "brother"} and first.score == second.score
    best = results["english"][0]
    assert any("diminutive" in reason for reason in best.reasons), best.reasons
    assert "birth years differ by 1" in best.reasons
    assert "same unit number" in results["mother"][0].reasons
    assert results["mother"][0].score > results["mother"][1].score


def test_two_ivanovs_are_told_apart_by_birth_year_and_unit():
    results = link([rec("q", "Ivan Ivanov", birth=BirthDate(2001), unit="в/ч 12346")], REGISTRY)
    ids = [c.id for c in results["q"]]
    assert ids[0] == "ivanov-2001"
    assert "unit numbers differ by one typo" in results["q"][0].reasons
    if "ivanov-1970" in ids:
        older = results["q"][ids.index("ivanov-1970")]
        assert older.score < 0.5 and "birth years differ by more than 2" in older.reasons


def test_gendered_surname_forms_meet_and_a_stranger_finds_nothing_likely():
    results = link(
        [rec("anna", "Anna Petrova", birth=BirthDate(1990)), rec("nobody", "Zhanna Tkachuk")],
        REGISTRY,
        threshold=0.5,
    )
    assert [c.id for c in results["anna"]] == ["petrova"]
    assert results["nobody"] == []
