"""The registry index tracing searches stays true to the database: across commits, other
writers, rollbacks and a database emptied under it (issue 4)."""

import pytest
from django.core.management import call_command
from django.db import transaction
from tests.conftest import make_user

from tracedesk.accounts.models import Role
from tracedesk.registry import services as registry_services
from tracedesk.registry.models import Person
from tracedesk.tracing import matching, services
from tracedesk.tracing.models import Candidate

pytestmark = pytest.mark.django_db(transaction=True)

NameInput = registry_services.NameInput


class Abandon(Exception):
    """Raised to roll a transaction back."""


def person(actor, name, birth="1998"):
    return registry_services.person_create(
        actor=actor, names=[NameInput(name, language="ru")], birth_date=birth
    )


def case(actor, name="Іван Сидоренко"):
    return services.tracing_request_create(
        actor=actor, requester_name="Олена", sought_name=name, sought_birth_date="1998"
    )


def found(request):
    return {c.person_id for c in Candidate.objects.filter(request=request, active=True)}


def test_people_written_after_the_index_was_built_are_found(analyst, caseworker):
    first = person(analyst, "Сидоренко Иван Петрович")
    request = case(caseworker)  # builds the index, committed
    assert found(request) == {first.pk}
    second = person(analyst, "Sydorenko Ivan")  # a later commit: found by the rematch
    assert found(request) == {first.pk, second.pk}


def test_a_person_rolled_back_is_never_a_candidate_and_seqs_reused_are_read(analyst, caseworker):
    request = case(caseworker)
    builds = matching.PEOPLE.builds
    with pytest.raises(Abandon), transaction.atomic():
        ghost = person(analyst, "Сидоренко Иван")
        # Inside the transaction the index sees him, and the case found him.
        assert found(request) == {ghost.pk}
        raise Abandon
    assert not Person.objects.filter(pk=ghost.pk).exists()
    matching.find_candidates(actor=caseworker, request=request)
    assert found(request) == set()
    # The next write (on SQLite it takes the rolled-back audit seqs again) is read.
    real = person(analyst, "Сидоренко Иван Петрович")
    matching.find_candidates(actor=caseworker, request=request)
    assert found(request) == {real.pk}
    # All of it without building the index again: only what the transaction touched reloads.
    assert matching.PEOPLE.builds == builds


def test_a_name_added_later_makes_the_person_findable(analyst, caseworker):
    someone = person(analyst, "Коваленко Олег")
    request = case(caseworker)
    assert found(request) == set()
    registry_services.person_add_name(
        actor=analyst, person=someone, name=NameInput("Сидоренко Иван", language="ru")
    )
    assert found(request) == {someone.pk}


def test_an_index_from_another_database_state_is_rebuilt(analyst, caseworker):
    request = case(caseworker)
    stale = person(analyst, "Сидоренко Иван")
    assert found(request) == {stale.pk}
    # The tables emptied behind the index's back, as a restore or a test flush would.
    call_command("flush", "--no-input", verbosity=0)
    analyst2, caseworker2 = make_user(Role.ANALYST, "a2"), make_user(Role.CASEWORKER, "c2")
    fresh = person(analyst2, "Сидоренко Иван Петрович")
    builds = matching.PEOPLE.builds
    request2 = case(caseworker2)
    assert found(request2) == {fresh.pk}
    assert matching.PEOPLE.builds == builds + 1
