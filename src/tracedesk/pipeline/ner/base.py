"""What every recogniser shares: the Entity type, the options, tokens and sentence starts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Final

LABELS: Final = frozenset({"PER", "LOC", "ORG"})

# A word: letters joined by apostrophes or hyphens (Зеленського, В'ячеслав, Ivano-Frankivsk).
WORD: Final = re.compile(r"[^\W\d_]+(?:['’ʼ\-][^\W\d_]+)*")
_SENTENCE_END: Final = frozenset(".!?…")
_OPENERS: Final = frozenset(" \t\r\n\"'«„“”(—–-*•")


@dataclass(frozen=True)
class Entity:
    """A named mention: character span, label (PER/LOC/ORG), surface text and normal form."""

    start: int
    end: int
    label: str
    text: str
    normal: str  # nominative form for Russian and Ukrainian persons, else the text


@dataclass(frozen=True)
class NerOptions:
    """Knobs of the rule-based recognisers, declared in one place with the reason beside them."""

    # GeoNames places at least this big may override a person reading of a word (Львові is
    # also the surname Львов); smaller villages only count when nothing else is known.
    major_place_population: int = 15000
    # Runs longer than this are headlines or lists, not one name.
    max_run_tokens: int = 4


@dataclass(frozen=True)
class Token:
    """A word with its span and whether it starts a sentence."""

    start: int
    end: int
    text: str
    sentence_start: bool
    initial: bool = False  # one capital followed by a dot ("В." or tokenised "В .")

    @property
    def capitalised(self) -> bool:
        """First letter upper case: the only cue a rule has that a word is a name."""
        return self.text[0].isupper()


def tokens(text: str) -> list[Token]:
    """Words of the text, each marked when it opens a sentence."""
    result: list[Token] = []
    for match in WORD.finditer(text):
        # What precedes the word once openers are skipped: walked back by index, since
        # slicing the text before every word is quadratic in its length.
        before = match.start()
        while before and text[before - 1] in _OPENERS:
            before -= 1
        first = not before or text[before - 1] in _SENTENCE_END or text[before - 1] == "\n"
        # A lone initial ("В. І.") does not end the sentence it is in.
        if first and before and text[before - 1] == "." and _ends_with_initial(text, before):
            first = False
        word = match.group()
        dotted = text[match.end() : match.end() + 2] in {". ", " ."} or text[match.end() :] == "."
        initial = len(word) == 1 and word.isupper() and dotted
        result.append(Token(match.start(), match.end(), word, first, initial))
    return result


def _ends_with_initial(text: str, end: int) -> bool:
    """The dot at ``end - 1`` closes a one-letter capital: "В. Петренко" or tokenised "В ."."""
    stem = end - 1  # the stem is text[:stem] less trailing white space
    while stem and text[stem - 1].isspace():
        stem -= 1
    return stem >= 1 and text[stem - 1].isupper() and (stem == 1 or not text[stem - 2].isalpha())


def is_initial(token: Token) -> bool:
    """A one-letter capital with its dot, such as the "В" of "В. Петренко"."""
    return token.initial


def joinable(text: str, left: Token, right: Token) -> bool:
    """Two words are one name only when a space, or an initial's dot, lies between them."""
    gap = text[left.end : right.start]
    if is_initial(left):
        return gap.replace(" ", "") in {".", ""} and len(gap) <= 3
    return gap in {" ", "\u00a0"}


def span_end_with_dot(text: str, token: Token) -> int:
    """Where an initial ends: after its dot, spaced or not ("В." or tokenised "В .")."""
    rest = text[token.end : token.end + 2]
    if rest.startswith("."):
        return token.end + 1
    if rest == " .":
        return token.end + 2
    return token.end


def words(text: str) -> frozenset[str]:
    """A word list written as one string, as the lexicons in the recognisers are."""
    return frozenset(text.split())


@cache
def lexicon(name: str) -> frozenset[str]:
    """Words of one of our lexicon files in pipeline/data, lower-cased, comments skipped."""
    raw = files("tracedesk.pipeline").joinpath("data", name).read_text(encoding="utf-8")
    words: set[str] = set()
    for line in raw.splitlines():
        if not line.startswith("#"):
            words.update(word.lower() for word in line.split())
    return frozenset(words)
