"""Parsing full names in any order, and the gendered forms of a surname."""

import pytest

from tracedesk.pipeline.matching.parse import parse_name, surname_forms


@pytest.mark.parametrize(
    ("full", "given", "patronymic", "surname", "sex"),
    [
        ("Шилін Ніколай Сєргєєвіч", "Ніколай", "Сєргєєвіч", "Шилін", "m"),
        ("Ivan Petrovich Sidorenko", "Ivan", "Petrovich", "Sidorenko", "m"),
        ("Sidorenko I. P.", "I.", "P.", "Sidorenko", None),
        ("SIDORENKO Ivan", "Ivan", None, "SIDORENKO", "m"),
        ("Сидоренко, Иван Петрович", "Иван", "Петрович", "Сидоренко", "m"),
        ("Сидоренко Иван Петрович", "Иван", "Петрович", "Сидоренко", "m"),
        ("И.П. Сидоренко", "И.", "П.", "Сидоренко", None),
        ("Ганна Петрівна Коваль", "Ганна", "Петрівна", "Коваль", "f"),
        ("Коваль Ганна Петрівна", "Ганна", "Петрівна", "Коваль", "f"),
        ("Петрова Олена", "Олена", None, "Петрова", "f"),
        ("Vanya Sydorenko", "Vanya", None, "Sydorenko", "m"),
        ("Sasha Petrova", "Sasha", None, "Petrova", "f"),
        ("Kovalenko", None, None, "Kovalenko", None),
        ("Vanya", "Vanya", None, None, "m"),
    ],
)
def test_parse_name(
    full: str, given: str | None, patronymic: str | None, surname: str | None, sex: str | None
) -> None:
    """Parts and sex whatever the order; sex from patronymic, given name, then surname."""
    parsed = parse_name(full)
    assert (parsed.given, parsed.patronymic, parsed.surname, parsed.sex) == (
        given,
        patronymic,
        surname,
        sex,
    )


def test_sex_from_surname_when_the_given_name_is_ambiguous() -> None:
    """Sasha is either sex; the surname's ending decides."""
    assert parse_name("Sasha Petrov").sex == "m"
    assert parse_name("Саша Вишневская").sex == "f"


def test_initials() -> None:
    """Initials are flagged and read as search-key letters."""
    parsed = parse_name("Sidorenko I. P.")
    assert parsed.given_is_initial and parsed.patronymic_is_initial
    assert parsed.initials == "ip"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Петров", "Петрова"),
        ("Petrov", "Петрова"),
        ("Вишневский", "Вишневская"),
        ("Vishnevsky", "Vishnevskaya"),
        ("Вишневський", "Вишневська"),
        ("Ильин", "Ilyina"),
        ("Толстой", "Толстая"),
        ("Ковальов", "Ковальова"),
    ],
)
def test_gendered_surname_forms_join(a: str, b: str) -> None:
    """Male and female forms of a surname share a form key."""
    assert surname_forms(a) & surname_forms(b)


def test_invariant_and_different_surnames() -> None:
    """Сидоренко has one form; Петров and Петренко share none."""
    assert surname_forms("Сидоренко") == {"sidorenko"}
    assert not surname_forms("Петров") & surname_forms("Петренко")
    assert not surname_forms("Иванов") & surname_forms("Ивасюк")
