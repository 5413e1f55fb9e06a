"""The evaluation's measures, on a tiny example worked out by hand."""

from __future__ import annotations

import json

import pytest

from tracedesk.pipeline.linkgen.cases import generate, write_cases
from tracedesk.pipeline.linkgen.evaluation import (
    evaluate,
    read_link_output,
    read_truth,
    score,
    threshold_score,
)

# Three people sought who are in the registry (A, B, C) and two who are not.
TRUTH = {"q1": "A", "q2": "B", "q3": "C", "q4": None, "q5": None}
DISTORTIONS = {
    "q1": ("diminutive",),
    "q2": ("diminutive", "year_only"),
    "q3": ("year_only",),
    "q4": ("diminutive",),
    "q5": (),
}
RESULTS = {
    "q1": [("A", 0.95, ["same"]), ("X", 0.5, [])],  # right at rank 1
    "q2": [("X", 0.9, []), ("B", 0.8, [])],  # right at rank 2
    # right at rank 6: outside the top 5
    "q3": [(f"Y{i}", 0.6 - i / 10, []) for i in range(5)] + [("C", 0.05, [])],
    "q4": [("A", 0.85, [])],  # absent, yet a high top score
    "q5": [("B", 0.4, [])],  # absent, low top score
}


def test_recall_at_1_and_5():
    """recall@1 = 1/3 (q1), recall@5 = 2/3 (q1, q2): over the three present queries."""
    report = score(RESULTS, TRUTH, DISTORTIONS, threshold=0.8)
    assert (report.queries, report.present, report.absent) == (5, 3, 2)
    assert report.recall_at_1 == pytest.approx(1 / 3)
    assert report.recall_at_5 == pytest.approx(2 / 3)


def test_precision_at_a_threshold():
    """At 0.8 q1 (right), q2 (wrong top) and q4 (absent) are accepted: precision 1/3,
    recall 1/3; of the two absent queries q5 alone is rejected."""
    at = threshold_score(RESULTS, TRUTH, 0.8)
    assert at.precision == pytest.approx(1 / 3)
    assert at.recall == pytest.approx(1 / 3)
    assert at.absent_rejected == pytest.approx(1 / 2)
    assert at.f1 == pytest.approx(1 / 3)


def test_best_f1_threshold():
    """Over the top scores, 0.95 is best: q1 alone accepted, precision 1, recall 1/3, F1 0.5."""
    best = score(RESULTS, TRUTH, DISTORTIONS, threshold=0.8).best
    assert best.threshold == 0.95
    assert (best.precision, best.recall, best.absent_rejected) == pytest.approx((1, 1 / 3, 1))
    assert best.f1 == pytest.approx(0.5)


def test_per_distortion_and_single_or_combined():
    """diminutive: q1, q2 -> 1/2 and 1; year_only: q2, q3 -> 0 and 1/2; single: q1, q3;
    combined: q2. Absent queries count in none of them."""
    report = score(RESULTS, TRUTH, DISTORTIONS, threshold=0.8)
    kinds = {k.kind: (k.queries, k.recall_at_1, k.recall_at_5) for k in report.kinds}
    assert kinds == {
        "diminutive": (2, pytest.approx(0.5), pytest.approx(1.0)),
        "year_only": (2, pytest.approx(0.0), pytest.approx(0.5)),
    }
    assert (report.single.queries, report.single.recall_at_1, report.single.recall_at_5) == (
        2,
        0.5,
        0.5,
    )
    assert (report.combined.queries, report.combined.recall_at_1) == (1, 0.0)
    alone = {k.kind: (k.queries, k.recall_at_1, k.recall_at_5) for k in report.alone}
    assert alone == {"diminutive": (1, 1.0, 1.0), "year_only": (1, 0.0, 0.0)}


def test_a_query_without_answer_counts_as_missed():
    """A linker that returns nothing for a query misses it; nothing is accepted."""
    report = score({}, TRUTH, DISTORTIONS, threshold=0.5)
    assert (report.recall_at_1, report.recall_at_5) == (0.0, 0.0)
    assert report.at_threshold.precision == 0.0 and report.at_threshold.absent_rejected == 1.0


def test_evaluate_plugs_in_any_linker(tmp_path):
    """A linker that knows the truth scores 1 on present queries and, returning nothing for
    absent ones, rejects them all; evaluate times it."""
    cases = generate(3, 300, 60)
    registry = list(cases.registry)

    def oracle(queries, registry, top_k):
        return {
            q["id"]: [(cases.truth[q["id"]], 1.0, ["oracle"])] if cases.truth[q["id"]] else []
            for q in queries
        }

    report = evaluate(
        oracle, cases.queries, registry, cases.truth, cases.distortions, threshold=0.5
    )
    assert (report.recall_at_1, report.recall_at_5) == (1.0, 1.0)
    assert report.at_threshold.precision == 1.0 and report.at_threshold.absent_rejected == 1.0
    assert report.seconds >= 0.0
    assert {k.kind for k in report.kinds} <= set(
        kind for kinds in cases.distortions.values() for kind in kinds
    )


def test_link_output_and_truth_files_read_back(tmp_path):
    """`tracedesk link` JSON Lines and truth.jsonl read into the shapes score() takes."""
    output = tmp_path / "link.jsonl"
    output.write_text(
        "\n".join(
            json.dumps(
                {
                    "query": q,
                    "candidates": [{"id": c, "score": s, "reasons": r} for c, s, r in candidates],
                }
            )
            for q, candidates in RESULTS.items()
        ),
        encoding="utf-8",
    )
    results = read_link_output(output)
    assert results["q2"][1] == ("B", 0.8, [])
    paths = write_cases(generate(3, 50, 20), tmp_path / "cases")
    truth, distortions = read_truth(paths.truth)
    assert len(truth) == len(distortions) == 20
    assert all(person is None or person.startswith("P") for person in truth.values())
