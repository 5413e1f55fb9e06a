"""Review queue pages through the test client, for every role: reading, deciding, refusing."""

import re

import pytest
from django.urls import reverse

from tests.factories.review import (
    EN_TEXT,
    RU_TEXT,
    UK_TEXT,
    en_report,
    ingest,
    ru_report,
    uk_report,
)
from tracedesk.accounts.models import Role
from tracedesk.audit.models import AuditEntry
from tracedesk.intake.models import Draft
from tracedesk.intake.services import (
    ingest_document,
    ingest_run_error,
    ingest_run_finish,
    ingest_run_start,
)
from tracedesk.registry import services
from tracedesk.registry.models import Event, Evidence, Facility, Person, PersonName, Place, Unit

READERS = [Role.VIEWER, Role.CASEWORKER]
EDITORS = [Role.ANALYST, Role.ADMIN]
ALL_ROLES = READERS + EDITORS


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Event, Person, PersonName, Place, Facility, Unit, Evidence, AuditEntry)
    }


def accept_url(draft):
    return reverse("intake:draft_accept", args=[draft.pk])


def accept_post(draft, **overrides):
    """The accept form as the page prefills it: the draft's fields, new people."""
    payload = draft.payload
    date = payload.get("date") or {}
    data = {
        "accept-type": payload["type"],
        "accept-title": payload["title"],
        "accept-date_start": date.get("start") or "",
        "accept-date_end": "",
        "accept-place": "drafted" if payload.get("place") else "none",
        "accept-facility": "drafted" if payload.get("facility") else "none",
        "accept-perpetrator_unit": "drafted" if payload.get("unit") else "none",
        "accept-unnamed_count": payload.get("count") or "",
        "accept-description": "",
        "accept-note": "",
    }
    for i, drafted in enumerate(payload["people"]):
        data[f"accept-person_{i}"] = "new"
        data[f"accept-person_{i}_name"] = drafted["name"]
        data[f"accept-person_{i}_other"] = ""
    data.update({f"accept-{key}": value for key, value in overrides.items()})
    return data


def merge_post(draft, target, **overrides):
    data = {"merge-event": str(target.pk), "merge-other_event": "", "merge-note": ""}
    for i, drafted in enumerate(draft.payload["people"]):
        data[f"merge-person_{i}"] = "new"
        data[f"merge-person_{i}_name"] = drafted["name"]
        data[f"merge-person_{i}_other"] = ""
    data.update({f"merge-{key}": value for key, value in overrides.items()})
    return data


def assert_field_error(response, form, field, text):
    """The page came back with `text` shown on the form's `field`."""
    assert response.status_code == 200
    errors = response.context[f"{form}_form"].errors.get(field, [])
    assert any(text in message for message in errors), response.context[f"{form}_form"].errors
    assert f'id="id_{form}-{field}_error"' in response.content.decode()


@pytest.fixture
def en_drafts(analyst):
    return ingest(analyst, en_report)


@pytest.fixture
def uk_drafts(analyst):
    return ingest(analyst, uk_report)


@pytest.fixture
def ru_drafts(analyst):
    return ingest(analyst, ru_report)


# ---- Who may -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", READERS)
def test_readers_may_not_see_the_queue_the_runs_or_a_draft(en_drafts, users, client_as, role):
    client = client_as(users[role])
    for url in (
        reverse("intake:draft_queue"),
        reverse("intake:ingest_runs"),
        en_drafts[0].get_absolute_url(),
    ):
        assert client.get(url).status_code == 403, url
    page = client.get(reverse("web:dashboard")).content.decode()
    assert "Review queue" not in page and "Ivan Sydorenko" not in page


@pytest.mark.parametrize("role", READERS)
def test_readers_may_not_decide_and_nothing_changes(en_drafts, registry, users, client_as, role):
    client = client_as(users[role])
    draft = en_drafts[0]
    before = counts()
    posts = [
        (accept_url(draft), accept_post(draft)),
        (reverse("intake:draft_merge", args=[draft.pk]), merge_post(draft, registry.detention)),
        (reverse("intake:draft_reject", args=[draft.pk]), {"reject-reason": "no"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert counts() == before
    assert Draft.objects.get(pk=draft.pk).status == Draft.Status.PENDING


@pytest.mark.parametrize("role", EDITORS)
def test_editors_open_every_page(en_drafts, users, client_as, role):
    client = client_as(users[role])
    for url in (
        reverse("intake:draft_queue"),
        reverse("intake:ingest_runs"),
        en_drafts[0].get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url


def test_an_unknown_draft_is_not_found(analyst, client_as):
    url = reverse("intake:draft_detail", args=["00000000-0000-0000-0000-000000000000"])
    assert client_as(analyst).get(url).status_code == 404


@pytest.mark.parametrize("view", ["draft_accept", "draft_merge", "draft_reject"])
def test_decisions_are_posted_never_got(en_drafts, analyst, client_as, view):
    url = reverse(f"intake:{view}", args=[en_drafts[0].pk])
    assert client_as(analyst).get(url).status_code == 405


# ---- The queue -----------------------------------------------------------------------------


def test_the_queue_lists_pending_drafts_with_their_source(en_drafts, uk_drafts, analyst, client_as):
    response = client_as(analyst).get(reverse("intake:draft_queue"))
    page = response.content.decode()
    assert "<strong>4</strong> drafts wait for review" in page
    assert "Detention of Ivan Sydorenko, Oleh Martynenko in Bryanka" in page
    assert "Detention of 7 people in Bryanka" in page
    assert "Transfer of Petro Koval at СІЗО-2" in page
    assert "Men detained in Bryanka, neighbours say" in page and "Example Herald" in page
    assert "2023-05-14" in page and "2022-07" in page
    assert f'href="{en_drafts[0].get_absolute_url()}#ev-current"' in page
    rows = response.context["page_obj"].object_list
    # Report by report, each in text order.
    assert list(rows) == [*en_drafts, *uk_drafts]


def test_the_queue_filters_by_status_type_source_and_text(en_drafts, uk_drafts, analyst, client_as):
    client = client_as(analyst)
    client.post(reverse("intake:draft_reject", args=[en_drafts[1].pk]), {"reject-reason": ""})

    def listed(**params):
        response = client.get(reverse("intake:draft_queue"), params)
        return set(response.context["page_obj"].object_list)

    assert listed() == {en_drafts[0], *uk_drafts}
    assert listed(status="rejected") == {en_drafts[1]}
    assert listed(status="all") == {*en_drafts, *uk_drafts}
    assert listed(type="transfer") == {uk_drafts[1]}
    assert listed(source=str(uk_drafts[0].source_id)) == set(uk_drafts)
    assert listed(q="Коваля") == set(uk_drafts)
    assert listed(q="Example Herald") == {en_drafts[0]}
    # A filter that does not parse is ignored rather than answered with an error.
    assert listed(type="party", source="nope") == {en_drafts[0], *uk_drafts}
    page = client.get(reverse("intake:draft_queue"), {"status": "all"}).content.decode()
    assert 'class="badge badge-rejected"' in page


def test_the_queue_names_the_source_it_is_filtered_by(uk_drafts, analyst, client_as):
    source = uk_drafts[0].source
    page = (
        client_as(analyst)
        .get(reverse("intake:draft_queue"), {"source": str(source.pk)})
        .content.decode()
    )
    assert f'From the source <a href="{source.get_absolute_url()}">' in page


def test_an_htmx_request_gets_only_the_results(en_drafts, analyst, client_as):
    response = client_as(analyst).get(
        reverse("intake:draft_queue"), {"type": "detention"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="draft-results">')
    assert "<html" not in page and "Ivan Sydorenko" in page


def test_the_queue_pages_by_fifty(analyst, client_as):
    for n in range(26):
        raw, result = en_report()
        result["input"] = f"copy-{n}.html"
        ingest_document(actor=analyst, run=None, raw=raw + str(n).encode(), result=result)
    client = client_as(analyst)
    first = client.get(reverse("intake:draft_queue"))
    second = client.get(reverse("intake:draft_queue"), {"page": 2})
    assert len(first.context["page_obj"].object_list) == 50
    assert len(second.context["page_obj"].object_list) == 2
    assert "Page 2 of 2" in second.content.decode()


def test_the_runs_page_shows_status_counts_and_errors(analyst, client_as):
    run = ingest_run_start(actor=analyst, inputs=["bryanka-en.html", "broken.warc"])
    raw, result = en_report()
    ingest_document(actor=analyst, run=run, raw=raw, result=result)
    ingest_run_error(run=run, input_name="broken.warc", error="not a WARC file")
    ingest_run_finish(actor=analyst, run=run)
    page = client_as(analyst).get(reverse("intake:ingest_runs")).content.decode()
    assert "Completed with errors" in page
    assert "<code>broken.warc</code>: not a WARC file" in page
    assert re.search(r'<td class="num">2</td>\s*<td class="num">1</td>', page)  # docs, new
    assert analyst.username in page


# ---- The draft page ------------------------------------------------------------------------


def test_the_draft_page_highlights_its_evidence_beside_the_source(en_drafts, analyst, client_as):
    first, second = en_drafts
    response = client_as(analyst).get(first.get_absolute_url())
    page = response.content.decode()
    quote = EN_TEXT[first.evidence_start : first.evidence_end]
    assert first.quote == quote
    # Its own evidence is the anchor the links jump to; the names inside are marked too.
    assert re.search(r'<mark class="evidence" id="ev-current" data-evidence="current"', page)
    assert 'data-evidence="person-0"' in page and 'data-evidence="person-1"' in page
    # The source's other draft is marked and linked to its page.
    assert f'data-evidence="draft-{second.pk}"' in page
    assert f'href="{second.get_absolute_url()}#ev-current"' in page
    assert "Men detained in Bryanka, neighbours say" in page
    # The next pending draft is offered.
    assert response.context["review"].following == second
    assert 'rel="next"' in page


def test_the_accept_form_is_prefilled_from_the_draft(uk_drafts, analyst, client_as):
    response = client_as(analyst).get(uk_drafts[1].get_absolute_url())
    form = response.context["accept_form"]
    assert form["type"].value() == "transfer"
    assert form["title"].value() == "Transfer of Petro Koval at СІЗО-2"
    assert form["date_start"].value() == "2023-06"
    assert form["facility"].value() == "drafted"
    assert form["person_0_name"].value() == "Петро Коваль"
    page = response.content.decode()
    assert "As drafted: СІЗО-2, Taganrog (a new record)" in page


def test_the_draft_page_offers_known_people_and_events(en_drafts, registry, analyst, client_as):
    response = client_as(analyst).get(en_drafts[0].get_absolute_url())
    page = response.content.decode()
    review = response.context["review"]
    ivan, oleh = review.people
    assert [c.person for c in ivan.candidates] == [registry.ivan]
    assert oleh.candidates == []
    # The whole name matches: linking is what the form suggests for Ivan, not for Oleh.
    form = response.context["accept_form"]
    assert form["person_0"].value() == f"link:{registry.ivan.pk}"
    assert form["person_1"].value() == "new"
    assert "Іван Петрович Сидоренко · 1998" in page
    assert "As drafted: Bryanka (the existing record)" in page
    assert [c.event for c in review.events] == [registry.detention]
    assert "names Іван Петрович Сидоренко" in page and "Held in Brianka basement" in page


def test_a_decided_draft_shows_who_decided_when_and_the_event(en_drafts, analyst, client_as):
    client = client_as(analyst)
    draft = en_drafts[1]
    client.post(accept_url(draft), accept_post(draft))
    response = client.get(draft.get_absolute_url())
    page = response.content.decode()
    draft.refresh_from_db()
    assert "accept_form" not in response.context
    assert f"by {analyst.username} on {draft.reviewed_at:%Y-%m-%d %H:%M} UTC" in page
    assert f'href="{draft.event.get_absolute_url()}"' in page


# ---- Accepting -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", EDITORS)
def test_accept_with_edits_reuses_the_known_place_and_facility(uk_drafts, users, client_as, role):
    actor = users[role]
    taganrog = services.place_create(
        actor=actor, geonameid=484907, name_en="Taganrog", latitude=47.236, longitude=38.905
    )
    sizo = services.facility_create(
        actor=actor, name="СІЗО-2", kind=Facility.Kind.SIZO, place=taganrog
    )
    draft = uk_drafts[1]
    before = counts()
    response = client_as(actor).post(
        accept_url(draft),
        accept_post(
            draft,
            title="Petro Koval transferred to Taganrog SIZO-2",
            date_start="2023-06-10",
            date_end="2023-06-20",
            description="His wife learned of it from a released cellmate.",
        ),
    )
    event = Event.objects.get(title="Petro Koval transferred to Taganrog SIZO-2")
    assert response.status_code == 302
    assert (event.type, event.date_start, event.date_end) == (
        "transfer",
        "2023-06-10",
        "2023-06-20",
    )
    assert event.description == "His wife learned of it from a released cellmate."
    assert (event.place, event.facility) == (taganrog, sizo)
    assert (Place.objects.count(), Facility.objects.count()) == (
        before["Place"],
        before["Facility"],
    )
    assert [p.names.get().full_name for p in event.victims.all()] == ["Петро Коваль"]
    assert Person.objects.count() == before["Person"] + 1
    assert event.evidence.get().quote == UK_TEXT[draft.evidence_start : draft.evidence_end]
    draft.refresh_from_db()
    assert (draft.status, draft.event, draft.reviewed_by) == ("accepted", event, actor)
    assert AuditEntry.objects.filter(action="draft.accept", object_id=str(draft.pk)).exists()


def test_accept_links_an_existing_person_without_creating_one(
    en_drafts, registry, analyst, client_as
):
    draft = en_drafts[0]
    before = counts()
    client_as(analyst).post(
        accept_url(draft),
        accept_post(draft, person_0=f"link:{registry.ivan.pk}", person_1="skip"),
    )
    event = Event.objects.get(drafts=draft)
    assert list(event.victims.all()) == [registry.ivan]
    assert Person.objects.count() == before["Person"]
    # The mention of his name in the report is evidence for him.
    mention = Evidence.objects.get(person=registry.ivan, source=draft.source)
    assert mention.quote == "Ivan Sydorenko"


def test_accept_links_any_person_by_the_address_of_their_page(
    en_drafts, registry, analyst, client_as
):
    draft = en_drafts[0]
    url = "http://testserver" + registry.protected.get_absolute_url()
    client_as(analyst).post(
        accept_url(draft), accept_post(draft, person_0="skip", person_1="other", person_1_other=url)
    )
    assert list(Event.objects.get(drafts=draft).victims.all()) == [registry.protected]


def test_accept_creates_a_new_person_under_the_edited_name(en_drafts, analyst, client_as):
    draft = en_drafts[0]
    client_as(analyst).post(
        accept_url(draft), accept_post(draft, person_0="skip", person_1_name="Oleh P. Martynenko")
    )
    victim = Event.objects.get(drafts=draft).victims.get()
    assert victim.names.get().full_name == "Oleh P. Martynenko"


def test_accept_can_leave_out_the_drafted_place_or_choose_another(
    ru_drafts, registry, analyst, client_as
):
    draft = ru_drafts[0]
    before = counts()
    client_as(analyst).post(
        accept_url(draft),
        accept_post(draft, place="none", perpetrator_unit=str(registry.unit.pk), person_0="skip"),
    )
    event = Event.objects.get(drafts=draft)
    assert (event.place, event.perpetrator_unit) == (None, registry.unit)
    assert (Place.objects.count(), Unit.objects.count()) == (before["Place"], before["Unit"])


def test_after_a_decision_the_next_pending_draft_of_the_source_opens(en_drafts, analyst, client_as):
    client = client_as(analyst)
    first, second = en_drafts
    response = client.post(accept_url(first), accept_post(first))
    assert response["Location"] == f"{second.get_absolute_url()}#ev-current"
    response = client.post(accept_url(second), accept_post(second))
    assert response["Location"] == reverse("intake:draft_queue")
    page = client.get(reverse("intake:draft_queue")).content.decode()
    assert "<strong>0</strong> drafts wait for review" in page
    assert "“Detention of 7 people in Bryanka” is in the registry" in page


# ---- Merging -------------------------------------------------------------------------------


def test_merge_adds_victims_and_evidence_to_the_event(en_drafts, registry, analyst, client_as):
    draft = en_drafts[0]
    event = registry.detention
    evidence_before = event.evidence.count()
    response = client_as(analyst).post(
        reverse("intake:draft_merge", args=[draft.pk]),
        merge_post(draft, event, person_0=f"link:{registry.ivan.pk}"),
    )
    assert response.status_code == 302
    victims = {p.names.get(is_primary=True).full_name for p in event.victims.all()}
    assert victims == {"Іван Петрович Сидоренко", "Oleh Martynenko"}
    assert event.evidence.count() == evidence_before + 1
    assert event.evidence.filter(source=draft.source, quote=draft.quote).exists()
    draft.refresh_from_db()
    assert (draft.status, draft.event) == ("merged", event)
    page = client_as(analyst).get(draft.get_absolute_url()).content.decode()
    assert "Merged into" in page and event.get_absolute_url() in page


def test_merge_into_any_event_by_its_address(ru_drafts, analyst, client_as):
    draft = ru_drafts[1]
    release = services.event_create(actor=analyst, type=Event.Type.RELEASE, title="Released")
    client_as(analyst).post(
        reverse("intake:draft_merge", args=[draft.pk]),
        {
            "merge-other_event": "http://testserver" + release.get_absolute_url(),
            "merge-person_0": "skip",
            "merge-person_0_name": "",
            "merge-person_0_other": "",
        },
    )
    draft.refresh_from_db()
    assert (draft.status, draft.event) == ("merged", release)


def test_merge_into_an_event_of_another_type_is_refused_on_the_field(
    ru_drafts, registry, analyst, client_as
):
    draft = ru_drafts[1]  # a release
    before = counts()
    response = client_as(analyst).post(
        reverse("intake:draft_merge", args=[draft.pk]),
        merge_post(
            draft, registry.detention, event="", other_event=registry.detention.get_absolute_url()
        ),
    )
    assert_field_error(response, "merge", "other_event", "is a Detention")
    assert counts() == before


def test_merge_needs_an_event(en_drafts, analyst, client_as):
    draft = en_drafts[1]
    response = client_as(analyst).post(
        reverse("intake:draft_merge", args=[draft.pk]), {"merge-event": "", "merge-other_event": ""}
    )
    assert_field_error(response, "merge", "event", "Choose the event to merge into.")
    assert response.context["open_form"] == "merge"


# ---- Rejecting -----------------------------------------------------------------------------


def test_reject_records_the_reason(ru_drafts, analyst, client_as):
    draft = ru_drafts[1]
    before = counts()
    client_as(analyst).post(
        reverse("intake:draft_reject", args=[draft.pk]),
        {"reject-reason": "The release is a rumour the report repeats."},
    )
    draft.refresh_from_db()
    assert draft.status == Draft.Status.REJECTED and draft.event is None
    assert draft.note == "The release is a rumour the report repeats."
    assert draft.reviewed_by == analyst
    assert Event.objects.count() == before["Event"]
    page = client_as(analyst).get(draft.get_absolute_url()).content.decode()
    assert "Reason: The release is a rumour the report repeats." in page


# ---- Refusals ------------------------------------------------------------------------------


def test_a_second_decision_is_refused_and_changes_nothing(en_drafts, registry, analyst, client_as):
    client = client_as(analyst)
    draft = en_drafts[1]
    client.post(accept_url(draft), accept_post(draft))
    before = counts()
    for url, data in [
        (accept_url(draft), accept_post(draft)),
        (reverse("intake:draft_merge", args=[draft.pk]), merge_post(draft, registry.detention)),
        (reverse("intake:draft_reject", args=[draft.pk]), {"reject-reason": "twice"}),
    ]:
        response = client.post(url, data, follow=True)
        page = response.content.decode()
        assert "This draft was already decided. The draft is Accepted." in page, url
    assert counts() == before
    draft.refresh_from_db()
    assert draft.status == Draft.Status.ACCEPTED and draft.note == ""


@pytest.mark.parametrize(
    ("edits", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"title": "   "}, "title", "This field is required."),
        ({"date_start": "2024-02-30"}, "date_start", "is not a day of the calendar"),
        ({"date_start": "30.02.2024"}, "date_start", "is not a date"),
        ({"date_start": "2022-08", "date_end": "2022-07"}, "date_end", "before the start date"),
        ({"unnamed_count": "-3"}, "unnamed_count", "greater than or equal to 0"),
        ({"person_0": "other", "person_0_other": "nobody"}, "person_0_other", "No person"),
        ({"place": "somewhere"}, "place", "Select a valid choice"),
    ],
)
def test_invalid_input_is_shown_on_its_field_and_writes_nothing(
    en_drafts, analyst, client_as, edits, field, message
):
    draft = en_drafts[0]
    before = counts()
    response = client_as(analyst).post(accept_url(draft), accept_post(draft, **edits))
    assert_field_error(response, "accept", field, message)
    assert counts() == before
    assert Draft.objects.get(pk=draft.pk).status == Draft.Status.PENDING


def test_a_person_name_without_letters_is_refused_on_that_person(en_drafts, analyst, client_as):
    draft = en_drafts[0]
    before = counts()
    response = client_as(analyst).post(accept_url(draft), accept_post(draft, person_1_name="12345"))
    assert_field_error(response, "accept", "person_1", "contains no letters")
    assert counts() == before


# ---- Elsewhere in the workbench ------------------------------------------------------------


@pytest.mark.parametrize("role", EDITORS)
def test_editors_see_the_pending_count_in_the_nav_and_on_the_dashboard(
    en_drafts, users, client_as, role
):
    page = client_as(users[role]).get(reverse("web:dashboard")).content.decode()
    assert f'href="{reverse("intake:draft_queue")}">Review queue (2)</a>' in page
    assert 'id="dashboard-pending-drafts">2</a>' in page


def test_the_source_page_links_to_its_drafts_for_editors(en_drafts, analyst, viewer, client_as):
    source = en_drafts[0].source
    link = f"{reverse('intake:draft_queue')}?source={source.pk}&amp;status=all"
    assert link in client_as(analyst).get(source.get_absolute_url()).content.decode()
    assert "intake" not in client_as(viewer).get(source.get_absolute_url()).content.decode()


def test_a_source_without_drafts_has_no_drafts_link(registry, analyst, client_as):
    page = client_as(analyst).get(registry.source.get_absolute_url()).content.decode()
    assert reverse("intake:draft_queue") + "?source=" not in page


def test_ru_report_texts_are_stored_as_written(ru_drafts):
    assert ru_drafts[0].source.text == RU_TEXT
    assert ru_drafts[0].payload["unit"] == {"name": "в/ч 99901", "designation": "99901"}
