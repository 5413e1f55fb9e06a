"""What each role sees of the registry."""

import pytest

from tracedesk.audit.models import AuditEntry
from tracedesk.registry import selectors
from tracedesk.registry.visibility import display_name


@pytest.mark.parametrize(
    "query", ["Іван", "иван", "IVAN", "Sydorenko", "sidorenko", "Сидоренко", "сидоренко"]
)
def test_a_name_is_found_whatever_its_script_or_case(registry, analyst, query):
    assert list(selectors.person_list(analyst, query=query)) == [registry.ivan]


def test_viewers_search_and_see_pseudonyms_only(registry, viewer):
    assert list(selectors.person_list(viewer, query="Сидоренко")) == []
    assert list(selectors.person_list(viewer, query="Ivan S")) == [registry.ivan]
    assert display_name(viewer, registry.ivan) == "Ivan S."


def test_caseworkers_do_not_find_protected_people_by_legal_name(registry, caseworker, analyst):
    assert list(selectors.person_list(caseworker, query="Канарейкин")) == []
    assert list(selectors.person_list(analyst, query="Канарейкин")) == [registry.protected]
    assert display_name(caseworker, registry.protected) == "Witness K."
    assert display_name(analyst, registry.protected) == "Канарейкин Защищённый"


def test_reading_a_protected_person_in_full_is_audited(registry, analyst, viewer):
    selectors.person_get(viewer, registry.protected.pk)
    assert not AuditEntry.objects.filter(action="person.view_protected").exists()
    selectors.person_get(analyst, registry.protected.pk)
    assert AuditEntry.objects.filter(action="person.view_protected", actor=analyst).count() == 1


def test_viewers_never_get_testimonies(registry, viewer, caseworker):
    assert registry.testimony not in selectors.source_list(viewer)
    assert registry.testimony in selectors.source_list(caseworker)


def test_person_evidence_comes_through_the_events(registry, analyst):
    evidence = list(selectors.person_evidence(analyst, registry.ivan))
    assert [e.quote for e in evidence] == ["Ivan Sydorenko was held in a basement in Brianka"]


def test_person_list_does_not_query_per_person(registry, analyst, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        people = list(selectors.person_list(analyst))
        [display_name(analyst, p) for p in people]
