"""English names from rules: there is no trustworthy offline English NER model to ship.

A run of capitalised words is a person when it holds a known given name (Slavic names in any
romanisation through search_key, English ones from our lexicon), follows a title or role
("Private", "his mother"), or ends in a Slavic surname suffix; a place when GeoNames or our
list knows it or the context says so ("in X", "X region"); an organisation when it holds an
organisation word or is a known acronym. A sentence's first word counts only with such a cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from tracedesk.pipeline.names import GIVEN_NAMES, search_key
from tracedesk.pipeline.ner.base import (
    Entity,
    NerOptions,
    Token,
    joinable,
    lexicon,
    tokens,
    words,
)
from tracedesk.pipeline.ner.gazetteer import Places, places

_GIVEN_KEYS: Final = frozenset(search_key(name) for name in GIVEN_NAMES)
_SLAVIC_SURNAME: Final = (
    "enko",
    "ov",
    "ova",
    "ev",
    "eva",
    "yev",
    "yeva",
    "in",
    "ina",
    "sky",
    "skyi",
    "skiy",
    "ska",
    "ski",
    "uk",
    "chuk",
    "yuk",
    "vich",
    "ych",
)
_TITLES: Final = words(
    "mr mrs ms miss dr prof soldier private corporal sergeant lieutenant captain major colonel "
    "general prisoner pow marine sailor commander officer serviceman servicewoman journalist "
    "activist volunteer lawyer president minister mayor governor judge father son daughter wife "
    "husband mother brother sister uncle aunt grandmother grandfather named citizen resident"
)
_ORDINAL: Final = re.compile(r"\b\d+(?:st|nd|rd|th|-?[a-z]{0,2})? $")
_PLACE_BEFORE: Final = words("in near at outside from to into towards village town city")
_PLACE_AFTER: Final = words("region oblast district province raion krai republic")
_ORG_WORDS: Final = words(
    "ministry brigade battalion regiment service committee council court army forces police "
    "guard office agency union party bank university institute bureau commission command "
    "cross crescent watch international headquarters amnesty prosecutor's icrc fsb sbu gur un "
    "osce nato eu unhcr ohchr hrw mvd mod"
)
# Capitalised words that name neither a person nor a place when they stand alone.
_NEVER: Final = words(
    "the a an his her their its our my your he she they we it i this that these those there "
    "but and or so if when while after before since as at in on of for by with from to not no "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december russian ukrainian english"
)


def _is_given(word: str) -> bool:
    return word.lower() in lexicon("en_given_names.txt") or search_key(word) in _GIVEN_KEYS


def _is_slavic_surname(word: str) -> bool:
    lower = word.lower()
    return len(lower) > 4 and lower.endswith(_SLAVIC_SURNAME)


def _looks_personal(run: list[Token]) -> bool:
    """Some word of the run is a known given name or a Slavic surname."""
    return any(_is_given(t.text) or _is_slavic_surname(t.text) for t in run)


def _runs(
    text: str, words: list[Token], options: NerOptions, gazetteer: Places
) -> Iterator[tuple[int, int]]:
    """Index ranges of capitalised words standing together, leading function words dropped."""
    i = 0
    while i < len(words):
        if not words[i].capitalised:
            i += 1
            continue
        j = i + 1
        while j < len(words) and words[j].capitalised and joinable(text, words[j - 1], words[j]):
            j += 1
        start = i
        while start < j and words[start].text.lower() in _NEVER:
            start += 1
        opener = words[start] if start < j - 1 and words[start].sentence_start else None
        if opener and not _looks_personal([opener]) and not _place_level(opener.text, gazetteer):
            start += 1  # "Yesterday Ivan Petrenko…": a sentence's first word needs its own cue
        while (
            j - start > 1
            and words[start].text.lower() in _TITLES
            and _looks_personal(words[start + 1 : j])
        ):
            start += 1  # "Private Ivan Petrenko": the rank is context, not the name
        if start < j and j - start <= options.max_run_tokens:
            yield start, j
        i = j


def _place_level(name: str, gazetteer: Places) -> int:
    lower = name.lower()
    return 2 if lower in gazetteer.major else 1 if lower in gazetteer.minor else 0


def _label(
    text: str, words: list[Token], start: int, end: int, gazetteer: Places
) -> tuple[str, int, int] | None:
    """Label of words[start:end] and its character span, or None when it is no entity."""
    run = words[start:end]
    first, last = run[0], run[-1]
    name = text[first.start : last.end]
    before = words[start - 1].text.lower() if start > 0 else ""
    after = words[end].text.lower() if end < len(words) else ""
    if {t.text.lower() for t in run} & _ORG_WORDS:
        ordinal = _ORDINAL.search(text, 0, first.start)  # "36th Marine Brigade"
        return "ORG", (ordinal.start() if ordinal else first.start), last.end
    if after in _PLACE_AFTER:
        return "LOC", first.start, words[end].end
    if len(run) > 1 and last.text.lower() in _PLACE_AFTER:
        return "LOC", first.start, last.end  # "Kharkiv Oblast"
    given = any(_is_given(t.text) for t in run)
    surname = _is_slavic_surname(last.text)
    level = _place_level(name, gazetteer)
    if given and (len(run) > 1 or level < 2):
        return "PER", first.start, last.end
    if before in _TITLES:
        return "PER", first.start, last.end
    if level == 2 or (before in _PLACE_BEFORE and not surname):
        return "LOC", first.start, last.end
    if surname and len(run) <= 3:
        return "PER", first.start, last.end
    return None


def find_english(text: str, options: NerOptions) -> list[Entity]:
    """Persons, places and organisations in English text, by rules."""
    gazetteer = places(options.major_place_population)
    words = tokens(text)
    found: list[Entity] = []
    for start, end in _runs(text, words, options, gazetteer):
        labelled = _label(text, words, start, end, gazetteer)
        if labelled is not None:
            label, first, last = labelled
            surface = text[first:last]
            found.append(Entity(first, last, label, surface, surface))
    return found
