"""`tracedesk link` as a user runs it: JSON Lines in and out, bad records named by line."""

import json
import os
import subprocess
import sys

from tests.cli.test_cli import run


def write(path, *objects):
    path.write_text(
        "\n".join(o if isinstance(o, str) else json.dumps(o, ensure_ascii=False) for o in objects)
        + "\n",
        encoding="utf-8",
    )
    return path


def test_link_prints_candidates_best_first_with_reasons_and_names_bad_lines(tmp_path):
    registry = write(
        tmp_path / "registry.jsonl",
        {
            "id": "r1",
            "names": ["Сидоренко Иван Петрович"],
            "birth_date": "1998",
            "unit": "в/ч 3057",
        },
        {"id": "r2", "names": ["Иванов Иван"], "birth_date": "1970"},
        '{"id": "r3", "names": ["Ivan"], "birth_date": "1998-02-30"}',
    )
    queries = write(
        tmp_path / "queries.jsonl",
        {"id": "q1", "names": ["Vanya Sydorenko"], "birth_date": "1999", "unit": "3057"},
        "{broken",
    )
    result = run("link", str(queries), "--against", str(registry), "--top", "2")
    assert result.returncode == 1  # two bad lines, the rest processed
    assert "queries.jsonl:2: not JSON" in result.stderr
    assert "registry.jsonl:3: birth_date" in result.stderr
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["query"] == "q1"
    best = line["candidates"][0]
    assert best["id"] == "r1" and 0 < best["score"] <= 1
    assert "birth years differ by 1" in best["reasons"]
    scores = [c["score"] for c in line["candidates"]]
    assert scores == sorted(scores, reverse=True)


def test_link_refuses_bad_arguments(tmp_path):
    queries = write(tmp_path / "q.jsonl", {"id": "q", "names": ["Ivan"]})
    missing = run("link", str(queries), "--against", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "--against" in missing.stderr
    top = run("link", str(queries), "--against", str(queries), "--top", "0")
    assert top.returncode == 2 and "--top" in top.stderr


def test_link_on_spark_prints_what_duckdb_prints(tmp_path):
    registry = write(
        tmp_path / "registry.jsonl",
        {"id": "r1", "names": ["Сидоренко Иван Петрович"], "birth_date": "1998-03-02"},
        {"id": "r2", "names": ["Сидоренко Игорь Петрович"], "birth_date": "1996"},
        {"id": "r3", "names": ["Иванов Иван Сергеевич"], "birth_date": "2001", "unit": "в/ч 12345"},
    )
    queries = write(
        tmp_path / "queries.jsonl",
        {"id": "q1", "names": ["Vanya Sydorenko"], "birth_date": "1999"},
        {"id": "q2", "names": ["Ivan Ivanov"], "birth_date": "2001", "unit": "12346"},
    )
    args = ("link", str(queries), "--against", str(registry), "--top", "2")
    duckdb, spark = run(*args), run(*args, "--engine", "spark")
    assert duckdb.returncode == spark.returncode == 0, spark.stderr
    assert "(spark)" in spark.stderr
    expected = [json.loads(line) for line in duckdb.stdout.splitlines()]
    got = [json.loads(line) for line in spark.stdout.splitlines()]
    assert [c["id"] for c in expected[0]["candidates"]] == ["r1", "r2"]
    assert [x["query"] for x in got] == ["q1", "q2"]
    for a, b in zip(got, expected, strict=True):
        assert [(c["id"], c["reasons"]) for c in a["candidates"]] == [
            (c["id"], c["reasons"]) for c in b["candidates"]
        ]
        for x, y in zip(a["candidates"], b["candidates"], strict=True):
            assert abs(x["score"] - y["score"]) <= 1e-6


def test_link_on_spark_without_java_says_so(tmp_path):
    queries = write(tmp_path / "q.jsonl", {"id": "q", "names": ["Ivan"]})
    # No java on PATH and no JAVA_HOME: the check runs before any record is read.
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"} | {"PATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "tracedesk", "link", str(queries), "--against", str(queries)]
        + ["--engine", "spark"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert "--engine spark: Java is not installed" in result.stderr
    assert result.stdout == ""
