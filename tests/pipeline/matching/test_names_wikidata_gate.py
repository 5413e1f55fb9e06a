"""Eval gate for cross-script name matching: Wikidata en↔ru tokens, floors pinned below measured.

Measured on 2026-11-25 (issue 4, the name layer), seed 7, 150 pairs each: all pairs ru→en
recall@1 0.940, @5 0.967, en→ru @1 0.933, @5 0.960; Slavic-looking pairs ru→en @1 0.967,
@5 0.987, en→ru @1 0.980, @5 0.987. 150 pairs keep the gate to a few seconds (150² comparisons per subset). Raise a floor when a change improves it; the full run,
with the peers beside it, is ``benchmarks/names_wikidata.py``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tracedesk.pipeline.matching.evaluation import (
    Pair,
    read_pairs,
    recall,
    sample_pairs,
    tracedesk_scorer,
)

SEED = 7
SIZE = 150
SHA256 = "9f6989dcaaf558e50257757ecedf6db6d433f20ba200bfa86a931562bad830c9"
FLOORS = {
    "all": {"ru→en@1": 0.93, "ru→en@5": 0.96, "en→ru@1": 0.925, "en→ru@5": 0.95},
    "slavic": {"ru→en@1": 0.96, "ru→en@5": 0.98, "en→ru@1": 0.97, "en→ru@5": 0.98},
}


def _data() -> Path:
    shared = Path(__file__).resolve().parents[3].parent / "shared" / "data"
    if not shared.exists():
        shared = Path("/work/shared/data")
    return shared / "linkage" / "wikidata-en-ru" / "wd_russian_80.tsv"


@pytest.fixture(scope="module")
def pairs() -> list[Pair]:
    path = _data()
    if not path.exists():
        pytest.skip("wikidata-en-ru is not in ../shared/data")
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    assert actual == SHA256, "wd_russian_80.tsv changed: re-measure and re-pin the floors"
    return read_pairs(path)


@pytest.mark.parametrize("subset", ["all", "slavic"])
def test_cross_script_recall_floors(pairs: list[Pair], subset: str) -> None:
    """The true counterpart ranks first (and in the top 5) as often as when pinned."""
    sample = sample_pairs(pairs, SIZE, SEED, slavic=subset == "slavic")
    assert len(sample) == SIZE
    scores = recall(sample, tracedesk_scorer)
    for metric, floor in FLOORS[subset].items():
        assert scores[metric] >= floor, (subset, metric, scores[metric])
