"""The JSON Schema of one `tracedesk extract` output line (the extraction contract)."""

from __future__ import annotations

import copy
import json
from importlib.resources import files
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tracedesk.pipeline.events import Event, event_to_dict

SCHEMA = json.loads(
    files("tracedesk.pipeline").joinpath("schema/extract.schema.json").read_text("utf-8")
)
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)

TEXT = "5 марта в Мелитополе задержали Ивана Петренко. Его держат в СИЗО."
VALID: dict[str, Any] = {
    "input": "reports/melitopol.html",
    "document": {
        "title": "В Мелитополе задержали жителя",
        "published": "2022-03-07",
        "language": "ru",
        "outlet": "example.org",
        "url": "https://example.org/news/1",
        "sha256": "ab" * 32,
    },
    "text": TEXT,
    "people": [
        {
            "name": "Иван Петренко",
            "latin": "Ivan Petrenko",
            "pseudonym": False,
            "roles": ["detained"],
            "age": None,
            "birth_year": None,
            "unit": None,
            "mentions": [[31, 45]],
        }
    ],
    "places": [
        {
            "name": "Мелитополь",
            "geonameid": 702658,
            "lat": 46.84891,
            "lon": 35.36533,
            "country": "UA",
            "admin1": "Zaporizhzhia",
            "mentions": [[10, 20]],
        }
    ],
    "facilities": [{"name": "СИЗО", "place": None, "mentions": [[60, 64]]}],
    "units": [],
    "events": [
        {
            "type": "detention",
            "date": {"start": "2022-03-05", "end": "2022-03-05"},
            "place": 0,
            "facility": None,
            "people": [0],
            "count": None,
            "evidence": [0, 46],
        },
        {
            "type": "detention",
            "date": None,
            "place": None,
            "facility": 0,
            "people": [0],
            "count": None,
            "evidence": [47, 65],
        },
    ],
}


def test_the_schema_is_valid_draft_2020_12() -> None:
    """The schema itself passes the meta-schema."""
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(
    "line",
    [
        VALID,
        {"input": "broken.warc.gz", "error": "truncated gzip stream"},
        {
            **VALID,
            "document": {**VALID["document"], "published": None, "language": None},
            "people": [],
            "places": [],
            "facilities": [],
            "units": [],
            "events": [],
        },
        {**VALID, "extra_field_for_later": 1},  # the contract names what it contains "at least"
    ],
)
def test_valid_lines(line: dict[str, Any]) -> None:
    """A full document line, the error form and an empty draft validate."""
    assert list(VALIDATOR.iter_errors(line)) == []


@pytest.mark.parametrize("value", ["2022-03-05", "2022-03", "2022", "--03-05", "--03"])
def test_partial_dates(value: str) -> None:
    """Every precision of an ISO 8601 date is accepted in an event."""
    line = copy.deepcopy(VALID)
    line["events"][0]["date"] = {"start": value, "end": None}
    assert VALIDATOR.is_valid(line)


def _broken(path: str, value: Any) -> dict[str, Any]:
    """VALID with the value at a slash-separated path replaced (or removed for ...)."""
    line = copy.deepcopy(VALID)
    *parents, last = path.split("/")
    target: Any = line
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is ...:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return line


@pytest.mark.parametrize(
    ("line", "why"),
    [
        (_broken("events", ...), "events missing"),
        (_broken("events/0/type", "arrest"), "not one of the nine types"),
        (_broken("events/0/date/start", "2022-13-01"), "month 13"),
        (_broken("events/0/date/start", "5 March 2022"), "not ISO"),
        (_broken("events/0/evidence", [1]), "a span has two ends"),
        (_broken("events/0/evidence", [0, 4, 9]), "a span has two ends"),
        (_broken("events/0/people", [-1]), "negative index"),
        (_broken("events/0/count", 2.5), "fractional count"),
        (_broken("people/0/roles", ["victim"]), "unknown role"),
        (_broken("people/0/age", -3), "negative age"),
        (_broken("people/0/mentions", [[1, "2"]]), "offset not an integer"),
        (_broken("places/0/lat", 123.0), "latitude out of range"),
        (_broken("places/0/country", "Ukraine"), "country is ISO 3166 alpha-2"),
        (_broken("document/sha256", "AB" * 32), "sha256 is lower-case hex"),
        (_broken("document/published", "07.03.2022"), "published not ISO"),
        (_broken("text", None), "text is a string"),
        ({"input": "x.html"}, "neither a document nor an error"),
        ({"error": "no input named"}, "the error form names its input"),
        ({"input": "x.html", "error": "unreadable", "text": ""}, "error form has no text"),
        ({**VALID, "error": "both"}, "a document line carries no error"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_invalid_lines(line: dict[str, Any], why: str) -> None:
    """Hand-broken lines are rejected."""
    assert not VALIDATOR.is_valid(line), why


def test_event_to_dict_output_validates() -> None:
    """What the event stage emits fits the contract's event entry."""
    line = copy.deepcopy(VALID)
    line["events"] = [
        event_to_dict(
            Event("transfer", (47, 65), (51, 56), (0,), None, 0, None, ("--03-04", "--03-05"), 12)
        ),
        event_to_dict(Event("death", (0, 46), (0, 5))),
    ]
    assert list(VALIDATOR.iter_errors(line)) == []
