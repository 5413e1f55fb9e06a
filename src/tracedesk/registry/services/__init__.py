"""Writes to the registry. Each function validates, saves and audits in one transaction."""

from tracedesk.registry.services.events import event_create, event_update
from tracedesk.registry.services.evidence import evidence_create, evidence_retract
from tracedesk.registry.services.gazetteer import (
    facility_create,
    facility_update,
    place_create,
    place_update,
    unit_create,
    unit_update,
)
from tracedesk.registry.services.merge import (
    duplicate_dismiss,
    event_merge,
    event_split,
    person_merge,
    person_split,
)
from tracedesk.registry.services.people import (
    NameInput,
    person_add_name,
    person_create,
    person_refresh_status,
    person_update,
)
from tracedesk.registry.services.sources import source_create, source_update

__all__ = [
    "NameInput",
    "duplicate_dismiss",
    "event_merge",
    "event_split",
    "event_create",
    "event_update",
    "evidence_create",
    "evidence_retract",
    "facility_create",
    "facility_update",
    "person_add_name",
    "person_create",
    "person_merge",
    "person_split",
    "person_refresh_status",
    "person_update",
    "place_create",
    "place_update",
    "source_create",
    "source_update",
    "unit_create",
    "unit_update",
]
