"""Named-entity benchmark: PER/LOC precision, recall and F1 (exact spans) on three corpora.

Russian: factRuEval-2016 test and NEREL v1.1 test, TraceDesk beside natasha alone.
Ukrainian: ner-uk v2.0 test documents, our Ukrainian rules beside natasha applied to Ukrainian.
Prints a markdown table; run `python benchmarks/ner.py [--limit N]` from the repository root.
The eval gate (tests/pipeline/test_ner_gate.py) reuses the readers and the scorer below.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tracedesk.pipeline.entities import find_entities
from tracedesk.pipeline.ner.russian import natasha_spans

TYPES = ("PER", "LOC")
FACTRU_TYPES = {"Person": "PER", "Location": "LOC", "LocOrg": "LOC"}
NEREL_TYPES = {
    "PERSON": "PER",
    "CITY": "LOC",
    "COUNTRY": "LOC",
    "STATE_OR_PROVINCE": "LOC",
    "LOCATION": "LOC",
    "DISTRICT": "LOC",
}
NERUK_TYPES = {"PERS": "PER", "LOC": "LOC"}

Span = tuple[int, int, str]


@dataclass(frozen=True)
class Document:
    """One text and its gold PER/LOC spans."""

    path: Path
    text: str
    gold: frozenset[Span]


@dataclass
class Counts:
    """True positives, predictions and gold spans per type."""

    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))

    def add(self, predicted: Iterable[Span], gold: frozenset[Span]) -> None:
        """Count one document: a prediction is right when span and type match a gold one."""
        kept = {span for span in predicted if span[2] in TYPES}
        for label in TYPES:
            mine = {s for s in kept if s[2] == label}
            theirs = {s for s in gold if s[2] == label}
            self.tp[label] += len(mine & theirs)
            self.predicted[label] += len(mine)
            self.gold[label] += len(theirs)

    def prf(self, label: str) -> tuple[float, float, float]:
        """Precision, recall, F1 for one type."""
        p = self.tp[label] / self.predicted[label] if self.predicted[label] else 0.0
        r = self.tp[label] / self.gold[label] if self.gold[label] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def data_root() -> Path:
    """../shared/data beside the repository, else /work/shared/data."""
    beside = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    return beside if beside.is_dir() else Path("/work/shared/data")


def read_factru(stem: Path) -> Document:
    """A factRuEval document: each object's span runs from its first span to its last."""
    text = stem.with_suffix(".txt").read_text(encoding="utf-8")
    spans: dict[str, tuple[int, int]] = {}
    for line in stem.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
        fields = line.split("#")[0].split()
        if len(fields) >= 4:
            spans[fields[0]] = (int(fields[2]), int(fields[2]) + int(fields[3]))
    gold: set[Span] = set()
    for line in stem.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
        fields = line.split("#")[0].split()
        if len(fields) >= 3 and fields[1] in FACTRU_TYPES:
            parts = [spans[i] for i in fields[2:] if i in spans]
            if parts:
                start, end = min(p[0] for p in parts), max(p[1] for p in parts)
                gold.add((start, end, FACTRU_TYPES[fields[1]]))
    return Document(stem, text, frozenset(gold))


def read_brat(stem: Path, types: dict[str, str]) -> Document:
    """A brat standoff document; discontinuous annotations are skipped."""
    text = stem.with_suffix(".txt").read_text(encoding="utf-8")
    gold: set[Span] = set()
    for line in stem.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        fields = line.split("\t")
        head = fields[1].split() if len(fields) == 3 else fields[1:4]
        if len(head) == 3 and head[0] in types and ";" not in fields[1]:
            gold.add((int(head[1]), int(head[2]), types[head[0]]))
    return Document(stem, text, frozenset(gold))


def factru_stems(root: Path) -> list[Path]:
    """factRuEval test documents, in name order."""
    folder = root / "ner/factruEval-2016/testset"
    return sorted(p.with_suffix("") for p in folder.glob("*.spans"))


def nerel_stems(root: Path) -> list[Path]:
    """NEREL v1.1 test documents, in name order."""
    return sorted(p.with_suffix("") for p in (root / "ner/nerel/NEREL-v1.1/test").glob("*.ann"))


def neruk_stems(root: Path) -> list[Path]:
    """ner-uk v2.0 test documents named by dev-test-split.txt, in its order."""
    data = root / "ner/ner-uk/v2.0/data"
    lines = (data / "dev-test-split.txt").read_text(encoding="utf-8").split()
    names = lines[lines.index("TEST") + 1 :]
    stems = []
    for name in names:
        for folder in ("bruk", "ng"):
            if (data / folder / f"{name}.txt").exists():
                stems.append(data / folder / name)
    return stems


def corpora(root: Path) -> dict[str, tuple[str, list[Path], Callable[[Path], Document]]]:
    """Name → (language, document stems, reader)."""
    return {
        "factRuEval-2016 test": ("ru", factru_stems(root), read_factru),
        "NEREL v1.1 test": ("ru", nerel_stems(root), lambda s: read_brat(s, NEREL_TYPES)),
        "ner-uk v2.0 test": ("uk", neruk_stems(root), lambda s: read_brat(s, NERUK_TYPES)),
    }


def ours(text: str, language: str) -> list[Span]:
    """TraceDesk's recogniser for the language."""
    return [(e.start, e.end, e.label) for e in find_entities(text, language)]


def peer(text: str, language: str) -> list[Span]:
    """natasha alone, whatever the language."""
    return natasha_spans(text)


def score(
    documents: Iterable[Document], language: str, system: Callable[[str, str], list[Span]]
) -> tuple[Counts, float]:
    """Counts over the documents, and the seconds the system took."""
    counts = Counts()
    took = 0.0
    for document in documents:
        began = time.perf_counter()
        predicted = system(document.text, language)
        took += time.perf_counter() - began
        counts.add(predicted, document.gold)
    return counts, took


def sha256_of(paths: Iterable[Path]) -> str:
    """One digest over the files, so a gate can tell when its data changed."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def main() -> None:
    """Print the table: per corpus and type, ours beside natasha with the F1 ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="documents per corpus (0: all)")
    args = parser.parse_args()
    root = data_root()
    find_entities("прогрев", "ru")  # load the models outside the timings
    find_entities("Прогрів", "uk")
    print(
        "| corpus | docs | type | ours P | ours R | ours F1 | natasha P | natasha R "
        "| natasha F1 | F1 ratio | ours s | natasha s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, (language, stems, reader) in corpora(root).items():
        if args.limit:
            stems = stems[: args.limit]
        documents = [reader(stem) for stem in stems]
        mine, my_time = score(documents, language, ours)
        theirs, their_time = score(documents, language, peer)
        for label in TYPES:
            p, r, f = mine.prf(label)
            pp, pr, pf = theirs.prf(label)
            ratio = f"{f / pf:.2f}" if pf else "n/a"
            print(
                f"| {name} | {len(documents)} | {label} | {p:.3f} | {r:.3f} | {f:.3f} "
                f"| {pp:.3f} | {pr:.3f} | {pf:.3f} | {ratio} | {my_time:.1f} | {their_time:.1f} |"
            )


if __name__ == "__main__":
    main()
