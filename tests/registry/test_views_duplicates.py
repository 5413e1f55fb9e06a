"""The possible-duplicates workbench through the test client, for every role."""

import pytest
from django.urls import reverse

from tracedesk.accounts.models import Role
from tracedesk.registry import services
from tracedesk.registry.models import DuplicateDismissal, Event, Person, PersonMerge

EDITORS = [Role.ANALYST, Role.ADMIN]
READERS = [Role.CASEWORKER, Role.VIEWER]


@pytest.fixture
def latin_ivan(registry, analyst):
    return services.person_create(
        actor=analyst,
        names=[services.NameInput("Ivan Petrovych Sydorenko")],
        birth_date="1998-03-14",
    )


@pytest.fixture
def again(registry, analyst):
    return services.event_create(
        actor=analyst,
        type=Event.Type.DETENTION,
        title="Ivan held in Brianka, again",
        date_start="2022-07-20",
        facility=registry.pit,
        victims=[registry.ivan],
    )


@pytest.mark.parametrize("role", EDITORS)
def test_editors_see_the_pairs_side_by_side(client_as, users, registry, latin_ivan, again, role):
    response = client_as(users[role]).get(reverse("registry:duplicate_list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ivan Petrovych Sydorenko" in page and "Іван Петрович Сидоренко" in page
    assert "1998-03-14" in page
    assert "Ivan held in Brianka, again" in page and "Held in Brianka basement" in page
    assert len(response.context["person_pairs"]) == 1
    assert len(response.context["event_pairs"]) == 1
    assert reverse("registry:duplicate_list") in page  # the nav link


@pytest.mark.parametrize("role", READERS)
def test_readers_may_not_see_or_use_the_workbench(client_as, users, registry, latin_ivan, role):
    client = client_as(users[role])
    assert client.get(reverse("registry:duplicate_list")).status_code == 403
    pair = {"keep": str(registry.ivan.pk), "merge": str(latin_ivan.pk)}
    assert client.post(reverse("registry:person_merge"), pair).status_code == 403
    dismiss = {"first": str(registry.ivan.pk), "second": str(latin_ivan.pk)}
    assert client.post(reverse("registry:person_dismiss"), dismiss).status_code == 403
    assert not PersonMerge.objects.exists() and not DuplicateDismissal.objects.exists()
    page = client.get(reverse("registry:person_list")).content.decode()
    assert reverse("registry:duplicate_list") not in page


@pytest.mark.parametrize("role", READERS)
def test_readers_may_not_split(client_as, users, registry, latin_ivan, analyst, role):
    record = services.person_merge(actor=analyst, keep=registry.ivan, merge=latin_ivan)
    url = reverse("registry:person_split", args=[record.pk])
    assert client_as(users[role]).post(url).status_code == 403
    assert PersonMerge.objects.get(pk=record.pk).split_at is None


def test_merge_through_the_page_then_split_from_the_kept_record(
    client_as, analyst, registry, latin_ivan
):
    client = client_as(analyst)
    response = client.post(
        reverse("registry:person_merge"),
        {"keep": str(registry.ivan.pk), "merge": str(latin_ivan.pk)},
    )
    assert response.status_code == 302 and response.url == registry.ivan.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert "Merged from" in page and latin_ivan.short_id in page
    merged_page = client.get(latin_ivan.get_absolute_url()).content.decode()
    assert "merged into" in merged_page and registry.ivan.get_absolute_url() in merged_page
    assert not client.get(reverse("registry:duplicate_list")).context["person_pairs"]

    record = PersonMerge.objects.get()
    response = client.post(reverse("registry:person_split", args=[record.pk]))
    assert response.status_code == 302
    assert Person.objects.get(pk=latin_ivan.pk).merged_into is None
    assert latin_ivan.names.count() == 1


def test_a_refused_merge_says_why(client_as, analyst, registry):
    client = client_as(analyst)
    response = client.post(
        reverse("registry:person_merge"),
        {"keep": str(registry.ivan.pk), "merge": str(registry.ivan.pk)},
        follow=True,
    )
    assert "cannot be merged into itself" in response.content.decode()
    assert not PersonMerge.objects.exists()


def test_not_the_same_stops_the_proposal(client_as, analyst, registry, latin_ivan):
    client = client_as(analyst)
    response = client.post(
        reverse("registry:person_dismiss"),
        {"first": str(latin_ivan.pk), "second": str(registry.ivan.pk)},
        follow=True,
    )
    assert response.status_code == 200
    assert not response.context["person_pairs"]
    assert DuplicateDismissal.objects.get().judged_by == analyst


def test_event_merge_and_split_through_the_pages(client_as, analyst, registry, again):
    client = client_as(analyst)
    response = client.post(
        reverse("registry:event_merge"),
        {"keep": str(registry.detention.pk), "merge": str(again.pk)},
    )
    assert response.status_code == 302
    assert Event.objects.get(pk=again.pk).merged_into == registry.detention
    assert "merged into" in client.get(again.get_absolute_url()).content.decode()
    assert again.short_id in client.get(registry.detention.get_absolute_url()).content.decode()
    record = registry.detention.merges_received.get()
    client.post(reverse("registry:event_split", args=[record.pk]))
    assert Event.objects.get(pk=again.pk).merged_into is None


def test_merge_needs_a_post_and_the_csrf_token(analyst, registry, latin_ivan):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    assert client.get(reverse("registry:person_merge")).status_code == 405
    response = client.post(
        reverse("registry:person_merge"),
        {"keep": str(registry.ivan.pk), "merge": str(latin_ivan.pk)},
    )
    assert response.status_code == 403
    assert not PersonMerge.objects.exists()
