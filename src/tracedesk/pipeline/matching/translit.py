"""Latin keys of a Cyrillic name under the transliteration systems our sources use.

One person's surname reaches us as «Сидоренко», "Sydorenko" (Ukrainian passport since 2010),
"Sidorenko" (Russian-style, older documents, the press); a given name as "Serhii", "Serhiy",
"Sergiy" or "Sergey". ``variants`` writes the name under each named system, so a matcher can say
which system explains a spelling ("Sydorenko and Sidorenko are the same surname in different
transliterations"). Output is lowercase ASCII: diacritics and the apostrophes some systems use for
ь and ъ are dropped (BGN/PCGN's yë is written yo, and its ë after a consonant e).

Russian systems:

- ``gost_7.79_b``: GOST 7.79-2000 System B (ISO 9 for ASCII): й j, х x, ц cz (c before
  e, i, y, j), щ shh, ы y', э e`, ю yu, я ya, ё yo.
- ``icao``: ICAO Doc 9303 (Russian passports since 2013): ё e, й i, х kh, ц ts, щ shch,
  ъ ie, ы y, э e, ю iu, я ia.
- ``bgn_pcgn``: BGN/PCGN 1947: е and ё are ye/yo at the start of a word and after a vowel,
  й, ъ or ь; й y, ы y, ю yu, я ya.
- ``press``: the common English spelling: BGN/PCGN with -ий/-ый → -y, -ей → -ey, ь dropped,
  ё yo except after ж ч ш щ (Fyodor, Khrushchev).

Ukrainian systems:

- ``kmu_2010``: the national standard (Cabinet of Ministers resolution No. 55, 2010): г h,
  ґ g, и y, і i; є ї й ю я are ye yi y yu ya at the start of a word and ie i i iu ia
  elsewhere; зг → zgh; ь and the apostrophe dropped.
- ``uk_1996``: the Ukrainian Legal Terminology Commission's 1996 system (passports before
  2010 often followed it): as 2010 but щ sch and й always y (Serhiy, Yuriy).
- ``russian_style``: a Ukrainian name read with Russian letter values, as Russian and
  Soviet-era documents wrote it: г g, и i, і i, ї yi, й y, є ye (Sergiy, Sidorenko).
"""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = ["SYSTEMS", "transliterate", "variants"]

_VOWELS: Final = frozenset("аеёиіїоуыэюяєaeiouy")
_SIGNS: Final = frozenset("ьъ'’ʼ")
_APOSTROPHES: Final = "'’ʼ‘`"

_BASE_LATIN: Final = (
    "a b v g g d e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya yo i yi ye"
)
_BASE: Final = dict(zip("абвгґдежзийклмнопрстуфхцчшщъыьэюяёіїє", _BASE_LATIN.split(), strict=True))

SYSTEMS: Final = {
    "ru": ("gost_7.79_b", "icao", "bgn_pcgn", "press"),
    "uk": ("kmu_2010", "uk_1996", "russian_style"),
}

_GOST_B: Final = {
    "й": "j",
    "х": "x",
    "щ": "shh",
    "ъ": "``",
    "ы": "y'",
    "ь": "`",
    "э": "e`",
}
_ICAO: Final = {"ё": "e", "й": "i", "ъ": "ie", "ю": "iu", "я": "ia"}
_UK_COMMON: Final = {"г": "h", "ґ": "g", "и": "y", "і": "i", "ь": "-", "х": "kh"}
# (word-initial, elsewhere)
_UK_2010_POSITIONAL: Final = {
    "є": ("ye", "ie"),
    "ї": ("yi", "i"),
    "й": ("y", "i"),
    "ю": ("yu", "iu"),
    "я": ("ya", "ia"),
}
_UK_1996_POSITIONAL: Final = {
    "є": ("ye", "ie"),
    "ї": ("yi", "i"),
    "й": ("y", "y"),
    "ю": ("yu", "iu"),
    "я": ("ya", "ia"),
}


def _letter(word: str, i: int, system: str) -> str:
    ch = word[i]
    prev = word[i - 1] if i > 0 else ""
    nxt = word[i + 1] if i + 1 < len(word) else ""
    initial = i == 0 or not prev.isalpha()
    if system == "gost_7.79_b":
        if ch == "ц":
            return "c" if nxt in {"е", "и", "ы", "й", "э", "ю", "я", "ё", "і", "є", "ї"} else "cz"
        return _GOST_B.get(ch) or _BASE.get(ch, ch)
    if system == "icao":
        return _ICAO.get(ch) or _BASE.get(ch, ch)
    if system in {"bgn_pcgn", "press"}:
        glide = initial or prev in _VOWELS or prev in {"й", "ъ", "ь"}
        if ch == "е":
            return "ye" if glide else "e"
        if ch == "ё":
            # BGN/PCGN writes ë after a consonant (Fëdor); without the diaeresis it is e.
            # The press writes yo (Fyodor, Pyotr) but e after a hushing letter (Khrushchev).
            press_yo = system == "press" and prev not in {"ж", "ч", "ш", "щ"}
            return "yo" if glide or press_yo else "e"
        if system == "press" and ch in {"и", "ы", "е", "о"} and nxt == "й" and i + 2 == len(word):
            return {"и": "", "ы": "", "е": "e", "о": "o"}[ch]
        return _BASE.get(ch, ch)
    if system in {"kmu_2010", "uk_1996"}:
        positional = _UK_2010_POSITIONAL if system == "kmu_2010" else _UK_1996_POSITIONAL
        if ch in positional:
            return positional[ch][0 if initial else 1]
        if ch == "г" and prev == "з":
            return "gh"
        if ch == "щ" and system == "uk_1996":
            return "sch"
        return _UK_COMMON.get(ch) or _BASE.get(ch, ch)
    if system == "russian_style":
        return {"и": "i", "і": "i", "ь": "-"}.get(ch) or _BASE.get(ch, ch)
    raise ValueError(f"unknown transliteration system: {system}")


def _word(word: str, system: str) -> str:
    lower = "".join(ch for ch in word.lower() if ch not in _APOSTROPHES)
    out = []
    for i in range(len(lower)):
        latin = _letter(lower, i, system)
        out.append("" if latin == "-" else latin)
    return "".join(out)


def transliterate(name: str, system: str) -> str:
    """The name in one system, lowercase ASCII; Latin letters pass through unchanged."""
    name = unicodedata.normalize("NFC", name)
    words = [_word(word, system) for word in name.replace("-", " - ").split()]
    return " ".join(words).replace(" - ", "-")


def variants(name: str, language: str) -> dict[str, str]:
    """The name under every system of a language ("ru" or "uk"), by system name."""
    if language not in SYSTEMS:
        raise ValueError(f"language must be 'ru' or 'uk', not {language!r}")
    return {system: transliterate(name, system) for system in SYSTEMS[language]}
