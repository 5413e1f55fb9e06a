"""Ukrainian names from rules: capitalised runs read by pymorphy3's Ukrainian dictionary.

natasha's tagger is trained on Russian only (on Ukrainian it takes "Мати Івана" for a name and
"Брянці" for a person), so Ukrainian gets its own recogniser: a run of capitalised words is a
person when the dictionary tags a word Name/Surn/Patr or the given-name lexicon knows it, a
place when GeoNames or our list knows its lemma or the context says so (у місті X, X області),
an organisation when it holds an organisation word or is an acronym nobody lists as a place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any, Final

import pymorphy3  # type: ignore[import-untyped]

from tracedesk.pipeline.names import GIVEN_NAMES, search_key
from tracedesk.pipeline.ner.base import (
    Entity,
    NerOptions,
    Token,
    is_initial,
    joinable,
    span_end_with_dot,
    tokens,
    words,
)
from tracedesk.pipeline.ner.gazetteer import Places, places

_PERSON_TAGS: Final = frozenset({"Name", "Surn", "Patr"})
_FUNCTION_POS: Final = frozenset({"NPRO", "CONJ", "ADVB", "PREP", "PRCL", "INTJ", "PRED"})
_GIVEN_KEYS: Final = frozenset(search_key(name) for name in GIVEN_NAMES)
_SURNAME_ENDINGS: Final = (
    "енко",
    "енка",
    "чук",
    "юк",
    "ук",
    "ський",
    "ська",
    "цький",
    "цька",
    "ович",
    "евич",
    "ов",
    "ова",
    "ев",
    "єв",
    "ин",
    "ін",
    "іна",
    "ина",
)
# Words after which a capitalised run is a place, and the word is not part of it.
_PLACE_BEFORE: Final = words(
    "місті місто міста містом селі село села селом селища селище смт м с містечку містечка "
    "районі району районного області регіоні столиці столиця"
)
# Prepositions after which an inanimate capitalised noun is a place.
_PLACE_PREPOSITIONS: Final = words("у в до з із зі під біля поблизу через від над")
# Words written after an adjective that make the pair a place ("Донецької області").
_PLACE_AFTER: Final = words(
    "область області областю обл районі району район районом округу округ краю край губернії"
)
# Words before a street name that the place span includes ("вулиці Шевченка").
_STREET: Final = words("вулиця вулиці вулицю вул проспект проспекті провулку площі площа")
# Words after which a capitalised run is a person.
_PERSON_BEFORE: Final = words(
    "полонений полоненого полоненої полонена солдат солдата солдатові військовий військового "
    "військовослужбовець військовослужбовця захисник захисника захисниця бійця боєць мати матір "
    "батько батька брат брата сестра сестри син сина донька доньки дочка дружина дружини чоловік "
    "чоловіка пан пана пані громадянин громадянина громадянка журналіст журналіста журналістка "
    "президент президента прем'єр міністр міністра генерал генерала сержант сержанта лейтенант "
    "лейтенанта капітан капітана майор майора полковник полковника рядовий рядового депутат "
    "депутата письменник письменника поет поета художник художника співак співака актор актора "
    "академік академіком професор професора волонтер волонтерка адвокат адвоката"
)
# Stems of organisation heads: a place a few words after one names the body, not a place
# ("Господарського суду Київської області", "Міністерства оборони України").
_ORG_STEMS: Final = (
    "суд",
    "райсуд",
    "рад",
    "облрад",
    "міськрад",
    "міністерств",
    "банк",
    "університет",
    "прокуратур",
    "служб",
    "управлін",
    "комітет",
    "академі",
    "інститут",
    "адміністраці",
    "департамент",
    "компані",
    "товариств",
    "підприємств",
    "фонд",
    "агентств",
    "інспекці",
    "уряд",
    "посольств",
    "консульств",
    "парті",
    "асоціаці",
    "спілк",
    "федераці",
    "школ",
)
_ORG_LOOKBACK: Final = 4  # words between an organisation head and the place in its name
_ORG_WORDS: Final = words(
    "міністерство міністерства служба служби комітет комітету рада ради суд суду бригада бригади "
    "батальйон батальйону полк полку управління департамент партія партії університет "
    "університету банк банку фонд фонду агентство агентства компанія компанії асоціація "
    "прокуратура прокуратури поліція поліції уряд уряду кабмін парламент інститут інституту "
    "академія академії центр центру сбу зсу мвс мзс нбу гур фсб мкчх оон обсє нато нпу дсну "
    "тов пат ват"
)


@cache
def _morph() -> Any:
    """The Ukrainian dictionary, loaded once per process."""
    return pymorphy3.MorphAnalyzer(lang="uk")


def _parses(word: str) -> list[Any]:
    return list(_morph().parse(word))


def _is_person_word(token: Token) -> bool:
    """Initial, a known given name, or a word the dictionary reads as a name.

    At a sentence start capitals prove nothing, so every reading must be a name there
    ("Вона" is also the surname Вон; "Далі" only ever a surname, and it stays one).
    """
    if is_initial(token):
        return True
    if len(token.text) == 1:
        return False  # "У", "І", "А": prepositions and conjunctions
    parses = _parses(token.text)
    if search_key(parses[0].normal_form) in _GIVEN_KEYS or search_key(token.text) in _GIVEN_KEYS:
        return True
    named = [bool(_PERSON_TAGS & set(p.tag.grammemes)) for p in parses]
    if token.sentence_start:
        return all(named)
    if named[0] or any(named[:3]):
        return True
    known = _morph().word_is_known(token.text.lower())
    return not known and token.text.lower().endswith(_SURNAME_ENDINGS)


def _is_function_word(token: Token) -> bool:
    """Pronouns, adverbs and conjunctions capitalised after a quote or a dash ("Мені", "Чому")."""
    return any(_FUNCTION_POS & set(p.tag.grammemes) for p in _parses(token.text))


def _is_modifier(token: Token, gazetteer: Places) -> bool:
    """A lone pronoun, adverb or adjective that no noun reading makes a place."""
    if _is_function_word(token):
        return True
    return _is_adjective(token) and not _noun_place(token, gazetteer)


def _is_adjective(token: Token) -> bool:
    """Capitalised adjectives alone ("Київського", "Червоної") belong to longer names."""
    parses = _parses(token.text)
    return "ADJF" in parses[0].tag and not any(_PERSON_TAGS & set(p.tag.grammemes) for p in parses)


def _quoted(text: str, first: Token, last: Token) -> bool:
    """The run stands between quotes, tokenised or not."""
    opening = text[max(0, first.start - 2) : first.start].strip()
    closing = text[last.end : last.end + 2].strip()
    return opening[-1:] in {"«", '"', "“", "„"} and closing[:1] in {"»", '"', "”", "“"}


def _noun_place(token: Token, gazetteer: Places) -> bool:
    """Some noun reading of the word is a place ("Луганська" is also Луганськ, genitive)."""
    lemmas = {p.normal_form for p in _parses(token.text) if "NOUN" in p.tag}
    return any(lemma in gazetteer.major or lemma in gazetteer.minor for lemma in lemmas)


def _lemmas(token: Token) -> set[str]:
    return {token.text.lower(), *(p.normal_form for p in _parses(token.text))}


def _place_level(run: Sequence[Token], gazetteer: Places) -> int:
    """2 when a big place or a country names the run, 1 for a village, 0 for neither."""
    joined = {" ".join(t.text.lower() for t in run)}
    lemmas = joined.union(*(_lemmas(t) for t in run)) if len(run) == 1 else joined
    if lemmas & gazetteer.major:
        return 2
    return 1 if lemmas & gazetteer.minor else 0


def _is_leading_context(first: Token, rest: Sequence[Token], gazetteer: Places) -> bool:
    """An acronym or a country before a full name belongs to the title, not to the name."""
    if not any(_is_person_word(t) and t.text.lower() not in _ORG_WORDS for t in rest):
        return False
    acronym = first.text.isupper() and len(first.text) > 1
    return acronym or (_place_level([first], gazetteer) == 2 and not _is_person_word(first))


def _runs(
    text: str, words: list[Token], options: NerOptions, gazetteer: Places
) -> Iterator[tuple[int, int]]:
    """Index ranges of capitalised words that stand together, first words of sentences trimmed."""
    i = 0
    while i < len(words):
        if not words[i].capitalised:
            i += 1
            continue
        j = i + 1
        while j < len(words) and words[j].capitalised and joinable(text, words[j - 1], words[j]):
            j += 1
        start = i
        while start < j and (
            (len(words[start].text) == 1 and not is_initial(words[start]))
            or (words[start].sentence_start and j - start > 1 and not _is_person_word(words[start]))
        ):
            start += 1  # "Мати Івана Сидоренка", "У Києві": the sentence's first word is no name
        if j - start > 1 and _is_leading_context(words[start], words[start + 1 : j], gazetteer):
            start += 1  # "України Андрій Іванчук", "КМДА Володимир Бондаренко"
        if start < j and j - start <= options.max_run_tokens:
            yield start, j
        i = j


def _inside_organisation(text: str, words: list[Token], start: int) -> bool:
    """A lower-case organisation head stands a few words before, in the same clause."""
    for k in range(start - 1, max(start - 1 - _ORG_LOOKBACK, -1), -1):
        gap = text[words[k].end : words[k + 1].start]
        if any(mark in gap for mark in ",;:.!?()\n") and gap.strip() != ".":
            return False
        word = words[k].text
        if word.islower() and word.startswith(_ORG_STEMS):
            return True
    return False


def _label(
    text: str, words: list[Token], start: int, end: int, gazetteer: Places
) -> tuple[str, int, int] | None:
    """Label of words[start:end] and its character span, or None when it is no entity."""
    run = words[start:end]
    before = words[start - 1].text.lower() if start > 0 else ""
    after = words[end].text.lower() if end < len(words) else ""
    first, last = run[0], run[-1]
    lowered = {t.text.lower() for t in run}
    if lowered & _ORG_WORDS:
        return "ORG", first.start, last.end
    if after in _PLACE_AFTER and joinable(text, last, words[end]):
        return "LOC", first.start, words[end].end
    if before in _STREET and not first.sentence_start:
        return "LOC", words[start - 1].start, last.end
    if _quoted(text, first, last):
        return None  # «Україна», «Лісове»: titles, brands and companies, not places
    if len(run) == 1 and before not in _PERSON_BEFORE and _is_modifier(first, gazetteer):
        return None
    if first.sentence_start and len(run) == 1 and not _is_person_word(first):
        noun = "NOUN" in _parses(first.text)[0].tag
        return (
            ("LOC", first.start, last.end) if noun and _place_level(run, gazetteer) == 2 else None
        )
    if all(t.text.isupper() and len(t.text) > 1 for t in run):
        return ("LOC" if _place_level(run, gazetteer) else "ORG"), first.start, last.end
    level = _place_level(run, gazetteer)
    person = [_is_person_word(t) for t in run]
    end_char = span_end_with_dot(text, last) if is_initial(last) else last.end
    if before in _PERSON_BEFORE and any(person):
        return "PER", first.start, end_char
    if before in _PLACE_BEFORE or (level == 2 and not (len(run) > 1 and all(person))):
        return "LOC", first.start, last.end
    if any(person):
        return "PER", first.start, end_char
    if level == 1:
        return "LOC", first.start, last.end
    if before in _PLACE_PREPOSITIONS and len(run) == 1:
        tag = _parses(first.text)[0].tag
        if "NOUN" in tag and "inan" in tag:
            return "LOC", first.start, last.end
    return None


def _nominative_word(word: str, gender: str | None) -> str:
    """One word of a name in the nominative, keeping the name's gender."""
    if len(word) == 1:
        return word + "."
    parses = _parses(word)
    named = [p for p in parses if _PERSON_TAGS & set(p.tag.grammemes)] or parses
    if gender:
        named = [p for p in named if gender in p.tag] or named
    form = named[0].inflect({"nomn"})
    if form is None or not named[0].tag.POS:
        return word
    return "-".join(part[:1].upper() + part[1:] for part in form.word.split("-"))


def nominative(name: str) -> str:
    """ "Івана Сидоренка" → "Іван Сидоренко": the dictionary's nominative, gender from the name."""
    parts = [p for p in name.replace(".", " ").split() if p]
    gender = None
    for part in parts:
        given = [p for p in _parses(part) if "Name" in p.tag]
        if given:
            gender = "femn" if "femn" in given[0].tag else "masc"
            break
    return " ".join(_nominative_word(part, gender) for part in parts)


def find_ukrainian(text: str, options: NerOptions) -> list[Entity]:
    """Persons, places and organisations in Ukrainian text, by rules."""
    gazetteer = places(options.major_place_population)
    words = tokens(text)
    found: list[Entity] = []
    for start, end in _runs(text, words, options, gazetteer):
        labelled = _label(text, words, start, end, gazetteer)
        if labelled is None or (labelled[0] == "LOC" and _inside_organisation(text, words, start)):
            continue
        label, first, last = labelled
        surface = text[first:last]
        normal = nominative(surface) if label == "PER" else surface
        found.append(Entity(first, last, label, surface, normal))
    return found
