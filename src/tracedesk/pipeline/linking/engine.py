"""Link queries to a registry with Splink on DuckDB: block on name keys, score, rank, explain.

1. Both sides become one row per name (``features.record_rows``) in DuckDB tables.
2. Splink (``link_only``) blocks on the keys — the same surname in any script and gender, the
   same canonical given name and birth year, a shared Daitch–Mokotoff code and birth year — and
   scores each pair with the Fellegi–Sunter comparisons below: surname, given name, patronymic,
   birth date (partial dates and off-by-one years have their own levels) and unit.
3. A record pair's score is its best name pair's match weight; candidates are ranked by it and
   each gets reasons: the comparison levels in words, and the name layer's own reasons
   (``matching.compare.compare_names``) for the names that matched.

The m and u probabilities are set, not trained per run: a tracing lookup has one query, from
which nothing can be learned. They are priors written from how the fields behave in tracing
requests (documented in docs/decisions/0004-matching.md) and are measured against the
generated cases in ``benchmarks/``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]

from tracedesk.pipeline.linking.features import COLUMNS, record_rows
from tracedesk.pipeline.linking.records import LinkRecord
from tracedesk.pipeline.matching.compare import compare_names

# Splink logs every SQL step at INFO.
logging.getLogger("splink").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Candidate:
    id: str
    score: float  # match probability, 0..1
    weight: float  # Fellegi–Sunter match weight (log2 Bayes factor)
    reasons: list[str] = field(default_factory=list)


def _level(sql: str, label: str, m: float, u: float, *, null: bool = False) -> dict[str, Any]:
    level: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label}
    if null:
        level["is_null_level"] = True
    else:
        level["m_probability"] = m
        level["u_probability"] = u
    return level


@dataclass(frozen=True)
class Dialect:
    """The SQL spellings that differ between the engines; the model is written once with them."""

    jaro_winkler: str
    damerau_levenshtein: str
    overlap_sql: str  # two arrays share an element: {a}, {b}

    def overlap(self, a: str, b: str) -> str:
        return self.overlap_sql.format(a=a, b=b)


DIALECTS = {
    "duckdb": Dialect(
        jaro_winkler="jaro_winkler_similarity",
        damerau_levenshtein="damerau_levenshtein",
        overlap_sql="len(list_intersect({a}, {b})) > 0",
    ),
    # Functions registered by linking.spark: DuckDB's results, bit for bit.
    "spark": Dialect(
        jaro_winkler="td_jaro_winkler",
        damerau_levenshtein="damerau_levenshtein",
        overlap_sql="size(array_intersect({a}, {b})) > 0",
    ),
}
ENGINES = tuple(DIALECTS)


def _comparisons(dialect: str = "duckdb") -> list[dict[str, Any]]:
    sql = DIALECTS[dialect]
    jw = sql.jaro_winkler
    return [
        {
            "output_column_name": "surname",
            "comparison_levels": [
                _level("surname_key_l IS NULL OR surname_key_r IS NULL", "null", 0, 0, null=True),
                _level("surname_key_l = surname_key_r", "same surname", 0.85, 0.002),
                _level(
                    f"{jw}(surname_key_l, surname_key_r) >= 0.92", "close spelling", 0.08, 0.004
                ),
                _level(
                    # A shared sound code alone joins too much (Михайлов and Николаев are
                    # both 658700): the spellings must also be fairly close.
                    sql.overlap("surname_dm_l", "surname_dm_r")
                    + f" AND {jw}(surname_key_l, surname_key_r) >= 0.8",
                    "sounds alike",
                    0.04,
                    0.01,
                ),
                _level("ELSE", "different", 0.03, 0.984),
            ],
        },
        {
            "output_column_name": "given",
            "comparison_levels": [
                _level(
                    "given_initial_l IS NULL OR given_initial_r IS NULL", "null", 0, 0, null=True
                ),
                _level("given_key_l = given_key_r", "same given name", 0.7, 0.01),
                _level(
                    sql.overlap("given_ids_l", "given_ids_r"),
                    "same name in another form",
                    0.22,
                    0.004,
                ),
                _level(f"{jw}(given_key_l, given_key_r) >= 0.9", "close spelling", 0.03, 0.01),
                _level(
                    "(given_key_l IS NULL OR given_key_r IS NULL)"
                    " AND given_initial_l = given_initial_r",
                    "initial agrees",
                    0.03,
                    0.06,
                ),
                _level("ELSE", "different", 0.02, 0.916),
            ],
        },
        {
            "output_column_name": "patronymic",
            "comparison_levels": [
                _level(
                    "patronymic_key_l IS NULL OR patronymic_key_r IS NULL", "null", 0, 0, null=True
                ),
                _level("patronymic_key_l = patronymic_key_r", "same patronymic", 0.85, 0.02),
                _level(
                    f"{jw}(patronymic_key_l, patronymic_key_r) >= 0.9",
                    "close patronymic",
                    0.1,
                    0.02,
                ),
                _level("ELSE", "different", 0.05, 0.96),
            ],
        },
        {
            "output_column_name": "birth",
            "comparison_levels": [
                _level("birth_year_l IS NULL OR birth_year_r IS NULL", "null", 0, 0, null=True),
                _level(
                    "birth_year_l = birth_year_r AND birth_month_l = birth_month_r"
                    " AND birth_day_l = birth_day_r",
                    "same date",
                    0.55,
                    0.0001,
                ),
                _level(
                    "birth_year_l = birth_year_r AND birth_month_l = birth_month_r",
                    "same month",
                    0.05,
                    0.002,
                ),
                _level("birth_year_l = birth_year_r", "same year", 0.28, 0.025),
                _level("abs(birth_year_l - birth_year_r) = 1", "one year apart", 0.09, 0.05),
                _level("abs(birth_year_l - birth_year_r) = 2", "two years apart", 0.02, 0.05),
                _level("ELSE", "different", 0.01, 0.8729),
            ],
        },
        {
            "output_column_name": "unit",
            "comparison_levels": [
                _level("unit_digits_l IS NULL OR unit_digits_r IS NULL", "null", 0, 0, null=True),
                _level("unit_digits_l = unit_digits_r", "same unit number", 0.8, 0.01),
                _level(
                    f"{sql.damerau_levenshtein}(unit_digits_l, unit_digits_r) <= 1",
                    "unit number one typo apart",
                    0.12,
                    0.03,
                ),
                _level("ELSE", "different", 0.08, 0.96),
            ],
        },
    ]


def blocking_rules(dialect: str = "duckdb") -> tuple[str, ...]:
    sql = DIALECTS[dialect]
    return (
        "l.surname_key = r.surname_key",
        "l.birth_year = r.birth_year AND " + sql.overlap("l.given_ids", "r.given_ids"),
        "l.birth_year = r.birth_year AND " + sql.overlap("l.surname_dm", "r.surname_dm"),
        "l.unit_digits = r.unit_digits AND l.given_initial = r.given_initial",
    )


BLOCKING_RULES = blocking_rules()


def settings(dialect: str = "duckdb") -> dict[str, Any]:
    return {
        "link_type": "link_only",
        "unique_id_column_name": "row_id",
        "probability_two_random_records_match": 1e-4,
        "blocking_rules_to_generate_predictions": [
            {"blocking_rule": rule} for rule in blocking_rules(dialect)
        ],
        "comparisons": _comparisons(dialect),
        "additional_columns_to_retain": ["rid", "name"],
        "retain_matching_columns": True,
        "retain_intermediate_calculation_columns": False,
    }


def _arrow(records: Sequence[LinkRecord]) -> pa.Table:
    rows = [row for record in records for row in record_rows(record)]
    schema = pa.schema(
        [
            ("row_id", pa.string()),
            ("rid", pa.string()),
            ("name", pa.string()),
            ("surname_key", pa.string()),
            ("surname_dm", pa.list_(pa.string())),
            ("given_ids", pa.list_(pa.string())),
            ("given_key", pa.string()),
            ("given_initial", pa.string()),
            ("patronymic_key", pa.string()),
            ("birth_year", pa.int32()),
            ("birth_month", pa.int32()),
            ("birth_day", pa.int32()),
            ("unit_digits", pa.string()),
            ("unit_key", pa.string()),
            ("place_key", pa.string()),
        ]
    )
    assert tuple(schema.names) == COLUMNS
    return pa.Table.from_pylist(rows, schema=schema)


def _table(con: duckdb.DuckDBPyConnection, name: str, records: Sequence[LinkRecord]) -> None:
    arrow = _arrow(records)
    con.register(f"{name}_arrow", arrow)
    # ``name`` is one of this module's two table names, never input.
    con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM {name}_arrow")  # noqa: S608
    con.unregister(f"{name}_arrow")


_REASON = {
    "surname": {
        "same surname": "surnames are the same",
        "close spelling": "surnames are spelled almost alike",
        "sounds alike": "surnames sound alike (Daitch–Mokotoff)",
    },
    "given": {
        "same given name": "given names are the same",
        "same name in another form": "given names are forms of the same name",
        "close spelling": "given names are spelled almost alike",
        "initial agrees": "the initial agrees with the given name",
        "different": "given names differ",
    },
    "patronymic": {
        "same patronymic": "patronymics are the same",
        "close patronymic": "patronymics are spelled almost alike",
        "different": "patronymics differ",
    },
    "birth": {
        "same date": "same birth date",
        "same month": "born in the same month",
        "same year": "born in the same year",
        "one year apart": "birth years differ by 1",
        "two years apart": "birth years differ by 2",
        "different": "birth years differ by more than 2",
    },
    "unit": {
        "same unit number": "same unit number",
        "unit number one typo apart": "unit numbers differ by one typo",
        "different": "unit numbers differ",
    },
}


def fixed_reasons() -> frozenset[str]:
    """The sentences this module writes for comparison levels: none of them quotes a name."""
    return frozenset(text for texts in _REASON.values() for text in texts.values())


def _labels() -> dict[str, list[str]]:
    """Each comparison's level labels by gamma value (Splink numbers levels from the last)."""
    labels = {}
    for comparison in _comparisons():
        levels = [lvl for lvl in comparison["comparison_levels"] if not lvl.get("is_null_level")]
        labels[comparison["output_column_name"]] = [lvl["label_for_charts"] for lvl in levels][::-1]
    return labels


# Splink's predictions, one row per name pair, to (query, candidate) rows: the best name pair
# of each record pair, the best ``top`` records of each query over the threshold. Standard SQL,
# the same on both engines; ``{table}`` is the name Splink gave its output table, never input.
# The query side is whichever input Splink put on the left; normalised to (query, record).
_RANKED = """
WITH pairs AS (
    SELECT
        CASE WHEN source_dataset_l = 'queries' THEN rid_l ELSE rid_r END AS query,
        CASE WHEN source_dataset_l = 'queries' THEN rid_r ELSE rid_l END AS candidate,
        CASE WHEN source_dataset_l = 'queries' THEN name_l ELSE name_r END AS qname,
        CASE WHEN source_dataset_l = 'queries' THEN name_r ELSE name_l END AS cname,
        match_weight, match_probability,
        gamma_surname, gamma_given, gamma_patronymic, gamma_birth, gamma_unit
    FROM {table}
),
best AS (
    SELECT *, row_number() OVER (
        PARTITION BY query, candidate ORDER BY match_weight DESC, cname
    ) AS name_rank
    FROM pairs
),
ranked AS (
    SELECT *, row_number() OVER (
        PARTITION BY query ORDER BY match_weight DESC, candidate
    ) AS rank
    FROM best WHERE name_rank = 1
)
SELECT query, candidate, qname, cname, match_weight, match_probability,
       gamma_surname, gamma_given, gamma_patronymic, gamma_birth, gamma_unit
FROM ranked WHERE rank <= ? AND match_probability >= ?
ORDER BY query, rank
"""


def link(
    queries: Sequence[LinkRecord],
    registry: Sequence[LinkRecord],
    *,
    top: int = 5,
    threshold: float = 0.0,
    engine: str = "duckdb",
    con: duckdb.DuckDBPyConnection | None = None,
) -> dict[str, list[Candidate]]:
    """For each query id, its best ``top`` registry candidates (best first) with reasons.

    ``engine`` is where Splink runs: "duckdb" (in process), or "spark" (pyspark in local mode,
    the optional extra; ``linking.spark``), which gives the same candidates, order, scores
    and reasons.
    """
    if engine == "spark":
        rows = _spark_rows(queries, registry, top=top, threshold=threshold)
    elif engine == "duckdb":
        rows = _duckdb_rows(queries, registry, top=top, threshold=threshold, con=con)
    else:
        raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    labels = _labels()
    result: dict[str, list[Candidate]] = {query.id: [] for query in queries}
    for query, candidate, qname, cname, weight, probability, *gammas in rows:
        reasons = _reasons(qname, cname, dict(zip(labels, gammas, strict=True)), labels)
        result[query].append(
            Candidate(
                id=candidate,
                score=round(float(probability), 6),
                weight=round(float(weight), 3) if math.isfinite(weight) else 0.0,
                reasons=reasons,
            )
        )
    return result


def _duckdb_rows(
    queries: Sequence[LinkRecord],
    registry: Sequence[LinkRecord],
    *,
    top: int,
    threshold: float,
    con: duckdb.DuckDBPyConnection | None,
) -> list[tuple[Any, ...]]:
    from splink import DuckDBAPI, Linker

    con = con or duckdb.connect()
    _table(con, "td_queries", queries)
    _table(con, "td_registry", registry)
    db_api = DuckDBAPI(connection=con)
    linker = Linker(
        [
            db_api.register("td_queries", dataset_display_name="queries"),
            db_api.register("td_registry", dataset_display_name="registry"),
        ],
        settings(),
        log_level=logging.WARNING,
    )
    predictions = linker.inference.predict()
    sql = _RANKED.format(table=predictions.physical_name)
    return con.execute(sql, [top, threshold]).fetchall()


def _spark_rows(
    queries: Sequence[LinkRecord], registry: Sequence[LinkRecord], *, top: int, threshold: float
) -> list[tuple[Any, ...]]:
    from splink import Linker, SparkAPI

    from tracedesk.pipeline.linking import spark

    session = spark.session()
    spark.register_functions(session)
    for name, records in (("td_queries", queries), ("td_registry", registry)):
        session.createDataFrame(_arrow(records)).createOrReplaceTempView(name)
    # In memory: no checkpoint directory to set up and clean.
    db_api = SparkAPI(spark_session=session, break_lineage_method="persist")  # type: ignore[no-untyped-call]
    try:
        linker = Linker(
            [
                db_api.register("td_queries", dataset_display_name="queries"),
                db_api.register("td_registry", dataset_display_name="registry"),
            ],
            settings("spark"),
            log_level=logging.WARNING,
        )
        predictions = linker.inference.predict()
        sql = _RANKED.format(table=predictions.physical_name)
        return [tuple(row) for row in session.sql(sql, args=[top, threshold]).collect()]
    finally:
        db_api.delete_tables_created_by_splink_from_db()  # type: ignore[no-untyped-call]
        for name in ("td_queries", "td_registry"):
            session.catalog.dropTempView(name)


def _reasons(
    qname: str, cname: str, gammas: dict[str, int], labels: dict[str, list[str]]
) -> list[str]:
    reasons = [f"best matching names: “{qname}” and “{cname}”"]
    reasons += compare_names(qname, cname).reasons
    for comparison, gamma in gammas.items():
        if gamma is None or gamma < 0:
            continue
        label = labels[comparison][gamma]
        text = _REASON[comparison].get(label)
        # The name layer already explains names; dates and units only Splink compares.
        said = any(comparison in reason.lower() for reason in reasons[1:])
        if text and (comparison in {"birth", "unit"} or not said):
            reasons.append(text)
    return list(dict.fromkeys(reasons))
