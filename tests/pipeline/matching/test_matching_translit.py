"""Transliteration systems: examples from the standards' own tables and well-known names."""

import pytest

from tracedesk.pipeline.matching.translit import SYSTEMS, transliterate, variants


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Сергій", "serhii"),
        ("Щербина", "shcherbyna"),
        ("Юрій", "yurii"),
        ("Згурський", "zghurskyi"),
        ("Олексій", "oleksii"),
        ("Євген", "yevhen"),
        ("Яготин", "yahotyn"),
        ("Їжакевич", "yizhakevych"),
        ("Йосипівка", "yosypivka"),
        ("Знам'янка", "znamianka"),
        ("Розгон", "rozghon"),
        ("Гаврилюк", "havryliuk"),
    ],
)
def test_ukrainian_2010_standard(cyrillic: str, latin: str) -> None:
    """KMU resolution 55: word-initial Є Ї Й Ю Я, зг → zgh, the apostrophe dropped."""
    assert transliterate(cyrillic, "kmu_2010") == latin


def test_ukrainian_older_and_russian_style() -> None:
    """Pre-2010 and Russian-style renderings of Ukrainian names."""
    assert variants("Сергій", "uk")["uk_1996"] == "serhiy"
    assert variants("Сергій", "uk")["russian_style"] == "sergiy"
    assert variants("Сидоренко", "uk")["russian_style"] == "sidorenko"
    assert variants("Щербина", "uk")["uk_1996"] == "scherbyna"


def test_yo_by_system() -> None:
    """Ёлкин is Yolkin by BGN/PCGN and Elkin in an ICAO passport."""
    forms = variants("Ёлкин", "ru")
    assert forms["bgn_pcgn"] == "yolkin"
    assert forms["icao"] == "elkin"


@pytest.mark.parametrize(
    ("cyrillic", "system", "latin"),
    [
        ("Жуков", "icao", "zhukov"),
        ("Жуков", "gost_7.79_b", "zhukov"),
        ("Жуков", "bgn_pcgn", "zhukov"),
        ("Юрий", "icao", "iurii"),
        ("Юрий", "press", "yury"),
        ("Сергей", "press", "sergey"),
        ("Сергей", "icao", "sergei"),
        ("Сергей", "gost_7.79_b", "sergej"),
        ("Хрущёв", "icao", "khrushchev"),
        ("Хрущёв", "press", "khrushchev"),
        ("Хрущёв", "gost_7.79_b", "xrushhyov"),
        ("Фёдор", "press", "fyodor"),
        ("Цой", "gost_7.79_b", "czoj"),
        ("Цыганов", "gost_7.79_b", "cy'ganov"),
        ("Мария", "icao", "mariia"),
        ("Евгений", "bgn_pcgn", "yevgeniy"),
        ("Достоевский", "press", "dostoyevsky"),
    ],
)
def test_russian_systems(cyrillic: str, system: str, latin: str) -> None:
    """GOST 7.79 B, ICAO Doc 9303, BGN/PCGN and press spellings of Russian names."""
    assert transliterate(cyrillic, system) == latin


def test_every_system_is_offered() -> None:
    """variants() returns one spelling per system of the language."""
    assert set(variants("Иван Петров", "ru")) == set(SYSTEMS["ru"])
    assert variants("Иван Петров", "ru")["icao"] == "ivan petrov"
    with pytest.raises(ValueError, match="ru"):
        variants("Иван", "be")
