"""Daitch–Mokotoff Soundex against examples published with the rule table."""

import pytest

from tracedesk.pipeline.matching.phonetic import dm_codes_any, dm_soundex


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("Peters", {"739400", "734000"}),
        ("Moskowitz", {"645740"}),
        ("Auerbach", {"097500", "097400"}),
        ("Ohrbach", {"097500", "097400"}),
        (
            "Rosochowaciec",
            {
                "944744",
                "944745",
                "944754",
                "944755",
                "945744",
                "945745",
                "945754",
                "945755",
            },
        ),
    ],
)
def test_published_examples(name: str, codes: set[str]) -> None:
    """Ambiguous groups (RS, CH, C) branch into several codes."""
    assert dm_soundex(name) == codes


def test_spellings_of_one_name_share_a_code() -> None:
    """Moskowitz and Moskovitz sound alike; Lewinsky and Levinsky too."""
    assert dm_soundex("Moskowitz") == dm_soundex("Moskovitz")
    assert dm_soundex("Lewinsky") == dm_soundex("Levinsky")


def test_codes_are_six_digits_and_empty_without_letters() -> None:
    """Short names are padded with zeros; no letters, no codes."""
    assert dm_soundex("Topf") == {"370000"}
    assert dm_soundex("") == frozenset()
    assert dm_soundex("123") == frozenset()


def test_cyrillic_is_coded_through_its_romanisations() -> None:
    """«Сидоренко» shares a code with Sydorenko and Sidorenko."""
    assert dm_codes_any("Сидоренко") & dm_soundex("Sydorenko")
    assert dm_codes_any("Сидоренко") & dm_soundex("Sidorenko")
