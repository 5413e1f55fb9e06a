"""Generated tracing-request cases: recall@1, recall@5 and precision, per distortion (issue 4).

Writes the standard case set (seed 20261125, 20,000 registry people, 2,000 queries, 10 % of
them seeking someone absent from the registry) to a temporary directory, reads it back, and
runs every engine in ENGINES on it in the same run. Prints markdown tables.

Run from the repository root:

    .venv/bin/python benchmarks/linking_cases.py [--registry N] [--queries N] [--scale]

``--scale`` also times writing registries of 100k and 1M people (no linking).

The baseline is what a plain approach does: unidecode, lower case, punctuation to spaces,
``difflib.SequenceMatcher.ratio`` between the whole query name and each whole registry name
form (rapidfuzz is not a dependency; its ``fuzz.ratio`` is the same measure, faster), the
best form counting, plus 0.1 when both records give the same birth year. Blocking: a
registry record is compared when one of its name words of three or more letters starts
with the same two letters as one of the query's. No name order, script, diminutive or
unit knowledge.

To add our matcher: write ``link(queries, registry, top_k) -> {query_id: [(registry_id,
score, reasons), ...]}`` and add it to ENGINES with its own acceptance threshold.
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from unidecode import unidecode

from tracedesk.pipeline.linkgen.cases import (
    STANDARD_SEED,
    generate,
    read_jsonl,
    registry_records,
    write_cases,
    write_jsonl,
)
from tracedesk.pipeline.linkgen.evaluation import (
    Candidate,
    LinkFn,
    Report,
    evaluate,
    read_truth,
)
from tracedesk.pipeline.linkgen.people import LinkRecord

STANDARD_REGISTRY = 20_000
STANDARD_QUERIES = 2_000
BASELINE_YEAR_BONUS = 0.1  # a plain linker would use the one structured field it can compare
BASELINE_THRESHOLD = 0.9  # ratio 0.8 with the same year, or 0.9 without: "clearly the same"

_NON_LETTERS = re.compile(r"[^a-z]+")


def plain(name: str) -> str:
    """unidecode, lower case, anything but letters to one space."""
    return _NON_LETTERS.sub(" ", unidecode(name).lower()).strip()


def _year(record: LinkRecord) -> str | None:
    birth = record["birth_date"]
    return birth[:4] if birth else None


def baseline_link(
    queries: Sequence[LinkRecord], registry: Sequence[LinkRecord], top_k: int
) -> dict[str, list[Candidate]]:
    """unidecode + lower case + difflib ratio on the full name, two-letter word blocking."""
    forms = [[plain(name) for name in record["names"]] for record in registry]
    blocks: dict[str, set[int]] = defaultdict(set)
    for index, names in enumerate(forms):
        for name in names:
            for word in name.split():
                if len(word) >= 3:
                    blocks[word[:2]].add(index)
    results: dict[str, list[Candidate]] = {}
    for query in queries:
        year = _year(query)
        best: list[tuple[float, str]] = []  # a min-heap of the top_k (score, id)
        query_names = [plain(name) for name in query["names"]]
        matcher = SequenceMatcher(autojunk=False)
        candidates: set[int] = set()
        for name in query_names:
            for word in name.split():
                candidates |= blocks.get(word[:2], set())
        for index in sorted(candidates):
            record = registry[index]
            bonus = BASELINE_YEAR_BONUS if year and year == _year(record) else 0.0
            floor = best[0][0] if len(best) == top_k else -1.0
            top = 0.0
            for query_name in query_names:
                matcher.set_seq2(query_name)
                for name in forms[index]:
                    matcher.set_seq1(name)
                    # Upper bounds first: same result, fewer full ratios.
                    if matcher.real_quick_ratio() + bonus <= max(floor, top + bonus):
                        continue
                    if matcher.quick_ratio() + bonus <= max(floor, top + bonus):
                        continue
                    top = max(top, matcher.ratio())
            value = top + bonus
            if len(best) < top_k:
                heapq.heappush(best, (value, record["id"]))
            elif value > best[0][0]:
                heapq.heapreplace(best, (value, record["id"]))
        ranked = sorted(best, key=lambda item: (-item[0], item[1]))
        results[query["id"]] = [
            (person, round(value, 4), [f"full-name ratio {value:.2f}"]) for value, person in ranked
        ]
    return results


def tracedesk_link(
    queries: Sequence[LinkRecord], registry: Sequence[LinkRecord], top_k: int
) -> dict[str, list[Candidate]]:
    """TraceDesk: the name layer's keys, Splink on DuckDB, reasons (``tracedesk link``).

    A record `tracedesk link` refuses (a word mixing Latin and Cyrillic letters, which the
    generator's typos can produce) gets no candidates here, as it gets an error there.
    """
    from tracedesk.pipeline.linking.engine import link
    from tracedesk.pipeline.linking.records import InvalidRecord, parse_record

    def usable(records: Sequence[LinkRecord]) -> list[Any]:
        parsed = []
        for record in records:
            try:
                parsed.append(parse_record(dict(record)))
            except InvalidRecord as error:
                REFUSED.append(f"{record['id']}: {error}")
        return parsed

    found = link(usable(queries), usable(registry), top=top_k)
    results: dict[str, list[Candidate]] = {query["id"]: [] for query in queries}
    for query, candidates in found.items():
        results[query] = [(c.id, c.score, c.reasons) for c in candidates]
    return results


REFUSED: list[str] = []  # records tracedesk link refused, reported after the run


# Matches TraceDesk accepts without a human: match probability 0.5 and over.
TRACEDESK_THRESHOLD = 0.5

# Engines run side by side: name -> (link function, its acceptance threshold).
ENGINES: dict[str, tuple[LinkFn, float]] = {
    "baseline (unidecode + difflib ratio)": (baseline_link, BASELINE_THRESHOLD),
    "TraceDesk (name layer + Splink on DuckDB)": (tracedesk_link, TRACEDESK_THRESHOLD),
}


def _records(path: Path) -> list[LinkRecord]:
    return [_record(line) for line in read_jsonl(path)]


def _record(line: dict[str, Any]) -> LinkRecord:
    return line  # type: ignore[return-value]  # written by write_cases in this run


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table(reports: dict[str, Report]) -> str:
    """The markdown tables: overall, at thresholds, per distortion."""
    names = list(reports)
    head = "| measure | " + " | ".join(names) + " |\n|---|" + "---|" * len(names) + "\n"
    rows: list[tuple[str, list[str]]] = []
    first = reports[names[0]]
    rows.append(
        ("queries (present / absent)", [f"{r.present} / {r.absent}" for r in reports.values()])
    )
    rows.append(("**recall@1**", [f"**{r.recall_at_1:.3f}**" for r in reports.values()]))
    rows.append(("**recall@5**", [f"**{r.recall_at_5:.3f}**" for r in reports.values()]))
    for label, attr in (("single distortion", "single"), ("two or three", "combined")):
        rows.append(
            (
                f"recall@1 / @5, {label} ({getattr(first, attr).queries})",
                [
                    f"{getattr(r, attr).recall_at_1:.3f} / {getattr(r, attr).recall_at_5:.3f}"
                    for r in reports.values()
                ],
            )
        )
    for label, attr in (("own threshold", "at_threshold"), ("best-F1 threshold", "best")):
        rows.append(
            (
                f"{label}: threshold",
                [f"{getattr(r, attr).threshold:.3f}" for r in reports.values()],
            )
        )
        rows.append(
            (
                f"{label}: precision / recall of the top candidate",
                [
                    f"{getattr(r, attr).precision:.3f} / {getattr(r, attr).recall:.3f}"
                    for r in reports.values()
                ],
            )
        )
        rows.append(
            (
                f"{label}: absent people rejected",
                [f"{getattr(r, attr).absent_rejected:.3f}" for r in reports.values()],
            )
        )
    rows.append(("seconds", [f"{r.seconds:.1f}" for r in reports.values()]))
    out = head + "".join(f"| {label} | " + " | ".join(cells) + " |\n" for label, cells in rows)
    kinds = [k.kind for k in first.kinds]
    out += "\n| distortion | n alone | n with others | "
    out += " | ".join(f"{name}: r@1 alone | r@5 alone | r@1 all | r@5 all" for name in names)
    out += " |\n|---|---|---|" + "---|---|---|---|" * len(names) + "\n"
    for i, kind in enumerate(kinds):
        cells = []
        for report in reports.values():
            alone, every = report.alone[i], report.kinds[i]
            cells += [f"{alone.recall_at_1:.3f}", f"{alone.recall_at_5:.3f}"]
            cells += [f"{every.recall_at_1:.3f}", f"{every.recall_at_5:.3f}"]
        n_alone, n_all = first.alone[i].queries, first.kinds[i].queries
        out += f"| {kind} | {n_alone} | {n_all - n_alone} | " + " | ".join(cells) + " |\n"
    return out


def scale(seed: int) -> str:
    """Time writing registries of 100k and 1M people."""
    lines = ["| registry people | seconds | MB |", "|---|---|---|"]
    with tempfile.TemporaryDirectory() as directory:
        for size in (100_000, 1_000_000):
            path = Path(directory) / f"registry-{size}.jsonl"
            started = time.perf_counter()
            write_jsonl(path, registry_records(seed, size))
            seconds = time.perf_counter() - started
            lines.append(f"| {size:,} | {seconds:.1f} | {path.stat().st_size / 1e6:.0f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=STANDARD_SEED)
    parser.add_argument("--registry", type=int, default=STANDARD_REGISTRY)
    parser.add_argument("--queries", type=int, default=STANDARD_QUERIES)
    parser.add_argument("--scale", action="store_true", help="also time 100k and 1M registries")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        started = time.perf_counter()
        paths = write_cases(generate(args.seed, args.registry, args.queries), Path(directory))
        written = time.perf_counter() - started
        digests = {path.name: _sha256(path) for path in paths}
        registry = _records(paths.registry)
        queries = _records(paths.queries)
        truth, distortions = read_truth(paths.truth)
    print(
        f"seed {args.seed}: {len(registry):,} registry people, {len(queries):,} queries "
        f"written in {written:.1f} s",
        file=sys.stderr,
    )
    print("sha256: " + ", ".join(f"{name} {digest}" for name, digest in digests.items()) + "\n")
    reports = {}
    for name, (link, threshold) in ENGINES.items():
        reports[name] = evaluate(link, queries, registry, truth, distortions, threshold=threshold)
        print(f"{name}: {reports[name].seconds:.1f} s", file=sys.stderr)
    print(table(reports))
    if REFUSED:
        print(f"\nRecords `tracedesk link` refused ({len(REFUSED)}): " + "; ".join(REFUSED))
    if args.scale:
        print(scale(args.seed))


if __name__ == "__main__":
    main()
