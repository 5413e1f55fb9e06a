"""Forms for events. They parse input; `services.event_create/event_update` validate and write."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tracedesk.registry import selectors
from tracedesk.registry.forms import ServiceForm
from tracedesk.registry.models import Event
from tracedesk.web.forms import PeopleField

PARTIAL_DATE_HELP = _("YYYY, YYYY-MM or YYYY-MM-DD")


class EventForm(ServiceForm):
    type = forms.ChoiceField(choices=Event.Type.choices, label=_("Type"))
    title = forms.CharField(max_length=300, label=_("Title"))
    date_start = forms.CharField(
        max_length=10, required=False, label=_("Date (from)"), help_text=PARTIAL_DATE_HELP
    )
    date_end = forms.CharField(
        max_length=10,
        required=False,
        label=_("Date (to)"),
        help_text=_("Only for a period: YYYY, YYYY-MM or YYYY-MM-DD"),
    )
    facility = forms.ModelChoiceField(queryset=None, required=False, label=_("Facility"))
    place = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Place"),
        help_text=_("Leave empty for an event at a facility: the facility's place is used."),
    )
    perpetrator_unit = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Perpetrator unit")
    )
    victims = PeopleField(queryset=None, required=False, label=_("Victims"))
    unnamed_count = forms.IntegerField(
        required=False,
        min_value=0,
        label=_("Unnamed victims"),
        help_text=_("How many people not named in the registry."),
    )
    unnamed_description = forms.CharField(
        max_length=300, required=False, label=_("Who the unnamed victims are")
    )
    description = forms.CharField(required=False, widget=forms.Textarea, label=_("Description"))
    verification = forms.ChoiceField(
        choices=Event.Verification.choices,
        initial=Event.Verification.DRAFT,
        label=_("Verification"),
    )
    confidence = forms.FloatField(
        min_value=0,
        max_value=1,
        initial=0.5,
        label=_("Confidence"),
        help_text=_("From 0 (a rumour) to 1 (established)."),
        widget=forms.NumberInput(attrs={"step": "0.05"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = selectors.facility_list(user)
        self.fields["place"].queryset = selectors.place_list(user)
        self.fields["perpetrator_unit"].queryset = selectors.unit_list(user)
        self.fields["victims"].queryset = selectors.person_list(user)
        self.fields["victims"].user = user

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        initial = {name: getattr(event, name) for name in cls.base_fields if name != "victims"}
        initial["victims"] = list(event.victims.all())
        return initial

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned input as `event_create`/`event_update` keyword arguments."""
        data = dict(self.cleaned_data)
        data["victims"] = list(data["victims"])
        return data


class EventFilterForm(forms.Form):
    type = forms.ChoiceField(
        choices=[("", _("All types")), *Event.Type.choices], required=False, label=_("Type")
    )
    verification = forms.ChoiceField(
        choices=[("", _("Any verification")), *Event.Verification.choices],
        required=False,
        label=_("Verification"),
    )
    facility = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Facility"), empty_label=_("All facilities")
    )
    unit = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Perpetrator unit"), empty_label=_("All units")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = selectors.facility_list(user)
        self.fields["unit"].queryset = selectors.unit_list(user)

    def criteria(self) -> dict[str, Any]:
        """Valid filters as `selectors.event_list` keyword arguments; invalid ones are ignored."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
