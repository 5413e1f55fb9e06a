"""The recall evaluation itself, on a handful of pairs written here."""

from pathlib import Path

from tracedesk.pipeline.matching.evaluation import (
    Pair,
    is_slavic,
    read_pairs,
    recall,
    sample_pairs,
    tracedesk_scorer,
)


def test_read_pairs_joins_letters(tmp_path: Path) -> None:
    """Cyrillic letters separated by spaces become one word; bad lines are skipped."""
    path = tmp_path / "pairs.tsv"
    path.write_text("zhukov\tж у к о в\t3\nbroken line\nivan\tи в а н\t10\n", encoding="utf-8")
    assert read_pairs(path) == [Pair("zhukov", "жуков", 3), Pair("ivan", "иван", 10)]


def test_slavic_subset_by_ending() -> None:
    """Жуков and Шевченко look Slavic by their endings; Муньос does not."""
    assert is_slavic(Pair("zhukov", "жуков", 1))
    assert is_slavic(Pair("shevchenko", "шевченко", 1))
    assert not is_slavic(Pair("muñoz", "муньос", 1))


def test_sample_is_fixed_and_has_no_repeated_words() -> None:
    """The same seed gives the same sample; a word is used once."""
    pairs = [Pair("ivan", "иван", 1), Pair("iwan", "иван", 1), Pair("petrov", "петров", 1)]
    first = sample_pairs(pairs, 3, seed=1)
    assert first == sample_pairs(pairs, 3, seed=1)
    assert len(first) == 2
    assert len({p.cyrillic for p in first}) == 2


def test_recall_counts_ties_against_the_scorer() -> None:
    """A scorer that cannot tell candidates apart gets rank n, not 1."""
    pairs = [Pair("zhukov", "жуков", 1), Pair("sydorenko", "сидоренко", 1)]
    constant = recall(pairs, lambda cyrillic, latin: 0.5, ks=(1,))
    assert constant["ru→en@1"] == 0.0 and constant["en→ru@1"] == 0.0
    ours = recall(pairs, tracedesk_scorer, ks=(1,))
    assert ours["ru→en@1"] == 1.0 and ours["en→ru@1"] == 1.0
