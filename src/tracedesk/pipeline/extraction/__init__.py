"""Stage 1: article extraction (decode the page, extract the report, drop the clutter)."""

from tracedesk.pipeline.boilerplate import clean_text
from tracedesk.pipeline.extraction.article import (
    Article,
    ExtractOptions,
    VoteThresholds,
    extract_article,
)
from tracedesk.pipeline.extraction.decode import decode_html

__all__ = [
    "Article",
    "ExtractOptions",
    "VoteThresholds",
    "clean_text",
    "decode_html",
    "extract_article",
]
