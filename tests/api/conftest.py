"""API fixtures: a bearer token per role, a client factory, and two tracing cases."""

from types import SimpleNamespace

import pytest
from django.test import Client

from tracedesk.accounts.services import api_token_create
from tracedesk.tracing.services import tracing_request_create

ANONYMOUS = "anonymous"


@pytest.fixture
def tokens(users):
    """Role -> a live bearer token of that role's user."""
    return {
        role: api_token_create(actor=None, user=user, name="tests") for role, user in users.items()
    }


@pytest.fixture
def api_client():
    """Return a function giving a client that sends the token (no session, no cookie)."""

    def make(token: str | None = None) -> Client:
        return Client(headers={"Authorization": f"Bearer {token}"} if token else {})

    return make


@pytest.fixture
def api_as(tokens, api_client):
    """Return a function giving a token client for a role, or an anonymous one."""

    def make(role: str) -> Client:
        return api_client(None if role == ANONYMOUS else tokens[role])

    return make


@pytest.fixture
def cases(caseworker, other_caseworker):
    """One case opened by (so assigned to) the caseworker, one by the other caseworker."""
    mine = tracing_request_create(
        actor=caseworker,
        requester_name="Олена Сидоренко",
        requester_relation="mother",
        requester_contact="+380 50 000 00 01",
        sought_name="Іван Сидоренко",
        sought_birth_date="1998",
    )
    theirs = tracing_request_create(
        actor=other_caseworker,
        requester_name="Марія Коваль",
        requester_contact="+380 50 000 00 02",
        sought_name="Петро Коваль",
    )
    return SimpleNamespace(mine=mine, theirs=theirs)
