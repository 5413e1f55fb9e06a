"""Where and by whom: facilities (with the map), units and places."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tracedesk.core.exceptions import ApplicationError
from tracedesk.registry import selectors, services
from tracedesk.registry.forms.gazetteer import (
    FacilityFilterForm,
    FacilityForm,
    PlaceForm,
    SearchForm,
    UnitForm,
)
from tracedesk.registry.models import Event, Facility
from tracedesk.registry.views import PAGE_SIZE, require_editor


def _marker(facility: Facility) -> dict[str, Any] | None:
    """What map.js needs to draw one facility; None when it has no coordinates."""
    point = facility.coordinates
    if point is None:
        return None
    return {
        "lat": point[0],
        "lon": point[1],
        "label": facility.name,
        "url": facility.get_absolute_url(),
        "kind": facility.kind,
    }


def _timeline(events: list[Event]) -> dict[str, Any]:
    """Events oldest first, with how many people they concern."""
    named = {person.pk for event in events for person in event.victims.all()}
    return {
        "events": events[::-1],
        "event_count": len(events),
        "named_count": len(named),
        "unnamed_count": sum(event.unnamed_count or 0 for event in events),
    }


def _listing(
    request: HttpRequest, items, template: str, partial: str, context: dict
) -> HttpResponse:
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, partial if request.htmx else template, {**context, "page_obj": page})


def _edit(
    request: HttpRequest, form, save, template: str, context: dict, done: str
) -> HttpResponse:
    """Validate a bound form, call the service through `save`, redirect or show what is wrong."""
    if request.method == "POST" and form.is_valid():
        try:
            record = save(form.cleaned_data)
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, done)
            return redirect(record)
    return render(request, template, {**context, "form": form})


# ---- Facilities -----------------------------------------------------------------------------


@require_GET
def facility_list(request: HttpRequest) -> HttpResponse:
    filters = FacilityFilterForm(request.GET or None)
    facilities = selectors.facility_list(request.user, **filters.criteria())
    return _listing(
        request,
        facilities,
        "registry/facility_list.html",
        "registry/_facility_results.html",
        {"filters": filters},
    )


@require_GET
def facility_detail(request: HttpRequest, pk) -> HttpResponse:
    facility = selectors.facility_get(request.user, pk)
    events = list(selectors.event_list(request.user, facility=facility))
    marker = _marker(facility)
    context = {"facility": facility, "markers": [marker] if marker else [], **_timeline(events)}
    return render(request, "registry/facility_detail.html", context)


@require_GET
def facility_map(request: HttpRequest) -> HttpResponse:
    located, markers, unlocated = [], [], 0
    for facility in selectors.facility_list(request.user):
        marker = _marker(facility)
        if marker is None:
            unlocated += 1
        else:
            located.append(facility)
            markers.append(marker)
    context = {"facilities": located, "markers": markers, "unlocated_count": unlocated}
    return render(request, "registry/facility_map.html", context)


@require_http_methods(["GET", "POST"])
def facility_create(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    form = FacilityForm(request.POST or None, user=request.user)
    return _edit(
        request,
        form,
        lambda data: services.facility_create(actor=request.user, **data),
        "registry/facility_form.html",
        {},
        _("Facility recorded."),
    )


@require_http_methods(["GET", "POST"])
def facility_edit(request: HttpRequest, pk) -> HttpResponse:
    require_editor(request)
    facility = selectors.facility_get(request.user, pk)
    form = FacilityForm(
        request.POST or None, user=request.user, initial=FacilityForm.initial_for(facility)
    )
    return _edit(
        request,
        form,
        lambda data: services.facility_update(actor=request.user, facility=facility, **data),
        "registry/facility_form.html",
        {"facility": facility},
        _("Facility saved."),
    )


# ---- Units ----------------------------------------------------------------------------------


@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    search = SearchForm(request.GET or None)
    units = selectors.unit_list(request.user, query=search.query())
    return _listing(
        request, units, "registry/unit_list.html", "registry/_unit_results.html", {"search": search}
    )


@require_GET
def unit_detail(request: HttpRequest, pk) -> HttpResponse:
    unit = selectors.unit_get(request.user, pk)
    events = list(selectors.event_list(request.user, unit=unit))
    return render(request, "registry/unit_detail.html", {"unit": unit, **_timeline(events)})


@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    form = UnitForm(request.POST or None, user=request.user)
    return _edit(
        request,
        form,
        lambda data: services.unit_create(actor=request.user, **data),
        "registry/unit_form.html",
        {},
        _("Unit recorded."),
    )


@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, pk) -> HttpResponse:
    require_editor(request)
    unit = selectors.unit_get(request.user, pk)
    form = UnitForm(
        request.POST or None, user=request.user, unit=unit, initial=UnitForm.initial_for(unit)
    )
    return _edit(
        request,
        form,
        lambda data: services.unit_update(actor=request.user, unit=unit, **data),
        "registry/unit_form.html",
        {"unit": unit},
        _("Unit saved."),
    )


# ---- Places ---------------------------------------------------------------------------------


@require_GET
def place_list(request: HttpRequest) -> HttpResponse:
    search = SearchForm(request.GET or None)
    places = selectors.place_list(request.user, query=search.query())
    return _listing(
        request,
        places,
        "registry/place_list.html",
        "registry/_place_results.html",
        {"search": search},
    )


@require_GET
def place_detail(request: HttpRequest, pk) -> HttpResponse:
    place = selectors.place_get(request.user, pk)
    events = list(selectors.event_list(request.user, place=place))
    return render(request, "registry/place_detail.html", {"place": place, **_timeline(events)})


@require_http_methods(["GET", "POST"])
def place_create(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    form = PlaceForm(request.POST or None, user=request.user)
    return _edit(
        request,
        form,
        lambda data: services.place_create(actor=request.user, **data),
        "registry/place_form.html",
        {},
        _("Place recorded."),
    )


@require_http_methods(["GET", "POST"])
def place_edit(request: HttpRequest, pk) -> HttpResponse:
    require_editor(request)
    place = selectors.place_get(request.user, pk)
    form = PlaceForm(request.POST or None, user=request.user, initial=PlaceForm.initial_for(place))
    return _edit(
        request,
        form,
        lambda data: services.place_update(actor=request.user, place=place, **data),
        "registry/place_form.html",
        {"place": place},
        _("Place saved."),
    )
