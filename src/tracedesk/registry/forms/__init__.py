"""Forms for the registry pages. They parse input; the services validate and write."""

from typing import ClassVar

from django import forms

from tracedesk.core.exceptions import ApplicationError


class ServiceForm(forms.Form):
    """A form that can show a service's refusal on the fields the service names.

    ``service_fields`` translates the service's field names (``names[0].full_name``)
    into this form's (``full_name``); anything else lands above the form.
    """

    service_fields: ClassVar[dict[str, str]] = {}

    def add_service_error(self, error: ApplicationError) -> None:
        if not error.extra:
            self.add_error(None, error.message)
        for field, problems in error.extra.items():
            name = self.service_fields.get(field, field)
            self.add_error(name if name in self.fields else None, problems)
