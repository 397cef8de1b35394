"""Shared helpers for the command-line tests (docs/architecture.md, "The command line").

Import what you need: `from cli_helpers import run, dump, ...`. pytest puts this
folder on sys.path (tests/ has no __init__.py), so no conftest is involved.

- `run(db, *args)` runs `rehab --db DB --today 2026-11-21 ARGS...` in this
  process through click's CliRunner. An exception that escapes the command is
  re-raised, so a test never mistakes a crash for an `error:` exit.
- `run_process(*args, env=...)` runs `python -m rehab_tui ARGS...` for real.
- `dump(path)` reads every table (and the schema) of an SQLite file, to show
  "nothing written"; `file_bytes` and `folder_state` do the same byte for byte.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlite_utils import Database

from rehab_tui.cli.main import cli

TODAY = "2026-11-21"  # a Saturday
YESTERDAY = "2026-11-20"  # a Friday

DEFAULT_SLUGS = [
    "stick-rolling",
    "lacrosse-ball-glute-release",
    "plank-hip-dips",
    "acupuncture",
    "glute-and-hip-strength",
]


@dataclass(frozen=True)
class Ran:
    """What one run of `rehab` did."""

    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def invoke(*args: object, env: dict[str, str | None] | None = None) -> Ran:
    """`rehab ARGS...` in this process, with REHAB_DB and REHAB_TODAY unset unless given."""
    clean: dict[str, str | None] = {"REHAB_DB": None, "REHAB_TODAY": None, **(env or {})}
    result = CliRunner().invoke(cli, [str(a) for a in args], env=clean, prog_name="rehab")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        # CliRunner swallows exceptions; a real user would have seen a traceback.
        raise result.exception.with_traceback(result.exc_info[2] if result.exc_info else None)
    return Ran(result.exit_code, result.stdout, result.stderr)


def run(
    db: Path | str | None, *args: object, today: str | None = TODAY, env: dict[str, str | None] | None = None
) -> Ran:
    """`rehab --db DB --today TODAY ARGS...` in this process."""
    options: list[object] = []
    if db is not None:
        options += ["--db", db]
    if today is not None:
        options += ["--today", today]
    return invoke(*options, *args, env=env)


def ok(db: Path | str, *args: object, today: str | None = TODAY) -> Ran:
    """Run a command that must succeed."""
    ran = run(db, *args, today=today)
    assert ran.code == 0, f"rehab {' '.join(map(str, args))} failed: {ran.err}"
    return ran


def run_process(*args: object, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 60) -> Ran:
    """`python -m rehab_tui ARGS...` in a real subprocess, REHAB_* unset unless given.

    A run longer than `timeout` seconds raises subprocess.TimeoutExpired.
    """
    base = {k: v for k, v in os.environ.items() if not k.startswith("REHAB_")}
    proc = subprocess.run(
        [sys.executable, "-m", "rehab_tui", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**base, **(env or {})},
        cwd=cwd,
        timeout=timeout,
    )
    return Ran(proc.returncode, proc.stdout, proc.stderr)


TEMPLATE_START = "2026-10-01"


@functools.cache
def _template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="rehab-cli-template-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "rehab.db"
    # The habits start well before the days the tests back-fill: a check-in
    # before a habit's start is refused.
    ok(path, "habit", "list", today=TEMPLATE_START)
    assert not Path(f"{path}-wal").exists(), "the CLI left its write-ahead log behind"
    return path


def new_db(folder: Path, name: str = "rehab.db") -> Path:
    """A rehab database with the default routine, made by the CLI on 2026-10-01.

    Made once per test run and copied: making one (fsyncs and all) takes ten times
    longer than most tests' commands.
    """
    path = folder / name
    shutil.copyfile(_template(), path)
    return path


def assert_error(ran: Ran, *, contains: str | None = None) -> str:
    """One `error:` line on stderr, exit status 1, nothing on stdout, no traceback."""
    assert "Traceback" not in ran.out + ran.err
    assert ran.code == 1, (ran.code, ran.out, ran.err)
    lines = ran.err.splitlines()
    assert len(lines) == 1, ran.err
    assert lines[0].startswith("error: "), ran.err
    assert ran.out == ""
    if contains is not None:
        assert contains.lower() in lines[0].lower(), lines[0]
    return lines[0]


def assert_usage_error(ran: Ran, *, contains: str | None = None) -> str:
    """A usage error (click's: a bad option, argument or choice): exit status 2,
    one `error:` line on stderr (no usage block), no traceback."""
    assert "Traceback" not in ran.out + ran.err
    assert ran.code == 2, (ran.code, ran.out, ran.err)
    lines = ran.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), ran.err
    assert ran.out == ""
    if contains is not None:
        assert contains.lower() in lines[0].lower(), lines[0]
    return lines[0]


# ------------------------------------------------------------ looking at files


def file_bytes(path: Path) -> bytes:
    """A snapshot of a file's bytes."""
    return Path(path).read_bytes()


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file in a folder with its bytes: shows nothing was written beside a file either."""
    return {p.name: p.read_bytes() for p in sorted(Path(folder).iterdir()) if p.is_file()}


def dump(path: Path) -> dict[str, Any]:
    """The schema and every row of every table, in a stable order."""
    assert Path(path).exists(), path
    db = Database(sqlite3.connect(str(path)))
    try:
        tables = {
            name: sorted(
                (tuple(row.items()) for row in db[name].rows),
                key=repr,
            )
            for name in sorted(db.table_names())
        }
        schema = sorted(db.execute("SELECT type, name, sql FROM sqlite_master").fetchall(), key=repr)
        return {"schema": schema, "tables": tables}
    finally:
        db.close()


def rows(path: Path, table: str, where: str | None = None, params: list | tuple = ()) -> list[dict]:
    """The rows of one table (sorted by rowid), read straight from the file."""
    db = Database(sqlite3.connect(str(path)))
    try:
        return list(db[table].rows_where(where, list(params), order_by="rowid"))
    finally:
        db.close()


def snooze_rows(path: Path) -> list[dict]:
    """Each snooze with the area and pain of the reading recorded with it."""
    db = Database(sqlite3.connect(str(path)))
    try:
        return list(
            db.query(
                "SELECT s.*, r.area, r.pain FROM snoozes s LEFT JOIN readings r ON r.snooze_id = s.id ORDER BY s.id"
            )
        )
    finally:
        db.close()


def habit_row(path: Path, slug: str) -> dict:
    found = rows(path, "habits", "slug = ?", [slug])
    assert len(found) == 1, f"no habit {slug}"
    return found[0]


def habit_id(path: Path, slug: str) -> int:
    return habit_row(path, slug)["id"]
