"""Forms for the registry pages. They parse input; the services validate and write."""

from tracedesk.web.forms import ServiceForm

__all__ = ["ServiceForm"]
