"""Link records: read and check the JSON Lines `tracedesk link` takes, one error per bad line.

A record is ``{"id", "names": [...], "birth_date": "YYYY" | "YYYY-MM" | "YYYY-MM-DD" | null,
"unit", "place"}``, and, for a report that gives an age instead of a birth date, ``"age"`` with
the report's date ``"reported"`` (the birth year is then estimated, one year either way). A
line that cannot be used yields a ``RecordError`` naming its line number
and the problem; the other lines are read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tracedesk.pipeline.names import detect_script

_BIRTH = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
_FIELDS = frozenset({"id", "names", "birth_date", "unit", "place", "age", "reported"})
MAX_NAMES = 20
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class BirthDate:
    year: int
    month: int | None = None
    day: int | None = None
    estimated: bool = False  # from an age in a dated report: the year or the one before

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True)
class LinkRecord:
    id: str
    names: tuple[str, ...]
    birth_date: BirthDate | None = None
    unit: str = ""
    place: str = ""


@dataclass(frozen=True)
class RecordError:
    source: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


class InvalidRecord(ValueError):
    """One field of one record is unusable; the message names the field."""


def parse_birth_date(value: object) -> BirthDate | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a real calendar day), or None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidRecord(f"birth_date: {value!r} is not text")
    match = _BIRTH.match(value.strip())
    if not match:
        raise InvalidRecord(f"birth_date: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise InvalidRecord(f"birth_date: {value!r} is not a day of the calendar") from None
    if not 1880 <= year <= dt.date.today().year:
        raise InvalidRecord(f"birth_date: year {year} is not a possible birth year")
    return BirthDate(year, month, day)


def _from_age(age: object, reported: object) -> BirthDate:
    """The birth year an age in a dated report points to (the later of the two possible)."""
    if not isinstance(age, int) or isinstance(age, bool) or not 0 <= age <= 120:
        raise InvalidRecord(f"age: {age!r} is not a whole number of years from 0 to 120")
    if reported is None:
        raise InvalidRecord("reported: an age needs the date of the report it comes from")
    try:
        when = parse_birth_date(reported)
    except InvalidRecord:
        raise InvalidRecord(f"reported: {reported!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None
    assert when is not None
    return BirthDate(when.year - age, estimated=True)


def check_name(name: object, index: int) -> str:
    """A name with letters, in one script per word; the field is named in the error."""
    field = f"names[{index}]"
    if not isinstance(name, str):
        raise InvalidRecord(f"{field}: {name!r} is not text")
    text = " ".join(unicodedata.normalize("NFC", name).split())
    if not text:
        raise InvalidRecord(f"{field}: empty")
    if len(text) > MAX_NAME_LENGTH:
        raise InvalidRecord(f"{field}: longer than {MAX_NAME_LENGTH} characters")
    words = _WORD.findall(text)
    if not words:
        raise InvalidRecord(f"{field}: {text!r} has no letters")
    for word in words:
        if detect_script(word) == "Mixed":
            raise InvalidRecord(
                f"{field}: {word!r} mixes scripts (Latin and Cyrillic letters in one word)"
            )
    return text


def _text(value: object, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int):
        raise InvalidRecord(f"{field}: {value!r} is not text")
    return " ".join(str(value).split())


def parse_record(obj: object) -> LinkRecord:
    """One record from its decoded JSON, or InvalidRecord naming the field."""
    if not isinstance(obj, dict):
        raise InvalidRecord("not a JSON object")
    unknown = set(obj) - _FIELDS
    if unknown:
        raise InvalidRecord(f"unknown field(s): {', '.join(sorted(unknown))}")
    record_id = obj.get("id")
    if not isinstance(record_id, str | int) or isinstance(record_id, bool) or record_id == "":
        raise InvalidRecord("id: missing or not text")
    names = obj.get("names")
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list) or not names:
        raise InvalidRecord("names: a record needs a list of at least one name")
    if len(names) > MAX_NAMES:
        raise InvalidRecord(f"names: more than {MAX_NAMES}")
    birth = parse_birth_date(obj.get("birth_date"))
    if obj.get("age") is not None or obj.get("reported") is not None:
        estimate = _from_age(obj.get("age"), obj.get("reported"))
        birth = birth or estimate
    return LinkRecord(
        id=str(record_id),
        names=tuple(dict.fromkeys(check_name(name, i) for i, name in enumerate(names))),
        birth_date=birth,
        unit=_text(obj.get("unit"), "unit"),
        place=_text(obj.get("place"), "place"),
    )


def read_records(lines: Iterable[str], source: str) -> Iterator[LinkRecord | RecordError]:
    """Records from JSON Lines; blank lines are skipped, duplicate ids are errors."""
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = parse_record(json.loads(line))
        except json.JSONDecodeError as error:
            yield RecordError(source, number, f"not JSON: {error.msg} at column {error.colno}")
            continue
        except InvalidRecord as error:
            yield RecordError(source, number, str(error))
            continue
        if record.id in seen:
            yield RecordError(source, number, f"id {record.id!r} appears twice")
            continue
        seen.add(record.id)
        yield record
