"""Template helpers for the review queue."""

from django import template

from tracedesk.intake import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_draft_count(context) -> int:
    """How many drafts wait for review; 0 for roles that may not review them."""
    return selectors.pending_count(context["request"].user)


@register.filter
def draft_where(payload: dict) -> str:
    """The drafted facility, else the drafted place, by name."""
    where = payload.get("facility") or payload.get("place") or {}
    return where.get("name", "")


@register.filter
def draft_date(payload: dict) -> str:
    """The drafted date or period, "?" when the report gives none."""
    date = payload.get("date") or {}
    start, end = date.get("start") or "", date.get("end") or ""
    if end and end != start:
        return f"{start} – {end}"
    return start or "?"
