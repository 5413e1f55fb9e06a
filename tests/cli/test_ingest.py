"""`tracedesk ingest` as a user runs it: real files, a real local web server, a real data dir.

The pipeline runs for real (models load once per process), so these tests share one data dir
per scenario and keep the documents short.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.cli.test_cli import run
from tests.httpserver import Route, Site, serve

pytestmark = pytest.mark.skipif(
    os.environ.get("TRACEDESK_DATABASE_URL", "").startswith("postgres"),
    reason="the CLI's embedded mode is SQLite; the services are tested on PostgreSQL too",
)

RU_PAGE = """<html><head><meta charset="windows-1251"><title>Задержание в Брянке</title></head>
<body><div class="menu">Главная | Новости | Политика</div><article>
<p>Соседи рассказали, что 3 марта 2024 года в Брянке военные задержали Ивана Сидоренко, 25 лет.</p>
<p>Его держат в СИЗО-2 в Таганроге, сообщила его мать.</p>
</article><div>Подписывайтесь на наш канал</div></body></html>"""

EN_PAGE = """<html><head><title>Refusers held in Brianka</title></head><body><article>
<h1>Refusers held in Brianka</h1>
<p>Russian contract soldiers who refused to fight are being held in a basement in Brianka,
Luhansk region, their relatives said on Monday.</p>
<p>Ivan Sidorov, 25, was detained on 5 July 2022 together with about 70 servicemen, his mother
said.</p></article></body></html>"""

UK_TEXT = """Підписуйтесь на наш Telegram
Івана Сидоренка, 1998 р.н., утримують у СІЗО-2 в Таганрозі, розповіла його мати.
Читайте також: новини дня"""


def init(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    result = run("init", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return data_dir


def table_count(data_dir: Path, table: str) -> int:
    with sqlite3.connect(data_dir / "tracedesk.sqlite3") as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


def lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "ru").mkdir(parents=True)
    (folder / "ru" / "brianka.html").write_bytes(RU_PAGE.encode("cp1251"))
    (folder / "en.html").write_text(EN_PAGE, encoding="utf-8")
    (folder / "uk.txt").write_text(UK_TEXT, encoding="utf-8")
    return folder


def test_ingest_a_directory_then_again_stores_each_document_once(tmp_path, corpus):
    data_dir = init(tmp_path)
    first = run("ingest", str(corpus), "--workers", "2", data_dir=data_dir)
    assert first.returncode == 0, first.stderr
    out = lines(first.stdout)
    assert sorted(line["status"] for line in out) == ["new", "new", "new"]
    assert all(line["drafts"] >= 1 for line in out), out
    assert "ingest: 3 documents" in first.stderr
    sources, drafts = (
        table_count(data_dir, "registry_source"),
        table_count(data_dir, "intake_draft"),
    )
    assert sources == 3 and drafts == sum(line["drafts"] for line in out)

    (corpus / "copy-of-en.html").write_text(EN_PAGE, encoding="utf-8")
    second = run("ingest", str(corpus), "--workers", "1", data_dir=data_dir)
    assert second.returncode == 0, second.stderr
    assert sorted(line["status"] for line in lines(second.stdout)) == ["known"] * 4
    assert table_count(data_dir, "registry_source") == 3
    assert table_count(data_dir, "intake_draft") == drafts
    assert run("audit", "verify", data_dir=data_dir).returncode == 0


def test_bad_documents_are_named_and_the_rest_stored(tmp_path, corpus):
    data_dir = init(tmp_path)
    (corpus / "empty.html").write_bytes(b"")
    (corpus / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 50)
    missing = tmp_path / "no-such-file.html"
    result = run("ingest", str(corpus), str(missing), "--workers", "1", data_dir=data_dir)
    assert result.returncode == 1
    errors = {
        Path(line["input"]).name: line["error"] for line in lines(result.stdout) if "error" in line
    }
    assert errors.keys() == {"empty.html", "photo.jpg", "no-such-file.html"}
    assert "empty" in errors["empty.html"] and "binary" in errors["photo.jpg"]
    assert "photo.jpg" in result.stderr
    assert table_count(data_dir, "registry_source") == 3


def test_urls_and_feeds_are_fetched_politely(tmp_path):
    site = Site()
    server = serve(site)
    try:
        site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n")
        site.routes["/news/1"] = Route(
            RU_PAGE.encode("cp1251"), content_type="text/html; charset=windows-1251"
        )
        site.routes["/news/2"] = Route(EN_PAGE.encode())
        site.routes["/private/3"] = Route(EN_PAGE.encode())
        site.routes["/photo.jpg"] = Route(b"\xff\xd8\xff" * 100, content_type="image/jpeg")
        items = "".join(
            f"<item><title>{path}</title><link>{site.url(path)}</link></item>"
            for path in ("/news/1", "/news/2", "/private/3", "/news/404", "/photo.jpg")
        )
        site.routes["/feed.xml"] = Route(
            f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode(),
            content_type="application/rss+xml",
        )
        data_dir = init(tmp_path)
        args = ("ingest", site.url("/feed.xml"), "--delay", "0", "--user-agent", "TraceDeskTest/1")
        result = run(*args, data_dir=data_dir)
        assert result.returncode == 1
        by_url = {line["input"]: line for line in lines(result.stdout)}
        assert by_url[site.url("/news/1")]["status"] == "new"
        assert by_url[site.url("/news/2")]["status"] == "new"
        assert "robots.txt" in by_url[site.url("/private/3")]["error"]
        assert "HTTP 404" in by_url[site.url("/news/404")]["error"]
        assert "image/jpeg" in by_url[site.url("/photo.jpg")]["error"]
        assert "/private/3" not in site.paths()
        assert {ua for _p, ua, _t in site.requests} == {"TraceDeskTest/1"}
        with sqlite3.connect(data_dir / "tracedesk.sqlite3") as db:
            urls = {row[0] for row in db.execute("SELECT url FROM registry_source")}
        assert urls == {site.url("/news/1"), site.url("/news/2")}

        # Again: the pages already ingested are not fetched a second time.
        fetched = len(site.requests)
        again = run(*args, data_dir=data_dir)
        statuses = {line["input"]: line["status"] for line in lines(again.stdout)}
        assert statuses[site.url("/news/1")] == statuses[site.url("/news/2")] == "known"
        assert site.paths()[fetched:].count("/news/1") == 0
    finally:
        server.shutdown()
        server.server_close()


def test_a_killed_ingest_resumes_without_duplicates(tmp_path):
    data_dir = init(tmp_path)
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(12):
        text = UK_TEXT.replace("1998", str(1970 + number)).replace("СІЗО-2", f"СІЗО-{number + 1}")
        (folder / f"{number:02}.txt").write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACEDESK_", "DJANGO_"))}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tracedesk",
            "ingest",
            str(folder),
            "--workers",
            "1",
            "--data-dir",
            str(data_dir),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    acknowledged = []
    deadline = time.monotonic() + 240
    while len(acknowledged) < 3 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        acknowledged.append(json.loads(line))
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert len(acknowledged) == 3, "the run ended before it could be interrupted"
    assert [line["status"] for line in acknowledged] == ["new"] * 3, acknowledged
    stored = table_count(data_dir, "registry_source")
    assert 3 <= stored < 12  # every acknowledged document survived the kill

    resumed = run("ingest", str(folder), "--workers", "1", data_dir=data_dir)
    assert resumed.returncode == 0, resumed.stderr
    statuses = [line["status"] for line in lines(resumed.stdout)]
    assert statuses.count("known") == stored and statuses.count("new") == 12 - stored
    assert table_count(data_dir, "registry_source") == 12
    with sqlite3.connect(data_dir / "tracedesk.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        per_source = db.execute(
            "SELECT max(n) FROM (SELECT count(*) n FROM intake_analysis GROUP BY source_id)"
        ).fetchone()[0]
    assert per_source == 1


def test_ingest_refuses_bad_arguments(tmp_path):
    data_dir = init(tmp_path)
    for args, named in (
        (("--workers", "0"), "--workers"),
        (("--published", "2024-02-30"), "--published"),
        (("--user", "nobody"), "--user"),
        (("--delay", "-1"), "--delay"),
    ):
        result = run("ingest", str(tmp_path), *args, data_dir=data_dir)
        assert result.returncode == 2 and named in result.stderr, result.stderr
    assert table_count(data_dir, "intake_ingestrun") == 0
