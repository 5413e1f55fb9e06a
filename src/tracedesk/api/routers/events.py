from uuid import UUID

from ninja import Router, Status
from ninja.pagination import PageNumberPagination, paginate

from tracedesk.api.references import resolve_many, resolve_one
from tracedesk.api.responses import errors
from tracedesk.api.schemas import EventDetailOut, EventIn, EventOut
from tracedesk.registry import selectors, services
from tracedesk.registry.models import Event

router = Router(tags=["events"])


@router.get("", response={200: list[EventOut], **errors()})
@paginate(PageNumberPagination)
def event_list(
    request,
    type: Event.Type | None = None,  # noqa: A002 - the domain's own word, as in the selector
    verification: Event.Verification | None = None,
):
    """Events, latest first. Rejected drafts are listed to analysts and admins only."""
    return selectors.event_list(request.auth, type=type or "", verification=verification or "")


@router.get("/{event_id}", response={200: EventDetailOut, **errors(404)})
def event_detail(request, event_id: UUID):
    return selectors.event_get(request.auth, event_id)


@router.post("", response={201: EventDetailOut, **errors(400, 403)})
def event_create(request, payload: EventIn):
    """Record an event (analysts and admins); victims' statuses follow from it."""
    user = request.auth
    fields = payload.model_dump(
        mode="json", exclude={"victims", "place", "facility", "perpetrator_unit"}
    )
    event = services.event_create(
        actor=user,
        victims=resolve_many(selectors.person_list(user), payload.victims, "victims"),
        place=resolve_one(selectors.place_list(user), payload.place, "place"),
        facility=resolve_one(selectors.facility_list(user), payload.facility, "facility"),
        perpetrator_unit=resolve_one(
            selectors.unit_list(user), payload.perpetrator_unit, "perpetrator_unit"
        ),
        **fields,
    )
    return Status(201, event)
