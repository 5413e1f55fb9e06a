"""Stage 2: which of English, Russian and Ukrainian a document, or each paragraph of it, is in.

lingua is restricted to the three languages we read, so it never answers "Bulgarian" for a
short Cyrillic line. Its low-accuracy mode (trigrams only) loads in milliseconds instead of
seconds and is still right on news paragraphs; letters that only one of the two Cyrillic
alphabets has settle short snippets where the statistics are weak.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

_CODES: Final = {Language.ENGLISH: "en", Language.RUSSIAN: "ru", Language.UKRAINIAN: "uk"}
_ONLY_UKRAINIAN: Final = frozenset("іїєґІЇЄҐ")
_ONLY_RUSSIAN: Final = frozenset("ыэёъЫЭЁЪ")
_LINE: Final = re.compile(r"[^\n]+")  # extracted text puts one paragraph on a line


@dataclass(frozen=True)
class LanguageOptions:
    """How sure lingua must be, and how long a text must be before we ask it at all."""

    min_letters: int = 2  # fewer letters than this carry no language
    min_confidence: float = 0.0  # lingua's best guess is kept unless below this


@cache
def _detector() -> LanguageDetector:
    """Build the detector once per process: it is the slow part."""
    return LanguageDetectorBuilder.from_languages(*_CODES).with_low_accuracy_mode().build()


def _by_alphabet(text: str) -> str | None:
    """Letters only one Cyrillic alphabet has, when the text has them of one side only."""
    letters = set(text)
    uk, ru = bool(letters & _ONLY_UKRAINIAN), bool(letters & _ONLY_RUSSIAN)
    if uk != ru:
        return "uk" if uk else "ru"
    return None


def detect_language(text: str, options: LanguageOptions | None = None) -> str | None:
    """ "en", "ru" or "uk" for the text, None when it has too few letters to tell."""
    options = options or LanguageOptions()
    if sum(ch.isalpha() for ch in text) < options.min_letters:
        return None
    confidences = _detector().compute_language_confidence_values(text)
    best = confidences[0]
    if best.value < options.min_confidence:
        return None
    code = _CODES[best.language]
    if code != "en" and best.value < 0.9:
        # Short Cyrillic snippets: trust a tell-tale letter over weak statistics.
        return _by_alphabet(text) or code
    return code


def paragraph_languages(
    text: str, options: LanguageOptions | None = None
) -> list[tuple[int, int, str | None]]:
    """(start, end, language) for each paragraph, so mixed texts get one language per part."""
    spans: list[tuple[int, int, str | None]] = []
    for line in _LINE.finditer(text):
        chunk = line.group()
        if chunk.strip():
            start = line.start() + len(chunk) - len(chunk.lstrip())
            end = line.start() + len(chunk.rstrip())
            spans.append((start, end, detect_language(text[start:end], options)))
    return spans
