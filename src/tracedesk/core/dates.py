"""Partial dates: what sources actually say ("in March 2022", "on 5 July", "in 1998").

A partial date is stored as its ISO 8601 text (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or
``--MM-DD`` when the year is unknown) beside the earliest and latest real dates it can
mean, so that records sort and filter by date without pretending to a precision the
source never had.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tracedesk.core.exceptions import ApplicationError

_PATTERN = re.compile(
    r"^(?:(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?|--(?P<m>\d{2})-(?P<d>\d{2}))$"
)

PRECISION_DAY = "day"
PRECISION_MONTH = "month"
PRECISION_YEAR = "year"
PRECISION_UNKNOWN_YEAR = "unknown_year"


@dataclass(frozen=True)
class PartialDate:
    year: int | None
    month: int | None
    day: int | None

    @property
    def precision(self) -> str:
        if self.year is None:
            return PRECISION_UNKNOWN_YEAR
        if self.day is not None:
            return PRECISION_DAY
        if self.month is not None:
            return PRECISION_MONTH
        return PRECISION_YEAR

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def earliest(self) -> dt.date | None:
        """The first real day this date can mean; None when the year is unknown."""
        if self.year is None:
            return None
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date | None:
        """The last real day this date can mean; None when the year is unknown."""
        if self.year is None:
            return None
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def __str__(self) -> str:
        return self.iso()


def parse_partial_date(value: str, *, field: str = "date") -> PartialDate:
    """Parse ISO partial date text, rejecting impossible dates with the field's name."""
    text = (value or "").strip()
    match = _PATTERN.match(text)
    if not match:
        raise ApplicationError(
            _("Invalid date."),
            {
                field: [
                    _("“%(value)s” is not a date; use YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD.")
                    % {"value": text}
                ]
            },
        )
    if match["m"]:
        year, month, day = None, int(match["m"]), int(match["d"])
    else:
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
    # 2000 is a leap year, so --02-29 is a possible day when the year is unknown.
    check_year = year if year is not None else 2000
    try:
        dt.date(check_year, month or 1, day or 1)
    except ValueError:
        raise ApplicationError(
            _("Invalid date."),
            {field: [_("“%(value)s” is not a day of the calendar.") % {"value": text}]},
        ) from None
    if year is not None and not 1900 <= year <= 2100:
        raise ApplicationError(
            _("Invalid date."),
            {field: [_("Year %(year)s is out of range (1900–2100).") % {"year": year}]},
        )
    return PartialDate(year, month, day)


def date_bounds(
    start: str, end: str = "", *, field: str = "date", end_field: str | None = None
) -> tuple[str, str, dt.date | None, dt.date | None]:
    """Validate a date range and return (start, end, earliest, latest) for storage.

    Errors name ``field`` for the start and ``end_field`` (default ``<field>_end``) for the end.
    """
    end_field = end_field or field + "_end"
    if not start and not end:
        return "", "", None, None
    if not start:
        raise ApplicationError(_("Invalid date."), {field: [_("An end date needs a start date.")]})
    first = parse_partial_date(start, field=field)
    last = parse_partial_date(end, field=end_field) if end else first
    low, high = first.earliest(), last.latest()
    if low and high and high < low:
        raise ApplicationError(
            _("Invalid date."),
            {end_field: [_("The end date is before the start date.")]},
        )
    return first.iso(), (last.iso() if end else ""), low, high
