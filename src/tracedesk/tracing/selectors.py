"""Reads of tracing cases: admins see every case, caseworkers the ones assigned to them."""

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from tracedesk.accounts import roles
from tracedesk.accounts.models import User
from tracedesk.audit.services import audit_record
from tracedesk.core.exceptions import PermissionDenied
from tracedesk.tracing.models import Inquiry, StatusChange, TracingRequest


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
