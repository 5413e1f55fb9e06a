"""Small transliteration tables of the case generator's own, one per system (issue 4).

Written from the published standards, independently of the name layer under test, and only
as exact as the cases need: they produce the spellings a registry, a passport or a newspaper
would show. Systems:

- ``icao``: ICAO Doc 9303 (Russian passports since 2013, Ukrainian ones): Юрий -> Iurii.
- ``bgn``: BGN/PCGN (Russian 1947, Ukrainian 1965): Юрий -> Yuriy, Сергій -> Serhiy.
- ``gost``: GOST 7.79-2000 system B: Щукин -> Shhukin, Цыганов -> Cy'ganov.
- ``ua2010``: the Ukrainian national standard of 2010 (KMU resolution 55): Євген -> Yevhen.
- ``press``: the loose English of news agencies: Алексей -> Alexey, Дмитрий -> Dmitry.
"""

from __future__ import annotations

import re
from typing import Final

SYSTEMS: Final = ("icao", "bgn", "gost", "ua2010", "press")

_COMMON: Final = dict(zip("абвгдезиклмнопрстуф", "abvgdeziklmnoprstuf", strict=True)) | {"х": "kh"}
_VOWELS: Final = set("аеёиоуыэюяіїєaeiouy")
_SOFT: Final = set("ьъй'’")

# (table, overrides for a word's start or after a vowel, soft sign or apostrophe), per
# system and language.
_Table = dict[str, str]
_TABLES: dict[tuple[str, str], tuple[_Table, _Table]] = {
    ("icao", "ru"): (
        {
            "ё": "e",
            "ж": "zh",
            "й": "i",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shch",
            "ъ": "ie",
            "ы": "y",
            "ь": "",
            "э": "e",
            "ю": "iu",
            "я": "ia",
        },
        {},
    ),
    ("icao", "uk"): (
        {
            "г": "h",
            "ґ": "g",
            "є": "ie",
            "ж": "zh",
            "и": "y",
            "і": "i",
            "ї": "i",
            "й": "i",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shch",
            "ь": "",
            "ю": "iu",
            "я": "ia",
            "'": "",
        },
        {},
    ),
    ("bgn", "ru"): (
        {
            "ё": "ë",
            "ж": "zh",
            "й": "y",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shch",
            "ъ": '"',
            "ы": "y",
            "ь": "'",
            "э": "e",
            "ю": "yu",
            "я": "ya",
        },
        {"е": "ye", "ё": "yë"},
    ),
    ("bgn", "uk"): (
        {
            "г": "h",
            "ґ": "g",
            "є": "ye",
            "ж": "zh",
            "и": "y",
            "і": "i",
            "ї": "yi",
            "й": "y",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shch",
            "ь": "'",
            "ю": "yu",
            "я": "ya",
            "'": '"',
        },
        {},
    ),
    ("gost", "ru"): (
        {
            "ё": "yo",
            "ж": "zh",
            "й": "j",
            "х": "x",
            "ц": "cz",
            "ч": "ch",
            "ш": "sh",
            "щ": "shh",
            "ъ": "``",
            "ы": "y'",
            "ь": "`",
            "э": "e'",
            "ю": "yu",
            "я": "ya",
        },
        {},
    ),
    ("gost", "uk"): (
        {
            "г": "g",
            "ґ": "g`",
            "є": "ye",
            "ж": "zh",
            "и": "y'",
            "і": "i",
            "ї": "yi",
            "й": "j",
            "х": "x",
            "ц": "cz",
            "ч": "ch",
            "ш": "sh",
            "щ": "shh",
            "ь": "`",
            "ю": "yu",
            "я": "ya",
            "'": "'",
        },
        {},
    ),
    ("ua2010", "uk"): (
        {
            "г": "h",
            "ґ": "g",
            "є": "ie",
            "ж": "zh",
            "и": "y",
            "і": "i",
            "ї": "i",
            "й": "i",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shch",
            "ь": "",
            "ю": "iu",
            "я": "ia",
            "'": "",
        },
        {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"},
    ),
    ("press", "ru"): (
        {
            "ё": "yo",
            "ж": "zh",
            "й": "y",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shch",
            "ъ": "",
            "ы": "y",
            "ь": "",
            "э": "e",
            "ю": "yu",
            "я": "ya",
        },
        {"е": "ye"},
    ),
    ("press", "uk"): (
        {
            "г": "h",
            "ґ": "g",
            "є": "ye",
            "ж": "zh",
            "и": "y",
            "і": "i",
            "ї": "yi",
            "й": "y",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shch",
            "ь": "",
            "ю": "yu",
            "я": "ya",
            "'": "",
        },
        {},
    ),
}
# Systems used for each language (the Ukrainian standard is for Ukrainian spellings only).
SYSTEMS_FOR: Final = {"ru": ("icao", "bgn", "gost", "press"), "uk": SYSTEMS}
# Systems whose start-of-word forms apply at the start of the word only, not after vowels.
_WORD_START_ONLY: Final = {"ua2010"}

# Whole-word endings and clusters, applied before the letters (press English mostly).
_REWRITES: dict[tuple[str, str], tuple[tuple[re.Pattern[str], str], ...]] = {
    ("press", "ru"): (
        (re.compile(r"ий\b"), "y"),
        (re.compile(r"ей\b"), "ey"),
        (re.compile(r"кс"), "x"),
    ),
    ("press", "uk"): ((re.compile(r"ій\b"), "iy"),),
    ("bgn", "uk"): ((re.compile(r"ій\b"), "iy"),),
    ("ua2010", "uk"): ((re.compile(r"зг"), "zgh"),),
}

_WORD: Final = re.compile(r"[\w'’`]+")


def _word(
    word: str,
    table: _Table,
    initial: _Table,
    rewrites: tuple[tuple[re.Pattern[str], str], ...],
    start_only: bool,
) -> str:
    """Transliterate one lower-case word letter by letter."""
    for pattern, replacement in rewrites:
        word = pattern.sub(replacement, word)
    out: list[str] = []
    previous = ""
    for char in word:
        start = not previous or (not start_only and (previous in _VOWELS or previous in _SOFT))
        if start and char in initial:
            out.append(initial[char])
        elif char in table:
            out.append(table[char])
        else:
            out.append(_COMMON.get(char, char))
        previous = char
    return "".join(out)


def _recase(source: str, latin: str) -> str:
    """Give the Latin spelling the capitalisation of the source word."""
    if len(source) > 1 and source.isupper():
        return latin.upper()
    if source[:1].isupper():
        return latin[:1].upper() + latin[1:]
    return latin


def transliterate(text: str, system: str, lang: str) -> str:
    """Write Cyrillic ``text`` of language ``lang`` ("ru" or "uk") in Latin by ``system``."""
    table, initial = _TABLES[system, lang]
    rewrites = _REWRITES.get((system, lang), ())
    start_only = system in _WORD_START_ONLY
    return _WORD.sub(
        lambda match: _recase(
            match.group(), _word(match.group().lower(), table, initial, rewrites, start_only)
        ),
        text,
    )
