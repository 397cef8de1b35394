"""Opening a file made by an older rehab-tui (only m001_initial applied).

The file is built the way the old version left it: `migrations.apply(...,
stop_before="m002_day_indexes")` plus rows written with plain sqlite-utils calls.
Opening it with `Store.open` must keep the data, apply m002 and m003 (each
habit's schedule moves into `schedules`, in force from its start), and leave a
copy of the old file beside it (docs/architecture.md, "Storage and safety").
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from rehab_tui.store import Store
from rehab_tui.store.schema import known_migrations, migrations

TODAY = date(2026, 11, 21)
M002 = "m002_day_indexes"
M003 = "m003_schedule_history"
M004 = "m004_reminders"
UPGRADED = [
    "m001_initial",
    M002,
    M003,
    M004,
    "m005_nag",
    "m006_prescriptions_and_body",
    "m007_notices",
    "m008_reminders_per_habit",
    "m009_sync",
]
M002_INDEXES = {
    "checkins": ["day"],
    "snoozes": ["day", "habit_id"],
    "pauses": ["habit_id", "start"],
}

OLD_HABITS = [
    {
        "id": 1,
        "name": "Stick rolling",
        "slug": "stick-rolling",
        "cue": "Roll slowly",
        "minutes": 5,
        "schedule": "RRULE:FREQ=DAILY",
        "schedule_anchor": "2026-10-01",
        "start": "2026-10-01",
        "archived": None,
        "position": 1,
        "created_at": None,
    },
    {
        "id": 2,
        "name": "Acupuncture",
        "slug": "acupuncture",
        "cue": "",
        "minutes": 45,
        "schedule": "RRULE:FREQ=WEEKLY;BYDAY=TU,FR",
        "schedule_anchor": "2026-10-01",
        "start": "2026-10-01",
        "archived": None,
        "position": 2,
        "created_at": None,
    },
    {
        "id": 3,
        "name": "Glute and hip strength",
        "slug": "glute-and-hip-strength",
        "cue": "Band",
        "minutes": 20,
        "schedule": "1/week",
        "schedule_anchor": "2026-10-01",
        "start": "2026-10-01",
        "archived": "2026-11-10",
        "position": 3,
        "created_at": None,
    },
]
OLD_CHECKINS = [
    (1, "2026-10-01"),
    (1, "2026-10-02"),
    (1, "2026-11-20"),
    (2, "2026-10-02"),
    (3, "2026-10-05"),
]
OLD_SNOOZES = [
    {
        "id": 1,
        "day": "2026-10-03",
        "habit_id": None,
        "reason": "sore",
        "area": "IT band",
        "pain": 4,
        "created_at": None,
    },
    {"id": 2, "day": "2026-10-04", "habit_id": 1, "reason": "travel", "area": None, "pain": None, "created_at": None},
]
OLD_PAUSES = [{"id": 1, "habit_id": 2, "start": "2026-10-10", "until": "2026-10-20", "reason": "physio"}]
OLD_SETTINGS = [{"key": "snooze_budget", "value": "3"}]


def make_m001_file(path: Path, wal: bool = False) -> None:
    """A database as the first version of rehab-tui left it."""
    db = Database(path)
    if wal:
        db.enable_wal()
    migrations.apply(db, stop_before=M002)
    db["habits"].insert_all(OLD_HABITS)
    db["checkins"].insert_all({"habit_id": h, "day": d, "created_at": None} for h, d in OLD_CHECKINS)
    db["snoozes"].insert_all(OLD_SNOOZES)
    db["pauses"].insert_all(OLD_PAUSES)
    db["settings"].insert_all(OLD_SETTINGS)
    db.close()


def named_rows(path: Path, table: str) -> list[dict]:
    """A table's rows as dicts by column name, read with plain sqlite3."""
    with closing(sqlite3.connect(path)) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(f"SELECT * FROM [{table}] ORDER BY 1, 2")]


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every user table's rows, read with plain sqlite3 (no rehab code)."""
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM [{table}] ORDER BY 1, 2").fetchall()
            for table in ("habits", "checkins", "snoozes", "pauses", "settings")
        }
    finally:
        conn.close()


def applied_steps(path: Path) -> list[str]:
    db = Database(path)
    try:
        return [m.name for m in migrations.applied(db)]
    finally:
        db.close()


def index_columns(path: Path) -> dict[str, list[list[str]]]:
    db = Database(path)
    try:
        return {table: [ix.columns for ix in db[table].indexes] for table in M002_INDEXES}
    finally:
        db.close()


def keep_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.before-{M002}{path.suffix}")


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "rehab.db"
    make_m001_file(path)
    return path


def test_the_built_file_really_is_the_old_schema(old_file: Path) -> None:
    assert applied_steps(old_file) == ["m001_initial"]
    assert known_migrations() == set(UPGRADED)
    for table, columns in M002_INDEXES.items():
        assert columns not in index_columns(old_file)[table]
    # m003's changes are not there either: schedules live on the habit rows.
    db = Database(old_file)
    try:
        assert "schedules" not in db.table_names()
        assert {"schedule", "schedule_anchor"} <= set(db["habits"].columns_dict)
        assert "updated_at" not in db["habits"].columns_dict
        assert "note" not in db["checkins"].columns_dict
        assert "exempt" not in db["snoozes"].columns_dict
    finally:
        db.close()


def test_opening_an_old_file_keeps_its_data_and_applies_m002_and_m003(old_file: Path) -> None:
    before = table_rows(old_file)

    store = Store.open(old_file, TODAY)
    try:
        names = [h.name for h in store.habits()]
        rules = [(h.schedule.rule, h.schedule.anchor) for h in store.habits()]
        journal = store.journal()
        budget = store.settings().snooze_budget
        store.check_in([1], date(2026, 11, 21), TODAY)  # it is writable after the upgrade
    finally:
        store.close()

    assert names == ["Stick rolling", "Acupuncture", "Glute and hip strength"]
    assert rules == [(h["schedule"], date.fromisoformat(h["schedule_anchor"])) for h in OLD_HABITS]
    assert journal.log(1).done == {date(2026, 10, 1), date(2026, 10, 2), date(2026, 11, 20)}
    assert journal.log(3).habit.archived == date(2026, 11, 10)
    assert journal.log(2).paused_on(date(2026, 10, 15))
    assert journal.rest_days == {date(2026, 10, 3)}
    assert journal.log(1).snoozed == {date(2026, 10, 4)}
    assert budget == 3

    after = table_rows(old_file)
    assert {(h, d) for h, d, *_ in after["checkins"]} == {(h, d) for h, d, _ in before["checkins"]} | {
        (1, "2026-11-21")
    }
    assert all(note is None for note in (r["note"] for r in named_rows(old_file, "checkins")))
    for table in ("pauses", "settings"):
        assert after[table] == before[table]
    # Old snoozes count against the budget as they did: none is exempt.
    assert named_rows(old_file, "snoozes") == [
        {**{k: v for k, v in s.items() if k not in ("area", "pain")}, "exempt": 0} for s in OLD_SNOOZES
    ]
    # A snooze's area and pain became a reading of its day, linked to it
    # (m006); a snooze that named neither has none.
    assert [
        (r["day"], r["area"], r["area_key"], r["pain"], r["snooze_id"]) for r in named_rows(old_file, "readings")
    ] == [("2026-10-03", "IT band", "it band", 4, 1)]
    # Each habit's schedule moved into `schedules`, in force from its start;
    # the habit keeps every other field, and changed last when it was made.
    assert named_rows(old_file, "habits") == [
        {
            **{k: v for k, v in h.items() if k not in ("schedule", "schedule_anchor")},
            "updated_at": h["created_at"],
            "intention": "",
            "sets": None,
            "reps": None,
            "hold_s": None,
            "sides": 0,
            "rest_s": None,
            "min_dose": "",
            "min_sets": None,
            "min_hold_s": None,
        }
        for h in OLD_HABITS
    ]
    assert named_rows(old_file, "schedules") == [
        {"habit_id": h["id"], "since": h["start"], "rule": h["schedule"], "anchor": h["schedule_anchor"]}
        for h in OLD_HABITS
    ]
    assert applied_steps(old_file) == UPGRADED
    for table, columns in M002_INDEXES.items():
        assert columns in index_columns(old_file)[table]
    with sqlite3.connect(old_file) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_copy_of_the_old_file_is_kept_beside_it(old_file: Path) -> None:
    before = table_rows(old_file)
    Store.open(old_file, TODAY).close()

    keep = keep_path(old_file)
    assert keep.is_file()
    assert keep.name == "rehab.before-m002_day_indexes.db"
    assert applied_steps(keep) == ["m001_initial"]
    assert table_rows(keep) == before
    for table, columns in M002_INDEXES.items():
        assert columns not in index_columns(keep)[table]
    with sqlite3.connect(keep) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_opening_again_makes_no_second_copy(old_file: Path) -> None:
    Store.open(old_file, TODAY).close()
    keep_bytes = keep_path(old_file).read_bytes()
    Store.open(old_file, TODAY).close()
    Store.open(old_file, TODAY).close()
    copies = sorted(p.name for p in old_file.parent.iterdir() if ".before-" in p.name)
    assert copies == [keep_path(old_file).name]
    assert keep_path(old_file).read_bytes() == keep_bytes


def test_the_copy_holds_rows_still_in_the_old_files_wal(tmp_path: Path) -> None:
    # The old app crashed with its last writes only in the -wal file: copy the
    # database and its WAL while a connection still holds them.
    live = tmp_path / "live" / "rehab.db"
    live.parent.mkdir()
    make_m001_file(live, wal=True)
    conn = sqlite3.connect(live)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("INSERT INTO checkins (habit_id, day) VALUES (1, '2026-11-19')")
    conn.commit()
    crashed = tmp_path / "rehab.db"
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(f"{live}{suffix}", f"{crashed}{suffix}")
    conn.close()

    store = Store.open(crashed, TODAY)
    try:
        assert date(2026, 11, 19) in store.journal().log(1).done
    finally:
        store.close()
    kept = {(h, d) for h, d, *_ in table_rows(keep_path(crashed))["checkins"]}
    assert (1, "2026-11-19") in kept
    assert applied_steps(keep_path(crashed)) == ["m001_initial"]


def test_a_copy_left_by_an_earlier_attempt_does_not_block_opening(old_file: Path) -> None:
    # An earlier upgrade made its copy and then died (killed, disk full) before
    # the migration committed. That copy must stay untouched, and the file must
    # still open: a fresh copy goes beside it under another name.
    earlier = keep_path(old_file)
    earlier.write_bytes(b"the copy an interrupted upgrade left behind")
    before = table_rows(old_file)

    store = Store.open(old_file, TODAY)
    store.close()

    assert earlier.read_bytes() == b"the copy an interrupted upgrade left behind"
    copies = [p for p in old_file.parent.iterdir() if ".before-" in p.name and p != earlier]
    assert len(copies) == 1
    assert copies[0].name.startswith("rehab.before-m002_day_indexes") and copies[0].suffix == ".db"
    assert table_rows(copies[0]) == before
    assert applied_steps(copies[0]) == ["m001_initial"]
    assert applied_steps(old_file) == UPGRADED


OPEN_AT_ONCE = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from rehab_tui.store import Store

    path, start_at, day = sys.argv[1], float(sys.argv[2]), date.fromisoformat(sys.argv[3])
    time.sleep(max(0.0, start_at - time.time()))
    store = Store.open(path, date(2026, 11, 21))
    try:
        store.check_in([1], day, date(2026, 11, 21))
    finally:
        store.close()
    """
)


@pytest.mark.parametrize("round_", range(3))
def test_several_processes_opening_an_old_file_at_once(tmp_path: Path, round_: int) -> None:
    # The first run after an upgrade is often two at once (the app and a shell
    # prompt's `rehab nag`): every one of them must open the file, and it is
    # copied and upgraded once.
    path = tmp_path / "rehab.db"
    make_m001_file(path)
    script = tmp_path / "open_at_once.py"
    script.write_text(OPEN_AT_ONCE)
    start_at = time.time() + 1.0
    days = [f"2026-11-{d:02d}" for d in range(10, 16)]
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(path), repr(start_at), day],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for day in days
    ]
    results = [(p.wait(timeout=60), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()

    assert [(code, err) for code, err in results if code != 0] == []
    assert applied_steps(path) == UPGRADED
    copies = sorted(p.name for p in tmp_path.iterdir() if ".before-" in p.name)
    assert copies == [keep_path(path).name]
    assert applied_steps(keep_path(path)) == ["m001_initial"]
    done = {d for h, d, *_ in table_rows(path)["checkins"] if h == 1}
    assert set(days) <= done
    assert os.path.getsize(path) > 0


def test_opening_waits_for_a_writer_before_switching_to_wal(tmp_path: Path) -> None:
    # The CI failure behind this test: a file still in rollback-journal mode,
    # another process holding its write lock, and SQLite refusing the switch to
    # WAL at once (no busy timeout) instead of waiting for that process.
    path = tmp_path / "rehab.db"
    make_m001_file(path)
    Store.open(path, TODAY).close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=delete")
    writer = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO checkins (habit_id, day) VALUES (1, '2026-11-19')")
    release = threading.Timer(0.5, writer.execute, ["COMMIT"])
    release.start()
    try:
        store = Store.open(path, TODAY)
    finally:
        release.join()
        writer.close()
    try:
        assert store.db.journal_mode == "wal"
        assert date(2026, 11, 19) in store.journal().log(1).done
    finally:
        store.close()
