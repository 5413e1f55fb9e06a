from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tracedesk.audit.services import audit_record
from tracedesk.core.dates import parse_partial_date
from tracedesk.core.exceptions import ApplicationError
from tracedesk.pipeline import names as name_layer
from tracedesk.registry.models import Event, Person, PersonName, Unit
from tracedesk.registry.services.common import (
    apply_changes,
    clean_and_save,
    require_registry_editor,
    require_text,
)


@dataclass(frozen=True)
class NameInput:
    full_name: str
    kind: str = PersonName.Kind.LEGAL
    language: str = ""
    given: str = ""
    patronymic: str = ""
    surname: str = ""
    is_primary: bool = False


PERSON_FIELDS = {
    "sex",
    "citizenship",
    "category",
    "rank",
    "home_region",
    "sensitivity",
    "notes",
}

# Which event types decide a person's current status, and to what. Events that do
# not change where a person is (abuse, refusal, coercion) leave it as it was.
STATUS_BY_EVENT = {
    Event.Type.DETENTION: Person.Status.DETAINED,
    Event.Type.TRANSFER: Person.Status.DETAINED,
    Event.Type.SENTENCING: Person.Status.DETAINED,
    Event.Type.DISAPPEARANCE: Person.Status.MISSING,
    Event.Type.RELEASE: Person.Status.RELEASED,
    Event.Type.DEATH: Person.Status.DEAD,
}


def _birth_fields(birth_date: str) -> tuple[str, int | None]:
    if not birth_date:
        return "", None
    parsed = parse_partial_date(birth_date, field="birth_date")
    if parsed.year is None:
        raise ApplicationError(
            _("Invalid date."), {"birth_date": [_("A birth date needs at least its year.")]}
        )
    return parsed.iso(), parsed.year


def _build_name(person: Person, data: NameInput, index: int) -> PersonName:
    full = require_text(data.full_name, f"names[{index}].full_name", _("A name"))
    if data.kind not in PersonName.Kind.values:
        raise ApplicationError(
            _("Invalid name."),
            {f"names[{index}].kind": [_("Unknown name kind “%(k)s”.") % {"k": data.kind}]},
        )
    script = name_layer.detect_script(full)
    if script == "Zyyy":
        raise ApplicationError(
            _("Invalid name."),
            {f"names[{index}].full_name": [_("“%(n)s” contains no letters.") % {"n": full}]},
        )
    language = data.language or name_layer.guess_language(full) or ""
    given, patronymic, surname = data.given, data.patronymic, data.surname
    if not (given or patronymic or surname):
        parts = name_layer.split_name(full)
        given, patronymic, surname = (part or "" for part in parts)
    return PersonName(
        person=person,
        full_name=full,
        given=given,
        patronymic=patronymic,
        surname=surname,
        kind=data.kind,
        script=script,
        language=language,
        romanized=name_layer.romanize(full, language or None),
        search_key=name_layer.search_key(full),
        is_primary=data.is_primary,
    )


@transaction.atomic
def person_create(
    *,
    actor: Any,
    names: list[NameInput],
    birth_date: str = "",
    units: list[Unit] | None = None,
    **fields: Any,
) -> Person:
    """Create a person with at least one name."""
    require_registry_editor(actor)
    if not names:
        raise ApplicationError(
            _("Invalid person."), {"names": [_("A person needs at least one name.")]}
        )
    person = Person()
    apply_changes(person, fields, PERSON_FIELDS)
    person.birth_date, person.birth_year = _birth_fields(birth_date)
    clean_and_save(person)
    built = [_build_name(person, data, i) for i, data in enumerate(names)]
    if not any(name.is_primary for name in built):
        built[0].is_primary = True
    for name in built:
        clean_and_save(name)
    if units:
        person.units.set(units)
    audit_record(
        actor=actor,
        action="person.create",
        target=person,
        data={
            "names": len(built),
            "fields": sorted(fields),
            "units": [str(u.pk) for u in units or []],
        },
    )
    _rematch(actor, person, "person.create")
    return person


# The person's fields a tracing search compares (names have their own services).
MATCHED_FIELDS = frozenset({"birth_date", "units", "home_region"})


@transaction.atomic
def person_update(
    *,
    actor: Any,
    person: Person,
    birth_date: str | None = None,
    units: list[Unit] | None = None,
    **changes: Any,
) -> Person:
    require_registry_editor(actor)
    require_active(person)
    diff = apply_changes(person, changes, PERSON_FIELDS)
    if birth_date is not None:
        iso, year = _birth_fields(birth_date)
        if iso != person.birth_date:
            diff["birth_date"] = [person.birth_date, iso]
            person.birth_date, person.birth_year = iso, year
    clean_and_save(person)
    if units is not None:
        before = {str(u.pk) for u in person.units.all()}
        after = {str(u.pk) for u in units}
        if before != after:
            person.units.set(units)
            diff["units"] = [sorted(before), sorted(after)]
    # Legal names are not written to the trail: the trail must be safe to show to auditors.
    audit_record(actor=actor, action="person.update", target=person, data={"changed": sorted(diff)})
    if diff.keys() & MATCHED_FIELDS:
        _rematch(actor, person, "person.update")
    return person


@transaction.atomic
def person_add_name(*, actor: Any, person: Person, name: NameInput) -> PersonName:
    require_registry_editor(actor)
    require_active(person)
    record = _build_name(person, name, 0)
    if record.is_primary:
        person.names.update(is_primary=False)
    clean_and_save(record)
    audit_record(
        actor=actor,
        action="person.add_name",
        target=person,
        data={"name_id": str(record.pk), "kind": record.kind},
    )
    _rematch(actor, person, "person.add_name")
    return record


def require_active(person: Person) -> None:
    """A merged record is edited through the record it was merged into."""
    if person.merged_into_id is not None:
        raise ApplicationError(
            _("This record was merged."),
            {
                "person": [
                    _("Person %(code)s was merged into another record: edit that one.")
                    % {"code": person.short_id}
                ]
            },
        )


def _rematch(actor: Any, person: Person, trigger: str) -> None:
    """Open tracing requests search again for someone new (issue 4), in this transaction."""
    # Imported here: tracing's services import the registry's.
    from tracedesk.tracing.matching import rematch_for_person

    rematch_for_person(actor=actor, person=person, trigger=trigger)


@transaction.atomic
def person_refresh_status(*, actor: Any, person: Person) -> str:
    """Derive the current status from the person's latest status-deciding event.

    Rejected events do not count. Undated events count only when nothing dated does.
    """
    events = (
        person.events.exclude(verification=Event.Verification.REJECTED)
        .filter(type__in=list(STATUS_BY_EVENT))
        .order_by("date_min", "created_at")
    )
    dated = [event for event in events if event.date_min is not None]
    chosen = (dated or list(events))[-1:]
    status = STATUS_BY_EVENT[chosen[0].type] if chosen else Person.Status.UNKNOWN
    if status != person.status:
        old = person.status
        person.status = status
        person.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor, action="person.status", target=person, data={"from": old, "to": status}
        )
    return status
