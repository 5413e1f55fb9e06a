"""Docs are part of the change: settings and commands must be documented."""

import re
from pathlib import Path

from tracedesk.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_variable_is_documented():
    source = (ROOT / "src/tracedesk/config/settings.py").read_text()
    used = set(re.findall(r"TRACEDESK_[A-Z_]+", source))
    documented = (ROOT / "docs/reference/settings.md").read_text()
    missing = sorted(name for name in used if f"`{name}`" not in documented)
    assert not missing, f"undocumented settings: {missing}"


def test_every_cli_command_is_documented():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    documented = (ROOT / "docs/reference/cli.md").read_text()
    missing = sorted(name for name in commands if f"## tracedesk {name}" not in documented)
    assert not missing, f"undocumented commands: {missing}"


def test_cli_reference_is_generated_from_the_current_help():
    from scripts.gen_cli_docs import render

    assert (ROOT / "docs/reference/cli.md").read_text() == render(), (
        "run: python scripts/gen_cli_docs.py"
    )
