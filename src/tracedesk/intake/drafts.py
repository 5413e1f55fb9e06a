"""From the extraction contract to drafts: one self-contained payload per drafted event.

Pure functions over the pipeline's output (no database): the payload carries everything the
review page and the accept service need, so that a draft can be judged without re-running the
pipeline and without looking anything else up.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tracedesk.pipeline.facilities import find_facilities

# The pipeline's facility kinds → the registry's Facility.Kind values.
FACILITY_KIND = {
    "sizo": "sizo",
    "colony": "colony",
    "filtration": "filtration",
    "detention_centre": "temporary",
    "basement": "basement",
    "pit": "pit",
    "named_site": "other",
}

_TITLE_VERB = {
    "detention": "Detention",
    "transfer": "Transfer",
    "abuse": "Abuse",
    "coercion": "Coercion",
    "refusal": "Refusal to fight",
    "release": "Release",
    "disappearance": "Disappearance",
    "death": "Death",
    "sentencing": "Sentencing",
}
_DIGITS = re.compile(r"\d[\d\s-]*\d|\d")


def facility_kind(name: str, language: str) -> str:
    """The registry kind for a facility name the pipeline found."""
    for _start, _end, _name, kind in find_facilities(name, language):
        return FACILITY_KIND.get(kind, "other")
    return "other"


def unit_designation(name: str) -> str:
    """The unit number in "в/ч 12345" / "military unit 3057"; empty for named units."""
    lowered = name.lower()
    if any(marker in lowered for marker in ("в/ч", "в/ч", "military unit", "войсковая часть")):
        match = _DIGITS.search(name)
        if match:
            return re.sub(r"\D", "", match.group())
    return ""


def _first_inside(mentions: list[list[int]], start: int, end: int) -> list[int] | None:
    for mention in mentions:
        if start <= mention[0] and mention[1] <= end:
            return list(mention)
    return None


def _place(result: dict[str, Any], index: int | None, text: str) -> dict[str, Any] | None:
    if index is None:
        return None
    place = result["places"][index]
    first = place["mentions"][0] if place.get("mentions") else None
    return {
        "name": place["name"],
        "surface": text[first[0] : first[1]] if first else place["name"],
        "geonameid": place.get("geonameid"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "country": place.get("country") or "",
        "admin1": place.get("admin1") or "",
    }


def _person(
    person: dict[str, Any], start: int, end: int, published: dt.date | None
) -> dict[str, Any]:
    birth_year = person.get("birth_year")
    estimated = False
    if birth_year is None and person.get("age") is not None and published is not None:
        # "25 лет" in a report from March 2024: born 1998 or 1999; the earlier year is kept
        # and marked as an estimate for the analyst.
        birth_year, estimated = published.year - int(person["age"]), True
    return {
        "name": person["name"],
        "latin": person.get("latin") or "",
        "pseudonym": bool(person.get("pseudonym")),
        "roles": list(person.get("roles") or []),
        "age": person.get("age"),
        "birth_year": birth_year,
        "birth_year_estimated": estimated,
        "mention": _first_inside(person.get("mentions") or [], start, end),
    }


def draft_title(payload: dict[str, Any]) -> str:
    """A working title such as "Detention of Ivan Sidorenko in Bryanka"."""
    title = _TITLE_VERB.get(payload["type"], payload["type"].title())
    people = [p["latin"] or p["name"] for p in payload["people"]]
    if people:
        shown = ", ".join(people[:2]) + (f" and {len(people) - 2} more" if len(people) > 2 else "")
        title += f" of {shown}"
    elif payload.get("count"):
        title += f" of {payload['count']} people"
    where = payload.get("facility") or payload.get("place")
    if where:
        title += f" at {where['name']}" if payload.get("facility") else f" in {where['name']}"
    return title[:300]


def build_payloads(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One payload per event of a contract object, offsets into ``result["text"]``."""
    text = result["text"]
    published = _iso_date(result["document"].get("published"))
    language = result["document"].get("language") or ""
    payloads = []
    for event in result["events"]:
        start, end = event["evidence"]
        facility = None
        if event.get("facility") is not None:
            found = result["facilities"][event["facility"]]
            facility = {
                "name": found["name"],
                "kind": facility_kind(found["name"], language),
                "place": _place(result, found.get("place"), text),
            }
        unit = None
        if event.get("unit") is not None:
            name = result["units"][event["unit"]]["name"]
            unit = {"name": name, "designation": unit_designation(name)}
        payload = {
            "type": event["type"],
            "date": event.get("date"),
            "place": _place(result, event.get("place"), text),
            "facility": facility,
            "unit": unit,
            "people": [
                _person(result["people"][i], start, end, published) for i in event["people"]
            ],
            "count": event.get("count"),
            "evidence": [start, end],
            "language": language,
        }
        payload["title"] = draft_title(payload)
        payloads.append(payload)
    return payloads


def shift_payload(payload: dict[str, Any], delta: int) -> dict[str, Any]:
    """The same payload with every offset moved by ``delta`` characters."""
    shifted = dict(payload)
    shifted["evidence"] = [payload["evidence"][0] + delta, payload["evidence"][1] + delta]
    shifted["people"] = [{**p, "mention": _moved(p["mention"], delta)} for p in payload["people"]]
    return shifted


def _moved(span: list[int] | None, delta: int) -> list[int] | None:
    return [span[0] + delta, span[1] + delta] if span else None


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
