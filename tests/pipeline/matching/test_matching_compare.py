"""compare_names: the same person across scripts, spellings and diminutives, and not two."""

import pytest

from tracedesk.pipeline.matching.compare import (
    compare_names,
    father_names,
    jaro_winkler,
    levenshtein,
)
from tracedesk.pipeline.matching.phonetic import dm_codes_any


def test_issue_example_is_one_man() -> None:
    """The mother's, the Russian and the English report of issue 4 describe one man."""
    russian = "Сидоренко Иван Петрович"
    for other in ("Іван Сидоренко", "Vanya Sydorenko", "Ivan Sidorenko"):
        result = compare_names(other, russian)
        assert result.score >= 0.9, (other, result)
        assert result.level in {"exact", "strong"}


def test_diminutive_reason() -> None:
    """The reason names the diminutive and the full name it stands for."""
    result = compare_names("Vanya Sydorenko", "Іван Сидоренко")
    assert "given names are the same name: Vanya is a diminutive of Іван" in result.reasons


def test_transliteration_reasons() -> None:
    """Two Latin spellings, or a Latin and a Cyrillic one, are explained by the system."""
    latin = compare_names("Ivan Sydorenko", "Ivan Sidorenko")
    assert (
        "Sydorenko and Sidorenko are the same surname in different transliterations"
        in latin.reasons
    )
    cross = compare_names("Serhii Zhukov", "Сергій Жуков")
    assert "Serhii is Сергій in the Ukrainian 2010 national transliteration" in cross.reasons


def test_different_given_names_are_not_matched() -> None:
    """Иван and Игорь Сидоренко are two men, even with one surname."""
    result = compare_names("Иван Сидоренко", "Игорь Сидоренко")
    assert result.score <= 0.3
    assert "different given names: Иван and Игорь" in result.reasons


def test_different_surnames_sharing_a_sound_code_are_not_matched() -> None:
    """Sidorov and Sidorenko, Kravets and Kravchuk: similar beginnings, different families."""
    assert compare_names("Ivan Sidorov", "Ivan Sidorenko").score <= 0.3
    assert compare_names("Ivan Kravets", "Ivan Kravchuk").score <= 0.3


def test_a_shared_sound_code_alone_does_not_join_surnames() -> None:
    """Kovalenko and Гавленко share the Daitch–Mokotoff code 578650 and are two families."""
    assert dm_codes_any("Kovalenko") & dm_codes_any("Гавленко")
    result = compare_names("Ivan Kovalenko", "Иван Гавленко")
    assert result.score <= 0.3
    assert "different surnames: Kovalenko and Гавленко" in result.reasons


def test_every_system_that_explains_a_spelling_is_named() -> None:
    """Yolkin is Ёлкин by BGN/PCGN; Elkin by the passport (ICAO) system."""
    yolkin = compare_names("Yolkin", "Ёлкин").reasons[0]
    assert "BGN/PCGN" in yolkin and "ICAO" not in yolkin
    elkin = compare_names("Elkin", "Ёлкин").reasons[0]
    assert elkin == "Elkin is Ёлкин in the ICAO Doc 9303 (passport) transliteration"


def test_gendered_forms_and_sex() -> None:
    """Petrov and Petrova join, but a man and a woman are not one person."""
    assert compare_names("Олена Петрова", "Olena Petrova").score == 1.0
    couple = compare_names("Олег Петров", "Олена Петрова")
    assert couple.score <= 0.3
    mixed_forms = compare_names("Olena Petrov", "Олена Петрова")
    assert mixed_forms.score >= 0.9
    assert any("male and female forms" in reason for reason in mixed_forms.reasons)


def test_dropped_patronymic_is_neutral_and_stated() -> None:
    """A patronymic in one name only neither raises nor lowers the score."""
    with_patronymic = compare_names("Иван Петрович Сидоренко", "Иван Сидоренко")
    assert with_patronymic.score == 1.0
    assert any("only one name" in reason for reason in with_patronymic.reasons)


def test_initials_compatible_with_full_names() -> None:
    """Sidorenko I. P. can be Иван Петрович Сидоренко, but not Олег Петрович."""
    assert compare_names("Sidorenko I. P.", "Иван Петрович Сидоренко").score >= 0.85
    assert compare_names("Sidorenko I. P.", "Олег Петрович Сидоренко").score <= 0.3


def test_parsing_order_does_not_matter() -> None:
    """«Шилін Ніколай Сєргєєвіч» and Nikolai Sergeevich Shilin are the same name."""
    assert compare_names("Шилін Ніколай Сєргєєвіч", "Nikolai Sergeevich Shilin").score >= 0.95


def test_near_spellings_score_high_but_below_exact() -> None:
    """A one-letter slip in a long surname is strong, not exact."""
    result = compare_names("Ivan Kovalenko", "Ivan Kovalenka")
    assert 0.85 <= result.score < 1.0


def test_empty_names() -> None:
    """A name without letters matches nothing, with a reason."""
    for empty in ("", "123", "— —"):
        result = compare_names(empty, "Иван Сидоренко")
        assert result.score == 0.0
        assert result.reasons == ["a name has no letters to compare"]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("kitten", "sitting", 3), ("", "abc", 3), ("flaw", "lawn", 2), ("same", "same", 0)],
)
def test_levenshtein(a: str, b: str, distance: int) -> None:
    """The textbook edit distances."""
    assert levenshtein(a, b) == distance


def test_jaro_winkler() -> None:
    """The textbook pairs: MARTHA/MARHTA 0.961, DWAYNE/DUANE 0.84, DIXON/DICKSONX 0.813."""
    assert jaro_winkler("martha", "marhta") == pytest.approx(0.961, abs=0.001)
    assert jaro_winkler("dwayne", "duane") == pytest.approx(0.84, abs=0.001)
    assert jaro_winkler("dixon", "dicksonx") == pytest.approx(0.813, abs=0.001)
    assert jaro_winkler("abc", "xyz") == 0.0


@pytest.mark.parametrize(
    ("patronymic", "father"),
    [
        ("Николаевич", "nikolai"),
        ("Миколайович", "nikolai"),
        ("Сергеевич", "sergei"),
        ("Сергійович", "sergei"),
        ("Іванівна", "ivan"),
        ("Ivanovna", "ivan"),
        ("Олексіївна", "aleksei"),
        ("Петрович", "petr"),
    ],
)
def test_father_names(patronymic: str, father: str) -> None:
    """A Russian or Ukrainian patronymic leads back to the father's canonical name."""
    assert father_names(patronymic) == {father}


def test_patronymics_across_languages_and_different_fathers() -> None:
    """Миколайович is Николаевич; Миколайович is not Петрович, which caps the score."""
    same = compare_names("Іван Миколайович Шевчук", "Иван Николаевич Шевчук")
    assert same.score >= 0.95
    assert "Миколайович and Николаевич are patronymics from the same father's name" in same.reasons
    different = compare_names("Іван Миколайович Шевчук", "Иван Петрович Шевчук")
    assert different.score <= 0.3
    assert "different patronymics: Миколайович and Петрович" in different.reasons
