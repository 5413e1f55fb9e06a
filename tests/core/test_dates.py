import datetime as dt

import pytest

from tracedesk.core.dates import date_bounds, parse_partial_date
from tracedesk.core.exceptions import ApplicationError


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2022", "year", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        ("2022-02", "month", dt.date(2022, 2, 1), dt.date(2022, 2, 28)),
        ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2022-07-15", "day", dt.date(2022, 7, 15), dt.date(2022, 7, 15)),
        ("--07-15", "unknown_year", None, None),
    ],
)
def test_partial_dates_know_their_precision_and_bounds(text, precision, earliest, latest):
    parsed = parse_partial_date(text)
    assert parsed.precision == precision
    assert parsed.earliest() == earliest
    assert parsed.latest() == latest
    assert parsed.iso() == text


@pytest.mark.parametrize(
    "text", ["2022-02-30", "2022-13", "--02-30", "22-07-01", "July 2022", "1850", ""]
)
def test_impossible_or_malformed_dates_are_refused_naming_the_field(text):
    with pytest.raises(ApplicationError) as info:
        parse_partial_date(text, field="birth_date")
    assert "birth_date" in info.value.extra


def test_february_29_is_possible_when_the_year_is_unknown():
    assert parse_partial_date("--02-29").day == 29


def test_a_range_ending_before_it_starts_is_refused():
    with pytest.raises(ApplicationError) as info:
        date_bounds("2022-07", "2022-06-30", field="date_start")
    assert "date_start_end" in info.value.extra


def test_a_range_covers_from_the_first_day_of_its_start_to_the_last_of_its_end():
    assert date_bounds("2022-07", "2022-08") == (
        "2022-07",
        "2022-08",
        dt.date(2022, 7, 1),
        dt.date(2022, 8, 31),
    )
