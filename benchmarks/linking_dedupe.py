"""Full duplicate detection on generated registries of 100k and 1M people (issue 4).

The data: the standard generator's registry of N people plus its tracing-request records
(1 in 50 of N; 90 % of them distorted copies of a registry person — another script or
transliteration, a diminutive, a dropped patronymic, a year-only or off-by-one birth date, a
unit typo — and 10 % people who are not in the registry, half of them namesakes). Every copy
is a duplicate to find: of its person and of the other copies of the same person.

In one run, per size:

- **TraceDesk** (`tracedesk dedupe`): the tracing engine's model with dedupe's paired
  blocking keys, Splink on DuckDB, features in 2 worker processes, predictions chunked.
- **The same model with the lookup's blocking** (`engine.BLOCKING_RULES`, one key each): what
  running the tracing configuration as a dedupe would cost. Run at 100k only: at 1M its
  largest block alone is 200 million pairs.

Reported: wall time, peak resident memory (the process and its workers), pairs found,
precision and recall of the pairs against the generator's truth at each of THRESHOLDS
(dedupe's default, 0.35, is near the best F1 here), and the best F1 over all thresholds.

Run from the repository root (about 10 minutes on 2 cores):

    .venv/bin/python benchmarks/linking_dedupe.py [--sizes 100000 1000000]
"""

from __future__ import annotations

import argparse
import itertools
import logging
import multiprocessing
import resource
import sys
import time
from collections import defaultdict
from typing import Any

from tracedesk.pipeline.linkgen.cases import STANDARD_SEED, generate
from tracedesk.pipeline.linking.records import InvalidRecord, LinkRecord, parse_record

THRESHOLDS = (0.05, 0.1, 0.2, 0.5, 0.9)  # reported; pairs are found at the lowest
COPIES = 50  # one tracing-request record per 50 registry people
LOOKUP_BLOCKING_UP_TO = 100_000  # beyond this the lookup's blocking does not finish here


def dataset(seed: int, size: int) -> tuple[list[LinkRecord], set[tuple[str, str]]]:
    """The registry plus its copies, and every true pair (ids in sort order)."""
    cases = generate(seed, size, size // COPIES)
    records = []
    for record in itertools.chain(cases.registry, cases.queries):
        try:
            records.append(parse_record(dict(record)))
        except InvalidRecord:
            continue
    kept = {record.id for record in records}
    groups: dict[str, set[str]] = defaultdict(set)
    for query, person in cases.truth.items():
        if person is not None and query in kept and person in kept:
            groups[person].update((person, query))
    truth = {
        (a, b) for group in groups.values() for a, b in itertools.combinations(sorted(group), 2)
    }
    return records, truth


def _run(engine: str, seed: int, size: int, results: Any) -> None:
    """One engine on one size, in its own process so that its peak memory is its own."""
    from tracedesk.pipeline.linking import dedupe

    records, truth = dataset(seed, size)
    if engine == "lookup blocking":
        from tracedesk.pipeline.linking.engine import BLOCKING_RULES

        # The lookup's rules, one key each; no exploded copies needed.
        dedupe.DEDUPE_BLOCKING = tuple({"blocking_rule": rule} for rule in BLOCKING_RULES)
    started = time.perf_counter()

    def progress(message: str) -> None:
        elapsed = time.perf_counter() - started
        print(f"  {engine} {size:,}: {elapsed:.0f} s {message}", file=sys.stderr)

    pairs = dedupe.dedupe(records, threshold=min(THRESHOLDS), progress=progress)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    scores = {}
    for threshold in THRESHOLDS:
        found = {(pair.a, pair.b) for pair in pairs if pair.score >= threshold}
        right = len(found & truth)
        scores[threshold] = (len(found), right / len(found) if found else 0.0, right / len(truth))
    # Best F1 over every threshold the pairs offer (they are sorted most likely first).
    best = (0.0, 0.0)
    right = 0
    for rank, pair in enumerate(pairs, start=1):
        right += (pair.a, pair.b) in truth
        f1 = 2 * right / (rank + len(truth))
        if f1 > best[0]:
            best = (f1, pair.score)
    results.put(
        {
            "records": len(records),
            "seconds": seconds,
            "peak": own,
            "worker_peak": workers,
            "truth": len(truth),
            "scores": scores,
            "best": best,
        }
    )


def measure(engine: str, seed: int, size: int) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=_run, args=(engine, seed, size, results))
    process.start()
    outcome = results.get()
    process.join()
    return dict(outcome)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=STANDARD_SEED)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args(argv)
    logging.getLogger("splink").setLevel(logging.WARNING)
    print(f"seed {args.seed}, 2 cores; precision / recall (pairs) at match probability\n")
    heads = " | ".join(f"at {t}" for t in THRESHOLDS)
    print(
        "| registry | engine | records | time | peak memory (process / workers) | true pairs | "
        + heads
        + " | best F1 (threshold) |"
    )
    print("|---|---|---|---|---|---|" + "---|" * len(THRESHOLDS) + "---|")
    for size in args.sizes:
        engines = ["TraceDesk dedupe"]
        if size <= LOOKUP_BLOCKING_UP_TO:
            engines.append("lookup blocking")
        for engine in engines:
            r = measure(engine, args.seed, size)
            cells = " | ".join(f"{p:.3f} / {rec:.3f} ({n:,})" for n, p, rec in r["scores"].values())
            print(
                f"| {size:,} | {engine} | {r['records']:,} | {r['seconds']:.0f} s | "
                f"{r['peak']:,.0f} / {r['worker_peak']:,.0f} MiB | {r['truth']:,} | {cells} | "
                f"{r['best'][0]:.3f} ({r['best'][1]:.3f}) |",
                flush=True,
            )


if __name__ == "__main__":
    main()
