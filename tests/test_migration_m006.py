"""Opening a file of the schema just before m006 (issue 12/13, docs/architecture.md, "Storage and safety").

The file is built the way that version left it: `migrations.apply(...,
stop_before="m006_prescriptions_and_body")` and rows written with plain
sqlite-utils calls, the snoozes still holding their own area and pain. Opening
it with `Store.open` must turn each snooze's area and pain into a reading of
that day linked to the snooze, drop the two columns from `snoozes` without
losing a row or the nag triggers, and keep a copy of the old file beside it.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from cli_helpers import ok
from sqlite_utils import Database

from rehab_tui.store import Store
from rehab_tui.store.schema import migrations

TODAY = date(2026, 11, 21)
M006 = "m006_prescriptions_and_body"
BEFORE_M006 = ["m001_initial", "m002_day_indexes", "m003_schedule_history", "m004_reminders", "m005_nag"]
#: What opening the file applies after m006 (a file made before m006 gets them too).
AFTER_M006 = ["m007_notices", "m008_reminders_per_habit", "m009_sync"]
#: The tables whose every write empties the nag table.
NAG_SOURCES = ("habits", "schedules", "checkins", "snoozes", "pauses", "settings")

OLD_HABITS = [
    {
        "id": 1,
        "name": "Stick rolling",
        "slug": "stick-rolling",
        "cue": "Roll slowly",
        "minutes": 5,
        "start": "2026-10-01",
        "archived": None,
        "position": 1,
        "created_at": None,
        "updated_at": None,
    },
    {
        "id": 2,
        "name": "Plank hip dips",
        "slug": "plank-hip-dips",
        "cue": "",
        "minutes": 3,
        "start": "2026-10-01",
        "archived": None,
        "position": 2,
        "created_at": None,
        "updated_at": None,
    },
]
OLD_SCHEDULES = [
    {"habit_id": h["id"], "since": h["start"], "rule": "RRULE:FREQ=DAILY", "anchor": h["start"]} for h in OLD_HABITS
]
OLD_CHECKINS = [(1, "2026-11-16"), (2, "2026-11-16"), (1, "2026-11-20")]


def snooze(id: int, day: str, habit_id: int | None, area: str | None, pain: int | None, reason: str = "sore") -> dict:
    return {
        "id": id,
        "day": day,
        "habit_id": habit_id,
        "reason": reason,
        "area": area,
        "pain": pain,
        "created_at": f"{day}T08:00:00+00:00",
        "exempt": 0,
    }


OLD_SNOOZES = [
    snooze(1, "2026-11-10", None, "Left  IT band", 6, "IT band flare"),  # area and pain
    snooze(2, "2026-11-11", 1, "wrist", None),  # area only
    snooze(3, "2026-11-12", None, None, 4),  # pain only
    snooze(4, "2026-11-13", 2, None, None, "travel"),  # neither
    # Two snoozes of one day naming one area (any case): the higher pain stays.
    snooze(5, "2026-11-14", None, "hip", 3),
    snooze(6, "2026-11-14", 1, "Hip", 7),
    # One with a pain, a later one naming the area without: the pain stays.
    snooze(7, "2026-11-15", None, "calf", 2),
    snooze(8, "2026-11-15", 2, "CALF", None),
]
#: (day, area, area_key, pain, note, snooze_id) of each reading, by day.
EXPECTED_READINGS = [
    ("2026-11-10", "Left IT band", "left it band", 6, "", 1),
    ("2026-11-11", "wrist", "wrist", None, "", 2),
    ("2026-11-12", "general", "general", 4, "", 3),
    ("2026-11-14", "Hip", "hip", 7, "", 6),
    ("2026-11-15", "calf", "calf", 2, "", 7),
]


def make_m005_file(path: Path) -> None:
    """A database as rehab-tui left it before m006."""
    db = Database(path)
    migrations.apply(db, stop_before=M006)
    db["habits"].insert_all(OLD_HABITS)
    db["schedules"].insert_all(OLD_SCHEDULES)
    db["checkins"].insert_all({"habit_id": h, "day": d, "created_at": None, "note": None} for h, d in OLD_CHECKINS)
    db["snoozes"].insert_all(OLD_SNOOZES)
    db["settings"].insert({"key": "snooze_budget", "value": "3"})
    db.close()


def keep_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.before-{M006}{path.suffix}")


def query(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, params).fetchall()


def columns(path: Path, table: str) -> list[str]:
    return [r[1] for r in query(path, f"PRAGMA table_info([{table}])")]


def triggers(path: Path) -> set[str]:
    return {name for (name,) in query(path, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}


def applied(path: Path) -> list[str]:
    db = Database(path)
    try:
        return [m.name for m in migrations.applied(db)]
    finally:
        db.close()


def readings(path: Path) -> list[tuple]:
    return query(path, "SELECT day, area, area_key, pain, note, snooze_id FROM readings ORDER BY day")


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "rehab.db"
    make_m005_file(path)
    return path


@pytest.fixture
def migrated(old_file: Path) -> Path:
    Store.open(old_file, TODAY).close()
    return old_file


def test_the_built_file_really_is_the_schema_before_m006(old_file: Path) -> None:
    assert applied(old_file) == BEFORE_M006
    assert {"area", "pain"} <= set(columns(old_file, "snoozes"))
    assert "readings" not in {n for (n,) in query(old_file, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "dose" not in columns(old_file, "checkins")
    assert "sets" not in columns(old_file, "habits")
    assert {f"nag_stale_after_{e}_snoozes" for e in ("insert", "update", "delete")} <= triggers(old_file)


def test_each_snoozes_area_and_pain_becomes_a_reading_linked_to_it(migrated: Path) -> None:
    assert applied(migrated) == [*BEFORE_M006, M006, *AFTER_M006]
    assert readings(migrated) == EXPECTED_READINGS


def test_the_step_does_what_it_did_whatever_the_domain_says_now(
    old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A released step is frozen: the domain's rules for areas may change, a
    # file upgraded later must still come out as one upgraded then.
    from rehab_tui.domain import body, rules

    monkeypatch.setattr(body, "area_key", lambda area: "changed")
    monkeypatch.setattr(rules, "UNNAMED_AREA", "changed")
    db = Database(old_file)
    try:
        migrations.apply(db, stop_before="m007_notices")
    finally:
        db.close()
    assert readings(old_file) == EXPECTED_READINGS


def test_the_store_reads_the_moved_readings(migrated: Path) -> None:
    store = Store.open(migrated, TODAY)
    try:
        felt = [(r.day.isoformat(), r.area, r.pain, r.from_snooze) for r in store.readings()]
        snoozes = [(s.day.isoformat(), s.habit_id, s.reason, s.area, s.pain) for s in store.snoozes()]
    finally:
        store.close()
    assert felt == [(day, area, pain, True) for day, area, _, pain, _, _ in EXPECTED_READINGS]
    assert snoozes == [
        ("2026-11-10", None, "IT band flare", "Left IT band", 6),
        ("2026-11-11", 1, "sore", "wrist", None),
        ("2026-11-12", None, "sore", "general", 4),
        ("2026-11-13", 2, "travel", None, None),
        # One reading per area per day: it is linked to the snooze that gave
        # the higher pain, and the other snooze of that day no longer names it.
        ("2026-11-14", None, "sore", None, None),
        ("2026-11-14", 1, "sore", "Hip", 7),
        ("2026-11-15", None, "sore", "calf", 2),
        ("2026-11-15", 2, "sore", None, None),
    ]


def test_the_snoozes_table_lost_area_and_pain_but_kept_every_row(migrated: Path) -> None:
    assert columns(migrated, "snoozes") == ["id", "day", "habit_id", "reason", "created_at", "exempt"]
    assert query(migrated, "SELECT id, day, habit_id, reason, created_at, exempt FROM snoozes ORDER BY id") == [
        (s["id"], s["day"], s["habit_id"], s["reason"], s["created_at"], s["exempt"]) for s in OLD_SNOOZES
    ]
    # Its index by day (m002) and its foreign key to habits survive the rebuild.
    db = Database(migrated)
    try:
        assert ["day", "habit_id"] in [ix.columns for ix in db["snoozes"].indexes]
        assert [(fk.column, fk.other_table) for fk in db["snoozes"].foreign_keys] == [("habit_id", "habits")]
        assert [(fk.column, fk.other_table) for fk in db["readings"].foreign_keys] == [("snooze_id", "snoozes")]
    finally:
        db.close()


def test_the_other_tables_gained_their_columns_and_kept_their_rows(migrated: Path) -> None:
    assert query(migrated, "SELECT habit_id, day, dose FROM checkins ORDER BY day, habit_id") == sorted(
        ((h, d, "full") for h, d in OLD_CHECKINS), key=lambda r: (r[1], r[0])
    )
    assert query(migrated, "SELECT id, name, intention, sets, hold_s, sides, min_dose FROM habits ORDER BY id") == [
        (1, "Stick rolling", "", None, None, 0, ""),
        (2, "Plank hip dips", "", None, None, 0, ""),
    ]
    listed = ok(migrated, "habit", "list", "--json").json
    assert [(h["slug"], h["when"], h["prescribed"], h["minimum"]) for h in listed] == [
        ("stick-rolling", "", "", ""),
        ("plank-hip-dips", "", "", ""),
    ]


def test_the_nag_triggers_on_snoozes_are_still_there_and_work(migrated: Path) -> None:
    expected = {f"nag_stale_after_{e}_{t}" for e in ("insert", "update", "delete") for t in NAG_SOURCES}
    assert expected <= triggers(migrated)
    # Opening refilled the nag table; a write to snoozes by anyone empties it.
    assert query(migrated, "SELECT count(*) FROM nag")[0][0] > 0
    with closing(sqlite3.connect(migrated)) as conn:
        conn.execute("UPDATE snoozes SET reason = 'very sore' WHERE id = 4")
        conn.commit()
    assert query(migrated, "SELECT count(*) FROM nag") == [(0,)]


def test_a_new_snooze_in_the_migrated_file_empties_and_refills_the_nag(migrated: Path) -> None:
    with closing(sqlite3.connect(migrated)) as conn:
        conn.execute("DELETE FROM snoozes WHERE id = 4")
        conn.commit()
    assert query(migrated, "SELECT count(*) FROM nag") == [(0,)]
    ok(migrated, "snooze", "--pain", "3", "--area", "hip")
    assert query(migrated, "SELECT pending, rest_day FROM nag WHERE day = ?", ("2026-11-21",)) == [(0, 1)]
    assert readings(migrated)[-1][:4] == ("2026-11-21", "hip", "hip", 3)


def test_a_copy_of_the_file_before_m006_is_kept_beside_it(old_file: Path) -> None:
    before = query(old_file, "SELECT * FROM snoozes ORDER BY id")
    Store.open(old_file, TODAY).close()
    keep = keep_path(old_file)
    assert keep.name == "rehab.before-m006_prescriptions_and_body.db"
    assert applied(keep) == BEFORE_M006
    assert query(keep, "SELECT * FROM snoozes ORDER BY id") == before
    assert {"area", "pain"} <= set(columns(keep, "snoozes"))
    assert query(keep, "PRAGMA integrity_check") == [("ok",)]
    # Opening again neither migrates nor copies again.
    Store.open(old_file, TODAY).close()
    assert sorted(p.name for p in old_file.parent.iterdir() if ".before-" in p.name) == [keep.name]
    assert readings(old_file) == EXPECTED_READINGS


def test_rehab_check_passes_on_the_migrated_file(migrated: Path) -> None:
    assert ok(migrated, "check").out == f"{migrated}: ok\n"


def test_rehab_check_passes_when_it_is_the_command_that_migrates(old_file: Path) -> None:
    assert ok(old_file, "check").out == f"{old_file}: ok\n"
    assert applied(old_file) == [*BEFORE_M006, M006, *AFTER_M006]
    assert readings(old_file) == EXPECTED_READINGS


def test_the_moved_readings_show_in_rehab_pain(migrated: Path) -> None:
    listed = ok(migrated, "pain", "--json").json
    assert [(r["date"], r["area"], r["pain"], r["snooze"]) for r in listed] == [
        (day, area, pain, True) for day, area, _, pain, _, _ in EXPECTED_READINGS
    ]
    # Unsnoozing keeps a moved pain and drops a moved area without one.
    ok(migrated, "unsnooze", "--date", "2026-11-10")
    ok(migrated, "unsnooze", "--date", "2026-11-11", "--habit", "stick")
    assert [(r[0], r[1], r[3], r[5]) for r in readings(migrated)][:2] == [
        ("2026-11-10", "Left IT band", 6, None),
        ("2026-11-12", "general", 4, 3),
    ]
