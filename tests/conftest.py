"""Shared fixtures: one account per role, a client signed in as each, and a small registry.

Tests run against the real database named by TRACEDESK_DATABASE_URL (SQLite by
default, PostgreSQL in CI) and the real blob store in a temporary directory.
"""

import pytest

from tracedesk.accounts.models import Role, User

PASSWORD = "correct horse battery staple 42"


@pytest.fixture(autouse=True)
def _blob_dir(settings, tmp_path):
    settings.BLOB_DIR = tmp_path / "blobs"


def make_user(role: str, username: str | None = None) -> User:
    user = User(username=username or f"{role}-user", role=role)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def admin_user(db):
    return make_user(Role.ADMIN)


@pytest.fixture
def analyst(db):
    return make_user(Role.ANALYST)


@pytest.fixture
def caseworker(db):
    return make_user(Role.CASEWORKER)


@pytest.fixture
def other_caseworker(db):
    return make_user(Role.CASEWORKER, "other-caseworker")


@pytest.fixture
def viewer(db):
    return make_user(Role.VIEWER)


@pytest.fixture
def users(admin_user, analyst, caseworker, viewer):
    return {
        Role.ADMIN: admin_user,
        Role.ANALYST: analyst,
        Role.CASEWORKER: caseworker,
        Role.VIEWER: viewer,
    }


@pytest.fixture
def client_as(client):
    """Return a function that signs the test client in as the given user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def registry(analyst):
    """A small registry written through the services, as the app writes it."""
    from tests.factories.registry import build_registry

    return build_registry(analyst)
