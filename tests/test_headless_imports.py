"""Headless commands never import Textual (DESIGN.md §1 and §9): `rehab today` has
to start fast. Each runs in a fresh interpreter that then lists what was imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import TODAY

PROBE = """
import json, sys
from rehab_tui.cli.main import cli
try:
    cli(sys.argv[1:], prog_name="rehab")
    code = 0
except SystemExit as exc:
    code = exc.code
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps({"exit": code, "textual": loaded}))
"""


@pytest.mark.parametrize(
    "command",
    [("today", "--json"), ("done", "stick", "plank"), ("streaks", "--json"), ("nag",)],
    ids=lambda c: " ".join(c),
)
def test_headless_commands_never_import_textual(tmp_path: Path, command: tuple[str, ...]) -> None:
    args = ["--db", str(tmp_path / "rehab.db"), "--today", TODAY, *command]
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.splitlines()[-1])
    assert report["exit"] == 0, proc.stderr
    assert report["textual"] == []
    assert (tmp_path / "rehab.db").exists()  # the command really ran against a database
