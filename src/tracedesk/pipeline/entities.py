"""Stage 3: people, places and organisations named in a text, in English, Russian or Ukrainian.

Russian goes to natasha's news tagger; Ukrainian and English to our rule-based recognisers
(natasha knows no Ukrainian, and no offline English NER model is trustworthy enough to ship).
Person names in Russian and Ukrainian come with their nominative form for matching.
"""

from __future__ import annotations

from tracedesk.pipeline.ner.base import LABELS, Entity, NerOptions
from tracedesk.pipeline.ner.english import find_english
from tracedesk.pipeline.ner.russian import find_russian
from tracedesk.pipeline.ner.ukrainian import find_ukrainian

__all__ = ["LABELS", "Entity", "NerOptions", "find_entities"]


def find_entities(text: str, language: str, options: NerOptions | None = None) -> list[Entity]:
    """Entities of the text in order, read with the recogniser of its language ("en"/"ru"/"uk")."""
    options = options or NerOptions()
    if language == "ru":
        return find_russian(text)
    if language == "uk":
        return find_ukrainian(text, options)
    if language == "en":
        return find_english(text, options)
    raise ValueError(f"no recogniser for language {language!r}")
