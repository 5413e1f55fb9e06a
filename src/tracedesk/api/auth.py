"""Who is calling: a bearer token for scripts, the browser session for the workbench.

Every operation but ``GET /api/health`` requires one of them. Each resolves to a
``User``; operations pass ``request.auth`` to the selectors and services, which
scope everything by that user's role.
"""

import datetime as dt
from functools import wraps

from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, django_auth

from tracedesk.accounts.models import ApiToken, User

# Recording every single use would turn each read into a write; a minute's
# resolution is enough to tell a token in use from an abandoned one.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def user_for_token(token: str) -> User | None:
    """The active user a live (not revoked) token belongs to; marks the token used."""
    if not token.startswith("td_"):
        return None
    record = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=ApiToken.hash(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if record is None:
        return None
    now = timezone.now()
    if record.last_used_at is None or now - record.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer td_…``; the token is looked up by its SHA-256."""

    def authenticate(self, request, token: str) -> User | None:
        return user_for_token(token.strip())


def request_user(request) -> User | None:
    """The signed-in session user or the bearer token's user, else None."""
    if request.user.is_authenticated:
        return request.user
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() == "bearer":
        return user_for_token(token.strip())
    return None


WWW_AUTHENTICATE = 'Bearer realm="tracedesk"'


def auth_required_message() -> str:
    return _("Authentication required: send a bearer token or sign in.")


def unauthorized() -> JsonResponse:
    response = JsonResponse({"message": auth_required_message(), "errors": {}}, status=401)
    response["WWW-Authenticate"] = WWW_AUTHENTICATE
    return response


def require_api_user(view):
    """Guard the OpenAPI document: it describes the API to its users only."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request_user(request) is None:
            return unauthorized()
        return view(request, *args, **kwargs)

    return guarded


# Token first: a script's bearer token needs no CSRF token. The session is checked
# second, with CSRF, so that a signed-in browser (and the docs page) can call the API.
API_AUTH = [TokenAuth(), django_auth]
