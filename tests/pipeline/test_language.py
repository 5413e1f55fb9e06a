"""Stage 2: document and paragraph language among English, Russian and Ukrainian."""

from __future__ import annotations

from tracedesk.pipeline.language import detect_language, paragraph_languages


def test_detects_each_of_the_three_languages() -> None:
    """Typical report sentences in each language are told apart."""
    assert detect_language("His mother said he is held in Brianka.") == "en"
    assert detect_language("Мать рассказала, что его удерживают в Брянке.") == "ru"
    assert detect_language("Мати розповіла, що його утримують у Брянці.") == "uk"


def test_short_cyrillic_word_settled_by_its_letters() -> None:
    """A single place name with a Ukrainian-only letter is Ukrainian."""
    assert detect_language("Брянці") == "uk"


def test_too_little_text_has_no_language() -> None:
    """Digits and punctuation carry no language."""
    assert detect_language("12.03.2024 — 5") is None
    assert detect_language("") is None


def test_mixed_text_gets_a_language_per_paragraph() -> None:
    """Each non-empty line keeps its own language and exact span."""
    text = "Hello, this is the English part.\n\nМати розповіла про сина.\nМать рассказала о сыне.\n"
    spans = paragraph_languages(text)
    assert [lang for _, _, lang in spans] == ["en", "uk", "ru"]
    assert [text[s:e] for s, e, _ in spans] == [
        "Hello, this is the English part.",
        "Мати розповіла про сина.",
        "Мать рассказала о сыне.",
    ]
