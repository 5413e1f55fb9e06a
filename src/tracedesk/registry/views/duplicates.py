"""Possible duplicates (issue 4): proposed pairs side by side, merge, "not the same", split.

Analysts and admins only: the pairs show legal names, and every button changes the registry.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tracedesk.core.exceptions import ApplicationError
from tracedesk.registry import selectors, services
from tracedesk.registry.views import require_editor


def _error(request: HttpRequest, error: ApplicationError) -> None:
    details = [message for messages_ in error.extra.values() for message in messages_]
    messages.error(request, " ".join([error.message, *details]))


@require_GET
def duplicate_list(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    context = {
        "person_pairs": selectors.duplicate_people(request.user),
        "event_pairs": selectors.duplicate_events(request.user),
    }
    return render(request, "registry/duplicate_list.html", context)


@require_POST
def person_merge(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    keep = selectors.person_for_merge(request.user, request.POST.get("keep"))
    merge = selectors.person_for_merge(request.user, request.POST.get("merge"))
    try:
        services.person_merge(actor=request.user, keep=keep, merge=merge)
    except ApplicationError as error:
        _error(request, error)
        return redirect("registry:duplicate_list")
    messages.success(request, _("Records merged. The merge can be split from this page."))
    return redirect(keep)


@require_POST
def person_dismiss(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    first = selectors.person_for_merge(request.user, request.POST.get("first"))
    second = selectors.person_for_merge(request.user, request.POST.get("second"))
    try:
        services.duplicate_dismiss(
            actor=request.user, first=first, second=second, note=request.POST.get("note", "")
        )
    except ApplicationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Marked as not the same: the pair is not proposed again."))
    return redirect("registry:duplicate_list")


@require_POST
def person_split(request: HttpRequest, pk) -> HttpResponse:
    require_editor(request)
    record = selectors.person_merge_get(request.user, pk)
    try:
        services.person_split(actor=request.user, merge_record=record)
    except ApplicationError as error:
        _error(request, error)
        return redirect(record.keep)
    messages.success(request, _("Merge split: both records are back as they were."))
    return redirect(record.merged)


@require_POST
def event_merge(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    keep = selectors.event_for_merge(request.user, request.POST.get("keep"))
    merge = selectors.event_for_merge(request.user, request.POST.get("merge"))
    try:
        services.event_merge(actor=request.user, keep=keep, merge=merge)
    except ApplicationError as error:
        _error(request, error)
        return redirect("registry:duplicate_list")
    messages.success(request, _("Events merged. The merge can be split from this page."))
    return redirect(keep)


@require_POST
def event_dismiss(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    first = selectors.event_for_merge(request.user, request.POST.get("first"))
    second = selectors.event_for_merge(request.user, request.POST.get("second"))
    try:
        services.duplicate_dismiss(
            actor=request.user, first=first, second=second, note=request.POST.get("note", "")
        )
    except ApplicationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Marked as not the same: the pair is not proposed again."))
    return redirect("registry:duplicate_list")


@require_POST
def event_split(request: HttpRequest, pk) -> HttpResponse:
    require_editor(request)
    record = selectors.event_merge_get(request.user, pk)
    try:
        services.event_split(actor=request.user, merge_record=record)
    except ApplicationError as error:
        _error(request, error)
        return redirect(record.keep)
    messages.success(request, _("Merge split: both events are back as they were."))
    return redirect(record.merged)
