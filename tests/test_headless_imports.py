"""Headless commands never import Textual (docs/architecture.md, "Layers" and "Performance"), and a command
loads only its own module: `rehab today` has to start fast. Each runs in a fresh
interpreter that then lists what was imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from cli_helpers import TODAY
from click.testing import CliRunner

from rehab_tui.cli.main import cli

PROBE = """
import json, sys
from rehab_tui.cli.main import cli
try:
    cli(sys.argv[1:], prog_name="rehab")
    code = 0
except SystemExit as exc:
    code = exc.code
textual = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps({"exit": code, "textual": textual, "modules": sorted(sys.modules)}))
"""


@pytest.mark.parametrize(
    "command",
    [
        ("today", "--json"),
        ("done", "stick", "plank"),
        ("done", "plank", "--note", "knee felt hot"),
        ("note", "plank"),
        ("note", "--list"),
        ("streaks", "--json"),
        ("nag",),
        ("settings",),
        ("settings", "snooze_budget", "3"),
        # A keymap is checked against the action table without loading the app.
        ("settings", "keymap", "tick=x"),
        ("report",),
        ("report", "--format", "html"),
    ],
    ids=lambda c: " ".join(c),
)
def test_headless_commands_never_import_textual(tmp_path: Path, command: tuple[str, ...]) -> None:
    report = _run(tmp_path, *command)
    assert report["textual"] == []
    assert (tmp_path / "rehab.db").exists()  # the command really ran against a database


def test_today_loads_neither_export_nor_the_habit_editor(tmp_path: Path) -> None:
    modules = _run(tmp_path, "today", "--json")["modules"]
    assert "rehab_tui.cli.days" in modules
    assert not {
        "rehab_tui.cli.data",
        "rehab_tui.store.merge",
        "rehab_tui.formats.export",
        "rehab_tui.cli.habits",
    } & set(modules)


def test_every_listed_command_loads_under_its_own_name() -> None:
    help_text = CliRunner().invoke(cli, ["--help"]).output
    listed = [line.split()[0] for line in help_text.split("Commands:\n")[1].splitlines() if line.strip()]
    assert listed == sorted(
        "backup calendar check done export habit import nag note pain pause pauses remind report restore resume "
        "serve settings snooze streaks sync today undo unpause unsnooze".split()
    )
    ctx = click.Context(cli)
    for name in listed:
        command = cli.get_command(ctx, name)
        assert isinstance(command, click.Command) and command.name == name
    assert cli.get_command(ctx, "no-such-command") is None


def _run(tmp_path: Path, *command: str) -> dict:
    args = ["--db", str(tmp_path / "rehab.db"), "--today", TODAY, *command]
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.splitlines()[-1])
    assert report["exit"] == 0, proc.stderr
    return report


@pytest.mark.parametrize(
    "command",
    [("today", "--json"), ("nag",), ("remind", "list"), ("remind", "add", "19:30")],
    ids=lambda c: " ".join(c),
)
def test_only_remind_run_imports_apprise(tmp_path: Path, command: tuple[str, ...]) -> None:
    modules = _run(tmp_path, *command)["modules"]
    assert not [m for m in modules if m == "apprise" or m.startswith("apprise.")]
    assert not [m for m in modules if m == "textual" or m.startswith("textual.")]


def test_only_the_html_report_loads_its_charts_and_templates(tmp_path: Path) -> None:
    def loaded(modules: list[str], name: str) -> bool:
        return any(m == name or m.startswith(f"{name}.") for m in modules)

    markdown = _run(tmp_path, "report")["modules"]
    assert not loaded(markdown, "pygal") and not loaded(markdown, "jinja2")
    html = _run(tmp_path, "report", "--format", "html")["modules"]
    assert loaded(html, "pygal") and loaded(html, "jinja2")
    today = _run(tmp_path, "today", "--json")["modules"]
    assert not loaded(today, "pygal") and not loaded(today, "rehab_tui.report")
