"""Stage 4, places: find place names in a text and geocode them to GeoNames.

``find_places`` runs the stage:

1. Spans: LOC entities from the NER stage when given; otherwise capitalised words and
   word groups of the text that name a place in the gazetteer (``scan_spans``).
2. Context: each span is geocoded alone, and the countries and first-level regions of the
   results become the document's context (``context_from_names``).
3. Resolution: each span is geocoded again with that context (``geocode``), so that "Paris"
   in a report about Texas is Paris, Texas, and «Оленівка» beside «Донеччина» is the one in
   Donetsk oblast. A name the gazetteer lacks may be a county or name a place inside it
   ("Delhi High Court"): ``fallbacks``.

Candidates are ranked by ``score``: population (a fixed prior for seas, rivers, mountains and
landmarks), plus bonuses for a main name, a country or region named elsewhere in the
document, a region beside its named siblings, and (for reports about the war) Ukraine and
Russia; a region named like a big city yields to the city.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from tracedesk.pipeline.geo.fallbacks import county_candidates, embedded_candidates
from tracedesk.pipeline.geo.gazetteer import (
    Entry,
    Place,
    distance_km,
    is_common_word,
    load_gazetteer,
    name_key,
)
from tracedesk.pipeline.names import GIVEN_NAMES, search_key

__all__ = [
    "GeoContext",
    "GeoOptions",
    "Place",
    "PlaceMention",
    "context_from_names",
    "distance_km",
    "find_places",
    "geocode",
    "scan_spans",
]


@dataclass(frozen=True)
class GeoOptions:
    """Weights and switches of the places stage; the reasons stand beside each."""

    # A main name is what people usually mean: "Paris" is Paris, not a village once so called.
    primary_bonus: float = 1.0
    # A region named elsewhere in the document outweighs two orders of population (so
    # Paris, Texas beats Paris, France in a report about Texas), a country one order: a
    # country is named in passing more often, and London is London even beside Canada.
    # The region bonus is shared among the regions named: a report naming Ohio, Mississippi
    # and Connecticut is about the country, and its "Louisville" is still Kentucky's.
    admin1_bonus: float = 2.0
    country_bonus: float = 1.0
    # A region of a town named elsewhere is weaker evidence: "New York" names a city, and
    # Boston beside it is still Massachusetts'.
    near_admin1_bonus: float = 0.5
    # Regions are named beside their siblings ("England, Scotland and Wales"): a region of a
    # country whose other regions the document names is likelier than a village so named.
    sibling_bonus: float = 1.0
    # Seas, rivers, mountains, deserts and landmarks have no population; news name the ones
    # in our table as often as a city of a million, and more often than the hamlets named
    # after them ("Atlantic", Iowa).
    feature_prior: float = 6.0
    # A region shares its name with its main city, and news mostly mean the city
    # ("Washington", "New York"); more so when a big city of its country is so named,
    # unless the text says "state" ("New York State" is a name of its own).
    region_penalty: float = 1.0
    region_city_penalty: float = 1.5
    region_city_population: int = 100_000
    # Reports about the war place ambiguous names in Ukraine or Russia first.
    war_countries: tuple[str, ...] = ("UA", "RU")
    war_bonus: float = 1.5
    # Found by scanning (no NER span), a town must be this big to count: small places
    # carry the names of common words ("Police", "Mobile", "Reading").
    scan_min_population: int = 15_000
    # A word beside other capitalised words is a place only if the city is this big.
    run_min_population: int = 500_000
    # "Russian" and "French" name countries only loosely; the scan skips them unless asked.
    demonyms: bool = False
    max_span_tokens: int = 5


@dataclass(frozen=True)
class GeoContext:
    """What the rest of the document says about where it is."""

    countries: frozenset[str] = frozenset()
    # Regions (country, admin1) the document names, and regions of the towns it names.
    admin1: frozenset[tuple[str, str]] = frozenset()
    war: bool = False
    near: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the text: character offsets, the words, and the place."""

    start: int
    end: int
    text: str
    place: Place


_REGION_WORDS_TEXT: Final = (
    "oblast region province state district raion rayon область области областю областей "
    "обл край края крае район районе района області областi району районі"
)
_REGION_WORDS: Final = frozenset(_REGION_WORDS_TEXT.split())
_CONNECTORS_TEXT: Final = "of on upon de del la le na nad am au sur на над при"
_CONNECTORS: Final = frozenset(_CONNECTORS_TEXT.split())
# Capitalised words that are never places in running text, though GeoNames has towns so named.
_STOPWORDS_TEXT: Final = """
    the a an and but or if in on at to for of by as is it its he she we they his her their this
    that these those there here then when where what who why how not no yes mr mrs ms dr sir
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december president minister governor mayor
    police army news press university city county street road avenue north south east west
    central new old great little saint san santa lake river mount fort port university
    god christmas easter will can just also after before during since while with from into
    said says according however meanwhile our your my one two three first last many most more
"""
_STOPWORDS: Final = frozenset(_STOPWORDS_TEXT.split())
_GIVEN_KEYS: Final = frozenset(search_key(name) for name in GIVEN_NAMES)
# Words, with inner apostrophes (Слов'янськ) but without an English possessive ('s); hyphens
# split words, so that "London-based" yields London and "Rostov-on-Don" is a word group.
_TOKEN: Final = re.compile(r"[^\W\d_]+(?:['’ʼ](?![sS]\b)[^\W\d_]+)*")
_SENTENCE_END: Final = re.compile(r"[.!?…»\"]\s*$|^\s*$")


def score(
    entry: Entry,
    context: GeoContext,
    options: GeoOptions,
    *,
    big_cities: frozenset[str] = frozenset(),
) -> float:
    """How likely the entry is meant: log population plus the bonuses of ``GeoOptions``."""
    place = entry.place
    if place.population == 0 and place.feature_class in ("H", "T", "S"):
        value = options.feature_prior
    else:
        value = math.log10(place.population + 1)
    if entry.primary:
        value += options.primary_bonus
    if place.feature_code == "ADM1":
        value -= options.region_penalty
        if place.country in big_cities:
            value -= options.region_city_penalty
    region = (place.country, place.admin1 or "")
    if region in context.admin1:
        value += options.admin1_bonus / len(context.admin1)
    elif region in context.near:
        value += options.near_admin1_bonus
    if place.feature_code == "ADM1" and any(c == place.country for c, _ in context.admin1):
        value += options.sibling_bonus
    if place.country in context.countries:
        value += options.country_bonus
    if context.war and place.country in options.war_countries:
        value += options.war_bonus
    return value


def _region_head(name: str) -> str | None:
    """The name without a trailing region word ("Luhansk region" → "Luhansk"), if it has one."""
    words = name.split()
    if len(words) > 1 and name_key(words[-1]) in _REGION_WORDS:
        return " ".join(words[:-1])
    return None


def candidates(name: str) -> list[Entry]:
    """Gazetteer entries for a name; "X region" falls back to the region of the place X."""
    gaz = load_gazetteer()
    found = gaz.lookup(name)
    if found:
        return found
    head = _region_head(name)
    if head is None:
        return []
    heads = gaz.lookup(head)
    if any(e.place.feature_class == "A" for e in heads):
        # "Colorado State" is the state, not the region of Colorado, Paraná.
        heads = [e for e in heads if e.place.feature_class == "A"]
    regions: list[Entry] = []
    for entry in heads:
        place = entry.place
        region = gaz.admin1.get((place.country, place.admin1 or ""))
        target = region if region is not None and place.feature_class == "P" else place
        if all(e.place != target for e in regions):
            regions.append(Entry(target, entry.primary, entry.demonym))
    return regions


def geocode(
    name: str, *, context: GeoContext = GeoContext(), options: GeoOptions = GeoOptions()
) -> Place | None:
    """The place a name most likely means in this context, or None if the gazetteer lacks it.

    "X, Y" is X inside Y ("Paris, Texas", "Olenivka, Donetsk Oblast"). A name the gazetteer
    lacks may be a county, or name its place inside it ("Delhi High Court"): ``fallbacks``.
    """
    name = name.strip()
    found = candidates(name)
    if (name.isupper() and len(name) <= 3) or (name.endswith(".") and len(name) <= 6):
        # An abbreviation names a country or region, not a town ("EU" is not Eu, France;
        # "La." is Louisiana, not LA).
        found = [entry for entry in found if entry.place.feature_class != "P"]
    elif not found and "," in name:
        found = _inside(name)
    if not found and "," not in name:
        regions = context.admin1 | context.near
        countries = context.countries | set(options.war_countries if context.war else ())
        found = county_candidates(name, candidates, regions) or embedded_candidates(
            name, functools.partial(_county_or_town, regions=regions), countries
        )
    if not found:
        return None
    big_cities = frozenset(  # countries with a big city of this name
        e.place.country
        for e in found
        if e.place.feature_class == "P" and e.place.population >= options.region_city_population
    )
    return max(found, key=lambda e: score(e, context, options, big_cities=big_cities)).place


def _inside(name: str) -> list[Entry]:
    """Entries for X in "X, Y" that lie in the place Y names alone."""
    head, _, tail = name.rpartition(",")
    outer = geocode(tail)
    if outer is None or not head.strip():
        return []
    return [
        entry
        for entry in candidates(head.strip())
        if entry.place.country == outer.country
        and (outer.admin1 is None or entry.place.admin1 == outer.admin1)
        and entry.place != outer
    ]


def _county_or_town(name: str, regions: frozenset[tuple[str, str]]) -> list[Entry]:
    """Entries for a name, or for a county so named."""
    return candidates(name) or county_candidates(name, candidates, regions)


@functools.lru_cache(maxsize=65536)
def _alone(name: str, war: bool, options: GeoOptions) -> Place | None:
    """Where a name resolves without other clues (cached: documents repeat names)."""
    return geocode(name, context=GeoContext(war=war), options=options)


def context_from_names(
    names: Iterable[str],
    *,
    war: bool = False,
    exclude: str | None = None,
    options: GeoOptions = GeoOptions(),
) -> GeoContext:
    """The countries and regions that the document's other place names resolve to alone."""
    countries: set[str] = set()
    admin1: set[tuple[str, str]] = set()
    near: set[tuple[str, str]] = set()
    for name in dict.fromkeys(names):
        if exclude is not None and name_key(name) == name_key(exclude):
            continue  # a name is no evidence for its own reading
        place = _alone(name, war, options)
        if place is None or not place.country:
            continue  # seas and parts of the world say nothing about the country
        countries.add(place.country)
        if place.admin1 and place.feature_code == "ADM1":
            admin1.add((place.country, place.admin1))
        elif place.admin1:
            near.add((place.country, place.admin1))
    return GeoContext(frozenset(countries), frozenset(admin1), war, frozenset(near - admin1))


def _sentence_start(text: str, start: int) -> bool:
    """Whether a word begins a sentence, where capitals say nothing about names."""
    return bool(_SENTENCE_END.search(text[max(0, start - 3) : start]))


def _plausible(
    entries: Sequence[Entry],
    span: str,
    text: str,
    start: int,
    context: GeoContext,
    options: GeoOptions,
) -> bool:
    """Whether a span found by scanning names a place rather than a person or a common word."""
    entries = [e for e in entries if options.demonyms or not e.demonym]
    if not entries:
        return False
    words = span.split()
    key = name_key(span)
    if len(words) == 1:
        if key in _STOPWORDS or search_key(span) in _GIVEN_KEYS or len(key) < 2:
            return False
        if span.isupper() and len(span) <= 3:
            return any(e.place.feature_class == "A" for e in entries)
        if re.search(rf"(?<![^\W\d_]){re.escape(key)}(?![^\W\d_])", text):
            return False  # also written in lower case: a common word
        if is_common_word(span) and best_population(entries) < options.scan_min_population:
            return False  # «Правда», «Победа»: villages so named are not what the text means
    best = max(entries, key=lambda e: e.place.population)
    if best.place.feature_class != "P":
        return True
    if len(words) == 1 and span.isascii() and _in_name_run(text, start, start + len(span)):
        # One word of several capitalised ones is a person's or an organisation's name
        # ("David Cameron", "Nelson Mandela") unless it is a well-known city. Not applied to
        # Cyrillic, where given names are known and a region often follows («Оленівці Донецької»).
        return best.place.population >= options.run_min_population
    if _sentence_start(text, start) and len(words) == 1 and not best.primary:
        return False
    return any(_big_enough(e.place, context, options) for e in entries)


def _in_name_run(text: str, start: int, end: int) -> bool:
    """Whether a word stands beside another capitalised word that is not a function word."""
    after = re.match(r" ([A-Z][^\W\d_]*)", text[end : end + 40])
    before = re.search(r"([^\W\d_]+) $", text[max(0, start - 40) : start])
    return any(
        m is not None and m.group(1)[:1].isupper() and name_key(m.group(1)) not in _STOPWORDS
        for m in (after, before)
    )


def best_population(entries: Sequence[Entry]) -> int:
    """The population of the biggest candidate."""
    return max(entry.place.population for entry in entries)


def _big_enough(place: Place, context: GeoContext, options: GeoOptions) -> bool:
    """A town counts when big, or when in a region the document names, or (war) in UA/RU."""
    if place.population >= options.scan_min_population:
        return True
    if place.admin1 and (place.country, place.admin1) in context.admin1 | context.near:
        return True
    return context.war and place.country in options.war_countries


def _is_name_word(word: str) -> bool:
    """A word that can begin or continue a place name: capitalised, or a known abbreviation."""
    return word[:1].isupper()


def _after_given_name(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Whether token i follows a given name, and so is a surname ("Oleksandr Kovalenko")."""
    if i == 0 or text[tokens[i - 1][1] : tokens[i][0]] != " ":
        return False
    return search_key(tokens[i - 1][2]) in _GIVEN_KEYS


def _scan(
    text: str, tokens: list[tuple[int, int, str]], context: GeoContext, options: GeoOptions
) -> list[tuple[int, int, str]]:
    """One pass over the tokens: the longest plausible place name at each capitalised word."""
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        if not _is_name_word(tokens[i][2]) or _after_given_name(text, tokens, i):
            i += 1
            continue
        matched = 0
        limit = min(len(tokens), i + options.max_span_tokens)
        for j in range(limit, i, -1):
            last = tokens[j - 1][2]
            if j - 1 > i and not (_is_name_word(last) or name_key(last) in _REGION_WORDS):
                continue
            inner = [t[2] for t in tokens[i + 1 : j - 1]]
            if any(not (_is_name_word(w) or w.lower() in _CONNECTORS) for w in inner):
                continue
            start, end = tokens[i][0], tokens[j - 1][1]
            span = text[start:end]
            if "\n" in span:
                continue
            if _plausible(candidates(span), span, text, start, context, options):
                spans.append((start, end, span))
                matched = j - i
                break
        i += matched or 1
    return spans


def scan_spans(
    text: str, language: str, *, war: bool = False, options: GeoOptions = GeoOptions()
) -> list[tuple[int, int, str]]:
    """Capitalised words and word groups of the text that name places, longest first.

    Two passes: the first takes big towns, countries and regions; the second also small
    towns in the regions the first found ("Olenivka" once "Donetsk Oblast" is named).
    """
    del language  # capitals mark names in all three languages
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    first = _scan(text, tokens, GeoContext(war=war), options)
    context = context_from_names((span for _, _, span in first), war=war, options=options)
    if not context.admin1 and not context.near:
        return first
    return _scan(text, tokens, context, options)


def find_places(
    text: str,
    language: str,
    entities: Sequence[tuple[int, int, str]] | None = None,
    *,
    war: bool = False,
    options: GeoOptions | None = None,
) -> list[PlaceMention]:
    """Places named in the text, geocoded with the document as context."""
    options = options or GeoOptions()
    # 1. Spans: from NER when given, else by scanning.
    if entities is None:
        spans = scan_spans(text, language, war=war, options=options)
    else:
        spans = list(entities)
    # 2. Context: what the other spans resolve to on their own.
    names = [span for _, _, span in spans]
    mentions = []
    for start, end, span in spans:
        context = context_from_names(names, war=war, exclude=span, options=options)
        # 3. Resolution with that context.
        place = geocode(span, context=context, options=options)
        if place is not None:
            mentions.append(PlaceMention(start, end, span, place))
    return mentions
