"""Many documents at once: a pool of workers gives what one process gives, in input order."""

import os
import signal
from pathlib import Path

import pytest

from tracedesk.pipeline import parallel
from tracedesk.pipeline.document import DocumentOptions
from tracedesk.pipeline.inputs import InputDocument
from tracedesk.pipeline.parallel import (
    IN_FLIGHT_PER_WORKER,
    process_many,
    resolve_workers,
)

OPTIONS = DocumentOptions()

# Written for these tests. The first is long, so that later, shorter ones finish before it.
EN_LONG = "<html><head><title>Families search for detained servicemen</title></head><body>" + (
    "<article><h1>Families search for detained servicemen</h1>"
    + "".join(
        f"<p>Petro Hnatiuk, {20 + i}, was detained in Brianka, Luhansk region, on {i + 1} July"
        f" 2022 together with about {10 * (i + 1)} servicemen, his sister said on Monday.</p>"
        for i in range(25)
    )
    + "</article></body></html>"
)
RU_HTML = """<html><head><meta charset="windows-1251"><title>Отказников держат в подвале</title>
</head><body><article><p>Военнослужащих, отказавшихся воевать, удерживают в подвале в Брянке
Луганской области, рассказали их родственники.</p><p>Кравченко Олег Николаевич, 1996 года
рождения, был задержан 3 августа 2022 года, сообщила его жена.</p></article></body></html>"""
UK_TEXT = """Мати шукає сина
Андрія Мельника, 1999 р.н., утримують у СІЗО-2 в Таганрозі з квітня 2022 року, розповіла його мати.
Про звільнення 12 полонених повідомили 5 травня."""
EN_TEXT = """Released after eight months
Oleh Bondar was released from captivity in Olenivka on 6 March 2023, his wife said."""
RU_TEXT = "Иван Петренко пропал без вести под Бахмутом в мае 2023 года, сообщила его мать."
UK_HTML = """<html><head><title>Полонені</title></head><body><article><p>Понад 40 захисників
повернулися з полону 9 червня, повідомив Координаційний штаб.</p></article></body></html>"""


def documents() -> list[InputDocument]:
    return [
        InputDocument("en-long.html", EN_LONG.encode(), "html"),
        InputDocument("ru.html", RU_HTML.encode("cp1251"), "html"),
        InputDocument("uk.txt", UK_TEXT.encode(), "text"),
        InputDocument("en.txt", EN_TEXT.encode(), "text"),
        InputDocument("ru.txt", RU_TEXT.encode(), "text"),
        InputDocument("uk.html", UK_HTML.encode(), "html"),
    ]


# Control characters past the input sniffer's 5 % and the decoder's 2 %: decoding raises.
GARBLED = InputDocument("garbled.txt", b"\x01\x02\x03" * 10 + b"plain words " * 80, "text")


@pytest.fixture(scope="module")
def one_worker():
    return list(process_many(documents(), OPTIONS, workers=1))


def test_two_workers_give_what_one_gives_in_input_order(one_worker):
    two = list(process_many(documents(), OPTIONS, workers=2))
    names = [doc.input for doc in documents()]
    assert [doc.input for doc, _ in two] == names
    assert [result["input"] for _, result in two] == names
    assert [result for _, result in two] == [result for _, result in one_worker]
    languages = [result["document"]["language"] for _, result in two]
    assert languages == ["en", "ru", "uk", "en", "ru", "uk"]
    assert all(result["people"] or result["events"] for _, result in two)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_that_raises_is_an_error_and_the_rest_are_processed(workers, one_worker):
    docs = documents()
    docs.insert(2, GARBLED)
    results = [result for _, result in process_many(docs, OPTIONS, workers=workers)]
    assert results[2] == {
        "input": "garbled.txt",
        "error": "ValueError: binary input: too many control characters to be HTML or text",
    }
    assert results[:2] + results[3:] == [result for _, result in one_worker]


def _workers_of_this_process() -> list[int]:
    """Children forked from this process (the pool's workers, not multiprocessing's helpers)."""
    me = Path("/proc/self/cmdline").read_bytes()
    children = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == os.getpid() and cmdline == me:
            children.append(int(entry.name))
    return children


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_a_killed_worker_loses_no_document(one_worker):
    """The kernel's OOM killer, say: the documents the pool held are run again."""
    results = process_many(documents(), OPTIONS, workers=2)
    first = next(results)
    killed = _workers_of_this_process()
    assert killed
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
    rest = list(results)
    assert [first[1], *(result for _, result in rest)] == [result for _, result in one_worker]


def test_workers_replaced_along_the_way_change_no_result(one_worker, monkeypatch):
    """Forked workers are recycled every RECYCLE_AFTER documents; here after every one."""
    monkeypatch.setattr(parallel, "RECYCLE_AFTER", 1)
    results = [result for _, result in process_many(documents(), OPTIONS, workers=2)]
    assert results == [result for _, result in one_worker]


def test_a_long_input_is_streamed_not_read_whole():
    pulled = 0

    def endless():
        nonlocal pulled
        while True:
            pulled += 1
            yield InputDocument(f"short-{pulled}.txt", RU_TEXT.encode(), "text")

    results = process_many(endless(), OPTIONS, workers=2)
    doc, result = next(results)
    results.close()
    assert doc.input == "short-1.txt" and "error" not in result
    assert pulled <= 2 * IN_FLIGHT_PER_WORKER + 1


def test_zero_workers_means_one_per_core():
    assert resolve_workers(0) == resolve_workers(None) == (os.cpu_count() or 1)
    assert resolve_workers(3) == 3
    with pytest.raises(ValueError, match="workers"):
        resolve_workers(-1)
