"""`tracedesk dedupe` as a user runs it: one file in, pairs or clusters out, bad lines named."""

import json

from tests.cli.test_cli import run
from tests.cli.test_link import write

RECORDS = (
    {"id": "ru", "names": ["Сидоренко Иван Петрович"], "birth_date": "1998-03-02", "unit": "3057"},
    {"id": "en", "names": ["Vanya Sydorenko"], "birth_date": "1998-03-02", "unit": "в/ч 3057"},
    {"id": "brother", "names": ["Сидоренко Игорь Петрович"], "birth_date": "1996"},
    {"id": "other", "names": ["Kovalenko Oleksandr"], "birth_date": "1985"},
)


def test_dedupe_prints_the_pair_with_reasons_and_names_a_bad_line(tmp_path):
    path = write(tmp_path / "people.jsonl", *RECORDS, '{"id": "x", "names": ["Ivan"], "age": 500}')
    result = run("dedupe", str(path), "--workers", "1")
    assert result.returncode == 1  # the bad line; the rest processed
    assert "people.jsonl:5: age" in result.stderr
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["ids"] == ["en", "ru"] and line["score"] >= 0.9
    assert any("diminutive" in reason for reason in line["reasons"]), line["reasons"]


def test_dedupe_prints_clusters_instead_of_pairs(tmp_path):
    path = write(tmp_path / "people.jsonl", *RECORDS)
    result = run("dedupe", str(path), "--clusters", "--threshold", "0.9")
    assert result.returncode == 0, result.stderr
    assert [json.loads(x) for x in result.stdout.splitlines()] == [{"cluster": ["en", "ru"]}]


def test_dedupe_refuses_bad_arguments(tmp_path):
    path = write(tmp_path / "people.jsonl", *RECORDS)
    result = run("dedupe", str(path), "--threshold", "2")
    assert result.returncode == 2 and "--threshold 2" in result.stderr
    result = run("dedupe", str(tmp_path / "missing.jsonl"))
    assert result.returncode == 2 and "RECORDS" in result.stderr and "cannot read" in result.stderr
