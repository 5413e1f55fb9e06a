"""Event pages through the test client, for every role."""

import pytest
from django.urls import reverse

from tracedesk.accounts.models import Role
from tracedesk.audit.models import AuditEntry
from tracedesk.registry import services
from tracedesk.registry.models import Event, Person

READERS = [Role.VIEWER, Role.CASEWORKER]
EDITORS = [Role.ANALYST, Role.ADMIN]
ALL_ROLES = READERS + EDITORS


def event_post(registry, **overrides):
    data = {
        "type": Event.Type.RELEASE,
        "title": "Released in an exchange",
        "date_start": "2022-10-06",
        "date_end": "",
        "facility": "",
        "place": str(registry.brianka.pk),
        "perpetrator_unit": str(registry.unit.pk),
        "victims": [str(registry.ivan.pk)],
        "unnamed_count": "3",
        "unnamed_description": "three other soldiers",
        "description": "Exchanged at the border.",
        "verification": Event.Verification.VERIFIED,
        "confidence": "0.8",
    }
    data.update(overrides)
    return data


def assert_field_error(response, field, text):
    """The form came back with `text` shown on `field`, not only somewhere on the page."""
    assert response.status_code == 200
    errors = response.context["form"].errors.get(field, [])
    assert any(text in message for message in errors), response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()


# ---- Reading --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_role_reads_the_event_list(registry, users, client_as, role):
    response = client_as(users[role]).get(reverse("registry:event_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Held in Brianka basement" in page
    assert "Brianka basement" in page and "Test Brigade" in page
    assert "2022-07" in page and ">20<" in page
    assert 'class="badge badge-draft"' in page


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (Role.VIEWER, "Ivan S.", "Сидоренко"),
        (Role.CASEWORKER, "Іван Петрович Сидоренко", "Ivan S."),
        (Role.ANALYST, "Іван Петрович Сидоренко", "Ivan S."),
    ],
)
def test_the_event_list_names_victims_as_the_role_may_see_them(
    registry, users, client_as, role, shown, hidden
):
    page = client_as(users[role]).get(reverse("registry:event_list")).content.decode()
    assert shown in page
    assert hidden not in page


def test_the_event_list_filters_by_type_verification_facility_and_unit(
    registry, analyst, client_as
):
    services.event_create(
        actor=analyst, type=Event.Type.ABUSE, title="Beaten at a checkpoint", date_start="2022-08"
    )
    client = client_as(analyst)
    url = reverse("registry:event_list")

    def titles(**params):
        page = client.get(url, params).content.decode()
        return {t for t in ("Held in Brianka basement", "Beaten at a checkpoint") if t in page}

    assert titles() == {"Held in Brianka basement", "Beaten at a checkpoint"}
    assert titles(type="abuse") == {"Beaten at a checkpoint"}
    assert titles(facility=str(registry.pit.pk)) == {"Held in Brianka basement"}
    assert titles(unit=str(registry.unit.pk)) == {"Held in Brianka basement"}
    assert titles(verification="verified") == set()
    # A filter that does not parse is ignored rather than answered with an error.
    assert titles(facility="not-a-uuid", type="abuse") == {"Beaten at a checkpoint"}


def test_the_event_list_pages_by_fifty(analyst, client_as):
    for n in range(51):
        services.event_create(
            actor=analyst, type=Event.Type.DETENTION, title=f"Detention {n:02d}", date_start="2022"
        )
    client = client_as(analyst)
    first = client.get(reverse("registry:event_list")).content.decode()
    second = client.get(reverse("registry:event_list"), {"page": 2}).content.decode()
    assert first.count("<tr>") - 1 == 50  # minus the header row
    assert second.count("<tr>") - 1 == 1
    assert "51 events" in first and "Page 2 of 2" in second


def test_an_htmx_request_gets_only_the_results(registry, analyst, client_as):
    response = client_as(analyst).get(
        reverse("registry:event_list"), {"type": "detention"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="event-results">')
    assert "<html" not in page and "Held in Brianka basement" in page


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_role_reads_an_event_with_its_evidence(registry, users, client_as, role):
    response = client_as(users[role]).get(registry.detention.get_absolute_url())
    page = response.content.decode()
    evidence = registry.detention.evidence.get()
    assert response.status_code == 200
    assert "Held in Brianka basement" in page and "Test Brigade" in page and "Bryanka" in page
    assert "Ivan Sydorenko was held in a basement in Brianka" in page
    assert f'href="{registry.source.get_absolute_url()}#ev-{evidence.pk}"' in page
    assert f'href="{registry.ivan.get_absolute_url()}"' in page
    edit_url = reverse("registry:event_edit", args=[registry.detention.pk])
    assert (edit_url in page) == (role in EDITORS)


def test_the_viewer_sees_the_pseudonym_not_the_legal_name_on_an_event(registry, viewer, client_as):
    page = client_as(viewer).get(registry.detention.get_absolute_url()).content.decode()
    assert "Ivan S." in page
    assert "Сидоренко" not in page and "Іван" not in page


def test_quotes_from_testimonies_are_not_shown_to_viewers(
    registry, analyst, viewer, caseworker, client_as
):
    services.evidence_create(
        actor=analyst, source=registry.testimony, start=0, end=31, event=registry.detention
    )
    quote = "He called me from the basement."
    assert (
        quote in client_as(caseworker).get(registry.detention.get_absolute_url()).content.decode()
    )
    assert (
        quote not in client_as(viewer).get(registry.detention.get_absolute_url()).content.decode()
    )


def test_a_rejected_event_is_not_found_by_readers(registry, analyst, viewer, client_as):
    services.event_update(
        actor=analyst, event=registry.detention, verification=Event.Verification.REJECTED
    )
    assert client_as(viewer).get(registry.detention.get_absolute_url()).status_code == 404
    assert client_as(analyst).get(registry.detention.get_absolute_url()).status_code == 200


# ---- Writing: who may ---------------------------------------------------------------------


@pytest.mark.parametrize("role", READERS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_readers_may_not_create_or_edit_events(registry, users, client_as, role, method):
    client = client_as(users[role])
    before = (Event.objects.count(), AuditEntry.objects.count())
    for url in (
        reverse("registry:event_create"),
        reverse("registry:event_edit", args=[registry.detention.pk]),
    ):
        response = getattr(client, method)(url, event_post(registry) if method == "post" else None)
        assert response.status_code == 403
    assert (Event.objects.count(), AuditEntry.objects.count()) == before
    assert Event.objects.get(pk=registry.detention.pk).title == "Held in Brianka basement"


@pytest.mark.parametrize("role", EDITORS)
def test_editors_get_the_event_form_with_role_aware_victim_labels(registry, users, client_as, role):
    page = client_as(users[role]).get(reverse("registry:event_create")).content.decode()
    assert 'name="date_start"' in page and "YYYY, YYYY-MM or YYYY-MM-DD" in page
    assert "Іван Петрович Сидоренко · 1998" in page
    assert "Brianka basement" in page and "Bryanka" in page and "Test Brigade" in page


# ---- Writing: what is stored --------------------------------------------------------------


@pytest.mark.parametrize("role", EDITORS)
def test_creating_an_event_stores_it_and_audits_it(registry, users, client_as, role):
    response = client_as(users[role]).post(reverse("registry:event_create"), event_post(registry))
    event = Event.objects.get(title="Released in an exchange")
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert (event.date_start, event.place, event.perpetrator_unit) == (
        "2022-10-06",
        registry.brianka,
        registry.unit,
    )
    assert list(event.victims.all()) == [registry.ivan]
    assert (event.unnamed_count, event.verification, event.confidence) == (3, "verified", 0.8)
    assert AuditEntry.objects.filter(
        action="event.create", object_id=str(event.pk), actor=users[role]
    ).exists()


def test_a_release_after_the_detention_marks_the_victim_released(registry, analyst, client_as):
    assert Person.objects.get(pk=registry.ivan.pk).status == Person.Status.DETAINED
    client = client_as(analyst)
    response = client.post(reverse("registry:event_create"), event_post(registry), follow=True)
    assert Person.objects.get(pk=registry.ivan.pk).status == Person.Status.RELEASED
    assert "Event recorded." in response.content.decode()
    assert AuditEntry.objects.filter(
        action="person.status", object_id=str(registry.ivan.pk)
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"date_start": "2022-02-30"}, "date_start", "is not a day of the calendar"),
        ({"date_start": "July 2022"}, "date_start", "is not a date"),
        ({"date_start": "2022-10", "date_end": "2022-09"}, "date_end", "before the start date"),
        ({"confidence": "1.5"}, "confidence", "less than or equal to 1"),
        ({"title": ""}, "title", "This field is required"),
        ({"title": "   "}, "title", "This field is required"),
        ({"type": "kidnapping"}, "type", "Select a valid choice"),
    ],
)
def test_bad_event_input_is_shown_on_its_field_and_nothing_is_stored(
    registry, analyst, client_as, overrides, field, text
):
    before = (Event.objects.count(), AuditEntry.objects.count())
    response = client_as(analyst).post(
        reverse("registry:event_create"), event_post(registry, **overrides)
    )
    assert_field_error(response, field, text)
    assert (Event.objects.count(), AuditEntry.objects.count()) == before
    assert Person.objects.get(pk=registry.ivan.pk).status == Person.Status.DETAINED


def test_the_edit_form_shows_what_is_stored(registry, analyst, client_as):
    form = (
        client_as(analyst)
        .get(reverse("registry:event_edit", args=[registry.detention.pk]))
        .context["form"]
    )
    assert form["title"].value() == "Held in Brianka basement"
    assert form["date_start"].value() == "2022-07"
    assert str(form["facility"].value()) == str(registry.pit.pk)
    assert [str(pk) for pk in form["victims"].value()] == [str(registry.ivan.pk)]


def test_editing_an_event_saves_the_change_and_audits_it(registry, analyst, client_as):
    url = reverse("registry:event_edit", args=[registry.detention.pk])
    data = event_post(
        registry,
        type="detention",
        title="Held in the Brianka basement",
        date_start="2022-07-01",
        date_end="2022-07-20",
        facility=str(registry.pit.pk),
        verification="verified",
        victims=[],
    )
    response = client_as(analyst).post(url, data)
    event = Event.objects.get(pk=registry.detention.pk)
    assert response.status_code == 302
    assert (event.title, event.date_display, event.verification) == (
        "Held in the Brianka basement",
        "2022-07-01 – 2022-07-20",
        "verified",
    )
    assert list(event.victims.all()) == []
    entry = AuditEntry.objects.filter(action="event.update", object_id=str(event.pk)).latest("seq")
    assert "title" in entry.data["changed"] and "victims" in entry.data["changed"]
    # Without the detention Ivan's status no longer follows from any event.
    assert Person.objects.get(pk=registry.ivan.pk).status == Person.Status.UNKNOWN


def test_a_bad_edit_keeps_what_was_stored(registry, analyst, client_as):
    url = reverse("registry:event_edit", args=[registry.detention.pk])
    data = event_post(
        registry, type="detention", title="Changed", date_start="2022-06", date_end="2022-05"
    )
    response = client_as(analyst).post(url, data)
    assert_field_error(response, "date_end", "before the start date")
    stored = Event.objects.get(pk=registry.detention.pk)
    assert (stored.title, stored.date_start) == ("Held in Brianka basement", "2022-07")
    assert not AuditEntry.objects.filter(action="event.update").exists()


def test_editing_an_unknown_event_is_not_found(analyst, client_as):
    url = reverse("registry:event_edit", args=["00000000-0000-0000-0000-000000000000"])
    assert client_as(analyst).get(url).status_code == 404


def test_the_event_list_does_not_query_per_event(registry, analyst, client_as):
    """Victims and their names come prefetched: more events, same number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(analyst)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("registry:event_list"))
        return len(ctx.captured_queries)

    one = queries()
    for n in range(5):
        person = services.person_create(
            actor=analyst, names=[services.NameInput(f"Петро Коваль {n}")]
        )
        services.event_create(
            actor=analyst,
            type=Event.Type.DETENTION,
            title=f"E{n}",
            facility=registry.pit,
            victims=[person],
        )
    assert queries() == one
