"""Person pages: the searchable list, one person's record, and the editors."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tracedesk.accounts import roles
from tracedesk.core.exceptions import ApplicationError
from tracedesk.registry import selectors, services
from tracedesk.registry.forms.people import NameForm, PersonCreateForm, PersonFilterForm, PersonForm
from tracedesk.registry.views import PAGE_SIZE, require_editor
from tracedesk.tracing import selectors as tracing_selectors


@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    filters = PersonFilterForm(request.GET or None)
    people = selectors.person_list(request.user, **filters.criteria())
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "registry/_person_results.html" if request.htmx else "registry/person_list.html"
    return render(request, template, {"filters": filters, "page_obj": page})


@require_GET
def person_detail(request: HttpRequest, pk) -> HttpResponse:
    person = selectors.person_get(request.user, pk)
    if person.merged_into_id is not None:
        return render(request, "registry/person_merged.html", {"person": person})
    tracing_requests = []
    if roles.can_use_tracing(request.user):
        # Only the cases this user may open (their own, or all for admins).
        tracing_requests = tracing_selectors.tracing_request_list(request.user).filter(
            person=person
        )
    context = {
        "person": person,
        "evidence": selectors.person_evidence(request.user, person),
        "tracing_requests": tracing_requests,
    }
    return render(request, "registry/person_detail.html", context)


@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    form = PersonCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, **form.service_kwargs())
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Person added."))
            return redirect(person)
    return render(request, "registry/person_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk) -> HttpResponse:
    require_editor(request)
    person = selectors.person_get(request.user, pk)
    form = PersonForm(
        request.POST or None, user=request.user, initial=PersonForm.initial_for(person)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.service_kwargs())
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Person saved."))
            return redirect(person)
    return render(request, "registry/person_form.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
def person_add_name(request: HttpRequest, pk) -> HttpResponse:
    require_editor(request)
    person = selectors.person_get(request.user, pk)
    form = NameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_add_name(actor=request.user, person=person, name=form.name_input())
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Name added."))
            return redirect(person)
    return render(request, "registry/person_name_form.html", {"form": form, "person": person})
