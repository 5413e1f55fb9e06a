"""Event pages: the list with its filters, one event with its evidence, and the editor."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tracedesk.core.exceptions import ApplicationError
from tracedesk.registry import selectors, services
from tracedesk.registry.forms.events import EventFilterForm, EventForm
from tracedesk.registry.views import PAGE_SIZE, require_editor


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    filters = EventFilterForm(request.GET or None, user=request.user)
    events = selectors.event_list(request.user, **filters.criteria())
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "registry/_event_results.html" if request.htmx else "registry/event_list.html"
    return render(request, template, {"filters": filters, "page_obj": page})


@require_GET
def event_detail(request: HttpRequest, pk) -> HttpResponse:
    event = selectors.event_get(request.user, pk)
    if event.merged_into_id is not None:
        return render(request, "registry/event_merged.html", {"event": event})
    return render(request, "registry/event_detail.html", {"event": event})


@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, **form.service_kwargs())
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Event recorded."))
            return redirect(event)
    return render(request, "registry/event_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk) -> HttpResponse:
    require_editor(request)
    event = selectors.event_get(request.user, pk)
    form = EventForm(request.POST or None, user=request.user, initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(actor=request.user, event=event, **form.service_kwargs())
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Event saved."))
            return redirect(event)
    return render(request, "registry/event_form.html", {"form": form, "event": event})
