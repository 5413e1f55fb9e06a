"""Forms for people and their names."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tracedesk.registry import selectors
from tracedesk.registry.forms import ServiceForm
from tracedesk.registry.models import Person, PersonName, Sensitivity
from tracedesk.registry.services import NameInput

PARTIAL_DATE_HELP = _("YYYY, YYYY-MM or YYYY-MM-DD")
LANGUAGE_HELP = _("uk, ru or en; left empty, it is guessed from the name.")

# The fields `person_create` and `person_update` take as they are.
PERSON_FIELDS = ("sex", "category", "citizenship", "rank", "home_region", "sensitivity", "notes")


class PersonFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Name"))
    status = forms.ChoiceField(
        choices=[("", _("Any status")), *Person.Status.choices], required=False, label=_("Status")
    )
    category = forms.ChoiceField(
        choices=[("", _("Any category")), *Person.Category.choices],
        required=False,
        label=_("Category"),
    )

    def criteria(self) -> dict[str, str]:
        """The valid filters as `selectors.person_list` arguments; invalid ones are ignored."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"query": data["q"], "status": data["status"], "category": data["category"]}


class PersonForm(ServiceForm):
    """What is known about a person, apart from the names."""

    birth_date = forms.CharField(
        max_length=10, required=False, label=_("Birth date"), help_text=PARTIAL_DATE_HELP
    )
    sex = forms.ChoiceField(choices=Person.Sex.choices, initial=Person.Sex.UNKNOWN, label=_("Sex"))
    category = forms.ChoiceField(
        choices=Person.Category.choices, initial=Person.Category.UNKNOWN, label=_("Category")
    )
    citizenship = forms.CharField(
        max_length=2,
        required=False,
        label=_("Citizenship"),
        help_text=_("ISO 3166-1 alpha-2, e.g. UA or RU"),
    )
    rank = forms.CharField(max_length=100, required=False, label=_("Rank"))
    units = forms.ModelMultipleChoiceField(queryset=None, required=False, label=_("Units"))
    home_region = forms.CharField(max_length=200, required=False, label=_("Home region"))
    sensitivity = forms.ChoiceField(
        choices=Sensitivity.choices,
        initial=Sensitivity.NORMAL,
        label=_("Sensitivity"),
        help_text=_("Legal names of protected people are shown to analysts and admins only."),
    )
    notes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), label=_("Notes")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = selectors.unit_list(user)

    @staticmethod
    def initial_for(person: Person) -> dict[str, Any]:
        initial = {name: getattr(person, name) for name in PERSON_FIELDS}
        initial["birth_date"] = person.birth_date
        initial["units"] = list(person.units.all())
        return initial

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned input as `person_update` keyword arguments."""
        data = self.cleaned_data
        kwargs = {name: data[name] for name in PERSON_FIELDS}
        kwargs["citizenship"] = data["citizenship"].upper()
        kwargs["birth_date"] = data["birth_date"].strip()
        kwargs["units"] = list(data["units"])
        return kwargs


class PersonCreateForm(PersonForm):
    """A new person: the primary name, an optional second one, and the facts."""

    full_name = forms.CharField(max_length=300, label=_("Full name"))
    name_kind = forms.ChoiceField(
        choices=PersonName.Kind.choices, initial=PersonName.Kind.LEGAL, label=_("Kind of name")
    )
    name_language = forms.CharField(
        max_length=8, required=False, label=_("Language of the name"), help_text=LANGUAGE_HELP
    )
    second_name = forms.CharField(
        max_length=300,
        required=False,
        label=_("Second name"),
        help_text=_("Another spelling, script or a pseudonym, if known."),
    )
    second_name_kind = forms.ChoiceField(
        choices=PersonName.Kind.choices,
        initial=PersonName.Kind.PSEUDONYM,
        label=_("Kind of second name"),
    )
    second_name_language = forms.CharField(
        max_length=8,
        required=False,
        label=_("Language of the second name"),
        help_text=LANGUAGE_HELP,
    )

    field_order = [
        "full_name",
        "name_kind",
        "name_language",
        "second_name",
        "second_name_kind",
        "second_name_language",
    ]
    service_fields = {
        "names": "full_name",
        "names[0].full_name": "full_name",
        "names[0].kind": "name_kind",
        "names[1].full_name": "second_name",
        "names[1].kind": "second_name_kind",
    }

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned input as `person_create` keyword arguments."""
        data = self.cleaned_data
        names = [
            NameInput(
                data["full_name"],
                kind=data["name_kind"],
                language=data["name_language"],
                is_primary=True,
            )
        ]
        if data["second_name"].strip():
            names.append(
                NameInput(
                    data["second_name"],
                    kind=data["second_name_kind"],
                    language=data["second_name_language"],
                )
            )
        return {**super().service_kwargs(), "names": names}


class NameForm(ServiceForm):
    """One more name for a person."""

    full_name = forms.CharField(max_length=300, label=_("Full name"))
    kind = forms.ChoiceField(
        choices=PersonName.Kind.choices, initial=PersonName.Kind.ALIAS, label=_("Kind")
    )
    language = forms.CharField(
        max_length=8, required=False, label=_("Language"), help_text=LANGUAGE_HELP
    )
    is_primary = forms.BooleanField(
        required=False, label=_("Primary name"), help_text=_("Show this name first from now on.")
    )

    service_fields = {"names[0].full_name": "full_name", "names[0].kind": "kind"}

    def name_input(self) -> NameInput:
        data = self.cleaned_data
        return NameInput(
            data["full_name"],
            kind=data["kind"],
            language=data["language"],
            is_primary=data["is_primary"],
        )
