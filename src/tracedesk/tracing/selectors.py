"""Reads of tracing cases: admins see every case, caseworkers the ones assigned to them."""

from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from tracedesk.accounts import roles
from tracedesk.accounts.models import User
from tracedesk.audit.services import audit_record
from tracedesk.core.exceptions import PermissionDenied
from tracedesk.registry.models import Person
from tracedesk.registry.visibility import display_name, sees_everything
from tracedesk.tracing.models import (
    Candidate,
    CandidateJudgement,
    Inquiry,
    StatusChange,
    TracingRequest,
)


@cache
def nameless_reasons() -> frozenset[str]:
    """The engine's sentences for agreement levels, dates and units, which name no one.

    The other reasons quote names, which a user who may not see all of a person's names must
    not read. (Imported on first use: the engine brings DuckDB and Arrow with it.)
    """
    from tracedesk.pipeline.linking.engine import fixed_reasons

    return fixed_reasons()


def tracing_request_list(user, *, status: str = "", query: str = "") -> QuerySet[TracingRequest]:
    if not roles.can_use_tracing(user):
        return TracingRequest.objects.none()
    requests = TracingRequest.objects.prefetch_related("assigned_to").annotate(
        inquiry_count=Count("inquiries")
    )
    if not roles.is_admin(user):
        requests = requests.filter(assigned_to=user)
    if status:
        requests = requests.filter(status=status)
    if query.strip():
        requests = requests.filter(
            Q(reference__icontains=query)
            | Q(sought_name__icontains=query)
            | Q(sought_other_names__icontains=query)
        )
    return requests.order_by("-created_at")


def tracing_request_get(user, request_id) -> TracingRequest:
    """One case with its history and inquiries; the read is audited (it shows contact details)."""
    if not roles.can_use_tracing(user):
        raise PermissionDenied("Your role may not read tracing requests.")
    try:
        request = (
            tracing_request_list(user)
            .select_related("person", "created_by")
            .prefetch_related(
                Prefetch(
                    "inquiries", queryset=Inquiry.objects.select_related("unit", "created_by")
                ),
                Prefetch(
                    "status_changes", queryset=StatusChange.objects.select_related("changed_by")
                ),
            )
            .get(pk=request_id)
        )
    except (TracingRequest.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    audit_record(actor=user, action="tracing_request.view", target=request)
    return request


def inquiry_get(user, inquiry_id) -> Inquiry:
    """One inquiry of a case the user works on; roles outside tracing get 403, as for cases."""
    if not roles.can_use_tracing(user):
        raise PermissionDenied("Your role may not read tracing requests.")
    try:
        inquiry = Inquiry.objects.select_related("request").get(pk=inquiry_id)
    except (Inquiry.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    if not tracing_request_list(user).filter(pk=inquiry.request_id).exists():
        raise Http404
    return inquiry


def inquiry_list(user, request: TracingRequest) -> QuerySet[Inquiry]:
    """The inquiry log of a case the user works on, freshly read (after an inquiry was added)."""
    if not tracing_request_list(user).filter(pk=request.pk).exists():
        raise Http404
    return Inquiry.objects.filter(request=request).select_related("unit", "created_by")


def assignable_users() -> QuerySet[User]:
    """Active accounts whose role may work on tracing requests: the choices for assignment."""
    ids = [user.pk for user in User.objects.filter(is_active=True) if roles.can_use_tracing(user)]
    return User.objects.filter(pk__in=ids).order_by("username")


def tracing_counts(user) -> dict[str, int]:
    # Distinct: the list's inquiry count joins the inquiries, one row per inquiry.
    cases = tracing_request_list(user).values_list("status")
    return dict(cases.annotate(n=Count("id", distinct=True)).order_by())


@dataclass(frozen=True)
class CandidateRow:
    candidate: Candidate
    name: str
    birth_year: int | None
    reasons: list[str]
    current: CandidateJudgement | None
    history: list[CandidateJudgement]


def candidate_rows(user, request: TracingRequest) -> list[CandidateRow]:
    """A case's candidates as this user may see them: visible names, reasons without names
    the user may not read, the current judgement and the superseded ones (newest first)."""
    if not tracing_request_list(user).filter(pk=request.pk).exists():
        raise Http404
    candidates = (
        Candidate.objects.filter(request=request)
        .select_related("person")
        .prefetch_related(
            "person__names",
            Prefetch(
                "judgements",
                queryset=CandidateJudgement.objects.select_related("judged_by"),
            ),
        )
    )
    rows = []
    for candidate in candidates:
        person: Person = candidate.person
        reasons = list(candidate.reasons)
        if not sees_everything(user, person):
            reasons = [reason for reason in reasons if reason in nameless_reasons()]
        judgements = list(candidate.judgements.all())[::-1]
        current = next((j for j in judgements if j.superseded_by_id is None), None)
        rows.append(
            CandidateRow(
                candidate=candidate,
                name=display_name(user, person),
                birth_year=person.birth_year,
                reasons=reasons,
                current=current,
                history=[j for j in judgements if j is not current],
            )
        )
    return rows


def candidate_get(user, candidate_id) -> Candidate:
    """One candidate of a case the user works on; other cases' candidates are a 404."""
    if not roles.can_use_tracing(user):
        raise PermissionDenied("Your role may not read tracing requests.")
    try:
        candidate = Candidate.objects.select_related("request").get(pk=candidate_id)
    except (Candidate.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    if not tracing_request_list(user).filter(pk=candidate.request_id).exists():
        raise Http404
    return candidate
