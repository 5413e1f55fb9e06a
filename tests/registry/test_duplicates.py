"""Proposed duplicates (issue 4): people by the linking engine, events by rule; "not the same"
stops a pair from being proposed again."""

import pytest

from tracedesk.audit.models import AuditEntry
from tracedesk.core.exceptions import ApplicationError, PermissionDenied
from tracedesk.registry import duplicates, selectors, services
from tracedesk.registry.models import DuplicateDismissal, Event

NameInput = services.NameInput


@pytest.fixture
def latin_ivan(registry, analyst):
    """Registry's Іван Петрович Сидоренко (1998), reported again in Latin letters."""
    return services.person_create(
        actor=analyst, names=[NameInput("Ivan Petrovych Sydorenko")], birth_date="1998-03-14"
    )


@pytest.fixture
def namesake(registry, analyst):
    """Another man of the same surname: another given name, born twenty years earlier."""
    return services.person_create(
        actor=analyst, names=[NameInput("Сидоренко Микола Іванович")], birth_date="1975"
    )


def pairs(found) -> set[frozenset]:
    return {frozenset({p.first.pk, p.second.pk}) for p in found}


def test_the_cyrillic_and_latin_spellings_are_proposed_with_score_and_reasons(
    registry, latin_ivan, namesake, analyst
):
    found = selectors.duplicate_people(analyst)
    assert frozenset({registry.ivan.pk, latin_ivan.pk}) in pairs(found)
    assert frozenset({registry.ivan.pk, namesake.pk}) not in pairs(found)
    pair = next(p for p in found if latin_ivan in (p.first, p.second))
    assert pair.score >= duplicates.PERSON_THRESHOLD
    assert any("born" in reason for reason in pair.reasons)
    assert pair.counts[str(registry.ivan.pk)] == {"events": 1, "sources": 1}
    assert pair.counts[str(latin_ivan.pk)] == {"events": 0, "sources": 0}


def test_no_self_pairs_and_each_pair_once(registry, latin_ivan, analyst):
    proposals = duplicates.propose_people(selectors.person_list(analyst))
    assert all(p.first < p.second for p in proposals)
    assert len({p.pair for p in proposals}) == len(proposals)


def test_a_dismissed_pair_is_not_proposed_again(registry, latin_ivan, analyst):
    dismissal = services.duplicate_dismiss(
        actor=analyst, first=latin_ivan, second=registry.ivan, note="Different fathers."
    )
    assert frozenset({registry.ivan.pk, latin_ivan.pk}) not in pairs(
        selectors.duplicate_people(analyst)
    )
    assert dismissal.judged_by == analyst and dismissal.judged_at
    entry = AuditEntry.objects.get(action="person.not_duplicate")
    assert set(entry.data.values()) == {str(registry.ivan.pk), str(latin_ivan.pk)}
    with pytest.raises(ApplicationError):
        services.duplicate_dismiss(actor=analyst, first=registry.ivan, second=latin_ivan)
    with pytest.raises(ValueError, match="append-only"):
        dismissal.save()
    with pytest.raises(ValueError, match="append-only"):
        dismissal.delete()


def test_merged_people_are_not_proposed(registry, latin_ivan, analyst):
    services.person_merge(actor=analyst, keep=registry.ivan, merge=latin_ivan)
    assert not pairs(selectors.duplicate_people(analyst))


@pytest.mark.parametrize("role_fixture", ["viewer", "caseworker"])
def test_only_registry_editors_may_dismiss(request, registry, latin_ivan, role_fixture):
    user = request.getfixturevalue(role_fixture)
    with pytest.raises(PermissionDenied):
        services.duplicate_dismiss(actor=user, first=registry.ivan, second=latin_ivan)
    assert not DuplicateDismissal.objects.exists()


def test_a_person_and_an_event_are_never_a_pair(registry, analyst):
    with pytest.raises(ApplicationError):
        services.duplicate_dismiss(actor=analyst, first=registry.ivan, second=registry.detention)


def event_again(registry, analyst, **overrides):
    values = {
        "type": Event.Type.DETENTION,
        "title": "Ivan held in Brianka",
        "date_start": "2022-07-20",
        "facility": registry.pit,
        "victims": [registry.ivan],
    }
    return services.event_create(actor=analyst, **{**values, **overrides})


def test_the_same_incident_told_twice_is_proposed(registry, analyst):
    again = event_again(registry, analyst)
    found = selectors.duplicate_events(analyst)
    assert pairs(found) == {frozenset({registry.detention.pk, again.pk})}
    assert "1 victim(s) in common" in found[0].reasons
    assert found[0].score == 0.5  # a shared victim; no perpetrator unit on the second


def test_the_same_unit_without_shared_victims_is_enough(registry, analyst):
    again = event_again(registry, analyst, victims=[], perpetrator_unit=registry.unit)
    found = selectors.duplicate_events(analyst)
    assert pairs(found) == {frozenset({registry.detention.pk, again.pk})}
    assert "same perpetrator unit" in found[0].reasons


@pytest.mark.parametrize(
    "overrides",
    [
        {"type": Event.Type.RELEASE},
        {"date_start": "2022-09-01"},
        {"facility": None},
        {"victims": []},
    ],
)
def test_events_that_differ_by_a_rule_are_not_proposed(registry, analyst, overrides):
    event_again(registry, analyst, **overrides)
    assert not selectors.duplicate_events(analyst)


def test_a_dismissed_event_pair_is_not_proposed_again(registry, analyst):
    again = event_again(registry, analyst)
    services.duplicate_dismiss(actor=analyst, first=registry.detention, second=again)
    assert not selectors.duplicate_events(analyst)


def test_the_demo_registry_proposes_its_duplicate_pair(admin_user, caseworker):
    """The demo's Lytvyn (Cyrillic and Latin names) and the Litvin another outlet reported."""
    from tracedesk.demo.loader import load_demo
    from tracedesk.registry.models import PersonName

    load_demo(actor=admin_user, caseworker=caseworker)
    lytvyn = PersonName.objects.get(full_name="Литвин Юрій Анатолійович").person
    litvin = PersonName.objects.get(full_name="Yuriy Litvin").person
    found = selectors.duplicate_people(admin_user)
    # The only pair proposed: no other demo person is taken for someone else.
    assert pairs(found) == {frozenset({lytvyn.pk, litvin.pk})}
