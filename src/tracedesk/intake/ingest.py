"""`tracedesk ingest`: files, directories, URLs and feeds into Sources and drafts.

The flow, one document at a time:

1. ``expand`` turns each target into documents: a file (HTML, text, gzip, WARC) as the pipeline
   reads it, a directory recursively, a URL fetched politely, a feed (file or URL) into the
   pages it lists. Nothing here touches the database.
2. Documents whose bytes (or, for URLs, whose address) were already read are skipped before the
   pipeline runs, so an interrupted run, started again, picks up where it stopped.
3. The pipeline runs in worker processes (``pipeline.parallel.process_many``).
4. The main process stores each result with ``ingest_document``: one transaction per document,
   so what was acknowledged survives an interruption and nothing is stored twice.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections

from tracedesk.intake.models import Analysis, IngestRun
from tracedesk.intake.services import (
    ingest_document,
    ingest_run_error,
    ingest_run_finish,
    ingest_run_start,
)
from tracedesk.pipeline.document import DocumentOptions
from tracedesk.pipeline.feeds import FeedError, looks_like_feed, parse_feed
from tracedesk.pipeline.fetch import Fetcher, FetchError
from tracedesk.pipeline.inputs import (
    InputDocument,
    InputError,
    check_document,
    read_input,
    sniff_kind,
)
from tracedesk.pipeline.parallel import process_many

_PAGE_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}


@dataclass(frozen=True)
class Skipped:
    """A document already read by an earlier run."""

    input: str
    reason: str


Item = InputDocument | InputError | Skipped


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def expand(
    targets: Iterable[str],
    fetcher: Fetcher,
    *,
    known_urls: set[str] | frozenset[str] = frozenset(),
) -> Iterator[Item]:
    """Every document the targets name, in order; errors and skips as items, never raised."""
    for target in targets:
        if is_url(target):
            yield from _from_url(target, fetcher, known_urls, follow_feeds=True)
        elif target != "-" and os.path.isdir(target):
            files = sorted(p for p in Path(target).rglob("*") if p.is_file())
            if not files:
                yield InputError(target, "directory holds no files")
            for path in files:
                yield from _from_file(str(path), fetcher, known_urls)
        else:
            yield from _from_file(target, fetcher, known_urls)


def _from_file(
    path: str, fetcher: Fetcher, known_urls: set[str] | frozenset[str]
) -> Iterator[Item]:
    if path != "-" and path.endswith((".xml", ".rss", ".atom")):
        try:
            raw = Path(path).read_bytes()
        except OSError as error:
            yield InputError(path, f"cannot read: {error.strerror or error}")
            return
        if looks_like_feed(raw):
            yield from _from_feed(path, raw, "", fetcher, known_urls)
            return
    yield from read_input(path)


def _from_feed(
    name: str, raw: bytes, base_url: str, fetcher: Fetcher, known_urls: set[str] | frozenset[str]
) -> Iterator[Item]:
    try:
        entries = parse_feed(raw, base_url)
    except FeedError as error:
        yield InputError(name, str(error))
        return
    if not entries:
        yield InputError(name, "the feed lists no items")
    for entry in entries:
        yield from _from_url(entry.url, fetcher, known_urls, follow_feeds=False)


def _from_url(
    url: str, fetcher: Fetcher, known_urls: set[str] | frozenset[str], *, follow_feeds: bool
) -> Iterator[Item]:
    if url in known_urls:
        yield Skipped(url, "already ingested from this address")
        return
    try:
        page = fetcher.fetch(url)
    except FetchError as error:
        yield InputError(url, error.reason)
        return
    if looks_like_feed(page.body, page.content_type):
        if follow_feeds:
            yield from _from_feed(url, page.body, page.final_url, fetcher, known_urls)
        else:
            yield InputError(url, "a feed listed inside a feed; not followed")
        return
    if page.content_type not in _PAGE_TYPES and sniff_kind(page.body) != "html":
        yield InputError(url, f"not a page: the server sent {page.content_type}")
        return
    kind = "text" if page.content_type == "text/plain" else "html"
    yield check_document(
        InputDocument(input=url, raw=page.body, kind=kind, url=page.final_url, charset=page.charset)
    )


@dataclass
class Progress:
    """Running counts, written to stderr as the run goes."""

    write: Callable[[str], None]
    every: int = 1
    documents: int = 0
    new: int = 0
    known: int = 0
    failed: int = 0
    drafts: int = 0

    def line(self) -> str:
        return (
            f"ingest: {self.documents} documents — {self.new} new, {self.known} already stored, "
            f"{self.failed} failed; {self.drafts} drafts"
        )

    def tick(self) -> None:
        self.documents += 1
        if self.documents % self.every == 0:
            self.write(self.line())


def run_ingest(
    targets: list[str],
    *,
    actor: Any,
    options: DocumentOptions,
    fetcher: Fetcher,
    workers: int,
    emit: Callable[[dict[str, Any]], None],
    progress: Progress,
    refetch: bool = False,
) -> IngestRun:
    """Ingest every target; one line per document goes to ``emit``. Returns the finished run."""
    run = ingest_run_start(actor=actor, inputs=targets)
    known_hashes = set(Analysis.objects.values_list("source__sha256", flat=True))
    known_urls = (
        set()
        if refetch
        else set(Analysis.objects.exclude(source__url="").values_list("source__url", flat=True))
    )
    # Items the pipeline never sees (errors, skips) wait here for the main loop; the document
    # generator may run in the pool's feeder thread, so it must not touch the database.
    aside: deque[InputError | Skipped] = deque()

    def documents() -> Iterator[InputDocument]:
        for item in expand(targets, fetcher, known_urls=known_urls):
            if isinstance(item, InputDocument):
                digest = hashlib.sha256(item.raw).hexdigest()
                if digest in known_hashes:
                    aside.append(Skipped(item.input, "already ingested (same bytes)"))
                    continue
                known_hashes.add(digest)
                yield item
            else:
                aside.append(item)

    def settle_aside() -> None:
        while aside:
            item = aside.popleft()
            if isinstance(item, Skipped):
                progress.known += 1
                emit({"input": item.input, "status": "known", "reason": item.reason})
            else:
                _failed(run, item.input, item.error, emit, progress)
            progress.tick()

    # Worker processes must not inherit open database connections.
    connections.close_all()
    try:
        for doc, result in process_many(documents(), options, workers=workers):
            settle_aside()
            if "error" in result:
                _failed(run, doc.input, result["error"], emit, progress)
            else:
                _store(run, actor, doc, result, emit, progress)
            progress.tick()
        settle_aside()
    except KeyboardInterrupt:
        ingest_run_finish(actor=actor, run=run, interrupted=True)
        raise
    return ingest_run_finish(actor=actor, run=run)


def _failed(
    run: IngestRun,
    name: str,
    error: str,
    emit: Callable[[dict[str, Any]], None],
    progress: Progress,
) -> None:
    ingest_run_error(run=run, input_name=name, error=error)
    progress.failed += 1
    progress.write(f"tracedesk: {name}: {error}")
    emit({"input": name, "status": "error", "error": error})


def _store(
    run: IngestRun,
    actor: Any,
    doc: InputDocument,
    result: dict[str, Any],
    emit: Callable[[dict[str, Any]], None],
    progress: Progress,
) -> None:
    content_type = "text/html" if doc.kind == "html" else "text/plain"
    if doc.charset:
        content_type += f"; charset={doc.charset}"
    try:
        outcome = ingest_document(
            actor=actor, run=run, raw=doc.raw, result=result, content_type=content_type
        )
    except Exception as error:  # noqa: BLE001 - one document that cannot be stored never stops the run
        _failed(run, doc.input, f"not stored: {type(error).__name__}: {error}", emit, progress)
        return
    status = "new" if outcome.new_analysis else "known"
    if outcome.new_analysis:
        progress.new += 1
    else:
        progress.known += 1
    progress.drafts += outcome.drafts
    emit(
        {
            "input": doc.input,
            "status": status,
            "source": str(outcome.analysis.source_id),
            "drafts": outcome.drafts,
        }
    )
