"""REST API: authentication, people, and the error format."""

import datetime as dt
import json

from django.test import Client
from django.utils import timezone

from tracedesk.accounts.models import ApiToken, Role
from tracedesk.accounts.services import api_token_create
from tracedesk.audit.models import AuditEntry
from tracedesk.registry.models import Person, PersonName
from tracedesk.registry.services import person_update


def text_of(response) -> str:
    """The JSON body with every character as itself, so that a name can be searched for."""
    return json.dumps(response.json(), ensure_ascii=False)


def post_json(client: Client, path: str, body: dict):
    return client.post(path, body, content_type="application/json")


# Authentication


def test_a_bearer_token_works_without_a_session_and_is_marked_used(analyst, api_client):
    token = api_token_create(actor=None, user=analyst, name="script")
    client = api_client(token)

    response = client.get("/api/people")

    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}
    assert "sessionid" not in client.cookies
    assert ApiToken.objects.get(user=analyst).last_used_at is not None


def test_without_credentials_the_api_answers_401_json_not_a_redirect(db, api_client):
    for method, path in [
        ("get", "/api/people"),
        ("post", "/api/people"),
        ("get", "/api/tracing-requests"),
        ("get", "/api/openapi.json"),
    ]:
        response = getattr(api_client(), method)(path)
        assert response.status_code == 401, path
        assert response["Content-Type"].startswith("application/json"), path
        assert "Location" not in response, path
        assert response.json()["message"].startswith("Authentication required"), path
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_bad_revoked_and_inactive_tokens_are_refused(analyst, viewer, api_client):
    good = api_token_create(actor=None, user=analyst, name="good")
    revoked = api_token_create(actor=None, user=analyst, name="revoked")
    ApiToken.objects.filter(name="revoked").update(revoked_at=timezone.now())
    inactive = api_token_create(actor=None, user=viewer, name="inactive")
    viewer.is_active = False
    viewer.save()

    for token in ["td_not-a-token", good + "x", revoked, inactive, good.removeprefix("td_")]:
        assert api_client(token).get("/api/people").status_code == 401, token
    assert Client(headers={"Authorization": f"Token {good}"}).get("/api/people").status_code == 401
    assert api_client(good).get("/api/people").status_code == 200


def test_last_use_is_recorded_once_a_minute_not_on_every_request(analyst, api_client):
    token = api_token_create(actor=None, user=analyst, name="script")
    long_ago = timezone.now() - dt.timedelta(days=3)
    ApiToken.objects.update(last_used_at=long_ago)
    client = api_client(token)

    client.get("/api/people")
    first = ApiToken.objects.get().last_used_at
    client.get("/api/people")

    assert first > long_ago
    assert ApiToken.objects.get().last_used_at == first


def test_health_is_the_one_operation_open_to_anyone(db, api_client):
    response = api_client().get("/api/health")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_a_signed_in_browser_session_works_and_its_writes_need_the_csrf_token(analyst):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(analyst)
    body = {"names": [{"full_name": "Петро Коваль"}]}

    assert browser.get("/api/people").status_code == 200
    refused = post_json(browser, "/api/people", body)
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["message"]
    assert not Person.objects.exists()

    browser.cookies["csrftoken"] = "a" * 32
    accepted = browser.post(
        "/api/people", body, content_type="application/json", headers={"X-CSRFToken": "a" * 32}
    )
    assert accepted.status_code == 201
    assert Person.objects.count() == 1


def test_a_token_needs_no_csrf_token_for_writes(analyst):
    token = api_token_create(actor=None, user=analyst, name="script")
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"})

    response = post_json(client, "/api/people", {"names": [{"full_name": "Петро Коваль"}]})

    assert response.status_code == 201


# People


def test_viewers_get_pseudonyms_only(registry, api_as):
    viewer = api_as(Role.VIEWER)

    listing = viewer.get("/api/people")
    detail = viewer.get(f"/api/people/{registry.ivan.pk}")
    searched = viewer.get("/api/people", {"q": "Сидоренко"})

    assert listing.status_code == detail.status_code == 200
    ivan = next(p for p in listing.json()["items"] if p["id"] == str(registry.ivan.pk))
    assert ivan["display_name"] == "Ivan S."
    assert [n["full_name"] for n in ivan["names"]] == ["Ivan S."]
    assert detail.json()["display_name"] == "Ivan S."
    for response in (listing, detail):
        text = text_of(response)
        for legal in ("Сидоренко", "Іван", "Иван", "Sydorenko", "Канарейкин"):
            assert legal not in text
    assert searched.json() == {"items": [], "count": 0}


def test_caseworkers_see_legal_names_but_not_those_of_protected_people(registry, api_as):
    caseworker = api_as(Role.CASEWORKER)

    ivan = caseworker.get(f"/api/people/{registry.ivan.pk}").json()
    protected = caseworker.get(f"/api/people/{registry.protected.pk}")

    assert ivan["display_name"] == "Іван Петрович Сидоренко"
    assert {n["kind"] for n in ivan["names"]} == {"legal", "alias", "pseudonym"}
    assert protected.json()["display_name"] == "Witness K."
    assert "Канарейкин" not in text_of(protected)


def test_notes_go_only_to_roles_that_see_every_name(registry, analyst, api_as):
    person_update(actor=analyst, person=registry.protected, notes="Канарейкин lives in Stakhanov")
    path = f"/api/people/{registry.protected.pk}"

    assert api_as(Role.ANALYST).get(path).json()["notes"] == "Канарейкин lives in Stakhanov"
    assert api_as(Role.CASEWORKER).get(path).json()["notes"] == ""
    assert api_as(Role.VIEWER).get(path).json()["notes"] == ""


def test_person_detail_has_names_birth_date_status_units_and_events(registry, api_as):
    response = api_as(Role.ANALYST).get(f"/api/people/{registry.ivan.pk}")

    body = response.json()
    assert response.status_code == 200
    assert body["birth_date"] == "1998"
    assert body["status"] == "detained"
    assert body["units"] == [{"id": str(registry.unit.pk), "name": str(registry.unit)}]
    assert body["events"] == [str(registry.detention.pk)]
    assert "Іван Петрович Сидоренко" in [n["full_name"] for n in body["names"]]


def test_people_are_searched_filtered_and_paginated(registry, api_as):
    analyst = api_as(Role.ANALYST)

    found = analyst.get("/api/people", {"q": "сидоренко"}).json()
    detained = analyst.get("/api/people", {"status": "detained"}).json()
    page = analyst.get("/api/people", {"page_size": 1, "page": 2}).json()

    assert [p["id"] for p in found["items"]] == [str(registry.ivan.pk)]
    assert [p["id"] for p in detained["items"]] == [str(registry.ivan.pk)]
    assert page["count"] == 2
    assert len(page["items"]) == 1


def test_an_unknown_person_is_404_json(registry, api_as):
    response = api_as(Role.ANALYST).get(f"/api/people/{registry.detention.pk}")

    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "errors": {}}


def test_an_analyst_creates_a_person_with_an_audit_entry(registry, analyst, api_as):
    body = {
        "names": [
            {"full_name": "Петро Іванович Коваль", "language": "uk"},
            {"full_name": "P. K.", "kind": "pseudonym"},
        ],
        "birth_date": "1990-05",
        "category": "serviceman",
        "units": [str(registry.unit.pk)],
    }

    response = post_json(api_as(Role.ANALYST), "/api/people", body)

    assert response.status_code == 201
    person = Person.objects.get(pk=response.json()["id"])
    assert person.birth_date == "1990-05"
    assert person.category == Person.Category.SERVICEMAN
    assert list(person.units.all()) == [registry.unit]
    assert set(person.names.values_list("full_name", "kind")) == {
        ("Петро Іванович Коваль", PersonName.Kind.LEGAL),
        ("P. K.", PersonName.Kind.PSEUDONYM),
    }
    entry = AuditEntry.objects.get(action="person.create", object_id=str(person.pk))
    assert entry.actor == analyst
    assert response.json()["display_name"] == "Петро Іванович Коваль"


def test_viewers_and_caseworkers_may_not_create_people(db, api_as):
    body = {"names": [{"full_name": "Петро Коваль"}]}

    for role in (Role.VIEWER, Role.CASEWORKER):
        response = post_json(api_as(role), "/api/people", body)
        assert response.status_code == 403, role
        assert response.json()["message"] == "Your role may not change the registry."
    assert not Person.objects.exists()
    assert not AuditEntry.objects.filter(action="person.create").exists()


def test_a_bad_birth_date_is_400_naming_the_field_and_nothing_is_stored(db, api_as):
    before = AuditEntry.objects.count()
    body = {"names": [{"full_name": "Петро Коваль"}], "birth_date": "1990-13-45"}

    response = post_json(api_as(Role.ANALYST), "/api/people", body)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["birth_date"]
    assert response.json()["message"]
    assert not Person.objects.exists()
    assert not PersonName.objects.exists()
    assert AuditEntry.objects.count() == before


def test_service_errors_name_the_field_in_the_request(registry, api_as):
    analyst = api_as(Role.ANALYST)

    no_names = post_json(analyst, "/api/people", {"names": []})
    blank = post_json(analyst, "/api/people", {"names": [{"full_name": "  "}]})
    no_unit = post_json(
        analyst,
        "/api/people",
        {"names": [{"full_name": "Петро Коваль"}], "units": [str(registry.ivan.pk)]},
    )

    assert (no_names.status_code, list(no_names.json()["errors"])) == (400, ["names"])
    assert (blank.status_code, list(blank.json()["errors"])) == (400, ["names[0].full_name"])
    assert (no_unit.status_code, list(no_unit.json()["errors"])) == (400, ["units"])
    assert str(registry.ivan.pk) in no_unit.json()["errors"]["units"][0]
    assert Person.objects.count() == 2


def test_a_body_that_does_not_match_the_schema_is_422_naming_each_field(db, api_as):
    body = {"names": [{"full_name": "Петро", "kind": "nickname"}, {}], "sex": "x"}

    response = post_json(api_as(Role.ANALYST), "/api/people", body)
    bad_filter = api_as(Role.ANALYST).get("/api/people", {"status": "lost"})

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"names[0].kind", "names[1].full_name", "sex"}
    assert bad_filter.status_code == 422
    assert list(bad_filter.json()["errors"]) == ["status"]
    assert not Person.objects.exists()
