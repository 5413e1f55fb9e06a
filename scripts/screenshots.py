"""Take screenshots of the main workbench pages into docs/screenshots/.

Starts `tracedesk demo` in a temporary data dir on a free port, signs in as the demo admin
in Debian's Chromium (Playwright with executable_path) and saves one PNG per page.

Run: .venv/bin/python scripts/screenshots.py
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="tracedesk-shots-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACEDESK_")}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tracedesk",
            "demo",
            "--data-dir",
            str(data_dir),
            "--port",
            str(port),
            "--no-browser",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        banner = ""
        while "demo-viewer" not in banner:
            banner += server.stdout.readline()
        password = re.search(r"^\s*demo\s+(\S+)\s+admin$", banner, re.MULTILINE).group(1)
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS
            )
            page = browser.new_page(viewport={"width": 1360, "height": 900})
            page.goto(base + "/accounts/login/")
            page.screenshot(path=str(OUT / "login.png"))
            page.fill("input[name=username]", "demo")
            page.fill("input[name=password]", password)
            page.click("button[type=submit]")
            page.wait_for_url(base + "/")
            shots = {
                "dashboard": "/",
                "people": "/people/",
                "events": "/events/",
                "map": "/facilities/map/",
                "sources": "/sources/",
                "tracing": "/tracing/",
                "review-queue": "/intake/",
            }
            for name, path in shots.items():
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=name != "map")
            # The first person, event, source and tracing request in each list.
            for name, path, selector in [
                ("person", "/people/?q=Канарейкин", "main table a[href^='/people/']"),
                ("event", "/events/", "main table a[href^='/events/']"),
                ("source", "/sources/", "main table a[href^='/sources/']"),
                ("facility", "/facilities/", "main table a[href^='/facilities/']"),
                ("tracing-request", "/tracing/", "main table a[href^='/tracing/']"),
                ("draft", "/intake/", "main table a[href^='/intake/drafts/']"),
            ]:
                page.goto(base + path)
                page.locator(selector).first.click()
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(data_dir, ignore_errors=True)
    for png in sorted(OUT.glob("*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
