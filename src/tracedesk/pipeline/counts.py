"""Counts of people in report text (pipeline stage 5).

"314 POWs", «более 100 военнослужащих», «двадцять захисників», "dozens of civilians": an event
about an unnamed group keeps its size. ``find_counts`` finds a number (digits or number words
in English, Russian or Ukrainian, any case) followed within two words by a noun for people;
"about", «более», «понад» mark the count approximate, and "dozens of", «десятки», «кілька»
give an approximate mention without a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final

import pymorphy3  # type: ignore[import-untyped]

__all__ = ["CountMention", "find_counts", "number_value"]


def _wordlist(text: str) -> tuple[str, ...]:
    """Words of a lexicon written as one string, which reads better than a long literal."""
    return tuple(text.split())


@dataclass(frozen=True)
class CountMention:
    """A number of people: ``count`` is None for "dozens of" and the like."""

    start: int
    end: int
    count: int | None
    noun: str
    approximate: bool = False


_EN_UNITS: Final[dict[str, int]] = {
    w: i
    for i, w in enumerate(
        _wordlist(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen"
        )
    )
}
_EN_TENS: Final[dict[str, int]] = {
    w: 10 * (i + 2)
    for i, w in enumerate(_wordlist("twenty thirty forty fifty sixty seventy eighty ninety"))
}
# Nominative (normal) forms; pymorphy3 maps inflected forms (двух, двадцати, ста) to these.
_SLAVIC: Final[dict[str, int]] = {
    **{
        w: i + 1
        for i, w in enumerate(
            _wordlist(
                "один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать "
                "тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать "
                "девятнадцать двадцать"
            )
        )
    },
    **{
        w: 10 * (i + 3)
        for i, w in enumerate(
            _wordlist("тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто")
        )
    },
    **{
        w: 100 * (i + 1)
        for i, w in enumerate(
            _wordlist("сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот")
        )
    },
    **{
        w: i + 1
        for i, w in enumerate(
            _wordlist(
                "один два три чотири п'ять шість сім вісім дев'ять десять одинадцять дванадцять "
                "тринадцять чотирнадцять п'ятнадцять шістнадцять сімнадцять вісімнадцять "
                "дев'ятнадцять двадцять"
            )
        )
    },
    **{
        w: 10 * (i + 3)
        for i, w in enumerate(
            _wordlist("тридцять сорок п'ятдесят шістдесят сімдесят вісімдесят дев'яносто")
        )
    },
    **{
        w: 100 * (i + 1)
        for i, w in enumerate(
            _wordlist("сто двісті триста чотириста п'ятсот шістсот сімсот вісімсот дев'ятсот")
        )
    },
    "одна": 1,
    "одно": 1,
    "две": 2,
    "дві": 2,
    "одне": 1,
    "двоє": 2,
    "двое": 2,
    "троє": 3,
    "трое": 3,
    "четверо": 4,
    "четверо́": 4,
    "пятеро": 5,
    "п'ятеро": 5,
    "шестеро": 6,
    "семеро": 7,
    "тысяча": 1000,
    "тисяча": 1000,
}
_SLAVIC_PREFIXES: Final = frozenset(w[:2] for w in _SLAVIC)
_SCALE: Final = re.compile(
    r"тыс(?:яч[аиу]?)?|тис(?:яч[аіу]?)?|thousand|(млн|миллион(?:а|ов)?|мільйон(?:а|ів)?|million)",
    re.IGNORECASE,
)
_LINKS: Final = frozenset(("of", "из", "з", "із", "еще", "ще"))
_DIGITS: Final = r"\d{1,3}(?:[ \u00a0\u202f,]\d{3})+|\d+"
_WORD: Final = r"[^\W\d_]+(?:['-][^\W\d_]+)*"

# People nouns: English words, Russian and Ukrainian stems (any case ending follows).
_EN_NOUNS: Final = (
    r"(?:pows?|prisoners?(?:\s+of\s+war)?|servicem[ae]n|service\s+members|soldiers?|troops|"
    r"civilians?|people|persons|men|women|children|defenders|marines|fighters|detainees|"
    r"hostages|captives|conscripts|residents|volunteers|sailors|officers|guardsmen|"
    r"mobili[sz]ed(?:\s+men)?|refuseniks|deserters|bodies|relatives|members)"
)
_SLAVIC_NOUN_STEMS: Final = (
    # Russian
    "военнослужащ",
    "военнопленн",
    "пленн",
    "человек",
    "людей",
    "люди",
    "солдат",
    "бойц",
    "боец",
    "защитник",
    "мирн",
    "жител",
    "гражданск",
    "заключенн",
    "заключённ",
    "задержанн",
    "мобилизованн",
    "морпех",
    "пограничник",
    "срочник",
    "контрактник",
    "отказник",
    "женщин",
    "мужчин",
    "детей",
    "военн",
    "заложник",
    "моряк",
    "нацгвардейц",
    "десантник",
    # Ukrainian
    "військовослужбов",
    "військовополонен",
    "полонен",
    "захисник",
    "людини",
    "осіб",
    "особи",
    "цивільн",
    "бійц",
    "бійців",
    "мешкан",
    "жител",
    "чоловік",
    "жінок",
    "дітей",
    "моряк",
    "прикордонник",
    "морпіх",
    "заручник",
    "мобілізован",
    "нацгвардійц",
    "військов",
    "українц",
    "украинц",
    "азовц",
    "громадян",
    "граждан",
)
_SLAVIC_NOUN_WORDS: Final = frozenset(("тел", "тела", "тіл", "тіла", "дети", "діти"))
_APPROX: Final = (
    r"(?:about|around|approximately|nearly|almost|over|more\s+than|at\s+least|up\s+to|some|"
    r"roughly|около|более|свыше|почти|примерно|порядка|не\s+менее|больше|до|близько|понад|"
    r"більше|майже|приблизно|щонайменше|не\s+менше|біля|до)"
)
_VAGUE: Final = (
    r"(?:dozens|hundreds|scores|several|many|десятки|десятков|сотни|сотен|несколько|"
    r"нескольких|многие|десятків|сотні|сотень|кілька|декілька|кількох|багато)"
)


@cache
def _morph(language: str) -> pymorphy3.MorphAnalyzer:
    """One analyzer per language per process: the dictionaries take a moment to load."""
    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=4096)
def _slavic_number(word: str) -> int | None:
    """Value of one Russian or Ukrainian number word in any case («двадцати», «двох»)."""
    word = word.lower().replace("’", "'").replace("ʼ", "'")
    if word in _SLAVIC:
        return _SLAVIC[word]
    if word[:2] not in _SLAVIC_PREFIXES:  # spares pymorphy3 the words that cannot be numbers
        return None
    for language in ("ru", "uk"):
        for parse in _morph(language).parse(word):
            if "NUMR" in parse.tag and parse.normal_form in _SLAVIC:
                return _SLAVIC[parse.normal_form]
    return None


def _english_number(words: list[str]) -> int | None:
    """Value of English number words: "twenty-five", "one hundred and forty"."""
    total, current, seen = 0, 0, False
    for w in words:
        if w in ("and", "a"):
            continue
        if w in _EN_UNITS:
            current += _EN_UNITS[w]
        elif w in _EN_TENS:
            current += _EN_TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w == "thousand":
            total, current = total + max(current, 1) * 1000, 0
        else:
            return None
        seen = True
    return total + current if seen else None


# Every token that could start a number is valued, alone and in runs: the same few recur.
@lru_cache(maxsize=16384)
def number_value(text: str) -> int | None:
    """Integer value of digits or number words in any of the three languages, else None."""
    text = text.strip().lower()
    if re.fullmatch(_DIGITS, text):
        return int(re.sub(r"\D", "", text))
    words = [w for w in re.split(r"[\s-]+", text) if w]
    if not words:
        return None
    if all(re.fullmatch(r"[a-z]+", w) for w in words):
        return _english_number(words)
    values = [_slavic_number(w) for w in words]
    if any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def _is_people_noun(word: str) -> bool:
    """The word names people: an English noun or a Russian/Ukrainian stem from the list."""
    w = word.lower()
    return (
        bool(re.fullmatch(_EN_NOUNS, w))
        or w.startswith(_SLAVIC_NOUN_STEMS)
        or w in _SLAVIC_NOUN_WORDS
    )


_TOKEN: Final = re.compile(_DIGITS + "|" + _WORD)
_VAGUE_WORD: Final = re.compile(_VAGUE, re.IGNORECASE)


def _number_run(tokens: list[re.Match[str]], i: int) -> tuple[int, int | None]:
    """The longest run of number tokens starting at ``i``: (index after it, value)."""
    best: tuple[int, int | None] = (i, None)
    first = tokens[i][0].lower()
    if (
        not (
            first[0].isdigit()
            or first in _EN_UNITS
            or first in _EN_TENS
            or first[:2] in _SLAVIC_PREFIXES
        )
        or number_value(first) is None
    ):
        return best
    for j in range(i + 1, min(i + 5, len(tokens)) + 1):
        value = number_value(" ".join(t[0] for t in tokens[i:j]))
        if value is not None:
            best = (j, value)
        elif j > i + 1 and tokens[j - 1][0].lower() != "and":
            break
    end, value = best
    if value is not None and end < len(tokens):
        scale = _SCALE.fullmatch(tokens[end][0])
        if scale:  # «5 тысяч человек», "2 thousand people"
            return end + 1, value * (1_000_000 if scale[1] else 1000)
    return best


def _noun_after(tokens: list[re.Match[str]], j: int, text: str) -> int | None:
    """Index of a people noun among the next three tokens (two adjectives may come first)."""
    for k in range(j, min(j + 3, len(tokens))):
        if re.search(r"[.;:!?]", text[tokens[k - 1].end() : tokens[k].start()]):
            return None
        word = tokens[k][0]
        if _is_people_noun(word):
            return k
        # a number, or a short word such as «мг», «для», "per", ends the search
        if number_value(word) is not None or (len(word) <= 3 and word.lower() not in _LINKS):
            return None
    return None


def _noun_end(tokens: list[re.Match[str]], k: int, text: str) -> int:
    """End offset of the noun phrase: «мирных жителей», "prisoners of war"."""
    while (
        k + 1 < len(tokens)
        and _is_people_noun(tokens[k + 1][0])
        and not text[tokens[k].end() : tokens[k + 1].start()].strip()
    ):
        k += 1
    end = tokens[k].end()
    tail = re.match(r"\s+of\s+war\b", text[end:], re.IGNORECASE)
    return end + tail.end() if tail and tokens[k][0].lower().startswith("prisoner") else end


def _is_year(text: str, token: re.Match[str]) -> bool:
    """ "in 2022 people said", «в 2022 году»: a year after a preposition is not a count."""
    before = text[max(0, token.start() - 8) : token.start()].lower()
    return bool(
        re.fullmatch(r"(?:19|20)\d\d", token[0])
        and re.search(r"(?<![\w-])(?:in|since|by|в|во|у|с|з|із|до)\s+$", before)
    )


def find_counts(text: str, language: str) -> list[CountMention]:
    """Numbers of people ("314 POWs", «230 захисників», "dozens of civilians") in ``text``."""
    del language  # number words and nouns of the three languages do not collide
    tokens = list(_TOKEN.finditer(text))
    found: list[CountMention] = []
    i = 0
    while i < len(tokens):
        vague = bool(_VAGUE_WORD.fullmatch(tokens[i][0]))
        j, value = (i + 1, None) if vague else _number_run(tokens, i)
        if value is not None and text[tokens[j - 1].end() : tokens[j - 1].end() + 1] in ("-", "%"):
            value = None  # «47-летний», "22-year-old", «85%»: an age, an ordinal, a share
        k = _noun_after(tokens, j, text) if (vague or value is not None) else None
        if k is not None and value is not None and _is_year(text, tokens[i]):
            k = None
        if k is None:
            i += 1
            continue
        start, approximate = tokens[i].start(), vague
        before = re.search(
            r"(?<![\w-])" + _APPROX + r"\s+$", text[max(0, start - 20) : start], re.IGNORECASE
        )
        if before and not vague:
            start, approximate = start - (len(before[0])), True
        end = _noun_end(tokens, k, text)
        found.append(CountMention(start, end, value, text[tokens[k].start() : end], approximate))
        i = next((n for n, t in enumerate(tokens) if t.start() >= end), len(tokens))
    return found
