"""Stage 3 recognisers on sentences like the reports TraceDesk reads."""

from __future__ import annotations

import pytest

from tracedesk.pipeline.entities import Entity, find_entities


def _by_label(entities: list[Entity], label: str) -> list[Entity]:
    return [e for e in entities if e.label == label]


def test_russian_person_is_normalised_to_nominative() -> None:
    """natasha finds the detainee and the town; the name comes back in the nominative."""
    text = "Сидоренко Ивана Петровича задержали в Брянке"
    entities = find_entities(text, "ru")
    [person] = _by_label(entities, "PER")
    assert person.text == "Сидоренко Ивана Петровича"
    assert person.normal == "Сидоренко Иван Петрович"
    assert [e.text for e in _by_label(entities, "LOC")] == ["Брянке"]


def test_ukrainian_person_without_the_relative_word() -> None:
    """ "Мати" opens the sentence but is no name; the son's name is put in the nominative."""
    text = "Мати Івана Сидоренка розповіла, що його утримують у Брянці"
    entities = find_entities(text, "uk")
    [person] = _by_label(entities, "PER")
    assert person.text == "Івана Сидоренка"
    assert person.normal == "Іван Сидоренко"
    assert text[person.start : person.end] == person.text
    assert [e.text for e in _by_label(entities, "LOC")] == ["Брянці"]


def test_ukrainian_region_and_initials() -> None:
    """An adjective with "області" is one place; initials join the surname."""
    text = "Його перевезли до Донецької області. Про це повідомив В. І. Петренко."
    entities = find_entities(text, "uk")
    assert [e.text for e in _by_label(entities, "LOC")] == ["Донецької області"]
    [person] = _by_label(entities, "PER")
    assert person.text == "В. І. Петренко"


def test_english_slavic_name_and_place_from_context() -> None:
    """A romanised diminutive with a Slavic surname is a person; "held in X" makes X a place."""
    text = "His mother said Vanya Sydorenko, 25, is held in Brianka. The family has no news."
    entities = find_entities(text, "en")
    assert [e.text for e in _by_label(entities, "PER")] == ["Vanya Sydorenko"]
    assert [e.text for e in _by_label(entities, "LOC")] == ["Brianka"]
    assert not {"His", "The"} & {e.text for e in entities}


def test_english_rank_is_context_not_name() -> None:
    """A rank before a name marks a person but is not part of the name."""
    text = "The ICRC said Private Ivan Petrenko was moved to Taganrog in Rostov region."
    entities = find_entities(text, "en")
    assert [e.text for e in _by_label(entities, "PER")] == ["Ivan Petrenko"]
    assert {"Taganrog", "Rostov region"} <= {e.text for e in _by_label(entities, "LOC")}
    assert [e.text for e in _by_label(entities, "ORG")] == ["ICRC"]


def test_english_sentence_start_words_are_not_people() -> None:
    """Capitalised function words at a sentence start name nobody."""
    entities = find_entities("The soldiers left. They said nothing. After that, silence.", "en")
    assert entities == []


def test_entities_are_frozen() -> None:
    """An Entity is a value: changing one in place is refused."""
    [entity, *_] = find_entities("Сидоренко Ивана Петровича задержали в Брянке", "ru")
    with pytest.raises(AttributeError):
        entity.label = "LOC"  # type: ignore[misc]


def test_unknown_language_is_refused() -> None:
    """No silent fallback: a language we have no recogniser for is an error."""
    with pytest.raises(ValueError, match="de"):
        find_entities("Guten Tag", "de")


def test_english_units_and_organisations_keep_their_whole_name() -> None:
    """A unit keeps its number; a rank word inside a unit name is not taken for a title."""
    text = "Sergeant Andriy Melnyk of the 36th Marine Brigade was seen by Human Rights Watch."
    entities = find_entities(text, "en")
    assert [e.text for e in _by_label(entities, "PER")] == ["Andriy Melnyk"]
    assert [e.text for e in _by_label(entities, "ORG")] == [
        "36th Marine Brigade",
        "Human Rights Watch",
    ]


def test_russian_romanisation_in_brackets_is_its_own_mention() -> None:
    """natasha's one span "Джошуа Вольф (Joshua Wolf)" comes back as two person mentions."""
    text = "Журналист Джошуа Вольф (Joshua Wolf) вышел из тюрьмы."
    persons = [e.text for e in _by_label(find_entities(text, "ru"), "PER")]
    assert persons == ["Джошуа Вольф", "Joshua Wolf"]


def test_english_sentence_opener_without_a_cue_is_left_out() -> None:
    """ "Yesterday" starts the run but is no part of the name; a place may start a sentence."""
    text = "Yesterday Ivan Petrenko was freed. Kharkiv Oblast residents fled."
    entities = find_entities(text, "en")
    assert [e.text for e in _by_label(entities, "PER")] == ["Ivan Petrenko"]
    assert [e.text for e in _by_label(entities, "LOC")] == ["Kharkiv Oblast"]


def test_ukrainian_place_inside_an_organisation_name_is_not_a_place() -> None:
    """A place right after a court's name is part of it; "у Броварах" later is still a place."""
    text = "Рішення Господарського суду Київської області оскаржили у Броварах."
    entities = find_entities(text, "uk")
    assert [e.text for e in _by_label(entities, "LOC")] == ["Броварах"]


def test_ukrainian_quoted_name_is_not_a_place() -> None:
    """A quoted «Україна» is a cinema, a newspaper or a team, not the country."""
    entities = find_entities("Фільм показали в кінотеатрі «Україна» у Львові.", "uk")
    assert [e.text for e in _by_label(entities, "LOC")] == ["Львові"]
