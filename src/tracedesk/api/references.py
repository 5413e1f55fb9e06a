"""Turn ids in a request body into records, through the selector that scopes them."""

from uuid import UUID

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tracedesk.core.exceptions import ApplicationError


def resolve_many(records: QuerySet, ids: list[UUID], field: str) -> list:
    """The records for ``ids``, in order; an unknown id is an error naming ``field``."""
    found = {record.pk: record for record in records.filter(pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ApplicationError(
            _("Unknown references."),
            {field: [_("No such record: %(ids)s.") % {"ids": ", ".join(missing)}]},
        )
    return [found[pk] for pk in ids]


def resolve_one(records: QuerySet, pk: UUID | None, field: str):
    return resolve_many(records, [pk], field)[0] if pk is not None else None
