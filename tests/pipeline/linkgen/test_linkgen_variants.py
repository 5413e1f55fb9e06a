"""Each distortion changes a query in the way its name says, and only that way."""

from __future__ import annotations

import random
import re
from datetime import date
from difflib import SequenceMatcher

import pytest
from unidecode import unidecode

from tracedesk.pipeline.linkgen.cases import registry_people
from tracedesk.pipeline.linkgen.people import (
    full_name,
    given_name,
    other,
    patronymic,
    registry_record,
    surname,
)
from tracedesk.pipeline.linkgen.tables import DIMINUTIVES_OF, FULL_NAMES_OF
from tracedesk.pipeline.linkgen.translit import SYSTEMS_FOR, transliterate
from tracedesk.pipeline.linkgen.variants import (
    DISTORTION_NAMES,
    applicable,
    compatible,
    distort,
    one_edit,
)

SEED = 7
PEOPLE = list(registry_people(SEED, 400))


def queries(kind):
    """(person, registry record, query with only ``kind``) for the people it applies to."""
    out = []
    for i, person in enumerate(PEOPLE):
        if applicable(person, kind):
            query = distort(person, [kind], random.Random(i), f"q{i}")
            out.append((person, registry_record(person), query))
    assert len(out) > 50
    return out


def first_name(record):
    return record["names"][0]


def plain(text):
    """unidecode, lower case, letters and spaces only (GOST's y' and ` go)."""
    return re.sub(r"[^a-z ]+", "", unidecode(text).lower())


def damerau(a, b):
    """Edit distance counting a swap of neighbours as one edit."""
    d = [[max(i, j) if not i or not j else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def test_every_distortion_applies_to_someone():
    """No distortion is declared that never fires."""
    for kind in DISTORTION_NAMES:
        assert any(applicable(person, kind) for person in PEOPLE), kind


def test_translit_swap_changes_the_spelling_but_stays_close():
    """A Latin spelling by another system than the registry's: different, yet close once plain."""
    for _, record, query in queries("translit_swap"):
        name = first_name(query)
        assert all(ord(char) < 0x400 for char in name)  # no Cyrillic left
        assert name not in record["names"]  # the swapped system spells it otherwise ...
        # ... yet unidecode and lower case bring it close to the registry's Cyrillic.
        ratio = SequenceMatcher(None, plain(name), plain(first_name(record))).ratio()
        assert ratio >= 0.65, (name, record["names"])  # unrelated names score about 0.4
        assert query["place"].isascii()


def test_systems_differ_from_each_other():
    """The tables really are different systems: Юрий and Євген come out five ways apart."""
    assert transliterate("Юрий Щукин", "icao", "ru") == "Iurii Shchukin"
    assert transliterate("Юрий Щукин", "bgn", "ru") == "Yuriy Shchukin"
    assert transliterate("Юрий Щукин", "gost", "ru") == "Yurij Shhukin"
    assert transliterate("Юрий Щукин", "press", "ru") == "Yury Shchukin"
    assert transliterate("Євген Гнатюк", "ua2010", "uk") == "Yevhen Hnatiuk"
    assert transliterate("Олексій Згурський", "ua2010", "uk") == "Oleksii Zghurskyi"
    assert transliterate("Алексей", "press", "ru") == "Alexey"
    assert len({transliterate("Василь Юрійович", s, "uk") for s in SYSTEMS_FOR["uk"]}) == 5


def test_diminutive_maps_back_to_the_given_name():
    """The query's given name is a diminutive that our table maps back to the person's name."""
    for person, _, query in queries("diminutive"):
        words = first_name(query).split()
        shorts = [w for w in words if w in FULL_NAMES_OF]
        assert shorts, words
        fulls = {full for short in shorts for full in FULL_NAMES_OF[short]}
        assert fulls & {given_name(person, "uk"), given_name(person, "ru")}


def test_diminutive_table_has_about_sixty_names():
    """Our table pairs ~60 full names with diminutives in both languages."""
    assert len(DIMINUTIVES_OF) >= 60
    assert "Ваня" in DIMINUTIVES_OF["Иван"] and "Сашко" in DIMINUTIVES_OF["Олександр"]


def test_uk_ru_form_writes_the_other_language():
    """Іван Сидоренко becomes Иван Сидоренко: the same name in the other language's letters."""
    changed = 0
    for person, record, query in queries("uk_ru_form"):
        lang = other(person.lang)
        assert first_name(query) == full_name(
            person, lang, surname_first=person.surname_first, with_patronymic=person.patronymic
        )
        changed += first_name(query) != first_name(record)
    assert changed > 0.8 * len(queries("uk_ru_form"))


def test_surname_first_swaps_the_order():
    """The surname moves from the end to the start of the name, or back."""
    for person, record, query in queries("surname_first"):
        words, registry_words = first_name(query).split(), first_name(record).split()
        assert sorted(words) == sorted(registry_words)
        assert words != registry_words
        family = surname(person, person.lang)
        assert (words[0] == family) != (registry_words[0] == family)


def test_patronymic_dropped_or_added():
    """One word fewer, the patronymic; or one word more, the patronymic."""
    for person, record, query in queries("drop_patronymic"):
        assert patronymic(person, person.lang) in first_name(record)
        assert patronymic(person, person.lang) not in first_name(query)
        assert len(first_name(query).split()) == len(first_name(record).split()) - 1
    for person, record, query in queries("add_patronymic"):
        assert patronymic(person, person.lang) in first_name(query)
        assert len(first_name(query).split()) == len(first_name(record).split()) + 1


def test_initials_keep_the_surname():
    """Given name (and patronymic) become initials; the surname stays whole."""
    for person, _, query in queries("initials"):
        words = first_name(query).split()
        assert surname(person, person.lang) in words
        initials = [w for w in words if re.fullmatch(r"\w\.", w)]
        assert initials and initials[0] == given_name(person, person.lang)[0] + "."


def test_case_change_only_changes_case():
    """The same letters in other capitals."""
    for _, record, query in queries("case_change"):
        assert first_name(query) != first_name(record)
        assert first_name(query).lower() == first_name(record).lower()


def test_name_typo_is_one_edit():
    """One letter substituted, dropped, doubled or swapped, in one word."""
    for _, record, query in queries("name_typo"):
        assert damerau(first_name(query), first_name(record)) == 1


@pytest.mark.parametrize("word", ["Іван", "Ли", "Шевченко"])
def test_one_edit_never_returns_the_word(word):
    """A typo is always a change."""
    rng = random.Random(1)
    for _ in range(200):
        typo = one_edit(word, rng)
        assert damerau(typo, word) == 1


def test_birth_date_distortions():
    """Year only; one year off; none; an age at a dated report instead."""
    for person, _, query in queries("year_only"):
        assert query["birth_date"] == str(person.birth.year)
    for person, _, query in queries("year_off_by_one"):
        given = date.fromisoformat(query["birth_date"])
        assert abs(given.year - person.birth.year) == 1
        assert (given.month, given.day) == (person.birth.month, person.birth.day)
    for _, _, query in queries("no_birth_date"):
        assert query["birth_date"] is None and "age" not in query
    for person, _, query in queries("age_at_report"):
        assert query["birth_date"] is None
        reported = date.fromisoformat(query["reported"])
        birth = person.birth
        assert birth.replace(year=birth.year + query["age"]) <= reported
        assert reported < birth.replace(year=birth.year + query["age"] + 1)
    undistorted = queries("name_typo")
    assert all(q["birth_date"] == p.birth.isoformat() for p, _, q in undistorted)


def test_unit_distortions():
    """A unit typo changes one digit of the number (edit distance 1); or the unit is gone."""
    for _, record, query in queries("unit_typo"):
        assert query["unit"] != record["unit"]
        digits = re.sub(r"\D", "", query["unit"]), re.sub(r"\D", "", record["unit"])
        assert damerau(*digits) == 1
    for _, _, query in queries("no_unit"):
        assert query["unit"] is None


def test_distortions_combine():
    """Every compatible pair of distortions applies together without error."""
    for i, person in enumerate(PEOPLE[:60]):
        for a in DISTORTION_NAMES:
            for b in DISTORTION_NAMES:
                both = a < b and applicable(person, a) and applicable(person, b)
                if both and compatible([a], b):
                    query = distort(person, [a, b], random.Random(i), "q")
                    assert query["names"][0].strip()
