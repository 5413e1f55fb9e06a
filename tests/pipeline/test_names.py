"""The name layer: one key for a name in any script, system or case."""

import pytest

from tracedesk.pipeline.names import detect_script, guess_language, romanize, search_key, split_name

SAME_KEY = [
    ("Іван", "Иван", "Ivan", "IVAN", "ivan"),
    ("Сидоренко", "Sydorenko", "Sidorenko", "SYDORENKO"),
    ("Oleksandr", "Olexandr", "Олександр"),
    ("Yuriy", "Yurii", "Iurii", "Юрий", "Юрій"),
    ("Shcherbina", "Scherbina", "Shtcherbina", "Щербина", "Shcherbyna"),
    ("Kharkiv", "Харків", "Harkiv"),
    ("Zhenya", "Женя", "Zhenia"),
    ("Mykola", "Микола", "Mikola"),
    ("Hryhorii", "Григорий", "Grigoriy", "Hryhoriy", "Григорій", "Grigorij"),
    ("Kirillov", "Kirilov", "Кириллов"),
    ("Канарейкин", "Kanareikin", "Kanareykin"),
    ("Мария", "Марія", "Mariia", "Maria", "Mariya"),
]


@pytest.mark.parametrize("spellings", SAME_KEY, ids=lambda s: s[0])
def test_spellings_of_one_name_share_a_key(spellings):
    keys = {search_key(s) for s in spellings}
    assert len(keys) == 1, dict(zip(spellings, map(search_key, spellings), strict=True))


@pytest.mark.parametrize(("a", "b"), [("Іван", "Петро"), ("Sidorov", "Sidorenko"), ("Petrov", "Petrova")])
def test_different_names_keep_different_keys(a, b):
    assert search_key(a) != search_key(b)


def test_the_key_of_a_full_name_contains_the_key_of_its_surname():
    assert search_key("Sydorenko") in search_key("Іван Петрович Сидоренко")
    assert search_key("Ivan S.") == "ivan s"


def test_the_key_is_lowercase_ascii_words():
    key = search_key("  Дар’я-Марія   О'Коннор!! ")
    assert key.isascii() and key == key.lower()
    assert "  " not in key and not key.startswith(" ")


@pytest.mark.parametrize(
    ("text", "script"),
    [("Іван", "Cyrl"), ("Ivan", "Latn"), ("Iвaн", "Mixed"), ("1998 —", "Zyyy"), ("Ιωάννης", "Mixed")],
)
def test_detect_script(text, script):
    assert detect_script(text) == script


@pytest.mark.parametrize(
    ("name", "language"),
    [("Григорій", "uk"), ("Дар'я", "uk"), ("Соловьёв", "ru"), ("Рыбаков", "ru"), ("Иван", None), ("Ivan", None)],
)
def test_guess_language_from_letters_only_one_language_has(name, language):
    assert guess_language(name) == language


@pytest.mark.parametrize(
    ("cyrillic", "language", "latin"),
    [
        ("Григорій Згурський", "uk", "Hryhorii Zghurskyi"),
        ("Олексій Ящук", "uk", "Oleksii Yashchuk"),
        ("Юрій Єрмоленко", "uk", "Yurii Yermolenko"),
        ("Мар'яна", "uk", "Mariana"),
        ("Щербина", "uk", "Shcherbyna"),
        ("Григорий", "ru", "Grigoriy"),
        ("Соловьёв", "ru", "Solovyov"),
        ("Юлия Щербакова", "ru", "Yuliya Shcherbakova"),
        ("ИВАНОВ", "ru", "IVANOV"),
    ],
)
def test_romanize_follows_the_language_system(cyrillic, language, latin):
    assert romanize(cyrillic, language) == latin


def test_romanize_leaves_latin_alone():
    assert romanize("Vanya Sydorenko") == "Vanya Sydorenko"


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("Иван Петрович Сидоренко", ("Иван", "Петрович", "Сидоренко")),
        ("Сидоренко Иван Петрович", ("Иван", "Петрович", "Сидоренко")),
        ("Шилін Ніколай Сєргєєвіч", ("Ніколай", "Сєргєєвіч", "Шилін")),
        ("Коваленко Олена Іванівна", ("Олена", "Іванівна", "Коваленко")),
        ("Ivan Petrovych Sydorenko", ("Ivan", "Petrovych", "Sydorenko")),
        ("Ivan Sydorenko", ("Ivan", None, "Sydorenko")),
        ("Sydorenko Ivan", ("Ivan", None, "Sydorenko")),
        ("Іван", ("Іван", None, None)),
        ("Сидоренко", (None, None, "Сидоренко")),
    ],
)
def test_split_name_whatever_the_order(full, parts):
    assert split_name(full) == parts


def test_a_surname_first_pair_is_recognised_by_its_suffix():
    assert split_name("Канарейкин Защищённый") == ("Защищённый", None, "Канарейкин")
    assert split_name("Kovalenko Oksana") == ("Oksana", None, "Kovalenko")
