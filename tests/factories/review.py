"""Reports in English, Ukrainian and Russian with the pipeline's reading written by hand.

Each function returns ``(raw, result)`` for ``intake.services.ingest_document``: the result is
an extraction-contract object as `tracedesk extract` would print it. Offsets are found in the
text with ``str.find``; none is typed in. People, outlets and unit numbers are invented; the
places are real (GeoNames ids).
"""

import hashlib

from tracedesk.intake.models import Draft
from tracedesk.intake.services import ingest_document

BRYANKA = {"name": "Bryanka", "geonameid": 711369, "lat": 48.511, "lon": 38.672, "country": "UA"}
MELITOPOL = {
    "name": "Melitopol",
    "geonameid": 701404,
    "lat": 46.848,
    "lon": 35.365,
    "country": "UA",
}
TAGANROG = {"name": "Taganrog", "geonameid": 484907, "lat": 47.236, "lon": 38.905, "country": "RU"}


def span(text: str, needle: str) -> list[int]:
    at = text.find(needle)
    assert at >= 0, needle
    return [at, at + len(needle)]


def sentence(text: str, needle: str) -> list[int]:
    """The sentence holding ``needle``, its full stop included."""
    at = text.find(needle)
    assert at >= 0, needle
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(".", at + len(needle))
    return [start, len(text) if end < 0 else end + 1]


def person(text: str, name: str, latin: str, surface: str, roles: list[str], age=None) -> dict:
    return {
        "name": name,
        "latin": latin,
        "pseudonym": False,
        "roles": roles,
        "age": age,
        "birth_year": None,
        "unit": None,
        "mentions": [span(text, surface)],
    }


def place(text: str, gazetteer: dict, surface: str) -> dict:
    return {**gazetteer, "admin1": "", "mentions": [span(text, surface)]}


def contract(text: str, *, name: str, title: str, language: str, published: str, **found):
    raw = f"<html><head><title>{title}</title></head><body><p>{text}</p></body></html>".encode()
    result = {
        "input": name,
        "document": {
            "title": title,
            "published": published,
            "language": language,
            "outlet": found.pop("outlet", "example.org"),
            "url": f"https://example.org/news/{name}",
            "sha256": hashlib.sha256(raw).hexdigest(),
        },
        "text": text,
        "people": [],
        "places": [],
        "facilities": [],
        "units": [],
        "events": [],
        **found,
    }
    return raw, result


EN_TEXT = (
    "Neighbours in Bryanka say that in July 2022 soldiers detained Ivan Sydorenko, 24, and "
    "Oleh Martynenko near the bus station. "
    "Both men were taken to the basement of the former police station. "
    "Seven other residents were detained the same week, the local council said."
)


def en_report() -> tuple[bytes, dict]:
    """Two detentions in Bryanka: two named men, then seven unnamed residents."""
    text = EN_TEXT
    return contract(
        text,
        name="bryanka-en.html",
        title="Men detained in Bryanka, neighbours say",
        language="en",
        published="2022-08-10",
        outlet="Example Herald",
        people=[
            person(text, "Ivan Sydorenko", "Ivan Sydorenko", "Ivan Sydorenko", ["detained"], 24),
            person(text, "Oleh Martynenko", "Oleh Martynenko", "Oleh Martynenko", ["detained"]),
        ],
        places=[place(text, BRYANKA, "Bryanka")],
        events=[
            {
                "type": "detention",
                "date": {"start": "2022-07", "end": "2022-07"},
                "place": 0,
                "facility": None,
                "unit": None,
                "people": [0, 1],
                "count": None,
                "evidence": sentence(text, "detained Ivan Sydorenko"),
            },
            {
                "type": "detention",
                "date": {"start": "2022-07", "end": "2022-07"},
                "place": 0,
                "facility": None,
                "unit": None,
                "people": [],
                "count": 7,
                "evidence": sentence(text, "Seven other residents"),
            },
        ],
    )


UK_TEXT = (
    "Дружина Петра Коваля розповіла, що 14 травня 2023 року його затримали на блокпосту "
    "під Мелітополем. "
    "Зараз чоловіка утримують у СІЗО-2 в Таганрозі, куди його етапували в червні 2023 року."
)


def uk_report() -> tuple[bytes, dict]:
    """A detention near Melitopol, then a transfer to the Taganrog SIZO."""
    text = UK_TEXT
    return contract(
        text,
        name="koval-uk.html",
        title="Петра Коваля етапували до Таганрога",
        language="uk",
        published="2023-07-01",
        outlet="Приклад.Медіа",
        people=[person(text, "Петро Коваль", "Petro Koval", "Петра Коваля", ["detained"])],
        places=[
            place(text, MELITOPOL, "Мелітополем"),
            place(text, TAGANROG, "Таганрозі"),
        ],
        facilities=[{"name": "СІЗО-2", "place": 1, "mentions": [span(text, "СІЗО-2")]}],
        events=[
            {
                "type": "detention",
                "date": {"start": "2023-05-14", "end": "2023-05-14"},
                "place": 0,
                "facility": None,
                "unit": None,
                "people": [0],
                "count": None,
                "evidence": sentence(text, "затримали"),
            },
            {
                "type": "transfer",
                "date": {"start": "2023-06", "end": "2023-06"},
                "place": 1,
                "facility": 0,
                "unit": None,
                "people": [0],
                "count": None,
                "evidence": sentence(text, "СІЗО-2"),
            },
        ],
    )


RU_TEXT = (
    "По словам матери, 5 августа 2022 года военная полиция задержала в Брянке Кирилла Лапина "
    "из в/ч 99901. "
    "Через месяц его отпустили."
)


def ru_report() -> tuple[bytes, dict]:
    """A detention by a numbered unit in Bryanka, then a release."""
    text = RU_TEXT
    return contract(
        text,
        name="lapin-ru.html",
        title="Военная полиция задержала отказника в Брянке",
        language="ru",
        published="2022-09-15",
        outlet="Пример.Ньюс",
        people=[person(text, "Кирилл Лапин", "Kirill Lapin", "Кирилла Лапина", ["detained"])],
        places=[place(text, BRYANKA, "Брянке")],
        units=[{"name": "в/ч 99901", "mentions": [span(text, "в/ч 99901")]}],
        events=[
            {
                "type": "detention",
                "date": {"start": "2022-08-05", "end": "2022-08-05"},
                "place": 0,
                "facility": None,
                "unit": 0,
                "people": [0],
                "count": None,
                "evidence": sentence(text, "задержала"),
            },
            {
                "type": "release",
                "date": None,
                "place": None,
                "facility": None,
                "unit": None,
                "people": [0],
                "count": None,
                "evidence": sentence(text, "отпустили"),
            },
        ],
    )


def ingest(actor, report, run=None) -> list[Draft]:
    """Ingest one report and return its drafts in text order."""
    raw, result = report()
    outcome = ingest_document(actor=actor, run=run, raw=raw, result=result)
    return list(outcome.analysis.drafts.order_by("position"))
