"""Link records: each bad line is named with its number and problem; good lines are read."""

import json

import pytest

from tracedesk.pipeline.linking.records import BirthDate, LinkRecord, RecordError, read_records


def read(*objects):
    lines = [o if isinstance(o, str) else json.dumps(o, ensure_ascii=False) for o in objects]
    return list(read_records(lines, "q.jsonl"))


def test_a_good_record_is_read_with_its_partial_birth_date():
    (record,) = read(
        {"id": "q1", "names": ["Іван  Сидоренко"], "birth_date": "1998-03", "unit": "в/ч 3057"}
    )
    assert record == LinkRecord("q1", ("Іван Сидоренко",), BirthDate(1998, 3), "в/ч 3057", "")
    assert record.birth_date.iso() == "1998-03"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        ('["a list"]', "not a JSON object"),
        ({"names": ["Іван"]}, "id"),
        ({"id": "x", "names": []}, "names"),
        ({"id": "x", "names": ["   "]}, "names[0]: empty"),
        ({"id": "x", "names": ["12345 —"]}, "no letters"),
        ({"id": "x", "names": ["Ivan", "Сидорeнко"]}, "names[1]: 'Сидорeнко' mixes scripts"),
        ({"id": "x", "names": ["Ivan"], "birth_date": "1998-02-30"}, "not a day of the calendar"),
        ({"id": "x", "names": ["Ivan"], "birth_date": "25.03.1998"}, "is not YYYY"),
        ({"id": "x", "names": ["Ivan"], "birth_date": "1066"}, "not a possible birth year"),
        ({"id": "x", "names": ["Ivan"], "rank": "private"}, "unknown field(s): rank"),
    ],
)
def test_bad_lines_are_named_and_the_rest_read(line, message):
    good = {"id": "ok", "names": ["Ivan Sidorenko"]}
    results = read(good, line, good | {"id": "ok2"})
    errors = [r for r in results if isinstance(r, RecordError)]
    assert [r.id for r in results if isinstance(r, LinkRecord)] == ["ok", "ok2"]
    (error,) = errors
    assert error.line == 2 and message in error.message, error.message
    assert str(error).startswith("q.jsonl:2: ")


def test_duplicate_ids_and_blank_lines():
    results = read({"id": 1, "names": "Ivan"}, "", {"id": "1", "names": ["Petro"]})
    assert isinstance(results[0], LinkRecord) and results[0].id == "1"
    assert isinstance(results[1], RecordError) and results[1].line == 3
    assert "appears twice" in results[1].message


def test_an_age_in_a_dated_report_estimates_the_birth_year():
    (record,) = read({"id": "q", "names": ["Ivan"], "age": 25, "reported": "2024-03-05"})
    assert record.birth_date == BirthDate(1999, estimated=True)
    (bad,) = read({"id": "q", "names": ["Ivan"], "age": 25})
    assert isinstance(bad, RecordError) and "reported" in bad.message
    (bad,) = read({"id": "q", "names": ["Ivan"], "age": "twenty", "reported": "2024"})
    assert isinstance(bad, RecordError) and "age" in bad.message
