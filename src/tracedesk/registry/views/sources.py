"""Source pages: the list, the reader with evidence highlighted, the raw snapshot, evidence."""

import mimetypes
from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tracedesk.core.exceptions import ApplicationError
from tracedesk.intake import selectors as intake
from tracedesk.registry import selectors, services
from tracedesk.registry.blobs import blob_read
from tracedesk.registry.forms.sources import (
    EvidenceForm,
    RetractForm,
    SourceCreateForm,
    SourceFilterForm,
    SourceForm,
)
from tracedesk.registry.models import Evidence
from tracedesk.registry.views import PAGE_SIZE, require_editor
from tracedesk.registry.visibility import display_name


@dataclass(frozen=True)
class Span:
    """One evidence passage to highlight: where it is, what it supports, where that is."""

    key: str
    start: int
    end: int
    label: str
    number: int


def evidence_spans(user, evidence: list[Evidence]) -> list[Span]:
    """Number the evidence in reading order and label each with the event or person it supports."""
    spans = []
    for number, item in enumerate(evidence, start=1):
        supports = [item.get_claim_display()]
        if item.event is not None:
            supports.append(item.event.title)
        if item.person is not None:
            supports.append(display_name(user, item.person))
        spans.append(Span(str(item.pk), item.start, item.end, " · ".join(supports), number))
    return spans


def highlight(text: str, spans: list[Span]) -> SafeString:
    """Return the text, escaped, with each span wrapped in <mark class="evidence" id="ev-<key>">.

    Spans may overlap or nest. Cut the text at every span boundary; at each cut,
    keep open the marks shared with the next piece and close and reopen the
    rest, so the HTML stays well nested. Only a span's first piece carries its
    id; every piece carries its number, and the last is followed by a link to
    the span's entry in the evidence list.
    """
    length = len(text)
    spans = sorted(
        (s for s in spans if 0 <= s.start < s.end and s.start < length),
        key=lambda s: (s.start, -s.end, s.number),
    )
    cuts = sorted({0, length, *(s.start for s in spans), *(min(s.end, length) for s in spans)})
    html: list[str] = []
    stack: list[Span] = []
    opened: set[str] = set()
    for here, following in zip(cuts, cuts[1:], strict=False):
        wanted = [s for s in spans if s.start <= here < min(s.end, length)]
        shared = 0
        while shared < min(len(stack), len(wanted)) and stack[shared] is wanted[shared]:
            shared += 1
        for span in reversed(stack[shared:]):
            html.append("</mark>")
            if span.end <= here:
                html.append(
                    format_html('<sup><a href="#evidence-{}">{}</a></sup>', span.key, span.number)
                )
        for span in wanted[shared:]:
            html.append(_open_mark(span, first=span.key not in opened))
            opened.add(span.key)
        stack = wanted
        html.append(escape(text[here:following]))
    for span in reversed(stack):
        html.append("</mark>")
        html.append(format_html('<sup><a href="#evidence-{}">{}</a></sup>', span.key, span.number))
    return mark_safe("".join(html))  # noqa: S308 -- every piece above is escaped or built by format_html


def _open_mark(span: Span, *, first: bool) -> str:
    if first:
        return format_html(
            '<mark class="evidence" id="ev-{}" data-evidence="{}" title="[{}] {}">',
            span.key,
            span.key,
            span.number,
            span.label,
        )
    return format_html(
        '<mark class="evidence" data-evidence="{}" title="[{}] {}">',
        span.key,
        span.number,
        span.label,
    )


@require_GET
def source_list(request: HttpRequest) -> HttpResponse:
    filters = SourceFilterForm(request.GET or None)
    sources = selectors.source_list(request.user, **filters.criteria())
    page = Paginator(sources, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "registry/_source_results.html" if request.htmx else "registry/source_list.html"
    return render(request, template, {"filters": filters, "page_obj": page})


@require_GET
def source_detail(request: HttpRequest, pk) -> HttpResponse:
    source = selectors.source_get(request.user, pk)
    evidence = list(selectors.source_evidence(request.user, source))
    spans = evidence_spans(request.user, evidence)
    context = {
        "source": source,
        "evidence": list(zip(evidence, spans, strict=True)),
        "highlighted": highlight(source.text, spans),
        "draft_count": intake.source_draft_count(request.user, source),
    }
    return render(request, "registry/source_detail.html", context)


@require_GET
def source_raw(request: HttpRequest, pk) -> HttpResponse:
    """The stored bytes as a download: never rendered here, since a page may carry scripts."""
    source = selectors.source_get(request.user, pk)
    try:
        data = blob_read(source.sha256)
    except FileNotFoundError:
        raise Http404(
            _("The raw snapshot of this source is missing from the blob store.")
        ) from None
    content_type = source.content_type or "application/octet-stream"
    extension = mimetypes.guess_extension(content_type.split(";")[0].strip()) or ".bin"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"source-{source.short_id}{extension}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_http_methods(["GET", "POST"])
def source_create(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    form = SourceCreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        asked_at = timezone.now()
        try:
            source = services.source_create(actor=request.user, **form.service_kwargs())
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            # The service hands back the stored Source when the same bytes come again.
            if source.created_at < asked_at:
                messages.info(request, _("This document is already stored; here is its record."))
            else:
                messages.success(request, _("Source stored."))
            return redirect(source)
    return render(request, "registry/source_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def source_edit(request: HttpRequest, pk) -> HttpResponse:
    require_editor(request)
    source = selectors.source_get(request.user, pk)
    form = SourceForm(request.POST or None, initial=SourceForm.initial_for(source))
    if request.method == "POST" and form.is_valid():
        try:
            services.source_update(actor=request.user, source=source, **form.service_kwargs())
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Source saved."))
            return redirect(source)
    return render(request, "registry/source_form.html", {"form": form, "source": source})


@require_http_methods(["GET", "POST"])
def evidence_create(request: HttpRequest, pk) -> HttpResponse:
    require_editor(request)
    source = selectors.source_get(request.user, pk)
    form = EvidenceForm(
        request.POST or None, user=request.user, source=source, initial=request.GET.dict()
    )
    if request.method == "POST" and form.is_valid():
        try:
            evidence = services.evidence_create(
                actor=request.user, source=source, **form.service_kwargs()
            )
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Evidence recorded."))
            return redirect(f"{source.get_absolute_url()}#ev-{evidence.pk}")
    return render(request, "registry/evidence_form.html", {"form": form, "source": source})


@require_http_methods(["GET", "POST"])
def evidence_retract(request: HttpRequest, pk) -> HttpResponse:
    require_editor(request)
    evidence = selectors.evidence_get(request.user, pk)
    form = RetractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evidence_retract(
                actor=request.user, evidence=evidence, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Evidence retracted; it stays on record."))
            return redirect(evidence.source)
    return render(request, "registry/evidence_retract.html", {"form": form, "evidence": evidence})
