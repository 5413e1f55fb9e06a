"""Stage 4, facilities and units: where people are held and who holds them.

``find_facilities`` finds detention sites (SIZO, penal colonies, detention and filtration
centres, basements and pits, named sites like Izoliatsiia) in English, Russian and Ukrainian;
``find_units`` finds military units and forces ("в/ч 12345", "72nd brigade", «72 ОМБр»,
Rosgvardia, FSB). Both are pattern lists, one compiled regex per kind, because the names are
formulaic: a type word, often a number, sometimes a place. Overlapping matches keep the longest.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["FACILITY_KINDS", "find_facilities", "find_units"]

_NUM: Final = r"(?:№\s*|No\.?\s*|N\s*|#\s*)?\d{1,4}"
_I: Final = re.IGNORECASE | re.UNICODE
# (kind, pattern); kinds are what the registry stores as a facility's type.
_FACILITY_PATTERNS: Final = (
    (
        "sizo",
        r"\b(?:SIZO|СИЗО|СІЗО)(?:\s*[-–№]\s*\d{1,3}|\s+(?:№|No\.?)\s*\d{1,3})?"
        r"|pre-?trial detention (?:centre|center|facility)(?:\s+" + _NUM + r")?"
        r"|следственн\w+ изолятор\w*(?:\s+" + _NUM + r")?"
        r"|слідч\w+ ізолятор\w*(?:\s+" + _NUM + r")?",
    ),
    (
        "colony",
        r"\b(?:ИК|ІК|IK)\s*-\s*\d{1,3}\b"
        r"|(?:penal|correctional) colony(?:\s+" + _NUM + r")?"
        r"|исправительн\w+ колони\w+(?:\s+" + _NUM + r")?"
        r"|виправн\w+ колоні\w+(?:\s+" + _NUM + r")?"
        r"|(?<![\w-])колон(?:ия|ии|ию|ией|ія|ії|ію|ією)(?:\s+" + _NUM + r")?",
    ),
    (
        "filtration",
        r"filtration (?:point|camp|centre|center|facility)"
        r"|фильтрационн\w+ (?:лагер\w+|пункт\w*|центр\w*)"
        r"|фільтраційн\w+ (?:табір|табор\w+|пункт\w*|центр\w*)"
        r"|\bфильтраци\w+|\bфільтраці\w+",
    ),
    (
        "detention_centre",
        r"(?:temporary )?detention (?:centre|center|facility)(?:\s+" + _NUM + r")?"
        r"|изолятор\w* временного содержания|\bИВС\b|\bІТТ\b"
        r"|ізолятор\w* тимчасового тримання"
        r"|центр\w* (?:временного )?содержания|центр\w* тримання",
    ),
    ("named_site", r"\b(?:Izoliatsiia|Izolyatsia|Izolyatsiya|Изоляци[яи]|Ізоляці[яії])\b"),
    ("basement", r"\bbasements?\b|(?<![\w-])(?:подвал|підвал)\w*"),
    ("pit", r"\b(?:the\s+)?pit\b|(?<![\w-])(?:ям[аеуыи]|ямі|ямою|ямой)(?![\w-])"),
)
_FACILITIES: Final = tuple((kind, re.compile(pattern, _I)) for kind, pattern in _FACILITY_PATTERNS)
FACILITY_KINDS: Final = tuple(kind for kind, _ in _FACILITY_PATTERNS)

_ORDINAL: Final = r"\d{1,3}(?:st|nd|rd|th)"
_UNIT_WORDS_EN: Final = (
    r"(?:separate\s+|mechani[sz]ed\s+|motori[sz]ed\s+|airborne\s+|assault\s+|marine\s+|"
    r"territorial defen[cs]e\s+|guards\s+|tank\s+|artillery\s+|infantry\s+|rifle\s+|"
    r"special forces\s+|presidential\s+|national guard\s+)*"
    r"(?:brigade|regiment|battalion|division|army corps|corps|army|company|detachment)"
)
_UNIT_PATTERNS: Final = (
    r"\b(?:в/ч|в\.ч\.|вч)\s*[АA]?\s*\d{4,5}\b",
    r"військов\w+ частин\w+\s*[АA]?\s*\d{4,5}",
    r"воинск\w+ част\w+\s*(?:№\s*)?\d{4,5}",
    r"\bmilitary unit\s*(?:No\.?\s*)?[AА]?\d{4,5}\b",
    r"\b" + _ORDINAL + r"\s+(?:[A-Z][\w-]+\s+){0,3}?" + _UNIT_WORDS_EN + r"\b",
    r"\b\d{1,3}-?(?:я|й|а|і|ї|тя|ша|га|ма)?\s+(?:отдельн\w+\s+|окрем\w+\s+|гвардейск\w+\s+|"
    r"мотострелков\w+\s+|механізован\w+\s+|механизированн\w+\s+|штурмов\w+\s+|десантно-штурмов\w+\s+"
    r"|танков\w+\s+|артиллерийск\w+\s+|артилерійськ\w+\s+)*"
    r"(?:бригад\w*|полк\w*|батальон\w*|дивизи\w+|дивізі\w+|армейск\w+ корпус\w*"
    r"|армійськ\w+ корпус\w*|корпус\w*|арми\w+|армі\w+)",
    r"\b\d{1,3}\s*-?\s*(?:(?:а|я|й)\s+)?(?:ОМБр|ОМСБр|ОМПБр|ОШБр|ОДШБр|ОАЕМБр|ОТБр|ОБрТрО|ОМБ|ОМСБ|"
    r"ОСБ|ОБр|ОАБр|ОГШБр|ОБрМП|ОМПБ|ОМСП|ОВТР|ОТОБр|мсп|мсд|мсбр|омсбр|тд|вдд|дшб|дшбр|одшбр)\b",
    r"\b(?:Rosgvardi[ay]|Rosgvardiya|Росгвардi?\w*|Росгвард\w*|Росгвардия|Росгвардії|Росгвардія)\b",
    r"\b(?:FSB|ФСБ|GRU|ГРУ|SBU|СБУ|Wagner(?: Group)?|ЧВК\s+«?Вагнер»?|ПВК\s+«?Вагнер»?)\b",
    r"\b(?:Akhmat|Ахмат)(?:\s+(?:battalion|батальон\w*))?\b",
    r"\bNational Guard(?: of Ukraine)?\b|Национальн\w+ гварди\w+|Національн\w+ гварді\w+",
)
_UNITS: Final = tuple(re.compile(pattern, _I) for pattern in _UNIT_PATTERNS)


def _longest(spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Overlapping spans reduced to the longest of each group, in text order."""
    kept: list[tuple[int, int, str, str]] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def find_facilities(text: str, language: str) -> list[tuple[int, int, str, str]]:
    """Detention sites named in the text: (start, end, name as written, kind)."""
    del language  # the patterns of all three languages apply: reports mix them
    spans = [
        (m.start(), m.end(), m.group().strip(), kind)
        for kind, pattern in _FACILITIES
        for m in pattern.finditer(text)
    ]
    return _longest(spans)


def find_units(text: str, language: str) -> list[tuple[int, int, str]]:
    """Military units and forces named in the text: (start, end, name as written)."""
    del language
    spans = [
        (m.start(), m.end(), m.group().strip(), "")
        for pattern in _UNITS
        for m in pattern.finditer(text)
    ]
    return [(start, end, name) for start, end, name, _ in _longest(spans)]
