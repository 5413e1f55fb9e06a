"""Gate: tracing-request cases (seeded, generated) — TraceDesk beside the plain baseline.

The full run is `benchmarks/linking_cases.py` (results in benchmarks/results/linking-cases.md);
this subset runs in seconds and pins floors just under what it measured on 2026-11-25.
"""

import sys
from pathlib import Path

from tracedesk.pipeline.linkgen.cases import STANDARD_SEED, generate
from tracedesk.pipeline.linkgen.evaluation import evaluate

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
from linking_cases import (  # noqa: E402
    BASELINE_THRESHOLD,
    TRACEDESK_THRESHOLD,
    baseline_link,
    tracedesk_link,
)

# Measured on this subset (seed 20261125, 2,000 registry people, 300 queries): recall@1 0.996,
# recall@5 1.000, absent people rejected at 0.5 0.933; the baseline's recall@1 0.744.
FLOOR_RECALL_AT_1 = 0.99
FLOOR_RECALL_AT_5 = 0.99
FLOOR_ABSENT_REJECTED = 0.90
FLOOR_MARGIN_OVER_BASELINE_AT_1 = 0.2


def test_tracedesk_finds_the_sought_person_well_above_the_baseline():
    cases = generate(STANDARD_SEED, 2_000, 300)
    registry = list(cases.registry)
    ours = evaluate(
        tracedesk_link,
        cases.queries,
        registry,
        cases.truth,
        cases.distortions,
        threshold=TRACEDESK_THRESHOLD,
    )
    plain = evaluate(
        baseline_link,
        cases.queries,
        registry,
        cases.truth,
        cases.distortions,
        threshold=BASELINE_THRESHOLD,
    )
    assert ours.recall_at_1 >= FLOOR_RECALL_AT_1, ours
    assert ours.recall_at_5 >= FLOOR_RECALL_AT_5, ours
    assert ours.at_threshold.absent_rejected >= FLOOR_ABSENT_REJECTED, ours.at_threshold
    assert ours.recall_at_1 >= plain.recall_at_1 + FLOOR_MARGIN_OVER_BASELINE_AT_1, (ours, plain)
