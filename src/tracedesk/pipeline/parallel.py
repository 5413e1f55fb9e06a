"""Many documents through the pipeline, on one core or on several, in input order.

``process_many`` is what ``tracedesk extract`` and ``tracedesk ingest`` run. With one worker it
processes in this process; with more it keeps a pool of worker processes busy while holding
only a bounded number of documents in flight, so an archive of any size is streamed.

Why fork, where there is fork (Linux): the models and gazetteers (natasha, pymorphy3, lingua,
two GeoNames indexes: about 0.85 GB and 12–25 s to build) are loaded once, in this process,
before the workers are forked; the workers share those pages copy-on-write and give their
first result within a second. ``gc.freeze()`` before the fork keeps the collector from
touching (and so copying) every inherited object. Measured on 381 pages
(``benchmarks/results/throughput.md``): a forked worker ends with about 0.1 GB of its own;
a spawned one loads its own 0.8 GB copy, taking the warm-up time again before its first
result. Elsewhere (macOS, Windows) fork is unsafe or missing, and spawn is used; so it is
when asked for (``start_method="spawn"``), e.g. by a caller whose other threads make
forking it unsafe. Each worker warms up in its initializer (quick when forked warm).

A worker that dies (killed, out of memory, a crash in a C extension) takes only its own
document with it: the documents it was holding are retried one at a time in a fresh pool, and
the one that kills a worker again is reported as an error.
"""

from __future__ import annotations

import ctypes
import gc
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any, Final

from tracedesk.pipeline.document import DocumentOptions, process_document
from tracedesk.pipeline.geo.gazetteer import load_gazetteer
from tracedesk.pipeline.geonames import geonames
from tracedesk.pipeline.inputs import InputDocument
from tracedesk.pipeline.ner.base import NerOptions
from tracedesk.pipeline.ner.gazetteer import MIN_CITY_POPULATION, places

__all__ = ["default_start_method", "process_many", "process_one", "resolve_workers", "warm_up"]

# Documents queued per worker: enough that none waits for the next one, few enough that a
# 10 MB page times this stays small.
IN_FLIGHT_PER_WORKER: Final = 4
# Forked workers are replaced after this many documents each: what they grow (caches of
# lemmas and names, pages copied on write, allocator fragments) is dropped, and a fresh fork
# of the warm parent costs well under a second. Spawned workers are kept: each would load
# the models again.
RECYCLE_AFTER: Final = 1000

# One small page per language and kind: running them loads everything lazily loaded on the
# way (lingua's models, trafilatura, readability, htmldate, pymorphy3's caches, Babel).
_WARM_UP_DOCUMENTS: Final = (
    InputDocument(
        "<warm-up en>",
        b"<html><head><title>Held in Brianka</title></head><body><article>"
        b"<p>Ivan Sidorov, 25, was detained in Brianka, Luhansk region, on 5 July 2022,"
        b" together with about 70 servicemen, his mother said.</p></article></body></html>",
        "html",
    ),
    InputDocument(
        "<warm-up ru>",
        "Иван Сидоров задержан 5 июля 2022 года в Брянке Луганской области, рассказала его"
        " мать. В СИЗО-2 содержатся около 70 военнослужащих.".encode(),
        "text",
    ),
    InputDocument(
        "<warm-up uk>",
        "Івана Сидоренка, 1998 р.н., утримують у СІЗО-2 в Таганрозі з березня, розповіла"
        " його мати.".encode(),
        "text",
    ),
)

# How each BLAS build spells "use this many threads".
_BLAS_SET_THREADS: Final = (
    "openblas_set_num_threads",
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
)


def warm_up() -> None:
    """Load every model and gazetteer once in this process (quick when already loaded)."""
    _single_threaded_blas()
    shared = geonames(MIN_CITY_POPULATION)  # parsed once for both gazetteers, freed after
    places(NerOptions().major_place_population)
    load_gazetteer()
    del shared
    for doc in _WARM_UP_DOCUMENTS:
        process_document(doc, DocumentOptions())


def resolve_workers(workers: int | None) -> int:
    """The number of worker processes: 0 or None means one per core."""
    if workers is None or workers == 0:
        return os.cpu_count() or 1
    if workers < 0:
        raise ValueError(f"workers must be 0 (all cores) or more, not {workers}")
    return workers


def process_one(doc: InputDocument, options: DocumentOptions) -> dict[str, Any]:
    """The contract's object for one document, or its error: one bad page never stops the rest."""
    try:
        return process_document(doc, options)
    except Exception as exc:  # noqa: BLE001 - reported in the output, never raised
        return {"input": doc.input, "error": f"{type(exc).__name__}: {exc}"}


def default_start_method() -> str:
    """fork on Linux (the warm models are shared), spawn elsewhere; see the module docstring."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def process_many(
    docs: Iterable[InputDocument],
    options: DocumentOptions,
    *,
    workers: int | None = 1,
    start_method: str | None = None,
) -> Iterator[tuple[InputDocument, dict[str, Any]]]:
    """Yield each document with its contract object (or ``{"input", "error"}``), in input order.

    ``workers=1`` runs in this process; more run a pool of processes; 0 or None, one per core.
    ``start_method`` ("fork" or "spawn") overrides ``default_start_method()`` for the pool:
    spawn suits a caller whose other threads make forking it unsafe.
    """
    count = resolve_workers(workers)
    if count == 1:
        _single_threaded_blas()
        for doc in docs:
            yield doc, process_one(doc, options)
        return
    yield from _pooled(docs, options, count, start_method or default_start_method())


def _pooled(
    docs: Iterable[InputDocument], options: DocumentOptions, workers: int, method: str
) -> Iterator[tuple[InputDocument, dict[str, Any]]]:
    """1. Warm up here when forking; 2. keep the workers fed; 3. yield results in input order."""
    if method == "fork":
        warm_up()
        gc.freeze()
    pool = _Pool(method, workers, options)
    try:
        for doc in docs:
            pool.submit(doc)
            if len(pool.in_flight) >= workers * IN_FLIGHT_PER_WORKER:
                yield pool.pop()
        while pool.in_flight:
            yield pool.pop()
    finally:
        pool.close()
        if method == "fork":
            gc.unfreeze()


class _Pool:
    """Worker processes and the documents they hold, oldest first."""

    def __init__(self, method: str, workers: int, options: DocumentOptions) -> None:
        self.method = method
        self.workers = workers
        self.options = options
        self.executor = self._start(workers)
        self.given = 0  # documents given to the current executor
        self.retired: list[ProcessPoolExecutor] = []  # finishing what they hold, then exiting
        self.in_flight: deque[tuple[InputDocument, Future[dict[str, Any]]]] = deque()

    def _start(self, workers: int) -> ProcessPoolExecutor:
        context = get_context(self.method)
        return ProcessPoolExecutor(workers, mp_context=context, initializer=warm_up)

    def submit(self, doc: InputDocument) -> None:
        """Queue one document; fresh forked workers take over after RECYCLE_AFTER each."""
        if self.method == "fork" and self.given >= self.workers * RECYCLE_AFTER:
            # The pool retired before this one has had every document of it taken already.
            for executor in self.retired:
                executor.shutdown(wait=True)
            self.executor.shutdown(wait=False)
            self.retired = [self.executor]
            self.executor = self._start(self.workers)
            self.given = 0
        self.in_flight.append((doc, self.executor.submit(process_one, doc, self.options)))
        self.given += 1

    def pop(self) -> tuple[InputDocument, dict[str, Any]]:
        """Wait for the oldest document's result."""
        doc, future = self.in_flight[0]
        try:
            result = future.result()
        except BrokenProcessPool:
            self._recover()
            result = self.in_flight[0][1].result()
        except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
            result = {"input": doc.input, "error": f"{type(exc).__name__}: {exc}"}
        self.in_flight.popleft()
        return doc, result

    def _recover(self) -> None:
        """A worker died and every document the pool held failed with it: find the one to blame."""
        self.executor.shutdown(wait=True)
        for index, (doc, future) in enumerate(self.in_flight):
            if future.cancelled() or isinstance(future.exception(), BrokenProcessPool):
                self.in_flight[index] = (doc, self._alone(doc))
        self.executor = self._start(self.workers)
        self.given = 0

    def _alone(self, doc: InputDocument) -> Future[dict[str, Any]]:
        """Run one document in a pool of its own; if it kills that worker too, it is the bad one."""
        solo = self._start(1)
        try:
            result = solo.submit(process_one, doc, self.options).result()
        except BrokenProcessPool:
            result = {"input": doc.input, "error": "the worker process died on this document"}
        finally:
            solo.shutdown(wait=True)
        done: Future[dict[str, Any]] = Future()
        done.set_result(result)
        return done

    def close(self) -> None:
        """Stop the workers; documents not yet started are dropped (the caller stopped reading)."""
        for executor in (*self.retired, self.executor):
            executor.shutdown(wait=True, cancel_futures=True)


def _single_threaded_blas() -> None:
    """One BLAS thread per process: natasha's matrices are small, and a second thread only spins.

    Measured on 100 daniel-ru texts: the same wall time with one thread or two, half the CPU;
    with a worker per core, extra BLAS threads fight the other workers for the cores.
    Done through the loaded library (as threadpoolctl does), since numpy is already imported.
    """
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return
    for path in paths:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _BLAS_SET_THREADS:
            setter = getattr(library, name, None)
            if setter is not None:
                setter(1)
                break
