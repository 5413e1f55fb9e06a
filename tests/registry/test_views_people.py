"""Person pages through the test client, for every role."""

import pytest
from django.urls import reverse

from tracedesk.accounts.models import Role
from tracedesk.audit.models import AuditEntry
from tracedesk.registry import services
from tracedesk.registry.models import Person, PersonName
from tracedesk.tracing import services as tracing_services

READERS = [Role.VIEWER, Role.CASEWORKER]
EDITORS = [Role.ANALYST, Role.ADMIN]
ALL_ROLES = READERS + EDITORS
IVAN_LEGAL = "Іван Петрович Сидоренко"
PROTECTED_LEGAL = "Канарейкин Защищённый"


def person_post(registry, **overrides):
    data = {
        "full_name": "Олег Миколайович Коваль",
        "name_kind": PersonName.Kind.LEGAL,
        "name_language": "uk",
        "second_name": "Oleh K.",
        "second_name_kind": PersonName.Kind.PSEUDONYM,
        "second_name_language": "",
        "birth_date": "1990-04",
        "sex": Person.Sex.MALE,
        "category": Person.Category.SERVICEMAN,
        "citizenship": "ua",
        "rank": "Sergeant",
        "units": [str(registry.unit.pk)],
        "home_region": "Kharkiv",
        "sensitivity": "normal",
        "notes": "Last call on 3 March.",
    }
    data.update(overrides)
    return data


def edit_post(**overrides):
    data = {
        "birth_date": "1998-03-12",
        "sex": Person.Sex.MALE,
        "category": Person.Category.SERVICEMAN,
        "citizenship": "UA",
        "rank": "Private",
        "units": [],
        "home_region": "Luhansk",
        "sensitivity": "normal",
        "notes": "",
    }
    data.update(overrides)
    return data


def assert_field_error(response, field, text):
    """The form came back with `text` shown on `field`, not only somewhere on the page."""
    assert response.status_code == 200
    errors = response.context["form"].errors.get(field, [])
    assert any(text in message for message in errors), response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()


def listed(response):
    return list(response.context["page_obj"].object_list)


# ---- The list and its search ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (Role.VIEWER, ["Ivan S.", "Witness K."], [IVAN_LEGAL, "Сидоренко", PROTECTED_LEGAL]),
        (Role.CASEWORKER, [IVAN_LEGAL, "Witness K."], [PROTECTED_LEGAL, "Ivan S."]),
        (Role.ANALYST, [IVAN_LEGAL, PROTECTED_LEGAL], ["Ivan S.", "Witness K."]),
        (Role.ADMIN, [IVAN_LEGAL, PROTECTED_LEGAL], ["Ivan S."]),
    ],
)
def test_the_person_list_names_people_as_the_role_may_see_them(
    registry, users, client_as, role, shown, hidden
):
    response = client_as(users[role]).get(reverse("registry:person_list"))
    page = response.content.decode()
    assert response.status_code == 200
    for text in shown:
        assert text in page
    for text in hidden:
        assert text not in page
    assert 'class="badge badge-detained"' in page
    assert ">1998<" in page and "Serviceman" in page
    assert registry.unit.get_absolute_url() in page


@pytest.mark.parametrize("query", ["ivan", "СИДОРЕНКО", "Sydorenko"])
def test_analysts_find_a_person_by_any_script_or_spelling(registry, analyst, client_as, query):
    response = client_as(analyst).get(reverse("registry:person_list"), {"q": query})
    assert listed(response) == [registry.ivan]
    assert PROTECTED_LEGAL not in response.content.decode()


def test_viewers_find_people_by_pseudonym_only(registry, viewer, client_as):
    client = client_as(viewer)
    assert listed(client.get(reverse("registry:person_list"), {"q": "Сидоренко"})) == []
    response = client.get(reverse("registry:person_list"), {"q": "Ivan S"})
    assert listed(response) == [registry.ivan]
    assert "Ivan S." in response.content.decode()


def test_caseworkers_do_not_find_protected_people_by_legal_name(registry, caseworker, client_as):
    client = client_as(caseworker)
    assert listed(client.get(reverse("registry:person_list"), {"q": "Канарейкин"})) == []
    assert listed(client.get(reverse("registry:person_list"), {"q": "Witness K"})) == [
        registry.protected
    ]


def test_an_htmx_search_answers_with_the_results_only(registry, analyst, client_as):
    response = client_as(analyst).get(
        reverse("registry:person_list"), {"q": "Sydorenko"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith('<div id="person-results">')
    assert "<html" not in page
    assert IVAN_LEGAL in page and PROTECTED_LEGAL not in page


def test_the_person_list_filters_by_status_and_category(registry, analyst, client_as):
    client = client_as(analyst)
    url = reverse("registry:person_list")
    assert listed(client.get(url, {"status": "detained"})) == [registry.ivan]
    assert listed(client.get(url, {"status": "unknown"})) == [registry.protected]
    assert listed(client.get(url, {"category": "serviceman"})) == [registry.ivan]
    assert listed(client.get(url, {"category": "civilian"})) == []
    # An unknown filter value is ignored rather than answered with an error.
    assert len(listed(client.get(url, {"status": "vanished"}))) == 2


def test_the_person_list_pages_by_fifty(registry, analyst, client_as):
    for number in range(49):
        services.person_create(actor=analyst, names=[services.NameInput(f"Person Number {number}")])
    client = client_as(analyst)
    first = client.get(reverse("registry:person_list"))
    second = client.get(reverse("registry:person_list"), {"page": 2})
    assert len(listed(first)) == 50
    assert len(listed(second)) == 1
    assert "51 people" in first.content.decode()
    assert 'rel="next"' in first.content.decode()


# ---- One person ----------------------------------------------------------------------------


def test_an_analyst_sees_the_whole_record(registry, analyst, client_as):
    response = client_as(analyst).get(registry.ivan.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    # Names, with their kind, script, language and romanization.
    for text in [
        IVAN_LEGAL,
        "Иван Сидоренко",
        "Ivan S.",
        "Pseudonym",
        "Cyrl",
        "Latn",
        "Ivan Petrovych Sydorenko",
    ]:
        assert text in page
    # Facts.
    assert "1998" in page and "Serviceman" in page
    assert registry.unit.get_absolute_url() in page
    assert 'class="badge badge-detained"' in page
    # The timeline links the event and where it happened.
    assert '<ol class="timeline">' in page
    assert registry.detention.get_absolute_url() in page and "2022-07" in page
    assert registry.pit.get_absolute_url() in page
    # The evidence quote links to its highlight on the source page.
    evidence = registry.source.evidence.get()
    assert "Ivan Sydorenko was held in a basement in Brianka" in page
    assert f"{registry.source.get_absolute_url()}#ev-{evidence.pk}" in page
    assert reverse("registry:person_edit", args=[registry.ivan.pk]) in page
    assert reverse("registry:person_add_name", args=[registry.ivan.pk]) in page


def test_a_viewer_sees_the_pseudonym_and_no_editing(registry, viewer, client_as):
    response = client_as(viewer).get(registry.ivan.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ivan S." in page
    for hidden in [IVAN_LEGAL, "Иван Сидоренко", "Сидоренко", "Ivan Petrovych"]:
        assert hidden not in page
    assert reverse("registry:person_edit", args=[registry.ivan.pk]) not in page
    assert reverse("registry:person_add_name", args=[registry.ivan.pk]) not in page
    assert "Tracing requests" not in page


@pytest.mark.parametrize(
    ("role", "visible"), [(Role.VIEWER, False), (Role.CASEWORKER, False), (Role.ANALYST, True)]
)
def test_protected_legal_names_show_to_analysts_only(registry, users, client_as, role, visible):
    page = client_as(users[role]).get(registry.protected.get_absolute_url()).content.decode()
    assert "Witness K." in page
    assert (PROTECTED_LEGAL in page) is visible
    assert AuditEntry.objects.filter(action="person.view_protected").exists() is visible


def test_quotes_from_testimonies_are_hidden_from_viewers(
    registry, analyst, viewer, caseworker, client_as
):
    services.evidence_create(
        actor=analyst,
        source=registry.testimony,
        start=0,
        end=9,
        claim="status",
        person=registry.ivan,
    )
    assert (
        "He called" not in client_as(viewer).get(registry.ivan.get_absolute_url()).content.decode()
    )
    assert (
        "He called" in client_as(caseworker).get(registry.ivan.get_absolute_url()).content.decode()
    )


def test_tracing_requests_show_to_the_caseworkers_on_the_case(
    registry, caseworker, other_caseworker, analyst, client_as
):
    case = tracing_services.tracing_request_create(
        actor=caseworker, requester_name="Maria", sought_name="Ivan Sydorenko"
    )
    tracing_services.tracing_request_set_status(actor=caseworker, request=case, status="searching")
    tracing_services.tracing_request_set_status(
        actor=caseworker,
        request=case,
        status="located",
        person=registry.ivan,
        note="Seen in Brianka.",
    )
    url = registry.ivan.get_absolute_url()
    assert case.reference in client_as(caseworker).get(url).content.decode()
    page = client_as(other_caseworker).get(url).content.decode()
    assert "Tracing requests" in page and case.reference not in page
    page = client_as(analyst).get(url).content.decode()
    assert "Tracing requests" not in page and case.reference not in page


def test_an_unknown_person_is_not_found(registry, analyst, client_as):
    url = reverse("registry:person_detail", args=["00000000-0000-0000-0000-000000000000"])
    assert client_as(analyst).get(url).status_code == 404


# ---- Writing -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", READERS)
def test_readers_may_not_open_or_post_any_person_editor(registry, users, client_as, role):
    client = client_as(users[role])
    pk = registry.ivan.pk
    people_before, names_before = Person.objects.count(), PersonName.objects.count()
    for url, data in [
        (reverse("registry:person_create"), person_post(registry)),
        (reverse("registry:person_edit", args=[pk]), edit_post(rank="General")),
        (
            reverse("registry:person_add_name", args=[pk]),
            {"full_name": "Ваня", "kind": "diminutive"},
        ),
    ]:
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
    assert (Person.objects.count(), PersonName.objects.count()) == (people_before, names_before)
    registry.ivan.refresh_from_db()
    assert registry.ivan.rank == ""


@pytest.mark.parametrize("role", EDITORS)
def test_editors_add_a_person_through_the_form(registry, users, client_as, role):
    client = client_as(users[role])
    assert client.get(reverse("registry:person_create")).status_code == 200
    response = client.post(reverse("registry:person_create"), person_post(registry), follow=True)
    person = Person.objects.get(names__full_name="Олег Миколайович Коваль")
    assert response.redirect_chain[-1][0] == person.get_absolute_url()
    assert "Person added." in response.content.decode()
    names = {name.full_name: name for name in person.names.all()}
    assert (
        names["Олег Миколайович Коваль"].is_primary
        and names["Олег Миколайович Коваль"].kind == "legal"
    )
    assert names["Oleh K."].kind == "pseudonym" and not names["Oleh K."].is_primary
    assert (person.birth_date, person.birth_year, person.citizenship) == ("1990-04", 1990, "UA")
    assert list(person.units.all()) == [registry.unit]
    assert AuditEntry.objects.filter(
        action="person.create", object_id=str(person.pk), actor=users[role]
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"birth_date": "1998-02-30"}, "birth_date", "is not a day of the calendar"),
        ({"birth_date": "March"}, "birth_date", "is not a date"),
        ({"full_name": "1234 —"}, "full_name", "contains no letters"),
        ({"second_name": "42"}, "second_name", "contains no letters"),
        ({"full_name": ""}, "full_name", "This field is required"),
        ({"units": ["00000000-0000-0000-0000-000000000000"]}, "units", "Select a valid choice"),
    ],
)
def test_a_bad_person_is_refused_on_its_field_and_nothing_is_stored(
    registry, analyst, client_as, overrides, field, text
):
    people_before = Person.objects.count()
    response = client_as(analyst).post(
        reverse("registry:person_create"), person_post(registry, **overrides)
    )
    assert_field_error(response, field, text)
    assert Person.objects.count() == people_before
    assert not PersonName.objects.filter(full_name="Олег Миколайович Коваль").exists()


def test_an_analyst_edits_a_person(registry, analyst, client_as):
    client = client_as(analyst)
    url = reverse("registry:person_edit", args=[registry.ivan.pk])
    form = client.get(url).context["form"]
    assert form.initial["birth_date"] == "1998" and form.initial["units"] == [registry.unit]
    response = client.post(url, edit_post())
    assert response.status_code == 302
    registry.ivan.refresh_from_db()
    assert (registry.ivan.birth_date, registry.ivan.rank, registry.ivan.home_region) == (
        "1998-03-12",
        "Private",
        "Luhansk",
    )
    assert list(registry.ivan.units.all()) == []
    entry = AuditEntry.objects.get(action="person.update", object_id=str(registry.ivan.pk))
    assert {"birth_date", "rank", "units"} <= set(entry.data["changed"])


def test_a_bad_edit_is_refused_on_its_field_and_nothing_changes(registry, analyst, client_as):
    url = reverse("registry:person_edit", args=[registry.ivan.pk])
    response = client_as(analyst).post(url, edit_post(birth_date="--05-01"))
    assert_field_error(response, "birth_date", "needs at least its year")
    registry.ivan.refresh_from_db()
    assert (registry.ivan.birth_date, registry.ivan.rank) == ("1998", "")
    assert not AuditEntry.objects.filter(action="person.update").exists()


def test_an_analyst_adds_a_primary_name(registry, analyst, client_as):
    url = reverse("registry:person_add_name", args=[registry.ivan.pk])
    client = client_as(analyst)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"full_name": "Ваня Сидоренко", "kind": "diminutive", "language": "ru", "is_primary": "on"},
    )
    assert response.status_code == 302
    name = registry.ivan.names.get(full_name="Ваня Сидоренко")
    assert name.is_primary and name.kind == "diminutive" and name.language == "ru"
    assert registry.ivan.names.filter(is_primary=True).count() == 1
    assert AuditEntry.objects.filter(
        action="person.add_name", object_id=str(registry.ivan.pk)
    ).exists()
    page = client.get(registry.ivan.get_absolute_url()).content.decode()
    assert "<h1>Ваня Сидоренко</h1>" in page


@pytest.mark.parametrize(
    ("data", "field", "text"),
    [
        ({"full_name": "", "kind": "alias"}, "full_name", "This field is required"),
        ({"full_name": "007", "kind": "alias"}, "full_name", "contains no letters"),
        ({"full_name": "Ваня", "kind": "nickname"}, "kind", "Select a valid choice"),
    ],
)
def test_a_bad_name_is_refused_on_its_field(registry, analyst, client_as, data, field, text):
    names_before = registry.ivan.names.count()
    response = client_as(analyst).post(
        reverse("registry:person_add_name", args=[registry.ivan.pk]), data
    )
    assert_field_error(response, field, text)
    assert registry.ivan.names.count() == names_before
