from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tracedesk.audit.services import audit_record
from tracedesk.core.dates import date_bounds
from tracedesk.core.exceptions import ApplicationError
from tracedesk.registry.models import Event, Person
from tracedesk.registry.services.common import (
    apply_changes,
    clean_and_save,
    require_registry_editor,
    require_text,
)
from tracedesk.registry.services.people import person_refresh_status

EVENT_FIELDS = {
    "type",
    "title",
    "place",
    "facility",
    "perpetrator_unit",
    "unnamed_count",
    "unnamed_description",
    "description",
    "verification",
    "confidence",
}


def _check(event: Event) -> None:
    if event.type not in Event.Type.values:
        raise ApplicationError(
            _("Invalid event."), {"type": [_("Unknown event type “%(t)s”.") % {"t": event.type}]}
        )
    if not 0.0 <= float(event.confidence) <= 1.0:
        raise ApplicationError(
            _("Invalid event."), {"confidence": [_("Confidence is a number from 0 to 1.")]}
        )
    if event.facility_id and event.place_id is None and event.facility.place_id:
        # An event at a facility happened at the facility's place.
        event.place_id = event.facility.place_id


def _set_dates(event: Event, date_start: str, date_end: str) -> None:
    event.date_start, event.date_end, event.date_min, event.date_max = date_bounds(
        date_start, date_end, field="date_start", end_field="date_end"
    )


@transaction.atomic
def event_create(
    *,
    actor: Any,
    type: str,  # noqa: A002 - the domain's own word for it
    title: str,
    date_start: str = "",
    date_end: str = "",
    victims: list[Person] | None = None,
    **fields: Any,
) -> Event:
    require_registry_editor(actor)
    event = Event(type=type, title=require_text(title, "title", _("The title")))
    apply_changes(event, fields, EVENT_FIELDS)
    _set_dates(event, date_start, date_end)
    _check(event)
    clean_and_save(event)
    if victims:
        event.victims.set(victims)
    audit_record(
        actor=actor,
        action="event.create",
        target=event,
        data={"type": event.type, "victims": [str(p.pk) for p in victims or []]},
    )
    for person in victims or []:
        person_refresh_status(actor=actor, person=person)
    return event


@transaction.atomic
def event_update(
    *,
    actor: Any,
    event: Event,
    date_start: str | None = None,
    date_end: str | None = None,
    victims: list[Person] | None = None,
    **changes: Any,
) -> Event:
    require_registry_editor(actor)
    if event.merged_into_id is not None:
        raise ApplicationError(
            _("This record was merged."),
            {
                "event": [
                    _("Event %(code)s was merged into another event: edit that one.")
                    % {"code": event.short_id}
                ]
            },
        )
    if "title" in changes:
        changes["title"] = require_text(changes["title"], "title", _("The title"))
    diff = apply_changes(event, changes, EVENT_FIELDS)
    if date_start is not None or date_end is not None:
        old = (event.date_start, event.date_end)
        _set_dates(
            event,
            event.date_start if date_start is None else date_start,
            event.date_end if date_end is None else date_end,
        )
        if old != (event.date_start, event.date_end):
            diff["dates"] = [list(old), [event.date_start, event.date_end]]
    _check(event)
    clean_and_save(event)
    affected = set(event.victims.all())
    if victims is not None:
        before = {str(p.pk) for p in affected}
        after = {str(p.pk) for p in victims}
        if before != after:
            event.victims.set(victims)
            diff["victims"] = [sorted(before), sorted(after)]
        affected |= set(victims)
    audit_record(
        actor=actor,
        action="event.update",
        target=event,
        data={"changed": {k: v for k, v in diff.items() if k not in {"description"}}},
    )
    for person in affected:
        person_refresh_status(actor=actor, person=person)
    return event
