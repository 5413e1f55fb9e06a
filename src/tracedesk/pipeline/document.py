"""One document through the whole pipeline, into the extraction contract (PRODUCT.md).

Stages, in order:
1. read the text: decode and extract the article from HTML, or clean plain text;
2. language of the document;
3. people (NER, grouped by name, normalised and romanised; pseudonyms; age and birth year);
4. places (geocoded with the document as context), facilities and units;
5. dates relative to the publication date, and counts of people;
6. events of the nine types, each with its evidence span.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from tracedesk.pipeline import names
from tracedesk.pipeline.boilerplate import clean_text
from tracedesk.pipeline.counts import find_counts
from tracedesk.pipeline.dates import find_dates
from tracedesk.pipeline.entities import find_entities
from tracedesk.pipeline.events import event_to_dict, find_events
from tracedesk.pipeline.extraction.article import ExtractOptions, extract_article
from tracedesk.pipeline.extraction.decode import decode_html
from tracedesk.pipeline.facilities import find_facilities, find_units
from tracedesk.pipeline.geo import find_places
from tracedesk.pipeline.inputs import InputDocument
from tracedesk.pipeline.language import detect_language

# Which roles an event gives the people it names.
ROLE_BY_EVENT = {
    "detention": "detained",
    "transfer": "detained",
    "abuse": "detained",
    "coercion": "detained",
    "refusal": "refused",
    "release": "released",
    "disappearance": "missing",
    "death": "killed",
    "sentencing": "sentenced",
}
# "The name has been changed" in the three languages: the name near it is a pseudonym.
_PSEUDONYM = re.compile(
    r"name (?:has been|was|is) changed|not (?:his|her|their) real name"
    r"|names? (?:have|has) been changed"
    r"|им(?:я|ена) (?:был[оиa]? )?изменен|(?:имя|фамилия) изменен|ім['’ʼ]я змінен|імена змінен"
    r"|прізвище змінен",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(r"^,\s*(\d{1,2})\s*(?:,|\)|years?\b|лет\b|года\b|рок)", re.IGNORECASE)
_AGE_BEFORE = re.compile(
    r"(\d{1,2})\s*-?\s*(?:year-old|летн\w*|річн\w*)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
_BIRTH_YEAR = re.compile(
    r"(?:born in\s+|b\.\s*)((?:19|20)\d{2})"
    r"|((?:19|20)\d{2})\s*(?:г\.?\s*р\.?|года рождения|г\.р\.|р\.\s*н\.|року народження)",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?:mother|father|wife|sister|brother|son|daughter|мать|мама|отец|жена|сестра|брат|сын|дочь|"
    r"мати|батько|дружина|син|донька)\b[^.!?]{0,12}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DocumentOptions:
    """Everything the stages need to know, in one explicit object."""

    published: dt.date | None = None
    url: str | None = None
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    # Reports about this war: ambiguous place names lean to Ukraine and Russia.
    war: bool = True


def read_text(doc: InputDocument, options: DocumentOptions) -> dict[str, Any]:
    """Stage 1: the clean article text and what the page says about itself."""
    url = doc.url or options.url
    if doc.kind == "html":
        html = decode_html(doc.raw, doc.charset)
        article = extract_article(html, url=url, options=options.extract)
        text, title, published, outlet = (
            article.text,
            article.title,
            article.published,
            article.outlet,
        )
    else:
        text = clean_text(_decode_text(doc.raw, doc.charset))
        title = next((line.strip() for line in text.splitlines() if line.strip()), None)
        published, outlet = None, None
    if options.published is not None:
        published = options.published.isoformat()
    if outlet is None and url:
        outlet = urlparse(url).hostname
    return {"title": title, "published": published, "outlet": outlet, "url": url, "text": text}


def _decode_text(raw: bytes, charset: str | None) -> str:
    # Plain text has no <meta>: the same decoder's detection serves (UTF-8, cp1251, koi8-r…).
    return decode_html(raw, charset)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
    rights = [i for i in (text.find(mark, end) for mark in ".!?\n") if i != -1]
    return left, (min(rights) + 1 if rights else len(text))


def group_people(text: str, entities: Sequence[Any], language: str) -> list[dict[str, Any]]:
    """Stage 3: one person per normalised name, with mentions, pseudonym flag, age, birth year."""
    people: dict[str, dict[str, Any]] = {}
    for entity in entities:
        if entity.label != "PER":
            continue
        key = names.search_key(entity.normal or entity.text)
        if not key:
            continue
        person = _merge_target(people, key)
        if person is None:
            person = people.setdefault(
                key,
                {
                    "name": entity.normal or entity.text,
                    "latin": names.romanize(entity.normal or entity.text, language),
                    "pseudonym": False,
                    "roles": [],
                    "age": None,
                    "birth_year": None,
                    "unit": None,
                    "mentions": [],
                },
            )
        person["mentions"].append([entity.start, entity.end])
        left, right = _sentence_bounds(text, entity.start, entity.end)
        following = text[entity.end : min(len(text), right + 200)]
        if _PSEUDONYM.search(text[left:right]) or _PSEUDONYM.search(following[:160]):
            person["pseudonym"] = True
        if person["age"] is None:
            person["age"] = _age(text, entity.start, entity.end)
        if person["birth_year"] is None:
            # A fixed window: abbreviations such as «р.н.» end no sentence.
            found = _BIRTH_YEAR.search(text[entity.end : entity.end + 60])
            if found:
                person["birth_year"] = int(found.group(1) or found.group(2))
        if _RELATIVE.search(text[max(left, entity.start - 40) : entity.start]):
            _add_role(person, "relative")
    return list(people.values())


def _merge_target(people: dict[str, dict[str, Any]], key: str) -> dict[str, Any] | None:
    """A surname alone ("Sydorenko") is the person already named in full ("Ivan Sydorenko")."""
    if key in people:
        return people[key]
    words = key.split()
    for other_key, person in people.items():
        other = other_key.split()
        if len(words) == 1 and words[0] in other or len(other) == 1 and other[0] in words:
            return person
    return None


def _age(text: str, start: int, end: int) -> int | None:
    after = _AGE_AFTER.match(text[end : end + 20])
    before = _AGE_BEFORE.search(text[max(0, start - 40) : start])
    found = after or before
    if not found:
        return None
    age = int(found.group(1))
    return age if 14 <= age <= 99 else None


def _add_role(person: dict[str, Any], role: str) -> None:
    if role not in person["roles"]:
        person["roles"].append(role)


def group_spans(spans: Sequence[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """Facilities and units: one record per name (case-insensitive), every mention kept."""
    grouped: dict[str, dict[str, Any]] = {}
    for start, end, name in spans:
        record = grouped.setdefault(name.casefold(), {"name": name, "mentions": []})
        record["mentions"].append([start, end])
    return list(grouped.values())


def group_places(mentions: Sequence[Any]) -> list[dict[str, Any]]:
    """Places: one record per GeoNames place (or per name when there is no id)."""
    grouped: dict[object, dict[str, Any]] = {}
    for mention in mentions:
        place = mention.place
        key = place.geonameid or ("name", place.name)
        record = grouped.setdefault(
            key,
            {
                "name": place.name,
                "geonameid": place.geonameid,
                "lat": round(place.lat, 5),
                "lon": round(place.lon, 5),
                "country": place.country or None,
                "admin1": place.admin1,
                "mentions": [],
            },
        )
        record["mentions"].append([mention.start, mention.end])
    return list(grouped.values())


def _nearest(records: Sequence[dict[str, Any]], start: int, end: int, text: str) -> int | None:
    """The record mentioned in the same sentence, closest to the span."""
    left, right = _sentence_bounds(text, start, end)
    best: tuple[int, int] | None = None
    for index, record in enumerate(records):
        for s, e in record["mentions"]:
            if left <= s and e <= right:
                distance = min(abs(s - end), abs(start - e))
                if best is None or distance < best[0]:
                    best = (distance, index)
    return best[1] if best else None


def analyse(
    text: str, language: str, published: dt.date | None, *, war: bool = True
) -> dict[str, Any]:
    """Stages 3–6 on clean text: people, places, facilities, units, events."""
    entities = find_entities(text, language)
    people = group_people(text, entities, language)
    loc_spans = [(e.start, e.end, e.text) for e in entities if e.label == "LOC"]
    places = group_places(find_places(text, language, loc_spans, war=war))
    facility_spans = find_facilities(text, language)
    facilities = group_spans([(s, e, name) for s, e, name, _kind in facility_spans])
    units = group_spans(find_units(text, language))
    for facility in facilities:
        s, e = facility["mentions"][0]
        facility["place"] = _nearest(places, s, e, text)
    for person in people:
        s, e = person["mentions"][0]
        person["unit"] = _nearest(units, s, e, text)
    dates = find_dates(text, language, published)
    counts = find_counts(text, language)
    drafted = find_events(
        text,
        language,
        people=people,
        places=places,
        facilities=facilities,
        units=units,
        dates=dates,
        counts=counts,
    )
    events = []
    for event in drafted:
        for index in event.people:
            _add_role(people[index], ROLE_BY_EVENT[event.type])
        events.append(event_to_dict(event))
    for person in people:
        if not person["roles"]:
            person["roles"].append("other")
    return {
        "people": people,
        "places": places,
        "facilities": facilities,
        "units": units,
        "events": events,
    }


def process_document(doc: InputDocument, options: DocumentOptions) -> dict[str, Any]:
    """The extraction contract's object for one readable document."""
    page = read_text(doc, options)
    text = page["text"]
    language = detect_language(text) if text.strip() else None
    published = _published_date(page["published"])
    result = (
        analyse(text, language or "en", published, war=options.war)
        if text.strip()
        else {"people": [], "places": [], "facilities": [], "units": [], "events": []}
    )
    return {
        "input": doc.input,
        "document": {
            "title": page["title"],
            "published": page["published"],
            "language": language,
            "outlet": page["outlet"],
            "url": page["url"],
            "sha256": hashlib.sha256(doc.raw).hexdigest(),
        },
        "text": text,
        **result,
    }


def _published_date(value: str | None) -> dt.date | None:
    if not value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
