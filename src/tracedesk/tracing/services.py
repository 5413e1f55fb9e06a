"""Writes for tracing cases. Each validates, saves and audits in one transaction."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tracedesk.accounts import roles
from tracedesk.accounts.models import User
from tracedesk.audit.services import audit_record
from tracedesk.core.dates import parse_partial_date
from tracedesk.core.exceptions import ApplicationError, PermissionDenied
from tracedesk.registry.models import Person
from tracedesk.registry.services.common import apply_changes, clean_and_save, require_text
from tracedesk.tracing import matching
from tracedesk.tracing.models import (
    TRANSITIONS,
    Candidate,
    CandidateJudgement,
    Inquiry,
    StatusChange,
    TracingRequest,
    TracingStatus,
)

REQUEST_FIELDS = {
    "requester_name",
    "requester_relation",
    "requester_contact",
    "sought_name",
    "sought_other_names",
    "sought_birth_date",
    "sought_sex",
    "sought_unit",
    "last_known_place",
    "last_known_date",
    "circumstances",
    "consent_to_share",
}
INQUIRY_FIELDS = {
    "date",
    "authority",
    "unit",
    "channel",
    "asked",
    "answer",
    "answered_on",
    "next_step",
    "next_step_due",
}
# Requester details never enter the audit trail; only the fact that they changed.
PRIVATE_FIELDS = {"requester_name", "requester_contact", "requester_relation", "circumstances"}


def require_case_access(actor: Any, request: TracingRequest | None = None) -> None:
    """Admins work on every case; caseworkers on the cases assigned to them (or new ones)."""
    if actor is None:
        return
    if not roles.can_use_tracing(actor):
        raise PermissionDenied(_("Your role may not work on tracing requests."))
    assigned = request is None or request.assigned_to.filter(pk=actor.pk).exists()
    if not roles.is_admin(actor) and not assigned:
        raise PermissionDenied(_("This tracing request is not assigned to you."))


def _check_dates(fields: dict[str, Any]) -> None:
    for name in ("sought_birth_date", "last_known_date"):
        if fields.get(name):
            fields[name] = parse_partial_date(fields[name], field=name).iso()


def _next_reference() -> str:
    year = timezone.now().year
    prefix = f"TR-{year}-"
    last = (
        TracingRequest.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


@transaction.atomic
def tracing_request_create(
    *, actor: Any, assigned_to: list[User] | None = None, **fields: Any
) -> TracingRequest:
    """Open a case. The creating caseworker is assigned to it so that they keep access."""
    require_case_access(actor)
    fields["requester_name"] = require_text(
        fields.get("requester_name"), "requester_name", _("The requester's name")
    )
    fields["sought_name"] = require_text(
        fields.get("sought_name"), "sought_name", _("The sought person's name")
    )
    _check_dates(fields)
    request = TracingRequest(reference=_next_reference())
    apply_changes(request, fields, REQUEST_FIELDS)
    request.created_by = actor if getattr(actor, "is_authenticated", False) else None
    clean_and_save(request)
    assignees = set(assigned_to or [])
    if actor is not None and roles.can_use_tracing(actor) and not roles.is_admin(actor):
        assignees.add(actor)
    for user in assignees:
        if not roles.can_use_tracing(user):
            raise ApplicationError(
                _("Invalid assignment."),
                {
                    "assigned_to": [
                        _("%(u)s cannot work on tracing requests.") % {"u": user.username}
                    ]
                },
            )
    request.assigned_to.set(assignees)
    StatusChange.objects.create(
        request=request, from_status="", to_status=request.status, changed_by=request.created_by
    )
    audit_record(
        actor=actor,
        action="tracing_request.create",
        target=request,
        data={"reference": request.reference, "assigned_to": sorted(u.username for u in assignees)},
    )
    matching.match_request(actor=actor, request=request, trigger="request.create")
    return request


@transaction.atomic
def tracing_request_update(
    *, actor: Any, request: TracingRequest, **changes: Any
) -> TracingRequest:
    require_case_access(actor, request)
    for name in ("requester_name", "sought_name"):
        if name in changes:
            changes[name] = require_text(changes[name], name, name.replace("_", " "))
    _check_dates(changes)
    diff = apply_changes(request, changes, REQUEST_FIELDS)
    clean_and_save(request)
    audit_record(
        actor=actor,
        action="tracing_request.update",
        target=request,
        data={"changed": {k: (v if k not in PRIVATE_FIELDS else "…") for k, v in diff.items()}},
    )
    if matching.MATCH_FIELDS & set(diff):
        matching.match_request(actor=actor, request=request, trigger="request.update")
    return request


@transaction.atomic
def tracing_request_set_status(
    *,
    actor: Any,
    request: TracingRequest,
    status: str,
    note: str = "",
    person: Person | None = None,
) -> TracingRequest:
    """Move a case along its workflow; locating someone or confirming a death names the person."""
    require_case_access(actor, request)
    if status not in TracingStatus.values:
        raise ApplicationError(
            _("Invalid status."), {"status": [_("Unknown status “%(s)s”.") % {"s": status}]}
        )
    if status not in TRANSITIONS[request.status]:
        raise ApplicationError(
            _("Invalid status."),
            {
                "status": [
                    _("A case that is “%(a)s” cannot become “%(b)s”.")
                    % {"a": request.get_status_display(), "b": TracingStatus(status).label}
                ]
            },
        )
    resolves = status in {TracingStatus.LOCATED, TracingStatus.CONFIRMED_DEAD}
    if resolves and person is None and request.person is None:
        raise ApplicationError(
            _("Invalid status."),
            {"person": [_("Say which person in the registry the case resolved to.")]},
        )
    if (
        status in {TracingStatus.CLOSED, TracingStatus.LOCATED, TracingStatus.CONFIRMED_DEAD}
        and not note.strip()
    ):
        raise ApplicationError(
            _("Invalid status."), {"note": [_("Explain the decision in a note.")]}
        )
    # Change the instance only once every check passed: a caller that catches the error
    # (a view re-rendering the page) must not show a person the database never stored.
    if resolves and person is not None:
        request.person = person
    old = request.status
    request.status = status
    request.save(update_fields=["status", "person", "updated_at"])
    StatusChange.objects.create(
        request=request,
        from_status=old,
        to_status=status,
        note=note.strip(),
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="tracing_request.status",
        target=request,
        data={
            "from": old,
            "to": status,
            "person": str(request.person_id) if request.person_id else None,
        },
    )
    return request


@transaction.atomic
def tracing_request_assign(
    *, actor: Any, request: TracingRequest, users: list[User]
) -> TracingRequest:
    """Only admins reassign cases: a caseworker cannot hand a case to someone else."""
    if actor is not None and not roles.is_admin(actor):
        raise PermissionDenied(_("Only admins assign tracing requests."))
    for user in users:
        if not roles.can_use_tracing(user):
            raise ApplicationError(
                _("Invalid assignment."),
                {
                    "assigned_to": [
                        _("%(u)s cannot work on tracing requests.") % {"u": user.username}
                    ]
                },
            )
    before = sorted(u.username for u in request.assigned_to.all())
    request.assigned_to.set(users)
    audit_record(
        actor=actor,
        action="tracing_request.assign",
        target=request,
        data={"from": before, "to": sorted(u.username for u in users)},
    )
    return request


@transaction.atomic
def tracing_request_record_disclosure(*, actor: Any, request: TracingRequest) -> TracingRequest:
    """Record that the family was told. A located person's whereabouts need their consent."""
    require_case_access(actor, request)
    if request.status == TracingStatus.LOCATED and not request.consent_to_share:
        raise ApplicationError(
            _("Disclosure not allowed."),
            {
                "consent_to_share": [
                    _("The located person has not consented to sharing their whereabouts.")
                ]
            },
        )
    if request.status not in {TracingStatus.LOCATED, TracingStatus.CONFIRMED_DEAD}:
        raise ApplicationError(
            _("Disclosure not allowed."),
            {"status": [_("There is no outcome to tell the family yet.")]},
        )
    request.family_informed_at = timezone.now()
    request.save(update_fields=["family_informed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="tracing_request.disclose",
        target=request,
        data={"status": request.status},
    )
    return request


@transaction.atomic
def inquiry_create(*, actor: Any, request: TracingRequest, **fields: Any) -> Inquiry:
    require_case_access(actor, request)
    fields["authority"] = require_text(fields.get("authority"), "authority", _("The authority"))
    fields["asked"] = require_text(fields.get("asked"), "asked", _("What was asked"))
    inquiry = Inquiry(request=request)
    apply_changes(inquiry, fields, INQUIRY_FIELDS)
    _check_inquiry_dates(inquiry)
    inquiry.created_by = actor if getattr(actor, "is_authenticated", False) else None
    clean_and_save(inquiry)
    if request.status == TracingStatus.OPEN:
        # The first inquiry is the start of the search.
        tracing_request_set_status(
            actor=actor,
            request=request,
            status=TracingStatus.SEARCHING,
            note=_("First inquiry sent."),
        )
    audit_record(
        actor=actor,
        action="inquiry.create",
        target=inquiry,
        data={"request": request.reference, "authority": inquiry.authority},
    )
    return inquiry


@transaction.atomic
def inquiry_update(*, actor: Any, inquiry: Inquiry, **changes: Any) -> Inquiry:
    require_case_access(actor, inquiry.request)
    for name, label in (("authority", _("The authority")), ("asked", _("What was asked"))):
        if name in changes:
            changes[name] = require_text(changes[name], name, label)
    diff = apply_changes(inquiry, changes, INQUIRY_FIELDS)
    _check_inquiry_dates(inquiry)
    clean_and_save(inquiry)
    audit_record(
        actor=actor, action="inquiry.update", target=inquiry, data={"changed": sorted(diff)}
    )
    return inquiry


def _check_inquiry_dates(inquiry: Inquiry) -> None:
    today = timezone.now().date()
    if isinstance(inquiry.date, dt.date) and inquiry.date > today:
        raise ApplicationError(
            _("Invalid inquiry."), {"date": [_("The inquiry date is in the future.")]}
        )
    if (
        inquiry.answered_on
        and isinstance(inquiry.date, dt.date)
        and inquiry.answered_on < inquiry.date
    ):
        raise ApplicationError(
            _("Invalid inquiry."), {"answered_on": [_("The answer predates the inquiry.")]}
        )


@transaction.atomic
def candidate_judge(
    *, actor: Any, candidate: Candidate, decision: str, note: str = ""
) -> CandidateJudgement:
    """Accept or reject a candidate. The previous judgement stays, superseded by this one.

    Accepting moves an open or searching case to "candidate found" (through the status
    service, so the step is in the case's history), but does not put the person on the
    case: locating someone is the status change that names the person explicitly.
    """
    require_case_access(actor, candidate.request)
    if decision not in CandidateJudgement.Decision.values:
        raise ApplicationError(
            _("Invalid judgement."),
            {"decision": [_("Unknown decision “%(d)s”.") % {"d": decision}]},
        )
    # Lock the candidate: two judgements at once must not both supersede the same one.
    Candidate.objects.select_for_update().filter(pk=candidate.pk).first()
    previous = CandidateJudgement.objects.filter(
        candidate=candidate, superseded_by__isnull=True
    ).first()
    judgement = CandidateJudgement(
        candidate=candidate,
        decision=decision,
        note=note.strip(),
        judged_by=actor if getattr(actor, "is_authenticated", False) else None,
        judged_at=timezone.now(),
    )
    clean_and_save(judgement)
    if previous is not None:
        previous.superseded_by = judgement
        previous.save(update_fields=["superseded_by", "updated_at"])
    audit_record(
        actor=actor,
        action="tracing.candidate_judge",
        target=candidate,
        data={
            "request": candidate.request.reference,
            "person": str(candidate.person_id),
            "decision": decision,
            "supersedes": str(previous.pk) if previous else None,
        },
    )
    case = candidate.request
    if decision == CandidateJudgement.Decision.ACCEPT and case.status in {
        TracingStatus.OPEN,
        TracingStatus.SEARCHING,
    }:
        note_text = _("A candidate was accepted.")
        if case.status == TracingStatus.OPEN:
            tracing_request_set_status(
                actor=actor, request=case, status=TracingStatus.SEARCHING, note=note_text
            )
        tracing_request_set_status(
            actor=actor, request=case, status=TracingStatus.CANDIDATE_FOUND, note=note_text
        )
    return judgement
