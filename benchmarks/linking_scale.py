"""Tracing lookups at scale: the resident index beside a Splink run per request (issue 4).

For each registry size (default 100k and 1M people, the standard generator and seed), in one
run:

1. Build the index (``pipeline.linking.index.LinkIndex``) and report the time and the
   process's peak memory.
2. Look up every query (2,000 by default) one at a time, as a caseworker would, timing each:
   p50, p95, p99 and the slowest; recall@1 and @5 against the generator's truth. One query
   is looked up first to warm caches and reported on its own.
3. The peer: what TraceDesk did before the index, a Splink run per request
   (``engine.link([query], registry)``), on the first ``--peer`` queries of the same set.
   Both must give the same candidates; the ratio of their median times is reported.

Run from the repository root (about 10 minutes for 100k and 1M on 2 cores):

    .venv/bin/python benchmarks/linking_scale.py [--sizes 100000 1000000] [--queries 2000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Iterable, Iterator

from tracedesk.pipeline.linkgen.cases import STANDARD_SEED, generate
from tracedesk.pipeline.linking.engine import link
from tracedesk.pipeline.linking.index import LinkIndex
from tracedesk.pipeline.linking.records import InvalidRecord, LinkRecord, parse_record

TOP = 10  # what the tracing app keeps per request
PEER_QUERIES = {100_000: 10, 1_000_000: 1}  # a Splink run per query costs seconds to minutes


def usable(records: Iterable[object]) -> Iterator[LinkRecord]:
    """Records ``tracedesk link`` accepts (the generator's typos can mix scripts in a word)."""
    for record in records:
        try:
            yield parse_record(dict(record))  # type: ignore[call-overload]
        except InvalidRecord:
            continue


def peak_mib() -> float:
    """This process's peak resident memory so far (VmHWM), in MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(size: int, n_queries: int, seed: int, n_peer: int) -> list[str]:
    cases = generate(seed, size, n_queries)
    started = time.perf_counter()

    def progress(count: int) -> None:
        if count % 100_000 == 0:
            print(f"  {count:,} indexed, {time.perf_counter() - started:.0f} s", file=sys.stderr)

    registry = list(usable(cases.registry))
    parsed = time.perf_counter() - started
    index = LinkIndex.build(registry, progress=progress)
    built = time.perf_counter() - started
    memory = peak_mib()
    queries = list(usable(cases.queries))
    warm = time.perf_counter()
    index.lookup(queries[0], top=TOP)
    first_ms = (time.perf_counter() - warm) * 1000
    times, hit1, hit5, present = [], 0, 0, 0
    for query in queries:
        began = time.perf_counter()
        candidates = index.lookup(query, top=TOP)
        times.append((time.perf_counter() - began) * 1000)
        truth = cases.truth[query.id]
        if truth is not None:
            present += 1
            ids = [c.id for c in candidates]
            hit1 += ids[:1] == [truth]
            hit5 += truth in ids[:5]
    peer_times, ours_times, same = [], [], 0
    for query in queries[:n_peer]:
        began = time.perf_counter()
        theirs = link([query], registry, top=TOP)[query.id]
        peer_times.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        ours = index.lookup(query, top=TOP)
        ours_times.append((time.perf_counter() - began) * 1000)
        same += ours == theirs
        print(f"  peer query {query.id}: {peer_times[-1] / 1000:.1f} s", file=sys.stderr)
    stats = index.stats()
    lines = [
        f"### {size:,} registry people ({stats['rows']:,} name rows, "
        f"largest block {stats['largest_block']:,} rows)",
        "",
        "| measure | value |",
        "|---|---|",
        f"| records read and checked | {parsed:.0f} s |",
        f"| index built (records to blocks and columns) | {built - parsed:.0f} s |",
        f"| peak memory of the process after the build | {memory:,.0f} MiB |",
        f"| first lookup (cold) | {first_ms:.0f} ms |",
        f"| lookups timed | {len(times):,} |",
        f"| **p50 / p95 / p99 / slowest** | {percentile(times, 0.5):.1f} / "
        f"**{percentile(times, 0.95):.1f}** / {percentile(times, 0.99):.1f} / "
        f"{max(times):.1f} ms |",
        f"| recall@1 / @5 ({present:,} people present) | {hit1 / present:.3f} / "
        f"{hit5 / present:.3f} |",
    ]
    if peer_times:
        ratio = statistics.median(peer_times) / statistics.median(ours_times)
        lines += [
            f"| peer: a Splink run per request, median of {len(peer_times)} | "
            f"{statistics.median(peer_times) / 1000:.1f} s |",
            f"| index, same queries, median | {statistics.median(ours_times):.1f} ms |",
            f"| **ratio peer / index** | **{ratio:,.0f}×** |",
            f"| same candidates, scores and reasons as the peer | {same} of {len(peer_times)} |",
        ]
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=STANDARD_SEED)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--peer", type=int, default=None, help="queries the peer runs")
    args = parser.parse_args(argv)
    print(f"seed {args.seed}, top {TOP}, one query at a time, one process\n")
    for size in args.sizes:
        print(f"{size:,} registry people", file=sys.stderr)
        n_peer = args.peer if args.peer is not None else PEER_QUERIES.get(size, 5)
        print("\n".join(run(size, args.queries, args.seed, n_peer)) + "\n", flush=True)


if __name__ == "__main__":
    main()
