"""REST API: events, sources, facilities, units and tracing requests, per role."""

import json

from tracedesk.accounts.models import Role
from tracedesk.audit.models import AuditEntry
from tracedesk.registry.models import Event, Person
from tracedesk.registry.services import event_update


def text_of(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


def post_json(client, path: str, body: dict):
    return client.post(path, body, content_type="application/json")


# Events


def test_events_are_listed_with_role_aware_victim_names_and_filtered(registry, api_as):
    viewer = api_as(Role.VIEWER)
    analyst = api_as(Role.ANALYST)

    as_viewer = viewer.get("/api/events").json()
    as_analyst = analyst.get("/api/events").json()

    assert [e["id"] for e in as_viewer["items"]] == [str(registry.detention.pk)]
    assert as_viewer["items"][0]["victims"] == [
        {"id": str(registry.ivan.pk), "display_name": "Ivan S."}
    ]
    assert as_analyst["items"][0]["victims"][0]["display_name"] == "Іван Петрович Сидоренко"
    assert analyst.get("/api/events", {"type": "detention"}).json()["count"] == 1
    assert analyst.get("/api/events", {"type": "release"}).json()["count"] == 0
    assert analyst.get("/api/events", {"verification": "verified"}).json()["count"] == 0


def test_event_detail_has_dates_and_references(registry, api_as):
    response = api_as(Role.VIEWER).get(f"/api/events/{registry.detention.pk}")

    body = response.json()
    assert response.status_code == 200
    assert (body["date_start"], body["date_min"], body["date_max"]) == (
        "2022-07",
        "2022-07-01",
        "2022-07-31",
    )
    assert body["facility"] == {"id": str(registry.pit.pk), "name": "Brianka basement"}
    assert body["place"]["id"] == str(registry.brianka.pk)
    assert body["perpetrator_unit"]["id"] == str(registry.unit.pk)
    assert body["unnamed_count"] == 20
    assert "Сидоренко" not in text_of(response)


def test_rejected_events_are_hidden_from_roles_that_cannot_edit(registry, analyst, api_as):
    event_update(actor=analyst, event=registry.detention, verification="rejected")

    assert api_as(Role.VIEWER).get("/api/events").json()["count"] == 0
    assert api_as(Role.VIEWER).get(f"/api/events/{registry.detention.pk}").status_code == 404
    assert api_as(Role.ANALYST).get(f"/api/events/{registry.detention.pk}").status_code == 200


def test_an_analyst_records_an_event_and_the_victims_status_follows(registry, analyst, api_as):
    body = {
        "type": "release",
        "title": "Released in an exchange",
        "date_start": "2023-01-15",
        "victims": [str(registry.ivan.pk)],
        "facility": str(registry.pit.pk),
        "verification": "verified",
    }

    response = post_json(api_as(Role.ANALYST), "/api/events", body)

    assert response.status_code == 201
    event = Event.objects.get(pk=response.json()["id"])
    assert (event.type, event.facility, event.place) == ("release", registry.pit, registry.brianka)
    assert list(event.victims.all()) == [registry.ivan]
    assert Person.objects.get(pk=registry.ivan.pk).status == Person.Status.RELEASED
    assert AuditEntry.objects.filter(
        action="event.create", object_id=str(event.pk), actor=analyst
    ).exists()


def test_event_errors_name_the_field_and_store_nothing(registry, api_as):
    analyst = api_as(Role.ANALYST)
    before = (Event.objects.count(), AuditEntry.objects.count())

    bad_date = post_json(
        analyst, "/api/events", {"type": "detention", "title": "x", "date_start": "July"}
    )
    bad_victim = post_json(
        analyst,
        "/api/events",
        {"type": "detention", "title": "x", "victims": [str(registry.unit.pk)]},
    )
    bad_type = post_json(analyst, "/api/events", {"type": "kidnap", "title": "x"})
    viewer = post_json(api_as(Role.VIEWER), "/api/events", {"type": "detention", "title": "x"})

    assert (bad_date.status_code, list(bad_date.json()["errors"])) == (400, ["date_start"])
    assert (bad_victim.status_code, list(bad_victim.json()["errors"])) == (400, ["victims"])
    assert (bad_type.status_code, list(bad_type.json()["errors"])) == (422, ["type"])
    assert viewer.status_code == 403
    assert (Event.objects.count(), AuditEntry.objects.count()) == before


# Sources


def test_source_lists_carry_metadata_never_text(registry, api_as):
    body = api_as(Role.ANALYST).get("/api/sources").json()

    assert {s["title"] for s in body["items"]} == {
        "Soldiers held in Brianka",
        "Testimony of a relative",
    }
    assert all("text" not in item for item in body["items"])
    assert "his mother said" not in json.dumps(body)
    article = next(s for s in body["items"] if s["id"] == str(registry.source.pk))
    assert article["evidence_count"] == 1
    assert len(article["sha256"]) == 64


def test_one_source_has_its_text_and_viewers_never_read_testimonies(registry, caseworker, api_as):
    viewer = api_as(Role.VIEWER)

    article = viewer.get(f"/api/sources/{registry.source.pk}")
    hidden = viewer.get(f"/api/sources/{registry.testimony.pk}")
    listed = viewer.get("/api/sources").json()
    testimony = api_as(Role.CASEWORKER).get(f"/api/sources/{registry.testimony.pk}")

    assert article.status_code == 200
    assert article.json()["text"] == registry.source.text
    assert hidden.status_code == 404
    assert [s["id"] for s in listed["items"]] == [str(registry.source.pk)]
    assert testimony.json()["text"] == "He called me from the basement."
    assert AuditEntry.objects.filter(
        action="source.view_sensitive", object_id=str(registry.testimony.pk), actor=caseworker
    ).exists()


def test_sources_are_filtered_by_kind_and_query(registry, api_as):
    analyst = api_as(Role.ANALYST)

    testimonies = analyst.get("/api/sources", {"kind": "testimony"}).json()
    searched = analyst.get("/api/sources", {"q": "example"}).json()

    assert [s["id"] for s in testimonies["items"]] == [str(registry.testimony.pk)]
    assert [s["id"] for s in searched["items"]] == [str(registry.source.pk)]


# Facilities and units


def test_facilities_carry_coordinates_from_their_place_when_they_have_none(registry, api_as):
    body = api_as(Role.VIEWER).get("/api/facilities").json()

    pit = body["items"][0]
    assert body["count"] == 1
    assert (pit["name"], pit["lat"], pit["lon"]) == ("Brianka basement", 48.51, 38.65)
    assert pit["place"] == {"id": str(registry.brianka.pk), "name": "Bryanka"}
    assert pit["event_count"] == 1


def test_units_are_listed_with_their_counts(registry, api_as):
    body = api_as(Role.VIEWER).get("/api/units", {"q": "00001"}).json()

    assert body["count"] == 1
    unit = body["items"][0]
    assert (unit["designation"], unit["event_count"], unit["member_count"]) == ("в/ч 00001", 1, 1)


# Tracing requests


def test_caseworkers_see_only_the_cases_assigned_to_them(cases, api_as):
    caseworker = api_as(Role.CASEWORKER)

    listed = caseworker.get("/api/tracing-requests").json()
    mine = caseworker.get(f"/api/tracing-requests/{cases.mine.pk}")
    theirs = caseworker.get(f"/api/tracing-requests/{cases.theirs.pk}")

    assert [r["reference"] for r in listed["items"]] == [cases.mine.reference]
    assert listed["items"][0]["assigned_to"] == ["caseworker-user"]
    assert mine.status_code == 200
    assert theirs.status_code == 404
    assert "Коваль" not in text_of(caseworker.get("/api/tracing-requests"))


def test_admins_see_every_case_and_other_roles_none(cases, api_as):
    admin = api_as(Role.ADMIN).get("/api/tracing-requests").json()

    assert {r["reference"] for r in admin["items"]} == {
        cases.mine.reference,
        cases.theirs.reference,
    }
    for role in (Role.ANALYST, Role.VIEWER):
        client = api_as(role)
        assert client.get("/api/tracing-requests").status_code == 403, role
        assert client.get(f"/api/tracing-requests/{cases.mine.pk}").status_code == 403, role


def test_contact_details_are_in_the_audited_detail_only(cases, caseworker, api_as):
    client = api_as(Role.CASEWORKER)

    listed = client.get("/api/tracing-requests")
    detail = client.get(f"/api/tracing-requests/{cases.mine.pk}")

    assert "+380 50 000 00 01" not in listed.content.decode()
    body = detail.json()
    assert body["requester_contact"] == "+380 50 000 00 01"
    assert body["requester_name"] == "Олена Сидоренко"
    assert body["allowed_next"] == ["closed", "searching"]
    assert [c["to_status"] for c in body["status_changes"]] == ["open"]
    assert AuditEntry.objects.filter(
        action="tracing_request.view", object_id=str(cases.mine.pk), actor=caseworker
    ).exists()
