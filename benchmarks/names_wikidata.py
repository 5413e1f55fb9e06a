"""Cross-script name recall on Wikidata English↔Russian name tokens (issue 4).

Run: .venv/bin/python benchmarks/names_wikidata.py [SIZE] [DATA_FILE]

Draws SIZE pairs (default 1000, seed 4) from all pairs and SIZE from the Slavic-looking ones
(Cyrillic form with a Russian or Ukrainian surname ending, ``evaluation.SLAVIC_ENDINGS``),
scores every Cyrillic word against every Latin word of its sample, and prints recall@1 and
recall@5 in both directions as a markdown table: TraceDesk's word score beside two peers
measured in the same run, unidecode + normalised exact match and unidecode + difflib ratio.
"""

from __future__ import annotations

import hashlib
import re
import sys
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from unidecode import unidecode

from tracedesk.pipeline.matching.evaluation import (
    read_pairs,
    recall,
    sample_pairs,
    tracedesk_scorer,
)

SEED = 4


def data_file() -> Path:
    """The pairs file beside the repository, else the shared one."""
    shared = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    if not shared.exists():
        shared = Path("/work/shared/data")
    return shared / "linkage" / "wikidata-en-ru" / "wd_russian_80.tsv"


@cache
def _plain(text: str) -> str:
    return re.sub(r"[^a-z]", "", unidecode(text).lower())


def unidecode_exact(cyrillic: str, latin: str) -> float:
    """Peer 1: both sides through unidecode, lowercased, letters only, equal or not."""
    return 1.0 if _plain(cyrillic) == _plain(latin) else 0.0


def unidecode_difflib(cyrillic: str, latin: str) -> float:
    """Peer 2: difflib's ratio of the unidecoded, normalised forms."""
    return SequenceMatcher(None, _plain(cyrillic), _plain(latin)).ratio()


def main(argv: list[str]) -> None:
    size = int(argv[1]) if len(argv) > 1 else 1000
    path = Path(argv[2]) if len(argv) > 2 else data_file()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    pairs = read_pairs(path)
    print(f"data: {path} sha256 {digest}, {len(pairs)} pairs; samples of {size}, seed {SEED}")
    scorers = {
        "TraceDesk": tracedesk_scorer,
        "unidecode exact": unidecode_exact,
        "unidecode + difflib": unidecode_difflib,
    }
    for label, slavic in (("all pairs", False), ("Slavic-looking pairs", True)):
        sample = sample_pairs(pairs, size, SEED, slavic=slavic)
        results = {name: recall(sample, scorer) for name, scorer in scorers.items()}
        print(f"\n**{label}** ({len(sample)} pairs)\n")
        print("| metric | " + " | ".join(results) + " | ratio to difflib |")
        print("|---|" + "---|" * (len(results) + 1))
        for metric in ("ru→en@1", "ru→en@5", "en→ru@1", "en→ru@5", "seconds"):
            values = [results[name][metric] for name in results]
            peer = results["unidecode + difflib"][metric]
            ratio = values[0] / peer if peer else float("nan")
            cells = " | ".join(f"{v:.3f}" if metric != "seconds" else f"{v:.1f}" for v in values)
            print(f"| {metric} | {cells} | {ratio:.2f} |")


if __name__ == "__main__":
    main(sys.argv)
