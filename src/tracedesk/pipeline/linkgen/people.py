"""Synthetic registry people: who they are, and how a registry writes them (issue 4).

Person ``i`` of a seed is drawn from its own random stream, so any person can be rebuilt
without generating the ones before it: a registry of a million streams out lazily and the
tracing queries pick their people by index. Distractors are built in on purpose:

- brothers and sisters: person ``i`` may share the surname, the father (so the patronymic),
  and the home town of person ``i - 1``, with another given name and birth year;
- namesakes: person ``i`` may carry the given name and surname of an earlier person ``j``
  with another birth year and unit (sometimes the same patronymic too);
- and the weighted name lists make common pairs (Олександр Шевченко) recur on their own.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, replace
from datetime import date
from itertools import accumulate
from typing import Any, Final, NamedTuple, NotRequired, TypedDict

from tracedesk.pipeline.linkgen.tables import (
    FEMALE,
    MALE,
    RU_BRIGADES,
    RU_TOWNS,
    SURNAMES,
    UK_BRIGADES,
    UK_TOWNS,
)
from tracedesk.pipeline.linkgen.translit import SYSTEMS_FOR, transliterate

# Random streams of a seed: registry people, people absent from the registry, queries, units.
REGISTRY, ABSENT, QUERIES, UNITS = range(4)
DISTRACTOR = 8  # or-ed with a stream: the draws that turn a person into a distractor

# Shares that shape a registry, with the reason beside each.
SHARE_UKRAINIAN: Final = 0.6  # missing and captured people on both sides; more Ukrainian reports
SHARE_MALE: Final = 0.88  # servicemen are most of the people traced
SHARE_BROTHER: Final = 0.06  # brothers serve together and are reported together
SHARE_NAMESAKE: Final = 0.04  # on top of the namesakes the weighted lists make by chance
SHARE_OWN_ORIGIN: Final = 0.75  # a Ukrainian usually has a Ukrainian surname, and vice versa
# Birth-date precision a registry holds: a full date, a month, a year, nothing.
PRECISIONS: Final = (("day", 60), ("month", 12), ("year", 22), ("none", 6))
SHARE_UNIT_KNOWN: Final = 0.85
SHARE_PATRONYMIC: Final = 0.7  # official lists write the patronymic, press reports often not
# Second name form: a Latin spelling (press, passport) or the other language's Cyrillic.
SHARE_LATIN_FORM: Final = 0.5
SHARE_OTHER_CYRILLIC_FORM: Final = 0.15


class LinkRecord(TypedDict):
    """A person record as ``tracedesk link`` reads it (issue 4)."""

    id: str
    names: list[str]
    birth_date: str | None
    unit: str | None
    place: str | None
    age: NotRequired[int]  # queries only: "25 years old" in a report ...
    reported: NotRequired[str]  # ... published on this date


class Unit(NamedTuple):
    """A military unit: "vch" (в/ч number) or "brigade", its code, and its side."""

    kind: str
    code: str
    side: str


@dataclass(frozen=True, slots=True)
class Person:
    """One person: the true facts, and how the registry writes them down."""

    id: str
    lang: str  # "uk" or "ru": the language his records are written in
    sex: str  # "m" or "f"
    given: int  # index into MALE or FEMALE
    father: int  # index into MALE
    surname: int  # index into SURNAMES
    birth: date
    unit: Unit
    town: int  # index into UK_TOWNS or RU_TOWNS, by lang
    precision: str  # birth-date precision in the registry
    surname_first: bool  # the registry's name order
    patronymic: bool  # the registry's name carries the patronymic
    second_form: str | None  # a transliteration system, "cyrillic", or None
    unit_known: bool
    brother_of: str | None = None
    namesake_of: str | None = None


def _cumulative(weights: list[int]) -> list[int]:
    return list(accumulate(weights))


_MALE_CUM: Final = _cumulative([name.weight for name in MALE])
_FEMALE_CUM: Final = _cumulative([name.weight for name in FEMALE])
_PRECISION_CUM: Final = _cumulative([weight for _, weight in PRECISIONS])


def surname_origin(index: int) -> str:
    """Whether surname ``index`` is Ukrainian or Russian by its ending."""
    uk = SURNAMES[index][0]
    ukrainian_endings = ("енко", "ук", "юк", "ський", "цький", "ко", "ець", "ар", "ір", "ник")
    return (
        "uk"
        if uk.endswith(ukrainian_endings) or not uk.endswith(("ов", "ев", "єв", "ін", "ин"))
        else "ru"
    )


_BY_ORIGIN: Final = {
    origin: [i for i in range(len(SURNAMES)) if surname_origin(i) == origin]
    for origin in ("uk", "ru")
}
_ORIGIN_CUM: Final = {
    origin: _cumulative([SURNAMES[i][2] for i in indexes]) for origin, indexes in _BY_ORIGIN.items()
}


def _weighted(rng: random.Random, cumulative: list[int]) -> int:
    return bisect.bisect_right(cumulative, rng.random() * cumulative[-1])


def stream(seed: int, kind: int, index: int) -> random.Random:
    """The random stream of item ``index`` of ``kind`` (REGISTRY, ABSENT, QUERIES) for a seed."""
    # Seeded on purpose: the cases must be reproducible, not unpredictable.
    return random.Random((seed << 36) | (kind << 32) | index)  # noqa: S311


def unit_pool(seed: int, side: str) -> tuple[Unit, ...]:
    """The units of one side in a seed's world: numbered в/ч and numbered brigades."""
    rng = stream(seed, UNITS, 0 if side == "uk" else 1)
    if side == "uk":
        numbers = {f"А{rng.randrange(10000):04d}" for _ in range(300)}
        brigades = UK_BRIGADES
    else:
        numbers = {f"{rng.randrange(10000, 100000)}" for _ in range(250)}
        numbers |= {f"{rng.randrange(1000, 10000)}" for _ in range(50)}  # Rosgvardia's 4 digits
        brigades = RU_BRIGADES
    units = [Unit("vch", number, side) for number in sorted(numbers)]
    units += [Unit("brigade", str(number), side) for number in brigades]
    return tuple(units)


class World:
    """What a seed fixes once: its unit pools."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.units = {side: unit_pool(seed, side) for side in ("uk", "ru")}
        self._by_kind = {
            (side, kind): [unit for unit in units if unit.kind == kind]
            for side, units in self.units.items()
            for kind in ("vch", "brigade")
        }

    def random_unit(self, rng: random.Random, side: str) -> Unit:
        """A unit of one side: a brigade (few and large) or a в/ч number, half and half."""
        units = self._by_kind[side, "brigade" if rng.random() < 0.5 else "vch"]
        return units[rng.randrange(len(units))]


def _draw(world: World, kind: int, index: int, prefix: str) -> tuple[Person, float]:
    """A person from its own stream, and the draw that decides whether it is a distractor."""
    rng = stream(world.seed, kind, index)
    relation = rng.random()
    lang = "uk" if rng.random() < SHARE_UKRAINIAN else "ru"
    sex = "m" if rng.random() < SHARE_MALE else "f"
    given = _weighted(rng, _MALE_CUM if sex == "m" else _FEMALE_CUM)
    father = _weighted(rng, _MALE_CUM)
    origin = lang if rng.random() < SHARE_OWN_ORIGIN else ("ru" if lang == "uk" else "uk")
    surname = _BY_ORIGIN[origin][_weighted(rng, _ORIGIN_CUM[origin])]
    year = int(rng.triangular(1960, 2006, 1994))
    birth = date(year, rng.randrange(1, 13), rng.randrange(1, 29))
    precision = PRECISIONS[_weighted(rng, _PRECISION_CUM)][0]
    unit = world.random_unit(rng, lang)
    towns = UK_TOWNS if lang == "uk" else RU_TOWNS
    form = rng.random()
    if form < SHARE_LATIN_FORM:
        systems = SYSTEMS_FOR[lang]
        second: str | None = systems[rng.randrange(len(systems))]
    elif form < SHARE_LATIN_FORM + SHARE_OTHER_CYRILLIC_FORM:
        second = "cyrillic"
    else:
        second = None
    person = Person(
        id=f"{prefix}{index:07d}",
        lang=lang,
        sex=sex,
        given=given,
        father=father,
        surname=surname,
        birth=birth,
        unit=unit,
        town=rng.randrange(len(towns)),
        precision=precision,
        surname_first=rng.random() < 0.5,
        patronymic=rng.random() < SHARE_PATRONYMIC,
        second_form=second,
        unit_known=rng.random() < SHARE_UNIT_KNOWN,
    )
    return person, relation


def _other_year(rng: random.Random, year: int, low: int, high: int) -> int:
    """A year ``low`` to ``high`` years before or after ``year`` (never ``year`` itself)."""
    offset = rng.randint(low, high) * (1 if rng.random() < 0.5 else -1)
    return min(max(year + offset, 1955), 2007)


def person_at(world: World, index: int, *, kind: int = REGISTRY, prefix: str = "P") -> Person:
    """Person ``index`` of the registry (or of another stream), distractors included."""
    person, relation = _draw(world, kind, index, prefix)
    if relation >= SHARE_BROTHER + SHARE_NAMESAKE or index == 0:
        return person
    rng = stream(world.seed, kind | DISTRACTOR, index)
    if relation < SHARE_BROTHER:
        anchor, anchor_relation = _draw(world, kind, index - 1, prefix)
        if anchor_relation < SHARE_BROTHER + SHARE_NAMESAKE:
            return person  # the one before is a distractor itself: chains are not built
        given = person.given
        if person.sex == "m" and given == anchor.given and anchor.sex == "m":
            given = (given + 1 + rng.randrange(len(MALE) - 1)) % len(MALE)
        year = _other_year(rng, anchor.birth.year, 1, 8)
        return _in_language(
            person,
            anchor.lang,
            surname=anchor.surname,
            father=anchor.father,
            town=anchor.town,
            given=given,
            birth=anchor.birth.replace(year=year, month=rng.randrange(1, 13)),
            unit=anchor.unit if rng.random() < 0.3 else world.random_unit(rng, anchor.lang),
            brother_of=anchor.id,
        )
    anchor_index = rng.randrange(index)
    anchor, anchor_relation = _draw(world, REGISTRY, anchor_index, "P")
    if anchor_relation < SHARE_BROTHER + SHARE_NAMESAKE:
        return person
    return namesake(world, person, anchor, rng)


def _in_language(person: Person, lang: str, **changes: Any) -> Person:
    """``person`` with ``changes``, moved to ``lang`` (his town and Latin form kept valid)."""
    towns = UK_TOWNS if lang == "uk" else RU_TOWNS
    second = person.second_form
    if second not in (None, "cyrillic", *SYSTEMS_FOR[lang]):
        second = "icao"
    moved: dict[str, Any] = {"lang": lang, "town": person.town % len(towns), "second_form": second}
    return replace(person, **{**moved, **changes})


def namesake(world: World, person: Person, anchor: Person, rng: random.Random) -> Person:
    """``person`` renamed after ``anchor``: same given name and surname, another birth year."""
    unit = world.random_unit(rng, anchor.lang)
    if unit == anchor.unit:
        units = world.units[anchor.lang]
        unit = units[(units.index(unit) + 1) % len(units)]
    return _in_language(
        person,
        anchor.lang,
        sex=anchor.sex,
        given=anchor.given,
        surname=anchor.surname,
        father=anchor.father if rng.random() < 0.3 else person.father,
        birth=person.birth.replace(year=_other_year(rng, anchor.birth.year, 2, 15)),
        unit=unit,
        namesake_of=anchor.id,
    )


# --- how names are written ------------------------------------------------------------------


def other(lang: str) -> str:
    """The other language: "uk" for "ru" and back."""
    return "ru" if lang == "uk" else "uk"


def given_name(person: Person, lang: str) -> str:
    """The given name in ``lang``."""
    name = MALE[person.given] if person.sex == "m" else FEMALE[person.given]
    return name.uk if lang == "uk" else name.ru


def patronymic(person: Person, lang: str) -> str:
    """The patronymic in ``lang``, in the person's gender."""
    father = MALE[person.father]
    stem = father.uk_stem if lang == "uk" else father.ru_stem
    if stem in ("Ильин", "Ілліч"):  # the one irregular father's name in the table
        forms = {"ru": ("Ильич", "Ильинична"), "uk": ("Ілліч", "Іллівна")}[lang]
        return forms[person.sex == "f"]
    if person.sex == "m":
        return stem + "ич"
    if lang == "ru":
        return stem + "на"
    for ending, feminine in (("йов", "їв"), ("ьов", "ів"), ("ов", "ів"), ("ев", "ів")):
        if stem.endswith(ending):
            return stem[: -len(ending)] + feminine + "на"
    return stem + "івна"


_FEMININE: Final = (
    ("ський", "ська"),
    ("цький", "цька"),
    ("ский", "ская"),
    ("цкий", "цкая"),
    ("ий", "а"),
    ("ов", "ова"),
    ("ев", "ева"),
    ("ёв", "ёва"),
    ("єв", "єва"),
    ("ін", "іна"),
    ("ин", "ина"),
    ("ын", "ына"),
)


def feminine_surname(surname: str) -> str:
    """A woman's form of a surname: Петров -> Петрова; Ковальчук and Шевченко stay as they are."""
    for ending, feminine in _FEMININE:
        if surname.endswith(ending):
            return surname[: -len(ending)] + feminine
    return surname


def surname(person: Person, lang: str) -> str:
    """The surname in ``lang``, in the person's gender."""
    uk, ru, _ = SURNAMES[person.surname]
    form = uk if lang == "uk" else ru
    return feminine_surname(form) if person.sex == "f" else form


def full_name(person: Person, lang: str, *, surname_first: bool, with_patronymic: bool) -> str:
    """The Cyrillic full name in ``lang``, in the order asked."""
    parts = [given_name(person, lang)]
    if with_patronymic:
        parts.append(patronymic(person, lang))
    if surname_first:
        return " ".join([surname(person, lang), *parts])
    return " ".join([*parts, surname(person, lang)])


def town(person: Person, lang: str) -> str:
    """The home town in ``lang`` ("en" for English)."""
    uk, ru, en = (UK_TOWNS if person.lang == "uk" else RU_TOWNS)[person.town]
    return {"uk": uk, "ru": ru, "en": en}[lang]


def unit_text(unit: Unit, style: str) -> str:
    """A unit as a record writes it; ``style`` is "uk", "ru" or "en"."""
    if unit.kind == "vch":
        return f"military unit {unit.code}" if style == "en" else f"в/ч {unit.code}"
    if style == "en":
        number = int(unit.code)
        suffix = (
            "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        )
        return f"{number}{suffix} brigade"
    if unit.side == "uk":
        return f"{unit.code} ОМБр" if style == "uk" else f"{unit.code} ОМБр ВСУ"
    return f"{unit.code} бригада" if style == "ru" else f"{unit.code} бригада ЗС РФ"


def birth_text(birth: date, precision: str) -> str | None:
    """The birth date at a precision: "YYYY-MM-DD", "YYYY-MM", "YYYY" or None."""
    return {
        "day": birth.isoformat(),
        "month": birth.isoformat()[:7],
        "year": str(birth.year),
        "none": None,
    }[precision]


def registry_record(person: Person) -> LinkRecord:
    """How the registry stores the person: one or two name forms, partial date, unit, town."""
    names = [
        full_name(
            person,
            person.lang,
            surname_first=person.surname_first,
            with_patronymic=person.patronymic,
        )
    ]
    if person.second_form == "cyrillic":
        names.append(
            full_name(person, other(person.lang), surname_first=False, with_patronymic=False)
        )
    elif person.second_form is not None:
        plain = full_name(person, person.lang, surname_first=False, with_patronymic=False)
        names.append(transliterate(plain, person.second_form, person.lang))
    return {
        "id": person.id,
        "names": names,
        "birth_date": birth_text(person.birth, person.precision),
        "unit": unit_text(person.unit, person.lang) if person.unit_known else None,
        "place": town(person, person.lang),
    }
