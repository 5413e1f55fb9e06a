"""Dates in report text, resolved against the publication date (pipeline stage 5).

A report says «позавчера», "last Friday", «в ночь на 5 марта» or «5 березня 2022 р.»; the
registry needs an ISO 8601 value with its precision. ``find_dates`` finds the spans with
per-language regular expressions and resolves them with plain calendar arithmetic:

- absolute dates: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``; a day and month without a year take the
  year of publication (the previous year when the month is after the publication month) and
  stay ``--MM-DD`` (``--MM`` for a month alone) when the publication date is unknown;
- relative dates ("yesterday", «три дня назад», «минулого тижня») need the publication date
  and are skipped without it;
- a night («в ночь на 5 марта») and a range ("from 1 to 5 July", «с 1 по 5 июля», "last
  week") carry ``end``.

dateparser's ``search_dates`` was measured on the gold reports (benchmarks/events.py): it is
about ten times slower, finds fewer of the gold event dates, and turns a night, a week or a
range into one day, so the spans are found here and resolved with ``datetime`` arithmetic.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Final

from tracedesk.pipeline.counts import number_value

__all__ = ["DateMention", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    """A date or date range found in text, as ISO 8601 (partial) values."""

    start: int
    end: int
    value: str
    end_value: str | None = None


# Month forms: English names and abbreviations; Russian and Ukrainian nominative, genitive and
# locative ("март", "марта", "марте"; "березень", "березня", "березні").
_MONTH_FORMS: Final[dict[int, tuple[str, ...]]] = {
    1: ("january", "jan", "январь", "января", "январе", "січень", "січня", "січні"),
    2: ("february", "feb", "февраль", "февраля", "феврале", "лютий", "лютого", "лютому"),
    3: ("march", "mar", "март", "марта", "марте", "березень", "березня", "березні"),
    4: ("april", "apr", "апрель", "апреля", "апреле", "квітень", "квітня", "квітні"),
    5: ("may", "май", "мая", "мае", "травень", "травня", "травні"),
    6: ("june", "jun", "июнь", "июня", "июне", "червень", "червня", "червні"),
    7: ("july", "jul", "июль", "июля", "июле", "липень", "липня", "липні"),
    8: ("august", "aug", "август", "августа", "августе", "серпень", "серпня", "серпні"),
    9: (
        "september",
        "sept",
        "sep",
        "сентябрь",
        "сентября",
        "сентябре",
        "вересень",
        "вересня",
        "вересні",
    ),
    10: ("october", "oct", "октябрь", "октября", "октябре", "жовтень", "жовтня", "жовтні"),
    11: ("november", "nov", "ноябрь", "ноября", "ноябре", "листопад", "листопада", "листопаді"),
    12: ("december", "dec", "декабрь", "декабря", "декабре", "грудень", "грудня", "грудні"),
}
_MONTH_OF: Final[dict[str, int]] = {f: m for m, forms in _MONTH_FORMS.items() for f in forms}
_MON: Final = (
    r"(?:" + "|".join(sorted((re.escape(f) for f in _MONTH_OF), key=len, reverse=True)) + r")\.?"
)
_YEAR_WORD: Final = r"(?:\s*(?:года|году|г\.|г\b|року|році|р\.|р\b))?"
_YEAR: Final = r"(?:1[6-9]|20)\d\d"
# A year standing alone needs one of these after it (or a preposition before it).
_YEAR_NOUN: Final = (
    r"(?:году|года|год|годах|годы|годов|році|року|рік|роках|роки|років|г\.|гг\.|р\.|рр\.)"
)
_B: Final = r"(?<![\w-])"  # word start
_E: Final = r"(?![\w-])"  # word end
_ORD: Final = r"(?:st|nd|rd|th)?"

_WEEKDAYS: Final[dict[str, int]] = {
    **dict.fromkeys(("monday",), 0),
    **dict.fromkeys(("tuesday",), 1),
    **dict.fromkeys(("wednesday",), 2),
    **dict.fromkeys(("thursday",), 3),
    **dict.fromkeys(("friday",), 4),
    **dict.fromkeys(("saturday",), 5),
    **dict.fromkeys(("sunday",), 6),
    **dict.fromkeys(("понедельник", "понеділок", "понеділка"), 0),
    **dict.fromkeys(("вторник", "вівторок", "вівторка"), 1),
    **dict.fromkeys(("среду", "среда", "середу", "середа", "середи"), 2),
    **dict.fromkeys(("четверг", "четвер", "четверга"), 3),
    **dict.fromkeys(("пятницу", "пятница", "п'ятницю", "п'ятниця", "п'ятниці"), 4),
    **dict.fromkeys(("субботу", "суббота", "суботу", "субота", "суботи"), 5),
    **dict.fromkeys(("воскресенье", "неділю", "неділя", "неділі"), 6),
}
_WD: Final = "(?:" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + ")"
_NUMW: Final = r"(?:\d{1,2}|[^\W\d]+(?:[-'][^\W\d]+)?)"
_UNIT_DAY: Final = r"(?:days?|дн(?:я|ей|і|ів)|день|сутки|суток|діб|доби)"
_UNIT_WEEK: Final = r"(?:weeks?|недел[юиь]|недель|тижн(?:і|ів)|тиждень)"
_UNIT_MONTH: Final = r"(?:months?|месяц(?:а|ев)?|місяц(?:і|ів|ь))"
_UNIT_YEAR: Final = r"(?:years?|год|года|лет|рік|роки|років)"
# "early March", «в конце марта», «на початку березня»: still a month.
_MONTH_PART: Final = (
    r"(?:(?:в|во|у|на|in)\s+(?:начале|конце|середине|первой\s+половине|второй\s+половине|"
    r"початку|кінці|середині|першій\s+половині|другій\s+половині)|наприкінці|"
    r"(?:in\s+)?(?:early|late|mid-?)|(?:at\s+)?the\s+(?:end|beginning|start|middle)\s+of)"
)


@dataclass(frozen=True)
class _Rule:
    """One date pattern and the name of the resolver that turns its match into values."""

    kind: str
    pattern: re.Pattern[str]


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile case-insensitively, as dates start sentences and headlines are capitalised."""
    return re.compile(pattern, re.IGNORECASE)


@cache
def _rules() -> tuple[_Rule, ...]:
    """Date patterns, most specific first; overlapping later matches are dropped."""
    d1, d2, mon, mon1, year = (
        r"(?P<d1>\d{1,2})",
        r"(?P<d2>\d{1,2})",
        r"(?P<mon>" + _MON + ")",
        (r"(?P<mon1>" + _MON + ")"),
        r"(?P<year>" + _YEAR + ")",
    )
    opt_year = r"(?:,?\s+" + year + _YEAR_WORD + ")?"
    return (
        # «в ночь на 5 марта», «в ночь с 4 на 5 марта», «у ніч проти 5 березня»,
        # "night of 4-5 March"
        _Rule(
            "night",
            _rx(
                _B
                + r"(?:в|у)\s+(?:ночь|ніч)\s+(?:(?:с|з)\s+"
                + d1
                + r"\s+)?(?:на|проти)\s+"
                + d2
                + r"\s+"
                + mon
                + opt_year
                + _E
            ),
        ),
        _Rule(
            "night",
            _rx(
                _B
                + r"(?:the\s+)?night\s+of\s+(?:"
                + d1
                + _ORD
                + r"\s*(?:-|–|to|into)\s*)?"
                + d2
                + _ORD
                + r"\s+(?:of\s+)?"
                + mon
                + opt_year
                + _E
            ),
        ),
        # ranges: «с 1 по 5 июля», «з 28 лютого до 3 березня», "from 1 to 5 July", "1-5 July"
        _Rule(
            "range",
            _rx(
                _B
                + r"(?:(?:с|со|з|із|from|between)\s+)?"
                + d1
                + _ORD
                + r"(?:\s+"
                + mon1
                + r")?"
                + r"\s*(?:по|до|to|and|-|–|—)\s*"
                + d2
                + _ORD
                + r"\s+(?:of\s+)?"
                + mon
                + opt_year
                + _E
            ),
        ),
        _Rule(
            "range_en",
            _rx(
                _B
                + r"(?:from\s+)?"
                + mon
                + r"\s+"
                + d1
                + _ORD
                + r"\s*(?:-|–|to|through|until)\s*"
                + d2
                + _ORD
                + r"(?:,?\s+"
                + year
                + r")?"
                + _E
            ),
        ),
        # single days: «5 марта 2022 года», "5 March 2022", "March 5, 2022", "5th of March"
        _Rule("day", _rx(_B + d1 + _ORD + r"\s+(?:of\s+)?" + mon + opt_year + _E)),
        _Rule("day", _rx(_B + mon + r"\s+" + d1 + _ORD + r"(?:,?\s+" + year + r")?" + _E)),
        _Rule(
            "numeric",
            _rx(
                r"(?<![\d.])"
                + d1
                + r"\.(?P<m>\d{1,2})\.(?P<year>(?:19|20)?\d\d)(?![\d.]\d)"
                + _YEAR_WORD
            ),
        ),
        _Rule("iso", _rx(r"(?<![\d-])" + year + r"-(?P<m>\d\d)-" + d1 + r"(?![\d-])")),
        # months: "March 2022", «в марте 2022 года», "in July", «у липні»
        # «в ноябре-декабре», «с марта по май 2022 года», "from March to May"
        _Rule(
            "month_range",
            _rx(
                _B
                + r"(?:(?:в|во|у|с|со|з|із|from|between)\s+)?"
                + mon1
                + r"\s*(?:-|–|—|по|до|to|until)\s*"
                + mon
                + r"(?:,?\s+"
                + year
                + _YEAR_WORD
                + ")?"
                + _E
            ),
        ),
        # «в 2006—2011 годах», "from 2006 to 2011", «с 2006 по 2011 год»
        _Rule(
            "year_range",
            _rx(
                _B
                + r"(?:(?:в|во|у|с|со|з|із|from|between|in)\s+)?(?P<y1>"
                + _YEAR
                + r")\s*(?:-|–|—|по|до|to|and|until)\s*"
                + year
                + r"(?:\s*"
                + _YEAR_NOUN
                + r")?"
                + _E
            ),
        ),
        # decades: «в 1980-е», «2000-х годов», "the 1990s"
        _Rule(
            "decade",
            _rx(
                _B
                + r"(?P<dec>(?:1[6-9]|20)\d0)(?:-?(?:е|х|ые|ых|ті|і|их)|'?s)"
                + r"(?:\s*"
                + _YEAR_NOUN
                + r")?"
                + _E
            ),
        ),
        _Rule("month", _rx(_B + mon + r",?\s+" + year + _YEAR_WORD + _E)),
        _Rule("month", _rx(_B + _MONTH_PART + r"\s+(?:of\s+)?" + mon + _E)),
        _Rule(
            "month",
            _rx(
                _B
                + r"(?:в|во|у|in|since|until|by|early|late|mid-?|of|с|з|до)\s+(?:early\s+|late\s+)?"
                + mon
                + _E
            ),
        ),
        _Rule(
            "year",
            _rx(
                _B
                + r"(?:(?P<pre>в|у|in|since|с|з)\s+)?"
                + year
                + r"(?P<w>\s*"
                + _YEAR_NOUN
                + r")?"
                + _E
            ),
        ),
        # relative days
        _Rule(
            "before_yesterday",
            _rx(_B + r"(?:the\s+day\s+before\s+yesterday|позавчера|позавчора|позаучора)" + _E),
        ),
        _Rule("yesterday", _rx(_B + r"(?:yesterday|вчера|вчора|учора|last\s+night)" + _E)),
        _Rule("today", _rx(_B + r"(?:today|this\s+morning|сегодня|сьогодні)" + _E)),
        _Rule(
            "ago",
            _rx(
                _B
                + r"(?P<n>"
                + _NUMW
                + r"\s+)?(?P<unit>"
                + _UNIT_DAY
                + "|"
                + _UNIT_WEEK
                + "|"
                + _UNIT_MONTH
                + "|"
                + _UNIT_YEAR
                + r")\s+(?:ago|назад|тому(?:\s+назад)?)"
                + _E
            ),
        ),
        _Rule(
            "last_weekday",
            _rx(
                _B
                + r"(?:last\s+|в\s+прошл(?:ую|ый|ое)\s+|у\s+минул(?:у|ий)\s+|в\s+минул(?:у|ий)\s+"
                r"|минулого\s+|минулої\s+)(?P<wd>" + _WD + r")" + _E
            ),
        ),
        _Rule("weekday", _rx(_B + r"(?:on|в|во|у)\s+(?P<wd>" + _WD + r")" + _E)),
        _Rule(
            "last_week",
            _rx(
                _B
                + r"(?:last\s+week|на\s+прошлой\s+неделе|на\s+минулому\s+тижні|минулого\s+тижня)"
                + _E
            ),
        ),
        _Rule(
            "this_week",
            _rx(_B + r"(?:this\s+week|на\s+этой\s+неделе|на\s+цьому\s+тижні|цього\s+тижня)" + _E),
        ),
        _Rule(
            "last_month",
            _rx(
                _B
                + r"(?:last\s+month|в\s+прошлом\s+месяце|минулого\s+місяця|у\s+минулому\s+місяці)"
                + _E
            ),
        ),
        _Rule(
            "last_year",
            _rx(
                _B + r"(?:last\s+year|в\s+прошлом\s+году|минулого\s+року|у\s+минулому\s+році)" + _E
            ),
        ),
    )


def _year_for(month: int, published: date | None) -> int | None:
    """The year of a month named without one: this year unless the month is still ahead."""
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def _iso_day(year: int | None, month: int, day: int) -> str | None:
    """ISO day, or ``--MM-DD`` when the year is unknown; None for impossible days."""
    probe = year if year is not None else 2000  # a leap year accepts 29 February
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(probe, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"--{month:02d}-{day:02d}"


def _month_number(word: str) -> int:
    """Month number of a month word, ignoring case and a trailing abbreviation dot."""
    return _MONTH_OF[word.lower().rstrip(".")]


def _explicit_year(m: re.Match[str]) -> int | None:
    """The year written in the match, if any."""
    y = m.groupdict().get("year")
    return int(y) if y else None


def _resolve_night(m: re.Match[str], published: date | None) -> tuple[str, str | None] | None:
    """«в ночь на 5 марта»: the night from the 4th to the 5th."""
    month = _month_number(m["mon"])
    year = _explicit_year(m) or _year_for(month, published)
    end = _iso_day(year, month, int(m["d2"]))
    if end is None:
        return None
    if m["d1"]:
        start = _iso_day(year, month, int(m["d1"]))
    else:
        before = date(year if year is not None else 2001, month, int(m["d2"])) - timedelta(days=1)
        start = _iso_day(year and before.year, before.month, before.day)
    return (start, end) if start else None


def _resolve_range(m: re.Match[str], published: date | None) -> tuple[str, str | None] | None:
    """«с 1 по 5 июля», "from 28 February to 3 March": both days, the first month optional."""
    month = _month_number(m["mon"])
    first_month = _month_number(m["mon1"]) if m.groupdict().get("mon1") else month
    year = _explicit_year(m) or _year_for(month, published)
    first_year = year - 1 if year is not None and first_month > month else year
    start = _iso_day(first_year, first_month, int(m["d1"]))
    end = _iso_day(year, month, int(m["d2"]))
    if start is None or end is None or (first_month == month and int(m["d1"]) >= int(m["d2"])):
        return None
    return start, end


def _resolve_day(m: re.Match[str], published: date | None) -> tuple[str, str | None] | None:
    """A day and month, with the year written or taken from the publication date."""
    month = _month_number(m["mon"])
    value = _iso_day(_explicit_year(m) or _year_for(month, published), month, int(m["d1"]))
    return (value, None) if value else None


def _resolve_numeric(m: re.Match[str], published: date | None) -> tuple[str, str | None] | None:
    """05.03.2022 or 05.03.22, day first as written in Russian and Ukrainian."""
    year = int(m["year"])
    year = year + 2000 if year < 100 else year
    value = _iso_day(year, int(m["m"]), int(m["d1"]))
    return (value, None) if value else None


def _resolve_month(m: re.Match[str], published: date | None) -> tuple[str, str | None] | None:
    """A month, with the year written or taken from the publication date."""
    month = _month_number(m["mon"])
    year = _explicit_year(m) or _year_for(month, published)
    return (f"{year:04d}-{month:02d}" if year is not None else f"--{month:02d}", None)


def _resolve_month_range(m: re.Match[str], published: date | None) -> tuple[str, str | None] | None:
    """«в ноябре-декабре», "from March to May 2022": two months of one (or adjacent) years."""
    first, last = _month_number(m["mon1"]), _month_number(m["mon"])
    year = _explicit_year(m) or _year_for(last, published)
    first_year = year - 1 if year is not None and first > last else year
    if first == last:
        return None
    start = f"{first_year:04d}-{first:02d}" if first_year is not None else f"--{first:02d}"
    end = f"{year:04d}-{last:02d}" if year is not None else f"--{last:02d}"
    return start, end


def _resolve_year_range(m: re.Match[str], published: date | None) -> tuple[str, str | None] | None:
    """«2006—2011 годах», "from 2006 to 2011": the later year must come second."""
    first, last = int(m["y1"]), int(m["year"])
    return (m["y1"], m["year"]) if first < last <= first + 100 else None


def _resolve_decade(m: re.Match[str], published: date | None) -> tuple[str, str | None] | None:
    """«1980-е», "the 1990s": the ten years."""
    return m["dec"], str(int(m["dec"]) + 9)


def _resolve_year(m: re.Match[str], published: date | None) -> tuple[str, str | None] | None:
    """A year on its own ("in 2022", «2022 года»); a bare number is not a year."""
    return (m["year"], None) if m["pre"] or m["w"] else None


def _day(d: date) -> str:
    """ISO day."""
    return d.isoformat()


def _resolve_relative(
    rule: str, m: re.Match[str], published: date
) -> tuple[str, str | None] | None:
    """Relative expressions, counted back from the publication date."""
    if rule == "today":
        return _day(published), None
    if rule == "yesterday":
        return _day(published - timedelta(days=1)), None
    if rule == "before_yesterday":
        return _day(published - timedelta(days=2)), None
    if rule in ("last_weekday", "weekday"):
        # the latest such weekday strictly before publication ("on Friday" in a report
        # published on a Friday is a week back far more rarely than "today", which would be said)
        back = (published.weekday() - _WEEKDAYS[m["wd"].lower().replace("’", "'")]) % 7 or 7
        return _day(published - timedelta(days=back)), None
    if rule == "last_week":
        monday = published - timedelta(days=published.weekday() + 7)
        return _day(monday), _day(monday + timedelta(days=6))
    if rule == "this_week":
        return _day(published - timedelta(days=published.weekday())), _day(published)
    if rule == "last_month":
        first = published.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}", None
    if rule == "last_year":
        return f"{published.year - 1:04d}", None
    if rule == "ago":
        n = number_value(m["n"].strip()) if m["n"] else 1
        if n is None or n <= 0 or n > 400:
            return None
        unit = m["unit"].lower()
        if re.fullmatch(_UNIT_DAY, unit, re.IGNORECASE):
            return _day(published - timedelta(days=n)), None
        if re.fullmatch(_UNIT_WEEK, unit, re.IGNORECASE):
            return _day(published - timedelta(days=7 * n)), None
        if re.fullmatch(_UNIT_YEAR, unit, re.IGNORECASE):
            return f"{published.year - n:04d}", None
        months = published.year * 12 + published.month - 1 - n
        return f"{months // 12:04d}-{months % 12 + 1:02d}", None
    return None


_ABSOLUTE: Final = {
    "night": _resolve_night,
    "range": _resolve_range,
    "range_en": _resolve_range,
    "day": _resolve_day,
    "numeric": _resolve_numeric,
    "iso": _resolve_numeric,
    "month": _resolve_month,
    "month_range": _resolve_month_range,
    "year_range": _resolve_year_range,
    "decade": _resolve_decade,
    "year": _resolve_year,
}


def _is_modal_may(m: re.Match[str], rule: str) -> bool:
    """English "may" in lower case is the verb, not the month."""
    mon = m.groupdict().get("mon")
    return bool(mon) and mon == "may" and rule in ("month", "day")


def find_dates(text: str, language: str, published: date | None) -> list[DateMention]:
    """Dates and date ranges in ``text``, resolved against the publication date."""
    del language  # month names and relative words of all three languages are distinct
    norm = text.replace("’", "'").replace("ʼ", "'")  # same length: offsets stay valid
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for rule in _rules():
        for m in rule.pattern.finditer(norm):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken) or _is_modal_may(m, rule.kind):
                continue
            if rule.kind in _ABSOLUTE:
                values = _ABSOLUTE[rule.kind](m, published)
            elif published is not None:
                values = _resolve_relative(rule.kind, m, published)
            else:
                values = None
            if values is None:
                continue
            taken.append((start, end))
            found.append(DateMention(start, end, values[0], values[1]))
    return sorted(found, key=lambda d: d.start)
