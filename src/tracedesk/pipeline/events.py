"""Events drafted from report text, each tied to its supporting sentence (pipeline stage 6).

A sentence such as «5 марта в Мелитополе задержали Ивана Петренко» becomes a detention event
with the sentence as evidence, the person, the place and the date. ``find_events`` works
sentence by sentence:

1. split the text into sentences (abbreviations and initials do not end one);
2. find triggers: English by patterns, Russian and Ukrainian by lemma (pymorphy3), so every
   inflection of «задержать» or «затримати» counts; a negation just before suppresses it;
3. one event per sentence and type, with the people of the sentence (or, for a sentence that
   opens with a pronoun, of the latest sentence that named someone) and the place, facility,
   unit, date and count nearest to the trigger.

The inputs from the other stages are (start, end) pairs, objects with ``start`` and ``end``,
objects with ``mentions`` (an entity mentioned several times), or the contract's dicts with
``mentions``; the protocols below are all this module needs of the other stages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Final, Protocol, runtime_checkable

import pymorphy3  # type: ignore[import-untyped]

__all__ = [
    "EVENT_TYPES",
    "DateLike",
    "CountLike",
    "Event",
    "EventOptions",
    "Span",
    "event_to_dict",
    "find_events",
    "split_sentences",
]


def _wordlist(text: str) -> tuple[str, ...]:
    """Words of a lexicon written as one string, which reads better than a long literal."""
    return tuple(text.split())


EVENT_TYPES: Final = (
    "detention",
    "transfer",
    "abuse",
    "coercion",
    "refusal",
    "release",
    "disappearance",
    "death",
    "sentencing",
)


@runtime_checkable
class Span(Protocol):
    """A mention: character offsets into the text."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@runtime_checkable
class Entity(Protocol):
    """An entity mentioned several times: ``mentions`` are (start, end) pairs."""

    @property
    def mentions(self) -> Sequence[Sequence[int]]: ...


class DateLike(Span, Protocol):
    """A date mention as produced by ``dates.find_dates``."""

    @property
    def value(self) -> str: ...

    @property
    def end_value(self) -> str | None: ...


class CountLike(Span, Protocol):
    """A count mention as produced by ``counts.find_counts``."""

    @property
    def count(self) -> int | None: ...


EntityInput = Span | Entity | tuple[int, int] | Mapping[str, Any]


@dataclass(frozen=True)
class Event:
    """A drafted event; people, place, facility and unit are indexes into the input lists."""

    type: str
    evidence: tuple[int, int]
    trigger: tuple[int, int]
    people: tuple[int, ...] = ()
    place: int | None = None
    facility: int | None = None
    unit: int | None = None
    date: tuple[str, str | None] | None = None
    count: int | None = None


@dataclass(frozen=True)
class EventOptions:
    """How far context reaches."""

    # A sentence that names nobody but refers to someone by a pronoun ("He was beaten") borrows
    # the people of the latest sentence with people, at most this many sentences back.
    pronoun_lookback: int = 2
    # Tokens between a negation and its trigger: «не был задержан», "was not detained".
    negation_window: int = 3
    pronouns: frozenset[str] = field(
        default_factory=lambda: frozenset(
            _wordlist(
                "he she they his her their him them он она они его ее её их він вона вони його її"
                " їх"
            )
        )
    )


# English triggers: regular expressions on the sentence (no lemmatiser needed for English).
_EN: Final[dict[str, str]] = {
    "detention": r"detain(?:ed|s|ing)?|detention|arrest(?:ed|s)?|captured?|"
    r"taken\s+(?:prisoner|captive|hostage)|abduct(?:ed|ion)|kidnapp(?:ed|ing)|"
    r"(?:held|being\s+held|kept|imprisoned)\b(?=(?:\s+\w+){0,3}\s+(?:in|at|captive|prisoner|"
    r"hostage|incommunicado|without))|(?:is|are|was|were|been|remain|remains)\s+held|"
    r"in\s+captivity|taken\s+away|seized",
    "transfer": r"transferr(?:ed|ing)|moved(?:\s+(?:him|her|them|back))?\s+(?:to|from)|"
    r"(?:taken|sent)(?:\s+(?:him|her|them|back))?\s+to|transported|deported|relocated|convoyed",
    "abuse": r"beat(?:en|ing|ings)?|tortur(?:ed|e|ing)|abused?|ill-treat(?:ed|ment)|"
    r"electric\s+shocks?|mistreat(?:ed|ment)",
    "coercion": r"forc(?:ed|ing)\s+(?:him|her|them|\w+)?\s*to|coerc(?:ed|ion)|compelled|"
    r"pressured\s+(?:him|her|them)?\s*(?:to|into)|made\s+to\s+sign|threatened",
    "refusal": r"refus(?:ed|ing|al)\s+to\s+(?:fight|return|go|serve|take\s+part)|"
    r"refuseniks?|balkers?|conscientious\s+objector",
    "release": r"releas(?:ed|e)|freed|exchanged|swapped|(?:prisoner|pow)\s+(?:exchange|swap)|"
    r"returned\s+(?:home\s+)?from\s+captivity|came\s+home\s+from\s+captivity|set\s+free",
    "disappearance": r"(?:went|gone|go|reported|listed|is|was|remains?|been)\s+missing|"
    r"missing\s+in\s+action|disappear(?:ed|ance)|vanished|lost\s+contact|whereabouts\s+"
    r"(?:are|is|remain)\s+unknown",
    "death": r"killed|died|dead|death|perished|body\s+was\s+(?:found|returned)|shot\s+dead",
    "sentencing": r"sentenc(?:ed|e)|convicted|jailed\s+for|found\s+guilty",
}

# Russian and Ukrainian triggers: each entry is a sequence of lemmas; the words of a multi-word
# trigger may have up to two words between them («взяли его в плен»).
_SLAVIC: Final[dict[str, dict[str, tuple[tuple[str, ...], ...]]]] = {
    "ru": {
        "detention": (
            ("задержать",),
            ("задерживать",),
            ("задержание",),
            ("удерживать",),
            ("содержаться",),
            ("арестовать",),
            ("арест",),
            ("похитить",),
            ("похищение",),
            ("пленить",),
            ("взять", "в", "плен"),
            ("попасть", "в", "плен"),
            ("находиться", "в", "плен"),
            ("оказаться", "в", "плен"),
            ("захватить",),
            ("задержанный",),
            ("удерживаться",),
            ("держать",),
        ),
        "transfer": (
            ("этапировать",),
            ("этапирование",),
            ("перевести",),
            ("переводить",),
            ("перевезти",),
            ("вывезти",),
            ("депортировать",),
            ("этап",),
            ("переместить",),
        ),
        "abuse": (
            ("избивать",),
            ("избить",),
            ("пытать",),
            ("пытка",),
            ("бить",),
            ("издеваться",),
            ("издевательство",),
            ("избиение",),
            ("током",),
        ),
        "coercion": (
            ("заставлять",),
            ("заставить",),
            ("принуждать",),
            ("принудить",),
            ("вынуждать",),
            ("вынудить",),
            ("угрожать",),
        ),
        "refusal": (
            ("отказаться", "воевать"),
            ("отказываться", "воевать"),
            ("отказаться", "участвовать"),
            ("отказаться", "возвращаться"),
            ("отказаться", "ехать"),
            ("отказник",),
            ("отказ", "воевать"),
            ("отказ", "участвовать"),
        ),
        "release": (
            ("освободить",),
            ("освобождение",),
            ("обменять",),
            ("обмен",),
            ("вернуться", "из", "плен"),
            ("вернуть", "из", "плен"),
            ("отпустить",),
            ("освобождать",),
        ),
        "disappearance": (
            ("пропасть", "без", "вести"),
            ("пропавший", "без", "вести"),
            ("исчезнуть",),
            ("безвестно",),
            ("пропасть",),
            ("связь", "прерваться"),
            ("потерять", "связь"),
        ),
        "death": (
            ("погибнуть",),
            ("умереть",),
            ("убить",),
            ("скончаться",),
            ("гибель",),
            ("смерть",),
            ("погибший",),
            ("тело",),
        ),
        "sentencing": (("приговорить",), ("осудить",), ("приговор",)),
    },
    "uk": {
        "detention": (
            ("затримати",),
            ("затримувати",),
            ("затримання",),
            ("утримувати",),
            ("утримуватися",),
            ("перебувати", "в", "полон"),
            ("полонити",),
            ("викрасти",),
            ("викрадення",),
            ("заарештувати",),
            ("арешт",),
            ("взяти", "в", "полон"),
            ("потрапити", "в", "полон"),
            ("потрапити", "до", "полон"),
            ("опинитися", "в", "полон"),
            ("тримати",),
            ("захопити",),
            ("затриманий",),
        ),
        "transfer": (
            ("перевести",),
            ("переводити",),
            ("етапувати",),
            ("етапування",),
            ("перевезти",),
            ("вивезти",),
            ("депортувати",),
            ("етап",),
        ),
        "abuse": (
            ("катувати",),
            ("катування",),
            ("бити",),
            ("побити",),
            ("збивати",),
            ("знущатися",),
            ("знущання",),
            ("побиття",),
        ),
        "coercion": (
            ("змушувати",),
            ("змусити",),
            ("примушувати",),
            ("примусити",),
            ("погрожувати",),
        ),
        "refusal": (
            ("відмовитися", "воювати"),
            ("відмовлятися", "воювати"),
            ("відмова", "воювати"),
            ("відмовитися", "брати", "участь"),
            ("відмовник",),
            ("відмовитися", "повертатися"),
        ),
        "release": (
            ("звільнити",),
            ("звільнення",),
            ("обміняти",),
            ("обмін",),
            ("повернутися", "з", "полон"),
            ("повернути", "з", "полон"),
            ("повернутися", "додому", "з", "полон"),
            ("відпустити",),
        ),
        "disappearance": (
            ("зникнути", "безвісти"),
            ("зниклий", "безвісти"),
            ("зникнути",),
            ("зниклий",),
            ("безвісти",),
            ("зв'язок", "обірватися"),
            ("втратити", "зв'язок"),
        ),
        "death": (
            ("загинути",),
            ("померти",),
            ("вбити",),
            ("убити",),
            ("загибель",),
            ("смерть",),
            ("загиблий",),
            ("тіло",),
        ),
        "sentencing": (("засудити",), ("вирок",), ("засуджений",)),
    },
}
# Prepositions inside multi-word triggers that writers swap or drop («в плен», «у полон»).
_LOOSE_PREPOSITIONS: Final = frozenset(("в", "у", "во", "до", "из", "з", "із"))
_NEGATIONS: Final = frozenset(("not", "never", "no", "не", "ні", "ни", "n't"))
# Words before a name that make its bearer a speaker about the event rather than its subject.
_KIN: Final = frozenset(
    _wordlist(
        "mother father sister brother wife husband son daughter parents relative cousin uncle aunt "
        "grandmother grandfather fiancee girlfriend boyfriend lawyer attorney "
        "мать мама отец папа сестра брат жена муж сын дочь родственник родственница адвокат "
        "мати батько тато сестра брат дружина чоловік син донька дочка родич родичка адвокат "
        "адвокатка"
    )
)
# Words before a place that make it someone's origin rather than where the event happened:
# "from Melitopol", "resident of Kherson", «жителя Мелитополя», «мешканця Херсона».
_ORIGIN: Final = frozenset(
    _wordlist(
        "from of из изо от з із зі від житель жительница уроженец защитник мешканець мешканка "
        "уродженець захисник"
    )
)
_WORD: Final = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*|\d+", re.UNICODE)
_ABBREVIATIONS: Final = frozenset(
    _wordlist(
        "г гг р рр ул вул обл им ім ст т е mr mrs ms dr st no gen col lt sgt jan feb mar apr jun "
        "jul aug sept sep oct nov dec corp pvt vs с см тыс тис млн ген полк подп мл сер пгт смт"
    )
)


@cache
def _morph(language: str) -> pymorphy3.MorphAnalyzer:
    """One analyzer per language per process: the dictionaries take a moment to load."""
    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=65536)
def _lemmas(word: str, language: str) -> frozenset[str]:
    """All normal forms pymorphy3 offers for the word, since the first parse is often wrong."""
    word = word.lower().replace("’", "'").replace("ʼ", "'")
    return frozenset({word} | {p.normal_form for p in _morph(language).parse(word)})


@cache
def _lexicon_prefixes(language: str) -> frozenset[str]:
    """First two letters of every trigger lemma: a word and its lemma share them, so other
    words need not be analysed."""
    entries = _SLAVIC[language].values()
    lemma_prefixes = {part[:2] for group in entries for entry in group for part in entry}
    return frozenset(lemma_prefixes | {"бь", "б'"})  # бьют, б'ють: бить, бити


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a stop, then space and a capital, digit or quote; not after abbreviations."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?…]+[\"»”)]*\s+(?=[\"«“(]?[A-ZА-ЯЁІЇЄҐ0-9])|\n\s*\n|\n(?=\S)", text):
        before = re.search(r"(\w+)\W*$", text[start : m.start() + 1])
        word = before[1] if before else ""
        if m[0].startswith(".") and (
            word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())
        ):
            continue
        if text[start : m.start()].strip():
            spans.append(_trim(text, start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _slavic_triggers(
    text: str, sentence: tuple[int, int], language: str
) -> list[tuple[str, int, int]]:
    """(type, start, end) of lemma triggers in a Russian or Ukrainian sentence.

    The words of a multi-word trigger may come in any order within four words of its first
    word: «взяли его в плен», «из плена вернулся», «без вести пропал».
    """
    tokens = list(_WORD.finditer(text, sentence[0], sentence[1]))
    prefixes = _lexicon_prefixes(language)
    lemmas = [
        _lemmas(t[0], language) if t[0][:2].lower() in prefixes else frozenset() for t in tokens
    ]
    present = frozenset().union(*lemmas)
    found: list[tuple[str, int, int]] = []
    for kind, entries in _SLAVIC[language].items():
        for entry in entries:
            if entry[0] not in present:  # most entries: spare the scan of every word
                continue
            for i, lem in enumerate(lemmas):
                if entry[0] not in lem:
                    continue
                near = range(max(0, i - 4), min(len(lemmas), i + 5))
                parts = [p for p in entry[1:] if p not in _LOOSE_PREPOSITIONS]
                where = [next((k for k in near if part in lemmas[k]), None) for part in parts]
                if any(k is None for k in where):
                    continue
                first = min([i, *(k for k in where if k is not None)])
                last = max([i, *(k for k in where if k is not None)])
                found.append((kind, tokens[first].start(), tokens[last].end()))
    return found


def _english_triggers(text: str, sentence: tuple[int, int]) -> list[tuple[str, int, int]]:
    """(type, start, end) of pattern triggers in an English sentence."""
    found: list[tuple[str, int, int]] = []
    for kind, pattern in _english_patterns().items():
        for m in pattern.finditer(text[sentence[0] : sentence[1]]):
            found.append((kind, sentence[0] + m.start(), sentence[0] + m.end()))
    return found


@cache
def _english_patterns() -> dict[str, re.Pattern[str]]:
    """The English trigger patterns, compiled once."""
    return {kind: re.compile(r"\b(?:" + pattern + r")\b", re.I) for kind, pattern in _EN.items()}


def _negated(text: str, sentence_start: int, trigger_start: int, window: int) -> bool:
    """A negation among the few words before the trigger: «не был задержан», "wasn't held"."""
    before = text[sentence_start:trigger_start].lower().replace("’", "'").replace("n't", " not")
    words = re.findall(r"[^\W\d_]+", before)[-window:]
    return any(w in _NEGATIONS for w in words)


def _spans(item: EntityInput) -> list[tuple[int, int]]:
    """The mention spans of an input: a pair, a contract dict, an entity or a span object."""
    if isinstance(item, tuple):
        return [(int(item[0]), int(item[1]))]
    if isinstance(item, Mapping):  # a "people"/"places" entry of the extraction contract
        if "mentions" in item:
            return [(int(m[0]), int(m[1])) for m in item["mentions"]]
        return [(int(item["start"]), int(item["end"]))]
    if isinstance(item, Entity):
        return [(int(m[0]), int(m[1])) for m in item.mentions]
    return [(item.start, item.end)]


def _inside(spans: list[tuple[int, int]], sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """The spans that lie within the sentence."""
    return [s for s in spans if sentence[0] <= s[0] and s[1] <= sentence[1]]


def _distance(span: tuple[int, int], trigger: tuple[int, int]) -> int:
    """Characters between a span and the trigger (0 when they touch or overlap)."""
    return max(0, span[0] - trigger[1], trigger[0] - span[1])


def _nearest(
    items: Sequence[EntityInput],
    sentence: tuple[int, int],
    trigger: tuple[int, int],
    skip: Callable[[tuple[int, int]], bool] = lambda span: False,
) -> int | None:
    """Index of the item with a mention in the sentence nearest to the trigger."""
    best: tuple[int, int] | None = None
    for index, item in enumerate(items):
        for span in _inside(_spans(item), sentence):
            if skip(span):
                continue
            d = _distance(span, trigger)
            if best is None or d < best[0]:
                best = (d, index)
    return best[1] if best else None


def _word_before(text: str, start: int, floor: int) -> str:
    """The word just before ``start`` (not before ``floor``), lower-cased, or ''."""
    m = re.search(r"([^\W\d_]+)[\W\d_]*$", text[floor:start])
    return m[1].lower().replace("’", "'") if m else ""


def _marked(word: str, language: str, words: frozenset[str]) -> bool:
    """The word, or one of its lemmas in Russian and Ukrainian, is in the set."""
    if not word:
        return False
    return word in words or (language != "en" and bool(_lemmas(word, language) & words))


def _people_in(
    text: str, people: Sequence[EntityInput], sentence: tuple[int, int], language: str
) -> tuple[int, ...]:
    """People mentioned in the sentence, in order; a relative or lawyer only if alone.

    "Andrei Sokolov refused to fight, his mother Tatiana said": the mother speaks about the
    event and is not in it; "his son Ivan was detained" names no one else and keeps Ivan.
    """
    firsts = []
    for index, item in enumerate(people):
        inside = _inside(_spans(item), sentence)
        if inside:
            first = min(s[0] for s in inside)
            kin = _marked(_word_before(text, first, sentence[0]), language, _KIN)
            firsts.append((first, index, kin))
    if any(not kin for _, _, kin in firsts):
        firsts = [f for f in firsts if not f[2]]
    return tuple(index for _, index, _ in sorted(firsts))


def _has_pronoun(text: str, sentence: tuple[int, int], options: EventOptions) -> bool:
    """The sentence refers to someone by a personal pronoun («его этапировали», "He was")."""
    words = re.findall(r"[^\W\d_]+", text[sentence[0] : sentence[1]].lower())
    return any(w in options.pronouns for w in words)


def _language(text: str, language: str) -> str:
    """en, ru or uk: unknown languages fall back on the script."""
    if language in ("en", "ru", "uk"):
        return language
    return "ru" if re.search(r"[а-яё]", text, re.IGNORECASE) else "en"


@dataclass(frozen=True)
class _Context:
    """The other stages' findings for one text, as ``find_events`` received them."""

    text: str
    language: str
    people: Sequence[EntityInput]
    places: Sequence[EntityInput]
    facilities: Sequence[EntityInput]
    units: Sequence[EntityInput]
    dates: Sequence[DateLike]
    counts: Sequence[CountLike]
    options: EventOptions


def find_events(
    text: str,
    language: str,
    *,
    people: Sequence[EntityInput] = (),
    places: Sequence[EntityInput] = (),
    facilities: Sequence[EntityInput] = (),
    units: Sequence[EntityInput] = (),
    dates: Sequence[DateLike] = (),
    counts: Sequence[CountLike] = (),
    options: EventOptions | None = None,
) -> list[Event]:
    """Events of the nine types in ``text``, one per sentence and type, with their context."""
    options = options or EventOptions()
    language = _language(text, language)
    ctx = _Context(text, language, people, places, facilities, units, dates, counts, options)
    events: list[Event] = []
    named: list[tuple[int, tuple[int, ...]]] = []  # (sentence number, its people)
    for number, sentence in enumerate(split_sentences(text)):
        who = _people_in(text, people, sentence, language)
        if who:
            named.append((number, who))
        elif _has_pronoun(text, sentence, options):
            earlier = [p for n, p in named if number - options.pronoun_lookback <= n < number]
            who = earlier[-1] if earlier else ()
            if who:  # "He was beaten. He was moved": the chain carries on
                named.append((number, who))
        if language == "en":
            triggers = _english_triggers(text, sentence)
        else:
            triggers = _slavic_triggers(text, sentence, language)
        seen: set[str] = set()
        for kind, t_start, t_end in sorted(triggers, key=lambda t: t[1]):
            if kind in seen:
                continue
            seen.add(kind)  # a negated first trigger denies the type for the whole sentence
            if _negated(text, sentence[0], t_start, options.negation_window):
                continue
            events.append(_event(ctx, kind, sentence, (t_start, t_end), who))
    return events


def _event(
    ctx: _Context,
    kind: str,
    sentence: tuple[int, int],
    trigger: tuple[int, int],
    who: tuple[int, ...],
) -> Event:
    """One event: the given people and the context nearest to the trigger in the sentence."""
    date_index = _nearest([(d.start, d.end) for d in ctx.dates], sentence, trigger)
    count_index = _nearest([(c.start, c.end) for c in ctx.counts], sentence, trigger)
    when = None
    if date_index is not None:
        when = (ctx.dates[date_index].value, ctx.dates[date_index].end_value)
    return Event(
        type=kind,
        evidence=sentence,
        trigger=trigger,
        people=who,
        place=_nearest(
            ctx.places,
            sentence,
            trigger,
            lambda span: _marked(
                _word_before(ctx.text, span[0], sentence[0]), ctx.language, _ORIGIN
            ),
        ),
        facility=_nearest(ctx.facilities, sentence, trigger),
        unit=_nearest(ctx.units, sentence, trigger),
        date=when,
        count=ctx.counts[count_index].count if count_index is not None else None,
    )


def event_to_dict(event: Event) -> dict[str, object]:
    """The event as one entry of ``events`` in the extraction contract."""
    return {
        "type": event.type,
        "date": (
            {"start": event.date[0], "end": event.date[1] or event.date[0]} if event.date else None
        ),
        "place": event.place,
        "facility": event.facility,
        "unit": event.unit,
        "people": list(event.people),
        "count": event.count,
        "evidence": list(event.evidence),
    }
