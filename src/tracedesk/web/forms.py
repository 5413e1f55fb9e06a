"""Form pieces every workbench page shares: showing a service's refusal, and choosing people."""

from typing import Any, ClassVar

from django import forms

from tracedesk.core.exceptions import ApplicationError
from tracedesk.registry.models import Person
from tracedesk.registry.visibility import display_name


def show_service_error(
    form: forms.Form, error: ApplicationError, aliases: dict[str, str] | None = None
) -> None:
    """Put a service's refusal on the fields it names, or above the form.

    ``aliases`` translates the service's field names (``names[0].full_name``) into the
    form's (``full_name``).
    """
    if not error.extra:
        form.add_error(None, error.message)
    for field, problems in error.extra.items():
        name = (aliases or {}).get(field, field)
        form.add_error(name if name in form.fields else None, problems)


class ServiceForm(forms.Form):
    """A form that shows a service's refusal on the fields the service names."""

    service_fields: ClassVar[dict[str, str]] = {}

    def add_service_error(self, error: ApplicationError) -> None:
        show_service_error(self, error, self.service_fields)


class _PersonLabels:
    """People labelled by the name this user may see, never by one they may not."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user: Any = None

    def label_from_instance(self, obj: Person) -> str:
        label = display_name(self.user, obj)
        return f"{label} · {obj.birth_year}" if obj.birth_year else label


class PersonChoiceField(_PersonLabels, forms.ModelChoiceField):
    """Choose one person."""


class PeopleField(_PersonLabels, forms.ModelMultipleChoiceField):
    """Choose several people."""
