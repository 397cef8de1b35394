"""Files that are not (or no longer) a usable rehab database, through the CLI.

Each gets one `error:` line on stderr, exit status 1, no traceback, and the file
(and its folder) left exactly as it was (docs/architecture.md, "Errors" and "Storage and safety").
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from collections.abc import Callable
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlite_utils import Database

from rehab_tui.cli.main import cli
from rehab_tui.store import Store

TODAY = "2026-11-21"

# A command that only reads, and one that writes.
COMMANDS = [["today", "--json"], ["done", "stick"], ["habit", "list", "--json"]]


def rehab(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "--today", TODAY, *args])


def folder_state(folder: Path) -> dict[str, str]:
    """Every entry of the folder with a digest of its bytes (or 'dir')."""
    state = {}
    for entry in sorted(folder.rglob("*")):
        key = str(entry.relative_to(folder))
        state[key] = "dir" if entry.is_dir() else hashlib.sha256(entry.read_bytes()).hexdigest()
    return state


def assert_refused(result: Result) -> None:
    assert result.exit_code == 1, (result.output, result.stderr)
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert result.stdout == ""


# ------------------------------------------------------------ the bad files


def text_file(path: Path) -> None:
    path.write_text("Stick rolling, done\nPlank hip dips, done\n")


def empty_file(path: Path) -> None:
    path.write_bytes(b"")


def sqlite_header_then_junk(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)


def other_app_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.executemany("INSERT INTO notes (body) VALUES (?)", [("buy milk",), ("call physio",)])
    conn.commit()
    conn.close()


def other_app_wal_database(path: Path) -> None:
    db = Database(path)
    db.enable_wal()
    db["runs"].insert_all([{"km": 5.2, "day": "2026-11-20"}, {"km": 8.0, "day": "2026-11-21"}])
    db.close()


def other_sqlite_utils_app(path: Path) -> None:
    # Another tool built on sqlite-utils' Migrations: it has a _sqlite_migrations
    # table too, but for its own migration set.
    from sqlite_utils import Migrations

    theirs = Migrations("shopping")

    @theirs()
    def m001_lists(db: Database) -> None:
        db["lists"].create({"id": int, "name": str}, pk="id")

    db = Database(path)
    theirs.apply(db)
    db["lists"].insert({"name": "groceries"})
    db.close()


def empty_sqlite_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")  # writes page 1: a valid, table-less database
    conn.close()


def rehab_database_with_history(path: Path) -> None:
    today = date(2026, 11, 21)
    # The routine starts on the first day of the history: a check-in before a
    # habit's start is refused.
    store = Store.open(path, today - timedelta(days=1499))
    habits = store.habits()
    store.load_history(today, ((h.id, today - timedelta(days=i)) for h in habits for i in range(1500)))
    store.close()


def truncated_rehab_database(path: Path) -> None:
    rehab_database_with_history(path)
    data = path.read_bytes()
    assert len(data) // 4096 >= 20, "the database should span many pages"
    path.write_bytes(data[: len(data) // 2])


def newer_rehab_database(path: Path) -> None:
    Store.open(path, date(2026, 11, 21)).close()
    db = Database(path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "rehab", "name": "m003_from_the_future", "applied_at": "2027-01-01 00:00:00+00:00"}
    )
    db.close()


def folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("keep me")


def read_only_rehab_database(path: Path) -> None:
    Store.open(path, date(2026, 11, 21)).close()
    path.chmod(0o444)


BAD_FILES: dict[str, Callable[[Path], None]] = {
    "text file": text_file,
    "empty file": empty_file,
    "SQLite header then junk": sqlite_header_then_junk,
    "another application's SQLite database": other_app_database,
    "another application's WAL database": other_app_wal_database,
    "another sqlite-utils application with migrations": other_sqlite_utils_app,
    "an SQLite database with no tables": empty_sqlite_database,
    "truncated rehab database": truncated_rehab_database,
    "rehab database from a newer schema": newer_rehab_database,
    "a folder": folder,
    "read-only rehab database": read_only_rehab_database,
}

EXPECTED_WORDS = {
    "text file": "not an SQLite file",
    "SQLite header then junk": "damaged",
    "empty file": "empty",
    "another application's SQLite database": "another application",
    "another application's WAL database": "another application",
    "another sqlite-utils application with migrations": "another application",
    "an SQLite database with no tables": "another application",
    "truncated rehab database": "damaged",
    "rehab database from a newer schema": "newer version",
    "a folder": "folder",
    "read-only rehab database": "read-only",
}


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_is_refused_and_left_alone(tmp_path: Path, kind: str, command: list[str]) -> None:
    home = tmp_path / "data"
    home.mkdir()
    path = home / "rehab.db"
    BAD_FILES[kind](path)
    before = folder_state(home)
    mode = os.stat(path).st_mode

    result = rehab(path, *command)

    if kind == "read-only rehab database" and command[0] != "done":
        # A read-only file opens read-only for a command that only reads (issue #10).
        assert result.exit_code == 0, result.stderr
        assert folder_state(home) == before
        return
    assert_refused(result)
    if kind in EXPECTED_WORDS:
        assert EXPECTED_WORDS[kind] in result.stderr, result.stderr
    assert str(path) in result.stderr
    assert folder_state(home) == before  # the file byte-identical, nothing beside it
    assert os.stat(path).st_mode == mode


def test_the_read_only_file_is_refused_by_its_mode_bits(tmp_path: Path) -> None:
    # Running as root, write permission never stops a write: the store has to
    # look at the mode bits itself.
    path = tmp_path / "rehab.db"
    read_only_rehab_database(path)
    assert stat.S_IMODE(os.stat(path).st_mode) & 0o222 == 0
    result = rehab(path, "done", "stick")
    assert_refused(result)
    assert "read-only" in result.stderr


def test_a_good_file_after_the_bad_ones_still_works(tmp_path: Path) -> None:
    # The same commands that refused the bad files succeed on a good one, so the
    # refusals above are about the files and not the commands.
    path = tmp_path / "rehab.db"
    rehab_database_with_history(path)
    for command in COMMANDS:
        result = rehab(path, *command)
        assert result.exit_code == 0, (command, result.output, result.stderr)


def test_a_path_in_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    # A typo in a folder's name must not grow a tree of folders (issue #11).
    path = tmp_path / "not" / "yet" / "there" / "rehab.db"
    result = rehab(path, "done", "stick")
    assert_refused(result)
    assert "does not exist" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_new_path_in_an_existing_folder_is_created_and_announced(tmp_path: Path) -> None:
    path = tmp_path / "rehab.db"
    result = rehab(path, "done", "stick")
    assert result.exit_code == 0, (result.output, result.stderr)
    assert (
        result.stderr
        == f"new database at {path}, with an example routine to make your own (rehab habit list; in the app, h)\n"
    )
    assert "Stick rolling done on 2026-11-21" in result.output
    assert path.is_file()

    listing = rehab(path, "today", "--json")
    assert listing.exit_code == 0, listing.stderr
    assert '"status": "done"' in listing.output
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # Nothing but the database is left in the new folder (no temporary files).
    assert sorted(p.name for p in path.parent.iterdir()) == ["rehab.db"]


def test_a_path_below_a_file_is_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("not a folder")
    result = rehab(blocker / "rehab.db", "today")
    assert_refused(result)
    assert blocker.read_text() == "not a folder"


def test_a_truncated_file_is_refused_for_every_cut(tmp_path: Path) -> None:
    # Not only half: a cut at several page boundaries and mid-page.
    whole = tmp_path / "whole.db"
    rehab_database_with_history(whole)
    data = whole.read_bytes()
    pages = len(data) // 4096
    for cut in (4096 * 2, 4096 * 5 + 100, len(data) // 3, len(data) - 4096, len(data) - 1):
        path = tmp_path / f"cut-{cut}.db"
        path.write_bytes(data[:cut])
        result = rehab(path, "done", "stick", "--date", "2026-11-01")
        assert_refused(result)
        assert path.read_bytes() == data[:cut], f"cut at {cut} of {pages} pages changed"
        assert not Path(f"{path}-wal").exists()
