"""Source pages, the raw snapshot and evidence through the test client, for every role."""

import hashlib
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tracedesk.accounts.models import Role
from tracedesk.audit.models import AuditEntry
from tracedesk.registry import services
from tracedesk.registry.models import Event, Evidence, Source
from tracedesk.registry.views.sources import Span, highlight

READERS = [Role.VIEWER, Role.CASEWORKER]
EDITORS = [Role.ANALYST, Role.ADMIN]
ALL_ROLES = READERS + EDITORS


def source_post(**overrides):
    data = {
        "title": "Mothers search for their sons",
        "kind": Source.Kind.NEWS,
        "url": "https://example.org/b",
        "outlet": "Example",
        "published": "2022-07-20",
        "language": "en",
        "reliability": "B",
        "sensitivity": "normal",
        "text": "Relatives learned of the basement from a news report.",
    }
    data.update(overrides)
    return data


def assert_field_error(response, field, text):
    """The form came back with `text` shown on `field`, not only somewhere on the page."""
    assert response.status_code == 200
    errors = response.context["form"].errors.get(field, [])
    assert any(text in message for message in errors), response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()


class MarkParser(HTMLParser):
    """Collect the text and check that <mark> elements nest properly."""

    def __init__(self):
        super().__init__()
        self.text, self.depth, self.max_depth, self.ids = [], 0, 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
            attrs = dict(attrs)
            if "id" in attrs:
                self.ids.append(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "mark":
            self.depth -= 1
            assert self.depth >= 0

    def handle_data(self, data):
        self.text.append(data)


def parse(html):
    """Parse highlighted HTML, leaving out the footnote links after each span."""
    html = re.sub(r"<sup>.*?</sup>", "", html)
    parser = MarkParser()
    parser.feed(html)
    parser.close()
    return parser


# ---- The highlighter -----------------------------------------------------------------------


def test_highlight_nests_overlapping_spans_and_keeps_the_text():
    text = "abcdefghij"
    spans = [Span("a", 1, 6, "one", 1), Span("b", 3, 9, "two", 2), Span("c", 4, 5, "three", 3)]
    html = highlight(text, spans)
    parsed = parse(html)
    assert "".join(parsed.text) == text
    assert parsed.depth == 0 and parsed.max_depth == 3
    # Each span's id appears once, on its first piece.
    assert sorted(parsed.ids) == ["ev-a", "ev-b", "ev-c"]
    assert html.count('data-evidence="b"') == 2  # "b" is cut where "a" ends and reopened
    assert html.startswith('a<mark class="evidence" id="ev-a"')
    assert html.count("<sup>") == 3


def test_highlight_escapes_text_and_labels():
    html = highlight('<b onclick="x">&', [Span("k", 0, 3, '"><script>', 1)])
    assert "<b " not in html and "<script>" not in html
    assert ">&lt;b </mark>" in html and "onclick=&quot;x&quot;&gt;&amp;" in html
    assert 'title="[1] &quot;&gt;&lt;script&gt;"' in html


def test_highlight_ignores_spans_outside_the_text():
    assert highlight("short", [Span("x", 10, 20, "gone", 1)]) == "short"


# ---- Reading -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees_testimony"),
    [(Role.VIEWER, False), (Role.CASEWORKER, True), (Role.ANALYST, True)],
)
def test_the_source_list_hides_testimonies_from_viewers(
    registry, users, client_as, role, sees_testimony
):
    response = client_as(users[role]).get(reverse("registry:source_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Soldiers held in Brianka" in page
    assert ("Testimony of a relative" in page) is sees_testimony
    assert (reverse("registry:source_create") in page) is (role == Role.ANALYST)


def test_the_source_list_filters_and_searches(registry, analyst, client_as):
    client = client_as(analyst)
    url = reverse("registry:source_list")
    assert list(client.get(url, {"kind": "testimony"}).context["page_obj"]) == [registry.testimony]
    assert list(client.get(url, {"q": "example.org"}).context["page_obj"]) == [registry.source]
    response = client.get(url, {"q": "Brianka"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.startswith('<div id="source-results">') and "<html" not in page
    assert "Soldiers held in Brianka" in page and "Testimony" not in page


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_source_page_highlights_its_evidence(registry, users, client_as, role):
    evidence = registry.source.evidence.get()
    response = client_as(users[role]).get(registry.source.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        f'In July 2022 <mark class="evidence" id="ev-{evidence.pk}" data-evidence="{evidence.pk}" '
        'title="[1] Event · Held in Brianka basement">'
        "Ivan Sydorenko was held in a basement in Brianka</mark>"
    ) in page
    assert f'id="evidence-{evidence.pk}"' in page
    assert registry.detention.get_absolute_url() in page
    assert reverse("registry:source_raw", args=[registry.source.pk]) in page
    assert registry.source.sha256 in page
    assert (reverse("registry:evidence_retract", args=[evidence.pk]) in page) is (role in EDITORS)


def test_retracted_evidence_and_evidence_for_rejected_events_are_not_highlighted_for_readers(
    registry, analyst, viewer, client_as
):
    text = registry.source.text
    rejected = services.event_create(
        actor=analyst, type=Event.Type.ABUSE, title="A rumour of beatings", verification="rejected"
    )
    rumour = services.evidence_create(
        actor=analyst,
        source=registry.source,
        start=text.index("his mother"),
        end=len(text) - 1,
        event=rejected,
    )
    withdrawn = services.evidence_create(
        actor=analyst, source=registry.source, start=0, end=12, event=registry.detention
    )
    services.evidence_retract(actor=analyst, evidence=withdrawn, reason="Wrong month.")
    page = client_as(viewer).get(registry.source.get_absolute_url()).content.decode()
    assert f"ev-{withdrawn.pk}" not in page
    assert f"ev-{rumour.pk}" not in page and "A rumour of beatings" not in page
    page = client_as(analyst).get(registry.source.get_absolute_url()).content.decode()
    assert f'id="ev-{rumour.pk}"' in page and f"ev-{withdrawn.pk}" not in page


def test_the_source_page_names_the_person_as_the_role_may_see_them(
    registry, analyst, viewer, client_as
):
    services.evidence_create(
        actor=analyst, source=registry.source, start=13, end=27, claim="name", person=registry.ivan
    )
    viewer_page = client_as(viewer).get(registry.source.get_absolute_url()).content.decode()
    assert "Person&#x27;s name · Ivan S." in viewer_page and "Іван" not in viewer_page
    analyst_page = client_as(analyst).get(registry.source.get_absolute_url()).content.decode()
    assert "Іван Петрович Сидоренко" in analyst_page


def test_overlapping_evidence_is_split_into_well_nested_marks(registry, analyst, client_as):
    text = registry.source.text
    first = services.evidence_create(
        actor=analyst,
        source=registry.source,
        start=0,
        end=text.index(" was"),
        event=registry.detention,
    )
    page = client_as(analyst).get(registry.source.get_absolute_url()).content.decode()
    article = page.split('<article class="source-text">', 1)[1].split("</article>", 1)[0]
    parsed = parse(article)
    assert "".join(parsed.text) == text
    assert parsed.depth == 0 and parsed.max_depth == 2
    assert f"ev-{first.pk}" in parsed.ids and len(parsed.ids) == 2


def test_the_source_page_escapes_html_in_the_text(registry, analyst, client_as):
    text = 'Before <script>alert("x")</script> after & more.'
    source = services.source_create(actor=analyst, title="<b>Hostile</b> page", text=text)
    services.evidence_create(
        actor=analyst,
        source=source,
        start=text.index("<script>"),
        end=text.index(" after"),
        event=registry.detention,
    )
    page = client_as(analyst).get(source.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "<b>Hostile" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</mark>" in page
    assert "after &amp; more." in page


def test_viewers_get_404_for_testimonies(registry, viewer, caseworker, client_as):
    for name in ["registry:source_detail", "registry:source_raw"]:
        url = reverse(name, args=[registry.testimony.pk])
        assert client_as(viewer).get(url).status_code == 404
        assert client_as(caseworker).get(url).status_code == 200
    assert AuditEntry.objects.filter(action="source.view_sensitive", actor=caseworker).exists()


def test_the_raw_snapshot_is_a_download_never_a_page(registry, analyst, client_as):
    raw = b"<html><body><script>alert(1)</script>Held in Brianka</body></html>"
    source = services.source_create(
        actor=analyst,
        title="Saved page",
        text="Held in Brianka",
        raw=raw,
        content_type="text/html; charset=utf-8",
    )
    response = client_as(analyst).get(reverse("registry:source_raw", args=[source.pk]))
    assert response.status_code == 200
    assert response.content == raw
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert (
        response["Content-Disposition"] == f'attachment; filename="source-{source.short_id}.html"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"


# ---- Writing sources -----------------------------------------------------------------------


@pytest.mark.parametrize("role", EDITORS)
def test_editors_store_a_typed_source(registry, users, client_as, role):
    response = client_as(users[role]).post(
        reverse("registry:source_create"), source_post(), follow=True
    )
    source = Source.objects.get(title="Mothers search for their sons")
    assert response.redirect_chain[-1][0] == source.get_absolute_url()
    assert "Source stored." in response.content.decode()
    assert source.sha256 == hashlib.sha256(source_post()["text"].encode()).hexdigest()
    assert (source.reliability, str(source.published), source.outlet) == (
        "B",
        "2022-07-20",
        "Example",
    )
    assert AuditEntry.objects.filter(
        action="source.create", object_id=str(source.pk), actor=users[role]
    ).exists()


def test_an_uploaded_document_is_stored_once(registry, analyst, client_as):
    client = client_as(analyst)
    raw = "Родичі дізналися про підвал з новин.".encode()

    def upload(title):
        document = SimpleUploadedFile("page.txt", raw, content_type="text/plain")
        return client.post(
            reverse("registry:source_create"),
            source_post(title=title, text="", raw=document),
            follow=True,
        )

    first = upload("First upload")
    source = Source.objects.get(sha256=hashlib.sha256(raw).hexdigest())
    assert source.title == "First upload" and source.size == len(raw)
    assert (
        source.text == "Родичі дізналися про підвал з новин."
    )  # a plain-text upload gives the text
    assert "Source stored." in first.content.decode()
    second = upload("Second upload")
    assert second.redirect_chain[-1][0] == source.get_absolute_url()
    assert "already stored" in second.content.decode()
    assert Source.objects.filter(sha256=source.sha256).count() == 1
    assert not Source.objects.filter(title="Second upload").exists()
    assert AuditEntry.objects.filter(action="source.create", object_id=str(source.pk)).count() == 1
    raw_response = client.get(reverse("registry:source_raw", args=[source.pk]))
    assert raw_response.content == raw and raw_response["Content-Type"] == "text/plain"


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"title": ""}, "title", "This field is required"),
        ({"title": "   "}, "title", "This field is required"),
        ({"text": ""}, "text", "needs its raw bytes or its text"),
        ({"url": "not a url"}, "url", "Enter a valid URL"),
        ({"published": "July 2022"}, "published", "Enter a valid date"),
        ({"language": "ukrainian!"}, "language", "at most 8 characters"),
    ],
)
def test_a_bad_source_is_refused_on_its_field_and_nothing_is_stored(
    registry, analyst, client_as, overrides, field, text
):
    before = Source.objects.count()
    response = client_as(analyst).post(reverse("registry:source_create"), source_post(**overrides))
    assert_field_error(response, field, text)
    assert Source.objects.count() == before


def test_an_analyst_edits_a_sources_metadata_but_not_its_text(registry, analyst, client_as):
    client = client_as(analyst)
    url = reverse("registry:source_edit", args=[registry.source.pk])
    assert client.get(url).context["form"].initial["title"] == "Soldiers held in Brianka"
    text = registry.source.text
    response = client.post(url, source_post(title="Soldiers held in Bryanka", text="Replaced text"))
    assert response.status_code == 302
    registry.source.refresh_from_db()
    assert registry.source.title == "Soldiers held in Bryanka"
    assert registry.source.text == text
    entry = AuditEntry.objects.get(action="source.update", object_id=str(registry.source.pk))
    assert entry.data["changed"]["title"] == [
        "Soldiers held in Brianka",
        "Soldiers held in Bryanka",
    ]


# ---- Evidence ------------------------------------------------------------------------------


def test_an_analyst_ties_a_quote_to_an_event(registry, analyst, client_as):
    client = client_as(analyst)
    url = reverse("registry:evidence_create", args=[registry.source.pk])
    form_page = client.get(url).content.decode()
    assert "Held in Brianka basement" in form_page and "Іван Петрович Сидоренко · 1998" in form_page
    response = client.post(
        url, {"quote": "his mother said", "claim": "status", "person": str(registry.ivan.pk)}
    )
    evidence = Evidence.objects.get(quote="his mother said")
    assert response.status_code == 302
    assert response["Location"] == f"{registry.source.get_absolute_url()}#ev-{evidence.pk}"
    text = registry.source.text
    assert (evidence.start, evidence.end) == (
        text.index("his mother"),
        text.index("his mother") + 15,
    )
    assert (evidence.person, evidence.claim, evidence.created_by) == (
        registry.ivan,
        "status",
        analyst,
    )
    assert AuditEntry.objects.filter(action="evidence.create", object_id=str(evidence.pk)).exists()


def test_an_analyst_ties_offsets_to_an_event(registry, analyst, client_as):
    url = reverse("registry:evidence_create", args=[registry.source.pk])
    response = client_as(analyst).post(
        url,
        {
            "start": "0",
            "end": "12",
            "claim": "event",
            "event": str(registry.detention.pk),
            "note": "The date.",
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(note="The date.")
    assert (evidence.quote, evidence.event) == ("In July 2022", registry.detention)


@pytest.mark.parametrize(
    ("data", "field", "text"),
    [
        ({"quote": "his father said", "event": "detention"}, "quote", "not in the source"),
        ({"quote": "", "event": "detention"}, "quote", "Give a quote, or both"),
        ({"start": "5", "end": "", "event": "detention"}, "quote", "Give a quote, or both"),
        ({"quote": "Ivan", "start": "0", "end": "4", "event": "detention"}, "quote", "not both"),
        ({"start": "10", "end": "5000", "event": "detention"}, "start", "outside the source text"),
        ({"start": "10", "end": "5", "event": "detention"}, "start", "outside the source text"),
        ({"quote": "Ivan"}, "claim", "must support an event or a person"),
        (
            {"quote": "Ivan", "event": "00000000-0000-0000-0000-000000000000"},
            "event",
            "Select a valid choice",
        ),
    ],
)
def test_bad_evidence_is_refused_on_its_field_and_nothing_is_stored(
    registry, analyst, client_as, data, field, text
):
    if data.get("event") == "detention":
        data["event"] = str(registry.detention.pk)
    data.setdefault("claim", "event")
    before = Evidence.objects.count()
    response = client_as(analyst).post(
        reverse("registry:evidence_create", args=[registry.source.pk]), data
    )
    assert_field_error(response, field, text)
    assert Evidence.objects.count() == before


def test_an_analyst_retracts_evidence_with_a_reason(registry, analyst, client_as):
    client = client_as(analyst)
    evidence = registry.source.evidence.get()
    url = reverse("registry:evidence_retract", args=[evidence.pk])
    assert evidence.quote in client.get(url).content.decode()
    response = client.post(url, {"reason": ""})
    assert_field_error(response, "reason", "This field is required")
    evidence.refresh_from_db()
    assert evidence.retracted_at is None
    response = client.post(url, {"reason": "The outlet corrected the story."}, follow=True)
    assert response.redirect_chain[-1][0] == registry.source.get_absolute_url()
    evidence.refresh_from_db()
    assert (
        evidence.retracted_at is not None
        and evidence.retraction_reason == "The outlet corrected the story."
    )
    assert f'id="ev-{evidence.pk}"' not in response.content.decode()
    assert AuditEntry.objects.filter(action="evidence.retract", object_id=str(evidence.pk)).exists()
    # Retracting twice is refused with the service's reason, and the first reason stays.
    again = client.post(url, {"reason": "Again."})
    assert "Already retracted." in again.content.decode()
    evidence.refresh_from_db()
    assert evidence.retraction_reason == "The outlet corrected the story."


def test_unknown_evidence_is_not_found(registry, analyst, client_as):
    url = reverse("registry:evidence_retract", args=["00000000-0000-0000-0000-000000000000"])
    assert client_as(analyst).post(url, {"reason": "x"}).status_code == 404


@pytest.mark.parametrize("role", READERS)
def test_readers_may_not_open_or_post_any_source_or_evidence_editor(
    registry, users, client_as, role
):
    client = client_as(users[role])
    evidence = registry.source.evidence.get()
    sources_before, evidence_before = Source.objects.count(), Evidence.objects.count()
    for url, data in [
        (reverse("registry:source_create"), source_post()),
        (reverse("registry:source_edit", args=[registry.source.pk]), source_post(title="Changed")),
        (
            reverse("registry:source_edit", args=[registry.testimony.pk]),
            source_post(title="Changed"),
        ),
        (
            reverse("registry:evidence_create", args=[registry.source.pk]),
            {"quote": "Ivan", "event": str(registry.detention.pk), "claim": "event"},
        ),
        (reverse("registry:evidence_retract", args=[evidence.pk]), {"reason": "Because."}),
    ]:
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
    assert (Source.objects.count(), Evidence.objects.count()) == (sources_before, evidence_before)
    registry.source.refresh_from_db()
    evidence.refresh_from_db()
    assert registry.source.title == "Soldiers held in Brianka" and evidence.retracted_at is None
