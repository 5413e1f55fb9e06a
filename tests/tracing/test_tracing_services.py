"""Tracing services: the workflow, its rules, and what reaches the audit trail."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from tracedesk.audit.models import AuditEntry
from tracedesk.core.exceptions import ApplicationError, PermissionDenied
from tracedesk.tracing import services
from tracedesk.tracing.models import Inquiry, StatusChange, TracingRequest, TracingStatus

TODAY = dt.date.today()
CONTACT = "+380 67 123 45 67"


def open_case(actor, **fields):
    fields = {"requester_name": "Олена", "sought_name": "Іван", **fields}
    return services.tracing_request_create(actor=actor, **fields)


def test_create_assigns_the_creating_caseworker_and_records_history(caseworker):
    case = open_case(caseworker, requester_contact=CONTACT)
    assert list(case.assigned_to.all()) == [caseworker]
    change = StatusChange.objects.get(request=case)
    assert (change.from_status, change.to_status, change.changed_by) == ("", "open", caseworker)
    entry = AuditEntry.objects.get(action="tracing_request.create")
    assert entry.actor == caseworker
    assert entry.object_id == str(case.pk)
    assert entry.data["assigned_to"] == [caseworker.username]


def test_an_admin_opening_a_case_assigns_only_whom_they_name(admin_user, caseworker):
    assert list(open_case(admin_user).assigned_to.all()) == []
    assert list(open_case(admin_user, assigned_to=[caseworker]).assigned_to.all()) == [caseworker]


def test_references_are_sequential_within_the_year(caseworker):
    year = timezone.now().year
    first, second = open_case(caseworker), open_case(caseworker)
    assert (first.reference, second.reference) == (f"TR-{year}-0001", f"TR-{year}-0002")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"sought_name": "  "}, "sought_name"),
        ({"requester_name": ""}, "requester_name"),
        ({"last_known_date": "2022-13-01"}, "last_known_date"),
        ({"sought_birth_date": "born 1998"}, "sought_birth_date"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(caseworker, fields, field):
    with pytest.raises(ApplicationError) as error:
        open_case(caseworker, **fields)
    assert field in error.value.extra
    assert not TracingRequest.objects.exists()
    assert not AuditEntry.objects.exists()


def test_partial_dates_are_stored_as_iso_text(caseworker):
    case = open_case(caseworker, last_known_date=" 2022-05 ", sought_birth_date="1998")
    case.refresh_from_db()
    assert (case.last_known_date, case.sought_birth_date) == ("2022-05", "1998")


def test_assigning_a_role_outside_tracing_is_refused_and_nothing_stored(admin_user, analyst):
    with pytest.raises(ApplicationError) as error:
        open_case(admin_user, assigned_to=[analyst])
    assert "assigned_to" in error.value.extra
    assert not TracingRequest.objects.exists()


def test_an_invalid_transition_names_status_and_stores_nothing(cases, caseworker, registry):
    case = cases.mine
    with pytest.raises(ApplicationError) as error:
        services.tracing_request_set_status(
            actor=caseworker, request=case, status="located", note="found", person=registry.ivan
        )
    assert "status" in error.value.extra
    case.refresh_from_db()
    assert case.status == TracingStatus.OPEN
    assert case.person is None
    assert case.status_changes.count() == 1
    assert not AuditEntry.objects.filter(action="tracing_request.status").exists()


def test_located_needs_a_person_and_a_note(cases, caseworker, registry, move_to):
    case = move_to(cases.mine, caseworker, TracingStatus.SEARCHING)
    with pytest.raises(ApplicationError) as error:
        services.tracing_request_set_status(
            actor=caseworker, request=case, status="located", note="Found in a hospital"
        )
    assert list(error.value.extra) == ["person"]
    with pytest.raises(ApplicationError) as error:
        services.tracing_request_set_status(
            actor=caseworker, request=case, status="located", note=" ", person=registry.ivan
        )
    assert list(error.value.extra) == ["note"]
    # A refused change leaves the instance as the database has it.
    assert case.person is None
    assert TracingRequest.objects.get(pk=case.pk).status == TracingStatus.SEARCHING

    services.tracing_request_set_status(
        actor=caseworker,
        request=case,
        status="located",
        note="Found in a hospital",
        person=registry.ivan,
    )
    case.refresh_from_db()
    assert (case.status, case.person) == (TracingStatus.LOCATED, registry.ivan)
    last = case.status_changes.last()
    assert (last.from_status, last.to_status, last.note) == (
        "searching",
        "located",
        "Found in a hospital",
    )
    entry = AuditEntry.objects.filter(action="tracing_request.status").last()
    assert entry.data == {"from": "searching", "to": "located", "person": str(registry.ivan.pk)}


def test_closing_needs_a_note_and_a_closed_case_can_be_reopened(cases, caseworker, move_to):
    case = cases.mine
    with pytest.raises(ApplicationError) as error:
        services.tracing_request_set_status(actor=caseworker, request=case, status="closed")
    assert "note" in error.value.extra
    move_to(case, caseworker, TracingStatus.CLOSED, TracingStatus.OPEN)
    assert TracingRequest.objects.get(pk=case.pk).status == TracingStatus.OPEN
    assert [c.to_status for c in case.status_changes.all()] == ["open", "closed", "open"]


def test_disclosure_is_refused_without_consent_and_allowed_with_it(
    cases, caseworker, registry, move_to
):
    case = move_to(
        cases.mine, caseworker, TracingStatus.SEARCHING, TracingStatus.LOCATED, person=registry.ivan
    )
    with pytest.raises(ApplicationError) as error:
        services.tracing_request_record_disclosure(actor=caseworker, request=case)
    assert "consent_to_share" in error.value.extra
    assert TracingRequest.objects.get(pk=case.pk).family_informed_at is None

    services.tracing_request_update(actor=caseworker, request=case, consent_to_share=True)
    services.tracing_request_record_disclosure(actor=caseworker, request=case)
    assert TracingRequest.objects.get(pk=case.pk).family_informed_at is not None
    assert AuditEntry.objects.filter(action="tracing_request.disclose", actor=caseworker).exists()


def test_a_confirmed_death_is_told_to_the_family_without_consent(
    cases, caseworker, registry, move_to
):
    case = move_to(
        cases.mine,
        caseworker,
        TracingStatus.SEARCHING,
        TracingStatus.CONFIRMED_DEAD,
        person=registry.ivan,
    )
    services.tracing_request_record_disclosure(actor=caseworker, request=case)
    assert TracingRequest.objects.get(pk=case.pk).family_informed_at is not None


def test_there_is_nothing_to_disclose_before_an_outcome(cases, caseworker):
    with pytest.raises(ApplicationError) as error:
        services.tracing_request_record_disclosure(actor=caseworker, request=cases.mine)
    assert "status" in error.value.extra


def test_the_first_inquiry_moves_an_open_case_to_searching(cases, caseworker):
    inquiry = services.inquiry_create(
        actor=caseworker, request=cases.mine, date=TODAY, authority="Ombudsman", asked="Is he held?"
    )
    case = TracingRequest.objects.get(pk=cases.mine.pk)
    assert case.status == TracingStatus.SEARCHING
    assert case.status_changes.last().note == "First inquiry sent."
    assert inquiry.created_by == caseworker
    assert AuditEntry.objects.filter(action="inquiry.create", object_id=str(inquiry.pk)).exists()
    # A second inquiry leaves the status alone.
    services.inquiry_create(
        actor=caseworker, request=case, date=TODAY, authority="ICRC", asked="Any news?"
    )
    assert case.status_changes.count() == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"date": TODAY + dt.timedelta(days=1)}, "date"),
        ({"answered_on": TODAY - dt.timedelta(days=3)}, "answered_on"),
        ({"authority": " "}, "authority"),
        ({"asked": ""}, "asked"),
    ],
)
def test_inquiry_create_refuses_bad_input_and_stores_nothing(cases, caseworker, fields, field):
    fields = {"date": TODAY - dt.timedelta(days=1), "authority": "MoD", "asked": "Where?", **fields}
    with pytest.raises(ApplicationError) as error:
        services.inquiry_create(actor=caseworker, request=cases.mine, **fields)
    assert field in error.value.extra
    assert not Inquiry.objects.exists()
    assert TracingRequest.objects.get(pk=cases.mine.pk).status == TracingStatus.OPEN


def test_inquiry_update_records_the_answer_and_refuses_an_empty_authority(cases, caseworker):
    inquiry = services.inquiry_create(
        actor=caseworker, request=cases.mine, date=TODAY, authority="MoD", asked="Where?"
    )
    services.inquiry_update(
        actor=caseworker, inquiry=inquiry, answer="Not known", answered_on=TODAY
    )
    assert Inquiry.objects.get(pk=inquiry.pk).answer == "Not known"
    entry = AuditEntry.objects.get(action="inquiry.update")
    assert entry.data == {"changed": ["answer", "answered_on"]}
    with pytest.raises(ApplicationError) as error:
        services.inquiry_update(actor=caseworker, inquiry=inquiry, authority="   ")
    assert "authority" in error.value.extra
    assert Inquiry.objects.get(pk=inquiry.pk).authority == "MoD"


def test_a_caseworker_cannot_touch_a_case_not_assigned_to_them(cases, caseworker):
    theirs = cases.theirs
    with pytest.raises(PermissionDenied):
        services.tracing_request_update(actor=caseworker, request=theirs, sought_name="X")
    with pytest.raises(PermissionDenied):
        services.tracing_request_set_status(actor=caseworker, request=theirs, status="searching")
    with pytest.raises(PermissionDenied):
        services.inquiry_create(
            actor=caseworker, request=theirs, date=TODAY, authority="MoD", asked="Where?"
        )
    theirs.refresh_from_db()
    assert (theirs.sought_name, theirs.status) == ("Петро Коваль", TracingStatus.OPEN)
    assert not Inquiry.objects.exists()


def test_an_admin_works_on_every_case(cases, admin_user):
    services.tracing_request_update(actor=admin_user, request=cases.theirs, sought_name="Петро К.")
    assert TracingRequest.objects.get(pk=cases.theirs.pk).sought_name == "Петро К."


@pytest.mark.parametrize("role", ["analyst", "viewer"])
def test_roles_outside_tracing_cannot_open_cases(users, role):
    with pytest.raises(PermissionDenied):
        open_case(users[role])
    assert not TracingRequest.objects.exists()


def test_only_admins_assign(cases, admin_user, caseworker, other_caseworker):
    with pytest.raises(PermissionDenied):
        services.tracing_request_assign(
            actor=caseworker, request=cases.mine, users=[other_caseworker]
        )
    services.tracing_request_assign(
        actor=admin_user, request=cases.mine, users=[caseworker, other_caseworker]
    )
    assert set(cases.mine.assigned_to.all()) == {caseworker, other_caseworker}
    entry = AuditEntry.objects.get(action="tracing_request.assign")
    assert entry.data == {
        "from": [caseworker.username],
        "to": sorted([caseworker.username, other_caseworker.username]),
    }


def test_the_audit_trail_never_holds_the_requester_contact(cases, caseworker, registry, move_to):
    case = cases.mine
    services.tracing_request_update(
        actor=caseworker,
        request=case,
        requester_contact="Telegram @olena_secret",
        requester_name="Олена Петрівна Сидоренко",
        consent_to_share=True,
    )
    services.inquiry_create(actor=caseworker, request=case, date=TODAY, authority="MoD", asked="?")
    move_to(case, caseworker, TracingStatus.LOCATED, person=registry.ivan)
    services.tracing_request_record_disclosure(actor=caseworker, request=case)
    trail = json.dumps(list(AuditEntry.objects.values_list("data", flat=True)), ensure_ascii=False)
    assert AuditEntry.objects.filter(action="tracing_request.update").exists()
    for secret in (cases.contact, "@olena_secret", "Олена"):
        assert secret not in trail
