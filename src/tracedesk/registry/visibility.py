"""Which of a person's names a user may see.

Viewers see pseudonyms only; caseworkers do not see the legal names of protected
people. A person with no visible name is shown by a neutral code.
"""

from django.utils.translation import gettext as _

from tracedesk.accounts import roles
from tracedesk.registry.models import Person, PersonName, Sensitivity

PSEUDONYM_ONLY = {PersonName.Kind.PSEUDONYM}


def visible_name_kinds(user, person: Person) -> set[str] | None:
    """The name kinds a user may see for this person; None means all of them."""
    if not roles.can_see_legal_names(user):
        return PSEUDONYM_ONLY
    if person.sensitivity == Sensitivity.PROTECTED and not roles.can_see_protected_names(user):
        return PSEUDONYM_ONLY
    return None


def visible_names(user, person: Person) -> list[PersonName]:
    """The person's names this user may see (uses prefetched names when present)."""
    kinds = visible_name_kinds(user, person)
    names = list(person.names.all())
    if kinds is None:
        return names
    return [name for name in names if name.kind in kinds]


def display_name(user, person: Person) -> str:
    names = visible_names(user, person)
    primary = next((n for n in names if n.is_primary), names[0] if names else None)
    if primary is None:
        return _("Person %(code)s") % {"code": person.short_id}
    return primary.full_name


def sees_everything(user, person: Person) -> bool:
    return visible_name_kinds(user, person) is None
