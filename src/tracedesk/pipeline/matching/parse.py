"""Split a full name into given name, patronymic and surname, and tell the sex it implies.

«Шилін Ніколай Сєргєєвіч», "Ivan Petrovich Sidorenko", "Sidorenko I. P.", "SIDORENKO Ivan" and
"Сидоренко, Иван" are all read. The order is decided by, in turn: a comma (surname first), the
given-name table (``given_names``), patronymic endings (``names.PATRONYMIC_SUFFIXES``), initials,
capitals (official lists print the SURNAME so), surname endings; ``names.split_name`` is the
fallback when none of them decides. ``surname_forms`` joins the male and female forms of a
surname (Петров, Петрова) in ``search_key`` space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from tracedesk.pipeline.matching.given_names import canonical_given
from tracedesk.pipeline.names import PATRONYMIC_SUFFIXES, search_key, split_name

__all__ = ["ParsedName", "parse_name", "surname_forms"]

_INITIAL: Final = re.compile(r"[^\W\d_]{1,2}\.|[^\W\d_]")
_JOINED_INITIALS: Final = re.compile(r"[^\W\d_]{1,2}\.")
_FEMALE_PATRONYMIC: Final = tuple(s for s in PATRONYMIC_SUFFIXES if s.endswith(("на", "na")))
# Endings of the surname alone, when neither patronymic nor given name tells the sex.
_FEMALE_SURNAME: Final = (
    "ова", "ева", "ёва", "єва", "ина", "ына", "їна", "ская", "цкая", "ська", "цька", "ая",
    "ova", "eva", "ina", "yna", "skaya", "skaia", "ska", "tska", "aya",
)  # fmt: skip
_MALE_SURNAME: Final = (
    "ов", "ев", "ёв", "єв", "ин", "ын", "їн", "ский", "цкий", "ський", "цький", "ой",
    "ov", "ev", "yov", "in", "yn", "sky", "skiy", "skii", "skyi", "skyy", "oy",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ParsedName:
    """The parts of a name as written; a part is None when the name lacks it."""

    given: str | None
    patronymic: str | None
    surname: str | None
    sex: str | None  # "m", "f", or None when nothing tells
    given_is_initial: bool = False
    patronymic_is_initial: bool = False

    @property
    def initials(self) -> str:
        """First letters of given name and patronymic as search-key letters ("ip")."""
        parts = (self.given, self.patronymic)
        return "".join(search_key(p)[:1] for p in parts if p)


def _is_initial(token: str) -> bool:
    return bool(_INITIAL.fullmatch(token)) and (token.endswith(".") or len(token) == 1)


def _is_patronymic(token: str) -> bool:
    lower = token.lower()
    return any(lower.endswith(s) and len(lower) >= len(s) + 2 for s in PATRONYMIC_SUFFIXES)


def _is_given(token: str) -> bool:
    return not _is_initial(token) and bool(canonical_given(token))


def _ends(token: str | None, endings: tuple[str, ...]) -> bool:
    if not token:
        return False
    lower = token.lower()
    return any(lower.endswith(e) and len(lower) > len(e) + 1 for e in endings)


def _tokens(full: str) -> tuple[list[str], int | None]:
    """Tokens with joined initials split (И.П. → И., П.) and the count before a comma."""
    tokens: list[str] = []
    comma_after: int | None = None
    for raw in full.split():
        token = raw.strip(",;")
        if token:
            pieces = _JOINED_INITIALS.findall(token)
            tokens.extend(pieces if "".join(pieces) == token and pieces else [token])
        if raw.endswith(",") and comma_after is None and tokens:
            comma_after = len(tokens)
    return tokens, comma_after


def _sex(given: str | None, patronymic: str | None, surname: str | None) -> str | None:
    """Patronymic first, then an unambiguous given name, then the surname's ending."""
    if patronymic and not _is_initial(patronymic) and _is_patronymic(patronymic):
        return "f" if _ends(patronymic, _FEMALE_PATRONYMIC) else "m"
    if given and not _is_initial(given):
        sexes = {g.sex for g in canonical_given(given)}
        if len(sexes) == 1:
            return sexes.pop()
    last = surname.split()[-1] if surname else None
    if _ends(last, _FEMALE_SURNAME):
        return "f"
    if _ends(last, _MALE_SURNAME):
        return "m"
    return None


def _order(tokens: list[str], comma_after: int | None) -> tuple[str | None, str | None, str | None]:
    n = len(tokens)
    if comma_after is not None and comma_after < n:
        rest = tokens[comma_after:]
        surname = " ".join(tokens[:comma_after])
        if len(rest) >= 2:
            return rest[0], " ".join(rest[1:]), surname
        return rest[0], None, surname
    if n == 1:
        return (tokens[0], None, None) if _is_given(tokens[0]) else (None, None, tokens[0])
    if n >= 3:
        first_is_given = _is_given(tokens[0]) or _is_initial(tokens[0])
        second_is_patronymic = _is_patronymic(tokens[1]) or _is_initial(tokens[1])
        last_is_patronymic = _is_patronymic(tokens[-1]) or _is_initial(tokens[-1])
        # Surname Given Patronymic: the Russian and Ukrainian official order.
        given_order = first_is_given and second_is_patronymic and not _is_initial(tokens[-1])
        if (
            last_is_patronymic
            and (_is_given(tokens[-2]) or _is_initial(tokens[-2]))
            and not given_order
        ):
            return tokens[-2], tokens[-1], " ".join(tokens[:-2])
        if first_is_given and second_is_patronymic:
            return tokens[0], tokens[1], " ".join(tokens[2:])
        if _is_given(tokens[1]) and not _is_given(tokens[0]):
            return tokens[1], " ".join(tokens[2:]), tokens[0]
    if n == 2:
        first, second = tokens
        if _is_initial(first) != _is_initial(second):
            return (first, None, second) if _is_initial(first) else (second, None, first)
        if _is_given(first) != _is_given(second):
            return (first, None, second) if _is_given(first) else (second, None, first)
        if first.isupper() and len(first) > 1 and not second.isupper():
            return second, None, first
    return split_name(" ".join(tokens))


@lru_cache(maxsize=65536)
def parse_name(full: str) -> ParsedName:
    """Given name, patronymic, surname and sex of a full name written in any order."""
    tokens, comma_after = _tokens(full)
    if not tokens:
        return ParsedName(None, None, None, None)
    given, patronymic, surname = _order(tokens, comma_after)
    return ParsedName(
        given=given,
        patronymic=patronymic,
        surname=surname,
        sex=_sex(given, patronymic, surname),
        given_is_initial=bool(given) and _is_initial(given or ""),
        patronymic_is_initial=bool(patronymic) and _is_initial(patronymic or ""),
    )


# Key endings (search_key space) of the two forms of a gendered surname: (male, female).
_GENDERED_KEYS: Final = (
    ("ski", "skaia"),
    ("ski", "ska"),
    ("cki", "ckaia"),
    ("cki", "cka"),
    ("oi", "aia"),
    ("ov", "ova"),
    ("ev", "eva"),
    ("in", "ina"),
)


@lru_cache(maxsize=65536)
def surname_forms(surname: str) -> frozenset[str]:
    """Search keys of every gendered form of a surname: Петров → {petrov, petrova}.

    Surnames without gender (Сидоренко, Шевчук, Кравець) give only their own key.
    """
    forms: set[str] = set()
    for word_key in [search_key(surname).replace(" ", "")]:
        if not word_key:
            continue
        forms.add(word_key)
        for male, female in _GENDERED_KEYS:
            if word_key.endswith(female) and len(word_key) > len(female) + 1:
                stem = word_key[: -len(female)]
                forms |= {stem + m for m, f in _GENDERED_KEYS if m == male}
                forms |= {stem + f for m, f in _GENDERED_KEYS if m == male}
                break
            if word_key.endswith(male) and len(word_key) > len(male) + 1:
                stem = word_key[: -len(male)]
                forms |= {stem + male} | {stem + f for m, f in _GENDERED_KEYS if m == male}
                break
    return frozenset(forms)
