from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tracedesk.intake import selectors as intake
from tracedesk.registry import selectors as registry
from tracedesk.registry.models import Event, Person
from tracedesk.registry.visibility import display_name
from tracedesk.tracing import selectors as tracing
from tracedesk.tracing.models import TracingStatus


def _labelled(choices, counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """(value, label, count) in the choices' own order, leaving out what has no records."""
    return [(value, label, counts[value]) for value, label in choices.choices if counts.get(value)]


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    counts = registry.dashboard_counts(request.user)
    tracing_counts = tracing.tracing_counts(request.user)
    context = {
        "counts": counts,
        "people_by_status": _labelled(Person.Status, counts["people_by_status"]),
        "events_by_type": _labelled(Event.Type, counts["events_by_type"]),
        "tracing_total": sum(tracing_counts.values()),
        "tracing_by_status": _labelled(TracingStatus, tracing_counts),
        "recent_events": registry.event_list(request.user)[:8],
        "pending_drafts": intake.pending_count(request.user),
    }
    return render(request, "web/dashboard.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """One box for everything: people by any spelling, facilities, units, sources."""
    query = request.GET.get("q", "").strip()
    people = list(registry.person_list(request.user, query=query)[:25]) if query else []
    for person in people:
        person.label = display_name(request.user, person)
    context = {
        "q": query,
        "people": people,
        "facilities": registry.facility_list(request.user, query=query)[:10] if query else [],
        "units": registry.unit_list(request.user, query=query)[:10] if query else [],
        "sources": registry.source_list(request.user, query=query)[:10] if query else [],
    }
    return render(request, "web/search.html", context)


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for supervisors and the CLI: the app answers and the database responds."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})
