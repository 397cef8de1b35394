"""Shell completion for bash, zsh and fish (README: "Shell completion"): the
installed `rehab` script prints each shell's script, and completes commands,
subcommands and options through click's protocol, as the shells call it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REHAB = Path(sys.executable).parent / "rehab"


def complete(shell: str, words: str, cword: int) -> list[str]:
    """What the shell's completion function gets back for `words`, the cursor
    on word number `cword` (counting `rehab` as 0)."""
    env = {
        **os.environ,
        "_REHAB_COMPLETE": f"{shell}_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
    }
    ran = subprocess.run([REHAB], env=env, capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    return ran.stdout.splitlines()


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o nosort -F _rehab_completion rehab"), ("zsh", "#compdef rehab"), ("fish", "complete")],
)
def test_each_shell_gets_its_script(shell: str, marker: str) -> None:
    env = {**os.environ, "_REHAB_COMPLETE": f"{shell}_source"}
    ran = subprocess.run([REHAB], env=env, capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    assert marker in ran.stdout
    assert "_REHAB_COMPLETE" in ran.stdout


def test_bash_completes_commands_and_subcommands() -> None:
    assert complete("bash", "rehab do", 1) == ["plain,done"]
    assert complete("bash", "rehab habit ed", 2) == ["plain,edit"]
    assert "plain,unsnooze" in complete("bash", "rehab un", 1)


def test_bash_completes_options() -> None:
    assert "plain,--reason" in complete("bash", "rehab snooze --re", 2)


def test_completion_writes_no_database(tmp_path: Path) -> None:
    db = tmp_path / "rehab.db"
    env_words = f"rehab --db {db} do"
    assert complete("bash", env_words, 3) == ["plain,done"]
    assert not db.exists()
