"""Russian names with natasha: its news NER tagger, persons put in the nominative.

Two repairs on top of natasha, measured on the factRuEval and NEREL dev sets: edge marks and
bracketed romanisations are split off its spans, and capitalised words it passed over that the
pymorphy3 dictionary tags as place names (Geox) are added as places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import pymorphy3  # type: ignore[import-untyped]
from natasha import (  # type: ignore[import-untyped]
    Doc,
    MorphVocab,
    NewsEmbedding,
    NewsMorphTagger,
    NewsNERTagger,
    Segmenter,
)
from natasha.doc import inject_morph, sent_words  # type: ignore[import-untyped]

from tracedesk.pipeline.ner.base import Entity, tokens

_MIN_PLACE_LETTERS = 3  # shorter capitalised words are initials and abbreviations
_MIN_GEOX_SCORE = 0.3  # the Geox reading must be the dictionary's likely one, not a stray guess
_EDGE_CHARS = "•·*()[]«»\"'“”„—–-,;:"
_EDGE = re.compile(r"[•·*()\[\]«»\"'“”„—–\-,;:\s]+")


@dataclass(frozen=True)
class _Natasha:
    segmenter: Any
    ner: Any
    morph: Any
    vocab: Any


@cache
def _natasha() -> _Natasha:
    """Load the embedding and taggers once per process (about 1.5 s, shipped in the wheel)."""
    embedding = NewsEmbedding()
    return _Natasha(Segmenter(), NewsNERTagger(embedding), NewsMorphTagger(embedding), MorphVocab())


def natasha_spans(text: str) -> list[tuple[int, int, str]]:
    """natasha's own spans, untouched: the peer the benchmarks compare us with."""
    models = _natasha()
    doc = Doc(text)
    doc.segment(models.segmenter)
    doc.tag_ner(models.ner)
    return [(span.start, span.stop, span.type) for span in doc.spans]


def _tag_morph_where_persons(doc: Any, tagger: Any) -> None:
    """Morphology only for sentences naming a person: the tagger is six times slower than NER.

    Same as doc.tag_morph restricted to those sentences, through natasha's own helpers.
    """
    sentences = [sent for sent in doc.sents if any(span.type == "PER" for span in sent.spans)]
    if sentences:
        markups = tagger.map([sent_words(sent) for sent in sentences])
        for sent, markup in zip(sentences, markups, strict=True):
            inject_morph(sent.tokens, markup.tokens)


def find_russian(text: str) -> list[Entity]:
    """Persons, places and organisations in Russian text; persons normalised to the nominative."""
    models = _natasha()
    doc = Doc(text)
    doc.segment(models.segmenter)
    doc.tag_ner(models.ner)
    _tag_morph_where_persons(doc, models.morph)
    found: list[Entity] = []
    for span in doc.spans:
        normal = span.text
        if span.type == "PER":
            span.normalize(models.vocab)
            normal = span.normal or span.text
        pieces = _pieces(text, span.start, span.stop)
        for start, end in pieces:
            piece = text[start:end]
            found.append(
                Entity(start, end, span.type, piece, normal if len(pieces) == 1 else piece)
            )
    found.extend(_dictionary_places(text, found))
    return sorted(found, key=lambda entity: entity.start)


@cache
def _morph() -> Any:
    """The Russian pymorphy3 dictionary, loaded once per process."""
    return pymorphy3.MorphAnalyzer(lang="ru")


def _dictionary_places(text: str, found: list[Entity]) -> list[Entity]:
    """Capitalised words natasha passed over that the dictionary tags Geox ("Америки")."""
    places: list[Entity] = []
    for token in tokens(text):
        if not token.capitalised or token.sentence_start or len(token.text) < _MIN_PLACE_LETTERS:
            continue
        if any(e.start < token.end and token.start < e.end for e in found):
            continue
        best = _morph().parse(token.text)[0]
        if "Geox" in best.tag and best.score > _MIN_GEOX_SCORE:
            places.append(Entity(token.start, token.end, "LOC", token.text, token.text))
    return places


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span without stray edge marks, and "Джошуа Вольф (Joshua Wolf)" as two mentions.

    natasha's spans sometimes swallow a bullet, a closing bracket or the romanised form
    given in brackets; the name and its romanisation are separate mentions of one person.
    """
    inner = re.match(r"(.+?)\s*\((.+)\)$", text[start:end])
    if inner and _EDGE.sub("", inner.group(2)):
        first = (start + inner.start(1), start + inner.end(1))
        second = (start + inner.start(2), start + inner.end(2))
        return [p for p in (_trim(text, *first), _trim(text, *second)) if p[0] < p[1]]
    trimmed = _trim(text, start, end)
    return [trimmed] if trimmed[0] < trimmed[1] else [(start, end)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop bullets, brackets, dashes and spaces at the edges of a span."""
    while start < end and (text[start] in _EDGE_CHARS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _EDGE_CHARS or text[end - 1].isspace()):
        end -= 1
    return start, end
