"""`tracedesk extract`: the extraction contract, as a user runs it on real files."""

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

SCHEMA = json.loads(
    (
        Path(__file__).resolve().parents[2] / "src/tracedesk/pipeline/schema/extract.schema.json"
    ).read_text()
)

EN_PAGE = """<html><head><title>Refusers held in Brianka</title>
<meta property="og:site_name" content="Example Observer"></head><body>
<div class="ticker">USD 92.5 ▲ EUR 100.1</div><nav><a href="/">Home</a> | <a href="/w">World</a></nav>
<article><h1>Refusers held in Brianka</h1>
<p>Russian contract soldiers who refused to fight are being held in a basement in Brianka,
Luhansk region, their relatives said on Monday.</p>
<p>Ivan Sidorov, 25, was detained on 5 July 2022 together with about 70 servicemen, his mother said.</p>
<p>The unit told the family that he was in the combat zone.</p></article>
<div class="subscribe">Subscribe to our weekly digest</div>
<div class="cookies">We use cookies. Accept all cookies</div></body></html>"""

RU_PAGE = """<html><head><meta charset="windows-1251"><title>Отказников держат в Брянке</title></head>
<body><div class="menu">Главная | Новости | Политика</div><article>
<p>Военнослужащих, отказавшихся воевать, удерживают в подвале в Брянке Луганской области.</p>
<p>Сидоренко Иван Петрович, 1998 года рождения, был задержан 5 июля 2022 года, рассказала его мать.</p>
</article><div>Подписывайтесь на наш канал</div></body></html>"""

UK_TEXT = """Підписуйтесь на наш Telegram
Івана Сидоренка, 1998 р.н., утримують у СІЗО-2 в Таганрозі, розповіла його мати.
Читайте також: новини дня"""


def extract(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACEDESK_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-m", "tracedesk", "extract", *args],
        capture_output=True,
        env=env,
        input=stdin,
        timeout=600,
    )


NAMES = ["en.html", "empty.html", "ru.html", "image.png", "uk.txt", "cut.html.gz"]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "en.html").write_text(EN_PAGE, encoding="utf-8")
    (folder / "ru.html").write_bytes(RU_PAGE.encode("cp1251"))
    (folder / "uk.txt").write_text(UK_TEXT, encoding="utf-8")
    (folder / "empty.html").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (folder / "cut.html.gz").write_bytes(gzip.compress(EN_PAGE.encode())[:30])
    result = extract(
        *(str(folder / n) for n in NAMES), "--published", "2022-07-11", "--workers", "2"
    )
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    return result, {Path(line["input"]).name: line for line in lines}


def test_every_line_follows_the_schema(run):
    result, lines = run
    assert len(lines) == 6
    for line in lines.values():
        jsonschema.validate(line, SCHEMA)


def test_two_workers_print_in_input_order_unreadable_inputs_in_their_place(run):
    result, lines = run
    assert list(lines) == NAMES


def test_bad_inputs_are_named_and_the_others_processed(run):
    result, lines = run
    assert result.returncode == 1
    assert lines["empty.html"]["error"] == "empty document"
    assert "binary" in lines["image.png"]["error"]
    assert "gzip" in lines["cut.html.gz"]["error"]
    stderr = result.stderr.decode()
    assert "empty.html" in stderr and "image.png" in stderr
    assert all("error" not in lines[n] for n in ["en.html", "ru.html", "uk.txt"])


def test_offsets_point_into_the_text(run):
    _, lines = run
    for name in ["en.html", "ru.html", "uk.txt"]:
        line = lines[name]
        for kind in ["people", "places", "facilities", "units"]:
            for record in line[kind]:
                for start, end in record["mentions"]:
                    assert 0 <= start < end <= len(line["text"])
        for event in line["events"]:
            start, end = event["evidence"]
            assert 0 <= start < end <= len(line["text"])
            assert all(0 <= i < len(line["people"]) for i in event["people"])


def test_english_page_without_its_clutter(run):
    _, lines = run
    line = lines["en.html"]
    assert "Ivan Sidorov, 25, was detained on 5 July 2022" in line["text"]
    for clutter in ["USD 92.5", "Subscribe to our weekly digest", "Accept all cookies"]:
        assert clutter not in line["text"]
    assert line["document"]["language"] == "en"
    assert line["document"]["published"] == "2022-07-11"
    person = next(p for p in line["people"] if p["name"] == "Ivan Sidorov")
    assert person["age"] == 25 and "detained" in person["roles"]
    assert any(p["geonameid"] == 711369 for p in line["places"])
    detentions = [e for e in line["events"] if e["type"] == "detention" and e["people"]]
    assert detentions and detentions[0]["date"]["start"] == "2022-07-05"


def test_russian_page_in_cp1251_normalised_to_nominative(run):
    _, lines = run
    line = lines["ru.html"]
    assert line["document"]["language"] == "ru"
    assert "Подписывайтесь" not in line["text"]
    person = next(p for p in line["people"] if "Сидоренко" in p["name"])
    assert person["name"] == "Сидоренко Иван Петрович"
    assert person["birth_year"] == 1998 and person["latin"].startswith("Sidorenko")
    assert any(p["geonameid"] == 711369 for p in line["places"])


def test_ukrainian_text_lines_cleaned_and_place_in_locative_found(run):
    _, lines = run
    line = lines["uk.txt"]
    assert line["document"]["language"] == "uk"
    assert "Підписуйтесь" not in line["text"] and "Читайте також" not in line["text"]
    assert "Івана Сидоренка, 1998 р.н., утримують" in line["text"]
    person = next(p for p in line["people"] if "Сидоренко" in p["name"])
    assert person["name"] == "Іван Сидоренко" and person["birth_year"] == 1998
    assert any(place["name"].startswith("Taganrog") for place in line["places"])
    assert line["facilities"] and "СІЗО-2" in line["facilities"][0]["name"]


def test_stdin_and_a_bad_published_date():
    piped = extract("-", "--workers", "1", stdin=UK_TEXT.encode())
    [line] = [json.loads(x) for x in piped.stdout.decode().splitlines()]
    assert line["input"] == "<stdin>" and piped.returncode == 0
    bad = extract("-", "--published", "2022-02-30", stdin=b"x")
    assert bad.returncode == 2 and b"--published" in bad.stderr
    negative = extract("-", "--workers", "-1", stdin=b"x")
    assert negative.returncode == 2 and b"--workers" in negative.stderr
