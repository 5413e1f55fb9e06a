"""Tracing pages through the test client: who may open what, and what each role is shown."""

import datetime as dt

import pytest
from django.urls import reverse

from tracedesk.audit.models import AuditEntry
from tracedesk.tracing.models import Inquiry, TracingRequest, TracingStatus

TODAY = dt.date.today()


def page(response) -> str:
    return response.content.decode()


# ---- Who may open what ---------------------------------------------------------------------

GET_VIEWS = ["request_list", "request_create", "request_detail", "request_edit", "inquiry_edit"]


def get_url(name, cases, inquiry):
    if name in {"request_list", "request_create"}:
        return reverse(f"tracing:{name}")
    if name == "inquiry_edit":
        return reverse("tracing:inquiry_edit", args=[inquiry.pk])
    return reverse(f"tracing:{name}", args=[cases.mine.pk])


@pytest.mark.parametrize("name", GET_VIEWS)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("admin", 200),
        ("caseworker", 200),
        ("other_caseworker", 404),
        ("analyst", 403),
        ("viewer", 403),
    ],
)
def test_every_page_answers_each_role(
    client_as, users, other_caseworker, cases, inquiry, name, who, expected
):
    user = other_caseworker if who == "other_caseworker" else users[who]
    response = client_as(user).get(get_url(name, cases, inquiry))
    if name in {"request_list", "request_create"} and who == "other_caseworker":
        expected = 200  # the list and the blank form are not someone else's case
    assert response.status_code == expected


POST_VIEWS = [
    ("request_edit", lambda cases: {"requester_name": "X", "sought_name": "Changed"}),
    ("request_status", lambda cases: {"status": "searching", "note": "Changed"}),
    ("request_disclose", lambda cases: {}),
    (
        "inquiry_create",
        lambda cases: {"date": TODAY, "authority": "Changed", "asked": "?", "channel": "email"},
    ),
]


@pytest.mark.parametrize(("name", "data"), POST_VIEWS)
@pytest.mark.parametrize(
    ("who", "expected"), [("other_caseworker", 404), ("analyst", 403), ("viewer", 403)]
)
def test_forms_refuse_roles_and_caseworkers_off_the_case(
    client_as, users, other_caseworker, cases, name, data, who, expected
):
    user = other_caseworker if who == "other_caseworker" else users[who]
    url = reverse(f"tracing:{name}", args=[cases.mine.pk])
    response = client_as(user).post(url, data(cases))
    assert response.status_code == expected
    case = TracingRequest.objects.get(pk=cases.mine.pk)
    assert (case.sought_name, case.status) == ("Іван Сидоренко", TracingStatus.OPEN)
    assert not Inquiry.objects.exists()


@pytest.mark.parametrize("who", ["caseworker", "other_caseworker", "analyst", "viewer"])
def test_only_admins_assign(client_as, users, other_caseworker, cases, who):
    user = other_caseworker if who == "other_caseworker" else users[who]
    url = reverse("tracing:request_assign", args=[cases.mine.pk])
    response = client_as(user).post(url, {"assigned_to": [str(other_caseworker.pk)]})
    assert response.status_code == 403
    assert list(cases.mine.assigned_to.all()) == [users["caseworker"]]


@pytest.mark.parametrize("who", ["analyst", "viewer", "other_caseworker"])
def test_inquiry_edit_refuses_outsiders_on_post(client_as, users, other_caseworker, inquiry, who):
    user = other_caseworker if who == "other_caseworker" else users[who]
    url = reverse("tracing:inquiry_edit", args=[inquiry.pk])
    response = client_as(user).post(
        url, {"date": TODAY, "authority": "X", "asked": "X", "channel": "email"}
    )
    assert response.status_code == (404 if who == "other_caseworker" else 403)
    assert Inquiry.objects.get(pk=inquiry.pk).authority == "Ombudsman"


def test_signed_out_visitors_are_sent_to_sign_in(client, cases):
    response = client.get(reverse("tracing:request_detail", args=[cases.mine.pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_status_actions_do_not_answer_get(client_as, caseworker, cases):
    for name in ("request_status", "request_disclose", "inquiry_create", "request_assign"):
        url = reverse(f"tracing:{name}", args=[cases.mine.pk])
        assert client_as(caseworker).get(url).status_code == 405, name


# ---- The list ------------------------------------------------------------------------------


def test_the_list_shows_a_caseworker_their_cases_only(client_as, caseworker, cases, inquiry):
    text = page(client_as(caseworker).get(reverse("tracing:request_list")))
    assert cases.mine.reference in text
    assert "Іван Сидоренко" in text
    assert "Bakhmut" in text
    assert 'class="badge badge-searching"' in text  # the inquiry moved the case on
    assert cases.theirs.reference not in text
    assert "Петро Коваль" not in text


def test_admins_list_every_case_and_filter_by_status(client_as, admin_user, cases, inquiry):
    client = client_as(admin_user)
    text = page(client.get(reverse("tracing:request_list")))
    assert cases.mine.reference in text and cases.theirs.reference in text
    assert "other-caseworker" in text  # the assigned column
    text = page(client.get(reverse("tracing:request_list"), {"status": "open"}))
    assert cases.theirs.reference in text and cases.mine.reference not in text


def test_live_search_answers_htmx_with_the_results_only(client_as, admin_user, cases):
    response = client_as(admin_user).get(
        reverse("tracing:request_list"), {"q": "Коваль"}, headers={"HX-Request": "true"}
    )
    text = page(response)
    assert "<html" not in text
    assert 'id="request-results"' in text
    assert cases.theirs.reference in text and cases.mine.reference not in text


# ---- One case ------------------------------------------------------------------------------


def test_the_case_page_shows_requester_history_and_inquiries(client_as, caseworker, cases, inquiry):
    text = page(client_as(caseworker).get(cases.mine.get_absolute_url()))
    for shown in (
        cases.contact,
        "Олена Сидоренко",
        "mother",
        "Ivan Sydorenko",
        "2022-05",
        "Ombudsman",
        "Is he held?",
        "First inquiry sent.",
        reverse("tracing:inquiry_edit", args=[inquiry.pk]),
    ):
        assert shown in text
    assert reverse("tracing:request_assign", args=[cases.mine.pk]) not in text


def test_viewing_a_case_is_audited(client_as, caseworker, cases):
    client_as(caseworker).get(cases.mine.get_absolute_url())
    entry = AuditEntry.objects.get(action="tracing_request.view")
    assert (entry.actor, entry.object_id) == (caseworker, str(cases.mine.pk))


def test_the_status_form_offers_only_the_allowed_next_statuses(client_as, caseworker, cases):
    text = page(client_as(caseworker).get(cases.mine.get_absolute_url()))
    assert '<option value="searching">' in text
    assert '<option value="closed">' in text
    assert '<option value="located">' not in text


def test_person_choices_use_the_name_the_user_may_see(client_as, caseworker, cases, registry):
    text = page(client_as(caseworker).get(cases.mine.get_absolute_url()))
    assert "Witness K." in text
    assert "Канарейкин" not in text
    assert "Іван Петрович Сидоренко · 1998" in text


def test_admins_get_the_assignment_form(client_as, admin_user, other_caseworker, cases):
    text = page(client_as(admin_user).get(cases.mine.get_absolute_url()))
    assert reverse("tracing:request_assign", args=[cases.mine.pk]) in text
    assert other_caseworker.username in text
