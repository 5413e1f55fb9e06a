"""Facilities and units: detention sites and military units named in reports."""

from __future__ import annotations

import pytest

from tracedesk.pipeline.facilities import find_facilities, find_units


@pytest.mark.parametrize(
    ("text", "language", "name", "kind"),
    [
        ("He was moved to SIZO-2 in Taganrog.", "en", "SIZO-2", "sizo"),
        ("Його тримають у СІЗО-2 Таганрога.", "uk", "СІЗО-2", "sizo"),
        ("Его перевели в СИЗО № 1 Симферополя.", "ru", "СИЗО № 1", "sizo"),
        (
            "She is held in penal colony No. 120 near Olenivka.",
            "en",
            "penal colony No. 120",
            "colony",
        ),
        ("Его этапировали в ИК-120.", "ru", "ИК-120", "colony"),
        ("в исправительной колонии № 7", "ru", "исправительной колонии № 7", "colony"),
        ("Його утримують у колонії в Оленівці.", "uk", "колонії", "colony"),
        ("He passed a filtration point in Bezimenne.", "en", "filtration point", "filtration"),
        ("через фильтрационный лагерь", "ru", "фильтрационный лагерь", "filtration"),
        ("taken to a detention centre in Kursk", "en", "detention centre", "detention_centre"),
        ("kept in a basement for weeks", "en", "basement", "basement"),
        ("его держали в подвале", "ru", "подвале", "basement"),
        ("тримали в підвалі школи", "uk", "підвалі", "basement"),
        ("prisoners were kept in a pit", "en", "pit", "pit"),
        ("держали в яме", "ru", "яме", "pit"),
        ("the Izoliatsiia prison in Donetsk", "en", "Izoliatsiia", "named_site"),
        ("в «Изоляции»", "ru", "Изоляции", "named_site"),
    ],
)
def test_finds_facility(text: str, language: str, name: str, kind: str) -> None:
    """Each kind of detention site is found in each language, with its number."""
    found = find_facilities(text, language)
    assert (name, kind) in [(n, k) for _, _, n, k in found]
    for start, end, n, _ in found:
        assert text[start:end].strip() == n


def test_no_facility_in_plain_text() -> None:
    """Text without detention sites yields nothing ("pitch", "ямщик", "colonial" are words)."""
    text = "The pitch was wet; ямщик ехал; colonial history of Kyiv."
    assert find_facilities(text, "en") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("військовослужбовець в/ч 12345 зник", "в/ч 12345"),
        ("служив у військовій частині А1234", "військовій частині А1234"),
        ("a soldier of the 72nd brigade", "72nd brigade"),
        ("the 72nd Separate Mechanized Brigade", "72nd Separate Mechanized Brigade"),
        ("боец 72-я бригада", "72-я бригада"),
        ("захисник 72 ОМБр", "72 ОМБр"),
        ("в составе 1st Army Corps", "1st Army Corps"),
        ("officers of Rosgvardia detained him", "Rosgvardia"),
        ("the FSB detained him", "FSB"),
        ("затримали співробітники ФСБ", "ФСБ"),
        ("воїн 24 ОМБр імені короля Данила", "24 ОМБр"),
    ],
)
def test_finds_unit(text: str, name: str) -> None:
    """Units are found by number and type, forces by name."""
    found = find_units(text, "uk")
    assert name in [n for _, _, n in found]
    for start, end, n in found:
        assert text[start:end] == n


def test_no_unit_in_plain_text() -> None:
    """Dates and counts are not units: "21st century", "300 people", "2022 year"."""
    assert find_units("In the 21st century 300 people left in 2022.", "en") == []
