"""Eval gate for stage 1: article-text F1 on a fixed subset of aeb and daniel-ru.

The first SUBSET pages (sorted by id) of each set are extracted and scored with the
article-extraction-benchmark metric; the scores must not fall below the floors pinned here,
and the subset's input files must still hash to the pinned digest (new data, new floors).
Full runs beside trafilatura and readability-lxml: ``benchmarks/extraction.py``.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tracedesk.pipeline.extraction import decode_html, extract_article
from tracedesk.pipeline.extraction.scoring import (
    GoldDocument,
    aggregate,
    load_aeb,
    load_daniel,
    match_counts,
)

SUBSET = 40
# Measured on the subset minus 0.01; raise a floor when a change improves the score.
FLOORS = {
    "aeb": {"precision": 0.965, "recall": 0.961, "f1": 0.963},
    "daniel-ru": {"precision": 0.804, "recall": 0.839, "f1": 0.821},
}
DIGESTS = {
    "aeb": "af88fb4f38e86407cef389d8fd8e7743b03c0217851da1ca4cc1ac0abb38d1bd",
    "daniel-ru": "3f06e6cec33a70e65c4516f18c4d5910d79562e145c5f4d2dd3ac18393550c3c",
}
LOADERS: dict[str, tuple[str, Callable[[Path], Iterator[GoldDocument]]]] = {
    "aeb": ("aeb", load_aeb),
    "daniel-ru": ("daniel-ru", load_daniel),
}


def _data_root() -> Path:
    """Find ../shared/data beside the repository, else the workplace copy."""
    beside = Path(__file__).resolve().parents[2].parent / "shared" / "data"
    return beside if beside.exists() else Path("/work/shared/data")


def _digest(docs: list[GoldDocument]) -> str:
    """Hash the subset's ids, page bytes and references, so changed data is noticed."""
    sha = hashlib.sha256()
    for doc in docs:
        for part in (doc.doc_id.encode(), doc.raw, doc.reference.encode()):
            sha.update(len(part).to_bytes(8, "big"))
            sha.update(part)
    return sha.hexdigest()


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_extraction_gate(name: str) -> None:
    """TraceDesk's article text stays at or above the pinned P/R/F1 floors."""
    folder, loader = LOADERS[name]
    root = _data_root() / "extraction" / folder
    if not root.exists():
        pytest.skip(f"evaluation data not found at {root}")
    docs = list(itertools.islice(loader(root), SUBSET))
    assert _digest(docs) == DIGESTS[name], "evaluation data changed: re-measure and re-pin"
    counts = [
        match_counts(doc.reference, extract_article(decode_html(doc.raw), url=doc.url).text)
        for doc in docs
    ]
    scores = aggregate(counts)
    measured = {"precision": scores.precision, "recall": scores.recall, "f1": scores.f1}
    for metric, floor in FLOORS[name].items():
        assert measured[metric] >= floor, f"{name} {metric} {measured[metric]:.3f} < {floor}"
