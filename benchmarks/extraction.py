"""Article extraction: TraceDesk beside trafilatura's and readability-lxml's defaults.

Runs the three extractors on every page of each evaluation set in the same run and prints a
markdown table of mean precision / recall / F1 (the article-extraction-benchmark metric:
4-token shingles, per-document normalised) and total time, with ratios to trafilatura.
Every extractor gets the same decoded page (``decode_html``); decoding time is shown apart.
The extractors take turns page by page, so a busy machine slows all of them alike.

    .venv/bin/python benchmarks/extraction.py [--data ../shared/data] [--limit N]
"""

from __future__ import annotations

import argparse
import logging
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import lxml.html
import trafilatura
from readability import Document  # type: ignore[import-untyped]

from tracedesk.pipeline.extraction import decode_html, extract_article
from tracedesk.pipeline.extraction.scoring import (
    Counts,
    GoldDocument,
    Scores,
    aggregate,
    load_aeb,
    load_daniel,
    match_counts,
)

Extractor = Callable[[str, str | None], str]


def ours(html: str, url: str | None) -> str:
    """TraceDesk's extraction with default options."""
    return extract_article(html, url=url).text


def trafilatura_default(html: str, url: str | None) -> str:
    """trafilatura.extract with its defaults."""
    return trafilatura.extract(html, url=url) or ""


def readability_default(html: str, url: str | None) -> str:
    """readability-lxml's Document(html).summary(), as plain text."""
    summary = Document(html).summary()
    return lxml.html.fromstring(summary).text_content() if summary.strip() else ""


EXTRACTORS: dict[str, Extractor] = {
    "tracedesk": ours,
    "trafilatura": trafilatura_default,
    "readability-lxml": readability_default,
}


def run(docs: Sequence[GoldDocument], pages: Sequence[str]) -> dict[str, tuple[Scores, float]]:
    """Extract every page with every extractor, in turn per page so machine load hits all alike."""
    seconds = dict.fromkeys(EXTRACTORS, 0.0)
    counts: dict[str, list[Counts]] = {label: [] for label in EXTRACTORS}
    for doc, page in zip(docs, pages, strict=True):
        for label, extractor in EXTRACTORS.items():
            started = time.perf_counter()
            try:
                predicted = extractor(page, doc.url)
            except Exception:  # noqa: BLE001 - a crash on one page scores as empty output
                predicted = ""
            seconds[label] += time.perf_counter() - started
            counts[label].append(match_counts(doc.reference, predicted))
    return {label: (aggregate(counts[label]), seconds[label]) for label in EXTRACTORS}


def main() -> None:
    """Run every extractor on every set and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    parser.add_argument(
        "--data", type=Path, default=default if default.exists() else Path("/work/shared/data")
    )
    parser.add_argument("--limit", type=int, default=0, help="first N pages of each set (0: all)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    sets = {
        "aeb": list(load_aeb(args.data / "extraction" / "aeb")),
        "daniel-ru": list(load_daniel(args.data / "extraction" / "daniel-ru")),
    }
    print("| set | pages | extractor | precision | recall | F1 | time s | time / trafilatura |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for name, docs in sets.items():
        docs = docs[: args.limit] if args.limit else docs
        started = time.perf_counter()
        pages = [decode_html(d.raw) for d in docs]
        decoding = time.perf_counter() - started
        results = run(docs, pages)
        base = results["trafilatura"][1]
        for label, (scores, seconds) in results.items():
            print(
                f"| {name} | {len(docs)} | {label} | {scores.precision:.3f} | {scores.recall:.3f} "
                f"| {scores.f1:.3f} | {seconds:.1f} | {seconds / base:.2f} |"
            )
        print(f"| {name} | {len(docs)} | (decode_html, shared by all) | | | | {decoding:.1f} | |")


if __name__ == "__main__":
    main()
