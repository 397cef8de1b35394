"""The settings table is the one home of each setting's default, range and
help: what `rehab settings` shows, what a new database uses, and what a value
outside the range falls back to are all read from it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from cli_helpers import new_db, ok, run

from rehab_tui.domain.model import Journal
from rehab_tui.domain.settings import DAY_START_HOUR, DEFAULT_SETTINGS, SETTINGS, SNOOZE_BUDGET


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


def test_settings_shows_the_tables_defaults_and_help(db: Path) -> None:
    shown = [line.split(None, 2) for line in ok(db, "settings").lines]
    # An empty default (no keymap) is shown as the shell types it.
    assert shown == [[s.key, s.default or "''", s.help] for s in SETTINGS.values()]
    assert f"({DAY_START_HOUR.low}-{DAY_START_HOUR.high})" in SETTINGS["day_start_hour"].help
    assert f"({SNOOZE_BUDGET.low}-{SNOOZE_BUDGET.high})" in SETTINGS["snooze_budget"].help


def test_a_journal_without_settings_uses_the_tables_defaults() -> None:
    journal = Journal(())
    assert (journal.week_start, journal.snooze_budget) == (DEFAULT_SETTINGS.week_start, DEFAULT_SETTINGS.snooze_budget)
    assert DEFAULT_SETTINGS.values() == {key: s.default for key, s in SETTINGS.items()}


@pytest.mark.parametrize(("key", "bad"), [("snooze_budget", "8"), ("day_start_hour", "13"), ("week_start", "funday")])
def test_a_stored_value_out_of_range_falls_back_to_the_tables_default(db: Path, key: str, bad: str) -> None:
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [key, bad])
    ran = run(db, "settings", key)
    assert ran.code == 0, ran.err
    assert ran.out == f"{SETTINGS[key].default}\n"
    assert f"using {SETTINGS[key].default}. Mend it with: rehab settings {key} {SETTINGS[key].default}" in ran.err
