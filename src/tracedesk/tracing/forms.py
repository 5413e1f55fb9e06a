"""Forms for tracing cases. They parse input; `tracing.services` validates and writes."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tracedesk.registry import selectors as registry_selectors
from tracedesk.registry.models import Person
from tracedesk.tracing import selectors
from tracedesk.tracing.models import Inquiry, TracingRequest, TracingStatus
from tracedesk.web.forms import PersonChoiceField

PARTIAL_DATE_HELP = _("YYYY, YYYY-MM or YYYY-MM-DD")
DATE_INPUT = {"type": "date"}


class TracingRequestForm(forms.Form):
    """Every field of a case that `tracing_request_create`/`tracing_request_update` accept."""

    requester_name = forms.CharField(max_length=200, label=_("Requester's name"))
    requester_relation = forms.CharField(
        max_length=100,
        required=False,
        label=_("Relation to the sought person"),
        help_text=_("Mother, wife, brother…"),
    )
    requester_contact = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Requester's contact"),
        help_text=_("Sensitive: phone, address, messenger. Never shown outside this case."),
    )
    sought_name = forms.CharField(max_length=300, label=_("Sought person's name"))
    sought_other_names = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Other names"),
        help_text=_("One name per line: other spellings, scripts, nicknames."),
    )
    sought_birth_date = forms.CharField(
        max_length=10, required=False, label=_("Birth date"), help_text=PARTIAL_DATE_HELP
    )
    sought_sex = forms.ChoiceField(
        choices=[("", "—"), *Person.Sex.choices], required=False, label=_("Sex")
    )
    sought_unit = forms.CharField(
        max_length=200, required=False, label=_("Unit"), help_text=_("As the family names it.")
    )
    last_known_place = forms.CharField(max_length=200, required=False, label=_("Last known place"))
    last_known_date = forms.CharField(
        max_length=10, required=False, label=_("Last known date"), help_text=PARTIAL_DATE_HELP
    )
    circumstances = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), label=_("Circumstances")
    )
    consent_to_share = forms.BooleanField(
        required=False,
        label=_("The sought person consents to share their whereabouts"),
        help_text=_("A located adult's whereabouts are told to the family only with consent."),
    )

    @classmethod
    def initial_for(cls, case: TracingRequest) -> dict[str, Any]:
        return {name: getattr(case, name) for name in cls.base_fields}

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned input as keyword arguments of the request services."""
        return dict(self.cleaned_data)


class StatusForm(forms.Form):
    """Move a case to one of the statuses its workflow allows next."""

    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Note"),
        help_text=_("Required when closing, locating or confirming a death."),
    )
    person = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=_("Person in the registry"),
        help_text=_("Required for “located” and “confirmed dead”."),
    )

    def __init__(self, *args: Any, case: TracingRequest, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"person": case.person_id})
        super().__init__(*args, **kwargs)
        labels = dict(TracingStatus.choices)
        self.fields["status"].choices = [(value, labels[value]) for value in case.allowed_next()]
        self.fields["person"].queryset = registry_selectors.person_list(user)
        self.fields["person"].user = user

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"status": data["status"], "note": data["note"], "person": data["person"]}


class AssignForm(forms.Form):
    assigned_to = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Assigned caseworkers"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = selectors.assignable_users()


class InquiryForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE_INPUT))
    authority = forms.CharField(
        max_length=200, label=_("Authority"), help_text=_("Unit, ministry, ombudsman, ICRC…")
    )
    unit = forms.ModelChoiceField(queryset=None, required=False, label=_("Unit in the registry"))
    channel = forms.ChoiceField(
        choices=Inquiry.Channel.choices, initial=Inquiry.Channel.LETTER, label=_("Channel")
    )
    asked = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("What was asked"))
    answer = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Answer")
    )
    answered_on = forms.DateField(
        required=False, label=_("Answered on"), widget=forms.DateInput(attrs=DATE_INPUT)
    )
    next_step = forms.CharField(max_length=300, required=False, label=_("Next step"))
    next_step_due = forms.DateField(
        required=False, label=_("Next step due"), widget=forms.DateInput(attrs=DATE_INPUT)
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = registry_selectors.unit_list(user)

    @classmethod
    def initial_for(cls, inquiry: Inquiry) -> dict[str, Any]:
        return {name: getattr(inquiry, name) for name in cls.base_fields}

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class RequestFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
    status = forms.ChoiceField(
        choices=[("", _("Any status")), *TracingStatus.choices], required=False, label=_("Status")
    )

    def criteria(self) -> dict[str, str]:
        """The valid filters as `selectors.tracing_request_list` keyword arguments."""
        if not self.is_bound:
            return {}
        self.is_valid()  # an invalid filter is dropped, the others still apply
        names = {"q": "query", "status": "status"}
        return {names[name]: value for name, value in self.cleaned_data.items() if value}
