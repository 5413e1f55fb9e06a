"""Registry pages. Each view parses, calls one selector or service, and renders."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from tracedesk.accounts import roles

PAGE_SIZE = 50


def require_editor(request: HttpRequest) -> None:
    """Answer 403 to roles that may read the registry but not change it."""
    if not roles.can_edit_registry(request.user):
        raise PermissionDenied
