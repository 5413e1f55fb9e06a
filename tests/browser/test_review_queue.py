"""An analyst works through the review queue in a real browser."""

import pytest
from tests.browser.test_end_to_end import sign_in
from tests.conftest import make_user
from tests.factories.review import en_report, ingest

from tracedesk.intake.models import Draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_accepts_a_draft_and_lands_on_the_next(live_server, page, tmp_path):
    analyst = make_user("analyst", "olena")
    first, second = ingest(analyst, en_report)
    sign_in(page, live_server.url, "olena")

    page.get_by_role("link", name="Review queue (2)").click()
    page.wait_for_url("**/intake/")
    assert "2 drafts wait for review" in page.locator("#pending-count").inner_text()
    page.get_by_role("link", name=first.payload["title"]).click()

    page.wait_for_url(f"**{first.get_absolute_url()}#ev-current")
    evidence = page.locator("mark#ev-current")
    assert evidence.is_visible()
    assert "soldiers detained Ivan Sydorenko" in evidence.inner_text()
    # The passage sits inside the source pane's visible part, the draft's header in the page's.
    assert evidence.bounding_box()["y"] < 900
    assert page.locator("h1").bounding_box()["y"] >= 0
    page.screenshot(path=str(tmp_path / "draft.png"), full_page=True)

    form = page.locator("#accept form")
    form.get_by_label("Title").fill("Ivan Sydorenko and Oleh Martynenko detained in Bryanka")
    form.get_by_role("button", name="Accept and create the event").click()

    page.wait_for_url(f"**{second.get_absolute_url()}#ev-current")
    assert "is in the registry" in page.locator(".messages").inner_text()
    assert "Review queue (1)" in page.locator("header.topbar").inner_text()

    first.refresh_from_db()
    assert first.status == Draft.Status.ACCEPTED
    page.goto(live_server.url + first.get_absolute_url())
    page.get_by_role("link", name="Ivan Sydorenko and Oleh Martynenko detained in Bryanka").click()
    page.wait_for_url(f"**{first.event.get_absolute_url()}")
    assert (
        "Ivan Sydorenko and Oleh Martynenko detained in Bryanka" in page.locator("h1").inner_text()
    )
    assert "Oleh Martynenko" in page.locator("main").inner_text()
