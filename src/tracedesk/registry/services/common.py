from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from tracedesk.accounts import roles
from tracedesk.core.exceptions import ApplicationError, PermissionDenied


def require_registry_editor(actor: Any) -> None:
    if actor is not None and not roles.can_edit_registry(actor):
        raise PermissionDenied(_("Your role may not change the registry."))


def clean_and_save(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """Run model validation and turn its errors into an ApplicationError naming each field."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise ApplicationError(
            _("Invalid %(model)s.") % {"model": instance._meta.verbose_name},
            {field: list(msgs) for field, msgs in exc.message_dict.items()},
        ) from None
    instance.save()


def apply_changes(
    instance: models.Model, changes: dict[str, Any], allowed: set[str]
) -> dict[str, Any]:
    """Set the allowed fields that differ and return {field: [old, new]} for the audit trail."""
    unknown = set(changes) - allowed
    if unknown:
        raise ApplicationError(
            _("Unknown fields."),
            {name: [_("This field cannot be changed here.")] for name in unknown},
        )
    diff: dict[str, Any] = {}
    for name, value in changes.items():
        old = getattr(instance, name)
        if old != value:
            setattr(instance, name, value)
            diff[name] = [old, value]
    return diff


def require_text(value: str | None, field: str, label: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ApplicationError(
            _("Invalid input."), {field: [_("%(label)s must not be empty.") % {"label": label}]}
        )
    return text
