"""The REST API: django-ninja, token or session authenticated, scoped by role.

Operations are thin: they parse the request into typed schemas, call one selector
or service with ``request.auth`` (the calling user), and return what it gives.
Every error answers the same JSON shape, ``{"message": …, "errors": {field: [...]}}``.
See ``docs/reference/api.md`` and ``docs/decisions/0002-api-framework.md``.
"""

from django.apps import apps
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError, ValidationError

import tracedesk
from tracedesk.api.auth import API_AUTH, WWW_AUTHENTICATE, auth_required_message, require_api_user
from tracedesk.api.routers import events, gazetteer, people, sources, tracing
from tracedesk.api.schemas import HealthOut
from tracedesk.core.exceptions import ApplicationError, PermissionDenied

# URL names that stay behind LoginRequiredMiddleware: the docs page is for people in
# a browser (anonymous ones are sent to the sign-in page), and ninja's root view only
# exists to be reversed.
BROWSER_ONLY_URLS = {"openapi-view", "api-root"}


class OfflineSwagger(Swagger):
    """Swagger UI from ninja's bundled static files, never from a CDN.

    Without "ninja" in INSTALLED_APPS, ninja silently renders a page that loads
    Swagger UI from a CDN: that breaks offline use and tells a third party who reads
    our docs, from where. Refuse loudly instead.
    """

    def render_page(self, request, api, **kwargs):
        if not apps.is_installed("ninja"):
            raise ImproperlyConfigured(
                "Add 'ninja' to INSTALLED_APPS so that the API docs load Swagger UI "
                "from the bundled static files instead of a CDN."
            )
        return super().render_page(request, api, **kwargs)


class TraceDeskAPI(NinjaAPI):
    @property
    def urls(self):
        """Ninja's URL patterns, exempt from LoginRequiredMiddleware.

        The API authenticates each operation itself (token or session) and must
        answer 401 JSON, not redirect a script to the sign-in page.
        """
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if pattern.name not in BROWSER_ONLY_URLS:
                login_not_required(pattern.callback)
        return patterns, app_name, namespace


api = TraceDeskAPI(
    title="TraceDesk API",
    version="1",
    description=(
        "Registry and tracing cases, scoped by the caller's role. Authenticate with "
        "`Authorization: Bearer td_…` (see `tracedesk token create`) or a signed-in session."
    ),
    auth=API_AUTH,
    urls_namespace="api",
    # Swagger UI would otherwise send our schema's URL to validator.swagger.io.
    docs=OfflineSwagger(settings={"validatorUrl": None}),
    docs_decorator=require_api_user,
)


def _error(request, status: int, message: str, errors: dict[str, list[str]] | None = None):
    return api.create_response(request, {"message": message, "errors": errors or {}}, status=status)


@api.exception_handler(ApplicationError)
def application_error(request, exc: ApplicationError):
    return _error(request, 400, exc.message, exc.extra)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc: PermissionDenied):
    return _error(request, 403, exc.message, exc.extra)


@api.exception_handler(DjangoPermissionDenied)
def django_permission_denied(request, exc: DjangoPermissionDenied):
    return _error(request, 403, str(exc) or _("Permission denied."))


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    return _error(request, 404, _("Not found."))


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    # ninja's own errors: 401 when no credentials matched, 403 for a failed CSRF check.
    if exc.status_code == 401:
        response = _error(request, 401, auth_required_message())
        response["WWW-Authenticate"] = WWW_AUTHENTICATE
        return response
    return _error(request, exc.status_code, exc.message)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_name(error.get("loc", ())), []).append(error.get("msg", ""))
    return _error(request, 422, _("The request does not match the schema."), errors)


def _field_name(loc) -> str:
    """Spell a pydantic location as services name fields.

    ("body", "payload", "names", 0, "full_name") -> "names[0].full_name";
    ("query", "status") -> "status".
    """
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[2:] if len(parts) > 2 else parts[1:]
    elif parts:
        parts = parts[1:]
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "__all__"


@api.get("/health", auth=None, response=HealthOut, tags=["health"])
def health(request):
    """Liveness, without authentication: the only operation anyone may call."""
    return {"status": "ok", "version": tracedesk.__version__}


api.add_router("/people", people.router)
api.add_router("/events", events.router)
api.add_router("/sources", sources.router)
api.add_router("/facilities", gazetteer.facilities)
api.add_router("/units", gazetteer.units)
api.add_router("/tracing-requests", tracing.router)
