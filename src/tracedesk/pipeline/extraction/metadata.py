"""Page metadata: title, publication date, outlet and canonical URL, read from the markup.

trafilatura's own metadata pass also hunts for authors, categories and tags, which we do not
use and which doubled extraction time on the daniel-ru pages; this reads only what we need.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html  # type: ignore[import-untyped]
from htmldate import find_date
from lxml.etree import ParserError  # type: ignore[import-untyped]

_TITLE_META = ("og:title", "twitter:title", "title", "dc.title", "headline")
_SITE_META = ("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site")
_URL_META = ("og:url", "twitter:url")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class PageMetadata:
    """What the page says about itself."""

    title: str | None
    published: str | None
    outlet: str | None
    url: str | None


def read_metadata(html: str, url: str | None = None) -> PageMetadata:
    """Read title, ISO publication date, outlet and URL; None for each one not found."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError) as error:
        logging.getLogger(__name__).debug("unparsable page: %s", error)
        return PageMetadata(None, None, _host(url), url)
    metas = _meta_values(tree)
    page_url = url or _first(metas, _URL_META) or _canonical(tree)
    return PageMetadata(
        title=_title(tree, metas),
        published=_published(tree, page_url),
        outlet=_first(metas, _SITE_META) or _host(page_url),
        url=page_url,
    )


def _meta_values(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """Collect <meta> name/property → content, first occurrence wins, keys lowercased."""
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = _SPACES.sub(" ", meta.get("content") or "").strip()
        if key and content and key not in values:
            values[key] = content
    return values


def _first(metas: dict[str, str], keys: tuple[str, ...]) -> str | None:
    """Return the first of the given meta keys that the page has."""
    return next((metas[k] for k in keys if k in metas), None)


def _title(tree: lxml.html.HtmlElement, metas: dict[str, str]) -> str | None:
    """Prefer the social-card title (no site suffix), then the first <h1>, then <title>."""
    title = _first(metas, _TITLE_META)
    if title:
        return title
    for tag in ("h1", "title"):
        element = next(tree.iter(tag), None)
        if element is not None:
            text = _SPACES.sub(" ", element.text_content()).strip()
            if text:
                return text
    return None


def _published(tree: lxml.html.HtmlElement, url: str | None) -> str | None:
    """Find the original publication date with htmldate's quick (non-extensive) search."""
    try:
        found = find_date(
            tree, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d"
        )
    except (ValueError, TypeError) as error:
        logging.getLogger(__name__).debug("date search failed: %s", error)
        return None
    return str(found) if found else None


def _canonical(tree: lxml.html.HtmlElement) -> str | None:
    """Return the page's <link rel="canonical"> when it is an absolute URL."""
    for link in tree.iter("link"):
        href = link.get("href") or ""
        if (link.get("rel") or "").lower() == "canonical" and href.startswith("http"):
            return href
    return None


def _host(url: str | None) -> str | None:
    """Return a URL's host without "www.", as the outlet of last resort."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
