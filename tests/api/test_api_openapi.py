"""The OpenAPI document, the offline docs page, and every operation × every role."""

import json
import re

import pytest

from tracedesk.accounts.models import Role

ANONYMOUS = "anonymous"  # api_as("anonymous") is a client without credentials
ROLES = [Role.ADMIN, Role.ANALYST, Role.CASEWORKER, Role.VIEWER, ANONYMOUS]

# Read by every signed-in role, refused to anonymous callers.
READ = {Role.ADMIN: 200, Role.ANALYST: 200, Role.CASEWORKER: 200, Role.VIEWER: 200, ANONYMOUS: 401}
# Registry writes: analysts and admins.
WRITE = {Role.ADMIN: 201, Role.ANALYST: 201, Role.CASEWORKER: 403, Role.VIEWER: 403, ANONYMOUS: 401}
# Tracing: admins, and caseworkers on the case assigned to them (the one used below).
TRACING = {
    Role.ADMIN: 200,
    Role.ANALYST: 403,
    Role.CASEWORKER: 200,
    Role.VIEWER: 403,
    ANONYMOUS: 401,
}

# Every operation in the OpenAPI document, with the status each role must get. An
# operation missing here fails the walk: a new endpoint needs its row before it ships.
EXPECTED = {
    ("GET", "/api/health"): dict.fromkeys(ROLES, 200),
    ("GET", "/api/people"): READ,
    ("POST", "/api/people"): WRITE,
    ("GET", "/api/people/{person_id}"): READ,
    ("GET", "/api/events"): READ,
    ("POST", "/api/events"): WRITE,
    ("GET", "/api/events/{event_id}"): READ,
    ("GET", "/api/sources"): READ,
    # The testimony: viewers may not read it, so for them it does not exist.
    ("GET", "/api/sources/{source_id}"): {**READ, Role.VIEWER: 404},
    ("GET", "/api/facilities"): READ,
    ("GET", "/api/units"): READ,
    ("GET", "/api/tracing-requests"): TRACING,
    ("GET", "/api/tracing-requests/{request_id}"): TRACING,
}


def bodies(registry) -> dict[tuple[str, str], dict]:
    """A valid body for each write, so that a refusal can only come from the role."""
    return {
        ("POST", "/api/people"): {"names": [{"full_name": "Петро Коваль"}], "birth_date": "1990"},
        ("POST", "/api/events"): {
            "type": "detention",
            "title": "Detained at a checkpoint",
            "date_start": "2022-08",
            "victims": [str(registry.ivan.pk)],
        },
    }


def operations(schema: dict) -> set[tuple[str, str]]:
    return {(method.upper(), path) for path, item in schema["paths"].items() for method in item}


@pytest.fixture
def schema(db, api_as):
    response = api_as(Role.VIEWER).get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_document_lists_every_path(schema):
    assert sorted(schema["paths"]) == [
        "/api/events",
        "/api/events/{event_id}",
        "/api/facilities",
        "/api/health",
        "/api/people",
        "/api/people/{person_id}",
        "/api/sources",
        "/api/sources/{source_id}",
        "/api/tracing-requests",
        "/api/tracing-requests/{request_id}",
        "/api/units",
    ]


def test_every_operation_but_health_requires_a_token_or_session(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"
    for method, path in operations(schema):
        security = schema["paths"][path][method.lower()].get("security")
        if path == "/api/health":
            assert not security
        else:
            assert security == [{"TokenAuth": []}, {"SessionAuth": []}], (method, path)


def test_errors_are_documented_in_one_shape(schema):
    people = schema["paths"]["/api/people"]["post"]["responses"]

    assert set(people) == {"201", "400", "401", "403", "422"}
    error = schema["components"]["schemas"]["ErrorOut"]
    assert set(error["properties"]) == {"message", "errors"}


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_every_operation_answers_each_role_as_the_table_says(role, schema, registry, cases, api_as):
    found = operations(schema)
    assert found - EXPECTED.keys() == set(), "operations without an entry in EXPECTED"
    assert EXPECTED.keys() - found == set(), "EXPECTED lists operations the API no longer has"
    ids = {
        "person_id": registry.ivan.pk,
        "event_id": registry.detention.pk,
        "source_id": registry.testimony.pk,
        "request_id": cases.mine.pk,
    }
    writes = bodies(registry)
    client = api_as(role)

    wrong = []
    for method, path in sorted(found):
        url = re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.generic(
                method, url, json.dumps(writes[(method, path)]), content_type="application/json"
            )
        if response.status_code != EXPECTED[(method, path)][role]:
            wrong.append((method, path, response.status_code, response.content[:200]))
        if response.status_code >= 400:
            assert set(response.json()) == {"message", "errors"}, (method, path)
    assert wrong == [], f"{role}: unexpected statuses"


def test_the_document_and_docs_are_not_public(db, api_client, client):
    assert api_client().get("/api/openapi.json").status_code == 401
    docs = client.get("/api/docs")
    assert docs.status_code == 302
    assert docs["Location"].startswith("/accounts/login/")


def test_the_docs_page_loads_swagger_ui_from_our_static_files_not_a_cdn(viewer, client_as):
    client = client_as(viewer)

    page = client.get("/api/docs")

    html = page.content.decode()
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in assets
    assert "/static/ninja/swagger-ui.css" in assets
    assert not [a for a in assets if a.startswith(("http:", "https:", "//"))], assets
    assert "cdn" not in html.lower()
    settings = json.loads(re.search(r'id="swagger-settings">(.*?)</script>', html, re.S).group(1))
    assert settings["validatorUrl"] is None, "Swagger UI must not call validator.swagger.io"
    assert settings["url"] == "/api/openapi.json"
    for asset in ("/static/ninja/swagger-ui-bundle.js", "/static/ninja/swagger-ui-init.js"):
        assert client.get(asset).status_code == 200, asset
