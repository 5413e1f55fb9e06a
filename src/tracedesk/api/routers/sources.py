from uuid import UUID

from ninja import Query, Router
from ninja.pagination import PageNumberPagination, paginate

from tracedesk.api.responses import errors
from tracedesk.api.schemas import SourceDetailOut, SourceOut
from tracedesk.registry import selectors
from tracedesk.registry.models import Source

router = Router(tags=["sources"])


@router.get("", response={200: list[SourceOut], **errors()})
@paginate(PageNumberPagination)
def source_list(
    request,
    q: str = Query("", description="Title, outlet or URL contains"),
    kind: Source.Kind | None = None,
):
    """Sources the caller may read, metadata only: fetch one source for its text."""
    return selectors.source_list(request.auth, query=q, kind=kind or "")


@router.get("/{source_id}", response={200: SourceDetailOut, **errors(404)})
def source_detail(request, source_id: UUID):
    """One source with its text; a source the caller may not read is answered 404."""
    return selectors.source_get(request.auth, source_id)
