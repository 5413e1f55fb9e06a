"""Article-extraction scores: the article-extraction-benchmark metric and its data loaders.

The metric is the one scrapinghub/article-extraction-benchmark uses, so our numbers compare
with published ones: tokens are ``\\w+`` runs, a document is the multiset of its 4-token
shingles, each document's TP/FP/FN are normalised to sum to 1 (long texts weigh no more),
precision and recall are means over documents, and F1 is the harmonic mean of those means.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH_END = re.compile(r"</p\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class Counts:
    """One document's normalised true positives, false positives and false negatives."""

    tp: float
    fp: float
    fn: float


@dataclass(frozen=True)
class Scores:
    """Mean precision and recall over documents, and their harmonic mean."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class GoldDocument:
    """One page of an evaluation set: its raw bytes and the reference article text."""

    doc_id: str
    raw: bytes
    reference: str
    url: str | None


def _shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    """Count the n-token shingles, so word order matters and repeated clutter is penalised."""
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def match_counts(reference: str, predicted: str, ngram: int = 4) -> Counts:
    """Compare two texts by shingle multisets, normalised so each document weighs the same."""
    true, pred = _shingles(reference, ngram), _shingles(predicted, ngram)
    tp = float(sum((true & pred).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    total = tp + fp + fn
    if total == 0:
        return Counts(0.0, 0.0, 0.0)
    return Counts(tp / total, fp / total, fn / total)


def _precision(c: Counts) -> float:
    """Precision with the benchmark's convention that two empty texts agree."""
    if c.fp == c.fn == 0:
        return 1.0
    return c.tp / (c.tp + c.fp) if c.tp + c.fp else 0.0


def _recall(c: Counts) -> float:
    """Recall with the benchmark's convention that two empty texts agree."""
    if c.fp == c.fn == 0:
        return 1.0
    return c.tp / (c.tp + c.fn) if c.tp + c.fn else 0.0


def aggregate(counts: Sequence[Counts]) -> Scores:
    """Average precision and recall over documents, as the benchmark does."""
    precisions = [_precision(c) for c in counts if c.tp + c.fp > 0]
    recalls = [_recall(c) for c in counts if c.tp + c.fn > 0]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    return Scores(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def paragraphs_to_text(marked_up: str) -> str:
    """Turn a ``<p>``-per-paragraph reference file into plain text, one paragraph a line."""
    text = html.unescape(_TAG.sub(" ", _PARAGRAPH_END.sub("\n", marked_up)))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def load_aeb(root: Path) -> Iterator[GoldDocument]:
    """Yield the article-extraction-benchmark pages, sorted by id."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for doc_id in sorted(truth):
        raw = gzip.decompress((root / "html" / f"{doc_id}.html.gz").read_bytes())
        yield GoldDocument(doc_id, raw, truth[doc_id]["articleBody"], truth[doc_id].get("url"))


def load_daniel(root: Path) -> Iterator[GoldDocument]:
    """Yield the daniel-ru pages (raw bytes, mixed encodings), sorted by id."""
    for path in sorted((root / "html").iterdir()):
        reference = (root / "reference" / path.name).read_text(encoding="utf-8")
        yield GoldDocument(path.name, path.read_bytes(), paragraphs_to_text(reference), None)
