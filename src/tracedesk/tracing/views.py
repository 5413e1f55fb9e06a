"""Tracing pages: the case list, one case with its workflow and inquiry log, and the editors.

Only roles that may use tracing get past `require_tracing` (403 otherwise); which cases a
caseworker sees is the selectors' business (someone else's case is a 404).
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tracedesk.accounts import roles
from tracedesk.core.exceptions import ApplicationError
from tracedesk.tracing import matching, selectors, services
from tracedesk.tracing.forms import (
    AssignForm,
    InquiryForm,
    RequestFilterForm,
    StatusForm,
    TracingRequestForm,
)
from tracedesk.tracing.models import TracingRequest, TracingStatus
from tracedesk.web.forms import show_service_error

PAGE_SIZE = 50


def require_tracing(request: HttpRequest) -> None:
    """Answer 403 to roles that may not work on tracing requests at all."""
    if not roles.can_use_tracing(request.user):
        raise PermissionDenied


def render_detail(request: HttpRequest, case: TracingRequest, **overrides: Any) -> HttpResponse:
    """The case page; a view that failed to save passes its bound form to show the errors."""
    user = request.user
    context = {
        "case": case,
        "inquiries": case.inquiries.all(),
        "status_form": StatusForm(case=case, user=user),
        "inquiry_form": InquiryForm(user=user),
        "assign_form": AssignForm(initial={"assigned_to": list(case.assigned_to.all())})
        if roles.is_admin(user)
        else None,
        "disclosure_errors": [],
        "resolving_statuses": [TracingStatus.LOCATED, TracingStatus.CONFIRMED_DEAD],
        "candidates": selectors.candidate_rows(user, case),
        "candidate_errors": [],
    }
    context.update(overrides)
    return render(request, "tracing/request_detail.html", context)


@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    require_tracing(request)
    filters = RequestFilterForm(request.GET or None)
    cases = selectors.tracing_request_list(request.user, **filters.criteria())
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "tracing/_request_results.html" if request.htmx else "tracing/request_list.html"
    return render(request, template, {"filters": filters, "page_obj": page})


@require_GET
def request_detail(request: HttpRequest, pk) -> HttpResponse:
    require_tracing(request)
    return render_detail(request, selectors.tracing_request_get(request.user, pk))


@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    require_tracing(request)
    form = TracingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.tracing_request_create(actor=request.user, **form.service_kwargs())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(
                request, _("Tracing request %(ref)s opened.") % {"ref": case.reference}
            )
            return redirect(case)
    return render(request, "tracing/request_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def request_edit(request: HttpRequest, pk) -> HttpResponse:
    require_tracing(request)
    case = selectors.tracing_request_get(request.user, pk)
    form = TracingRequestForm(request.POST or None, initial=TracingRequestForm.initial_for(case))
    if request.method == "POST" and form.is_valid():
        try:
            services.tracing_request_update(
                actor=request.user, request=case, **form.service_kwargs()
            )
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("Tracing request saved."))
            return redirect(case)
    return render(request, "tracing/request_form.html", {"form": form, "case": case})


@require_POST
def request_status(request: HttpRequest, pk) -> HttpResponse:
    require_tracing(request)
    case = selectors.tracing_request_get(request.user, pk)
    form = StatusForm(request.POST, case=case, user=request.user)
    if form.is_valid():
        try:
            services.tracing_request_set_status(
                actor=request.user, request=case, **form.service_kwargs()
            )
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(
                request, _("Status changed to “%(s)s”.") % {"s": case.get_status_display()}
            )
            return redirect(case)
    return render_detail(request, case, status_form=form)


@require_POST
def request_assign(request: HttpRequest, pk) -> HttpResponse:
    if not roles.is_admin(request.user):
        raise PermissionDenied
    case = selectors.tracing_request_get(request.user, pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            services.tracing_request_assign(
                actor=request.user, request=case, users=list(form.cleaned_data["assigned_to"])
            )
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("Assignment saved."))
            return redirect(case)
    return render_detail(request, case, assign_form=form)


@require_POST
def request_disclose(request: HttpRequest, pk) -> HttpResponse:
    require_tracing(request)
    case = selectors.tracing_request_get(request.user, pk)
    try:
        services.tracing_request_record_disclosure(actor=request.user, request=case)
    except ApplicationError as error:
        problems = [msg for msgs in error.extra.values() for msg in msgs] or [error.message]
        return render_detail(request, case, disclosure_errors=problems)
    messages.success(request, _("Recorded that the family was informed."))
    return redirect(case)


@require_POST
def inquiry_create(request: HttpRequest, pk) -> HttpResponse:
    """Log an inquiry. With htmx, answer with the refreshed log instead of a redirect."""
    require_tracing(request)
    case = selectors.tracing_request_get(request.user, pk)
    status_before = case.status
    form = InquiryForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.inquiry_create(actor=request.user, request=case, **form.service_kwargs())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            if request.htmx and case.status == status_before:
                context = {
                    "case": case,
                    "inquiries": selectors.inquiry_list(request.user, case),
                    "inquiry_form": InquiryForm(user=request.user),
                }
                return render(request, "tracing/_inquiries.html", context)
            # The first inquiry also moved the case on: the whole page must show it.
            messages.success(request, _("Inquiry logged."))
            if request.htmx:
                response = HttpResponse()
                response["HX-Redirect"] = case.get_absolute_url()
                return response
            return redirect(case)
    if request.htmx:
        context = {"case": case, "inquiries": case.inquiries.all(), "inquiry_form": form}
        return render(request, "tracing/_inquiries.html", context)
    return render_detail(request, case, inquiry_form=form)


@require_http_methods(["GET", "POST"])
def inquiry_edit(request: HttpRequest, pk) -> HttpResponse:
    require_tracing(request)
    inquiry = selectors.inquiry_get(request.user, pk)
    form = InquiryForm(
        request.POST or None, user=request.user, initial=InquiryForm.initial_for(inquiry)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.inquiry_update(actor=request.user, inquiry=inquiry, **form.service_kwargs())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("Inquiry saved."))
            return redirect(inquiry.request)
    return render(request, "tracing/inquiry_form.html", {"form": form, "inquiry": inquiry})


@require_POST
def candidates_search(request: HttpRequest, pk) -> HttpResponse:
    """Search the registry again for the case."""
    require_tracing(request)
    case = selectors.tracing_request_get(request.user, pk)
    found = matching.find_candidates(actor=request.user, request=case)
    messages.success(request, _("Search done: %(n)d candidates.") % {"n": len(found)})
    return redirect(f"{case.get_absolute_url()}#candidates")


@require_POST
def candidate_judge(request: HttpRequest, pk) -> HttpResponse:
    """Accept or reject one candidate; with htmx, answer with the refreshed section."""
    require_tracing(request)
    candidate = selectors.candidate_get(request.user, pk)
    case = candidate.request
    errors: list[str] = []
    try:
        services.candidate_judge(
            actor=request.user,
            candidate=candidate,
            decision=request.POST.get("decision", ""),
            note=request.POST.get("note", ""),
        )
    except ApplicationError as error:
        errors = [msg for msgs in error.extra.values() for msg in msgs] or [error.message]
    if request.htmx:
        context = {
            "case": case,
            "candidates": selectors.candidate_rows(request.user, case),
            "candidate_errors": errors,
        }
        return render(request, "tracing/_candidates.html", context)
    if errors:
        case = selectors.tracing_request_get(request.user, case.pk)
        return render_detail(request, case, candidate_errors=errors)
    messages.success(request, _("Judgement recorded."))
    return redirect(f"{case.get_absolute_url()}#candidates")
