"""Tracing forms through the test client: what they store, and what bad input shows."""

import datetime as dt

import pytest
from django.urls import reverse

from tracedesk.audit.models import AuditEntry
from tracedesk.tracing import services
from tracedesk.tracing.models import Inquiry, StatusChange, TracingRequest, TracingStatus

TODAY = dt.date.today()
NEW_CASE = {
    "requester_name": "Ганна Мельник",
    "requester_relation": "wife",
    "requester_contact": "+380 63 111 22 33",
    "sought_name": "Андрій Мельник",
    "sought_other_names": "Andrii Melnyk",
    "sought_birth_date": "1985-04",
    "sought_sex": "male",
    "sought_unit": "72nd brigade",
    "last_known_place": "Avdiivka",
    "last_known_date": "2024-02",
    "circumstances": "Last call on 12 February.",
}


def case_data(case, **changes):
    """The edit form's data for a case, with some fields changed."""
    data = {name: getattr(case, name) for name in NEW_CASE}
    data.update(changes)
    return data


def page(response) -> str:
    return response.content.decode()


# ---- Forms that write ----------------------------------------------------------------------


def test_opening_a_case_through_the_form(client_as, caseworker):
    response = client_as(caseworker).post(reverse("tracing:request_create"), NEW_CASE)
    case = TracingRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    assert (case.sought_name, case.last_known_date, case.sought_unit) == (
        "Андрій Мельник",
        "2024-02",
        "72nd brigade",
    )
    assert list(case.assigned_to.all()) == [caseworker]
    assert AuditEntry.objects.filter(action="tracing_request.create", actor=caseworker).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"sought_name": ""}, "sought_name", "This field is required."),
        ({"last_known_date": "2022-13-01"}, "last_known_date", "is not a day of the calendar"),
        ({"sought_birth_date": "spring"}, "sought_birth_date", "is not a date"),
    ],
)
def test_bad_input_is_shown_on_the_field_and_nothing_stored(
    client_as, caseworker, changes, field, message
):
    response = client_as(caseworker).post(reverse("tracing:request_create"), NEW_CASE | changes)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    assert message in page(response)
    assert not TracingRequest.objects.exists()
    assert not AuditEntry.objects.exists()


def test_editing_a_case_through_the_form(client_as, caseworker, cases):
    url = reverse("tracing:request_edit", args=[cases.mine.pk])
    client = client_as(caseworker)
    assert "Олена Сидоренко" in page(client.get(url))
    response = client.post(
        url, case_data(cases.mine, sought_name="Іван П. Сидоренко", consent_to_share="on")
    )
    assert response.status_code == 302
    case = TracingRequest.objects.get(pk=cases.mine.pk)
    assert (case.sought_name, case.consent_to_share) == ("Іван П. Сидоренко", True)
    assert AuditEntry.objects.filter(action="tracing_request.update").exists()


def test_a_bad_date_on_edit_changes_nothing(client_as, caseworker, cases):
    url = reverse("tracing:request_edit", args=[cases.mine.pk])
    response = client_as(caseworker).post(
        url, case_data(cases.mine, sought_name="Changed", last_known_date="2022-13-01")
    )
    assert "is not a day of the calendar" in " ".join(
        response.context["form"].errors["last_known_date"]
    )
    case = TracingRequest.objects.get(pk=cases.mine.pk)
    assert (case.sought_name, case.last_known_date) == ("Іван Сидоренко", "2022-05")
    assert not AuditEntry.objects.filter(action="tracing_request.update").exists()


def test_changing_the_status_through_the_form(client_as, caseworker, cases):
    url = reverse("tracing:request_status", args=[cases.mine.pk])
    response = client_as(caseworker).post(url, {"status": "searching", "note": "Letters sent"})
    assert response.status_code == 302
    change = StatusChange.objects.filter(request=cases.mine).last()
    assert (change.from_status, change.to_status, change.note) == (
        "open",
        "searching",
        "Letters sent",
    )
    assert "Letters sent" in page(client_as(caseworker).get(cases.mine.get_absolute_url()))


def test_a_status_the_workflow_forbids_is_refused(client_as, caseworker, cases, registry):
    url = reverse("tracing:request_status", args=[cases.mine.pk])
    response = client_as(caseworker).post(
        url, {"status": "located", "note": "x", "person": str(registry.ivan.pk)}
    )
    assert response.status_code == 200
    assert "status" in response.context["status_form"].errors
    assert TracingRequest.objects.get(pk=cases.mine.pk).status == TracingStatus.OPEN


def test_locating_needs_a_person_and_links_to_them(client_as, caseworker, cases, registry, move_to):
    move_to(cases.mine, caseworker, TracingStatus.SEARCHING)
    client = client_as(caseworker)
    url = reverse("tracing:request_status", args=[cases.mine.pk])
    response = client.post(url, {"status": "located", "note": "Found"})
    assert response.context["status_form"].errors["person"] == [
        "Say which person in the registry the case resolved to."
    ]
    assert "Say which person in the registry" in page(response)
    response = client.post(url, {"status": "located", "note": "", "person": str(registry.ivan.pk)})
    assert "note" in response.context["status_form"].errors
    assert registry.ivan.get_absolute_url() not in page(response)  # not linked before it is stored
    case = TracingRequest.objects.get(pk=cases.mine.pk)
    assert (case.status, case.person) == (TracingStatus.SEARCHING, None)

    response = client.post(
        url, {"status": "located", "note": "Found", "person": str(registry.ivan.pk)}
    )
    assert response.status_code == 302
    case = TracingRequest.objects.get(pk=cases.mine.pk)
    assert (case.status, case.person) == (TracingStatus.LOCATED, registry.ivan)
    assert registry.ivan.get_absolute_url() in page(client.get(case.get_absolute_url()))


def test_disclosure_without_consent_shows_why_and_stores_nothing(
    client_as, caseworker, cases, registry, move_to
):
    move_to(
        cases.mine, caseworker, TracingStatus.SEARCHING, TracingStatus.LOCATED, person=registry.ivan
    )
    client = client_as(caseworker)
    url = reverse("tracing:request_disclose", args=[cases.mine.pk])
    response = client.post(url)
    assert response.status_code == 200
    assert "has not consented to sharing their whereabouts" in page(response)
    assert TracingRequest.objects.get(pk=cases.mine.pk).family_informed_at is None

    services.tracing_request_update(actor=caseworker, request=cases.mine, consent_to_share=True)
    assert client.post(url).status_code == 302
    assert TracingRequest.objects.get(pk=cases.mine.pk).family_informed_at is not None
    assert AuditEntry.objects.filter(action="tracing_request.disclose").exists()


def test_admins_assign_through_the_form(client_as, admin_user, caseworker, other_caseworker, cases):
    url = reverse("tracing:request_assign", args=[cases.mine.pk])
    response = client_as(admin_user).post(url, {"assigned_to": [str(other_caseworker.pk)]})
    assert response.status_code == 302
    assert list(cases.mine.assigned_to.all()) == [other_caseworker]
    assert AuditEntry.objects.filter(action="tracing_request.assign").exists()


def test_logging_the_first_inquiry_with_a_plain_post(client_as, caseworker, cases):
    url = reverse("tracing:inquiry_create", args=[cases.mine.pk])
    data = {
        "date": TODAY.isoformat(),
        "authority": "MoD",
        "channel": "letter",
        "asked": "Where?",
        "next_step": "Call again",
        "next_step_due": (TODAY + dt.timedelta(days=7)).isoformat(),
    }
    response = client_as(caseworker).post(url, data)
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert (inquiry.authority, inquiry.next_step, inquiry.created_by) == (
        "MoD",
        "Call again",
        caseworker,
    )
    assert TracingRequest.objects.get(pk=cases.mine.pk).status == TracingStatus.SEARCHING


def test_htmx_inquiry_swaps_the_log(client_as, caseworker, cases, inquiry):
    url = reverse("tracing:inquiry_create", args=[cases.mine.pk])
    response = client_as(caseworker).post(
        url,
        {"date": TODAY.isoformat(), "authority": "ICRC", "channel": "email", "asked": "News?"},
        headers={"HX-Request": "true"},
    )
    text = page(response)
    assert response.status_code == 200
    assert "<html" not in text and 'id="inquiries"' in text
    assert "ICRC" in text and "Ombudsman" in text
    assert Inquiry.objects.count() == 2


def test_htmx_first_inquiry_reloads_the_page_for_the_new_status(client_as, caseworker, cases):
    url = reverse("tracing:inquiry_create", args=[cases.mine.pk])
    response = client_as(caseworker).post(
        url,
        {"date": TODAY.isoformat(), "authority": "ICRC", "channel": "email", "asked": "News?"},
        headers={"HX-Request": "true"},
    )
    assert response["HX-Redirect"] == cases.mine.get_absolute_url()
    assert Inquiry.objects.count() == 1


@pytest.mark.parametrize("htmx", [False, True])
def test_a_future_inquiry_is_refused_on_the_date_field(client_as, caseworker, cases, htmx):
    url = reverse("tracing:inquiry_create", args=[cases.mine.pk])
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    response = client_as(caseworker).post(
        url,
        {"date": tomorrow, "authority": "MoD", "channel": "letter", "asked": "Where?"},
        headers={"HX-Request": "true"} if htmx else {},
    )
    assert response.status_code == 200
    assert response.context["inquiry_form"].errors["date"] == ["The inquiry date is in the future."]
    assert "The inquiry date is in the future." in page(response)
    assert ("<html" in page(response)) is not htmx
    assert not Inquiry.objects.exists()
    assert TracingRequest.objects.get(pk=cases.mine.pk).status == TracingStatus.OPEN


def test_editing_an_inquiry_records_the_answer(client_as, caseworker, cases, inquiry):
    url = reverse("tracing:inquiry_edit", args=[inquiry.pk])
    client = client_as(caseworker)
    assert "Is he held?" in page(client.get(url))
    response = client.post(
        url,
        {
            "date": TODAY.isoformat(),
            "authority": "Ombudsman",
            "channel": "letter",
            "asked": "Is he held?",
            "answer": "No record",
            "answered_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == cases.mine.get_absolute_url()
    assert Inquiry.objects.get(pk=inquiry.pk).answer == "No record"
    assert AuditEntry.objects.filter(action="inquiry.update", object_id=str(inquiry.pk)).exists()


def test_an_answer_before_the_inquiry_is_refused_on_its_field(client_as, caseworker, inquiry):
    url = reverse("tracing:inquiry_edit", args=[inquiry.pk])
    before = (TODAY - dt.timedelta(days=5)).isoformat()
    response = client_as(caseworker).post(
        url,
        {
            "date": TODAY.isoformat(),
            "authority": "Ombudsman",
            "channel": "letter",
            "asked": "Is he held?",
            "answer": "No",
            "answered_on": before,
        },
    )
    assert response.context["form"].errors["answered_on"] == ["The answer predates the inquiry."]
    assert Inquiry.objects.get(pk=inquiry.pk).answer == ""
