"""Contract objects written by hand, as `tracedesk extract` would print them, for intake tests.

Offsets are computed from the text with ``str.find``: the tests never hard-code them.
"""

import hashlib


def span(text: str, needle: str, start: int = 0) -> list[int]:
    at = text.index(needle, start)
    return [at, at + len(needle)]


def sentence(text: str, needle: str) -> list[int]:
    """The sentence holding ``needle``: from the previous full stop to the next one."""
    at = text.index(needle)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(".", at + len(needle))
    return [start, len(text) if end < 0 else end + 1]


RU_TEXT = (
    "Соседи рассказали, что 3 марта 2024 года в Брянке военные задержали Ивана Сидоренко, "
    "25 лет. Его держат в СИЗО-2 в Таганроге. Задержание провели бойцы в/ч 12345."
)


def ru_report(raw: bytes | None = None) -> tuple[bytes, dict]:
    """A Russian report: one detention in Bryanka, one in the Taganrog SIZO."""
    text = RU_TEXT
    raw = raw if raw is not None else f"<html><body><p>{text}</p></body></html>".encode()
    result = {
        "input": "report-ru.html",
        "document": {
            "title": "Задержание в Брянке",
            "published": "2024-03-05",
            "language": "ru",
            "outlet": "example.org",
            "url": "https://example.org/news/1",
            "sha256": hashlib.sha256(raw).hexdigest(),
        },
        "text": text,
        "people": [
            {
                "name": "Иван Сидоренко",
                "latin": "Ivan Sidorenko",
                "pseudonym": False,
                "roles": ["detained"],
                "age": 25,
                "birth_year": None,
                "unit": None,
                "mentions": [span(text, "Ивана Сидоренко")],
            }
        ],
        "places": [
            {
                "name": "Bryanka",
                "geonameid": 711369,
                "lat": 48.511,
                "lon": 38.672,
                "country": "UA",
                "admin1": "14",
                "mentions": [span(text, "Брянке")],
            },
            {
                "name": "Taganrog",
                "geonameid": 484907,
                "lat": 47.236,
                "lon": 38.905,
                "country": "RU",
                "admin1": "61",
                "mentions": [span(text, "Таганроге")],
            },
        ],
        "facilities": [{"name": "СИЗО-2", "place": 1, "mentions": [span(text, "СИЗО-2")]}],
        "units": [{"name": "в/ч 12345", "mentions": [span(text, "в/ч 12345")]}],
        "events": [
            {
                "type": "detention",
                "date": {"start": "2024-03-03", "end": "2024-03-03"},
                "place": 0,
                "facility": None,
                "unit": 0,
                "people": [0],
                "count": None,
                "evidence": sentence(text, "задержали"),
            },
            {
                "type": "detention",
                "date": None,
                "place": 1,
                "facility": 0,
                "unit": None,
                "people": [],
                "count": None,
                "evidence": sentence(text, "СИЗО-2"),
            },
        ],
    }
    return raw, result
