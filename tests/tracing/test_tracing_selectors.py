"""What each role sees of tracing cases."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tracedesk.audit.models import AuditEntry
from tracedesk.tracing import selectors, services

TODAY = dt.date.today()


def test_admins_see_every_case(cases, admin_user):
    assert set(selectors.tracing_request_list(admin_user)) == {cases.mine, cases.theirs}


def test_caseworkers_see_only_the_cases_assigned_to_them(cases, caseworker, other_caseworker):
    assert list(selectors.tracing_request_list(caseworker)) == [cases.mine]
    assert list(selectors.tracing_request_list(other_caseworker)) == [cases.theirs]


@pytest.mark.parametrize("role", ["analyst", "viewer"])
def test_roles_outside_tracing_list_nothing_and_are_refused_a_case(cases, users, role):
    user = users[role]
    assert list(selectors.tracing_request_list(user)) == []
    with pytest.raises(PermissionDenied):
        selectors.tracing_request_get(user, cases.mine.pk)
    assert selectors.tracing_counts(user) == {}
    assert not AuditEntry.objects.filter(action="tracing_request.view").exists()


def test_someone_elses_case_is_not_found(cases, caseworker):
    with pytest.raises(Http404):
        selectors.tracing_request_get(caseworker, cases.theirs.pk)
    with pytest.raises(Http404):
        selectors.tracing_request_get(caseworker, "not-a-uuid")


def test_reading_a_case_is_audited(cases, caseworker):
    case = selectors.tracing_request_get(caseworker, cases.mine.pk)
    assert case.requester_contact == cases.contact
    entry = AuditEntry.objects.get(action="tracing_request.view")
    assert (entry.actor, entry.object_id) == (caseworker, str(cases.mine.pk))


@pytest.mark.parametrize(
    ("query", "found"),
    [("Сидоренко", True), ("sydorenko", True), ("Ваня", True), ("TR-", True), ("Коваль", False)],
)
def test_search_matches_reference_and_every_sought_name(cases, caseworker, query, found):
    assert list(selectors.tracing_request_list(caseworker, query=query)) == (
        [cases.mine] if found else []
    )


def test_filter_by_status_and_count_inquiries(cases, admin_user, caseworker):
    for authority in ("MoD", "Ombudsman"):
        services.inquiry_create(
            actor=caseworker, request=cases.mine, date=TODAY, authority=authority, asked="Where?"
        )
    assert list(selectors.tracing_request_list(admin_user, status="searching")) == [cases.mine]
    assert list(selectors.tracing_request_list(admin_user, status="open")) == [cases.theirs]
    counts = {c.pk: c.inquiry_count for c in selectors.tracing_request_list(admin_user)}
    assert counts == {cases.mine.pk: 2, cases.theirs.pk: 0}
    assert selectors.tracing_request_list(caseworker).get().inquiry_count == 2
    assert selectors.tracing_counts(admin_user) == {"searching": 1, "open": 1}
    assert selectors.tracing_counts(caseworker) == {"searching": 1}


def test_a_case_with_two_caseworkers_is_counted_once(
    cases, admin_user, caseworker, other_caseworker
):
    services.tracing_request_assign(
        actor=admin_user, request=cases.mine, users=[caseworker, other_caseworker]
    )
    services.inquiry_create(
        actor=caseworker, request=cases.mine, date=TODAY, authority="MoD", asked="Where?"
    )
    listed = list(selectors.tracing_request_list(admin_user))
    assert len(listed) == 2
    assert {c.pk: c.inquiry_count for c in listed}[cases.mine.pk] == 1
    assert set(selectors.tracing_request_list(other_caseworker)) == {cases.mine, cases.theirs}


def test_inquiries_follow_their_case(cases, caseworker, other_caseworker, viewer):
    inquiry = services.inquiry_create(
        actor=caseworker, request=cases.mine, date=TODAY, authority="MoD", asked="Where?"
    )
    assert selectors.inquiry_get(caseworker, inquiry.pk) == inquiry
    assert list(selectors.inquiry_list(caseworker, cases.mine)) == [inquiry]
    with pytest.raises(Http404):
        selectors.inquiry_get(other_caseworker, inquiry.pk)
    with pytest.raises(Http404):
        selectors.inquiry_list(other_caseworker, cases.mine)
    with pytest.raises(PermissionDenied):
        selectors.inquiry_get(viewer, inquiry.pk)


def test_assignable_users_are_the_roles_that_use_tracing(users, other_caseworker):
    assert set(selectors.assignable_users()) == {
        users["admin"],
        users["caseworker"],
        other_caseworker,
    }


def test_the_case_list_does_not_query_per_case(cases, admin_user, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        for case in selectors.tracing_request_list(admin_user):
            [user.username for user in case.assigned_to.all()]
