"""Places, facilities and units: the where and by whom of events."""

from typing import Any

from django.db import models, transaction

from tracedesk.audit.services import audit_record
from tracedesk.registry.models import Facility, Place, Unit
from tracedesk.registry.services.common import (
    apply_changes,
    clean_and_save,
    require_registry_editor,
)

PLACE_FIELDS = {
    "geonameid",
    "name_en",
    "name_uk",
    "name_ru",
    "aliases",
    "latitude",
    "longitude",
    "admin1",
    "country",
}
FACILITY_FIELDS = {
    "name",
    "kind",
    "official",
    "place",
    "latitude",
    "longitude",
    "coordinate_precision",
    "aliases",
    "description",
}
UNIT_FIELDS = {"name", "designation", "kind", "country", "aliases", "parent"}


def _create(
    model: type[models.Model], allowed: set[str], actor: Any, fields: dict[str, Any]
) -> Any:
    require_registry_editor(actor)
    instance = model()
    apply_changes(instance, fields, allowed)
    clean_and_save(instance)
    audit_record(
        actor=actor,
        action=f"{model._meta.model_name}.create",
        target=instance,
        data={"fields": sorted(fields)},
    )
    return instance


def _update(instance: models.Model, allowed: set[str], actor: Any, changes: dict[str, Any]) -> Any:
    require_registry_editor(actor)
    diff = apply_changes(instance, changes, allowed)
    clean_and_save(instance)
    audit_record(
        actor=actor,
        action=f"{instance._meta.model_name}.update",
        target=instance,
        data={"changed": diff},
    )
    return instance


@transaction.atomic
def place_create(*, actor: Any, **fields: Any) -> Place:
    return _create(Place, PLACE_FIELDS, actor, fields)


@transaction.atomic
def place_update(*, actor: Any, place: Place, **changes: Any) -> Place:
    return _update(place, PLACE_FIELDS, actor, changes)


@transaction.atomic
def facility_create(*, actor: Any, **fields: Any) -> Facility:
    return _create(Facility, FACILITY_FIELDS, actor, fields)


@transaction.atomic
def facility_update(*, actor: Any, facility: Facility, **changes: Any) -> Facility:
    return _update(facility, FACILITY_FIELDS, actor, changes)


@transaction.atomic
def unit_create(*, actor: Any, **fields: Any) -> Unit:
    return _create(Unit, UNIT_FIELDS, actor, fields)


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, **changes: Any) -> Unit:
    return _update(unit, UNIT_FIELDS, actor, changes)
