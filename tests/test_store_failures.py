"""A failing file or disk reaches the user as one typed error with one sentence,
never as a driver error: the store translates what SQLite and the operating
system raise (real files, no mocks)."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from cli_helpers import assert_error, new_db, run

from rehab_tui.domain.errors import AlreadyExists, Damaged, NotFound, ReadOnly
from rehab_tui.store import Store

TODAY = date(2026, 11, 21)


def read_only_file(tmp_path: Path) -> Path:
    path = tmp_path / "rehab.db"
    Store.open(path, TODAY).close()
    path.chmod(0o444)
    return path


def test_a_write_to_a_file_opened_read_only_is_refused_as_read_only(tmp_path):
    path = read_only_file(tmp_path)
    before = path.read_bytes()
    store = Store.open(path, TODAY, read_only_ok=True)
    habit = store.habits()[0]
    with pytest.raises(ReadOnly, match="is read-only; this command needs to write to it"):
        store.check_in([habit.id], TODAY, TODAY)
    with pytest.raises(ReadOnly):
        with store.transaction():
            store.set_setting("snooze_budget", "3")
    store.close()
    assert path.read_bytes() == before


def test_a_file_damaged_under_an_open_store_is_named_damaged(tmp_path):
    path = tmp_path / "rehab.db"
    store = Store.open(path, TODAY)
    store.close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    store = Store.open(path, TODAY)
    # Every page after the first overwritten, as a failing disk or a stray write would.
    with open(path, "r+b") as fh:
        fh.seek(page_size)
        fh.write(b"\xff" * (os.path.getsize(path) - page_size))
    with pytest.raises(Damaged, match="damaged or not a rehab database"):
        store.journal()
    store.close()


def test_the_command_line_says_a_damaged_file_in_one_line(tmp_path):
    db = new_db(tmp_path)
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        fh.seek(4096)
        fh.write(b"\xff" * (size - 4096))
    line = assert_error(run(db, "today"), contains="damaged")
    assert "Traceback" not in line


def test_refusals_of_the_store_are_typed(fresh_store):
    first = fresh_store.habits()[0]
    with pytest.raises(NotFound, match="no habit with id 999"):
        fresh_store.habit(999)
    with pytest.raises(AlreadyExists, match="already exists"):
        fresh_store.add_habit(first.name.upper(), "daily", TODAY)
    with pytest.raises(NotFound, match="no reminder #7"):
        fresh_store.remove_reminder(7)
    with pytest.raises(AlreadyExists):
        fresh_store.backup(fresh_store.backup(fresh_store.path.with_name("copy.db")))
