"""The `tracedesk` command, run as a user runs it: a real process, a real port, a real data dir."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("TRACEDESK_DATABASE_URL", "").startswith("postgres"),
    reason="the CLI's embedded mode is SQLite; PostgreSQL is covered by the rest of the suite",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(
    *args: str, data_dir: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACEDESK_", "DJANGO_"))}
    cmd = [sys.executable, "-m", "tracedesk", *args]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, input=stdin, timeout=120)


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.stderr.read()}")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback only
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds}s")


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """`tracedesk demo` into a fresh directory, served on a free port."""
    data_dir = tmp_path_factory.mktemp("demo")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACEDESK_", "DJANGO_"))}
    process = subprocess.Popen(
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
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz", process, seconds=120)
        yield base, data_dir, process
    finally:
        process.terminate()
        process.wait(timeout=20)


def read_banner(process) -> str:
    lines = []
    while True:
        line = process.stdout.readline()
        lines.append(line)
        if line.strip().startswith("demo-viewer"):
            return "".join(lines)


def test_demo_prints_credentials_that_sign_in(demo_server):
    base, data_dir, process = demo_server
    banner = read_banner(process)
    match = re.search(r"^\s*demo\s+(\S+)\s+admin$", banner, re.MULTILINE)
    assert match, banner
    password = match.group(1)

    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_page = opener.open(base + "/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    body = urllib.parse.urlencode(
        {"username": "demo", "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(
        base + "/accounts/login/", data=body, headers={"Referer": base + "/accounts/login/"}
    )
    response = opener.open(request)
    page = response.read().decode()
    assert response.url == base + "/"
    assert "Dashboard" in page
    people = opener.open(base + "/people/?q=Kanareikin").read().decode()
    assert "Канарейкин" in people
    assert (data_dir / "tracedesk.sqlite3").exists()
    assert (data_dir / "secret_key").stat().st_mode & 0o077 == 0


def test_pages_need_a_sign_in(demo_server):
    base, _, _ = demo_server
    response = urllib.request.urlopen(base + "/people/")  # noqa: S310 - loopback only
    assert response.url.startswith(base + "/accounts/login/")


def test_demo_refuses_a_port_in_use(demo_server, tmp_path):
    base, _, _ = demo_server
    port = base.rsplit(":", 1)[1]
    result = run("demo", "--port", port, "--no-browser", data_dir=tmp_path / "second")
    assert result.returncode == 2
    assert f"--port {port}" in result.stderr and "already in use" in result.stderr
    assert not (tmp_path / "second").exists()


def test_an_unwritable_data_dir_is_named(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        result = run("init", data_dir=locked)
    finally:
        locked.chmod(0o700)
    assert result.returncode == 2
    assert "--data-dir" in result.stderr and "not writable" in result.stderr


def test_a_data_dir_that_is_a_file_is_named(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    result = run("init", data_dir=target)
    assert result.returncode == 2
    assert "--data-dir" in result.stderr and "not a directory" in result.stderr


def test_init_then_createuser_then_audit_verify(tmp_path):
    data_dir = tmp_path / "data"
    init = run("init", data_dir=data_dir)
    assert init.returncode == 0, init.stderr
    assert "username: admin" in init.stdout

    created = run(
        "createuser",
        "maria",
        "--role",
        "caseworker",
        "--password-stdin",
        data_dir=data_dir,
        stdin="a long enough passphrase 7\n",
    )
    assert created.returncode == 0, created.stderr
    assert "role: caseworker" in created.stdout and "password" not in created.stdout

    duplicate = run("createuser", "maria", "--role", "viewer", data_dir=data_dir)
    assert duplicate.returncode == 2
    assert "USERNAME" in duplicate.stderr and "taken" in duplicate.stderr

    weak = run(
        "createuser",
        "ivan",
        "--role",
        "viewer",
        "--password-stdin",
        data_dir=data_dir,
        stdin="123\n",
    )
    assert weak.returncode == 2 and "password" in weak.stderr

    verified = run("audit", "verify", data_dir=data_dir)
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith("ok: 2 entries")


def test_an_unknown_role_is_refused_naming_the_argument(tmp_path):
    result = run("createuser", "x", "--role", "superhero", data_dir=tmp_path)
    assert result.returncode == 2
    assert "--role" in result.stderr and "superhero" in result.stderr


def test_serve_needs_an_existing_data_dir(tmp_path):
    result = run("serve", "--port", str(free_port()), data_dir=tmp_path / "missing")
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_token_create_prints_a_token_once_and_names_an_unknown_account(tmp_path):
    data_dir = tmp_path / "data"
    assert run("init", data_dir=data_dir).returncode == 0
    created = run("token", "create", "admin", "--name", "scripts", data_dir=data_dir)
    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith("td_") and len(created.stdout.strip()) > 30
    unknown = run("token", "create", "nobody", "--name", "x", data_dir=data_dir)
    assert unknown.returncode == 2
    assert "USERNAME" in unknown.stderr and "nobody" in unknown.stderr
