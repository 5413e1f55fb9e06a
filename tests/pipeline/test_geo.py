"""Places: the gazetteer, geocoding with context, and places found in text."""

from __future__ import annotations

import pytest

from tracedesk.pipeline.geo import (
    GeoContext,
    context_from_names,
    find_places,
    geocode,
)


@pytest.mark.parametrize("name", ["Брянці", "Brianka", "Bryanka", "Брянка", "Брянку", "Брянке"])
def test_bryanka_in_every_form(name: str) -> None:
    """Every spelling and case of Bryanka resolves to GeoNames 711369."""
    place = geocode(name)
    assert place is not None
    assert place.geonameid == 711369


@pytest.mark.parametrize("name", ["Оленівка", "Олені́вка", "Еленовка", "Оленівці", "Olenivka"])
def test_olenivka_is_the_one_in_donetsk_oblast(name: str) -> None:
    """Olenivka, of which Ukraine has several, is the Donetsk-oblast one in a war report."""
    context = context_from_names([name, "Донеччина"], war=True, exclude=name)
    place = geocode(name, context=context)
    assert place is not None
    assert (place.geonameid, place.country, place.admin1) == (698614, "UA", "05")


def test_paris_in_texas() -> None:
    """ "Paris" beside Texas is Paris, Texas; alone it is the French capital."""
    assert geocode("Paris").country == "FR"  # type: ignore[union-attr]
    context = context_from_names(["Paris", "Texas", "Dallas"], exclude="Paris")
    place = geocode("Paris", context=context)
    assert place is not None
    assert (place.geonameid, place.admin1) == (4717560, "TX")


def test_context_country_decides_donetsk() -> None:
    """Donetsk is the Ukrainian city unless the document is about Rostov oblast."""
    assert geocode("Donetsk").geonameid == 709717  # type: ignore[union-attr]
    context = GeoContext(countries=frozenset({"RU"}), admin1=frozenset({("RU", "61")}))
    assert geocode("Donetsk", context=context).geonameid == 565348  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "code", "admin1"),
    [
        ("Ukraine", "PCLI", None),
        ("Україна", "PCLI", None),
        ("Украина", "PCLI", None),
        ("Luhansk region", "ADM1", "14"),
        ("Донецкой области", "ADM1", "05"),
        ("Донеччина", "ADM1", "05"),
        ("ДНР", "ADM1", "05"),
        ("Kharkiv Oblast", "ADM1", "07"),
    ],
)
def test_countries_and_regions_resolve(name: str, code: str, admin1: str | None) -> None:
    """Countries and first-level regions are places too, in any language and case."""
    place = geocode(name)
    assert place is not None
    assert (place.country, place.feature_code, place.admin1) == ("UA", code, admin1)


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Таганрозі", 484907),
        ("Таганроге", 484907),
        ("Курськ", 538560),
        ("Ростов-на-Дону", 501175),
        ("Kiev", 703448),
        ("Київ", 703448),
        ("Kharkov", 706483),
        ("Nikolaev", 700569),
        ("Lugansk", 702658),
        ("Zaitseve", 687470),
        ("Зайцево", 687470),
    ],
)
def test_aliases_and_inflections(name: str, geonameid: int) -> None:
    """Russian and Ukrainian forms, inflections and old romanisations find the place."""
    place = geocode(name)
    assert place is not None
    assert place.geonameid == geonameid


def test_unknown_name_is_none() -> None:
    """A name no gazetteer knows gives None, not a guess."""
    assert geocode("Qwzxyville") is None


def test_find_places_in_english_text() -> None:
    """Scanning finds towns and regions, not people or sentence-initial words."""
    text = (
        "Ivan Petrenko was detained in Bryanka, Luhansk region, and taken to Taganrog. "
        "Police said his mother lives in Kyiv."
    )
    mentions = find_places(text, "en", war=True)
    found = {m.text: m.place.geonameid for m in mentions}
    assert found["Bryanka"] == 711369
    assert found["Taganrog"] == 484907
    assert found["Kyiv"] == 703448
    assert "Luhansk region" in found
    assert "Ivan" not in found and "Police" not in found
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_find_places_in_ukrainian_text() -> None:
    """Inflected Ukrainian toponyms are found and lemmatised."""
    text = "Його затримали в Брянці, потім перевезли до Таганрога, а згодом у Курськ."
    ids = {m.place.geonameid for m in find_places(text, "uk", war=True)}
    assert {711369, 484907, 538560} <= ids


def test_find_places_uses_ner_spans() -> None:
    """Given NER spans, only those are geocoded."""
    text = "У Оленівці на Донеччині."
    spans = [(2, 10, "Оленівці"), (14, 23, "Донеччині")]
    mentions = find_places(text, "uk", spans)
    assert [m.place.geonameid for m in mentions][0] == 698614
    assert mentions[1].place.feature_code == "ADM1"


def test_scan_skips_person_names_and_possessives() -> None:
    """Given and family names are not towns; "China's" is China."""
    text = "David Cameron met Nelson Mandela. China's envoy flew to London-based talks."
    found = {m.text for m in find_places(text, "en")}
    assert found == {"China", "London"}


def test_scan_takes_small_towns_in_named_regions() -> None:
    """A village too small to trust alone counts once its region is named."""
    text = "He was held in Olenivka, Donetsk Oblast, and later in Taganrog."
    found = {m.text: m.place.geonameid for m in find_places(text, "en")}
    assert found["Olenivka"] == 698614
    assert "Donetsk Oblast" in found


def test_demonyms_only_when_asked() -> None:
    """ "Russian forces" names no place unless demonyms are switched on."""
    from tracedesk.pipeline.geo import GeoOptions

    text = "Russian forces entered the town."
    assert find_places(text, "en") == []
    places = find_places(text, "en", options=GeoOptions(demonyms=True))
    assert [m.place.country for m in places] == ["RU"]


def test_scan_skips_russian_common_words() -> None:
    """Villages called «Правда» or «Победа» are not meant by those words in a sentence."""
    text = "Газета Правда писала: Победа близко. Его увезли из Мариуполя в Брянку."
    found = {m.text for m in find_places(text, "ru", war=True)}
    assert found == {"Мариуполя", "Брянку"}
