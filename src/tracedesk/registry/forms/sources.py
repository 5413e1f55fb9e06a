"""Forms for sources and the evidence tied to their text."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tracedesk.registry import selectors
from tracedesk.registry.forms import ServiceForm
from tracedesk.registry.models import Event, Evidence, Reliability, Sensitivity, Source
from tracedesk.registry.services.sources import MAX_RAW_BYTES
from tracedesk.web.forms import PersonChoiceField

# The metadata `source_create` and `source_update` take as they are.
SOURCE_FIELDS = (
    "title",
    "kind",
    "url",
    "outlet",
    "published",
    "language",
    "reliability",
    "sensitivity",
)


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Event) -> str:
        return f"{obj.date_display} · {obj.title}"


class SourceFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Title, outlet or URL"))
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *Source.Kind.choices], required=False, label=_("Kind")
    )

    def criteria(self) -> dict[str, str]:
        """The valid filters as `selectors.source_list` arguments; invalid ones are ignored."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {"query": self.cleaned_data["q"], "kind": self.cleaned_data["kind"]}


class SourceForm(ServiceForm):
    """A source's metadata: all that may change once it is stored."""

    title = forms.CharField(max_length=500, label=_("Title"))
    kind = forms.ChoiceField(choices=Source.Kind.choices, initial=Source.Kind.NEWS, label=_("Kind"))
    url = forms.URLField(max_length=2000, required=False, label=_("URL"), assume_scheme="https")
    outlet = forms.CharField(max_length=200, required=False, label=_("Outlet"))
    published = forms.DateField(required=False, label=_("Published"), help_text=_("YYYY-MM-DD"))
    language = forms.CharField(
        max_length=8, required=False, label=_("Language"), help_text=_("uk, ru or en")
    )
    reliability = forms.ChoiceField(
        choices=Reliability.choices, initial=Reliability.UNKNOWN, label=_("Reliability")
    )
    sensitivity = forms.ChoiceField(
        choices=Sensitivity.choices,
        initial=Sensitivity.NORMAL,
        label=_("Sensitivity"),
        help_text=_("Protected sources, like testimonies, are never shown to viewers."),
    )

    @staticmethod
    def initial_for(source: Source) -> dict[str, Any]:
        return {name: getattr(source, name) for name in SOURCE_FIELDS}

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned input as `source_update` keyword arguments."""
        return {name: self.cleaned_data[name] for name in SOURCE_FIELDS}


class SourceCreateForm(SourceForm):
    """A new source: its metadata, its text and, optionally, the raw document."""

    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        label=_("Text"),
        help_text=_(
            "The text evidence is quoted from. Left empty, a plain-text upload's content is used."
        ),
    )
    raw = forms.FileField(
        required=False,
        label=_("Raw document"),
        help_text=_("The page or file as retrieved; stored once, byte for byte. Up to 50 MB."),
    )

    def clean_raw(self) -> Any:
        upload = self.cleaned_data.get("raw")
        if upload is not None and upload.size > MAX_RAW_BYTES:
            raise forms.ValidationError(_("The document is larger than 50 MB."))
        return upload

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned input as `source_create` keyword arguments, the upload read into bytes."""
        kwargs = {**super().service_kwargs(), "text": self.cleaned_data["text"]}
        upload = self.cleaned_data["raw"]
        if upload is not None:
            kwargs["raw"] = upload.read()
            kwargs["content_type"] = upload.content_type or "application/octet-stream"
            if not kwargs["text"].strip() and kwargs["content_type"].startswith("text/plain"):
                kwargs["text"] = kwargs["raw"].decode(upload.charset or "utf-8", errors="replace")
        return kwargs


class EvidenceForm(ServiceForm):
    """A passage of the source, given by offsets or by quoting it, and the claim it supports."""

    quote = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Quote"),
        help_text=_("Paste the passage: its first occurrence in the text is used."),
    )
    start = forms.IntegerField(required=False, min_value=0, label=_("Start offset"))
    end = forms.IntegerField(
        required=False,
        min_value=1,
        label=_("End offset"),
        help_text=_("Character offsets into the text, instead of a quote."),
    )
    claim = forms.ChoiceField(
        choices=Evidence.Claim.choices, initial=Evidence.Claim.EVENT, label=_("Claim")
    )
    event = EventChoiceField(queryset=None, required=False, label=_("Event"))
    person = PersonChoiceField(queryset=None, required=False, label=_("Person"))
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Note")
    )

    service_fields = {"span": "start"}

    def __init__(self, *args: Any, user: Any, source: Source, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.source = source
        self.fields["event"].queryset = selectors.event_list(user)
        self.fields["person"].queryset = selectors.person_list(user)
        self.fields["person"].user = user

    def clean(self) -> dict[str, Any]:
        """Turn a quote into the offsets of its first occurrence in the text."""
        data = super().clean()
        if self.has_error("start") or self.has_error("end"):
            return data
        quote, start, end = data.get("quote", ""), data.get("start"), data.get("end")
        if quote:
            if start is not None or end is not None:
                self.add_error("quote", _("Give a quote or offsets, not both."))
                return data
            found = self.source.text.find(quote)
            if found < 0:
                self.add_error("quote", _("This quote is not in the source's text."))
                return data
            data["start"], data["end"] = found, found + len(quote)
        elif start is None or end is None:
            self.add_error("quote", _("Give a quote, or both the start and end offsets."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned input as `evidence_create` keyword arguments."""
        data = self.cleaned_data
        return {name: data[name] for name in ("start", "end", "claim", "event", "person", "note")}


class RetractForm(ServiceForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Reason"),
        help_text=_(
            "Why the passage does not support the claim. The evidence stays, marked retracted."
        ),
    )
