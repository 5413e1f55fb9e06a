"""Scores of a linker on generated tracing-request cases (issue 4).

Any linker plugs in as ``link(queries, registry, top_k) -> {query_id: [(registry_id, score,
reasons), ...]}``, best first (``tracedesk link`` output read by ``read_link_output`` has the
same shape). The measures, over the queries whose person is in the registry ("present") and
those whose person is not ("absent"):

- recall@k: share of present queries with their person among the first k candidates;
- at a score threshold, a query's top candidate is *accepted* when its score is at least the
  threshold: precision = accepted and right / accepted (an accepted absent query is wrong),
  recall = accepted and right / present, absent rejected = absent with nothing accepted / absent;
- the threshold of best F1 (precision, recall at threshold) over the top scores, which shows
  what a linker could reach with a well-chosen threshold on this very set.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tracedesk.pipeline.linkgen.cases import read_jsonl
from tracedesk.pipeline.linkgen.people import LinkRecord

Candidate = tuple[str, float, Sequence[str]]
Results = Mapping[str, Sequence[Candidate]]
LinkFn = Callable[[Sequence[LinkRecord], Sequence[LinkRecord], int], Results]


@dataclass(frozen=True, slots=True)
class KindScore:
    """Recall of the present queries that carry one distortion."""

    kind: str
    queries: int
    recall_at_1: float
    recall_at_5: float


@dataclass(frozen=True, slots=True)
class ThresholdScore:
    """Precision and recall of the top candidate accepted at a score threshold."""

    threshold: float
    precision: float
    recall: float
    absent_rejected: float

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True, slots=True)
class Report:
    """What a linker reached on a case set."""

    queries: int
    present: int
    absent: int
    recall_at_1: float
    recall_at_5: float
    at_threshold: ThresholdScore
    best: ThresholdScore
    kinds: tuple[KindScore, ...]  # present queries carrying the distortion, alone or not
    alone: tuple[KindScore, ...]  # present queries carrying that distortion only
    single: KindScore  # present queries with exactly one distortion
    combined: KindScore  # present queries with two or three
    seconds: float = 0.0


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _rank(candidates: Sequence[Candidate], person: str) -> int | None:
    """The 1-based rank of ``person`` among the candidates, or None."""
    for rank, (candidate, _, _) in enumerate(candidates, start=1):
        if candidate == person:
            return rank
    return None


def threshold_score(
    results: Results, truth: Mapping[str, str | None], threshold: float
) -> ThresholdScore:
    """Precision, recall and absent rejection, accepting top candidates at ``threshold``."""
    accepted = right = present = absent = absent_rejected = 0
    for query, person in truth.items():
        top = results.get(query) or ()
        taken = bool(top) and top[0][1] >= threshold
        if person is None:
            absent += 1
            absent_rejected += not taken
        else:
            present += 1
            right += taken and top[0][0] == person
        accepted += taken
    return ThresholdScore(
        threshold, _share(right, accepted), _share(right, present), _share(absent_rejected, absent)
    )


def _kind_score(
    kind: str, queries: Iterable[str], results: Results, truth: Mapping[str, str | None]
) -> KindScore:
    ranks = [_rank(results.get(query) or (), str(truth[query])) for query in queries]
    return KindScore(
        kind,
        len(ranks),
        _share(sum(rank == 1 for rank in ranks), len(ranks)),
        _share(sum(rank is not None and rank <= 5 for rank in ranks), len(ranks)),
    )


def score(
    results: Results,
    truth: Mapping[str, str | None],
    distortions: Mapping[str, Sequence[str]],
    *,
    threshold: float,
) -> Report:
    """The report of ``results`` against ``truth``; ``threshold`` is the linker's own."""
    present = [query for query, person in truth.items() if person is not None]
    overall = _kind_score("all", present, results, truth)
    names = sorted({kind for query in present for kind in distortions.get(query, ())})
    kinds = tuple(
        _kind_score(kind, [q for q in present if kind in distortions.get(q, ())], results, truth)
        for kind in names
    )
    alone = tuple(
        _kind_score(
            kind, [q for q in present if tuple(distortions.get(q, ())) == (kind,)], results, truth
        )
        for kind in names
    )
    tops = sorted({candidates[0][1] for candidates in results.values() if candidates})
    sweep = [threshold_score(results, truth, value) for value in tops] or [
        threshold_score(results, truth, threshold)
    ]
    return Report(
        queries=len(truth),
        present=len(present),
        absent=len(truth) - len(present),
        recall_at_1=overall.recall_at_1,
        recall_at_5=overall.recall_at_5,
        at_threshold=threshold_score(results, truth, threshold),
        best=max(sweep, key=lambda s: (s.f1, -s.threshold)),
        kinds=kinds,
        alone=alone,
        single=_kind_score(
            "single", [q for q in present if len(distortions.get(q, ())) == 1], results, truth
        ),
        combined=_kind_score(
            "combined", [q for q in present if len(distortions.get(q, ())) > 1], results, truth
        ),
    )


def evaluate(
    link: LinkFn,
    queries: Sequence[LinkRecord],
    registry: Sequence[LinkRecord],
    truth: Mapping[str, str | None],
    distortions: Mapping[str, Sequence[str]],
    *,
    threshold: float,
    top_k: int = 5,
) -> Report:
    """Run ``link`` on the cases, time it, and score what it returns."""
    started = time.perf_counter()
    results = link(queries, registry, top_k)
    seconds = time.perf_counter() - started
    return replace(score(results, truth, distortions, threshold=threshold), seconds=seconds)


def read_truth(path: Path) -> tuple[dict[str, str | None], dict[str, tuple[str, ...]]]:
    """Truth and distortions from a ``truth.jsonl`` written by ``cases.write_cases``."""
    truth: dict[str, str | None] = {}
    distortions: dict[str, tuple[str, ...]] = {}
    for line in read_jsonl(path):
        query = str(line["query"])
        person = line["person"]
        truth[query] = None if person is None else str(person)
        kinds = line["distortions"]
        distortions[query] = tuple(str(kind) for kind in kinds) if isinstance(kinds, list) else ()
    return truth, distortions


def read_link_output(path: Path) -> dict[str, list[Candidate]]:
    """Results from ``tracedesk link`` JSON Lines: ``{"query", "candidates": [{"id", "score",
    "reasons"}]}``."""
    results: dict[str, list[Candidate]] = {}
    for line in read_jsonl(path):
        candidates = line["candidates"]
        if not isinstance(candidates, list):
            raise ValueError(f"{path}: candidates of {line['query']} are not a list")
        results[str(line["query"])] = [
            (str(c["id"]), float(c["score"]), list(c.get("reasons", []))) for c in candidates
        ]
    return results
