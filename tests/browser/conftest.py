import os
import shutil

import pytest

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    return (
        os.environ.get("TRACEDESK_BROWSER")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; `playwright install` would need the network."""
    path = chromium_path()
    if not path:
        if os.environ.get("TRACEDESK_REQUIRE_BROWSER"):
            pytest.fail("TRACEDESK_REQUIRE_BROWSER is set but no chromium was found")
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django must not think it is async-unsafe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
