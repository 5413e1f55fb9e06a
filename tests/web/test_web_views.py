"""Dashboard, global search, health check and sign-in, through the test client."""

import pytest
from django.urls import reverse

from tracedesk.tracing.services import inquiry_create, tracing_request_create

MAIN_PAGES = [
    "web:dashboard",
    "web:search",
    "registry:person_list",
    "registry:event_list",
    "registry:facility_list",
    "registry:facility_map",
    "registry:unit_list",
    "registry:place_list",
    "registry:source_list",
    "tracing:request_list",
]


@pytest.mark.parametrize("name", MAIN_PAGES)
def test_every_page_sends_strangers_to_sign_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_health_check_answers_without_sign_in(client, db):
    response = client.get(reverse("web:healthz"))
    assert response.status_code == 200 and response.json() == {"ok": True}


def test_sign_in_with_the_right_password_opens_the_dashboard(client, analyst):
    from tests.conftest import PASSWORD

    response = client.post(reverse("login"), {"username": analyst.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("web:dashboard")
    client.logout()
    wrong = client.post(reverse("login"), {"username": analyst.username, "password": "nope"})
    assert wrong.status_code == 200 and 'role="alert"' in wrong.content.decode()


def test_dashboard_counts_people_by_status_with_labels(client_as, registry, analyst):
    page = client_as(analyst).get(reverse("web:dashboard")).content.decode()
    assert "Detained</span></a> 1" in page
    assert "Unknown</span></a> 1" in page  # the protected person has no status-deciding event


def test_dashboard_shows_tracing_totals_only_to_tracing_roles(
    client_as, registry, caseworker, viewer
):
    case = tracing_request_create(
        actor=caseworker, requester_name="Olha", sought_name="Іван Сидоренко"
    )
    inquiry_create(
        actor=caseworker,
        request=case,
        date="2024-01-10",
        authority="Ombudsman",
        asked="Is he held?",
    )
    tracing_request_create(actor=caseworker, requester_name="Petro", sought_name="Taras Bondar")
    page = client_as(caseworker).get(reverse("web:dashboard")).content.decode()
    assert 'href="/tracing/">2</a>' in page
    assert "Searching</span></a> 1" in page and "Open</span></a> 1" in page
    viewer_page = client_as(viewer).get(reverse("web:dashboard")).content.decode()
    assert "Tracing requests" not in viewer_page


@pytest.mark.parametrize("query", ["Sydorenko", "сидоренко", "IVAN"])
def test_search_finds_a_person_by_any_spelling(client_as, registry, analyst, query):
    page = client_as(analyst).get(reverse("web:search"), {"q": query}).content.decode()
    assert registry.ivan.get_absolute_url() in page
    assert "Іван Петрович Сидоренко" in page


def test_search_shows_viewers_pseudonyms_only(client_as, registry, viewer):
    page = client_as(viewer).get(reverse("web:search"), {"q": "Ivan S"}).content.decode()
    assert "Ivan S." in page and "Сидоренко" not in page
    legal = client_as(viewer).get(reverse("web:search"), {"q": "Сидоренко"}).content.decode()
    assert registry.ivan.get_absolute_url() not in legal


def test_search_covers_facilities_units_and_sources(client_as, registry, analyst):
    page = client_as(analyst).get(reverse("web:search"), {"q": "Brianka"}).content.decode()
    assert registry.pit.get_absolute_url() in page
    assert registry.source.get_absolute_url() in page


@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("analyst", 302), ("viewer", 302)])
def test_only_admins_reach_the_admin_site(client_as, users, role, status):
    response = client_as(users[role]).get("/admin/")
    assert response.status_code == status
