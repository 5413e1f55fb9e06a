"""Facility, map, unit and place pages through the test client, for every role."""

import json
import re

import pytest
from django.urls import reverse

from tracedesk.accounts.models import Role
from tracedesk.audit.models import AuditEntry
from tracedesk.registry import services
from tracedesk.registry.models import Facility, Place, Unit

READERS = [Role.VIEWER, Role.CASEWORKER]
EDITORS = [Role.ANALYST, Role.ADMIN]
ALL_ROLES = READERS + EDITORS


def markers(page: str) -> list[dict]:
    match = re.search(
        r'<script id="facility-markers" type="application/json">(.*?)</script>', page, re.S
    )
    assert match, "the page has no marker JSON"
    return json.loads(match.group(1))


def assert_field_error(response, field, text):
    assert response.status_code == 200
    errors = response.context["form"].errors.get(field, [])
    assert any(text in message for message in errors), response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()


def write_urls(registry):
    """Every write page, with a valid POST for it."""
    return [
        (
            reverse("registry:facility_create"),
            {"name": "Kursk SIZO", "kind": "sizo", "coordinate_precision": "exact"},
        ),
        (
            reverse("registry:facility_edit", args=[registry.pit.pk]),
            {"name": "Renamed", "kind": "pit", "coordinate_precision": "exact"},
        ),
        (reverse("registry:unit_create"), {"name": "New Brigade", "kind": "military"}),
        (
            reverse("registry:unit_edit", args=[registry.unit.pk]),
            {"name": "Renamed", "kind": "military"},
        ),
        (reverse("registry:place_create"), {"name_en": "Stakhanov"}),
        (reverse("registry:place_edit", args=[registry.brianka.pk]), {"name_en": "Renamed"}),
    ]


# ---- Who may write ------------------------------------------------------------------------


@pytest.mark.parametrize("role", READERS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_readers_may_not_create_or_edit_the_gazetteer(registry, users, client_as, role, method):
    client = client_as(users[role])
    before = (
        Facility.objects.count(),
        Unit.objects.count(),
        Place.objects.count(),
        AuditEntry.objects.count(),
    )
    for url, data in write_urls(registry):
        response = getattr(client, method)(url, data if method == "post" else None)
        assert response.status_code == 403, url
    after = (
        Facility.objects.count(),
        Unit.objects.count(),
        Place.objects.count(),
        AuditEntry.objects.count(),
    )
    assert after == before
    assert not Facility.objects.filter(name="Renamed").exists()


@pytest.mark.parametrize("role", EDITORS)
def test_editors_get_every_write_form(registry, users, client_as, role):
    client = client_as(users[role])
    for url, _data in write_urls(registry):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<form method="post">' in response.content.decode()


# ---- Facilities ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_role_reads_the_facility_list(registry, users, client_as, role):
    page = client_as(users[role]).get(reverse("registry:facility_list")).content.decode()
    assert "Brianka basement" in page and "Bryanka" in page
    assert "48.5100, 38.6500" in page  # the place's coordinates, inherited


def test_the_facility_list_searches_and_filters_by_kind(registry, analyst, client_as):
    services.facility_create(actor=analyst, name="Kursk SIZO-1", kind=Facility.Kind.SIZO)
    client = client_as(analyst)
    url = reverse("registry:facility_list")

    def names(**params):
        page = client.get(url, params).content.decode()
        return {n for n in ("Brianka basement", "Kursk SIZO-1") if n in page}

    assert names() == {"Brianka basement", "Kursk SIZO-1"}
    assert names(q="kursk") == {"Kursk SIZO-1"}
    assert names(q="bryanka") == {"Brianka basement"}  # by its place's name
    assert names(kind="basement") == {"Brianka basement"}
    assert names(kind="sizo", q="brianka") == set()
    response = client.get(url, {"q": "kursk"}, HTTP_HX_REQUEST="true")
    assert response.content.decode().lstrip().startswith('<div id="facility-results">')


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (Role.VIEWER, "Ivan S.", "Сидоренко"),
        (Role.CASEWORKER, "Іван Петрович Сидоренко", "Ivan S."),
    ],
)
def test_a_facility_shows_its_place_map_and_timeline(
    registry, users, client_as, role, shown, hidden
):
    page = client_as(users[role]).get(registry.pit.get_absolute_url()).content.decode()
    assert "Brianka basement" in page and "Basement or improvised cell" in page
    assert f'href="{registry.brianka.get_absolute_url()}"' in page
    assert "48.51000, 38.65000" in page
    assert 'class="timeline"' in page and "Held in Brianka basement" in page
    assert "20 unnamed people" in page
    assert shown in page and hidden not in page
    assert markers(page) == [
        {
            "lat": 48.51,
            "lon": 38.65,
            "label": "Brianka basement",
            "url": registry.pit.get_absolute_url(),
            "kind": "basement",
        }
    ]
    assert (reverse("registry:facility_edit", args=[registry.pit.pk]) in page) == (role in EDITORS)


def test_a_facility_without_coordinates_has_no_map(analyst, client_as):
    facility = services.facility_create(actor=analyst, name="Somewhere unknown")
    page = client_as(analyst).get(facility.get_absolute_url()).content.decode()
    assert "data-map" not in page and "leaflet.js" not in page
    assert "No events recorded." in page


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_map_has_a_marker_for_each_facility_with_coordinates(
    registry, users, analyst, client_as, role
):
    services.facility_create(actor=analyst, name="Somewhere unknown")
    services.facility_create(
        actor=analyst, name="Kursk SIZO-1", kind=Facility.Kind.SIZO, latitude=51.73, longitude=36.19
    )
    response = client_as(users[role]).get(reverse("registry:facility_map"))
    page = response.content.decode()
    assert response.status_code == 200
    found = {m["label"]: m for m in markers(page)}
    assert set(found) == {"Brianka basement", "Kursk SIZO-1"}
    assert (found["Brianka basement"]["lat"], found["Brianka basement"]["lon"]) == (48.51, 38.65)
    assert (found["Kursk SIZO-1"]["lat"], found["Kursk SIZO-1"]["kind"]) == (51.73, "sizo")
    assert 'data-markers="facility-markers"' in page and "basemap/basemap.geojson" in page
    assert "leaflet.js" in page and "leaflet.css" in page and "web/map.js" in page
    assert "1 without coordinates" in page


def test_marker_labels_are_escaped_in_the_json(analyst, client_as):
    services.facility_create(actor=analyst, name="</script><b>x", latitude=50.0, longitude=30.0)
    page = client_as(analyst).get(reverse("registry:facility_map")).content.decode()
    assert "</script><b>x" not in page
    assert markers(page)[0]["label"] == "</script><b>x"


@pytest.mark.parametrize("role", EDITORS)
def test_creating_a_facility_stores_it_with_its_aliases_and_audits_it(
    registry, users, client_as, role
):
    data = {
        "name": "Brianka pit",
        "kind": "pit",
        "official": "on",
        "place": str(registry.brianka.pk),
        "latitude": "48.5",
        "longitude": "38.6",
        "coordinate_precision": "exact",
        "aliases": "the pit\n\n  яма \nthe pit",
        "description": "A pit behind the garages.",
    }
    response = client_as(users[role]).post(reverse("registry:facility_create"), data)
    facility = Facility.objects.get(name="Brianka pit")
    assert response.status_code == 302 and response["Location"] == facility.get_absolute_url()
    assert (facility.kind, facility.official, facility.place, facility.coordinates) == (
        "pit",
        True,
        registry.brianka,
        (48.5, 38.6),
    )
    assert facility.aliases == ["the pit", "яма"]
    assert AuditEntry.objects.filter(
        action="facility.create", object_id=str(facility.pk), actor=users[role]
    ).exists()


@pytest.mark.parametrize(
    ("data", "field", "text"),
    [
        ({"name": ""}, "name", "This field is required"),
        ({"latitude": "95", "longitude": "30"}, "latitude", "less than or equal to 90"),
        ({"latitude": "48.5"}, "longitude", "Give both latitude and longitude"),
        ({"kind": "castle"}, "kind", "Select a valid choice"),
    ],
)
def test_bad_facility_input_is_shown_on_its_field_and_nothing_is_stored(
    analyst, client_as, data, field, text
):
    post = {"name": "Kursk SIZO", "kind": "sizo", "coordinate_precision": "exact", **data}
    response = client_as(analyst).post(reverse("registry:facility_create"), post)
    assert_field_error(response, field, text)
    assert not Facility.objects.exists() and not AuditEntry.objects.exists()


def test_editing_a_facility_saves_and_audits_the_change(registry, analyst, client_as):
    client = client_as(analyst)
    url = reverse("registry:facility_edit", args=[registry.pit.pk])
    form = client.get(url).context["form"]
    assert form["name"].value() == "Brianka basement" and str(form["place"].value()) == str(
        registry.brianka.pk
    )
    data = {
        "name": "Brianka basement",
        "kind": "basement",
        "place": str(registry.brianka.pk),
        "coordinate_precision": "settlement",
        "aliases": "подвал в Брянке",
    }
    assert client.post(url, data).status_code == 302
    assert Facility.objects.get(pk=registry.pit.pk).aliases == ["подвал в Брянке"]
    entry = AuditEntry.objects.filter(
        action="facility.update", object_id=str(registry.pit.pk)
    ).get()
    assert list(entry.data["changed"]) == ["aliases"]


# ---- Units --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_role_reads_units(registry, users, client_as, role):
    client = client_as(users[role])
    page = client.get(reverse("registry:unit_list")).content.decode()
    assert "Test Brigade" in page and "в/ч 00001" in page
    assert (
        client.get(reverse("registry:unit_list"), {"q": "00001"})
        .content.decode()
        .count("Test Brigade")
        == 1
    )
    assert (
        "Test Brigade"
        not in client.get(reverse("registry:unit_list"), {"q": "marines"}).content.decode()
    )


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [(Role.VIEWER, "Ivan S.", "Сидоренко"), (Role.ANALYST, "Іван Петрович Сидоренко", "Ivan S.")],
)
def test_a_unit_shows_its_members_and_the_events_it_is_blamed_for(
    registry, users, client_as, role, shown, hidden
):
    parent = services.unit_create(
        actor=users[Role.ANALYST], name="Western Group", kind=Unit.Kind.MILITARY
    )
    services.unit_update(
        actor=users[Role.ANALYST], unit=registry.unit, parent=parent, aliases=["TB"]
    )
    page = client_as(users[role]).get(registry.unit.get_absolute_url()).content.decode()
    assert "в/ч 00001" in page and "Military unit" in page and "TB" in page
    assert f'href="{parent.get_absolute_url()}"' in page
    assert "1 member" in page and shown in page and hidden not in page
    assert "Held in Brianka basement" in page
    assert "Test Brigade" in client_as(users[role]).get(parent.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", EDITORS)
def test_creating_a_unit_stores_it_and_audits_it(registry, users, client_as, role):
    data = {
        "name": "1st Tank Army",
        "designation": "в/ч 73621",
        "kind": "military",
        "country": "ru",
        "aliases": "1 TA\n1-я танковая армия",
        "parent": str(registry.unit.pk),
    }
    response = client_as(users[role]).post(reverse("registry:unit_create"), data)
    unit = Unit.objects.get(name="1st Tank Army")
    assert response.status_code == 302 and response["Location"] == unit.get_absolute_url()
    assert (unit.designation, unit.country, unit.parent, unit.aliases) == (
        "в/ч 73621",
        "RU",
        registry.unit,
        ["1 TA", "1-я танковая армия"],
    )
    assert AuditEntry.objects.filter(
        action="unit.create", object_id=str(unit.pk), actor=users[role]
    ).exists()


def test_a_unit_cannot_be_part_of_itself(registry, analyst, client_as):
    url = reverse("registry:unit_edit", args=[registry.unit.pk])
    response = client_as(analyst).post(
        url, {"name": "Test Brigade", "kind": "military", "parent": str(registry.unit.pk)}
    )
    assert_field_error(response, "parent", "cannot be part of itself")
    assert Unit.objects.get(pk=registry.unit.pk).parent is None
    assert not AuditEntry.objects.filter(action="unit.update").exists()


def test_bad_unit_input_stores_nothing(analyst, client_as):
    response = client_as(analyst).post(
        reverse("registry:unit_create"), {"name": "", "kind": "military"}
    )
    assert_field_error(response, "name", "This field is required")
    response = client_as(analyst).post(
        reverse("registry:unit_create"), {"name": "X", "kind": "military", "country": "RUS"}
    )
    assert_field_error(response, "country", "at most 2 characters")
    assert not Unit.objects.exists()


def test_editing_a_unit_saves_and_audits_the_change(registry, analyst, client_as):
    url = reverse("registry:unit_edit", args=[registry.unit.pk])
    client = client_as(analyst)
    assert client.get(url).context["form"]["designation"].value() == "в/ч 00001"
    response = client.post(
        url, {"name": "Test Brigade", "designation": "в/ч 00002", "kind": "military"}
    )
    assert response.status_code == 302
    assert Unit.objects.get(pk=registry.unit.pk).designation == "в/ч 00002"
    entry = AuditEntry.objects.get(action="unit.update", object_id=str(registry.unit.pk))
    assert entry.data["changed"]["designation"] == ["в/ч 00001", "в/ч 00002"]


# ---- Places -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_role_reads_places(registry, users, client_as, role):
    client = client_as(users[role])
    page = client.get(reverse("registry:place_list")).content.decode()
    assert "Bryanka" in page and "Брянка" in page and "Luhansk" in page
    assert "Bryanka" in client.get(reverse("registry:place_list"), {"q": "Брянка"}).content.decode()
    assert (
        "Bryanka" not in client.get(reverse("registry:place_list"), {"q": "Kyiv"}).content.decode()
    )
    detail = client.get(registry.brianka.get_absolute_url()).content.decode()
    assert "711369" in detail and "48.51000, 38.65000" in detail and "UA" in detail
    assert f'href="{registry.pit.get_absolute_url()}"' in detail
    assert "Held in Brianka basement" in detail  # the facility's event happened at its place
    assert (reverse("registry:place_edit", args=[registry.brianka.pk]) in detail) == (
        role in EDITORS
    )


def test_the_place_page_names_victims_as_the_role_may_see_them(registry, viewer, client_as):
    page = client_as(viewer).get(registry.brianka.get_absolute_url()).content.decode()
    assert "Ivan S." in page and "Сидоренко" not in page


@pytest.mark.parametrize("role", EDITORS)
def test_creating_a_place_stores_it_and_audits_it(users, client_as, role):
    data = {
        "name_en": "Stakhanov",
        "name_uk": "Кадіївка",
        "name_ru": "Стаханов",
        "aliases": "Kadiivka",
        "geonameid": "699839",
        "latitude": "48.56",
        "longitude": "38.65",
        "admin1": "Luhansk",
        "country": "ua",
    }
    response = client_as(users[role]).post(reverse("registry:place_create"), data)
    place = Place.objects.get(name_en="Stakhanov")
    assert response.status_code == 302 and response["Location"] == place.get_absolute_url()
    assert (place.name_uk, place.geonameid, place.country, place.aliases) == (
        "Кадіївка",
        699839,
        "UA",
        ["Kadiivka"],
    )
    assert AuditEntry.objects.filter(
        action="place.create", object_id=str(place.pk), actor=users[role]
    ).exists()


@pytest.mark.parametrize(
    ("data", "field", "text"),
    [
        ({"name_en": ""}, "name_en", "This field is required"),
        ({"geonameid": "711369"}, "geonameid", "already exists"),  # the service refuses a duplicate
        ({"longitude": "200", "latitude": "48"}, "longitude", "less than or equal to 180"),
        ({"longitude": "38.6"}, "latitude", "Give both latitude and longitude"),
    ],
)
def test_bad_place_input_is_shown_on_its_field_and_nothing_is_stored(
    registry, analyst, client_as, data, field, text
):
    before = (Place.objects.count(), AuditEntry.objects.count())
    response = client_as(analyst).post(
        reverse("registry:place_create"), {"name_en": "Stakhanov", **data}
    )
    assert_field_error(response, field, text)
    assert (Place.objects.count(), AuditEntry.objects.count()) == before


def test_editing_a_place_saves_and_audits_the_change(registry, analyst, client_as):
    url = reverse("registry:place_edit", args=[registry.brianka.pk])
    client = client_as(analyst)
    form = client.get(url).context["form"]
    assert (form["name_uk"].value(), form["geonameid"].value()) == ("Брянка", 711369)
    data = {
        "name_en": "Brianka",
        "name_uk": "Брянка",
        "name_ru": "Брянка",
        "geonameid": "711369",
        "latitude": "48.51",
        "longitude": "38.65",
        "admin1": "Luhansk",
        "country": "UA",
    }
    assert client.post(url, data).status_code == 302
    assert Place.objects.get(pk=registry.brianka.pk).name_en == "Brianka"
    entry = AuditEntry.objects.get(action="place.update", object_id=str(registry.brianka.pk))
    assert entry.data["changed"] == {"name_en": ["Bryanka", "Brianka"]}


@pytest.mark.parametrize(
    "name", ["facility_detail", "unit_detail", "place_detail", "facility_edit"]
)
def test_unknown_records_are_not_found(analyst, client_as, name):
    url = reverse(f"registry:{name}", args=["00000000-0000-0000-0000-000000000000"])
    assert client_as(analyst).get(url).status_code == 404
