"""Scoring the places stage on GeoWebNews: geocoding accuracy within 161 km and toponym recall.

Shared by ``benchmarks/geocoding.py`` (all 200 articles) and the gate in
``tests/pipeline/test_geo_gate.py`` (a fixed subset). GeoWebNews gives each article's text in
``GWN.xml`` and its geocoded toponyms in ``Geocoding/gwn_full.txt``: one line per article,
records joined by ``||``, fields ``name,,toponym,,lat,,lon,,start,,end``.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET  # noqa: S405 - a data set file we read, not untrusted input
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracedesk.pipeline.geo import GeoOptions, context_from_names, geocode, scan_spans
from tracedesk.pipeline.geo.countries import country_contains
from tracedesk.pipeline.geo.gazetteer import Place, distance_km

__all__ = [
    "Article",
    "Toponym",
    "geocoding_scores",
    "read_geowebnews",
    "recall_scores",
    "tracedesk_resolver",
    "tracedesk_spotter",
    "tracedesk_spotter_default",
]

# Half the Earth's circumference: the error of a toponym that was not resolved at all.
MAX_ERROR_KM = 20_038.0
ACCURACY_KM = 161.0  # 100 miles, the customary threshold


@dataclass(frozen=True)
class Toponym:
    """A gold toponym: the words, where they are, and the gold point."""

    text: str
    start: int
    end: int
    lat: float
    lon: float


@dataclass(frozen=True)
class Article:
    """A GeoWebNews article with its gold toponyms."""

    text: str
    toponyms: tuple[Toponym, ...]


def read_geowebnews(folder: Path) -> list[Article]:
    """Articles of GeoWebNews; records whose offsets do not match the text are dropped."""
    root = ET.parse(folder / "GWN.xml").getroot()  # noqa: S314 - see the import
    texts = [article.findtext("text") or "" for article in root.findall("article")]
    lines = (folder / "Geocoding" / "gwn_full.txt").read_text(encoding="utf-8").split("\n")
    articles = []
    for text, line in zip(texts, lines, strict=False):
        toponyms = []
        for record in filter(None, line.split("||")):
            _, toponym, lat, lon, start, end = record.split(",,")
            if text[int(start) : int(end)] == toponym:
                toponyms.append(Toponym(toponym, int(start), int(end), float(lat), float(lon)))
        articles.append(Article(text, tuple(toponyms)))
    return articles


Resolver = Callable[[str, Sequence[str]], Place | None]


def tracedesk_resolver(name: str, document_names: Sequence[str]) -> Place | None:
    """Our geocoder, with the article's other toponyms as context."""
    return geocode(name, context=context_from_names(document_names, exclude=name))


def geocoding_scores(articles: Sequence[Article], resolve: Resolver) -> dict[str, float]:
    """Accuracy within 161 km (strict, and counting a right country as a hit), errors, AUC.

    GeoWebNews gives a country GeoNames' point for it, which for large countries is neither
    the centroid nor the capital; so beside the strict score, a resolved country counts as a
    hit when the gold point lies inside it. AUC is the mean of log(1 + error) / log(1 + max
    error), lower is better.
    """
    errors, hits = [], 0
    for article in articles:
        names = [t.text for t in article.toponyms]
        for toponym in article.toponyms:
            place = resolve(toponym.text, names)
            if place is None:
                errors.append(MAX_ERROR_KM)
                continue
            error = distance_km(place.lat, place.lon, toponym.lat, toponym.lon)
            errors.append(error)
            inside = place.feature_code == "PCLI" and country_contains(
                place.country, toponym.lat, toponym.lon
            )
            hits += error <= ACCURACY_KM or inside
    resolved = sorted(e for e in errors if e < MAX_ERROR_KM)
    n = len(errors) or 1
    return {
        "toponyms": float(len(errors)),
        "accuracy_161": sum(e <= ACCURACY_KM for e in errors) / n,
        "accuracy_161_or_country": hits / n,
        "resolved": len(resolved) / n,
        "mean_error_km": sum(resolved) / (len(resolved) or 1),
        "median_error_km": resolved[len(resolved) // 2] if resolved else MAX_ERROR_KM,
        "auc": sum(math.log1p(e) / math.log1p(MAX_ERROR_KM) for e in errors) / n,
    }


Spotter = Callable[[str], list[tuple[int, int, str]]]


def tracedesk_spotter(text: str) -> list[tuple[int, int, str]]:
    """Our toponym scan for English text, taking demonyms as GeoWebNews annotates them."""
    return scan_spans(text, "en", options=GeoOptions(demonyms=True))


def tracedesk_spotter_default(text: str) -> list[tuple[int, int, str]]:
    """Our toponym scan as the pipeline runs it: demonyms ("Russian") are not places."""
    return scan_spans(text, "en")


def recall_scores(articles: Sequence[Article], spot: Spotter) -> dict[str, float]:
    """Share of gold toponyms found exactly and overlapped, and precision against the gold."""
    gold = found_exact = found_overlap = predicted = correct = 0
    for article in articles:
        spans = spot(article.text)
        predicted += len(spans)
        targets = {(t.start, t.end) for t in article.toponyms}
        gold += len(targets)
        found_exact += len(targets & {(s, e) for s, e, _ in spans})
        found_overlap += sum(any(s < te and ts < e for s, e, _ in spans) for ts, te in targets)
        correct += sum(any(s < te and ts < e for ts, te in targets) for s, e, _ in spans)
    return {
        "gold": float(gold),
        "recall_exact": found_exact / (gold or 1),
        "recall_overlap": found_overlap / (gold or 1),
        "precision_overlap": correct / (predicted or 1),
    }
