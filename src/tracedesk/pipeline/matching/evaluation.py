"""Cross-script name recall on Wikidata English↔Russian token pairs (issue 4).

The data (``linkage/wikidata-en-ru/wd_russian_80.tsv``) holds lines
``latin<TAB>space-separated Cyrillic letters<TAB>count``. A sample of pairs is drawn with a
fixed seed; every Cyrillic word is scored against every Latin word of the sample (and so back),
and recall@k counts how often the true counterpart is among the first k. Ties are counted
against us: the rank of the truth is the number of candidates scoring at least as high.

The Slavic-looking subset is defined by the Cyrillic form's ending alone (``SLAVIC_ENDINGS``),
so that it does not lean on our own given-name table.
"""

from __future__ import annotations

import random
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from tracedesk.pipeline.matching.compare import word_features, word_similarity

__all__ = [
    "SLAVIC_ENDINGS",
    "Pair",
    "is_slavic",
    "read_pairs",
    "recall",
    "sample_pairs",
    "tracedesk_scorer",
]

# Endings of Russian and Ukrainian surnames and patronymics (Cyrillic form, lowercase).
SLAVIC_ENDINGS: Final = (
    "ов", "ова", "ев", "ева", "ёв", "ёва", "ин", "ина", "ын", "ына", "ский", "ская", "цкий",
    "цкая", "ской", "енко", "ук", "юк", "чук", "ович", "евич", "овна", "евна", "ых", "их",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Pair:
    latin: str
    cyrillic: str
    count: int


def read_pairs(path: Path) -> list[Pair]:
    """Every line of the file as a pair; Cyrillic letters joined into one word."""
    pairs: list[Pair] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 3:
                continue
            latin, letters, count = fields
            cyrillic = unicodedata.normalize("NFC", letters.replace(" ", ""))
            pairs.append(Pair(latin, cyrillic, int(count)))
    return pairs


def is_slavic(pair: Pair) -> bool:
    """A Cyrillic form with a Russian or Ukrainian surname or patronymic ending."""
    word = pair.cyrillic.lower()
    return any(word.endswith(e) and len(word) > len(e) + 1 for e in SLAVIC_ENDINGS)


def sample_pairs(pairs: Sequence[Pair], size: int, seed: int, slavic: bool = False) -> list[Pair]:
    """A fixed-seed sample; each Latin and each Cyrillic word appears in at most one pair."""
    pool = [p for p in pairs if is_slavic(p)] if slavic else list(pairs)
    random.Random(seed).shuffle(pool)  # noqa: S311 -- a reproducible sample, not a secret
    seen_latin: set[str] = set()
    seen_cyrillic: set[str] = set()
    chosen: list[Pair] = []
    for pair in pool:
        if pair.latin in seen_latin or pair.cyrillic in seen_cyrillic:
            continue
        seen_latin.add(pair.latin)
        seen_cyrillic.add(pair.cyrillic)
        chosen.append(pair)
        if len(chosen) == size:
            break
    return chosen


Scorer = Callable[[str, str], float]


def tracedesk_scorer(cyrillic: str, latin: str) -> float:
    """Our word score: key, gendered form, canonical given name, key similarity, sound."""
    return word_similarity(word_features(cyrillic), word_features(latin))[0]


def recall(pairs: Sequence[Pair], scorer: Scorer, ks: Sequence[int] = (1, 5)) -> dict[str, float]:
    """recall@k from Cyrillic to Latin (ru→en) and back (en→ru), and the seconds taken."""
    started = time.perf_counter()
    scores = [[scorer(p.cyrillic, q.latin) for q in pairs] for p in pairs]
    seconds = time.perf_counter() - started
    n = len(pairs)
    hits = {f"ru→en@{k}": 0 for k in ks} | {f"en→ru@{k}": 0 for k in ks}
    for i in range(n):
        truth = scores[i][i]
        row_rank = sum(1 for j in range(n) if scores[i][j] >= truth)
        col_truth = scores[i][i]
        col_rank = sum(1 for j in range(n) if scores[j][i] >= col_truth)
        for k in ks:
            hits[f"ru→en@{k}"] += row_rank <= k
            hits[f"en→ru@{k}"] += col_rank <= k
    out = {key: value / n for key, value in hits.items()}
    out["seconds"] = seconds
    return out
