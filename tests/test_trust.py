"""Issue 9: one checked gate for every write, and a past that no edit rewrites.

Each test is one of the findings: it failed on the code before the gate.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_helpers import TODAY, assert_error, dump, habit_id, new_db, ok, rows, run
from sqlite_utils import Database

from rehab_tui.store import Store

START = date(2026, 10, 1)  # cli_helpers' template database starts its habits then


def export_of(db: Path) -> dict:
    data = ok(db, "export").json
    data.pop("exported_at")
    return data


def streak(db: Path, slug: str) -> dict:
    return next(h for h in ok(db, "streaks", "--json").json["habits"] if h["slug"] == slug)


def tick_days(db: Path, slug: str, first: date, last: date) -> None:
    day = first
    while day <= last:
        ok(db, "done", slug, "--date", day.isoformat())
        day += timedelta(days=1)


# ------------------------------------------------------- schedule history


def test_a_schedule_change_keeps_the_past(tmp_path):
    db = new_db(tmp_path)
    ok(db, "habit", "edit", "stick", "--start", "2026-11-01")
    tick_days(db, "stick", date(2026, 11, 1), date(2026, 11, 13))  # 13 days in a row
    before = ok(db, "today", "--date", "2026-11-10", "--json").json
    assert streak(db, "stick-rolling")["best_streak"] == 13

    said = ok(db, "habit", "edit", "stick", "--schedule", "tue,fri")
    assert "from 2026-11-21 (Sat)" in said.out

    assert streak(db, "stick-rolling")["best_streak"] == 13
    # A Wednesday under the old daily schedule is still a done day, not "off".
    assert ok(db, "today", "--date", "2026-11-11", "--json").json["items"][0]["status"] == "done"
    assert ok(db, "today", "--date", "2026-11-10", "--json").json == before
    versions = rows(db, "schedules", "habit_id = ?", [habit_id(db, "stick-rolling")])
    assert [(v["since"], v["rule"]) for v in versions] == [
        ("2026-11-01", "RRULE:FREQ=DAILY"),
        ("2026-11-21", "RRULE:FREQ=WEEKLY;BYDAY=TU,FR"),
    ]


def test_a_schedule_change_takes_effect_from_the_day_given(tmp_path):
    db = new_db(tmp_path)
    ok(db, "habit", "edit", "stick", "--schedule", "tue,fri", "--from", "2026-11-16")
    # Thursday 19 November is off under tue,fri; Wednesday 14 October still daily (missed).
    assert ok(db, "today", "--date", "2026-11-19", "--json").json["items"][0]["status"] == "off"
    assert ok(db, "today", "--date", "2026-10-14", "--json").json["items"][0]["status"] == "missed"


def test_a_schedule_change_before_the_start_is_refused(tmp_path):
    db = new_db(tmp_path)
    before = dump(db)
    assert_error(
        run(db, "habit", "edit", "stick", "--schedule", "daily", "--from", "2026-09-01"),
        contains="starts on 2026-10-01",
    )
    assert dump(db) == before


# ------------------------------------------------------------ the start


def test_a_checkin_before_the_start_is_refused_and_the_start_stays(tmp_path):
    db = new_db(tmp_path)
    before = dump(db)
    line = assert_error(run(db, "done", "stick", "--date", "1999-01-01"))
    assert "rehab habit edit stick-rolling --start 1999-01-01" in line
    assert dump(db) == before


def test_undo_never_moves_the_start(tmp_path):
    db = new_db(tmp_path)
    ok(db, "habit", "edit", "stick", "--start", "2026-09-01")
    ok(db, "done", "stick", "--date", "2026-09-01")
    ok(db, "undo", "stick", "--date", "2026-09-01")
    assert rows(db, "habits", "slug = ?", ["stick-rolling"])[0]["start"] == "2026-09-01"


def test_a_start_cannot_leave_checkins_before_it(tmp_path):
    db = new_db(tmp_path)
    ok(db, "done", "stick", "--date", "2026-10-05")
    before = dump(db)
    assert_error(run(db, "habit", "edit", "stick", "--start", "2026-10-10"), contains="before 2026-10-10")
    assert dump(db) == before


def test_habit_add_takes_a_start(tmp_path):
    db = new_db(tmp_path)
    ok(db, "habit", "add", "Ice", "--start", "2026-11-02")
    assert rows(db, "habits", "slug = ?", ["ice"])[0]["start"] == "2026-11-02"
    ok(db, "done", "ice", "--date", "2026-11-02")


# ----------------------------------------------------------------- merges


def test_an_older_export_never_undoes_later_edits(tmp_path):
    db = new_db(tmp_path)
    ok(db, "done", "stick")
    old = tmp_path / "old.json"
    ok(db, "export", "-o", old)
    ok(db, "habit", "edit", "stick", "--schedule", "tue,fri", "--cue", "Slow, both legs")
    ok(db, "habit", "edit", "plank", "--name", "Side plank dips")
    ok(db, "habit", "archive", "acupuncture")
    ok(db, "habit", "move", "glute", "1")
    edited = export_of(db)

    said = ok(db, "import", old)
    assert "nothing new" in said.out
    assert export_of(db) == edited


def test_an_export_imported_into_a_new_file_is_the_same_file(tmp_path):
    db = new_db(tmp_path)
    ok(db, "habit", "edit", "stick", "--schedule", "every 2 days", "--from", "2026-11-02")
    ok(db, "habit", "edit", "acupuncture", "--cue", "Tuesdays with Dr Lee")
    ok(db, "habit", "archive", "glute", "--date", "2026-11-15")
    ok(db, "habit", "add", "Hamstring stretch", "--schedule", "3x/week", "--start", "2026-10-20")
    ok(db, "done", "stick", "plank", "--date", "2026-11-02")
    ok(db, "snooze", "--date", "2026-11-05", "--area", "left IT band", "--pain", "4")
    ok(db, "pause", "plank", "--from", "2026-11-25", "--until", "2026-11-30")
    ok(db, "settings", "week_start", "sunday")
    export = tmp_path / "export.json"
    ok(db, "export", "-o", export)

    # A new file, made on another day, gets the default routine first.
    target = tmp_path / "new.db"
    ok(target, "import", export, today="2026-11-21")
    assert export_of(target) == export_of(db)


def test_a_newer_export_updates_what_changed_later(tmp_path):
    db = new_db(tmp_path)
    copy = tmp_path / "copy.db"
    shutil.copyfile(db, copy)
    ok(copy, "habit", "edit", "plank", "--cue", "Three sets of twelve")
    newer = tmp_path / "newer.json"
    ok(copy, "export", "-o", newer)
    ok(db, "import", newer)
    assert rows(db, "habits", "slug = ?", ["plank-hip-dips"])[0]["cue"] == "Three sets of twelve"


@pytest.mark.parametrize(
    ("case", "change"),
    [
        ("minutes 5000", lambda d: d["habits"][0].update(minutes=5000)),
        ("minutes -100", lambda d: d["habits"][0].update(minutes=-100)),
        ("a check-in in 2999", lambda d: d["habits"][0]["checkins"].append("2999-12-31")),
        ("a check-in before the start", lambda d: d["habits"][0]["checkins"].append("2020-01-01")),
        (
            "seven rest days in one week",
            lambda d: d["rest_days"].extend(
                {"day": f"2026-11-0{n}", "reason": "sore", "area": None, "pain": None} for n in range(1, 8)
            ),
        ),
        ("a pain of 11", lambda d: d["rest_days"].append({"day": "2026-11-03", "reason": "sore", "pain": 11})),
        ("an interval of 0", lambda d: d["habits"][0]["schedules"][0].update(schedule="RRULE:FREQ=DAILY;INTERVAL=0")),
        ("a secondly rule", lambda d: d["habits"][0]["schedules"][0].update(schedule="RRULE:FREQ=SECONDLY")),
        ("a name with a line break", lambda d: d["habits"][0].update(name="Stick\nrolling", updated_at="2099-01-01")),
    ],
)
def test_an_import_that_breaks_a_rule_writes_nothing(tmp_path, case, change):
    db = new_db(tmp_path)
    ok(db, "done", "stick")
    data = ok(db, "export").json
    change(data)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    target = new_db(tmp_path, "target.db")
    before = target.read_bytes()
    assert_error(run(target, "import", bad))
    assert target.read_bytes() == before


def test_imported_pauses_merge_so_resume_works(tmp_path):
    db = new_db(tmp_path)
    data = ok(db, "export").json
    data["habits"][0]["pauses"] = [
        {"start": "2026-11-15", "until": "2026-11-25", "reason": "physio"},
        {"start": "2026-11-20", "until": "2026-11-28", "reason": "physio"},
    ]
    export = tmp_path / "pauses.json"
    export.write_text(json.dumps(data))
    ok(db, "import", export)
    assert [(p["start"], p["until"]) for p in rows(db, "pauses")] == [("2026-11-15", "2026-11-28")]
    ok(db, "resume", "stick")
    assert ok(db, "today", "--json").json["items"][0]["status"] == "pending"


# ------------------------------------------------------------- schedules


@pytest.mark.parametrize("rule", ["RRULE:FREQ=DAILY;INTERVAL=0", "RRULE:FREQ=SECONDLY", "RRULE:FREQ=MINUTELY"])
def test_rules_that_hang_or_flood_are_refused_at_once(tmp_path, rule):
    db = new_db(tmp_path)
    before = dump(db)
    # A subprocess with a timeout: the old code hung for good on INTERVAL=0.
    proc = subprocess.run(
        [sys.executable, "-m", "rehab_tui", "--db", str(db), "--today", TODAY, "habit", "add", "X", "--schedule", rule],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 1 and proc.stderr.startswith("error: ")
    assert dump(db) == before


# ---------------------------------------------------------- damaged rows


def damage(db: Path, sql: str, params: list | None = None) -> None:
    """What a person might do in sqlite-utils or Datasette."""
    handle = Database(str(db))
    handle.execute(sql, params or [])
    handle.conn.commit()
    handle.close()


def test_a_bad_setting_falls_back_with_a_warning(tmp_path):
    db = new_db(tmp_path)
    damage(db, "INSERT INTO settings (key, value) VALUES ('week_start', 'Mondy')")
    ran = run(db, "today", "--json")
    assert ran.code == 0
    assert "warning: settings: week_start" in ran.err and "rehab settings week_start monday" in ran.err
    ok(db, "settings", "week_start", "monday")
    assert "warning" not in run(db, "today").err


def test_a_setting_in_capitals_is_read(tmp_path):
    db = new_db(tmp_path)
    damage(db, "INSERT INTO settings (key, value) VALUES ('week_start', 'Monday')")
    assert run(db, "today").err == ""


def test_a_damaged_start_names_its_fix_and_the_fix_works(tmp_path):
    db = new_db(tmp_path)
    damage(db, "UPDATE habits SET start = '' WHERE slug = 'stick-rolling'")
    line = assert_error(run(db, "today"))
    assert "habits: 'Stick rolling'" in line and "start" in line
    assert "rehab habit edit stick-rolling --start YYYY-MM-DD" in line
    ok(db, "habit", "edit", "stick", "--start", "2026-10-01")
    ok(db, "today")


def test_an_unknown_schedule_names_its_fix_and_the_fix_works(tmp_path):
    db = new_db(tmp_path)
    damage(db, "UPDATE schedules SET rule = 'sometimes' WHERE habit_id = 1")
    line = assert_error(run(db, "streaks"))
    assert "schedules: 'Stick rolling'" in line
    fix = line.split("mend it with: ")[1].split()
    assert fix[:3] == ["rehab", "habit", "edit"]
    ok(db, *fix[1:])
    ok(db, "streaks")


@pytest.mark.parametrize(
    ("command", "bad_day"),
    # `today` reads the last four months first; `streaks` reads all of it
    [("today", "2026-09-31"), ("streaks", "2026-02-30")],
)
def test_a_checkin_on_a_day_that_does_not_exist_names_its_fix(tmp_path, command, bad_day):
    db = new_db(tmp_path)
    damage(db, f"INSERT INTO checkins (habit_id, day) VALUES (1, '{bad_day}')")
    line = assert_error(run(db, command))
    assert "checkins: 'Stick rolling'" in line and f"'{bad_day}'" in line
    fix = line.split("mend it with: ")[1]
    sqlite_utils = Path(sys.executable).with_name("sqlite-utils")
    subprocess.run([sqlite_utils, *__import__("shlex").split(fix)[1:]], check=True, capture_output=True)
    ok(db, command)


async def test_the_app_shows_a_damaged_row_and_keeps_running(tmp_path):
    from rehab_tui.tui.app import RehabApp

    store = Store.open(tmp_path / "rehab.db", START)
    app = RehabApp(store, today=date(2026, 11, 21), poll_seconds=0.05)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        damage(store.path, "UPDATE schedules SET rule = 'sometimes' WHERE habit_id = 1")
        for _ in range(60):  # the poll runs every 0.05 s; a loaded machine may take longer
            await pilot.pause(0.05)
            if any("schedules: 'Stick rolling'" in n.message for n in app._notifications):
                break
        assert app.is_running
        assert any("schedules: 'Stick rolling'" in n.message for n in app._notifications)
        await pilot.press("q")
    store.close()


async def test_a_form_save_keeps_a_change_made_elsewhere_while_it_was_open(tmp_path):
    from rehab_tui.tui.app import RehabApp
    from rehab_tui.tui.screens.habit_form import HabitForm

    store = Store.open(tmp_path / "rehab.db", START)
    app = RehabApp(store, today=date(2026, 11, 21))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h", "e")  # edit Stick rolling
        await pilot.pause()
        assert isinstance(app.screen, HabitForm)
        # Meanwhile the command line gives it a new cue and a schedule.
        other = Store.open(store.path, START)
        other.edit_habit(1, date(2026, 11, 21), cue="From the shell", schedule="tue,fri")
        other.close()
        app.screen.query_one("#name").value = "Stick rolling, slowly"
        await pilot.press("enter")
        await pilot.pause()
        habit = store.habit(1)
        assert habit.name == "Stick rolling, slowly"
        assert habit.cue == "From the shell"
        assert habit.schedule.describe() == "tue,fri"
        await pilot.press("escape", "q")
    store.close()


async def test_the_app_refuses_a_damaged_row_older_than_its_first_frame_read(tmp_path):
    # The first frame reads only the recent past; the whole record follows it,
    # and a damaged row there ends the app with the error, as at opening.
    from rehab_tui.tui.app import RehabApp

    store = Store.open(tmp_path / "rehab.db", START)
    damage(store.path, "INSERT INTO checkins (habit_id, day) VALUES (1, '2026-02-30')")
    app = RehabApp(store, today=date(2026, 11, 21))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.return_code == 1
    store.close()
