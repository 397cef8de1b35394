"""Honest day headers: a day ahead says how many items will be due, never
"0 of 0 done"; a habit off its schedule reads "not due" on a day that is not
today, and "not today" only today."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cli_helpers import ok

from rehab_tui.store import Store

SUNDAY = "2026-11-22"


def routine(tmp_path: Path) -> Path:
    db = tmp_path / "rehab.db"
    store = Store.open(db, date(2026, 11, 2))
    store.close()
    return db


def test_a_day_ahead_says_how_many_are_due(tmp_path: Path) -> None:
    db = routine(tmp_path)
    listing = ok(db, "today", "--date", "next tue", "--json", today=SUNDAY).json
    upcoming = [i for i in listing["items"] if i["status"] == "upcoming"]
    assert upcoming and listing["due"] == len(upcoming)
    assert listing["total"] == 0
    header = ok(db, "today", "--date", "next tue", today=SUNDAY).lines[0]
    assert f"{len(upcoming)} due" in header
    assert "0 of 0" not in header


def test_a_habit_off_schedule_reads_not_due_on_another_day(tmp_path: Path) -> None:
    db = routine(tmp_path)
    ok(db, "habit", "add", "Hamstring stretch", "--schedule", "tue,fri", "--start", "2026-11-02", today=SUNDAY)
    yesterday = ok(db, "today", "--date", "yesterday", today=SUNDAY).lines
    today = ok(db, "today", today=SUNDAY).lines
    assert "not due" in next(x for x in yesterday if "Hamstring stretch" in x)
    assert "not today" in next(x for x in today if "Hamstring stretch" in x)
