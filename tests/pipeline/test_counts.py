"""Counts of people in report text (pipeline stage 5)."""

from __future__ import annotations

import pytest

from tracedesk.pipeline.counts import CountMention, find_counts, number_value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("314", 314),
        ("1 000", 1000),
        ("1,200", 1200),
        ("twenty", 20),
        ("twenty-five", 25),
        ("one hundred and forty", 140),
        ("двадцать", 20),
        ("двадцати пяти", 25),
        ("двух", 2),
        ("сто сорок", 140),
        ("двадцять", 20),
        ("п’ятьох", 5),  # typographic apostrophe, collective form
        ("п'ять", 5),
        ("and", None),
        ("March", None),
    ],
)
def test_number_value(text: str, value: int | None) -> None:
    """Digits and number words of the three languages, in any case, have their value."""
    assert number_value(text) == value


def test_counts_with_digits_and_approximations() -> None:
    """ "314 POWs" is exact, "about 70 servicemen" approximate, and the span covers both."""
    text = "Russia returned 314 POWs and about 70 servicemen."
    assert find_counts(text, "en") == [
        CountMention(16, 24, 314, "POWs"),
        CountMention(29, 48, 70, "servicemen", approximate=True),
    ]


@pytest.mark.parametrize(
    ("text", "language", "count", "noun", "approximate"),
    [
        ("Домой вернулись 230 защитников.", "ru", 230, "защитников", False),
        ("Додому повернулися 230 захисників.", "uk", 230, "захисників", False),
        ("освобождены более 100 военнослужащих", "ru", 100, "военнослужащих", True),
        ("понад 50 цивільних", "uk", 50, "цивільних", True),
        ("twenty Ukrainian soldiers", "en", 20, "soldiers", False),
        ("двадцять захисників", "uk", 20, "захисників", False),
        ("сто военнопленных", "ru", 100, "военнопленных", False),
        ("314 prisoners of war", "en", 314, "prisoners of war", False),
        ("около 40 мирных жителей", "ru", 40, "мирных жителей", True),
        ("почти 5 тысяч человек", "ru", 5000, "человек", True),
        ("ще 12 тисяч людей", "uk", 12000, "людей", False),
        ("2 thousand civilians", "en", 2000, "civilians", False),
    ],
)
def test_one_count(text: str, language: str, count: int, noun: str, approximate: bool) -> None:
    """A number, up to two words, and a noun for people make one count."""
    [m] = find_counts(text, language)
    assert (m.count, m.noun, m.approximate) == (count, noun, approximate)
    assert text[m.start : m.end].endswith(noun)


@pytest.mark.parametrize(
    ("text", "noun"),
    [("dozens of civilians were held", "civilians"), ("десятки мирных жителей", "мирных жителей")],
)
def test_vague_counts_have_no_number(text: str, noun: str) -> None:
    """ "dozens of" is a group of unknown size: no count, flagged approximate."""
    [m] = find_counts(text, "en")
    assert (m.count, m.noun, m.approximate, m.start) == (None, noun, True, 0)


@pytest.mark.parametrize(
    "text",
    [
        "5 March 2022",
        "72-ї бригади",
        "sentenced to 13 years",
        "в/ч 12345 стоит в Брянке",
        "засудив його до 10 років",
        "in 2022 people said",
        "47-летний житель Москвы",
        "a 22-year-old resident",
        "85% женщин",
        "320 мг для женщин",
    ],
)
def test_numbers_without_people_are_not_counts(text: str) -> None:
    """Days, years, terms and unit numbers are not counts of people."""
    assert find_counts(text, "en") == []
