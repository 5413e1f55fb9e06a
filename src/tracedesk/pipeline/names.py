"""Names across scripts: detect the script, romanise, split, and key for search.

A name reaches TraceDesk as «Іван», «Иван», "Ivan" or "IVAN"; a surname as «Сидоренко»,
"Sydorenko" or "Sidorenko". ``romanize`` writes one readable Latin form (Ukrainian by the
2010 national standard, Russian by a simplified BGN/PCGN). ``search_key`` maps every spelling
to one key so that a query in any script or transliteration system finds the record.

The key is built in a reduced Latin alphabet with one letter per sound family::

    a b c d e f g i j k l m n o p q r s t u v w z      c = ц, j = ж, q = ч, w = ш/щ

Cyrillic is mapped letter by letter into it; Latin multi-letter spellings are mapped into it
longest first. The classes below are folded because transliteration systems disagree
exactly there, so keeping them apart would make a Latin query miss a Cyrillic record:

- г ґ х / g h gh kh: Ukrainian Г is H, Russian Г is G, and loose English writes Х as H.
- е є э ё / e ye je ie: iotation is written three ways or dropped, and Ё is usually
  printed as Е; after a consonant ё, йо and yo, jo, io join them (Фёдор, Fyodor, Fiodor;
  Соловйов, Solovyov).
- и і ї ы й / i y j ii iy ij yi: every system spells these differently; runs collapse.
- я ю / ya ja ia, yu ju iu; the glide disappears after a consonant (Mariia, Maria, Mariya).
- ей ій / ey ei iy ii: Russian and Ukrainian forms of one name (Сергей, Сергій, Serhii).
- ж / zh ž ż; ч / ch tch tsch cz č; ш щ / sh sch sz š shch shtch szcz ŝ (ш and щ together,
  because German "sch" and loose English "sh" write either).
- ц / ts tz c (before e, i, y and at the end); other c is k (Victor, Nicolai); тс = ц.
- w → v, x → ks, q → k, ph → f; doubled letters collapse (Kirillov, Kirilov; Anna, Ana).
- ь ъ and apostrophes are dropped (Дарья, Дар'я, Darya, Daria); hyphens split words.

Left apart on purpose, because folding them would merge far more names than it would find:

- French j for ж ("Jenia" is not «Женя»): j is й in German, Polish and scholarly spelling.
- German ch for х ("Charkiw", "Mychajlo") and French ch for ш ("Chevtchenko"): ch is ч in
  English and in both national systems.
- Vowels that differ between the Russian and Ukrainian form of a name (Александр and
  Олександр, Василий and Василь, Ковалёв and Ковальов): these are different spellings,
  not different transliterations.
- Word-initial Ё written Yo ("Yolkin" is not «Ёлкин»; «Елкин» is): Yo- is usually Йо-.
- кг, сг, цг, which the Ukrainian standard writes kh, sh, tsh (only зг gets zgh).

The key is for finding, not for deciding: two different people can share it. The matcher
(a later stage) scores candidates; this only makes sure the right one is among them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

__all__ = [
    "GIVEN_NAMES",
    "PATRONYMIC_SUFFIXES",
    "detect_script",
    "guess_language",
    "romanize",
    "search_key",
    "split_name",
]


def _table(letters: str, spellings: str) -> dict[str, str]:
    """A letter → spelling table from two aligned strings, checked for equal length."""
    return dict(zip(letters, spellings.split(), strict=True))


_UKRAINIAN_ONLY: Final = frozenset("іїєґІЇЄҐ")
_RUSSIAN_ONLY: Final = frozenset("ыэъёЫЭЪЁ")
# ASCII, typographic and the recommended U+02BC apostrophe; U+02BC is a letter to Python.
_APOSTROPHES: Final = "'’ʼ‘`´"
_WORD: Final = re.compile(rf"[^\W\d_]+(?:[{_APOSTROPHES}][^\W\d_]+)*")
_CYRILLIC_APOSTROPHE: Final = re.compile(rf"[\u0400-\u04ff][{_APOSTROPHES}][\u0400-\u04ff]")

# Letters drawn the same in both alphabets; a mixed word is usually a keyboard slip.
_LATIN_LOOKALIKES: Final = "AaBCcEeHIiKMOoPpTXxYy"
_CYRILLIC_LOOKALIKES: Final = "АаВСсЕеНІіКМОоРрТХхУу"
_TO_CYRILLIC: Final = str.maketrans(_LATIN_LOOKALIKES, _CYRILLIC_LOOKALIKES)
_TO_LATIN: Final = str.maketrans(_CYRILLIC_LOOKALIKES, _LATIN_LOOKALIKES)

# Ukrainian: the national standard of 2010 (Cabinet of Ministers resolution No. 55).
# Є Ї Й Ю Я are written differently at the start of a word: (start, elsewhere).
_UK_POSITIONAL: Final = {
    "є": ("ye", "ie"),
    "ї": ("yi", "i"),
    "й": ("y", "i"),
    "ю": ("yu", "iu"),
    "я": ("ya", "ia"),
}
_UK: Final = _table(
    "абвгґдежзиіклмнопрстуфхцчшщьъёыэ",
    "a b v h g d e zh z y i k l m n o p r s t u f kh ts ch sh shch - - io y e",
)
# Russian: BGN/PCGN as the press prints it, without diacritics (Ё → yo, Й → y, Ы → y).
_RU: Final = _table(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
    "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya i yi ye g",
)

# Search key, Cyrillic side: one reduced letter (or two for я, ю) per Cyrillic letter.
_KEY_CYRILLIC: Final = _table(
    "абвгґдеєэёжзиіїйыклмнопрстуўфхцчшщъьюя",
    "a b v g g d e e e e j z i i i i i k l m n o p r s t u u f h c q w w - - iu ia",
)
# Search key, Latin side: tried in this order at each position, so longer spellings first.
_KEY_LATIN: Final = (
    ("shtch", "w"),
    ("chtch", "w"),
    ("szcz", "w"),
    ("shch", "w"),
    ("tsch", "q"),
    ("sch", "w"),
    ("tch", "q"),
    ("sh", "w"),
    ("sz", "w"),
    ("cz", "q"),
    ("ch", "q"),
    ("ck", "k"),
    ("zh", "j"),
    ("kh", "h"),
    ("ts", "c"),
    ("tz", "c"),
    ("ph", "f"),
    ("ya", "ia"),
    ("ja", "ia"),
    ("yu", "iu"),
    ("ju", "iu"),
    ("ye", "e"),
    ("je", "e"),
    ("x", "ks"),
    ("w", "v"),
    ("q", "k"),
    ("y", "i"),
    ("j", "i"),
)
# Scholarly, Czech, Polish and ISO 9 letters whose base letter alone would mislead.
_LATIN_DIACRITICS: Final = str.maketrans(
    {
        "š": "sh",
        "č": "ch",
        "ć": "ch",
        "ž": "zh",
        "ż": "zh",
        "ŝ": "shch",
        "â": "ya",
        "û": "yu",
        "ê": "ye",
        "ł": "l",
        "đ": "d",
    }
)
_IO_AFTER_CONSONANT: Final = re.compile(r"(?<=[^aeiou])io")
_GLIDE_AFTER_CONSONANT: Final = re.compile(r"(?<=[^aeiou])i(?=[au])")
_DOUBLED: Final = re.compile(r"(.)\1+")

PATRONYMIC_SUFFIXES: Final = (
    # Cyrillic, Russian and Ukrainian, male then female.
    "ович",
    "евич",
    "йович",
    "ьович",
    "ич",
    "іч",
    "овна",
    "евна",
    "івна",
    "ївна",
    "ична",
    "инична",
    "ічна",
    "інична",
    # Latin, the national systems and the French/German/scholarly press.
    "ovych",
    "evych",
    "ovich",
    "evich",
    "ovitch",
    "evitch",
    "owitsch",
    "ewitsch",
    "ovič",
    "evič",
    "ovna",
    "evna",
    "ivna",
    "yivna",
    "ichna",
    "ychna",
    "inichna",
)
# Female patronymics are never surnames; male -ович/-евич often are (Абрамович, Янукович).
_FEMALE_PATRONYMIC_SUFFIXES: Final = tuple(
    s for s in PATRONYMIC_SUFFIXES if s.endswith(("на", "na"))
)
# Endings that mark a surname, used only when no token is a known given name.
_SURNAME_SUFFIXES: Final = (
    "енко",
    "ук",
    "юк",
    "чук",
    "ський",
    "ська",
    "цький",
    "цька",
    "ский",
    "ская",
    "цкий",
    "цкая",
    "ов",
    "ова",
    "ев",
    "ева",
    "ёв",
    "ёва",
    "єв",
    "єва",
    "enko",
    "uk",
    "yuk",
    "iuk",
    "sky",
    "skyi",
    "skii",
    "skiy",
    "ska",
    "skaya",
    "ov",
    "ova",
    "ev",
    "eva",
)

# Common given names, Russian and Ukrainian forms. Matched through search_key, so every
# transliteration of a listed name counts (Serhii, Sergiy, Sergey, Сергей, Сергій).
# Used only to tell which token of a name is the given name.
_GIVEN_NAMES_TEXT: Final = """
    Иван Іван Александр Олександр Сергей Сергій Андрей Андрій Дмитрий Дмитро Николай Микола
    Владимир Володимир Алексей Олексій Михаил Михайло Юрий Юрій Виктор Віктор Евгений Євген
    Павел Павло Василий Василь Пётр Петр Петро Игорь Ігор Максим Артём Артем Денис Роман
    Богдан Тарас Ярослав Григорий Григорій Анатолий Анатолій Виталий Віталій Вадим Руслан
    Станислав Станіслав Илья Ілля Кирилл Кирило Антон Степан Фёдор Федор Федір Константин
    Костянтин Олег Валерий Валерій Геннадий Геннадій Владислав Вячеслав В'ячеслав Леонид
    Леонід Борис Егор Єгор Никита Микита Назар Остап Матвей Матвій Тимофей Тимофій Даниил
    Данило Георгий Георгій Семён Семен Яков Яків Глеб Гліб Лев Марк Валентин Ростислав
    Alexander Aleksander Peter
    Мария Марія Анна Ганна Ольга Елена Олена Наталья Наталия Наталія Ирина Ірина Татьяна
    Тетяна Светлана Світлана Людмила Юлия Юлія Екатерина Катерина Оксана Галина Надежда Надія
    Валентина Вера Віра Любовь Любов Анастасия Анастасія Дарья Дарина Алина Аліна Виктория
    Вікторія Ксения Ксенія Марина Александра Олександра Лариса Софья Софія Полина Поліна
    Евгения Євгенія Кристина Христина Яна Валерия Валерія Нина Ніна Тамара Лидия Лідія Раиса
    Раїса Инна Інна Елизавета Єлизавета Ульяна Уляна Зинаида Зінаїда Alexandra
"""
GIVEN_NAMES: Final = tuple(_GIVEN_NAMES_TEXT.split())


def _letters(text: str) -> list[str]:
    # Modifier letters (the U+02BC apostrophe, ISO 9 primes) belong to no alphabet.
    return [ch for ch in text if ch.isalpha() and unicodedata.category(ch) != "Lm"]


def _is_cyrillic(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CYRILLIC")


def _is_latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN")


def detect_script(text: str) -> str:
    """ISO 15924 code of the letters: Cyrl, Latn, Zyyy when none, else Mixed.

    Mixed covers both alphabets in one text and any other alphabet (Greek, Georgian): either
    way the name needs a human look before it is romanised or matched.
    """
    scripts = {
        "Cyrl" if _is_cyrillic(ch) else "Latn" if _is_latin(ch) else "Other"
        for ch in _letters(text)
    }
    if not scripts:
        return "Zyyy"
    if len(scripts) == 1 and "Other" not in scripts:
        return scripts.pop()
    return "Mixed"


def guess_language(name: str) -> str | None:
    """'uk' or 'ru' when the Cyrillic has letters only one of them uses; else None.

    Conflicting evidence (і and ы in one name) and Latin text give None: the language of a
    Latin spelling cannot be read from its letters.
    """
    name = unicodedata.normalize("NFC", name)
    letters = set(name)
    ukrainian = bool(letters & _UKRAINIAN_ONLY) or bool(_CYRILLIC_APOSTROPHE.search(name))
    russian = bool(letters & _RUSSIAN_ONLY)
    if ukrainian and not russian:
        return "uk"
    if russian and not ukrainian:
        return "ru"
    return None


def _unmix(word: str) -> str:
    """Rewrite look-alike letters of a mixed word in its majority alphabet (Iван → Іван)."""
    cyrillic = sum(1 for ch in word if _is_cyrillic(ch))
    latin = sum(1 for ch in word if _is_latin(ch))
    if not cyrillic or not latin:
        return word
    return word.translate(_TO_CYRILLIC if cyrillic >= latin else _TO_LATIN)


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
        latin = "" if latin == "-" else latin
        out.append(latin[:1].upper() + latin[1:] if word[i].isupper() else latin)
    text = "".join(out)
    return text.upper() if word.isupper() and len(word) > 1 else text


def romanize(text: str, language: str | None = None) -> str:
    """Readable Latin for display: Ukrainian by the 2010 standard, Russian by BGN/PCGN.

    language is "uk" or "ru"; anything else means guess from the letters, and Cyrillic
    that could be either is read as Russian. Latin text is returned unchanged; case and
    everything that is not a letter are kept.
    """
    text = unicodedata.normalize("NFC", text)
    if not any(_is_cyrillic(ch) for ch in text):
        return text
    lang = language if language in {"uk", "ru"} else (guess_language(text) or "ru")
    return _WORD.sub(lambda m: _romanize_word(_unmix(m.group(0)), lang), text)


def _latin_key(run: str) -> str:
    """Map a lowercase Latin run into the reduced alphabet, longest spelling first."""
    out: list[str] = []
    i = 0
    while i < len(run):
        ch = run[i]
        nxt = run[i + 1 : i + 2]
        if ch == "c" and nxt not in {"h", "z", "k"}:
            # Kravec, Cyganok: c is ц; Victor, Nicolai: c is k.
            out.append("c" if nxt in {"", "e", "i", "y"} else "k")
            i += 1
            continue
        for spelling, reduced in _KEY_LATIN:
            if run.startswith(spelling, i):
                out.append(reduced)
                i += len(spelling)
                break
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _fold(reduced: str) -> str:
    """Fold the reduced spelling where systems disagree; see the module docstring."""
    key = re.sub(r"[^a-z]", "", reduced)
    key = key.replace("ts", "c").replace("wq", "w").replace("h", "g")
    key = re.sub(r"i+", "i", key)
    key = key.replace("ie", "e")
    key = _IO_AFTER_CONSONANT.sub("e", key)  # Фёдор, Fyodor, Fiodor; Воробйов, Vorobiov
    key = _GLIDE_AFTER_CONSONANT.sub("", key)
    key = key.replace("ei", "i")
    return _DOUBLED.sub(r"\1", key)


# Names and capitalised words repeat within and across documents; NER keys every one.
@lru_cache(maxsize=65536)
def _key_word(word: str) -> str:
    word = _unmix(word).lower()
    word = "".join(ch for ch in word if ch not in _APOSTROPHES)
    parts: list[str] = []
    latin_run: list[str] = []
    for ch in word:
        if _is_cyrillic(ch):
            if latin_run:
                parts.append(_latin_key("".join(latin_run)))
                latin_run = []
            parts.append(_KEY_CYRILLIC.get(ch, ""))
        else:
            latin_run.append(ch)
    if latin_run:
        latin = "".join(latin_run).translate(_LATIN_DIACRITICS)
        latin = unicodedata.normalize("NFKD", latin)
        parts.append(_latin_key("".join(ch for ch in latin if not unicodedata.combining(ch))))
    return _fold("".join(parts).replace("-", ""))


def search_key(text: str) -> str:
    """Lowercase ASCII words, the same for a name in any script, system or case.

    Words are keyed one by one and joined by single spaces, so the key of a surname is a
    substring of the key of the full name and a ``contains`` lookup finds it. The classes
    folded and those left apart are listed in the module docstring. A prefix query can
    miss where folding looks at the next letter: "Mari" is "mari", Maria is "mara".
    """
    text = unicodedata.normalize("NFC", text)
    keys = (_key_word(word) for word in _WORD.findall(text))
    return " ".join(key for key in keys if key)


_GIVEN_KEYS: Final = frozenset(search_key(name) for name in GIVEN_NAMES)
_INITIAL: Final = re.compile(r"[^\W\d_]{1,2}\.")


def _is_initial(token: str) -> bool:
    return bool(_INITIAL.fullmatch(token))


def _is_patronymic(token: str, suffixes: tuple[str, ...] = PATRONYMIC_SUFFIXES) -> bool:
    lower = token.lower()
    return any(lower.endswith(s) and len(lower) >= len(s) + 2 for s in suffixes)


def _is_given(token: str) -> bool:
    return search_key(token) in _GIVEN_KEYS


def _looks_like_surname(token: str) -> bool:
    lower = token.lower()
    return (
        any(lower.endswith(s) and len(lower) >= len(s) + 2 for s in _SURNAME_SUFFIXES)
        or _is_patronymic(token)
        or (token.isupper() and len(token) > 1)  # official lists write SURNAME in capitals
    )


def _tokens(full: str) -> tuple[list[str], int | None]:
    """Whitespace tokens with joined initials split (И.П. → И., П.) and where a comma was."""
    tokens: list[str] = []
    comma_after: int | None = None
    for raw in full.split():
        token = raw.strip(",;")
        if token:
            pieces = _INITIAL.findall(token)
            tokens.extend(pieces if "".join(pieces) == token else [token])
        if raw.endswith(",") and comma_after is None and tokens:
            comma_after = len(tokens)
    return tokens, comma_after


def _given_and_patronymic(rest: list[str]) -> tuple[str | None, str | None]:
    """Split what follows a surname: the last token is a patronymic if it looks like one."""
    if len(rest) >= 2 and (_is_patronymic(rest[-1]) or _is_initial(rest[-1])):
        return " ".join(rest[:-1]), rest[-1]
    return (" ".join(rest) or None), None


def split_name(full: str) -> tuple[str | None, str | None, str | None]:
    """(given, patronymic, surname) whatever the order the source used.

    Handles "Иван Петрович Сидоренко", "Сидоренко Иван Петрович", "Сидоренко, Иван",
    "Sydorenko Ivan", "И. П. Сидоренко" and "СИДОРЕНКО Иван". A lone token is a given name
    only if it is a known one. Two tokens never yield a male patronymic: -ович/-евич is also
    a common surname ending, so "Роман Абрамович" reads as given + surname.
    """
    tokens, comma_after = _tokens(full)
    if not tokens:
        return None, None, None
    if comma_after is not None and comma_after < len(tokens):
        # "Surname, Given Patronymic": the comma settles the order.
        given, patronymic = _given_and_patronymic(tokens[comma_after:])
        return given, patronymic, " ".join(tokens[:comma_after])
    if len(tokens) == 1:
        token = tokens[0]
        return (token, None, None) if _is_given(token) else (None, None, token)
    if len(tokens) == 2:
        first, second = tokens
        if _is_initial(first) or _is_initial(second):
            return (first, None, second) if _is_initial(first) else (second, None, first)
        if _is_given(first) and _is_patronymic(second, _FEMALE_PATRONYMIC_SUFFIXES):
            return first, second, None
        if _is_given(first) != _is_given(second):
            return (first, None, second) if _is_given(first) else (second, None, first)
        if _looks_like_surname(first) and not _looks_like_surname(second):
            return second, None, first
        return first, None, second
    # Three or more: Given Patronymic Surname…, or Surname… Given Patronymic.
    if _is_initial(tokens[-2]) and _is_initial(tokens[-1]):
        return tokens[-2], tokens[-1], " ".join(tokens[:-2])
    if _is_patronymic(tokens[1]) or _is_initial(tokens[1]):
        return tokens[0], tokens[1], " ".join(tokens[2:])
    if _is_patronymic(tokens[-1]) or _is_initial(tokens[-1]):
        return tokens[-2], tokens[-1], " ".join(tokens[:-2])
    if _is_given(tokens[1]) and not _is_given(tokens[0]):
        return tokens[1], " ".join(tokens[2:]), tokens[0]
    return tokens[0], None, " ".join(tokens[1:])
