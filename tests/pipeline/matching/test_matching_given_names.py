"""The given-name table: forms and diminutives in any script map to one canonical name."""

import pytest

from tracedesk.pipeline.matching.given_names import canonical_given, entries, is_ambiguous


def _ids(name: str) -> set[str]:
    return {g.id for g in canonical_given(name)}


@pytest.mark.parametrize(
    "spelling",
    ["Иван", "Іван", "Ivan", "IVAN", "Iwan", "Vanya", "Ваня", "Ванька", "Ванюша", "Іванко"],
)
def test_forms_and_diminutives_of_ivan(spelling: str) -> None:
    """Every form and diminutive of Иван, in any script and case, is the name ivan."""
    assert _ids(spelling) == {"ivan"}


@pytest.mark.parametrize(
    "spelling",
    ["Олександр", "Александр", "Oleksandr", "Aleksandr", "Alexander", "Сашко"],
)
def test_forms_of_aleksandr(spelling: str) -> None:
    """Ukrainian, Russian and English forms of Alexander join; Сашко is male only."""
    assert _ids(spelling) == {"aleksandr"}


def test_diminutive_flag() -> None:
    """A match through a diminutive says so; a full form does not."""
    assert {g.diminutive for g in canonical_given("Vanya")} == {True}
    assert {g.diminutive for g in canonical_given("Іван")} == {False}


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("Саша", {("aleksandr", "m"), ("aleksandra", "f")}),
        ("Sasha", {("aleksandr", "m"), ("aleksandra", "f")}),
        ("Шура", {("aleksandr", "m"), ("aleksandra", "f")}),
        ("Женя", {("evgeny", "m"), ("evgenia", "f")}),
        ("Валя", {("valentin", "m"), ("valentina", "f")}),
    ],
)
def test_ambiguous_diminutives_return_every_name_with_sex(
    spelling: str, expected: set[tuple[str, str]]
) -> None:
    """A diminutive shared by a male and a female name returns both, each with its sex."""
    assert {(g.id, g.sex) for g in canonical_given(spelling)} == expected
    assert is_ambiguous(spelling)


def test_slava_belongs_to_several_slav_names() -> None:
    """Слава is short for Вячеслав, Ярослав, Станислав and Владислав at least."""
    assert {"vyacheslav", "yaroslav", "stanislav", "vladislav"} <= _ids("Слава")


def test_unknown_and_distinct_names() -> None:
    """A surname is not a given name, and Игорь is not Иван."""
    assert canonical_given("Сидоренко") == frozenset()
    assert _ids("Игорь") == {"igor"}
    assert not is_ambiguous("Иван")


def test_table_covers_common_names_of_both_sexes() -> None:
    """At least 150 names, with at least 60 of each sex and a known sex on every row."""
    table = entries()
    assert len(table) >= 150
    sexes = [entry.sex for entry in table.values()]
    assert sexes.count("m") >= 60 and sexes.count("f") >= 60
    assert set(sexes) == {"m", "f"}
    assert all(entry.forms for entry in table.values())
