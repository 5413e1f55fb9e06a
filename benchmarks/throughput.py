"""Throughput end to end (HTML in, drafts out) beside trafilatura's extraction alone.

Every HTML page of aeb and daniel-ru, as raw bytes, in one run:

1. warm-up: ``parallel.warm_up()`` in this fresh process (every model and gazetteer), timed
   apart from the throughput runs;
2. one process: ``trafilatura.extract(page)`` (its defaults, its own decoding) and the whole
   pipeline (``process_document``) take turns page by page, so machine load hits both alike;
3. two processes: trafilatura in a pool of two forked workers, then the pipeline with
   ``process_many(workers=2)`` (fork: the workers share this warm process's models), then
   trafilatura again; its mean is the baseline;
4. the pipeline with ``process_many(workers=2, start_method="spawn")``: each worker loads its
   own models, so its time to the first result is its warm-up.

Prints a markdown table: wall time, pages/s, CPU seconds per page (this process and its
workers, from getrusage), the pipeline/trafilatura ratio of wall and of CPU time, and memory
per worker: peak RSS (VmHWM, counting pages shared with the parent), PSS and private
memory (USS) at the end of the run, from /proc.

    .venv/bin/python benchmarks/throughput.py [--data ../shared/data] [--limit N]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import logging
import os
import resource
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import trafilatura

from tracedesk.pipeline.document import DocumentOptions, process_document
from tracedesk.pipeline.extraction.scoring import GoldDocument, load_aeb, load_daniel
from tracedesk.pipeline.inputs import InputDocument
from tracedesk.pipeline.parallel import process_many, warm_up

OPTIONS = DocumentOptions()
MIB = 1024 * 1024


@dataclass
class Run:
    """One configuration over all pages."""

    label: str
    pages: int
    wall: float
    cpu: float
    first_result: float | None = None
    memory: list[dict[str, int]] | None = None


def cpu_seconds() -> float:
    """CPU time of this process and of its reaped children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def memory_of(pid: int | str) -> dict[str, int]:
    """Peak RSS, RSS, PSS and private memory of a process, in bytes."""
    found: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            found[key] = int(value.split()[0]) * 1024
    rollup = Path(f"/proc/{pid}/smaps_rollup")
    if rollup.exists():
        fields = {}
        for line in rollup.read_text().splitlines()[1:]:
            key, _, value = line.partition(":")
            fields[key] = int(value.split()[0]) * 1024
        found["Pss"] = fields.get("Pss", 0)
        found["USS"] = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return found


def worker_pids() -> list[int]:
    """This process's children that run its own program (pool workers, not helpers)."""
    me = Path("/proc/self/cmdline").read_bytes()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        is_ours = cmdline == me or b"multiprocessing.spawn" in cmdline
        if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid() and is_ours:
            pids.append(int(entry.name))
    return sorted(pids)


def trafilatura_page(raw: bytes) -> str:
    """trafilatura.extract with its defaults, given the page's bytes."""
    return trafilatura.extract(raw) or ""


def sequential(pages: Sequence[InputDocument]) -> tuple[Run, Run]:
    """trafilatura and the pipeline in one process, taking turns page by page."""
    wall = {"trafilatura": 0.0, "pipeline": 0.0}
    cpu = dict.fromkeys(wall, 0.0)
    jobs: dict[str, Callable[[InputDocument], Any]] = {
        "trafilatura": lambda doc: trafilatura_page(doc.raw),
        "pipeline": lambda doc: process_document(doc, OPTIONS),
    }
    for doc in pages:
        for label, job in jobs.items():
            started, cpu_started = time.perf_counter(), time.process_time()
            with contextlib.suppress(Exception):  # a failure costs its time like a success
                job(doc)
            wall[label] += time.perf_counter() - started
            cpu[label] += time.process_time() - cpu_started
    return (
        Run("trafilatura.extract, 1 process", len(pages), wall["trafilatura"], cpu["trafilatura"]),
        Run("TraceDesk pipeline, workers=1", len(pages), wall["pipeline"], cpu["pipeline"]),
    )


def trafilatura_pool(pages: Sequence[InputDocument], workers: int) -> Run:
    """trafilatura over all pages in a pool of forked workers, in order, 4 pages a task."""
    started, cpu_started = time.perf_counter(), cpu_seconds()
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        for _ in pool.map(trafilatura_page, (doc.raw for doc in pages), chunksize=4):
            pass
    label = f"trafilatura.extract, {workers} processes"
    return Run(label, len(pages), time.perf_counter() - started, cpu_seconds() - cpu_started)


def pipeline_pool(pages: Sequence[InputDocument], workers: int, method: str) -> Run:
    """The pipeline through process_many; worker memory is read before the pool closes."""
    started, cpu_started = time.perf_counter(), cpu_seconds()
    first: float | None = None
    memory: list[dict[str, int]] = []
    results: Iterator[tuple[InputDocument, dict[str, Any]]] = process_many(
        pages, OPTIONS, workers=workers, start_method=method
    )
    for count, _ in enumerate(results, start=1):
        if first is None:
            first = time.perf_counter() - started
        if count == len(pages):
            memory = [memory_of(pid) for pid in worker_pids()]
    label = f"TraceDesk pipeline, workers={workers} ({method})"
    wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    return Run(label, len(pages), wall, cpu, first, memory)


def burn(n: int) -> int:
    """Pure-Python arithmetic: what two cores give two processes, with no I/O or memory in it."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def core_scaling(tasks: int = 8, size: int = 4_000_000) -> float:
    """Speed-up of the same CPU-bound tasks on 2 forked processes over 1 (2.0 on 2 free cores)."""
    started = time.perf_counter()
    for _ in range(tasks):
        burn(size)
    alone = time.perf_counter() - started
    started = time.perf_counter()
    with ProcessPoolExecutor(2, mp_context=get_context("fork")) as pool:
        list(pool.map(burn, [size] * tasks))
    return alone / (time.perf_counter() - started)


def digest(docs: Sequence[GoldDocument]) -> str:
    """SHA-256 over the pages' ids and bytes."""
    sha = hashlib.sha256()
    for doc in docs:
        for part in (doc.doc_id.encode(), doc.raw):
            sha.update(len(part).to_bytes(8, "big"))
            sha.update(part)
    return sha.hexdigest()


def row(run: Run, base: Run | None) -> str:
    """One line of the table."""
    steady = ""
    if run.first_result is not None and run.pages > 1:
        steady = f"{(run.pages - 1) / (run.wall - run.first_result):.2f}"
    ratio = f"{run.wall / base.wall:.2f}" if base else ""
    cpu_ratio = f"{run.cpu / base.cpu:.2f}" if base else ""
    first = f"{run.first_result:.1f}" if run.first_result is not None else ""
    return (
        f"| {run.label} | {run.pages} | {run.wall:.1f} | {run.pages / run.wall:.2f} "
        f"| {run.cpu / run.pages:.3f} | {ratio} | {cpu_ratio} | {first} | {steady} |"
    )


def mib(value: int) -> str:
    return f"{value / MIB:.0f}"


def main() -> None:
    """Warm up, run every configuration, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    parser.add_argument(
        "--data", type=Path, default=default if default.exists() else Path("/work/shared/data")
    )
    parser.add_argument("--limit", type=int, default=0, help="first N pages of each set (0: all)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")

    started = time.perf_counter()
    warm_up()
    warm = time.perf_counter() - started
    warm_memory = memory_of("self")

    sets = {
        "aeb": list(load_aeb(args.data / "extraction" / "aeb")),
        "daniel-ru": list(load_daniel(args.data / "extraction" / "daniel-ru")),
    }
    pages: list[InputDocument] = []
    for name, docs in sets.items():
        docs = docs[: args.limit] if args.limit else docs
        print(f"- {name}: {len(docs)} pages, sha256 of ids and bytes {digest(docs)[:16]}…")
        pages += [InputDocument(f"{name}/{d.doc_id}", d.raw, "html", url=d.url) for d in docs]
    print(f"- warm-up (parallel.warm_up, fresh process): {warm:.1f} s, ", end="")
    print(f"peak RSS {mib(warm_memory['VmHWM'])} MiB")

    print(f"- machine check: 2 processes run a pure-Python loop {core_scaling():.2f}x as fast as 1")
    traf_1, ours_1 = sequential(pages)
    gc.collect()
    traf_2a = trafilatura_pool(pages, 2)
    ours_2 = pipeline_pool(pages, 2, "fork")
    traf_2b = trafilatura_pool(pages, 2)
    traf_2 = Run(
        "trafilatura.extract, 2 processes (mean of the runs before and after)",
        len(pages),
        (traf_2a.wall + traf_2b.wall) / 2,
        (traf_2a.cpu + traf_2b.cpu) / 2,
    )
    ours_spawn = pipeline_pool(pages, 2, "spawn")

    print(f"- again after the runs: {core_scaling():.2f}x")
    print()
    print(
        "| run | pages | wall s | pages/s | CPU s/page | wall / trafilatura "
        "| CPU / trafilatura | first result s | pages/s after the first |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for run, base in (
        (traf_1, None),
        (ours_1, traf_1),
        (traf_2, None),
        (ours_2, traf_2),
        (ours_spawn, traf_2),
    ):
        print(row(run, base))
    print(
        f"\n(trafilatura, 2 processes, single runs: {traf_2a.wall:.1f} s and {traf_2b.wall:.1f} s)"
    )
    print(
        "\n| process | peak RSS MiB | RSS MiB at end | PSS MiB at end | private (USS) MiB at end |"
    )
    print("|---|---:|---:|---:|---:|")
    parent = memory_of("self")
    print(
        f"| this process (warm; the fork workers' parent) | {mib(parent['VmHWM'])} "
        f"| {mib(parent['VmRSS'])} | {mib(parent.get('Pss', 0))} | {mib(parent.get('USS', 0))} |"
    )
    for run in (ours_2, ours_spawn):
        for number, memory in enumerate(run.memory or [], start=1):
            print(
                f"| {run.label}, worker {number} | {mib(memory['VmHWM'])} "
                f"| {mib(memory['VmRSS'])} | {mib(memory.get('Pss', 0))} "
                f"| {mib(memory.get('USS', 0))} |"
            )


if __name__ == "__main__":
    main()
