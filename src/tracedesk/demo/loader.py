"""Load the demo registry (tracedesk.demo.data) through the services.

Every record is written by the same service a user's form would call, so it is
validated and audited like any other; nothing is inserted behind the trail's back.
"""

import datetime as dt
from typing import Any

from django.db import transaction

from tracedesk.demo import data
from tracedesk.intake import services as intake
from tracedesk.registry import services as registry
from tracedesk.registry.blobs import sha256_hex
from tracedesk.registry.models import Place, Source
from tracedesk.tracing import services as tracing

COUNT_KEYS = (
    "places",
    "facilities",
    "units",
    "people",
    "names",
    "sources",
    "events",
    "evidence",
    "tracing_requests",
    "inquiries",
    "drafts",
)


def demo_marker() -> str:
    """The SHA-256 of the marker source: when a Source has it, the demo is loaded."""
    return sha256_hex(data.SOURCES[data.MARKER_SOURCE]["text"].encode("utf-8"))


def demo_loaded() -> bool:
    return Source.objects.filter(sha256=demo_marker()).exists()


def load_demo(*, actor: Any, caseworker: Any = None) -> dict[str, int]:
    """Write the demo records once and return how many of each were created.

    The actor must be able to edit the registry and work on tracing (an admin). When
    the demo is already loaded nothing is written and every count is 0. Everything is
    one transaction: a failure leaves no partial demo behind.
    """
    counts = dict.fromkeys(COUNT_KEYS, 0)
    with transaction.atomic():
        if demo_loaded():
            return counts
        places = _places(actor, counts)
        facilities = _facilities(actor, places, counts)
        units = _units(actor, counts)
        people = _people(actor, units, counts)
        sources = _sources(actor, counts)
        # Event field ← (key in data.EVENTS, the records that key names).
        refs = {
            "place": ("place", places),
            "facility": ("facility", facilities),
            "perpetrator_unit": ("perpetrator", units),
        }
        for spec in data.EVENTS:
            _event(actor, spec, refs, people, sources, counts)
        _people_evidence(actor, people, sources, counts)
        for spec in data.TRACING_REQUESTS:
            _tracing_request(actor, caseworker, spec, units, counts)
        _drafts(actor, sources, counts)
    return counts


def quote_span(text: str, quote: str) -> tuple[int, int]:
    """Where the quote stands in the text; it must be there verbatim."""
    if not quote.strip():
        raise ValueError("Demo evidence needs a non-empty quote.")
    try:
        start = text.index(quote)
    except ValueError:
        raise ValueError(f"Demo quote not found in its source: {quote[:60]!r}") from None
    return start, start + len(quote)


def _places(actor: Any, counts: dict[str, int]) -> dict[str, Place]:
    places = {}
    for key, fields in data.PLACES.items():
        # A gazetteer entry may already exist (GeoNames ids are unique): reuse it.
        existing = Place.objects.filter(geonameid=fields["geonameid"]).first()
        if existing is not None:
            places[key] = existing
            continue
        places[key] = registry.place_create(actor=actor, **fields)
        counts["places"] += 1
    return places


def _facilities(actor: Any, places: dict[str, Place], counts: dict[str, int]) -> dict[str, Any]:
    facilities = {}
    for key, spec in data.FACILITIES.items():
        fields = dict(spec)
        place = places[fields.pop("place")]
        facilities[key] = registry.facility_create(
            actor=actor,
            place=place,
            latitude=place.latitude,
            longitude=place.longitude,
            coordinate_precision="settlement",
            **fields,
        )
        counts["facilities"] += 1
    return facilities


def _units(actor: Any, counts: dict[str, int]) -> dict[str, Any]:
    units: dict[str, Any] = {}
    for key, spec in data.UNITS.items():
        fields = dict(spec)
        if "parent" in fields:
            fields["parent"] = units[fields["parent"]]
        units[key] = registry.unit_create(actor=actor, **fields)
        counts["units"] += 1
    return units


def _people(actor: Any, units: dict[str, Any], counts: dict[str, int]) -> dict[str, Any]:
    people = {}
    for key, spec in data.PEOPLE.items():
        fields = {k: v for k, v in spec.items() if k not in {"names", "units", "evidence"}}
        names = [
            registry.NameInput(full_name, kind=kind, language=language, is_primary=(i == 0))
            for i, (full_name, kind, language) in enumerate(spec["names"])
        ]
        people[key] = registry.person_create(
            actor=actor, names=names, units=[units[u] for u in spec.get("units", [])], **fields
        )
        counts["people"] += 1
        counts["names"] += len(names)
    return people


def _sources(actor: Any, counts: dict[str, int]) -> dict[str, Source]:
    sources = {}
    for key, spec in data.SOURCES.items():
        fields = dict(spec)
        published = dt.date.fromisoformat(fields.pop("published"))
        retrieved = dt.datetime.combine(published + dt.timedelta(days=1), dt.time(9), dt.UTC)
        sources[key] = registry.source_create(
            actor=actor, published=published, retrieved_at=retrieved, **fields
        )
        counts["sources"] += 1
    return sources


def _evidence(
    actor: Any, source: Source, quote: str, counts: dict[str, int], **target: Any
) -> None:
    start, end = quote_span(source.text, quote)
    registry.evidence_create(actor=actor, source=source, start=start, end=end, **target)
    counts["evidence"] += 1


def _event(
    actor: Any,
    spec: dict[str, Any],
    refs: dict[str, tuple[str, dict[str, Any]]],
    people: dict[str, Any],
    sources: dict[str, Source],
    counts: dict[str, int],
) -> None:
    fields = {field: records[spec[key]] for field, (key, records) in refs.items() if key in spec}
    if "unnamed" in spec:
        fields["unnamed_count"], fields["unnamed_description"] = spec["unnamed"]
    date_start, date_end = spec["dates"]
    event = registry.event_create(
        actor=actor,
        type=spec["type"],
        title=spec["title"],
        date_start=date_start,
        date_end=date_end,
        victims=[people[key] for key in spec["victims"]],
        verification=spec["verification"],
        confidence=spec["confidence"],
        description=spec.get("description", ""),
        **fields,
    )
    counts["events"] += 1
    for source_key, quote in spec["evidence"]:
        _evidence(actor, sources[source_key], quote, counts, event=event)


def _people_evidence(
    actor: Any, people: dict[str, Any], sources: dict[str, Source], counts: dict[str, int]
) -> None:
    for key, spec in data.PEOPLE.items():
        for source_key, quote, claim in spec.get("evidence", []):
            _evidence(actor, sources[source_key], quote, counts, person=people[key], claim=claim)


def _tracing_request(
    actor: Any, caseworker: Any, spec: dict[str, Any], units: dict[str, Any], counts: dict[str, int]
) -> None:
    fields = {k: v for k, v in spec.items() if k not in {"inquiries", "status"}}
    request = tracing.tracing_request_create(
        actor=actor, assigned_to=[caseworker] if caseworker is not None else [], **fields
    )
    counts["tracing_requests"] += 1
    for inquiry in spec["inquiries"]:
        values: dict[str, Any] = dict(inquiry)
        for name in ("date", "answered_on", "next_step_due"):
            if name in values:
                values[name] = dt.date.fromisoformat(values[name])
        if "unit" in values:
            values["unit"] = units[values["unit"]]
        # The first inquiry moves the case from open to searching.
        tracing.inquiry_create(actor=actor, request=request, **values)
        counts["inquiries"] += 1
    if "status" in spec:
        status, note = spec["status"]
        tracing.tracing_request_set_status(actor=actor, request=request, status=status, note=note)


def reading_contract(source: Source, reading: dict[str, Any]) -> dict[str, Any]:
    """A declared reading (data.READINGS) as the extraction contract, offsets from quotes."""
    text = source.text

    def mentions(quote: str) -> list[list[int]]:
        return [list(quote_span(text, quote))]

    places = []
    for spec in reading.get("places", []):
        place = data.PLACES[spec["place"]]
        places.append(
            {
                "name": place["name_en"],
                "geonameid": place["geonameid"],
                "lat": place["latitude"],
                "lon": place["longitude"],
                "country": place["country"],
                "admin1": place["admin1"],
                "mentions": mentions(spec["quote"]),
            }
        )
    people = [
        {
            "name": spec["name"],
            "latin": spec.get("latin", spec["name"]),
            "pseudonym": False,
            "roles": spec["roles"],
            "age": spec.get("age"),
            "birth_year": None,
            "unit": None,
            "mentions": mentions(spec["quote"]),
        }
        for spec in reading.get("people", [])
    ]
    facilities = [
        {"name": spec["name"], "place": spec.get("place"), "mentions": mentions(spec["quote"])}
        for spec in reading.get("facilities", [])
    ]
    events = [
        {
            "type": spec["type"],
            "date": {"start": spec["date"][0], "end": spec["date"][1]},
            "place": spec.get("place"),
            "facility": spec.get("facility"),
            "unit": None,
            "people": spec.get("people", []),
            "count": spec.get("count"),
            "evidence": list(quote_span(text, spec["evidence"])),
        }
        for spec in reading["events"]
    ]
    return {
        "input": source.url or source.title,
        "document": {
            "title": source.title,
            "published": source.published.isoformat() if source.published else None,
            "language": source.language,
            "outlet": source.outlet,
            "url": source.url,
            "sha256": source.sha256,
        },
        "text": text,
        "people": people,
        "places": places,
        "facilities": facilities,
        "units": [],
        "events": events,
    }


def _drafts(actor: Any, sources: dict[str, Source], counts: dict[str, int]) -> None:
    """Ingest the declared readings: the same bytes as the stored sources, so no new Source."""
    readings = [(sources[key], reading) for key, reading in data.READINGS.items()]
    run = intake.ingest_run_start(actor=actor, inputs=[s.url for s, _ in readings])
    for source, reading in readings:
        outcome = intake.ingest_document(
            actor=actor,
            run=run,
            raw=source.text.encode("utf-8"),
            result=reading_contract(source, reading),
            content_type=source.content_type,
            kind=source.kind,
        )
        counts["drafts"] += outcome.drafts
    intake.ingest_run_finish(actor=actor, run=run)
