from uuid import UUID

from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from tracedesk.api.references import resolve_many
from tracedesk.api.responses import errors
from tracedesk.api.schemas import PersonDetailOut, PersonIn, PersonOut
from tracedesk.registry import selectors, services
from tracedesk.registry.models import Person

router = Router(tags=["people"])


@router.get("", response={200: list[PersonOut], **errors()})
@paginate(PageNumberPagination)
def person_list(
    request,
    q: str = Query("", description="Any name, in any script or spelling the caller may see"),
    status: Person.Status | None = None,
    category: Person.Category | None = None,
):
    """People, newest first. Names are those the caller's role may see."""
    return selectors.person_list(
        request.auth, query=q, status=status or "", category=category or ""
    )


@router.get("/{person_id}", response={200: PersonDetailOut, **errors(404)})
def person_detail(request, person_id: UUID):
    """One person with names, units and events (reading a protected person in full is audited)."""
    return selectors.person_get(request.auth, person_id)


@router.post("", response={201: PersonDetailOut, **errors(400, 403)})
def person_create(request, payload: PersonIn):
    """Add a person (analysts and admins). A field's problem answers 400 naming the field."""
    fields = payload.model_dump(mode="json", exclude={"names", "units"})
    person = services.person_create(
        actor=request.auth,
        names=[services.NameInput(**name.model_dump(mode="json")) for name in payload.names],
        units=resolve_many(selectors.unit_list(request.auth), payload.units, "units"),
        **fields,
    )
    return Status(201, person)
