"""Review queue pages: the queue, the ingest runs, and one draft beside its source.

Only registry editors get past `require_editor` (403 otherwise). Every decision goes through
`intake.services`; after one, the analyst lands on the source's next pending draft, else the
queue.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tracedesk.core.exceptions import ApplicationError
from tracedesk.intake import selectors, services
from tracedesk.intake.forms import AcceptForm, DraftFilterForm, MergeForm, RejectForm
from tracedesk.intake.models import Draft
from tracedesk.registry import selectors as registry
from tracedesk.registry.views import PAGE_SIZE, require_editor
from tracedesk.registry.views.sources import Span, highlight

# The anchor of the draft's own evidence in the source text: links to a draft end with it.
CURRENT = "current"


def review_url(draft: Draft) -> str:
    """The draft's page, scrolled to its evidence."""
    return f"{draft.get_absolute_url()}#ev-{CURRENT}"


def draft_spans(review: selectors.Review) -> list[Span]:
    """This draft's evidence, its people's mentions, and the source's other drafts, numbered."""
    draft = review.draft
    spans = [Span(CURRENT, draft.evidence_start, draft.evidence_end, _("This draft"), 1)]
    for row in review.people:
        mention = row.drafted.get("mention")
        if mention:
            label = _("Named: %(n)s") % {"n": row.drafted["name"]}
            spans.append(Span(f"person-{row.index}", mention[0], mention[1], label, len(spans) + 1))
    for other in review.others:
        label = _("Other draft: %(t)s") % {"t": other}
        spans.append(
            Span(
                f"draft-{other.pk}", other.evidence_start, other.evidence_end, label, len(spans) + 1
            )
        )
    return spans


def render_detail(
    request: HttpRequest, draft: Draft, review: selectors.Review | None = None, **overrides: Any
) -> HttpResponse:
    """The review page; a view that failed to decide passes its bound form to show the errors."""
    review = review or selectors.draft_review(request.user, draft)
    spans = draft_spans(review)
    others = {f"draft-{other.pk}": other for other in review.others}
    context: dict[str, Any] = {
        "draft": draft,
        "review": review,
        "source": draft.source,
        "highlighted": highlight(draft.source.text, spans),
        "legend": [(span, span.key.split("-")[0], others.get(span.key)) for span in spans],
        "open_form": "accept",
    }
    if draft.status == Draft.Status.PENDING:
        context["accept_form"] = AcceptForm(review=review, user=request.user, prefix="accept")
        context["merge_form"] = MergeForm(review=review, user=request.user, prefix="merge")
        context["reject_form"] = RejectForm(prefix="reject")
    context.update(overrides)
    return render(request, "intake/draft_detail.html", context)


@require_GET
def draft_queue(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    filters = DraftFilterForm(request.GET or None)
    criteria = filters.criteria()
    drafts = selectors.draft_list(request.user, **criteria)
    page = Paginator(drafts, PAGE_SIZE).get_page(request.GET.get("page"))
    source = None
    if criteria.get("source"):
        source = registry.source_list(request.user).filter(pk=criteria["source"]).first()
    context = {
        "filters": filters,
        "page_obj": page,
        "pending": selectors.pending_count(request.user),
        "filtered_source": source,
        "showing_pending": criteria["status"] == Draft.Status.PENDING,
    }
    template = "intake/_draft_results.html" if request.htmx else "intake/draft_list.html"
    return render(request, template, context)


@require_GET
def ingest_runs(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    runs = selectors.ingest_run_list(request.user)
    page = Paginator(runs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "intake/run_list.html", {"page_obj": page})


@require_GET
def draft_detail(request: HttpRequest, pk) -> HttpResponse:
    require_editor(request)
    return render_detail(request, selectors.draft_get(request.user, pk))


def _after_decision(request: HttpRequest, draft: Draft) -> HttpResponse:
    following = selectors.next_pending_of_source(request.user, draft)
    if following is not None:
        return redirect(review_url(following))
    return redirect(reverse("intake:draft_queue"))


def _refused(request: HttpRequest, draft: Draft, error: ApplicationError | None) -> HttpResponse:
    """A decision on a draft someone already decided: say so on its page, change nothing."""
    details = [m for ms in (error.extra.values() if error else []) for m in ms]
    text = error.message if error else _("This draft was already decided.")
    messages.error(request, " ".join([text, *details]))
    return redirect(draft)


def _decide(request: HttpRequest, pk, form_class, prefix: str, decide) -> HttpResponse:
    """Parse one decision form and hand it to its service; on refusal, show why."""
    require_editor(request)
    draft = selectors.draft_get(request.user, pk)
    review = selectors.draft_review(request.user, draft)
    if form_class is RejectForm:
        form = RejectForm(request.POST, prefix=prefix)
    else:
        form = form_class(request.POST, review=review, user=request.user, prefix=prefix)
    if form.is_valid():
        try:
            message = decide(draft, form)
        except PermissionDenied:
            raise
        except ApplicationError as error:
            if selectors.draft_status(request.user, draft.pk) != Draft.Status.PENDING:
                return _refused(request, draft, error)
            form.add_service_error(error)
        else:
            messages.success(request, message)
            return _after_decision(request, draft)
    elif draft.status != Draft.Status.PENDING:
        return _refused(request, draft, None)
    return render_detail(request, draft, review, open_form=prefix, **{f"{prefix}_form": form})


@require_POST
def draft_accept(request: HttpRequest, pk) -> HttpResponse:
    def decide(draft: Draft, form: AcceptForm) -> str:
        event = services.draft_accept(actor=request.user, draft=draft, **form.service_kwargs())
        return _("Accepted: “%(t)s” is in the registry.") % {"t": event.title}

    return _decide(request, pk, AcceptForm, "accept", decide)


@require_POST
def draft_merge(request: HttpRequest, pk) -> HttpResponse:
    def decide(draft: Draft, form: MergeForm) -> str:
        event = services.draft_merge(actor=request.user, draft=draft, **form.service_kwargs())
        return _("Merged into “%(t)s”.") % {"t": event.title}

    return _decide(request, pk, MergeForm, "merge", decide)


@require_POST
def draft_reject(request: HttpRequest, pk) -> HttpResponse:
    def decide(draft: Draft, form: RejectForm) -> str:
        services.draft_reject(actor=request.user, draft=draft, reason=form.cleaned_data["reason"])
        return _("Draft rejected.")

    return _decide(request, pk, RejectForm, "reject", decide)
