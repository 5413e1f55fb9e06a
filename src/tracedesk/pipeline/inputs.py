"""Reading what `tracedesk extract` and `ingest` are given: files, stdin, WARC archives.

Each input yields documents or a per-document error; one bad input never stops the others.
"""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# A news page is well under a megabyte; anything this large is not an article.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
_WARC_MAGIC = b"WARC/"
_HTML_MARKERS = (
    b"<html",
    b"<!doctype html",
    b"<head",
    b"<body",
    b"<meta",
    b"<div",
    b"<p>",
    b"<article",
)


@dataclass(frozen=True)
class InputDocument:
    """One document to extract: its raw bytes and what is known about them."""

    input: str
    raw: bytes
    kind: str  # "html" or "text"
    url: str | None = None
    charset: str | None = None


@dataclass(frozen=True)
class InputError:
    """A document that could not be read, named so that the user can find it."""

    input: str
    error: str


def sniff_kind(raw: bytes) -> str:
    """HTML when the first kilobytes look like markup; plain text otherwise."""
    head = raw[:4096].lstrip().lower()
    return "html" if any(marker in head for marker in _HTML_MARKERS) else "text"


def looks_binary(raw: bytes) -> bool:
    """NUL bytes or mostly control characters: an image, a PDF, an archive — not a page."""
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    return bool(sample) and controls / len(sample) > 0.05


def check_document(doc: InputDocument) -> InputDocument | InputError:
    """Refuse empty, oversized and binary documents with a message naming the problem."""
    if not doc.raw.strip():
        return InputError(doc.input, "empty document")
    if len(doc.raw) > MAX_DOCUMENT_BYTES:
        size = len(doc.raw) / (1024 * 1024)
        limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
        return InputError(doc.input, f"document is {size:.1f} MB, over the {limit} MB limit")
    if looks_binary(doc.raw):
        return InputError(doc.input, "binary data, not HTML or text")
    return doc


def _read_warc(name: str, raw: bytes) -> Iterator[InputDocument | InputError]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = 0
    try:
        records = ArchiveIterator(io.BytesIO(raw), record_types=WarcRecordType.response)
        for record in records:
            count += 1
            url = record.headers.get("WARC-Target-URI")
            label = f"{name}#{count}" + (f" ({url})" if url else "")
            content_type = (record.http_content_type or "").lower()
            if content_type and "html" not in content_type:
                yield InputError(label, f"not an HTML response ({content_type})")
                continue
            body = record.reader.read()
            yield check_document(
                InputDocument(label, body, "html", url=url, charset=record.http_charset or None)
            )
    except Exception as exc:  # noqa: BLE001 - a damaged archive is reported, never raised
        yield InputError(f"{name}#{count + 1}", f"damaged WARC record: {exc}")
    if count == 0:
        yield InputError(name, "WARC archive holds no response records")


def read_input(path: str, *, url: str | None = None) -> Iterator[InputDocument | InputError]:
    """Yield the documents in one input: a file, `-` for stdin, or a (gzipped) WARC archive."""
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    name = "<stdin>" if path == "-" else path
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            yield InputError(name, f"truncated or damaged gzip data: {exc}")
            return
    if raw.lstrip()[:5] == _WARC_MAGIC:
        yield from _read_warc(name, raw)
        return
    yield check_document(InputDocument(name, raw, sniff_kind(raw), url=url))
