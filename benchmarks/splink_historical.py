"""Splink's 50k historical figures: TraceDesk's linker beside plain Splink, same run (issue 4).

Run from the repository root (about 2 minutes on 2 cores):

    .venv/bin/python benchmarks/splink_historical.py

Data: `../shared/data/linkage/splink/data/historical_figures_with_errors_50k.parquet` (Splink's
example set: 50,578 records of 5,156 Wikidata people with injected errors; `cluster` is the
truth). Both engines deduplicate it; a predicted pair is right when both records share a
cluster. Recall is over all 303,961 true pairs, so what blocking never proposes counts as missed.

- **Plain Splink**: the settings of Splink's own example for this set ("Deduplicate 50k rows
  historical persons"): blocking on first name + surname and on surname + date of birth;
  forename/surname, date of birth, postcode, birth place and occupation comparisons (the last
  two with term-frequency adjustments); u by random sampling, m by expectation maximisation on
  two blocking rules, as the example does.
- **TraceDesk**: `pipeline/linking/engine.py`'s features, blocking rules and fixed priors
  (`settings()`), with the link type switched to deduplication; names are `first_name surname`,
  the birth date is the year, month and day that parse (the set's typos such as month 84 keep
  the year), the place is the birth place. No training: the priors were written for tracing
  requests, and this set is English-language historical figures, not Russian and Ukrainian
  soldiers — a test of the engine's generality, not of its name layer.
- **`tracedesk dedupe`**: the same features and evidence weights with dedupe's paired blocking
  keys and its prior estimated from the data (`pipeline/linking/dedupe.py`).

All are scored at match probability 0.9 (Splink's example threshold) and at each engine's
best-F1 threshold; peak resident memory is reported per engine (each runs in its own process).
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import re
import resource
import sys
import time
from pathlib import Path
from typing import Any

DATA = (
    Path(__file__).resolve().parents[1].parent
    / "shared/data/linkage/splink/data/historical_figures_with_errors_50k.parquet"
)
THRESHOLD = 0.9
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

logging.getLogger("splink").setLevel(logging.WARNING)


def plain_splink(con: Any) -> str:
    """Splink's documented example for this set; returns the predictions table's name."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    con.execute(
        "CREATE TABLE people AS SELECT *, concat_ws(' ', first_name, surname)"
        " AS first_name_surname_concat FROM read_parquet(?)",
        [str(DATA)],
    )
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("surname", "dob"),
        ],
        comparisons=[
            cl.ForenameSurnameComparison(
                "first_name",
                "surname",
                forename_surname_concat_col_name="first_name_surname_concat",
            ),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.PostcodeComparison("postcode_fake"),
            cl.ExactMatch("birth_place").configure(term_frequency_adjustments=True),
            cl.ExactMatch("occupation").configure(term_frequency_adjustments=True),
        ],
    )
    db_api = DuckDBAPI(connection=con)
    linker = Linker(db_api.register("people"), settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob"), block_on("substr(first_name,1,2)", "surname")],
        recall=0.6,
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    return str(linker.inference.predict(threshold_match_probability=0.01).physical_name)


def _records(con: Any) -> list[Any]:
    """The set's rows as link records: ``first_name surname``, the date parts that parse."""
    from tracedesk.pipeline.linking.records import BirthDate, LinkRecord

    rows = con.execute(
        "SELECT unique_id, first_name, surname, dob, birth_place FROM read_parquet(?)",
        [str(DATA)],
    ).fetchall()
    records = []
    for unique_id, first, surname, dob, place in rows:
        name = " ".join(part for part in (first, surname) if part)
        if not re.search(r"[^\W\d_]", name):
            continue  # no name at all: nothing for a name-based linker to work with
        birth = None
        match = _DATE.match(dob or "")
        if match:
            year, month, day = (int(g) for g in match.groups())
            valid_month = 1 <= month <= 12
            birth = BirthDate(
                year, month if valid_month else None, day if valid_month and day <= 31 else None
            )
        records.append(LinkRecord(str(unique_id), (name,), birth, "", place or ""))
    return records


def tracedesk_dedupe(con: Any) -> str:
    """``tracedesk dedupe``: paired blocking keys, the prior estimated; the pairs table."""
    from tracedesk.pipeline.linking.dedupe import dedupe

    pairs = dedupe(_records(con), threshold=0.01, con=con)
    con.execute(
        "CREATE TABLE td_dedupe (unique_id_l VARCHAR, unique_id_r VARCHAR,"
        " match_probability DOUBLE)"
    )
    con.executemany("INSERT INTO td_dedupe VALUES (?, ?, ?)", [(p.a, p.b, p.score) for p in pairs])
    return "td_dedupe"


def tracedesk(con: Any) -> str:
    """TraceDesk's features and lookup settings, deduplicating; returns the predictions table."""
    from splink import DuckDBAPI, Linker

    from tracedesk.pipeline.linking import engine

    records = _records(con)
    engine._table(con, "td_people", records)
    settings = engine.settings() | {"link_type": "dedupe_only"}
    db_api = DuckDBAPI(connection=con)
    linker = Linker(db_api.register("td_people"), settings, log_level=logging.WARNING)
    table = str(linker.inference.predict(threshold_match_probability=0.01).physical_name)
    # Rows are names; one name per record here, so a row's rid is its record's unique_id.
    con.execute(
        f"CREATE TABLE td_pairs AS SELECT rid_l AS unique_id_l, rid_r AS unique_id_r,"  # noqa: S608
        f" match_probability FROM {table}"
    )
    return "td_pairs"


ENGINES = {"plain": plain_splink, "tracedesk": tracedesk, "tracedesk dedupe": tracedesk_dedupe}


def run(name: str, queue: Any) -> None:
    """One engine in this process: time, peak memory, and the scored pairs."""
    import duckdb

    con = duckdb.connect()
    started = time.perf_counter()
    table = ENGINES[name](con)
    seconds = time.perf_counter() - started
    con.execute("CREATE TABLE truth AS SELECT unique_id, cluster FROM read_parquet(?)", [str(DATA)])
    scored = con.execute(
        f"""
        SELECT p.match_probability, (a.cluster = b.cluster) AS right_pair
        FROM {table} p
        JOIN truth a ON a.unique_id = p.unique_id_l
        JOIN truth b ON b.unique_id = p.unique_id_r
        """  # noqa: S608
    ).fetchall()
    total = con.execute(
        "SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*) AS n FROM truth GROUP BY cluster)"
    ).fetchone()[0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((name, seconds, peak, scored, int(total)))


def metrics(scored: list[tuple[float, bool]], total: int, threshold: float) -> tuple[float, ...]:
    kept = [right for probability, right in scored if probability >= threshold]
    right = sum(kept)
    precision = right / len(kept) if kept else 0.0
    recall = right / total
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, len(kept)


def best_f1(scored: list[tuple[float, bool]], total: int) -> tuple[float, tuple[float, ...]]:
    ordered = sorted(scored, key=lambda item: -item[0])
    right = 0
    best = (0.0, (0.0, 0.0, 0.0, 0))
    for index, (probability, is_right) in enumerate(ordered, start=1):
        right += is_right
        precision, recall = right / index, right / total
        f1 = 2 * precision * recall / (precision + recall) if right else 0.0
        if f1 > best[1][2]:
            best = (probability, (precision, recall, f1, index))
    return best


def main() -> None:
    if not DATA.exists():
        sys.exit(f"{DATA}: not found (see ../shared/data/README.md)")
    digest = hashlib.sha256(DATA.read_bytes()).hexdigest()
    context = multiprocessing.get_context("spawn")
    results = {}
    for name in ENGINES:
        queue = context.Queue()
        process = context.Process(target=run, args=(name, queue))
        process.start()
        results[name] = queue.get()
        process.join()
        print(f"{name}: {results[name][1]:.1f} s", file=sys.stderr)
    print(f"data sha256 {digest}\n")
    print(
        "| measure | plain Splink (example settings, trained) | TraceDesk (lookup settings,"
        " fixed priors) | `tracedesk dedupe` (paired keys, estimated prior) |"
    )
    print("|---|---|---|---|")
    rows: dict[str, list[str]] = {}
    for name in ENGINES:
        _, seconds, peak, scored, total = results[name]
        p, r, f, n = metrics(scored, total, THRESHOLD)
        t, (bp, br, bf, bn) = best_f1(scored, total)
        for label, value in (
            (f"precision at {THRESHOLD}", f"{p:.3f}"),
            (f"recall at {THRESHOLD} (of {total:,} true pairs)", f"{r:.3f}"),
            (f"F1 at {THRESHOLD}", f"{f:.3f}"),
            (f"pairs at {THRESHOLD}", f"{n:,}"),
            ("best-F1 threshold", f"{t:.3f}"),
            ("precision / recall / F1 there", f"{bp:.3f} / {br:.3f} / {bf:.3f}"),
            ("seconds (load, train, predict)", f"{seconds:.1f}"),
            ("peak RSS MiB", f"{peak:.0f}"),
        ):
            rows.setdefault(label, []).append(value)
    for label, values in rows.items():
        print(f"| {label} | " + " | ".join(values) + " |")
    plain_s = results["plain"][1]
    for name in ("tracedesk", "tracedesk dedupe"):
        print(f"\ntime ratio {name} / plain Splink: {results[name][1] / plain_s:.2f}")
    print(json.dumps({"sha256": digest}), file=sys.stderr)


if __name__ == "__main__":
    main()
