"""Compare two person names across scripts, transliterations, diminutives and word order.

``compare_names("Vanya Sydorenko", "Сидоренко Иван Петрович")`` parses both names
(``parse.parse_name``), compares surnames, given names and patronymics part by part, and returns
a score in [0, 1] with the reasons a caseworker reads. The cascade for one word:

1. the same ``search_key`` (spelling-insensitive; the reason names the transliteration systems
   that explain the spelling), or the same readable romanisation (Yolkin, «Ёлкин»);
2. the male and female forms of one surname (Петров, Петрова);
3. for given names, the same canonical name (Vanya is a diminutive of Иван), or two different
   names (Иван, Игорь), which is decisive against; for patronymics, the father's name
   (Миколайович is Николаевич, not Петрович);
4. the mean of Jaro-Winkler and the edit-distance ratio of the keys, with Daitch–Mokotoff
   agreement as support only: a shared sound code alone never makes two surnames one.

A patronymic present in one name only counts neither way. Different given names, surnames,
fathers or sexes cap the whole score, however well the rest agrees.

Weights and thresholds are declared once, below, with the reason beside them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from tracedesk.pipeline.matching.given_names import GivenName, canonical_given
from tracedesk.pipeline.matching.parse import ParsedName, parse_name, surname_forms
from tracedesk.pipeline.matching.phonetic import dm_codes_any
from tracedesk.pipeline.matching.translit import variants
from tracedesk.pipeline.names import PATRONYMIC_SUFFIXES, guess_language, romanize, search_key

__all__ = [
    "NameComparison",
    "WordFeatures",
    "compare_names",
    "father_names",
    "jaro_winkler",
    "key_similarity",
    "levenshtein",
    "word_features",
    "word_similarity",
]

# Share of each part in the score when both names have it. The surname carries most: it is
# the part sources agree on; given names come next; a patronymic confirms but is often dropped.
WEIGHTS: Final = {"surname": 0.5, "given": 0.35, "patronymic": 0.15}
# Scores of one word against another, by the strongest evidence found.
SAME_KEY: Final = 1.0
GENDERED_FORM: Final = 0.95  # Петров/Петрова: one family, and the sexes can be checked apart
SAME_PLAIN: Final = 0.97  # the readable romanisations agree though the search keys do not
SAME_CANONICAL: Final = 0.95  # Ваня/Иван: the same name, but the exact form differs
INITIAL_AGREES: Final = 0.8  # И. against Иван: compatible, not confirmed
# Keys closer than this (key_similarity) are spelling variants; below it, different words.
# Sidorov/Sidorenko (0.73) and Kravets/Kravchuk (0.71) fall below; Kovalenko/Kovalenka (0.92) not.
SIMILAR_FLOOR: Final = 0.80
DIFFERENT_BELOW: Final = SIMILAR_FLOOR * 0.5  # word scores below this mean different words
PHONETIC_BONUS: Final = 0.05  # a shared Daitch–Mokotoff code lifts a near spelling, never alone
# Different given names (Иван against Игорь), surnames, fathers' names or sexes cap the
# whole comparison here: agreement elsewhere must not outweigh them.
CONFLICT_CAP: Final = 0.3
# "exact": every part the same key; "strong": worth proposing; "possible": worth a look.
LEVELS: Final = ((0.999, "exact"), (0.85, "strong"), (0.65, "possible"), (0.4, "weak"))

_SYSTEM_NAMES: Final = {
    "gost_7.79_b": "GOST 7.79-2000 System B",
    "icao": "ICAO Doc 9303 (passport)",
    "bgn_pcgn": "BGN/PCGN",
    "press": "common English press",
    "kmu_2010": "Ukrainian 2010 national",
    "uk_1996": "Ukrainian 1996",
    "russian_style": "Russian-style",
}


@dataclass(frozen=True, slots=True)
class NameComparison:
    """A score in [0, 1], its level, and the reasons that explain it."""

    score: float
    level: str
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class WordFeatures:
    """What a single word is compared by; computed once per word."""

    text: str
    key: str
    forms: frozenset[str]
    given: frozenset[GivenName]
    codes: frozenset[str]
    cyrillic: bool
    plain: str  # lowercase a-z: the readable romanisation, or the Latin without diacritics


def jaro_winkler(a: str, b: str, prefix_scale: float = 0.1) -> float:
    """Jaro-Winkler similarity in [0, 1]; 1.0 only for equal strings."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    window = max(max(len(a), len(b)) // 2 - 1, 0)
    a_flags = [False] * len(a)
    b_flags = [False] * len(b)
    matches = 0
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not b_flags[j] and b[j] == ch:
                a_flags[i] = b_flags[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    a_matched = [ch for ch, flag in zip(a, a_flags, strict=True) if flag]
    b_matched = [ch for ch, flag in zip(b, b_flags, strict=True) if flag]
    transpositions = sum(x != y for x, y in zip(a_matched, b_matched, strict=True)) // 2
    jaro = (matches / len(a) + matches / len(b) + (matches - transpositions) / matches) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * prefix_scale * (1 - jaro)


def levenshtein(a: str, b: str) -> int:
    """Edits (insert, delete, substitute one letter) that turn one string into the other."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def key_similarity(a: str, b: str) -> float:
    """Mean of Jaro-Winkler and the edit-distance ratio of two skeleton keys.

    Jaro-Winkler alone rewards a shared beginning too much for surnames, whose endings carry
    the difference (Sidorov, Sidorenko: 0.90); the edit ratio (0.56) pulls that down.
    """
    if a == b:
        return 1.0
    longest = max(len(a), len(b))
    if not longest:
        return 0.0
    jaro = jaro_winkler(a, b)
    if jaro < 0.5:
        # Far apart either way; half of Jaro-Winkler is a lower bound of the mean and spares
        # the edit distance, the slower half, on most pairs of a candidate list.
        return jaro / 2
    return (jaro + 1 - levenshtein(a, b) / longest) / 2


def _is_cyrillic(text: str) -> bool:
    return any(unicodedata.name(ch, "").startswith("CYRILLIC") for ch in text)


@lru_cache(maxsize=131072)
def word_features(word: str) -> WordFeatures:
    """Key, gendered forms, canonical given names and sound codes of one word."""
    return WordFeatures(
        text=word,
        key=search_key(word).replace(" ", ""),
        forms=surname_forms(word),
        given=canonical_given(word),
        codes=dm_codes_any(word),
        cyrillic=_is_cyrillic(word),
        plain=_plain(word),
    )


def _plain(word: str) -> str:
    latin = unicodedata.normalize("NFKD", romanize(word).lower())
    return "".join(ch for ch in latin if "a" <= ch <= "z")


def _system_of(cyrillic: str, latin: str) -> str | None:
    """Where the Latin word comes from: "in the BGN/PCGN transliteration", or None.

    Cyrillic that could be either language is tried as Russian first, then Ukrainian, and
    the first language with a match names its systems ("every Russian system" when all do).
    """
    target = latin.lower()
    language = guess_language(cyrillic)
    for lang in [language] if language else ["ru", "uk"]:
        forms = variants(cyrillic, lang)
        systems = [_SYSTEM_NAMES[system] for system, form in forms.items() if form == target]
        if len(systems) == len(forms):
            return "in every " + ("Russian" if lang == "ru" else "Ukrainian") + " transliteration"
        if systems:
            plural = "s" if len(systems) > 1 else ""
            listed = ", ".join(systems[:-1]) + " and " + systems[-1] if plural else systems[0]
            return "in the " + listed + " transliteration" + plural
    return None


_LABELS: Final = {"given": "given name"}


def _same_key_reason(a: WordFeatures, b: WordFeatures, part: str) -> str:
    part = _LABELS.get(part, part)
    if a.text == b.text:
        return f"the same {part}: {a.text}"
    if a.text.lower() == b.text.lower():
        return f"the same {part}, written in different case: {a.text} and {b.text}"
    if a.cyrillic != b.cyrillic:
        cyr, lat = (a, b) if a.cyrillic else (b, a)
        system = _system_of(cyr.text, lat.text)
        if system:
            return f"{lat.text} is {cyr.text} {system}"
        return f"{lat.text} is a Latin spelling of {cyr.text}"
    if a.cyrillic:
        return f"{a.text} and {b.text} are spellings of the same {part} in Russian and Ukrainian"
    return f"{a.text} and {b.text} are the same {part} in different transliterations"


def word_similarity(a: WordFeatures, b: WordFeatures, part: str = "name") -> tuple[float, str]:
    """Score of one word against another and the reason, by the strongest evidence."""
    label = _LABELS.get(part, part)
    if a.key and a.key == b.key:
        return SAME_KEY, _same_key_reason(a, b, part)
    if part != "given" and a.forms & b.forms:
        return GENDERED_FORM, f"{a.text} and {b.text} are male and female forms of one surname"
    if a.given and b.given:
        shared = {g.id for g in a.given} & {g.id for g in b.given}
        if shared:
            return SAME_CANONICAL, _canonical_reason(a, b, shared)
        if part == "given":
            return 0.0, f"different given names: {a.text} and {b.text}"
    if part == "given" and (a.given or b.given) and a.key[:1] != b.key[:1]:
        return 0.0, f"different given names: {a.text} and {b.text}"
    if a.plain and a.plain == b.plain:
        # The readable forms agree where the keys keep apart on purpose (Yolkin, «Ёлкин»).
        return SAME_PLAIN, _same_key_reason(a, b, part)
    # The keys fold what Slavic transliterations disagree on; the readable forms keep what
    # they fold, which helps names from other languages (Rijal, «Риджал»).
    similarity = max(key_similarity(a.key, b.key), key_similarity(a.plain, b.plain))
    if similarity < SIMILAR_FLOOR:
        # Kept above zero and ordered, so that candidates can still be ranked.
        return similarity * 0.5, f"different {label}s: {a.text} and {b.text}"
    score = similarity
    reason = f"{a.text} and {b.text} are similar spellings ({similarity:.2f})"
    if a.codes & b.codes:
        score = min(score + PHONETIC_BONUS, 0.97)
        reason = f"{a.text} and {b.text} are similar spellings that sound alike ({similarity:.2f})"
    return score, reason


def _canonical_reason(a: WordFeatures, b: WordFeatures, shared: set[str]) -> str:
    ident = sorted(shared)[0]
    a_dim = any(g.diminutive for g in a.given if g.id == ident)
    b_dim = any(g.diminutive for g in b.given if g.id == ident)
    if a_dim and not b_dim:
        return f"given names are the same name: {a.text} is a diminutive of {b.text}"
    if b_dim and not a_dim:
        return f"given names are the same name: {b.text} is a diminutive of {a.text}"
    if a_dim and b_dim:
        display = next(g.display for g in a.given if g.id == ident)
        return f"given names are the same name: {a.text} and {b.text} are diminutives of {display}"
    return f"given names are the same name: {a.text} and {b.text} are forms of one name"


def _initial_letter(text: str) -> str:
    return search_key(text)[:1]


def _compare_given(a: ParsedName, b: ParsedName) -> tuple[float, str] | None:
    if not a.given or not b.given:
        return None
    if a.given_is_initial or b.given_is_initial:
        if _initial_letter(a.given) == _initial_letter(b.given):
            return (
                INITIAL_AGREES,
                f"the initial {_pick_initial(a, b)} is compatible with the given name",
            )
        return 0.0, f"the initials differ: {a.given} and {b.given}"
    return word_similarity(word_features(a.given), word_features(b.given), "given")


def _pick_initial(a: ParsedName, b: ParsedName) -> str:
    return (a.given if a.given_is_initial else b.given) or ""


# Longest first, so that -йович is cut before -ович and -ович before -ич.
_PATRONYMIC_ENDINGS: Final = tuple(sorted(PATRONYMIC_SUFFIXES, key=len, reverse=True))


@lru_cache(maxsize=65536)
def father_names(patronymic: str) -> frozenset[str]:
    """Canonical ids of the father's given name a patronymic is made from, if known.

    Николаевич, Миколайович and Mykolaiovych all give ``nikolai``: the suffix is cut and the
    stem tried as it is and with -й, -ий, -a restored (Серге-й, Никола-й, Ильи-а is not tried).
    """
    lower = patronymic.lower()
    for ending in _PATRONYMIC_ENDINGS:
        if lower.endswith(ending) and len(lower) > len(ending) + 1:
            stem = patronymic[: -len(ending)]
            latin = not _is_cyrillic(stem)
            restores = ("", "y", "i", "iy") if latin else ("", "й", "ий", "а")
            for restore in restores:
                ids = {g.id for g in canonical_given(stem + restore) if not g.diminutive}
                if ids:
                    return frozenset(ids)
            return frozenset()
    return frozenset()


def _compare_patronymic(a: ParsedName, b: ParsedName) -> tuple[float, str] | None:
    if not a.patronymic or not b.patronymic:
        return None
    if a.patronymic_is_initial or b.patronymic_is_initial:
        if _initial_letter(a.patronymic) == _initial_letter(b.patronymic):
            return INITIAL_AGREES, "the patronymic initial is compatible with the patronymic"
        return 0.0, f"the patronymic initials differ: {a.patronymic} and {b.patronymic}"
    fa, fb = word_features(a.patronymic), word_features(b.patronymic)
    if fa.key != fb.key:
        fathers_a, fathers_b = father_names(a.patronymic), father_names(b.patronymic)
        if fathers_a & fathers_b:
            return SAME_CANONICAL, (
                f"{a.patronymic} and {b.patronymic} are patronymics from the same father's name"
            )
        if fathers_a and fathers_b:
            return 0.0, f"different patronymics: {a.patronymic} and {b.patronymic}"
    return word_similarity(fa, fb, "patronymic")


def _compare_surname(a: ParsedName, b: ParsedName) -> tuple[float, str] | None:
    if not a.surname or not b.surname:
        return None
    a_words = a.surname.replace("-", " ").split()
    b_words = b.surname.replace("-", " ").split()
    # Double surnames: the best pairing of words (Римский-Корсаков against Korsakov).
    best = max(
        (
            word_similarity(word_features(x), word_features(y), "surname")
            for x in a_words
            for y in b_words
        ),
        key=lambda item: item[0],
    )
    return best


def _level(score: float) -> str:
    for floor, name in LEVELS:
        if score >= floor:
            return name
    return "different"


@lru_cache(maxsize=65536)
def _compare(a: str, b: str) -> NameComparison:
    pa, pb = parse_name(a), parse_name(b)
    if not search_key(a) or not search_key(b):
        return NameComparison(0.0, "different", ["a name has no letters to compare"])
    reasons: list[str] = []
    total = weight = 0.0
    conflict = False
    parts = {
        "surname": _compare_surname(pa, pb),
        "given": _compare_given(pa, pb),
        "patronymic": _compare_patronymic(pa, pb),
    }
    for part, result in parts.items():
        if result is None:
            continue
        score, reason = result
        total += WEIGHTS[part] * score
        weight += WEIGHTS[part]
        reasons.append(reason)
        if part in {"given", "patronymic"} and score == 0.0:
            conflict = True  # a different name, or a different father
        if part == "surname" and score < DIFFERENT_BELOW:
            conflict = True
    if parts["surname"] is None and parts["given"] is None:
        # "Иван" against "Сидоренко": cross the lone words before giving up.
        lone_a = pa.surname or pa.given or ""
        lone_b = pb.surname or pb.given or ""
        score, reason = word_similarity(word_features(lone_a), word_features(lone_b))
        return NameComparison(round(score, 4), _level(score), [reason])
    if bool(pa.patronymic) != bool(pb.patronymic) and (pa.patronymic or pb.patronymic):
        reasons.append(
            f"the patronymic {pa.patronymic or pb.patronymic} is given in only one name;"
            " not counted for or against"
        )
    if pa.sex and pb.sex and pa.sex != pb.sex:
        reasons.append("the names point to different sexes")
        conflict = True
    score = total / weight if weight else 0.0
    # One part only (surname alone against a full name) proves less than all parts agreeing.
    if weight < WEIGHTS["surname"] + WEIGHTS["given"]:
        score *= 0.9
    if conflict:
        score = min(score, CONFLICT_CAP)
    return NameComparison(round(score, 4), _level(score), reasons)


def compare_names(a: str, b: str) -> NameComparison:
    """Compare two full names in any script, order and transliteration.

    The score weighs surname, given name and patronymic (``WEIGHTS``) over the parts both
    names have; a patronymic present in one name only counts neither way. Different given
    names or sexes cap the score at ``CONFLICT_CAP``.
    """
    result = _compare(unicodedata.normalize("NFC", a), unicodedata.normalize("NFC", b))
    # A copy: the cached result must not change when a caller edits its reasons.
    return NameComparison(result.score, result.level, list(result.reasons))
