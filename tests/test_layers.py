"""The layers hold: import-linter checks the contracts in pyproject.toml (the
domain imports nothing else of ours, the store and the file formats only the
domain, the app never the command line, the nag line nothing of ours)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lint_imports() -> str:
    beside = Path(sys.executable).parent / "lint-imports"
    found = str(beside) if beside.exists() else shutil.which("lint-imports")
    assert found, "lint-imports is not installed (the `test` extra has import-linter)"
    return found


def test_every_import_contract_is_kept() -> None:
    # This tree's package, not an installed one, is what gets analysed.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    ran = subprocess.run([lint_imports(), "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "0 broken" in ran.stdout
