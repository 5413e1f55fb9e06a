"""Given names and their diminutives, in any script, mapped to one canonical name.

«Ваня», "Vanya", «Іван» and "Iwan" are one name, ``ivan``. The table is ours
(``pipeline/data/given_names.tsv``); lookup goes through ``names.search_key`` so that any
transliteration of a listed form is found. A diminutive listed under several names (Саша:
Александр and Александра; Слава: Вячеслав, Ярослав, Станислав...) returns all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Final

from tracedesk.pipeline.names import search_key

__all__ = ["GivenName", "NameEntry", "canonical_given", "entries", "is_ambiguous"]

_DATA: Final = "given_names.tsv"


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One row of the table: a canonical name with its full forms and diminutives."""

    id: str
    sex: str
    forms: tuple[str, ...]
    diminutives: tuple[str, ...]

    @property
    def display(self) -> str:
        """The first listed (Russian) form, for reasons shown to people."""
        return self.forms[0]


@dataclass(frozen=True, slots=True)
class GivenName:
    """A canonical given name that a spelling can stand for."""

    id: str
    sex: str
    diminutive: bool  # the spelling matched a diminutive, not a full form

    @property
    def display(self) -> str:
        return entries()[self.id].display


@cache
def entries() -> dict[str, NameEntry]:
    """The table by id, read once from the package data."""
    text = resources.files("tracedesk.pipeline").joinpath("data", _DATA).read_text("utf-8")
    table: dict[str, NameEntry] = {}
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for line in lines[1:]:  # the first is the header
        ident, sex, forms, diminutives = (line.split("\t") + ["", ""])[:4]
        table[ident] = NameEntry(
            id=ident,
            sex=sex,
            forms=tuple(f for f in forms.split(",") if f),
            diminutives=tuple(d for d in diminutives.split(",") if d),
        )
    return table


@cache
def _index() -> dict[str, frozenset[GivenName]]:
    index: dict[str, set[GivenName]] = {}
    for entry in entries().values():
        for forms, diminutive in ((entry.forms, False), (entry.diminutives, True)):
            for form in forms:
                key = search_key(form)
                if key:
                    index.setdefault(key, set()).add(GivenName(entry.id, entry.sex, diminutive))
    # A spelling that is a full form of one name is not also "a diminutive" of the same name.
    out: dict[str, frozenset[GivenName]] = {}
    for key, names in index.items():
        full = {n.id for n in names if not n.diminutive}
        out[key] = frozenset(n for n in names if not n.diminutive or n.id not in full)
    return out


@lru_cache(maxsize=65536)
def canonical_given(name: str) -> frozenset[GivenName]:
    """Every canonical name this spelling can be, empty when it is not in the table.

    Works in any script, case and transliteration: «ІВАН», "Ivan", "Iwan", "Vania".
    """
    return _index().get(search_key(name), frozenset())


def is_ambiguous(name: str) -> bool:
    """True when the spelling stands for more than one canonical name (Саша, Женя, Слава)."""
    return len({n.id for n in canonical_given(name)}) > 1
