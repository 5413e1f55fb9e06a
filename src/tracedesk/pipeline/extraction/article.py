"""Article text and metadata from one HTML page.

The cascade, measured on the article-extraction-benchmark and daniel-ru sets
(``benchmarks/extraction.py``):

1. trafilatura, tuned for precision and without comments: the primary candidate.
2. readability-lxml as a voter, asked only when trafilatura's text looks doubtful (short, or
   mostly lines that do not end like sentences): trafilatura often keeps the whole column of
   a news site (teasers, related stories); when readability's text sits inside trafilatura's
   and is much shorter, the extra is clutter, and when the two disagree completely
   readability's markedly longer text wins.
3. resiliparse's main-content text when both found nothing.
4. ``clean_text`` on the result: line rules for the clutter that survives every extractor.
5. Metadata (title, date, outlet, URL) from ``metadata.read_metadata``.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

import lxml.html  # type: ignore[import-untyped]
import trafilatura
from readability import Document  # type: ignore[import-untyped]
from resiliparse.extract.html2text import extract_plain_text

from tracedesk.pipeline.boilerplate import clean_text
from tracedesk.pipeline.extraction.metadata import read_metadata

_TOKEN = re.compile(r"\w+")
_BLANKS = re.compile(r"\n\s*\n\s*")
_SPACES = re.compile(r"[ \t\u00a0]+")
_SENTENCE_END = re.compile(r"[.!?:\"»”]\s*$")


@dataclass(frozen=True)
class VoteThresholds:
    """Where readability overrules trafilatura; tuned on both evaluation sets."""

    # Share of readability's bigrams that must occur in trafilatura's text for "inside".
    inside: float = 0.8
    # Share of trafilatura's bigrams also in readability's below which trafilatura has extra.
    extra: float = 0.7
    # Share of readability's bigrams in trafilatura's below which the two disagree.
    disagree: float = 0.2
    # How much longer readability's text must be to win a disagreement.
    longer: float = 0.8
    # Ask readability when trafilatura's text is shorter than this many characters...
    doubtful_length: int = 1000
    # ...or when at least this share of its lines do not end like sentences (teaser lists).
    doubtful_unpunctuated: float = 0.5


@dataclass(frozen=True)
class ExtractOptions:
    """How to extract: trafilatura's knobs, which helpers vote, and the final cleaning."""

    favor_precision: bool = True
    favor_recall: bool = False
    include_comments: bool = False
    include_tables: bool = True
    # trafilatura's own fallbacks (its readability and jusText ports) before we vote.
    trafilatura_fallback: bool = True
    vote_with_readability: bool = True
    rescue_with_resiliparse: bool = True
    clean: bool = True
    votes: VoteThresholds = field(default_factory=VoteThresholds)


@dataclass(frozen=True)
class Article:
    """The report's text and what the page says about it; language is set by a later stage."""

    text: str
    title: str | None
    published: str | None
    outlet: str | None
    language: str | None
    url: str | None


DEFAULT_OPTIONS = ExtractOptions()


def extract_article(
    html: str, *, url: str | None = None, options: ExtractOptions = DEFAULT_OPTIONS
) -> Article:
    """Extract the article text and metadata from a decoded HTML page."""
    # 1. trafilatura.
    text = _normalise(_trafilatura(html, url, options))
    # 2. readability as a voter, when trafilatura's text is doubtful.
    if options.vote_with_readability and _doubtful(text, options.votes):
        text = vote(text, _readability_text(html), options.votes)
    # 3. resiliparse when nothing was found.
    if not text and options.rescue_with_resiliparse:
        text = _normalise(extract_plain_text(html, main_content=True) or "")
    # 4. Line-level clutter removal.
    if options.clean:
        text = clean_text(text)
    # 5. Metadata.
    meta = read_metadata(html, url)
    return Article(
        text=text,
        title=meta.title,
        published=meta.published,
        outlet=meta.outlet,
        language=None,
        url=meta.url,
    )


def _trafilatura(html: str, url: str | None, options: ExtractOptions) -> str:
    """Run trafilatura's text extraction; empty when it finds nothing."""
    try:
        return (
            trafilatura.extract(
                html,
                url=url,
                favor_precision=options.favor_precision,
                favor_recall=options.favor_recall,
                include_comments=options.include_comments,
                include_tables=options.include_tables,
                no_fallback=not options.trafilatura_fallback,
            )
            or ""
        )
    except (ValueError, TypeError, AttributeError) as error:  # malformed markup
        logging.getLogger(__name__).debug("trafilatura failed: %s", error)
        return ""


def _doubtful(text: str, thresholds: VoteThresholds) -> bool:
    """Tell whether trafilatura's text is short or reads like a list of teasers."""
    if len(text) < thresholds.doubtful_length:
        return True
    lines = text.splitlines()
    unpunctuated = sum(1 for line in lines if not _SENTENCE_END.search(line))
    return unpunctuated >= thresholds.doubtful_unpunctuated * len(lines)


def _readability_text(html: str) -> str:
    """Return readability-lxml's main content as plain text, one block a paragraph."""
    if not html.strip():
        return ""  # readability logs a traceback for an empty document
    try:
        summary = Document(html).summary(html_partial=True)
        if not summary.strip():
            return ""
        root = lxml.html.fromstring(summary)
    except Exception:  # noqa: BLE001 - readability raises bare Exceptions on odd pages
        return ""
    for block in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    return _normalise(root.text_content())


def _normalise(text: str) -> str:
    """Collapse spaces and blank lines, and put each table cell on its own line.

    Old news sites lay pages out in tables, which trafilatura renders as ``| a | b |`` rows;
    a row with empty spacer cells is layout, and one cell a line lets the line rules see the
    menus and share bars inside it. Rows of data tables become plain lines.
    """
    lines: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = stripped.strip("|").split("|")
            if all(set(cell.strip()) <= set("-: ") for cell in cells):
                continue  # the |---|---| separator row
            if any(not cell.strip() for cell in cells):  # spacer cells: a layout table
                lines.extend(cell for cell in cells if cell.strip())
                continue
            lines.append(" ".join(cell.strip() for cell in cells))
        else:
            lines.append(line)
    cleaned = (_SPACES.sub(" ", line).strip() for line in lines)
    return _BLANKS.sub("\n", "\n".join(cleaned)).strip()


def _bigrams(text: str) -> Counter[tuple[str, str]]:
    """Count lowercase word bigrams: a cheap fingerprint for comparing two candidates."""
    tokens = _TOKEN.findall(text.lower())
    return Counter(zip(tokens, tokens[1:], strict=False))


def vote(primary: str, other: str, thresholds: VoteThresholds) -> str:
    """Choose between trafilatura's text and readability's by how much of each the other holds."""
    if not other:
        return primary
    if not primary:
        return other
    mine, theirs = _bigrams(primary), _bigrams(other)
    shared = sum((mine & theirs).values())
    inside = shared / max(1, sum(theirs.values()))
    covered = shared / max(1, sum(mine.values()))
    if inside >= thresholds.inside and covered < thresholds.extra:
        return other  # readability's text is the core of ours; the rest is clutter
    if inside < thresholds.disagree and len(other) > thresholds.longer * len(primary):
        return other  # no agreement: the longer coherent block is the article
    return primary
