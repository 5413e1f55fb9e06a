from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tracedesk.registry import selectors as registry
from tracedesk.registry.visibility import display_name
from tracedesk.tracing import selectors as tracing


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    context = {
        "counts": registry.dashboard_counts(request.user),
        "tracing_counts": tracing.tracing_counts(request.user),
        "recent_events": registry.event_list(request.user)[:8],
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
