"""Forms for places, facilities and units. They parse input; the services validate and write."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tracedesk.registry import selectors
from tracedesk.registry.forms import ServiceForm
from tracedesk.registry.models import Facility, Place, Unit


class AliasesField(forms.CharField):
    """A textarea with one alias a line, cleaned to a list without blanks or repeats."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("One per line."))
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value) or ""
        return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def _latitude(**kwargs: Any) -> forms.FloatField:
    return forms.FloatField(
        required=False, min_value=-90, max_value=90, label=_("Latitude"), **kwargs
    )


def _longitude(**kwargs: Any) -> forms.FloatField:
    return forms.FloatField(
        required=False, min_value=-180, max_value=180, label=_("Longitude"), **kwargs
    )


def _country() -> forms.CharField:
    return forms.CharField(
        required=False,
        min_length=2,
        max_length=2,
        label=_("Country"),
        help_text=_("ISO 3166-1 alpha-2, e.g. UA or RU"),
    )


def _check_coordinates(form: ServiceForm) -> None:
    """A point needs both its latitude and its longitude."""
    lat, lon = form.cleaned_data.get("latitude"), form.cleaned_data.get("longitude")
    if (
        (lat is None) != (lon is None)
        and not form.has_error("latitude")
        and not form.has_error("longitude")
    ):
        missing = "longitude" if lon is None else "latitude"
        form.add_error(missing, _("Give both latitude and longitude, or neither."))


def _initial(instance: Any, names: list[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in names}


class PlaceForm(ServiceForm):
    name_en = forms.CharField(max_length=200, label=_("Name (English)"))
    name_uk = forms.CharField(max_length=200, required=False, label=_("Name (Ukrainian)"))
    name_ru = forms.CharField(max_length=200, required=False, label=_("Name (Russian)"))
    aliases = AliasesField(label=_("Other names"))
    geonameid = forms.IntegerField(required=False, min_value=1, label=_("GeoNames id"))
    latitude = _latitude()
    longitude = _longitude()
    admin1 = forms.CharField(max_length=200, required=False, label=_("Region"))
    country = _country()

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_for(cls, place: Place) -> dict[str, Any]:
        return _initial(place, list(cls.base_fields))

    def clean_country(self) -> str:
        return self.cleaned_data["country"].upper()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_coordinates(self)
        return cleaned


class FacilityForm(ServiceForm):
    name = forms.CharField(max_length=255, label=_("Name"))
    kind = forms.ChoiceField(
        choices=Facility.Kind.choices, initial=Facility.Kind.OTHER, label=_("Kind")
    )
    official = forms.BooleanField(required=False, label=_("Official place of detention"))
    place = forms.ModelChoiceField(queryset=None, required=False, label=_("Place"))
    latitude = _latitude(help_text=_("Leave empty to use the place's coordinates."))
    longitude = _longitude()
    coordinate_precision = forms.ChoiceField(
        choices=Facility.Precision.choices,
        initial=Facility.Precision.SETTLEMENT,
        label=_("Coordinate precision"),
    )
    aliases = AliasesField(label=_("Other names"))
    description = forms.CharField(required=False, widget=forms.Textarea, label=_("Description"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = selectors.place_list(user)

    @classmethod
    def initial_for(cls, facility: Facility) -> dict[str, Any]:
        return _initial(facility, list(cls.base_fields))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_coordinates(self)
        return cleaned


class FacilityFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *Facility.Kind.choices], required=False, label=_("Kind")
    )

    def criteria(self) -> dict[str, str]:
        """The valid filters, as the selector's keyword arguments; invalid ones are ignored."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            "query": self.cleaned_data.get("q", ""),
            "kind": self.cleaned_data.get("kind", ""),
        }


class UnitForm(ServiceForm):
    name = forms.CharField(max_length=255, label=_("Name"))
    designation = forms.CharField(
        max_length=64,
        required=False,
        label=_("Designation"),
        help_text=_("Military unit number, e.g. в/ч 12345"),
    )
    kind = forms.ChoiceField(choices=Unit.Kind.choices, initial=Unit.Kind.MILITARY, label=_("Kind"))
    country = _country()
    aliases = AliasesField(label=_("Other names"))
    parent = forms.ModelChoiceField(queryset=None, required=False, label=_("Part of"))

    def __init__(self, *args: Any, user: Any, unit: Unit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["parent"].queryset = selectors.unit_list(user)

    @classmethod
    def initial_for(cls, unit: Unit) -> dict[str, Any]:
        return _initial(unit, list(cls.base_fields))

    def clean_country(self) -> str:
        return self.cleaned_data["country"].upper()

    def clean_parent(self) -> Unit | None:
        parent = self.cleaned_data["parent"]
        if parent is not None and self.unit is not None and parent.pk == self.unit.pk:
            raise forms.ValidationError(_("A unit cannot be part of itself."))
        return parent


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))

    def query(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_bound and self.is_valid() else ""
