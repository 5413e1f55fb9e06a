"""Duplicates within one registry: every pair of records that are likely the same person.

A registry fed by many sources holds the same man several times — «Сидоренко Иван
Петрович» from a Russian report, "Ivan Sydorenko" from an English one. ``dedupe`` finds
those pairs with the tracing engine's model (the same comparisons, levels and m/u values,
``engine._comparisons``) in Splink's ``dedupe_only`` mode on DuckDB:

1. Features: each record becomes one row per name (``features.record_rows``), computed in
   worker processes in chunks, streamed into DuckDB as Arrow batches.
2. Blocking: tracing lookups block loosely (any record with the surname), which is right for
   one query and wrong for a million records against each other — a block of 20,000 Ivanovs
   is 200 million pairs. Duplicates block on pairs of keys instead (``DEDUPE_BLOCKING``):
   surname with canonical given name; surname with birth year; canonical given name with
   the full birth date (a misspelt surname); sound code of the surname with the initial and
   birth year. Array keys are exploded, so every rule is an equi-join.
3. The prior: a lookup asks about one man, and one chance in ten thousand that a record
   sharing his key is him is right; among a million records against each other it would
   propose every namesake. The probability that two random records match is estimated from
   the data the way Splink's ``estimate_probability_two_random_records_match`` does: the
   name pairs an exact rule finds (all name parts and the full birth date equal), divided
   by that rule's recall and by the number of name pairs — and never fewer than one
   expected match, so that a small file still gets a usable prior.
4. Scoring: Splink's predictions over the threshold, chunked so that memory stays bounded;
   a record pair keeps its best name pair; pairs of a record's own names are dropped.
5. Reasons for each pair (the engine's), and clusters: connected components of the pairs.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]

from tracedesk.pipeline.linking.engine import _arrow, _labels, _reasons, settings
from tracedesk.pipeline.linking.records import LinkRecord

CHUNK = 20_000  # records per feature batch: a worker's batch is a few MB of Arrow
# DuckDB's memory ceiling: spills to disk beyond it. A field laptop has 8 GB; the Python side
# (records, features on their way in) takes the rest.
MEMORY_LIMIT = "3GB"
# The exact rule for the prior (the patronymic equal or absent on both: English names have
# none), and the share of true pairs it finds: 0.19 measured on the generated registries of
# benchmarks/linking_dedupe.py (precision 0.98), whose every copy is distorted; a registry
# that repeats records plainly has more, so the prior errs high, towards proposing.
EXACT_RULE = (
    "l.rid <> r.rid AND l.surname_key = r.surname_key AND l.given_key = r.given_key"
    " AND l.patronymic_key IS NOT DISTINCT FROM r.patronymic_key"
    " AND l.birth_year = r.birth_year AND l.birth_month = r.birth_month"
    " AND l.birth_day = r.birth_day"
)
EXACT_RULE_RECALL = 0.19
# Proposals an analyst reviews: near the best F1 on the generated registries (at 0.36-0.40
# for 100k and 1M people; benchmarks/results/linking-dedupe.md).
THRESHOLD = 0.35
PREDICT_ROWS_PER_CHUNK = 400_000  # rows per side of one Splink prediction chunk

# Pairs of keys, each an equi-join (Splink explodes the array columns). Each rule is narrow
# enough that its largest blocks stay small at a million records (a generated million has
# 21,000 Ivanovs; surname with year alone would pair 300 million rows); together they catch
# the distortions of the generator: another script or spelling of either name (rules 1, 3,
# 4), a year off by one (the year buckets overlap: two years one apart share one), a year
# only (1, 2, 4), no birth date (5), a typo in the surname (3, 4 by sound).
DEDUPE_BLOCKING: tuple[dict[str, Any], ...] = (
    {
        "blocking_rule": "l.surname_key = r.surname_key AND l.given_id = r.given_id"
        " AND l.year_bucket = r.year_bucket",
        "arrays_to_explode": ["given_id", "year_bucket"],
    },
    {
        "blocking_rule": "l.surname_key = r.surname_key AND l.birth_year = r.birth_year"
        " AND l.given_initial = r.given_initial"
    },
    {
        "blocking_rule": "l.given_id = r.given_id AND l.birth_year = r.birth_year"
        " AND l.birth_month = r.birth_month AND l.birth_day = r.birth_day",
        "arrays_to_explode": ["given_id"],
    },
    {
        "blocking_rule": "l.surname_code = r.surname_code AND l.given_id = r.given_id"
        " AND l.birth_year = r.birth_year",
        "arrays_to_explode": ["surname_code", "given_id"],
    },
    {
        "blocking_rule": "l.surname_key = r.surname_key AND l.given_id = r.given_id"
        " AND l.patronymic_key = r.patronymic_key",
        "arrays_to_explode": ["given_id"],
    },
)
YEAR_BUCKET = 4  # years per bucket; each year is in two buckets, offset by half of one

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pair:
    """Two records that are likely one person, ids in sort order."""

    a: str
    b: str
    score: float  # match probability
    weight: float
    reasons: list[str] = field(default_factory=list)


def dedupe_settings() -> dict[str, Any]:
    """The engine's model with dedupe's blocking (DuckDB dialect)."""
    config = settings()
    config["link_type"] = "dedupe_only"
    config["blocking_rules_to_generate_predictions"] = list(DEDUPE_BLOCKING)
    return config


def _features(records: Sequence[LinkRecord]) -> pa.Table:
    table = _arrow(records)
    # Exploded copies of the array keys: Splink explodes a column named in a rule, and the
    # comparisons need the arrays themselves intact.
    table = table.append_column("given_id", table["given_ids"])
    table = table.append_column("surname_code", table["surname_dm"])
    buckets = [
        None if year is None else sorted({year // YEAR_BUCKET, (year + 2) // YEAR_BUCKET})
        for year in table["birth_year"].to_pylist()
    ]
    return table.append_column("year_bucket", pa.array(buckets, type=pa.list_(pa.int32())))


def _chunks(records: Sequence[LinkRecord], size: int) -> Iterator[Sequence[LinkRecord]]:
    for start in range(0, len(records), size):
        yield records[start : start + size]


def load_features(
    con: duckdb.DuckDBPyConnection,
    records: Sequence[LinkRecord],
    *,
    workers: int | None = None,
    chunk: int = CHUNK,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Create table ``td_records`` with the records' name rows; returns the row count."""
    workers = workers or os.cpu_count() or 1
    con.execute("DROP TABLE IF EXISTS td_records")
    done = 0

    def store(batch: pa.Table) -> None:
        nonlocal done
        con.register("td_batch", batch)
        if done == 0:
            con.execute("CREATE TABLE td_records AS SELECT * FROM td_batch")
        else:
            con.execute("INSERT INTO td_records SELECT * FROM td_batch")
        con.unregister("td_batch")

    if workers > 1 and len(records) > chunk:
        # Fork: the workers inherit the records and the name tables, nothing is re-imported.
        # Forking a process that runs other threads (a web server, a Spark gateway) can copy
        # a lock some thread holds and hang the child: spawn then, slower but safe.
        method = "fork" if threading.active_count() == 1 else "spawn"
        context = multiprocessing.get_context(method)
        with context.Pool(workers) as pool:
            for batch in pool.imap(_features, _chunks(records, chunk)):
                store(batch)
                done += 1
                if progress:
                    progress(f"features: {min(done * chunk, len(records)):,} records")
    else:
        for part in _chunks(records, chunk):
            store(_features(part))
            done += 1
            if progress:
                progress(f"features: {min(done * chunk, len(records)):,} records")
    if done == 0:
        store(_features([]))
    ((rows,),) = con.execute("SELECT count(*) FROM td_records").fetchall()
    return int(rows)


def estimate_prior(con: duckdb.DuckDBPyConnection, rows: int) -> float:
    """The probability that two name rows of ``td_records`` match (see the module docstring)."""
    # EXACT_RULE is this module's constant, never input.
    join = f"td_records l JOIN td_records r ON {EXACT_RULE} AND l.row_id < r.row_id"
    sql = f"SELECT count(*) FROM {join}"  # noqa: S608
    ((observed,),) = con.execute(sql).fetchall()
    pairs = rows * (rows - 1) / 2
    return float(min(1.0, max(int(observed) / EXACT_RULE_RECALL, 1.0) / pairs))


# A record pair's best name pair over the threshold, own names dropped, ids in sort order.
_BEST = """
WITH pairs AS (
    SELECT least(rid_l, rid_r) AS a, greatest(rid_l, rid_r) AS b,
           CASE WHEN rid_l < rid_r THEN name_l ELSE name_r END AS aname,
           CASE WHEN rid_l < rid_r THEN name_r ELSE name_l END AS bname,
           match_weight, match_probability,
           gamma_surname, gamma_given, gamma_patronymic, gamma_birth, gamma_unit
    FROM {table}
    WHERE rid_l <> rid_r
)
SELECT * FROM pairs
QUALIFY row_number() OVER (PARTITION BY a, b ORDER BY match_weight DESC, aname, bname) = 1
ORDER BY match_weight DESC, a, b
"""


def dedupe(
    records: Sequence[LinkRecord],
    *,
    threshold: float = THRESHOLD,
    workers: int | None = None,
    chunk: int = CHUNK,
    con: duckdb.DuckDBPyConnection | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Pair]:
    """Every pair of records at or above ``threshold``, most likely first, with reasons.

    ``workers`` processes compute features (default: one per core), ``chunk`` records each.
    """
    from splink import DuckDBAPI, Linker

    con = con or duckdb.connect()
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    rows = load_features(con, records, workers=workers, chunk=chunk, progress=progress)
    if rows < 2:
        return []
    config = dedupe_settings()
    prior = estimate_prior(con, rows)
    config["probability_two_random_records_match"] = prior
    db_api = DuckDBAPI(connection=con)
    linker = Linker(
        db_api.register("td_records", dataset_display_name="registry"),
        config,
        log_level=logging.WARNING,
    )
    if progress:
        progress(f"prior probability that two name rows match: {prior:.2e}")
    chunks = max(1, math.ceil(rows / PREDICT_ROWS_PER_CHUNK))
    if progress:
        progress(f"scoring {rows:,} name rows in {chunks} × {chunks} chunks")
    predictions = linker.inference.predict(
        threshold_match_probability=threshold,
        num_chunks_left=chunks,
        num_chunks_right=chunks,
    )
    sql = _BEST.format(table=predictions.physical_name)
    found = con.execute(sql).fetchall()
    if progress:
        progress(f"explaining {len(found):,} pairs")
    labels = _labels()
    pairs = []
    for a, b, aname, bname, weight, probability, *gammas in found:
        pairs.append(
            Pair(
                a=a,
                b=b,
                score=round(float(probability), 6),
                weight=round(float(weight), 3) if math.isfinite(weight) else 0.0,
                reasons=_reasons(aname, bname, dict(zip(labels, gammas, strict=True)), labels),
            )
        )
    return pairs


def clusters(pairs: Sequence[Pair]) -> list[list[str]]:
    """Connected components of the pairs (union–find), each sorted, largest first."""
    parent: dict[str, str] = {}

    def root(item: str) -> str:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for pair in pairs:
        ra, rb = root(pair.a), root(pair.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for item in parent:
        groups.setdefault(root(item), []).append(item)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: (-len(g), g[0]))
