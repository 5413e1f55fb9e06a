"""A person's path through the workbench in a real browser."""

import pytest
from tests.conftest import PASSWORD, make_user
from tests.factories.registry import build_registry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def test_analyst_finds_a_cyrillic_name_with_a_latin_query(live_server, page, tmp_path):
    analyst = make_user("analyst", "olena")
    registry = build_registry(analyst)
    sign_in(page, live_server.url, "olena")

    page.fill("header input[name=q]", "Sydorenko")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search/?q=Sydorenko")
    link = page.get_by_role("link", name="Іван Петрович Сидоренко")
    link.click()

    page.wait_for_url(live_server.url + registry.ivan.get_absolute_url())
    assert "Іван Петрович Сидоренко" in page.locator("h1").inner_text()
    assert page.get_by_text("Held in Brianka basement").first.is_visible()
    page.screenshot(path=str(tmp_path / "person.png"), full_page=True)


def test_viewer_sees_the_pseudonym_not_the_legal_name(live_server, page):
    analyst = make_user("analyst", "olena")
    build_registry(analyst)
    make_user("viewer", "guest")
    sign_in(page, live_server.url, "guest")

    page.goto(live_server.url + "/people/")
    body = page.locator("main").inner_text()
    assert "Ivan S." in body
    assert "Сидоренко" not in body and "Канарейкин" not in body
