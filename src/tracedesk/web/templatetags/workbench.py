"""Template helpers that must respect the viewer's role."""

from django import template

from tracedesk.registry.visibility import display_name, visible_names

register = template.Library()


@register.simple_tag(takes_context=True)
def person_name(context, person) -> str:
    """The name of a person this user may see: a pseudonym or code for viewers."""
    return display_name(context["request"].user, person)


@register.simple_tag(takes_context=True)
def person_names(context, person) -> list:
    return visible_names(context["request"].user, person)


@register.filter
def badge(value: str) -> str:
    return f"badge badge-{value}"
