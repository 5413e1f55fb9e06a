"""From a link record to the columns Splink blocks and compares on: one row per name.

Every column is a key that is the same for a name in any script, transliteration system or
gendered form, so that SQL equality (and Splink's string functions) do the matching:

- ``surname_key``: one key for all gendered forms (Петров, Петрова, Petrova → the same);
- ``surname_dm``: Daitch–Mokotoff codes of the surname, for spellings the keys keep apart;
- ``given_ids``: the canonical given names the given name can stand for (Ваня → ivan);
- ``given_key``, ``given_initial``, ``patronymic_key``;
- birth year, month and day; the unit's number and key.
"""

from __future__ import annotations

import re
from typing import Any

from tracedesk.pipeline.linking.records import LinkRecord
from tracedesk.pipeline.matching.given_names import canonical_given
from tracedesk.pipeline.matching.parse import parse_name, surname_forms
from tracedesk.pipeline.matching.phonetic import dm_soundex
from tracedesk.pipeline.names import romanize, search_key

_DIGITS = re.compile(r"\d+")

COLUMNS = (
    "row_id",
    "rid",
    "name",
    "surname_key",
    "surname_dm",
    "given_ids",
    "given_key",
    "given_initial",
    "patronymic_key",
    "birth_year",
    "birth_month",
    "birth_day",
    "unit_digits",
    "unit_key",
    "place_key",
)


def surname_key(surname: str) -> str:
    """The one key of every gendered form: the first of their keys in sort order."""
    forms = surname_forms(surname)
    return min(forms) if forms else ""


def name_columns(name: str) -> dict[str, Any]:
    parsed = parse_name(name)
    surname = parsed.surname or ""
    given = parsed.given or ""
    key = surname_key(surname) if surname else ""
    given_key = search_key(given).replace(" ", "") if given else ""
    ids = (
        sorted({g.id for g in canonical_given(given)})
        if given and not parsed.given_is_initial
        else []
    )
    return {
        "name": name,
        "surname_key": key or None,
        "surname_dm": sorted(dm_soundex(romanize(surname))) if surname else None,
        "given_ids": ids or None,
        "given_key": (given_key if not parsed.given_is_initial else None) or None,
        "given_initial": given_key[:1] or None,
        "patronymic_key": (
            search_key(parsed.patronymic).replace(" ", "")
            if parsed.patronymic and not parsed.patronymic_is_initial
            else None
        ),
    }


def record_rows(record: LinkRecord) -> list[dict[str, Any]]:
    """One row per name of the record, with the record's date, unit and place."""
    birth = record.birth_date
    digits = "".join(_DIGITS.findall(record.unit))
    shared = {
        "rid": record.id,
        "birth_year": birth.year if birth else None,
        "birth_month": birth.month if birth else None,
        "birth_day": birth.day if birth else None,
        "unit_digits": digits or None,
        "unit_key": search_key(record.unit) or None,
        "place_key": search_key(record.place) or None,
    }
    return [
        {"row_id": f"{record.id}\x1f{index}", **shared, **name_columns(name)}
        for index, name in enumerate(record.names)
    ]
