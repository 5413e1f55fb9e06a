"""Query-side distortions: how a relative or a reporter writes a registry person (issue 4).

A query starts as the registry's own first name form with the full birth date a mother
knows, and the unit as the registry writes it; each distortion is a small function that
changes one thing about it, the way tracing requests and news reports do. ``DISTORTIONS``
declares them in the order they are applied, with the groups that exclude each other.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, NamedTuple

from tracedesk.pipeline.linkgen.people import (
    LinkRecord,
    Person,
    full_name,
    given_name,
    other,
    patronymic,
    surname,
    town,
    unit_text,
)
from tracedesk.pipeline.linkgen.tables import DIMINUTIVES_OF
from tracedesk.pipeline.linkgen.translit import SYSTEMS_FOR, transliterate


@dataclass(slots=True)
class Draft:
    """A query being written: name parts in Cyrillic, how to write them, and the facts."""

    person: Person
    lang: str
    given: str
    patronymic: str | None
    surname: str
    surname_first: bool
    initials: bool = False
    system: str | None = None  # a transliteration system: the name is written in Latin
    case: str = "as-is"  # "upper", "lower" or "upper-surname"
    birth_date: str | None = None
    age: int | None = None
    reported: str | None = None
    unit: str | None = None
    place: str | None = None


def draft_for(person: Person) -> Draft:
    """The undistorted query: the registry's first name form, full birth date, unit, town."""
    return Draft(
        person=person,
        lang=person.lang,
        given=given_name(person, person.lang),
        patronymic=patronymic(person, person.lang) if person.patronymic else None,
        surname=surname(person, person.lang),
        surname_first=person.surname_first,
        birth_date=person.birth.isoformat(),
        unit=unit_text(person.unit, person.lang),
        place=town(person, person.lang),
    )


# --- the distortions ------------------------------------------------------------------------


def ukrainian_russian_swap(draft: Draft, rng: random.Random) -> None:
    """The name in the other language's Cyrillic: Іван Сидоренко <-> Иван Сидоренко."""
    person, lang = draft.person, other(draft.lang)
    draft.lang = lang
    draft.given = given_name(person, lang)
    draft.surname = surname(person, lang)
    if draft.patronymic is not None:
        draft.patronymic = patronymic(person, lang)
    draft.place = town(person, lang)


def diminutive(draft: Draft, rng: random.Random) -> None:
    """A diminutive for the given name, from our table: Иван -> Ваня, Олександр -> Сашко."""
    person = draft.person
    shorts = (
        DIMINUTIVES_OF.get(draft.given) or DIMINUTIVES_OF[given_name(person, other(draft.lang))]
    )
    draft.given = shorts[rng.randrange(len(shorts))]
    draft.patronymic = None  # nobody writes "Ваня Петрович"


def has_diminutive(person: Person) -> bool:
    """Whether our table has a diminutive of the person's given name in either language."""
    return any(given_name(person, lang) in DIMINUTIVES_OF for lang in ("uk", "ru"))


def transliteration_swap(draft: Draft, rng: random.Random) -> None:
    """The name in Latin by a system that spells it unlike the registry's Latin form."""
    person, own = draft.person, SYSTEMS_FOR[draft.lang]
    # After a language swap the letters already differ; any system of that language will do.
    systems = [s for s in _other_spellings(person) if s in own] or [
        s for s in own if s != person.second_form
    ]
    draft.system = systems[rng.randrange(len(systems))]
    draft.place = town(person, "en")
    draft.unit = unit_text(person.unit, "en")


def _other_spellings(person: Person) -> list[str]:
    """Systems that write the person's name unlike the registry's own Latin form."""
    if person.second_form not in SYSTEMS_FOR[person.lang]:
        return list(SYSTEMS_FOR[person.lang])
    name = full_name(person, person.lang, surname_first=False, with_patronymic=False)
    registry = transliterate(name, str(person.second_form), person.lang)
    return [
        system
        for system in SYSTEMS_FOR[person.lang]
        if transliterate(name, system, person.lang) != registry
    ]


def has_other_spelling(person: Person) -> bool:
    """Whether some system spells the name unlike the registry (Роман Попов is Roman Popov
    in all of them)."""
    return bool(_other_spellings(person))


def surname_first_swap(draft: Draft, rng: random.Random) -> None:
    """The other name order: surname first where the registry puts it last, and back."""
    draft.surname_first = not draft.surname_first


def drop_patronymic(draft: Draft, rng: random.Random) -> None:
    """No patronymic, where the registry has one."""
    draft.patronymic = None


def add_patronymic(draft: Draft, rng: random.Random) -> None:
    """A patronymic, where the registry has none."""
    draft.patronymic = patronymic(draft.person, draft.lang)


def initials(draft: Draft, rng: random.Random) -> None:
    """Given name and patronymic as initials: Сидоренко І. П."""
    draft.initials = True
    draft.surname_first = rng.random() < 0.7
    if draft.patronymic is None and rng.random() < 0.5:
        draft.patronymic = patronymic(draft.person, draft.lang)


def case_change(draft: Draft, rng: random.Random) -> None:
    """Capitals changed: СИДОРЕНКО Іван, all upper case, or all lower case."""
    draft.case = ("upper", "lower", "upper-surname")[rng.randrange(3)]


def name_typo(draft: Draft, rng: random.Random) -> None:
    """One edit in the surname (or, one time in four, the given name)."""
    if rng.random() < 0.25 and len(draft.given) > 3:
        draft.given = one_edit(draft.given, rng)
    else:
        draft.surname = one_edit(draft.surname, rng)


def year_only(draft: Draft, rng: random.Random) -> None:
    """Only the birth year: 1998."""
    draft.birth_date = str(draft.person.birth.year)


def year_off_by_one(draft: Draft, rng: random.Random) -> None:
    """The birth year one off, the rest of the date right."""
    birth = draft.person.birth
    draft.birth_date = birth.replace(year=birth.year + rng.choice((-1, 1))).isoformat()


def no_birth_date(draft: Draft, rng: random.Random) -> None:
    """No birth date at all."""
    draft.birth_date = None


def age_at_report(draft: Draft, rng: random.Random) -> None:
    """An age in a dated report ("25 years old") instead of a birth date."""
    reported = date(2022, 3, 1) + timedelta(days=rng.randrange(1400))
    birth = draft.person.birth
    age = reported.year - birth.year - ((reported.month, reported.day) < (birth.month, birth.day))
    draft.birth_date = None
    draft.age = age
    draft.reported = reported.isoformat()


def unit_typo(draft: Draft, rng: random.Random) -> None:
    """One digit of the unit's number changed, dropped or swapped with its neighbour."""
    unit = draft.person.unit
    code = unit.code
    digits = [i for i, char in enumerate(code) if char.isdigit()]
    i = digits[rng.randrange(len(digits))]
    action = rng.randrange(3) if len(digits) > 1 else 0
    if action == 0:
        replacement = str((int(code[i]) + 1 + rng.randrange(9)) % 10)
        typo = code[:i] + replacement + code[i + 1 :]
    elif action == 1:
        typo = code[:i] + code[i + 1 :]
    else:
        j = i + 1 if i + 1 in digits else i - 1
        chars = list(code)
        chars[i], chars[j] = chars[j], chars[i]
        typo = "".join(chars)
        if typo == code:  # two equal digits: change one instead
            typo = code[:i] + str((int(code[i]) + 1) % 10) + code[i + 1 :]
    style = "en" if draft.system else draft.lang
    draft.unit = unit_text(unit._replace(code=typo), style)


def no_unit(draft: Draft, rng: random.Random) -> None:
    """No unit."""
    draft.unit = None


_CYRILLIC: Final = "абвгдежзийклмнопрстуфхцчшщыьэюяіїє"


def one_edit(word: str, rng: random.Random) -> str:
    """``word`` with one letter substituted, dropped, doubled or swapped with the next one."""
    while True:
        i = rng.randrange(1, len(word))  # the first letter is usually right
        action = rng.randrange(4)
        if action == 0:
            letter = _CYRILLIC[rng.randrange(len(_CYRILLIC))]
            typo = word[:i] + letter + word[i + 1 :]
        elif action == 1:
            typo = word[:i] + word[i + 1 :]
        elif action == 2:
            typo = word[:i] + word[i] + word[i:]
        else:
            j = i + 1 if i + 1 < len(word) else i - 1
            a, b = sorted((i, j))
            typo = word[:a] + word[b] + word[a] + word[b + 1 :]
        if typo != word:
            return typo


class Distortion(NamedTuple):
    """A named distortion, when it applies to a person, and the group it excludes others in."""

    name: str
    func: Callable[[Draft, random.Random], None]
    applies: Callable[[Person], bool]
    group: str


def _always(person: Person) -> bool:
    return True


# In the order they are applied: language before diminutive (a diminutive is taken in the
# query's language), names before their transliteration, capitals last.
DISTORTIONS: Final = (
    Distortion("uk_ru_form", ukrainian_russian_swap, _always, "language"),
    Distortion("diminutive", diminutive, has_diminutive, "given"),
    Distortion("drop_patronymic", drop_patronymic, lambda p: p.patronymic, "patronymic"),
    Distortion("add_patronymic", add_patronymic, lambda p: not p.patronymic, "patronymic"),
    Distortion("initials", initials, _always, "patronymic"),
    Distortion("surname_first", surname_first_swap, _always, "order"),
    Distortion("name_typo", name_typo, _always, "typo"),
    Distortion("translit_swap", transliteration_swap, has_other_spelling, "script"),
    Distortion("case_change", case_change, _always, "case"),
    Distortion("year_only", year_only, _always, "birth"),
    Distortion("year_off_by_one", year_off_by_one, _always, "birth"),
    Distortion("no_birth_date", no_birth_date, _always, "birth"),
    Distortion("age_at_report", age_at_report, _always, "birth"),
    Distortion("unit_typo", unit_typo, lambda p: p.unit_known, "unit"),
    Distortion("no_unit", no_unit, _always, "unit"),
)
DISTORTION_NAMES: Final = tuple(d.name for d in DISTORTIONS)
_BY_NAME: Final = {d.name: d for d in DISTORTIONS}
# Groups that cannot be combined with each other in one query (initials carry no diminutive).
_CLASHES: Final = {("given", "patronymic"), ("order", "patronymic")}


def compatible(names: list[str], candidate: str) -> bool:
    """Whether distortion ``candidate`` can join ``names`` in one query."""
    group = _BY_NAME[candidate].group
    for name in names:
        other_group = _BY_NAME[name].group
        if other_group == group or (group, other_group) in _CLASHES:
            return False
        if (other_group, group) in _CLASHES:
            return False
    return True


def applicable(person: Person, name: str) -> bool:
    """Whether distortion ``name`` can be applied to ``person``."""
    return bool(_BY_NAME[name].applies(person))


def render(draft: Draft) -> str:
    """The written name of a draft: order, initials, script and capitals."""
    given, patr = draft.given, draft.patronymic
    if draft.initials:
        given = given[0] + "."
        patr = patr[0] + "." if patr else None
    parts = [given] if patr is None else [given, patr]
    words = [draft.surname, *parts] if draft.surname_first else [*parts, draft.surname]
    name = " ".join(words)
    if draft.system is not None:
        name = transliterate(name, draft.system, draft.lang)
    if draft.case == "upper":
        return name.upper()
    if draft.case == "lower":
        return name.lower()
    if draft.case == "upper-surname":
        words = name.split(" ")
        index = 0 if draft.surname_first else len(words) - 1
        words[index] = words[index].upper()
        return " ".join(words)
    return name


def distort(person: Person, names: list[str], rng: random.Random, query_id: str) -> LinkRecord:
    """A query record for ``person`` with distortions ``names`` applied in declared order."""
    draft = draft_for(person)
    for distortion in DISTORTIONS:
        if distortion.name in names:
            distortion.func(draft, rng)
    record: LinkRecord = {
        "id": query_id,
        "names": [render(draft)],
        "birth_date": draft.birth_date,
        "unit": draft.unit,
        "place": draft.place,
    }
    if draft.age is not None and draft.reported is not None:
        record["age"] = draft.age
        record["reported"] = draft.reported
    return record
