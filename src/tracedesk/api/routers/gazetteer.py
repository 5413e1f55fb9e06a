from ninja import Query, Router
from ninja.pagination import PageNumberPagination, paginate

from tracedesk.api.responses import errors
from tracedesk.api.schemas import FacilityOut, UnitOut
from tracedesk.registry import selectors

facilities = Router(tags=["facilities"])
units = Router(tags=["units"])


@facilities.get("", response={200: list[FacilityOut], **errors()})
@paginate(PageNumberPagination)
def facility_list(request, q: str = Query("", description="Name or place name contains")):
    """Detention sites with coordinates (their own, else their place's)."""
    return selectors.facility_list(request.auth, query=q)


@units.get("", response={200: list[UnitOut], **errors()})
@paginate(PageNumberPagination)
def unit_list(request, q: str = Query("", description="Name or designation contains")):
    return selectors.unit_list(request.auth, query=q)
