"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: the article links they list.

Parsed with lxml without network access or entity expansion, so a hostile feed cannot make us
fetch or expand anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree  # type: ignore[import-untyped]

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, recover=True, huge_tree=False, remove_comments=True
)
_FEED_ROOTS = {"rss", "feed", "RDF"}


class FeedError(ValueError):
    """Not a feed we can read; the message says why."""


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str
    published: str  # as the feed wrote it; may be empty


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def looks_like_feed(raw: bytes, content_type: str = "") -> bool:
    """An RSS or Atom document, by media type or by its root element."""
    if content_type in {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}:
        return True
    head = raw[:2048].lstrip().lower()
    if not (head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed")):
        return False
    return any(marker in head for marker in (b"<rss", b"<feed", b"<rdf:rdf"))


def parse_feed(raw: bytes, base_url: str = "") -> list[FeedItem]:
    """The items of a feed, in the feed's order, each with an absolute link."""
    try:
        root = etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as error:
        raise FeedError(f"not well-formed XML: {error}") from None
    if root is None or _local(root.tag) not in _FEED_ROOTS:
        raise FeedError("not an RSS or Atom feed")
    items: list[FeedItem] = []
    for element in root.iter():
        name = _local(element.tag)
        if name == "item":  # RSS 2.0 and RSS 1.0
            link = _child_text(element, "link") or _guid_link(element)
            published = _child_text(element, "pubDate") or _child_text(element, "date")
        elif name == "entry":  # Atom
            link = _atom_link(element)
            published = _child_text(element, "published") or _child_text(element, "updated")
        else:
            continue
        if link:
            items.append(
                FeedItem(
                    url=urljoin(base_url, link.strip()),
                    title=(_child_text(element, "title") or "").strip(),
                    published=(published or "").strip(),
                )
            )
    return items


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name and child.text and child.text.strip():
            return str(child.text)
    return None


def _guid_link(element: etree._Element) -> str | None:
    for child in element:
        if _local(child.tag) == "guid" and child.get("isPermaLink", "true") != "false":
            text = (child.text or "").strip()
            if text.startswith(("http://", "https://")):
                return text
    return None


def _atom_link(element: etree._Element) -> str | None:
    fallback = None
    for child in element:
        if _local(child.tag) != "link" or not child.get("href"):
            continue
        rel = child.get("rel", "alternate")
        if rel == "alternate":
            return str(child.get("href"))
        fallback = fallback or str(child.get("href"))
    return fallback
