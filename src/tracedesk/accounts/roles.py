"""What each role may do, declared in one place.

Selectors and views ask these functions; nothing else compares role names.
"""

from tracedesk.accounts.models import Role, User


def is_admin(user: User) -> bool:
    return user.is_authenticated and user.role == Role.ADMIN


def can_edit_registry(user: User) -> bool:
    """Analysts build the registry; admins may correct it."""
    return user.is_authenticated and user.role in {Role.ADMIN, Role.ANALYST}


def can_see_legal_names(user: User) -> bool:
    """Viewers see pseudonyms only; everyone else works with real names."""
    return user.is_authenticated and user.role in {Role.ADMIN, Role.ANALYST, Role.CASEWORKER}


def can_see_protected_names(user: User) -> bool:
    """Legal names of protected people: only the roles that verify identities."""
    return user.is_authenticated and user.role in {Role.ADMIN, Role.ANALYST}


def can_read_testimonies(user: User) -> bool:
    """Testimony text identifies witnesses; viewers never read it."""
    return user.is_authenticated and user.role in {Role.ADMIN, Role.ANALYST, Role.CASEWORKER}


def can_use_tracing(user: User) -> bool:
    """Tracing requests hold relatives' contact details: caseworkers and admins only."""
    return user.is_authenticated and user.role in {Role.ADMIN, Role.CASEWORKER}


def can_read_audit(user: User) -> bool:
    return is_admin(user)
