"""Forms of the review queue. They parse the analyst's decision; `intake.services` decides.

Accept and merge share the per-person choices: create a new person (name editable), link to a
candidate the registry suggests or to any person by the address of their page, or leave out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tracedesk.core.exceptions import ApplicationError
from tracedesk.intake.models import Draft
from tracedesk.intake.selectors import DraftedPerson, Review
from tracedesk.intake.services import PersonDecision
from tracedesk.registry import selectors as registry
from tracedesk.registry.models import Event, Person
from tracedesk.web.forms import ServiceForm, show_service_error

PARTIAL_DATE_HELP = _("YYYY, YYYY-MM or YYYY-MM-DD")
_UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I)

DRAFTED, NONE = "drafted", "none"
NEW, OTHER, SKIP, LINK = "new", "other", "skip", "link:"


def record_from_address(queryset, text: str):
    """The record whose id (or page address holding it) was pasted, if the user may see it."""
    match = _UUID.search(text or "")
    if not match:
        return None
    return queryset.filter(pk=match.group().replace("-", "")).first()


class DraftFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[*Draft.Status.choices, ("all", _("Any status"))],
        required=False,
        label=_("Status"),
    )
    type = forms.ChoiceField(
        choices=[("", _("All types")), *Event.Type.choices], required=False, label=_("Type")
    )
    q = forms.CharField(required=False, label=_("Title, source or outlet"))
    source = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def criteria(self) -> dict[str, Any]:
        """Valid filters as `selectors.draft_list` arguments; pending drafts by default."""
        criteria: dict[str, Any] = {"status": Draft.Status.PENDING}
        if not self.is_bound:
            return criteria
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        status = data.get("status") or Draft.Status.PENDING
        criteria["status"] = "" if status == "all" else status
        if data.get("type"):
            criteria["type"] = data["type"]
        if data.get("q"):
            criteria["q"] = data["q"]
        if data.get("source"):
            criteria["source"] = data["source"]
        return criteria


@dataclass
class PersonRow:
    """One drafted person's fields, with each choice beside the page of the person it names."""

    person: DraftedPerson
    choice: forms.BoundField
    name: forms.BoundField
    other: forms.BoundField
    options: list[tuple[Any, str | None]]


class _DecisionForm(ServiceForm):
    """A decision about a draft: the per-person choices, and a note."""

    def __init__(self, *args: Any, review: Review, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.review = review
        self.user = user
        self._people: dict[str, Person] = {}
        for row in review.people:
            self._add_person_fields(row)
        self.fields["note"] = forms.CharField(
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            label=_("Note on this decision"),
        )

    def _add_person_fields(self, row: DraftedPerson) -> None:
        i, drafted = row.index, row.drafted
        choices = [(NEW, _("Create a new person"))]
        for candidate in row.candidates:
            value = f"{LINK}{candidate.person.pk}"
            self._people[value] = candidate.person
            born = f" · {candidate.person.birth_year}" if candidate.person.birth_year else ""
            choices.append((value, f"{candidate.label}{born} ({', '.join(candidate.reasons)})"))
        choices += [(OTHER, _("Link to another person")), (SKIP, _("Leave out"))]
        best = row.best
        shown = drafted["name"] + (
            f" ({drafted['latin']})"
            if drafted.get("latin") and drafted["latin"] != drafted["name"]
            else ""
        )
        self.fields[f"person_{i}"] = forms.ChoiceField(
            choices=choices,
            widget=forms.RadioSelect,
            initial=f"{LINK}{best.person.pk}" if best else NEW,
            label=shown,
        )
        self.fields[f"person_{i}_name"] = forms.CharField(
            max_length=300,
            required=False,
            initial=drafted["name"],
            label=_("Name of the new person"),
            help_text=_("Empty keeps the drafted name."),
        )
        self.fields[f"person_{i}_other"] = forms.CharField(
            max_length=300,
            required=False,
            label=_("Another person"),
            help_text=_("Paste the address of the person's page."),
        )

    @property
    def person_rows(self) -> list[PersonRow]:
        rows = []
        for row in self.review.people:
            choice = self[f"person_{row.index}"]
            urls = [None, *(c.person.get_absolute_url() for c in row.candidates), None, None]
            rows.append(
                PersonRow(
                    row,
                    choice,
                    self[f"person_{row.index}_name"],
                    self[f"person_{row.index}_other"],
                    list(zip(choice, urls, strict=True)),
                )
            )
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        people = registry.person_list(self.user)
        for row in self.review.people:
            field = f"person_{row.index}"
            if data.get(field) == OTHER:
                person = record_from_address(people, data.get(f"{field}_other", ""))
                if person is None:
                    self.add_error(
                        f"{field}_other", _("No person in the registry at that address.")
                    )
                else:
                    self._people[f"{OTHER}:{row.index}"] = person
        return data

    def decisions(self) -> list[PersonDecision]:
        """The per-person choices as `PersonDecision`s for the services."""
        decisions = []
        for row in self.review.people:
            field = f"person_{row.index}"
            action = self.cleaned_data[field]
            if action == NEW:
                name = self.cleaned_data[f"{field}_name"].strip()
                decisions.append(PersonDecision(row.index, PersonDecision.NEW, name=name))
            elif action == SKIP:
                decisions.append(PersonDecision(row.index, PersonDecision.SKIP))
            else:
                key = f"{OTHER}:{row.index}" if action == OTHER else action
                decisions.append(PersonDecision(row.index, PersonDecision.LINK, self._people[key]))
        return decisions

    def add_service_error(self, error: ApplicationError) -> None:
        aliases = {f"people[{row.index}]": f"person_{row.index}" for row in self.review.people}
        show_service_error(self, error, {**self.service_fields, **aliases})


class _RecordChoiceField(forms.ChoiceField):
    """The drafted record (reused or created), none, or any existing record."""

    def __init__(self, *, queryset, drafted_label: str | None, **kwargs: Any) -> None:
        self.records = {str(record.pk): record for record in queryset}
        choices = [(DRAFTED, drafted_label)] if drafted_label else []
        choices += [(NONE, _("None"))]
        choices += [(pk, str(record)) for pk, record in self.records.items()]
        super().__init__(choices=choices, initial=DRAFTED if drafted_label else NONE, **kwargs)


def _drafted_label(drafted: dict[str, Any] | None, known: Any, name: str) -> str | None:
    if not drafted:
        return None
    if known is not None:
        return str(_("As drafted: %(n)s (the existing record)") % {"n": known})
    return str(_("As drafted: %(n)s (a new record)") % {"n": name})


class AcceptForm(_DecisionForm):
    """The event as the draft describes it, each field editable before it is created."""

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
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Description")
    )
    unnamed_count = forms.IntegerField(
        required=False,
        min_value=0,
        label=_("Unnamed victims"),
        help_text=_("How many people the report counts without naming them."),
    )
    RECORD_FIELDS = ("place", "facility", "perpetrator_unit")

    def __init__(self, *args: Any, review: Review, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", self.initial_for(review.draft))
        super().__init__(*args, review=review, user=user, **kwargs)
        payload = review.draft.payload
        facility = payload.get("facility")
        unit = payload.get("unit")
        facility_name = facility and (
            facility["name"] + (f", {facility['place']['name']}" if facility.get("place") else "")
        )
        self.fields["place"] = _RecordChoiceField(
            queryset=registry.place_list(user),
            drafted_label=_drafted_label(
                payload.get("place"), review.place, (payload.get("place") or {}).get("name")
            ),
            label=_("Place"),
            help_text=_("With a facility and no place, the facility's place is used."),
        )
        self.fields["facility"] = _RecordChoiceField(
            queryset=registry.facility_list(user),
            drafted_label=_drafted_label(facility, review.facility, facility_name),
            label=_("Facility"),
        )
        self.fields["perpetrator_unit"] = _RecordChoiceField(
            queryset=registry.unit_list(user),
            drafted_label=_drafted_label(unit, review.unit, unit and unit["name"]),
            label=_("Perpetrator unit"),
        )
        # The event's own fields first, then the people, then the note.
        order = ["type", "title", "date_start", "date_end", *self.RECORD_FIELDS]
        order += ["unnamed_count", "description"]
        self.order_fields(order)

    @staticmethod
    def initial_for(draft: Draft) -> dict[str, Any]:
        payload = draft.payload
        date = payload.get("date") or {}
        start, end = date.get("start") or "", date.get("end") or ""
        return {
            "type": payload.get("type") or draft.type,
            "title": payload.get("title") or "",
            "date_start": start,
            "date_end": end if end != start else "",
            "unnamed_count": payload.get("count") if not payload.get("people") else None,
        }

    @property
    def event_fields(self) -> list[forms.BoundField]:
        names = ["type", "title", "date_start", "date_end", *self.RECORD_FIELDS]
        return [self[name] for name in [*names, "unnamed_count", "description"]]

    def service_kwargs(self) -> dict[str, Any]:
        """The decision as `draft_accept` keyword arguments; a drafted record is left to it."""
        data = self.cleaned_data
        kwargs: dict[str, Any] = {
            name: data[name]
            for name in ("type", "title", "date_start", "date_end", "description", "unnamed_count")
        }
        for name in self.RECORD_FIELDS:
            value = data[name]
            if value == NONE:
                kwargs[name] = None
            elif value != DRAFTED:
                kwargs[name] = self.fields[name].records[value]
        kwargs["people"] = self.decisions()
        kwargs["note"] = data["note"]
        return kwargs


class MergeForm(_DecisionForm):
    """File the draft under an event already in the registry."""

    service_fields = {"event": "event"}

    def __init__(self, *args: Any, review: Review, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, review=review, user=user, **kwargs)
        self.candidates = {str(c.event.pk): c for c in review.events}
        self.fields["event"] = forms.ChoiceField(
            choices=[
                (pk, f"{c.event.date_display} · {c.event.title} ({', '.join(c.reasons)})")
                for pk, c in self.candidates.items()
            ],
            widget=forms.RadioSelect,
            required=False,
            initial=next(iter(self.candidates), None),
            label=_("Suggested events"),
        )
        self.fields["other_event"] = forms.CharField(
            max_length=300,
            required=False,
            label=_("Another event"),
            help_text=_("Paste the address of the event's page; it takes precedence."),
        )
        self.order_fields(["event", "other_event"])

    @property
    def event_options(self) -> list[tuple[Any, Event]]:
        return [(radio, self.candidates[radio.data["value"]].event) for radio in self["event"]]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("other_event"):
            visible = registry.event_list(self.user)
            data["target"] = record_from_address(visible, data["other_event"])
            if data["target"] is None:
                self.add_error("other_event", _("No event in the registry at that address."))
        elif data.get("event"):
            data["target"] = self.candidates[data["event"]].event
        else:
            self.add_error("event", _("Choose the event to merge into."))
        return data

    def add_service_error(self, error: ApplicationError) -> None:
        if self.cleaned_data.get("other_event"):
            self.service_fields = {"event": "other_event"}
        super().add_service_error(error)

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "event": self.cleaned_data["target"],
            "people": self.decisions(),
            "note": self.cleaned_data["note"],
        }


class RejectForm(ServiceForm):
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Reason"),
        help_text=_("Optional: what the pipeline misread, or why the report adds nothing."),
    )
