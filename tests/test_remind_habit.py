"""Reminders per habit (issue 21, docs/architecture.md, "Reminders"): `remind add --habit`
says only that habit, and only while it is still to do; Loop's reminders move in with
their habits; a deleted habit takes its reminders with it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_helpers import assert_error, dump, new_db, ok, rows, run
from moving_helpers import loop_backup, loop_habit
from test_remind import LEFT, messages, remind_run, url
from test_remind import server as server  # the local json:// receiver, reused

TUESDAY = "2026-11-24"  # acupuncture is due on Tuesdays and Fridays
STICK = "Stick rolling: still to do today"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


def test_a_habits_reminder_says_that_habit_alone_beside_the_routines(db: Path, server) -> None:
    ok(db, "remind", "add", "07:30", "--habit", "stick", "--to", url(server))
    ok(db, "remind", "add", "19:30", "--to", url(server))
    ran = remind_run(db, now="08:00")
    assert messages(server) == [STICK]
    assert "reminder #1" in ran.out
    remind_run(db, now="19:45")
    # The routine's reminder still names everything left.
    assert messages(server) == [STICK, LEFT]


def test_silent_once_its_habit_is_done_though_others_are_left(db: Path, server) -> None:
    ok(db, "remind", "add", "07:30", "--habit", "stick", "--to", url(server))
    ok(db, "done", "stick")
    assert remind_run(db, now="08:00").out == ""
    assert messages(server) == []
    assert rows(db, "reminders")[0]["last_sent"] is None


@pytest.mark.parametrize(
    "rest",
    [
        ("snooze", "--habit", "stick"),
        ("snooze",),
        ("pause", "stick", "--until", "2026-11-30"),
    ],
    ids=["habit snoozed", "day snoozed", "paused"],
)
def test_silent_when_its_habit_rests(db: Path, server, rest: tuple[str, ...]) -> None:
    ok(db, "remind", "add", "07:30", "--habit", "stick", "--to", url(server))
    ok(db, *rest)
    remind_run(db, now="08:00")
    assert messages(server) == []


def test_only_on_days_its_habit_is_due(db: Path, server) -> None:
    ok(db, "remind", "add", "07:30", "--habit", "acupuncture", "--to", url(server))
    remind_run(db, now="08:00")  # a Saturday: acupuncture is not due
    assert messages(server) == []
    remind_run(db, now="08:00", today=TUESDAY)
    assert messages(server) == ["Acupuncture: still to do today"]


def test_add_list_remove_name_the_habit(db: Path) -> None:
    added = ok(db, "remind", "add", "7:30", "--habit", "acu", "--days", "mon,thu")
    assert added.lines[0] == "+ reminder #1  07:30  mon,thu  for acupuncture  → desktop"
    ok(db, "remind", "add", "19:30")
    assert ok(db, "remind", "list").lines == [
        "#1  07:30  mon,thu  for acupuncture  → desktop",
        "#2  19:30  every day  → desktop",
    ]
    assert [r["habit_id"] for r in rows(db, "reminders")] == [4, None]
    assert ok(db, "remind", "remove", "1").lines == [
        "- reminder #1  07:30  mon,thu  for acupuncture  → desktop removed"
    ]
    assert ok(db, "remind", "remove", "2").lines == ["- reminder #2  19:30  every day  → desktop removed"]
    assert rows(db, "reminders") == []


def test_an_unknown_habit_is_refused_and_nothing_written(db: Path) -> None:
    before = dump(db)
    assert_error(run(db, "remind", "add", "07:30", "--habit", "nonsense"), contains="nonsense")
    assert dump(db) == before


def test_deleting_a_habit_deletes_its_reminders(db: Path) -> None:
    ok(db, "remind", "add", "07:30", "--habit", "stick")
    ok(db, "remind", "add", "08:00", "--habit", "stick", "--days", "sat,sun")
    ok(db, "remind", "add", "19:30")
    said = ok(db, "habit", "delete", "stick")
    assert "its 2 reminders too" in said.out
    assert [(r["at"], r["habit_id"]) for r in rows(db, "reminders")] == [("19:30", None)]
    assert ok(db, "check").out.strip().endswith(": ok")


# ------------------------------------------------------------ moving in


def loop_file(tmp_path: Path) -> Path:
    # Loop's reminder_days: bit 0 Saturday, bit 1 Sunday, bit 2 Monday ... bit 6 Friday.
    monday, thursday = 1 << 2, 1 << 5
    return loop_backup(
        tmp_path / "Loop Habits Backup 2026-11-21 101500.db",
        [
            loop_habit(1, "Acupressure", reminder_hour=7, reminder_min=30, reminder_days=monday | thursday),
            loop_habit(2, "Stretch before bed", reminder_hour=21, reminder_min=5, reminder_days=127),
            loop_habit(3, "Foam roll"),
        ],
        [(1, date(2026, 11, 19), 2, None)],
    )


def test_loops_reminders_become_reminders_for_their_habits(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    backup = loop_file(tmp_path)
    before = dump(db)
    dry = ok(db, "import", "--from", "loop", backup, "--dry-run")
    assert "2 reminders" in dry.out
    assert dump(db) == before
    said = ok(db, "import", "--from", "loop", backup)
    assert "2 reminders" in said.out
    assert "Acupressure: its reminder at 07:30, mon,thu, became a reminder for it (to the desktop)" in said.out
    assert ok(db, "remind", "list").lines == [
        "#1  07:30  mon,thu  for acupressure  → desktop",
        "#2  21:05  every day  for stretch-before-bed  → desktop",
    ]
    # A second import holds nothing new: the same reminders are not added twice.
    assert "nothing new" in ok(db, "import", "--from", "loop", backup).out
    assert len(rows(db, "reminders")) == 2


def test_a_file_from_before_m008_keeps_its_reminders_for_the_routine(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from rehab_tui.store.schema import migrations

    path = tmp_path / "rehab.db"
    old = Database(path)
    try:
        migrations.apply(old, stop_before="m008_reminders_per_habit")
        old.table("reminders").insert({"at": "19:30", "days": "mon,tue,wed,thu,fri,sat,sun"})
    finally:
        old.close()
    assert ok(path, "remind", "list").lines == ["#1  19:30  every day  → desktop"]
    assert rows(path, "reminders")[0]["habit_id"] is None
    reopened = Database(path)
    try:
        assert [(fk.column, fk.other_table) for fk in reopened.table("reminders").foreign_keys] == [
            ("habit_id", "habits")
        ]
    finally:
        reopened.close()


# ------------------------------------------------------------ our export


def test_an_export_carries_the_reminders_back_in(db: Path, tmp_path: Path) -> None:
    ok(db, "remind", "add", "07:30", "--habit", "acu", "--days", "mon,thu")
    ok(db, "remind", "add", "19:30", "--days", "weekdays")
    ok(db, "remind", "add", "20:00", "--habit", "acu", "--to", "ntfy://my-secret-topic")
    exported = tmp_path / "export.json"
    ran = run(db, "export", "-o", exported)
    assert ran.code == 0, ran.err
    # A URL may hold a token: it stays in the database, and the export says so.
    assert "reminders to a URL (#3) are not in the export" in ran.err
    text = exported.read_text()
    assert "my-secret-topic" not in text
    data = json.loads(text)
    assert data["reminders"] == [{"at": "19:30", "days": "mon,tue,wed,thu,fri", "to": None}]
    acupuncture = next(h for h in data["habits"] if h["slug"] == "acupuncture")
    assert acupuncture["reminders"] == [{"at": "07:30", "days": "mon,thu", "to": None}]

    fresh = new_db(tmp_path, "fresh.db")
    said = ok(fresh, "import", exported)
    assert "2 reminders" in said.out
    assert ok(fresh, "remind", "list").lines == [
        "#1  19:30  mon-fri  → desktop",
        "#2  07:30  mon,thu  for acupuncture  → desktop",
    ]
    assert "nothing new" in ok(fresh, "import", exported).out
    assert len(rows(fresh, "reminders")) == 2


def test_a_damaged_reminder_in_an_export_is_refused_and_nothing_written(db: Path, tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    ok(db, "export", "-o", exported)
    data = json.loads(exported.read_text())
    data["reminders"] = [{"at": "25:00", "days": "mon", "to": None}]
    exported.write_text(json.dumps(data))
    before = dump(db)
    assert_error(run(db, "import", exported), contains="not a time of day")
    assert dump(db) == before
