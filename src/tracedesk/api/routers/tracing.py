from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import PageNumberPagination, paginate

from tracedesk.accounts import roles
from tracedesk.api.responses import errors
from tracedesk.api.schemas import TracingRequestDetailOut, TracingRequestOut
from tracedesk.core.exceptions import PermissionDenied
from tracedesk.tracing import selectors
from tracedesk.tracing.models import TracingStatus

router = Router(tags=["tracing"])


@router.get("", response={200: list[TracingRequestOut], **errors(403)})
@paginate(PageNumberPagination)
def tracing_request_list(
    request,
    status: TracingStatus | None = None,
    q: str = Query("", description="Reference or a sought name contains"),
):
    """Cases: every case for admins, the cases assigned to them for caseworkers; 403 otherwise."""
    if not roles.can_use_tracing(request.auth):
        # The selector would answer an empty list; a 403 tells the client why.
        raise PermissionDenied(_("Your role may not read tracing requests."))
    return selectors.tracing_request_list(request.auth, status=status or "", query=q)


@router.get("/{request_id}", response={200: TracingRequestDetailOut, **errors(403, 404)})
def tracing_request_detail(request, request_id: UUID):
    """One case; a case not assigned to the caseworker is answered 404."""
    return selectors.tracing_request_get(request.auth, request_id)
