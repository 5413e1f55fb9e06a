"""Places beyond towns: regions, counties, seas and landmarks; names inside names; context."""

from __future__ import annotations

import pytest

from tracedesk.pipeline.geo import GeoContext, context_from_names, geocode
from tracedesk.pipeline.geo.gazetteer import Place


def _resolve(name: str, *others: str, war: bool = False) -> Place | None:
    context = context_from_names([name, *others], war=war, exclude=name)
    return geocode(name, context=context)


@pytest.mark.parametrize(
    ("name", "country", "code", "display"),
    [
        ("Tamil Nadu", "IN", "ADM1", "Tamil Nadu"),
        ("Свердловской области", "RU", "ADM1", "Sverdlovsk Oblast"),
        ("Бурятії", "RU", "ADM1", "Buryatia"),
        ("Дагестане", "RU", "ADM1", "Dagestan"),
        ("Benue State", "NG", "ADM1", "Benue"),
        ("Kent", "GB", "ADM2", "Kent"),
        ("Orange County", "US", "ADM2", "Orange County"),
        ("Донбасі", "UA", "RGN", "Donbas"),
        ("Азовського моря", "", "SEA", "Sea of Azov"),
        ("Atlantic", "", "OCN", "Atlantic Ocean"),
        ("Middle East", "", "RGN", "Middle East"),
        ("Sheremetyevo", "RU", "AIRP", "Sheremetyevo"),
        ("White House", "US", "BLDG", "White House"),
    ],
)
def test_regions_features_and_landmarks_resolve(
    name: str, country: str, code: str, display: str
) -> None:
    """Regions, counties, seas and landmarks of our places table are found in any form."""
    place = geocode(name)
    assert place is not None
    assert (place.name, place.country, place.feature_code) == (display, country, code)


def test_country_point_is_geonames_one() -> None:
    """Canada is where GeoNames puts it, not at the factbook point 1,000 km east."""
    place = geocode("Canada")
    assert place is not None
    assert (place.geonameid, round(place.lat), round(place.lon)) == (6251999, 60, -114)


def test_country_countryinfo_lacks_resolves() -> None:
    """Kosovo, which countryinfo has no record of, is still a country with a point."""
    place = geocode("Kosovo")
    assert place is not None
    assert (place.country, place.feature_code) == ("XK", "PCLI")


def test_every_demonym_of_a_country() -> None:
    """countryinfo's "Bosnian,Herzegovinian" gives two demonyms."""
    place = geocode("Herzegovinian")
    assert place is not None
    assert place.country == "BA"


def test_region_named_like_a_big_city_yields_to_it() -> None:
    """ "New York" is the city; "New York State" is the state."""
    assert geocode("New York").feature_code == "PPL"  # type: ignore[union-attr]
    assert geocode("New York State").feature_code == "ADM1"  # type: ignore[union-attr]


def test_region_beside_its_siblings() -> None:
    """ "Wales" beside England is the nation, not the village of Wales in Yorkshire."""
    place = _resolve("Wales", "England", "London")
    assert place is not None
    assert (place.country, place.admin1, place.feature_code) == ("GB", "WLS", "ADM1")


def test_region_bonus_is_shared_among_the_regions_named() -> None:
    """One state named makes its Louisville likely; a national story keeps Kentucky's."""
    assert _resolve("Louisville", "Ohio").admin1 == "OH"  # type: ignore[union-attr]
    national = _resolve("Louisville", "Ohio", "Mississippi", "Connecticut")
    assert national is not None
    assert national.admin1 == "KY"


def test_us_county_resolves_to_its_town_or_state() -> None:
    """A US county resolves to the town it is named after, or to the state the text names."""
    town = _resolve("Lancaster County", "Pennsylvania")
    assert town is not None
    assert (town.name, town.admin1) == ("Lancaster", "PA")
    state = _resolve("Daviess County", "Kentucky")
    assert state is not None
    assert (state.admin1, state.feature_code) == ("KY", "ADM1")
    assert geocode("Daviess County") is None  # three states have one: no guess


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [("Delhi High Court", 1273294), ("Harare City Council", 890299)],
)
def test_place_named_inside_a_name(name: str, geonameid: int) -> None:
    """A body or facility named after its city resolves to the city."""
    place = geocode(name)
    assert place is not None
    assert place.geonameid == geonameid


def test_facility_in_a_war_report_resolves_to_its_town() -> None:
    """«СИЗО Брянки» in a report about the war is in Bryanka."""
    place = geocode("СИЗО Брянки", context=GeoContext(war=True))
    assert place is not None
    assert place.geonameid == 711369


@pytest.mark.parametrize("name", ["Russian Embassy", "Pearl Harbor", "Barclays Center"])
def test_no_guess_from_demonyms_small_towns_or_generic_words(name: str) -> None:
    """An embassy is not in its country; Pearl, Mississippi and "Center" are not meant."""
    assert geocode(name) is None
