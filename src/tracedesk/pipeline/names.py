"""Names across scripts: detect the script, romanise, split, and key for search.

A name reaches TraceDesk as «Іван», «Иван», "Ivan" or "IVAN"; a surname as «Сидоренко»,
"Sydorenko" or "Sidorenko". The search key maps all of them to one spelling by folding the
letters on which transliteration systems disagree into one class each:

- г / ґ / h / g / gh: Ukrainian Г is H in the national system, Russian Г is G.
- е / є / э / ё / e / ye / ie / je: iotation is written three ways and often dropped.
- и / і / ї / ы / й / y / i / j / iy / ii / yi: every system spells these differently.
- х / kh / h / ch (German): the same sound.
- ж / zh / j (French) / z^; ш / sh / sch; щ / shch / sch / shtch; ч / ch / tch / tsch.
- ц / ts / tz / c / z (German); я / ya / ia / ja; ю / yu / iu / ju.
- w → v, x → ks, q → k, ph → f; doubled letters collapse (Kirillov / Kirilov).

The key is for finding, not for deciding: two different people can share it. The matcher
(a later stage) scores candidates; this only makes sure the right one is among them.
"""

from __future__ import annotations

import re
import unicodedata

_UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
_RUSSIAN_ONLY = set("ыэъёЫЭЪЁ")
_APOSTROPHES = "'’ʼ`´"

# Ukrainian: the national standard of 2010 (Cabinet of Ministers resolution 55).
# Є Ї Й Ю Я are written differently at the start of a word: (start, elsewhere).
_UK_POSITIONAL = {
    "є": ("ye", "ie"),
    "ї": ("yi", "i"),
    "й": ("y", "i"),
    "ю": ("yu", "iu"),
    "я": ("ya", "ia"),
}
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ъ": "", "ё": "io", "ы": "y", "э": "e",
}
# Russian: BGN/PCGN as the press uses it, without diacritics (Ё → Yo, Й → Y, Ы → Y).
_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}

# The search key's reduced alphabet, Cyrillic side: one class per letter family.
_KEY_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "e", "э": "e",
    "ё": "e", "ж": "j", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "ы": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "h", "ц": "c", "ч": "q", "ш": "w", "щ": "w", "ъ": "", "ь": "", "ю": "iu",
    "я": "ia",
}
# Latin side: longest sequences first; output in the same reduced alphabet
# (j = zh, q = ch, w = sh/shch, c = ts, h = kh/h/g folded below).
_KEY_LATIN = [
    ("shtch", "w"), ("shch", "w"), ("sch", "w"), ("tsch", "q"), ("tch", "q"), ("sh", "w"),
    ("zh", "j"), ("kh", "h"), ("ch", "q"), ("ts", "c"), ("tz", "c"), ("ph", "f"),
    ("ya", "ia"), ("ja", "ia"), ("yu", "iu"), ("ju", "iu"), ("ye", "e"), ("je", "e"),
    ("yo", "e"), ("jo", "e"), ("x", "ks"), ("w", "v"), ("q", "k"), ("y", "i"), ("j", "i"),
]
_KEY_LATIN_RE = re.compile("|".join(re.escape(a) for a, _ in _KEY_LATIN))
_KEY_LATIN_MAP = dict(_KEY_LATIN)

PATRONYMIC_SUFFIXES = (
    "ович", "евич", "йович", "ьович", "іч", "ич", "овна", "евна", "ївна", "івна", "ична", "інична",
    "ovych", "evych", "ovich", "evich", "ovna", "evna", "ivna", "yivna", "ichna", "ychna",
)

# Given names common in Russia and Ukraine, Cyrillic and Latin, used only to guess which
# token of a two-token name is the given name.
GIVEN_NAMES = frozenset(
    """
    иван іван ivan олександр александр oleksandr aleksandr alexander сергей сергій serhii sergey
    андрей андрій andrii andrey дмитрий дмитро dmytro dmitry dmitriy николай микола mykola nikolay
    nikolai владимир володимир volodymyr vladimir алексей олексій oleksii aleksey alexey михаил
    михайло mykhailo mikhail юрий юрій yurii yuriy виктор віктор viktor victor евгений євген yevhen
    evgeny yevgeny павел павло pavlo pavel василий василь vasyl vasily петр петро petro pyotr
    pyotr peter игорь ігор ihor igor максим maksym maxim maksim артем артём artem artyom денис
    denys denis роман roman богдан bohdan тарас taras ярослав yaroslav григорий григорій hryhorii
    grigory анатолий анатолій anatolii anatoly виталий віталій vitalii vitaly вадим vadym vadim
    руслан ruslan станислав станіслав stanislav илья ілля illia ilya кирилл кирило kyrylo kirill
    антон anton степан stepan федор федір fedir fyodor константин костянтин kostiantyn konstantin
    олег oleh oleg валерий валерій valerii valery геннадий геннадій hennadii gennady
    мария марія mariia maria анна ганна hanna anna ольга olha olga елена олена olena elena
    наталья наталія nataliia natalia ирина ірина iryna irina татьяна тетяна tetiana tatiana
    светлана світлана svitlana svetlana людмила liudmyla lyudmila юлия юлія yuliia yulia
    екатерина катерина kateryna ekaterina оксана oksana галина halyna galina надежда надія
    nadiia nadezhda валентина valentyna valentina вера віра vira vera любовь любов liubov lyubov
    """.split()
)


def _letters(text: str) -> list[str]:
    return [ch for ch in text if ch.isalpha()]


def detect_script(text: str) -> str:
    """ISO 15924 code of the letters: Cyrl, Latn, Mixed, or Zyyy when there are none."""
    scripts = set()
    for ch in _letters(text):
        name = unicodedata.name(ch, "")
        if name.startswith("CYRILLIC"):
            scripts.add("Cyrl")
        elif name.startswith("LATIN"):
            scripts.add("Latn")
        else:
            scripts.add("Other")
    if not scripts:
        return "Zyyy"
    if len(scripts) > 1:
        return "Mixed"
    script = scripts.pop()
    return "Mixed" if script == "Other" else script


def guess_language(name: str) -> str | None:
    """'uk' or 'ru' when the Cyrillic carries a letter only one of them has; else None."""
    letters = set(name)
    if letters & _UKRAINIAN_ONLY or re.search(rf"\w[{_APOSTROPHES}]\w", name) and detect_script(name) == "Cyrl":
        return "uk"
    if letters & _RUSSIAN_ONLY:
        return "ru"
    return None


def _romanize_word(word: str, language: str) -> str:
    out: list[str] = []
    lower = word.lower()
    for i, ch in enumerate(lower):
        if ch in _APOSTROPHES:
            continue
        if language == "uk":
            if ch in _UK_POSITIONAL:
                # After an apostrophe the letter is inside the word: Мар'яна → Mariana.
                at_start = i == 0 or not (lower[i - 1].isalpha() or lower[i - 1] in _APOSTROPHES)
                latin = _UK_POSITIONAL[ch][0 if at_start else 1]
            elif ch == "г" and i > 0 and lower[i - 1] == "з":
                latin = "gh"  # зг → zgh, so that it is not read as zh
            else:
                latin = _UK.get(ch, ch)
        else:
            latin = _RU.get(ch, ch)
        out.append(latin[:1].upper() + latin[1:] if word[i].isupper() else latin)
    text = "".join(out)
    return text.upper() if word.isupper() and len(word) > 1 else text


def romanize(text: str, language: str | None = None) -> str:
    """Readable Latin: Ukrainian by the 2010 national standard, Russian by BGN/PCGN without diacritics."""
    if detect_script(text) in {"Latn", "Zyyy"}:
        return text
    lang = language if language in {"uk", "ru"} else (guess_language(text) or "ru")
    return re.sub(r"[^\W\d_]+(?:[" + _APOSTROPHES + r"][^\W\d_]+)*", lambda m: _romanize_word(m.group(0), lang), text)


def _key_word(word: str) -> str:
    if detect_script(word) == "Cyrl":
        latin = "".join(_KEY_CYRILLIC.get(ch, ch) for ch in word)
    else:
        latin = unicodedata.normalize("NFKD", word)
        latin = "".join(ch for ch in latin if not unicodedata.combining(ch))
        latin = "".join(_KEY_CYRILLIC.get(ch, ch) for ch in latin)  # stray Cyrillic in a Latin word
        latin = _KEY_LATIN_RE.sub(lambda m: _KEY_LATIN_MAP[m.group(0)], latin)
    # h and g are one class (Г is H in Ukrainian, G in Russian); the reduced j (zh) stays apart.
    latin = latin.replace("gh", "g").replace("h", "g")
    # Iotated vowels after a consonant lose their glide in many spellings (Mariia/Maria).
    latin = re.sub(r"i+", "i", latin)
    latin = re.sub(r"(?<=[^aeiou])i(?=[aeou])", "", latin)
    latin = re.sub(r"(.)\1+", r"\1", latin)
    return re.sub(r"[^a-z]", "", latin)


def search_key(text: str) -> str:
    """A lowercase ASCII key that is the same for a name in any script, system or case."""
    words = re.findall(r"[^\W\d_]+(?:[" + _APOSTROPHES + r"-][^\W\d_]+)*", text.lower())
    keys = [_key_word(word.replace("-", "")) for word in words]
    return " ".join(key for key in keys if key)


def _is_patronymic(token: str) -> bool:
    lower = token.lower()
    return len(lower) > 5 and lower.endswith(PATRONYMIC_SUFFIXES)


def _is_given(token: str) -> bool:
    return token.lower() in GIVEN_NAMES


SURNAME_SUFFIXES = (
    "ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ина", "ына", "енко", "ко", "ук", "юк", "чук", "ський",
    "ский", "цкий", "цький", "ська", "ская", "ич", "ак", "як",
    "ov", "ev", "in", "ova", "eva", "ina", "enko", "uk", "iuk", "chuk", "skyi", "sky", "skiy", "ska", "skaya",
)


def _looks_like_surname(token: str) -> bool:
    return token.lower().endswith(SURNAME_SUFFIXES)


def split_name(full: str) -> tuple[str | None, str | None, str | None]:
    """(given, patronymic, surname) whatever the order: "Сидоренко Иван Петрович" or "Ivan Sydorenko"."""
    tokens = [t for t in re.split(r"\s+", full.strip().strip(",")) if t]
    tokens = [t.strip(",") for t in tokens]
    if not tokens:
        return None, None, None
    if len(tokens) == 1:
        return (tokens[0], None, None) if _is_given(tokens[0]) else (None, None, tokens[0])
    if len(tokens) >= 3:
        if _is_patronymic(tokens[1]):
            # Given Patronymic Surname…
            return tokens[0], tokens[1], " ".join(tokens[2:])
        if _is_patronymic(tokens[-1]):
            # Surname Given Patronymic (the official order)
            return tokens[-2], tokens[-1], " ".join(tokens[:-2])
        return tokens[0], None, " ".join(tokens[1:])
    first, second = tokens
    if _is_given(second) and not _is_given(first):
        return second, None, first
    if not _is_given(first) and _looks_like_surname(first) and not _looks_like_surname(second):
        # Lists and court records write the surname first: «Канарейкин Защищённый».
        return second, None, first
    return first, None, second
