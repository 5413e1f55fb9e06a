"""A registry held in memory for tracing lookups: the engine's model, without a Splink run.

A tracing desk asks one question at a time ("is my son anywhere in the registry?") and wants
the answer while the relative is on the phone. A Splink run per question rebuilds the
registry's features and tables each time: seconds at 100k people. The index builds them
once and then answers each query in milliseconds:

1. ``LinkIndex.build`` turns every registry record into rows (one per name, the columns of
   ``features.record_rows``), stores each column as integer codes in numpy arrays, and files
   each row under its blocking keys — the engine's ``BLOCKING_RULES`` as dictionary keys:
   surname key; birth year with each canonical given name; birth year with each
   Daitch–Mokotoff code; unit number with the given initial.
2. ``lookup`` gathers the rows that share a key with one of the query's rows and scores
   them all at once: each comparison's level is worked out once per distinct value among
   the gathered rows (a block of 20,000 Ivanovs holds a few hundred given names), and the
   Bayes factors multiply as arrays. The m and u values and the labels are read from
   ``engine._comparisons``: there is one declaration of the model.
3. Each record keeps its best name pair; records are ranked with the engine's order and
   tie-breaks, and the best ``top`` get the engine's reasons.

The result is the engine's result: the test suite links generated cases both ways and
compares ids, order, scores and reasons. ``add`` and ``discard`` keep the index current as
people enter, change or leave the registry, so a long-running process never rebuilds it.
"""

from __future__ import annotations

import gc
from array import array
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz.distance import DamerauLevenshtein

from tracedesk.pipeline.linking.engine import (
    Candidate,
    _comparisons,
    _labels,
    _reasons,
    settings,
)
from tracedesk.pipeline.linking.features import record_rows
from tracedesk.pipeline.linking.records import LinkRecord
from tracedesk.pipeline.linking.similarity import jaro_winkler

NULL = -1  # the level of a comparison with a value missing on either side: no evidence
_NONE = -1  # the code of a missing value

Surname = tuple[str, frozenset[str]] | None  # key and Daitch–Mokotoff codes
Given = tuple[str, str | None, frozenset[str]] | None  # initial, key, canonical ids
Birth = tuple[int, int | None, int | None] | None


@dataclass(frozen=True, slots=True)
class Row:
    """One name of one record, reduced to what blocking and scoring read."""

    rid: str
    name: str
    surname: Surname
    given: Given
    patronymic: str | None
    birth: Birth
    unit: str | None


def rows_of(record: LinkRecord) -> list[Row]:
    """The record's rows, from the very columns the Splink engine loads."""
    rows = []
    for row in record_rows(record):
        key, initial = row["surname_key"], row["given_initial"]
        year = row["birth_year"]
        rows.append(
            Row(
                rid=row["rid"],
                name=row["name"],
                surname=(key, frozenset(row["surname_dm"] or ())) if key else None,
                given=(
                    (initial, row["given_key"], frozenset(row["given_ids"] or ()))
                    if initial
                    else None
                ),
                patronymic=row["patronymic_key"],
                birth=(year, row["birth_month"], row["birth_day"]) if year is not None else None,
                unit=row["unit_digits"],
            )
        )
    return rows


def block_keys(row: Row) -> Iterator[Hashable]:
    """The row's keys under ``engine.BLOCKING_RULES``: two rows are compared when they share one."""
    if row.surname:
        yield ("s", row.surname[0])
    if row.birth:
        year = row.birth[0]
        for given in row.given[2] if row.given else ():
            yield ("g", year, given)
        for code in row.surname[1] if row.surname else ():
            yield ("d", year, code)
    if row.unit and row.given:
        yield ("u", row.unit, row.given[0])


# The comparison levels as Python, one function per comparison of ``engine._comparisons``,
# each returning the index of the level among the comparison's non-null levels in their
# declared order (NULL for the null level) and mirroring the SQL conditions one by one.
# SQL's NULL makes a condition false; the ``None`` tests below say the same.


def _jw(a: str, b: str) -> float:
    return jaro_winkler(a, b)


def surname_level(q: Surname, r: Surname) -> int:
    if q is None or r is None:
        return NULL
    if q[0] == r[0]:
        return 0  # same surname
    similarity = _jw(q[0], r[0])
    if similarity >= 0.92:
        return 1  # close spelling
    if similarity >= 0.8 and not q[1].isdisjoint(r[1]):
        return 2  # sounds alike
    return 3


def given_level(q: Given, r: Given) -> int:
    if q is None or r is None:
        return NULL
    a, b = q[1], r[1]
    if a is not None and a == b:
        return 0  # same given name
    if not q[2].isdisjoint(r[2]):
        return 1  # same name in another form
    if a is not None and b is not None and _jw(a, b) >= 0.9:
        return 2  # close spelling
    if (a is None or b is None) and q[0] == r[0]:
        return 3  # initial agrees
    return 4


def patronymic_level(q: str | None, r: str | None) -> int:
    if q is None or r is None:
        return NULL
    if q == r:
        return 0
    if _jw(q, r) >= 0.9:
        return 1
    return 2


def birth_level(q: Birth, r: Birth) -> int:
    if q is None or r is None:
        return NULL
    if q[0] == r[0]:
        same_month = q[1] is not None and q[1] == r[1]
        if same_month and q[2] is not None and q[2] == r[2]:
            return 0  # same date
        return 1 if same_month else 2  # same month, same year
    apart = abs(q[0] - r[0])
    return 3 if apart == 1 else 4 if apart == 2 else 5


def unit_level(q: str | None, r: str | None) -> int:
    if q is None or r is None:
        return NULL
    if q == r:
        return 0
    if DamerauLevenshtein.distance(q, r, score_cutoff=1) <= 1:
        return 1
    return 2


# Comparison name -> (the Row field it reads, its level function).
LEVELS: dict[str, tuple[str, Callable[[Any, Any], int]]] = {
    "surname": ("surname", surname_level),
    "given": ("given", given_level),
    "patronymic": ("patronymic", patronymic_level),
    "birth": ("birth", birth_level),
    "unit": ("unit", unit_level),
}


@dataclass(frozen=True)
class Model:
    """The engine's prior odds and Bayes factors, each level's Splink gamma, and the labels."""

    prior_odds: float
    factors: dict[str, list[float]]  # comparison -> Bayes factor by level index
    gammas: dict[str, list[int]]  # comparison -> Splink's gamma by level index
    labels: dict[str, list[str]]  # comparison -> level labels by Splink's gamma

    @classmethod
    def from_engine(cls) -> Model:
        prior = settings()["probability_two_random_records_match"]
        factors, gammas = {}, {}
        for comparison in _comparisons():
            levels = [
                lvl for lvl in comparison["comparison_levels"] if not lvl.get("is_null_level")
            ]
            name = comparison["output_column_name"]
            factors[name] = [lvl["m_probability"] / lvl["u_probability"] for lvl in levels]
            # Splink numbers the non-null levels from the last (0) to the first.
            gammas[name] = list(range(len(levels) - 1, -1, -1))
        if list(factors) != list(LEVELS):
            raise RuntimeError("the index's comparisons no longer match the engine's")
        return cls(prior / (1 - prior), factors, gammas, _labels())

    def factor(self, comparison: str, level: int) -> float:
        return 1.0 if level == NULL else self.factors[comparison][level]


class _Codes:
    """Values to small integers and back; the same value always gets the same code."""

    def __init__(self) -> None:
        self.code: dict[Hashable, int] = {}
        self.values: list[Any] = []

    def __call__(self, value: Hashable) -> int:
        if value is None:
            return _NONE
        code = self.code.get(value)
        if code is None:
            code = self.code[value] = len(self.values)
            self.values.append(value)
        return code


class _Column:
    """A growable int64 numpy array (amortised doubling)."""

    def __init__(self) -> None:
        self.data = np.empty(1024, dtype=np.int64)
        self.size = 0

    def append(self, value: int) -> None:
        if self.size == len(self.data):
            self.data = np.resize(self.data, 2 * len(self.data))
        self.data[self.size] = value
        self.size += 1

    def __getitem__(self, slots: np.ndarray) -> np.ndarray:
        values: np.ndarray = self.data[slots]
        return values

    def __setitem__(self, slot: int, value: int) -> None:
        self.data[slot] = value


_CODED = ("surname", "given", "patronymic", "unit")  # compared via their distinct values


class LinkIndex:
    """Registry rows in memory, filed under their blocking keys; see the module docstring."""

    def __init__(self) -> None:
        self.model = Model.from_engine()
        self._codes = {field: _Codes() for field in (*_CODED, "rid")}
        self._columns = {field: _Column() for field in (*_CODED, "rid", "year", "month", "day")}
        self._names: list[str] = []
        self._by_record: dict[str, list[int]] = {}
        self._blocks: dict[Hashable, array[int]] = {}

    @classmethod
    def build(
        cls, records: Iterable[LinkRecord], progress: Callable[[int], None] | None = None
    ) -> LinkIndex:
        """An index of the records; ``progress`` is called with the count every 10,000."""
        index = cls()
        # Millions of small objects that live as long as the index: the cyclic collector
        # would walk them again and again while they are made.
        enabled = gc.isenabled()
        gc.disable()
        try:
            for count, record in enumerate(records, start=1):
                index.add(record)
                if progress is not None and count % 10_000 == 0:
                    progress(count)
        finally:
            if enabled:
                gc.enable()
        return index

    def __len__(self) -> int:
        return len(self._by_record)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._by_record

    def add(self, record: LinkRecord) -> None:
        """File the record's rows; a record already filed under its id is replaced."""
        self.discard(record.id)
        slots = []
        rid = self._codes["rid"](record.id)
        for row in rows_of(record):
            slot = len(self._names)
            self._names.append(row.name)
            for field in _CODED:
                self._columns[field].append(self._codes[field](getattr(row, field)))
            self._columns["rid"].append(rid)
            year, month, day = row.birth or (None, None, None)
            for field, value in (("year", year), ("month", month), ("day", day)):
                self._columns[field].append(_NONE if value is None else value)
            slots.append(slot)
            for key in block_keys(row):
                block = self._blocks.get(key)
                if block is None:
                    block = self._blocks[key] = array("q")
                block.append(slot)
        self._by_record[record.id] = slots

    def discard(self, record_id: str) -> None:
        """Forget the record: its rows are marked dead and lookups skip them."""
        for slot in self._by_record.pop(record_id, ()):
            self._columns["rid"][slot] = _NONE

    def _gather(self, row: Row) -> np.ndarray:
        """The live slots sharing a blocking key with the row, each once."""
        parts = [
            np.frombuffer(b, dtype=np.int64) for k in block_keys(row) if (b := self._blocks.get(k))
        ]
        if not parts:
            return np.empty(0, dtype=np.int64)
        slots = np.unique(np.concatenate(parts)) if len(parts) > 1 else parts[0].copy()
        live: np.ndarray = slots[self._columns["rid"][slots] != _NONE]
        return live

    def _bayes(self, row: Row, slots: np.ndarray) -> np.ndarray:
        """Each slot's Bayes factor against the row, the prior included (Splink's product)."""
        model = self.model
        bayes = np.full(len(slots), model.prior_odds)
        for field in _CODED:
            codes = self._columns[field][slots]
            distinct, inverse = np.unique(codes, return_inverse=True)
            level_of = LEVELS[field][1]
            mine = getattr(row, field)
            values = self._codes[field].values
            factors = np.array(
                [
                    model.factor(field, level_of(mine, None if c == _NONE else values[c]))
                    for c in distinct.tolist()
                ]
            )
            bayes *= factors[inverse]
        bayes *= self._birth_factors(row.birth, slots)
        return bayes

    def _birth_factors(self, birth: Birth, slots: np.ndarray) -> np.ndarray:
        """``birth_level`` over arrays."""
        factors = self.model.factors["birth"]
        if birth is None:
            return np.ones(len(slots))
        year = self._columns["year"][slots]
        month = self._columns["month"][slots]
        day = self._columns["day"][slots]
        same_year = year == birth[0]
        same_month = same_year & (month == birth[1]) if birth[1] is not None else same_year & False
        same_day = same_month & (day == birth[2]) if birth[2] is not None else same_month & False
        apart = np.abs(year - birth[0])
        return np.select(
            [year == _NONE, same_day, same_month, same_year, apart == 1, apart == 2],
            [1.0, *factors[:5]],
            default=factors[5],
        )

    def lookup(self, query: LinkRecord, *, top: int = 5, threshold: float = 0.0) -> list[Candidate]:
        """The query's best ``top`` records at or above ``threshold``, best first, with reasons."""
        rows = rows_of(query)
        found_slots, found_bayes, found_rows = [], [], []
        for position, row in enumerate(rows):
            slots = self._gather(row)
            if len(slots):
                found_slots.append(slots)
                found_bayes.append(self._bayes(row, slots))
                found_rows.append(np.full(len(slots), position))
        if not found_slots:
            return []
        slots = np.concatenate(found_slots)
        bayes = np.concatenate(found_bayes)
        weights = np.log2(bayes)
        positions = np.concatenate(found_rows)
        rids = self._columns["rid"][slots]
        # Each record's best weight: sort by record, then weight descending; first of each run.
        order = np.lexsort((-weights, rids))
        first = np.ones(len(order), dtype=bool)
        first[1:] = rids[order][1:] != rids[order][:-1]
        best = order[first]
        best = best[np.argsort(-weights[best], kind="stable")]
        # Ties at the cut are ranked by id, as the engine does: keep every record tied with
        # the last one kept, then sort exactly.
        if len(best) > top:
            cut = weights[best[top - 1]]
            best = best[weights[best] >= cut]
        rid_values = self._codes["rid"].values
        ranked = sorted(best.tolist(), key=lambda i: (-weights[i], rid_values[rids[i]]))
        candidates = []
        for i in ranked[:top]:
            probability = bayes[i] / (1 + bayes[i])
            if probability < threshold:
                break  # ranked by weight, which probability follows: nothing after is higher
            rid = rids[i]
            pairs = np.flatnonzero((rids == rid) & (weights == weights[i]))
            # The engine keeps a record's best name pair by weight, then by name.
            qpos, slot = min(
                ((int(positions[p]), int(slots[p])) for p in pairs.tolist()),
                key=lambda pair: (self._names[pair[1]], rows[pair[0]].name),
            )
            candidates.append(
                Candidate(
                    id=rid_values[rid],
                    score=round(float(probability), 6),
                    weight=round(float(weights[i]), 3),
                    reasons=self._explain(rows[qpos], slot),
                )
            )
        return candidates

    def _row(self, slot: int) -> Row:
        """The stored row at a slot, rebuilt from its codes."""

        def value(field: str) -> Any:
            code = int(self._columns[field].data[slot])
            return None if code == _NONE else self._codes[field].values[code]

        year = int(self._columns["year"].data[slot])
        month = int(self._columns["month"].data[slot])
        day = int(self._columns["day"].data[slot])
        return Row(
            rid=value("rid"),
            name=self._names[slot],
            surname=value("surname"),
            given=value("given"),
            patronymic=value("patronymic"),
            birth=(
                None
                if year == _NONE
                else (year, None if month == _NONE else month, None if day == _NONE else day)
            ),
            unit=value("unit"),
        )

    def _explain(self, query_row: Row, slot: int) -> list[str]:
        row = self._row(slot)
        gammas = {}
        for comparison, (field, level_of) in LEVELS.items():
            level = level_of(getattr(query_row, field), getattr(row, field))
            gammas[comparison] = NULL if level == NULL else self.model.gammas[comparison][level]
        return _reasons(query_row.name, row.name, gammas, self.model.labels)

    def link(
        self, queries: Sequence[LinkRecord], *, top: int = 5, threshold: float = 0.0
    ) -> dict[str, list[Candidate]]:
        """``engine.link``'s answer for these queries against the indexed registry."""
        return {query.id: self.lookup(query, top=top, threshold=threshold) for query in queries}

    def stats(self) -> dict[str, int]:
        """Sizes for progress lines and benchmarks: records, rows, blocks, the largest block."""
        return {
            "records": len(self),
            "rows": sum(len(slots) for slots in self._by_record.values()),
            "blocks": len(self._blocks),
            "largest_block": max((len(b) for b in self._blocks.values()), default=0),
        }
