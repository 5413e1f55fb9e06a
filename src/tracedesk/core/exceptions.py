from django.core.exceptions import PermissionDenied as DjangoPermissionDenied


class ApplicationError(Exception):
    """The one error services raise for input or state a user can fix.

    ``message`` is shown to the user; ``extra`` maps field names to their problems
    so that forms and the CLI can point at the exact field.
    """

    def __init__(self, message: str, extra: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}

    def __str__(self) -> str:
        if not self.extra:
            return self.message
        details = "; ".join(f"{field}: {' '.join(errs)}" for field, errs in self.extra.items())
        return f"{self.message} ({details})"


class PermissionDenied(ApplicationError, DjangoPermissionDenied):
    """The user's role or assignment does not allow this action (answered with HTTP 403)."""
