"""Tracing fixtures: two cases, each opened by (so assigned to) a different caseworker,
and a helper that walks a case through the workflow."""

import datetime as dt
from types import SimpleNamespace

import pytest

from tracedesk.tracing import services

CONTACT = "+380 50 000 00 01, вул. Шевченка 5"


@pytest.fixture
def cases(caseworker, other_caseworker):
    mine = services.tracing_request_create(
        actor=caseworker,
        requester_name="Олена Сидоренко",
        requester_relation="mother",
        requester_contact=CONTACT,
        sought_name="Іван Сидоренко",
        sought_other_names="Ivan Sydorenko\nВаня",
        sought_birth_date="1998",
        last_known_place="Bakhmut",
        last_known_date="2022-05",
    )
    theirs = services.tracing_request_create(
        actor=other_caseworker,
        requester_name="Марія Коваль",
        requester_contact="+380 50 000 00 02",
        sought_name="Петро Коваль",
    )
    return SimpleNamespace(mine=mine, theirs=theirs, contact=CONTACT)


@pytest.fixture
def move_to():
    """Walk a case through the workflow, with the notes and person each step needs."""

    def walk(case, actor, *statuses, person=None):
        for status in statuses:
            services.tracing_request_set_status(
                actor=actor, request=case, status=status, note=f"step to {status}", person=person
            )
        return case

    return walk


@pytest.fixture
def inquiry(cases, caseworker):
    """Today's letter to the ombudsman about the caseworker's case (which moves it to searching)."""
    return services.inquiry_create(
        actor=caseworker,
        request=cases.mine,
        date=dt.date.today(),
        authority="Ombudsman",
        asked="Is he held?",
    )
