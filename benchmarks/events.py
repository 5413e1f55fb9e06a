"""Event drafting on the hand-written gold reports: per-field precision and recall, per language.

Gold people, places, facilities and units are fed to ``find_events`` as spans, so the scores
measure event drafting itself (triggers, sentence evidence, assignment of context), with our own
dates and counts. A second table sets ``find_dates`` beside dateparser's ``search_dates`` (the
peer) on the same texts: time, and how many gold event dates each finds.

    .venv/bin/python benchmarks/events.py > /dev/null   # prints the markdown tables
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracedesk.pipeline.counts import find_counts
from tracedesk.pipeline.dates import find_dates
from tracedesk.pipeline.events import Event, find_events

GOLD = Path(__file__).resolve().parents[1] / "tests" / "pipeline" / "gold" / "events"
FIELDS = ("type", "date", "place", "facility", "count", "people")


@dataclass(frozen=True)
class Mentions:
    """A gold entity: every occurrence of its surface forms."""

    mentions: tuple[tuple[int, int], ...]


def entity_mentions(text: str, entities: list[list[str]]) -> list[Mentions]:
    """Mentions of the gold entities; a longer form wins over a shorter one inside it."""
    candidates = []
    for index, forms in enumerate(entities):
        for form in forms:
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                candidates.append((m.start(), m.end(), index))
    taken: list[tuple[int, int, int]] = []
    for c in sorted(candidates, key=lambda c: c[0] - c[1]):
        if all(c[1] <= t[0] or t[1] <= c[0] for t in taken):
            taken.append(c)
    return [
        Mentions(tuple(sorted((s, e) for s, e, i in taken if i == index)))
        for index in range(len(entities))
    ]


def load_gold() -> list[dict[str, Any]]:
    """The gold reports, sorted by file name."""
    return [
        {"id": p.stem, **json.loads(p.read_text(encoding="utf-8"))}
        for p in sorted(GOLD.glob("*.json"))
    ]


def draft(doc: dict[str, Any]) -> list[Event]:
    """Our events for one gold report, from gold entities and our dates and counts."""
    text, language = doc["text"], doc["language"]
    published = date.fromisoformat(doc["published"])
    return find_events(
        text,
        language,
        people=entity_mentions(text, doc["people"]),
        places=entity_mentions(text, doc["places"]),
        facilities=entity_mentions(text, doc["facilities"]),
        units=entity_mentions(text, doc["units"]),
        dates=find_dates(text, language, published),
        counts=find_counts(text, language),
    )


def _gold_value(g: dict[str, Any], name: str) -> Any:
    """A gold field in the form ``Event`` uses."""
    if name == "date":
        return (g["date"]["start"], g["date"]["end"]) if g["date"] else None
    return g[name]


def _pred_value(p: Event, name: str) -> Any:
    """A predicted field."""
    return p.type if name == "type" else getattr(p, name)


def score(docs: list[dict[str, Any]]) -> dict[str, dict[str, tuple[int, int, int]]]:
    """(true positives, predicted, gold) per language and field; "all" sums the languages."""
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for doc in docs:
        predicted = draft(doc)
        pairs: list[tuple[Event, dict[str, Any] | None]] = []
        free = list(doc["events"])
        for p in predicted:
            g = next(
                (
                    g
                    for g in free
                    if g["type"] == p.type
                    and p.evidence[0] <= doc["text"].index(g["evidence"]) < p.evidence[1]
                ),
                None,
            )
            if g is not None:
                free.remove(g)
            pairs.append((p, g))
        for lang in (doc["language"], "all"):
            t = tally[lang]
            for name in FIELDS:
                if name == "people":
                    t[name][0] += sum(len(set(p.people) & set(g["people"])) for p, g in pairs if g)
                    t[name][1] += sum(len(p.people) for p in predicted)
                    t[name][2] += sum(len(g["people"]) for g in doc["events"])
                    continue
                gold_has = [g for g in doc["events"] if _gold_value(g, name) is not None]
                pred_has = [p for p in predicted if _pred_value(p, name) is not None]
                t[name][0] += sum(
                    1
                    for p, g in pairs
                    if g
                    and _pred_value(p, name) is not None
                    and _pred_value(p, name) == _gold_value(g, name)
                )
                t[name][1] += len(pred_has)
                t[name][2] += len(gold_has)
    return {
        lang: {f: (v[0], v[1], v[2]) for f, v in fields.items()} for lang, fields in tally.items()
    }


def _ratio(a: int, b: int) -> str:
    """a/b to two places, or a dash when b is zero."""
    return f"{a / b:.2f}" if b else "–"


def events_table(docs: list[dict[str, Any]]) -> str:
    """Markdown: precision / recall per field and language."""
    scores = score(docs)
    langs = [lang for lang in ("en", "ru", "uk", "all") if lang in scores]
    head = "| field | " + " | ".join(f"{lang} P | {lang} R" for lang in langs) + " |"
    rows = [head, "|---|" + "---|---|" * len(langs)]
    for name in FIELDS:
        cells = []
        for lang in langs:
            tp, pred, gold = scores[lang][name]
            cells += [_ratio(tp, pred), _ratio(tp, gold)]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    n = {lang: sum(1 for d in docs if d["language"] == lang) for lang in langs}
    n["all"] = len(docs)
    gold_events = {
        lang: sum(len(d["events"]) for d in docs if lang in ("all", d["language"]))
        for lang in langs
    }
    rows.append(
        "| reports / gold events | "
        + " | ".join(f"{n[lang]} | {gold_events[lang]}" for lang in langs)
        + " |"
    )
    return "\n".join(rows)


def _dateparser_values(text: str, language: str, published: date) -> list[str]:
    """ISO days of dateparser.search_dates (the peer) with our settings."""
    from dateparser.search import search_dates  # type: ignore[import-untyped]

    found = search_dates(
        text,
        languages=[language],
        settings={
            "RELATIVE_BASE": datetime(published.year, published.month, published.day),
            "PREFER_DATES_FROM": "past",
        },
    )
    return [d.date().isoformat() for _, d in (found or [])]


def dates_table(docs: list[dict[str, Any]], repeat: int = 10) -> str:
    """Markdown: find_dates beside dateparser.search_dates on the gold texts."""
    gold = [(d, e["date"]["start"]) for d in docs for e in d["events"] if e["date"] is not None]
    results = {}
    for name, fn in (
        (
            "TraceDesk find_dates",
            lambda d: [
                m.value
                for m in find_dates(d["text"], d["language"], date.fromisoformat(d["published"]))
            ],
        ),
        (
            "dateparser search_dates",
            lambda d: _dateparser_values(
                d["text"], d["language"], date.fromisoformat(d["published"])
            ),
        ),
    ):
        fn(docs[0])  # warm up: load models and caches once
        t0 = time.perf_counter()
        for _ in range(repeat):
            values = {d["id"]: fn(d) for d in docs}
        elapsed = (time.perf_counter() - t0) / repeat
        # a month-level gold date counts as found when a found day falls in that month
        hits = sum(1 for d, g in gold if any(v.startswith(g) for v in values[d["id"]]))
        mentions = sum(len(v) for v in values.values())
        results[name] = (elapsed, hits, mentions)
    base = results["TraceDesk find_dates"][0]
    rows = [
        "| dates | ms per report | time ratio to ours | gold event dates found | mentions |",
        "|---|---|---|---|---|",
    ]
    for name, (elapsed, hits, mentions) in results.items():
        rows.append(
            f"| {name} | {1000 * elapsed / len(docs):.2f} | {elapsed / base:.1f}× | "
            f"{hits}/{len(gold)} | {mentions} |"
        )
    return "\n".join(rows)


def nerel_dates(folder: Path, limit: int | None = None) -> list[tuple[str, list[tuple[int, int]]]]:
    """NEREL documents with their gold DATE spans (a discontinuous span keeps its outer ends)."""
    docs = []
    for ann in sorted(folder.glob("*.ann"))[:limit]:
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        spans = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and parts[0].startswith("T") and parts[1].startswith("DATE "):
                offsets = [int(x) for x in re.findall(r"\d+", parts[1])]
                spans.append((offsets[0], offsets[-1]))
        docs.append((text, spans))
    return docs


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """The span shares at least one character with one of the others."""
    return any(span[0] < o[1] and o[0] < span[1] for o in others)


def _dateparser_spans(text: str) -> list[tuple[int, int]]:
    """Spans of dateparser.search_dates in Russian, located in order in the text."""
    from dateparser.search import search_dates

    found = search_dates(
        text,
        languages=["ru"],
        settings={"RELATIVE_BASE": datetime(2020, 1, 1), "PREFER_DATES_FROM": "past"},
    )
    spans, cursor = [], 0
    for fragment, _ in found or []:
        at = text.find(fragment, cursor)
        if at >= 0:
            spans.append((at, at + len(fragment)))
            cursor = at + len(fragment)
    return spans


def date_span_scores(
    docs: list[tuple[str, list[tuple[int, int]]]],
    finder: Callable[[str], list[tuple[int, int]]],
) -> tuple[float, float, float]:
    """(precision, recall, seconds) of date spans by overlap with the gold DATE spans."""
    t0 = time.perf_counter()
    found = [finder(text) for text, _ in docs]
    elapsed = time.perf_counter() - t0
    hits = sum(
        _overlaps(s, gold) for spans, (_, gold) in zip(found, docs, strict=True) for s in spans
    )
    covered = sum(
        _overlaps(g, spans) for spans, (_, gold) in zip(found, docs, strict=True) for g in gold
    )
    n_found = sum(len(s) for s in found)
    n_gold = sum(len(g) for _, g in docs)
    return hits / max(n_found, 1), covered / max(n_gold, 1), elapsed


def our_date_spans(text: str) -> list[tuple[int, int]]:
    """Spans of find_dates in Russian (a publication date lets relative dates count)."""
    return [(m.start, m.end) for m in find_dates(text, "ru", date(2020, 1, 1))]


def nerel_table() -> str | None:
    """Markdown: Russian date spans on NEREL test, find_dates beside dateparser."""
    folder = _shared_data() / "ner" / "nerel" / "NEREL-v1.1" / "test"
    if not folder.exists():
        return None
    docs = nerel_dates(folder)
    rows = [
        "| date spans on NEREL test | precision | recall | seconds | time ratio to ours |",
        "|---|---|---|---|---|",
    ]
    ours = date_span_scores(docs, our_date_spans)
    peer = date_span_scores(docs, _dateparser_spans)
    for name, (p, r, sec) in (("TraceDesk find_dates", ours), ("dateparser search_dates", peer)):
        rows.append(f"| {name} | {p:.3f} | {r:.3f} | {sec:.2f} | {sec / ours[2]:.1f}× |")
    gold = sum(len(g) for _, g in docs)
    rows.append(f"| ({len(docs)} documents, {gold} DATE spans) | | | | |")
    return "\n".join(rows)


def _shared_data() -> Path:
    """../shared/data beside the repository, or /work/shared/data."""
    beside = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    return beside if beside.exists() else Path("/work/shared/data")


def throughput_table() -> str | None:
    """Markdown: stages 5-6 (dates, counts, events) on the DAnIEL reference texts, cold and warm."""
    folder = _shared_data() / "extraction" / "daniel-ru" / "reference"
    if not folder.exists():
        return None
    texts = [
        re.sub(r"<[^>]+>", "\n", p.read_text(encoding="utf-8", errors="replace"))
        for p in sorted(folder.iterdir())
    ]
    rows = ["| pass | documents | characters | seconds | documents/s |", "|---|---|---|---|---|"]
    for label in ("cold caches", "warm caches"):
        t0 = time.perf_counter()
        for text in texts:
            found_dates = find_dates(text, "ru", date(2012, 1, 1))
            find_events(text, "ru", dates=found_dates, counts=find_counts(text, "ru"))
        elapsed = time.perf_counter() - t0
        chars = sum(len(t) for t in texts)
        rows.append(
            f"| {label} | {len(texts)} | {chars} | {elapsed:.2f} | {len(texts) / elapsed:.1f} |"
        )
    return "\n".join(rows)


def main() -> int:
    """Print the tables."""
    docs = load_gold()
    development = [d for d in docs if not d.get("holdout")]
    holdout = [d for d in docs if d.get("holdout")]
    print("## Event drafting (gold entities, our dates and counts)\n")
    print("Development reports (read while the rules were written):\n")
    print(events_table(development))
    print("\nHeld-out reports (written after the rules were frozen):\n")
    print(events_table(holdout))
    print("\nAll reports (the gate in tests/pipeline/test_events.py):\n")
    print(events_table(docs))
    print("\n## Dates beside dateparser\n")
    print(dates_table(docs))
    table = nerel_table()
    if table:
        print("\n## Date spans beside dateparser on NEREL test (Russian Wikinews)\n")
        print(table)
    table = throughput_table()
    if table:
        print("\n## Throughput of stages 5-6 (Russian news, DAnIEL reference texts)\n")
        print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
