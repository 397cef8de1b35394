"""Every command of docs/architecture.md, "The command line" on real SQLite files, checked in the file itself.

All runs act on Saturday 2026-11-21 (`--today`); the database is made by the CLI
on 2026-10-01 (cli_helpers.TEMPLATE_START), so the default routine starts then and
the days before a test's first check-in count as missed.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_helpers import (
    DEFAULT_SLUGS,
    TEMPLATE_START,
    TODAY,
    YESTERDAY,
    assert_error,
    assert_usage_error,
    dump,
    habit_id,
    habit_row,
    invoke,
    new_db,
    ok,
    rows,
    run,
    run_process,
    snooze_rows,
)

import rehab_tui
import rehab_tui.store.reads
from rehab_tui import __version__
from rehab_tui.domain.checklist import RECENT_PAST, checklist
from rehab_tui.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


def statuses(listing: dict) -> dict[str, str]:
    return {item["slug"]: item["status"] for item in listing["items"]}


def item(listing: dict, slug: str) -> dict:
    return next(i for i in listing["items"] if i["slug"] == slug)


def checkin_days(db: Path, slug: str) -> list[str]:
    return sorted(r["day"] for r in rows(db, "checkins", "habit_id = ?", [habit_id(db, slug)]))


def schedule_versions(db: Path, slug: str) -> list[tuple[str, str, str]]:
    """Each (since, rule, anchor) a habit's schedule has had, oldest first."""
    found = rows(db, "schedules", "habit_id = ?", [habit_id(db, slug)])
    return sorted((r["since"], r["rule"], r["anchor"]) for r in found)


def schedule_now(db: Path, slug: str) -> tuple[str, str, str]:
    """The (since, rule, anchor) of a habit's latest schedule."""
    return schedule_versions(db, slug)[-1]


# ----------------------------------------------------------------- global


def test_the_version_is_declared_once_in_the_package() -> None:
    project = tomllib.loads((Path(rehab_tui.__file__).parent.parent / "pyproject.toml").read_text())
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "rehab_tui.__version__"}
    # And `rehab --version`, run as a program, says it.
    assert run_process("--version").out.strip() == f"rehab, version {__version__}"


def test_version_and_help(tmp_path: Path) -> None:
    assert invoke("--version").out.strip() == f"rehab, version {__version__}"
    helped = invoke("--help")
    assert helped.code == 0
    for command in (
        "today",
        "done",
        "undo",
        "snooze",
        "unsnooze",
        "pause",
        "resume",
        "note",
        "streaks",
        "calendar",
        "habit",
        "settings",
        "export",
        "import",
        "backup",
        "nag",
    ):
        assert re.search(rf"^\s+{command}\b", helped.out, re.MULTILINE), command
    assert not list(tmp_path.iterdir()), "--help and --version touch no database"


def test_new_database_gets_the_default_routine(tmp_path: Path) -> None:
    path = tmp_path / "rehab.db"
    assert (
        ok(path, "today").err
        == f"new database at {path}, with an example routine to make your own (rehab habit list; in the app, h)\n"
    )
    habits = rows(path, "habits")
    assert [h["slug"] for h in habits] == DEFAULT_SLUGS
    assert [h["name"] for h in habits] == [
        "Stick rolling",
        "Lacrosse ball glute release",
        "Plank hip dips",
        "Acupuncture",
        "Glute and hip strength",
    ]
    assert [schedule_versions(path, h["slug"]) for h in habits] == [
        [(TODAY, rule, TODAY)]
        for rule in (
            "RRULE:FREQ=DAILY",
            "RRULE:FREQ=DAILY",
            "RRULE:FREQ=DAILY",
            "RRULE:FREQ=WEEKLY;BYDAY=TU,FR",
            "1/week",
        )
    ]
    assert all(h["start"] == TODAY and h["archived"] is None and h["cue"] for h in habits)
    assert [h["position"] for h in habits] == [1, 2, 3, 4, 5]
    # WAL, as docs/architecture.md, "Storage and safety" asks.
    assert (path.read_bytes()[18], path.read_bytes()[19]) == (2, 2)


def test_old_schema_is_migrated_with_a_copy_kept(db: Path) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_day_indexes'")
    conn.close()
    before = dump(db)
    # In a subprocess with a time limit: a backup taken under the migration's
    # write lock once waited forever for that same lock.
    ran = run_process("--db", db, "--today", TODAY, "today", "--json", timeout=30)
    assert ran.code == 0, ran.err
    copy = db.with_name("rehab.before-m002_day_indexes.db")
    assert dump(copy) == before
    assert {r["name"] for r in rows(db, "_sqlite_migrations")} == {
        "m001_initial",
        "m002_day_indexes",
        "m003_schedule_history",
        "m004_reminders",
        "m005_nag",
        "m006_prescriptions_and_body",
        "m007_notices",
        "m008_reminders_per_habit",
        "m009_sync",
    }


# ------------------------------------------------------------------ today


def test_today_text(db: Path) -> None:
    ran = ok(db, "today")
    # The 1/week habit is open on Saturday (two days left for one check-in):
    # outside the total, read as the week's tally.
    assert ran.lines[0] == "Saturday 21 November 2026 (today)  ·  0 of 3 done"
    assert re.search(r"\[ \] Stick rolling\s+streak 0 days", ran.out)
    assert re.search(r"\[-\] Acupuncture\s+not today", ran.out)
    assert re.search(r"\[ \] Glute and hip strength\s+0 of 1 this week", ran.out)
    assert "Roll quads, IT band and calves slowly" in ran.out  # the cue of a pending habit
    ok(db, "done", "stick")
    ran = ok(db, "today")
    assert "1 of 3 done" in ran.lines[0]
    assert re.search(r"\[x\] Stick rolling\s+streak 1 day\b", ran.out)


def test_today_json_shape(db: Path) -> None:
    listing = ok(db, "today", "--json").json
    assert set(listing) >= {"date", "snoozed", "items", "done", "total"}
    assert listing["date"] == TODAY
    assert listing["snoozed"] is False
    assert type(listing["done"]) is int and type(listing["total"]) is int
    assert [i["slug"] for i in listing["items"]] == DEFAULT_SLUGS
    for entry in listing["items"]:
        assert set(entry) >= {"habit", "slug", "status", "streak"}
        assert isinstance(entry["habit"], str) and isinstance(entry["slug"], str)
        assert type(entry["streak"]) is int
    assert item(listing, "stick-rolling")["habit"] == "Stick rolling"
    assert statuses(listing) == {
        "stick-rolling": "pending",
        "lacrosse-ball-glute-release": "pending",
        "plank-hip-dips": "pending",
        "acupuncture": "off",
        "glute-and-hip-strength": "open",
    }
    assert (listing["done"], listing["total"]) == (0, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", "2026-11-20"),
        ("today", TODAY),
        ("yesterday", "2026-11-20"),
        ("fri", "2026-11-20"),
        ("Friday", "2026-11-20"),
        ("sat", TODAY),  # the most recent one, today included
        ("-3", "2026-11-18"),
        ("Nov 20", "2026-11-20"),
        ("20 November", "2026-11-20"),
        ("Nov 22", "2026-11-22"),  # the nearer such date: a view looks ahead too (tomorrow)
    ],
)
def test_today_date_forms(db: Path, text: str, expected: str) -> None:
    assert ok(db, "today", "--date", text, "--json").json["date"] == expected


def test_today_text_for_another_day(db: Path) -> None:
    assert ok(db, "today", "--date", "yesterday").lines[0].startswith("Friday 20 November 2026 (yesterday)")
    assert ok(db, "today", "--date", "2026-11-10").lines[0].startswith("Tuesday 10 November 2026  ·")


def test_today_json_streaks_and_counts_as_of_the_date(db: Path) -> None:
    for slug in DEFAULT_SLUGS[1:]:
        ok(db, "habit", "edit", slug, "--start", TODAY)
    for day in ("2026-11-17", "2026-11-18", "2026-11-19", TODAY):
        ok(db, "done", "stick", "--date", day)
    now = ok(db, "today", "--json").json
    assert (item(now, "stick-rolling")["status"], item(now, "stick-rolling")["streak"]) == ("done", 1)
    assert (now["done"], now["total"]) == (1, 3)  # the 1/week habit is open on Saturday

    friday = ok(db, "today", "--date", YESTERDAY, "--json").json
    # Only stick rolling had started by then; the others are `off` before their start.
    assert statuses(friday) == {
        "stick-rolling": "missed",
        "lacrosse-ball-glute-release": "off",
        "plank-hip-dips": "off",
        "acupuncture": "off",
        "glute-and-hip-strength": "off",
    }
    assert item(friday, "stick-rolling")["streak"] == 0
    assert (friday["done"], friday["total"]) == (0, 1)

    thursday = ok(db, "today", "--date", "2026-11-19", "--json").json
    assert item(thursday, "stick-rolling")["streak"] == 3
    assert (thursday["done"], thursday["total"]) == (1, 1)


def test_today_json_leaves_out_habits_archived_on_that_date(db: Path) -> None:
    ok(db, "habit", "archive", "plank", "--date", YESTERDAY)
    assert "plank-hip-dips" not in statuses(ok(db, "today", "--json").json)
    assert "plank-hip-dips" not in statuses(ok(db, "today", "--date", YESTERDAY, "--json").json)
    assert "plank-hip-dips" in statuses(ok(db, "today", "--date", "2026-11-19", "--json").json)


def test_today_json_of_a_snoozed_day(db: Path) -> None:
    ok(db, "snooze")
    listing = ok(db, "today", "--json").json
    assert listing["snoozed"] is True
    assert statuses(listing)["stick-rolling"] == "snoozed"
    assert (listing["done"], listing["total"]) == (0, 0)
    assert "rest day (snoozed)" in ok(db, "today").lines[0]


def test_today_future_day_is_upcoming(db: Path) -> None:
    listing = ok(db, "today", "--date", "2026-11-24", "--json").json
    assert statuses(listing)["stick-rolling"] == "upcoming"
    assert statuses(listing)["acupuncture"] == "upcoming"  # a Tuesday
    assert listing["total"] == 0


# ------------------------------------------------------------ done / undo


def test_done_checks_in_several_habits(db: Path) -> None:
    ran = ok(db, "done", "stick", "LACROSSE", "plank-hip")
    assert ran.lines == [
        "✔ Stick rolling done on 2026-11-21 (Sat) · streak 1 day",
        "✔ Lacrosse ball glute release done on 2026-11-21 (Sat) · streak 1 day",
        "✔ Plank hip dips done on 2026-11-21 (Sat) · streak 1 day",
    ]
    checked = {(r["habit_id"], r["day"]) for r in rows(db, "checkins")}
    assert checked == {(habit_id(db, s), TODAY) for s in DEFAULT_SLUGS[:3]}


def test_done_finds_by_name_slug_or_prefix(db: Path) -> None:
    ok(db, "done", "Glute and hip strength")
    ok(db, "done", "acupuncture")
    ok(db, "done", "lacrosse-ball-glute-release")
    ok(db, "done", "sTiCk R")
    assert {r["habit_id"] for r in rows(db, "checkins")} == {
        habit_id(db, s)
        for s in ("glute-and-hip-strength", "acupuncture", "lacrosse-ball-glute-release", "stick-rolling")
    }


def test_an_exact_name_wins_over_a_prefix(db: Path) -> None:
    ok(db, "habit", "add", "Plank", "--schedule", "daily")
    ok(db, "done", "plank")
    assert [r["habit_id"] for r in rows(db, "checkins")] == [habit_id(db, "plank")]


def test_done_on_another_date(db: Path) -> None:
    ran = ok(db, "done", "stick", "plank", "--date", "yesterday")
    assert "done on 2026-11-20" in ran.out
    assert checkin_days(db, "stick-rolling") == ["2026-11-20"]
    assert checkin_days(db, "plank-hip-dips") == ["2026-11-20"]


def test_done_twice_records_nothing_twice(db: Path) -> None:
    ok(db, "done", "stick")
    again = ok(db, "done", "stick", "stick-rolling")
    assert again.lines == ["✔ Stick rolling was already done (full) on 2026-11-21 (Sat) · streak 1 day"]
    assert checkin_days(db, "stick-rolling") == [TODAY]
    assert len(rows(db, "checkins")) == 1


def test_a_checkin_before_the_start_is_refused_until_the_start_is_moved(db: Path) -> None:
    ok(db, "habit", "add", "Hip flexor stretch", "--schedule", "every 3 days")
    before = dump(db)
    line = assert_error(run(db, "done", "stick", "hip", "--date", "2026-11-02"))
    assert line == (
        "error: Hip flexor stretch starts on 2026-11-21; to count 2026-11-02 move its start first: "
        "rehab habit edit hip-flexor-stretch --start 2026-11-02; nothing was recorded"
    )
    # Nothing is written: not the other habit's check-in either (as the line says), and no start moves.
    assert dump(db) == before
    assert habit_row(db, "hip-flexor-stretch")["start"] == TODAY

    moved = ok(db, "habit", "edit", "hip", "--start", "2026-11-02")
    assert moved.lines[0].endswith(", starts 2026-11-02 (Mon)"), moved.out
    ok(db, "done", "stick", "hip", "--date", "2026-11-02")
    assert checkin_days(db, "hip-flexor-stretch") == ["2026-11-02"]
    assert checkin_days(db, "stick-rolling") == ["2026-11-02"]
    assert habit_row(db, "hip-flexor-stretch")["start"] == "2026-11-02"
    # `every N days` stays anchored to the day its schedule was set.
    assert schedule_now(db, "hip-flexor-stretch") == ("2026-11-02", "RRULE:FREQ=DAILY;INTERVAL=3", TODAY)
    # The start never moves by itself.
    assert habit_row(db, "stick-rolling")["start"] == TEMPLATE_START
    assert habit_row(db, "plank-hip-dips")["start"] == TEMPLATE_START
    ok(db, "done", "stick", "--date", "2026-11-10")
    assert habit_row(db, "stick-rolling")["start"] == TEMPLATE_START
    # A start that would leave check-ins before it is refused.
    before = dump(db)
    assert_error(run(db, "habit", "edit", "hip", "--start", "2026-11-03"))
    assert dump(db) == before


def test_undo(db: Path) -> None:
    ok(db, "done", "stick", "plank")
    ok(db, "done", "stick", "--date", YESTERDAY)
    ran = ok(db, "undo", "stick", "plank")
    assert ran.lines == [
        "↺ Stick rolling is no longer done on 2026-11-21 (Sat)",
        "↺ Plank hip dips is no longer done on 2026-11-21 (Sat)",
    ]
    assert checkin_days(db, "stick-rolling") == [YESTERDAY]
    assert checkin_days(db, "plank-hip-dips") == []
    again = ok(db, "undo", "plank")
    assert again.lines == ["Plank hip dips was not done on 2026-11-21 (Sat); nothing to take back"]
    ok(db, "undo", "stick", "--date", "fri")
    assert rows(db, "checkins") == []


# --------------------------------------------------- snooze / unsnooze


def test_snooze_the_day_stores_reason_area_and_pain(db: Path) -> None:
    ran = ok(db, "snooze", "--reason", "IT band flare", "--area", "left IT band", "--pain", "6")
    assert ran.lines == ["z the whole day snoozed on 2026-11-21 (Sat) (IT band flare); streaks are frozen, not broken"]
    [row] = snooze_rows(db)
    assert (row["day"], row["habit_id"], row["reason"], row["area"], row["pain"]) == (
        TODAY,
        None,
        "IT band flare",
        "left IT band",
        6,
    )


def test_snooze_reason_defaults_to_sore(db: Path) -> None:
    ok(db, "snooze", "--date", YESTERDAY)
    [row] = snooze_rows(db)
    assert (row["day"], row["reason"], row["area"], row["pain"]) == (YESTERDAY, "sore", None, None)
    assert rows(db, "readings") == []


def test_snooze_one_habit(db: Path) -> None:
    ok(db, "snooze", "--habit", "plank", "--pain", "0", "--area", "wrist")
    [row] = snooze_rows(db)
    plank = habit_id(db, "plank-hip-dips")
    assert (row["day"], row["habit_id"], row["pain"], row["area"]) == (TODAY, plank, 0, "wrist")
    listing = ok(db, "today", "--json").json
    assert listing["snoozed"] is False
    assert statuses(listing)["plank-hip-dips"] == "snoozed"
    assert statuses(listing)["stick-rolling"] == "pending"
    assert listing["total"] == 2  # stick, lacrosse; the 1/week habit is open


def test_snooze_ahead_up_to_seven_days(db: Path) -> None:
    ok(db, "snooze", "--date", "2026-11-28")
    assert [r["day"] for r in rows(db, "snoozes")] == ["2026-11-28"]


def test_unsnooze_takes_back_only_the_kind_asked(db: Path) -> None:
    ok(db, "snooze")
    ok(db, "snooze", "--habit", "stick")
    assert ok(db, "unsnooze").lines == ["The day is no longer snoozed on 2026-11-21 (Sat)"]
    assert [r["habit_id"] for r in rows(db, "snoozes")] == [habit_id(db, "stick-rolling")]
    assert ok(db, "unsnooze").lines == ["The day was not snoozed on 2026-11-21 (Sat)"]
    assert ok(db, "unsnooze", "--habit", "stick").lines == ["Stick rolling is no longer snoozed on 2026-11-21 (Sat)"]
    assert rows(db, "snoozes") == []
    ok(db, "snooze", "--date", YESTERDAY)
    ok(db, "unsnooze", "--date", "yesterday")
    assert rows(db, "snoozes") == []


def test_snoozing_a_day_already_snoozed_uses_nothing(db: Path) -> None:
    ok(db, "snooze", "--date", YESTERDAY)
    ok(db, "snooze")
    again = ok(db, "snooze")
    assert again.lines == ["the whole day was already snoozed on 2026-11-21 (Sat)"]
    assert len(rows(db, "snoozes")) == 2
    # A habit snooze on a snoozed day costs nothing more, though the budget is spent.
    ok(db, "snooze", "--habit", "stick")
    assert len(rows(db, "snoozes")) == 3
    refused = run(db, "snooze", "--date", "2026-11-19")
    assert refused.code == 1 and "pause" in refused.err


def test_day_and_habit_snoozes_on_one_day_count_once(db: Path) -> None:
    ok(db, "snooze", "--habit", "stick", "--date", YESTERDAY)
    ok(db, "snooze", "--habit", "plank", "--date", YESTERDAY)
    ok(db, "snooze", "--date", YESTERDAY)
    ok(db, "snooze")  # the second snoozed day in the window
    refused = run(db, "snooze", "--date", "2026-11-19")
    assert refused.code == 1
    assert len(rows(db, "snoozes")) == 4


def test_the_budget_is_a_sliding_window(db: Path) -> None:
    ok(db, "snooze", "--date", "2026-11-14")
    ok(db, "snooze", "--date", "2026-11-15")
    ok(db, "snooze")  # 15..21 holds one other snoozed day
    assert run(db, "snooze", "--date", "2026-11-20").code == 1  # 14..20 is full
    ok(db, "snooze", "--date", "2026-11-23")  # 17..23 holds only the 21st
    assert [r["day"] for r in rows(db, "snoozes")] == ["2026-11-14", "2026-11-15", TODAY, "2026-11-23"]


def test_the_budget_follows_the_setting(db: Path) -> None:
    ok(db, "settings", "snooze_budget", "3")
    for day in ("2026-11-19", YESTERDAY, TODAY):
        ok(db, "snooze", "--date", day)
    refused = run(db, "snooze", "--date", "2026-11-18")
    assert refused.code == 1 and "3 snoozed days" in refused.err and "pause" in refused.err


# --------------------------------------------------------- pause / resume


def test_pause_until(db: Path) -> None:
    ran = ok(db, "pause", "stick", "--until", "2026-11-30", "--reason", "no running until the physio")
    assert ran.lines == [
        "‖ Stick rolling paused from 2026-11-21 (Sat) through 2026-11-30 (Mon), 10 days (no running until the physio)"
    ]
    [row] = rows(db, "pauses")
    assert (row["habit_id"], row["start"], row["until"], row["reason"]) == (
        habit_id(db, "stick-rolling"),
        TODAY,
        "2026-11-30",
        "no running until the physio",
    )
    assert statuses(ok(db, "today", "--json").json)["stick-rolling"] == "paused"
    assert statuses(ok(db, "today", "--date", "2026-11-30", "--json").json)["stick-rolling"] == "paused"
    assert statuses(ok(db, "today", "--date", "2026-12-01", "--json").json)["stick-rolling"] == "upcoming"
    assert "paused until 30 Nov" in ok(db, "today").out


def test_pause_from(db: Path) -> None:
    ok(db, "pause", "plank", "--from", "2026-11-25", "--until", "2026-11-28")
    [row] = rows(db, "pauses")
    assert (row["start"], row["until"], row["reason"]) == ("2026-11-25", "2026-11-28", "")
    assert statuses(ok(db, "today", "--json").json)["plank-hip-dips"] == "pending"


def test_pause_until_a_weekday_means_the_next_one(db: Path) -> None:
    ok(db, "pause", "stick", "--until", "fri")
    assert rows(db, "pauses")[0]["until"] == "2026-11-27"


def test_a_pause_sharing_days_with_another_moves_it(db: Path) -> None:
    ok(db, "pause", "stick", "--from", "2026-11-25", "--until", "2026-11-28", "--reason", "physio")
    ran = ok(db, "pause", "stick", "--from", "2026-11-27", "--until", "2026-12-02")
    assert ran.lines == [
        "‖ Stick rolling changed: from 2026-11-25 (Wed) → 2026-11-27 (Fri), through 2026-11-28 (Sat) → "
        "2026-12-02 (Wed); paused 2026-11-27 (Fri) – 2026-12-02 (Wed), 6 days (physio)"
    ]
    ok(db, "pause", "plank", "--from", "2026-11-25", "--until", "2026-11-26")
    stick = [
        (r["start"], r["until"], r["reason"])
        for r in rows(db, "pauses", "habit_id = ?", [habit_id(db, "stick-rolling")])
    ]
    assert stick == [("2026-11-27", "2026-12-02", "physio")]
    assert len(rows(db, "pauses")) == 2


def test_resume_ends_the_current_pause_and_leaves_later_ones(db: Path) -> None:
    ok(db, "done", "stick", "--date", "2026-11-10")
    ok(db, "pause", "stick", "--from", "2026-11-18", "--until", "2026-11-25", today="2026-11-18")
    ok(db, "pause", "stick", "--from", "2026-12-01", "--until", "2026-12-05")
    ok(db, "pause", "plank", "--from", "2026-11-18", "--until", "2026-11-25", today="2026-11-18")
    assert ok(db, "resume", "stick").lines == [
        "▶ Stick rolling is active again from 2026-11-21 (Sat); still planned: paused 2026-12-01 (Tue) – "
        "2026-12-05 (Sat), 5 days"
    ]
    stick = habit_id(db, "stick-rolling")
    assert sorted((r["habit_id"], r["start"], r["until"]) for r in rows(db, "pauses")) == sorted(
        [
            (stick, "2026-11-18", "2026-11-20"),
            (stick, "2026-12-01", "2026-12-05"),
            (habit_id(db, "plank-hip-dips"), "2026-11-18", "2026-11-25"),
        ]
    )
    assert statuses(ok(db, "today", "--json").json)["stick-rolling"] == "pending"


def test_resume_a_pause_that_starts_today_removes_it(db: Path) -> None:
    ok(db, "pause", "stick", "--until", "2026-11-30")
    ok(db, "resume", "stick")
    assert rows(db, "pauses") == []


# ------------------------------------------------------------------ streaks


def test_streaks_json_shape_and_values(db: Path) -> None:
    for day in ("2026-11-19", YESTERDAY, TODAY):
        ok(db, "done", "stick", "lacrosse", "plank", "--date", day)
    ok(db, "done", "acu", "--date", YESTERDAY)  # due on Fridays since 1 October
    data = ok(db, "streaks", "--json").json
    assert set(data) >= {"routine", "habits"}
    assert set(data["routine"]) >= {"current_streak", "best_streak"}
    assert all(type(v) is int for v in (data["routine"]["current_streak"], data["routine"]["best_streak"]))
    assert (data["routine"]["current_streak"], data["routine"]["best_streak"]) == (3, 3)
    assert [h["slug"] for h in data["habits"]] == DEFAULT_SLUGS
    for entry in data["habits"]:
        assert set(entry) >= {"habit", "slug", "unit", "current_streak", "best_streak", "strength"}
        assert isinstance(entry["habit"], str)
        assert type(entry["current_streak"]) is int and type(entry["best_streak"]) is int
        assert type(entry["strength"]) is float and 0 <= entry["strength"] <= 100
        assert round(entry["strength"], 1) == entry["strength"]
    by_slug = {h["slug"]: h for h in data["habits"]}
    assert by_slug["stick-rolling"]["unit"] == "days"
    assert by_slug["glute-and-hip-strength"]["unit"] == "weeks"
    assert (by_slug["stick-rolling"]["current_streak"], by_slug["stick-rolling"]["best_streak"]) == (3, 3)
    assert by_slug["stick-rolling"]["strength"] > 0
    assert by_slug["acupuncture"]["current_streak"] == 1
    # A habit never done has neither a streak nor strength.
    assert (by_slug["glute-and-hip-strength"]["current_streak"], by_slug["glute-and-hip-strength"]["strength"]) == (
        0,
        0.0,
    )


def test_streaks_text(db: Path) -> None:
    for day in ("2026-11-19", YESTERDAY, TODAY):
        ok(db, "done", "stick", "lacrosse", "plank", "--date", day)
    ok(db, "done", "acu", "--date", YESTERDAY)  # due on Fridays since 1 October
    ran = ok(db, "streaks")
    assert re.match(r"Habit\s+Current\s+Best\s+Strength", ran.lines[0])
    assert re.search(r"^Stick rolling\s+3 days\s+3 days\s+\S+\s+\d+\.\d%\s+\d+\.\d%$", ran.out, re.MULTILINE)
    assert re.search(r"^Glute and hip strength\s+0 weeks\s+0 weeks", ran.out, re.MULTILINE)
    assert "Routine: 3 days in a row, best 3 days, " in ran.out


def test_streaks_after_a_single_miss_say_never_miss_twice(db: Path) -> None:
    ok(db, "done", "stick", "--date", "2026-11-19")
    ran = ok(db, "streaks")
    assert "Stick rolling: missed once — never miss twice." in ran.out
    entry = ok(db, "streaks", "--json").json["habits"][0]
    assert (entry["current_streak"], entry["best_streak"]) == (0, 1)


# ----------------------------------------------------------------- calendar


def test_calendar_this_month(db: Path) -> None:
    ok(db, "done", "stick", "lacrosse", "plank", "glute", "acu", "--date", YESTERDAY)
    ok(db, "snooze", "--date", "2026-11-18")
    ok(db, "done", "stick")
    ran = ok(db, "calendar")
    assert ran.lines[0].strip() == "November 2026"
    assert ran.lines[1].split() == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    assert "z18" in ran.out  # snoozed
    assert "✗19" in ran.out and "✗ 1" in ran.out  # missed since the habits' start on 1 October
    assert "●20" in ran.out  # everything due was done
    assert "◐21" in ran.out  # partly done today
    assert "·22" in ran.out  # future
    assert "·30" in ran.out
    assert "● full" in ran.lines[-1] and "z snoozed" in ran.lines[-1]


def test_calendar_month_option(db: Path) -> None:
    ran = ok(db, "calendar", "--month", "2026-02")
    assert ran.lines[0].strip() == "February 2026"
    assert re.search(r"\b28\b", ran.out) and not re.search(r"\b29\b", ran.out)
    # 1 February 2026 is a Sunday: the last column of the first week.
    assert ran.lines[2].rstrip().endswith("1") and len(ran.lines[2].split()) == 1
    assert ok(db, "calendar", "--month", "2026-10").lines[0].strip() == "October 2026"


# -------------------------------------------------------------------- habit


@pytest.mark.parametrize(
    ("schedule", "stored", "listed"),
    [
        ("daily", "RRULE:FREQ=DAILY", "daily"),
        ("tue,fri", "RRULE:FREQ=WEEKLY;BYDAY=TU,FR", "tue,fri"),
        ("mon wed fri", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR", "mon,wed,fri"),
        ("every 3 days", "RRULE:FREQ=DAILY;INTERVAL=3", "every 3 days"),
        ("2/week", "2/week", "2/week"),
        (
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15",
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15",
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15",
        ),
    ],
)
def test_habit_add_schedules(db: Path, schedule: str, stored: str, listed: str) -> None:
    ok(db, "habit", "add", "Calf raises", "--schedule", schedule)
    assert habit_row(db, "calf-raises")["start"] == TODAY
    assert schedule_versions(db, "calf-raises") == [(TODAY, stored, TODAY)]
    listing = ok(db, "habit", "list", "--json").json
    assert listing[-1]["schedule"] == listed


def test_habit_add(db: Path) -> None:
    ran = ok(
        db,
        "habit",
        "add",
        "Hamstring stretch",
        "--schedule",
        "mon,wed,fri",
        "--cue",
        "Heel on a step, hinge at the hips",
        "--minutes",
        "3",
    )
    assert ran.lines == [
        "+ Hamstring stretch (hamstring-stretch): every Monday, Wednesday, Friday, from 2026-11-21 (Sat)"
    ]
    row = habit_row(db, "hamstring-stretch")
    assert {k: v for k, v in row.items() if k not in ("id", "created_at", "updated_at")} == {
        "name": "Hamstring stretch",
        "slug": "hamstring-stretch",
        "cue": "Heel on a step, hinge at the hips",
        "minutes": 3,
        "start": TODAY,
        "archived": None,
        "position": 6,
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
    assert row["created_at"] and row["updated_at"]
    assert schedule_versions(db, "hamstring-stretch") == [(TODAY, "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR", TODAY)]
    listing = ok(db, "today", "--json").json
    assert statuses(listing)["hamstring-stretch"] == "off"  # a Saturday


def test_habit_add_without_a_schedule_is_daily(db: Path) -> None:
    ran = ok(db, "habit", "add", "Ice the knee")
    assert ran.lines == ["+ Ice the knee (ice-the-knee): every day, from 2026-11-21 (Sat)"]
    assert schedule_versions(db, "ice-the-knee") == [(TODAY, "RRULE:FREQ=DAILY", TODAY)]


def test_habit_names_are_capped_at_100_characters(db: Path) -> None:
    ok(db, "habit", "add", "x" * 100)
    assert len(rows(db, "habits", "name = ?", ["x" * 100])) == 1
    before = dump(db)
    assert_error(run(db, "habit", "add", "y" * 101), contains="100")
    assert dump(db) == before


def test_habit_add_with_a_start_date(db: Path) -> None:
    ok(db, "habit", "add", "Ice the knee", "--schedule", "daily", "--start", "2026-11-01")
    assert habit_row(db, "ice-the-knee")["start"] == "2026-11-01"


def test_habit_slugs_stay_unique(db: Path) -> None:
    ok(db, "habit", "add", "Stick-rolling!", "--schedule", "daily")
    assert [h["slug"] for h in rows(db, "habits")][-1] == "stick-rolling-2"


def test_habit_list_text(db: Path) -> None:
    ran = ok(db, "habit", "list")
    assert len(ran.lines) == 5
    assert re.match(r"^ 1\. Stick rolling\s+daily\s+stick-rolling$", ran.lines[0])
    assert re.match(r"^ 4\. Acupuncture\s+tue,fri\s+acupuncture$", ran.lines[3])
    assert re.match(r"^ 5\. Glute and hip strength\s+1/week\s+glute-and-hip-strength$", ran.lines[4])


def test_habit_list_json_shape(db: Path) -> None:
    listing = ok(db, "habit", "list", "--json").json
    assert isinstance(listing, list)
    for entry in listing:
        assert set(entry) >= {"habit", "slug", "schedule", "archived"}
        assert isinstance(entry["schedule"], str)
        assert entry["archived"] is False
    assert [(e["habit"], e["slug"], e["schedule"]) for e in listing] == [
        ("Stick rolling", "stick-rolling", "daily"),
        ("Lacrosse ball glute release", "lacrosse-ball-glute-release", "daily"),
        ("Plank hip dips", "plank-hip-dips", "daily"),
        ("Acupuncture", "acupuncture", "tue,fri"),
        ("Glute and hip strength", "glute-and-hip-strength", "1/week"),
    ]


def test_habit_archive_and_list_all(db: Path) -> None:
    ran = ok(db, "habit", "archive", "acu")
    assert ran.lines == [
        "- Acupuncture archived from 2026-11-21 (Sat); `rehab habit restore acupuncture` brings it back"
    ]
    assert habit_row(db, "acupuncture")["archived"] == TODAY
    assert "acupuncture" not in [e["slug"] for e in ok(db, "habit", "list", "--json").json]
    assert "Acupuncture" not in ok(db, "habit", "list").out
    everything = ok(db, "habit", "list", "--all", "--json").json
    assert [(e["slug"], e["archived"]) for e in everything] == [(s, s == "acupuncture") for s in DEFAULT_SLUGS]
    assert "(archived)" in ok(db, "habit", "list", "--all").out
    # Its history is kept.
    assert habit_row(db, "acupuncture")["name"] == "Acupuncture"


def test_habit_archive_on_a_later_date(db: Path) -> None:
    ok(db, "habit", "archive", "plank", "--date", "2026-11-25")
    assert habit_row(db, "plank-hip-dips")["archived"] == "2026-11-25"
    listing = ok(db, "habit", "list", "--json").json
    assert ("plank-hip-dips", False) in [(e["slug"], e["archived"]) for e in listing]


def test_archived_habits_are_found_only_by_restore(db: Path) -> None:
    ok(db, "habit", "archive", "stick")
    assert run(db, "done", "stick").code == 1
    assert rows(db, "checkins") == []
    assert ok(db, "habit", "restore", "stick").lines == ["+ Stick rolling is back in the routine"]
    assert habit_row(db, "stick-rolling")["archived"] is None
    assert ok(db, "habit", "list", "--json").json[0]["slug"] == "stick-rolling"
    ok(db, "done", "stick")
    assert checkin_days(db, "stick-rolling") == [TODAY]


def test_habit_edit(db: Path) -> None:
    ran = ok(
        db,
        "habit",
        "edit",
        "stick",
        "--name",
        "Foam rolling",
        "--cue",
        "  Slowly.  ",
        "--minutes",
        "7",
        "--schedule",
        "mon,thu",
    )
    assert ran.lines == ["~ Foam rolling (stick-rolling): every Monday, Thursday, from 2026-11-21 (Sat); daily before"]
    row = habit_row(db, "stick-rolling")
    assert (row["name"], row["cue"], row["minutes"]) == ("Foam rolling", "Slowly.", 7)
    # The days before today keep the old schedule.
    assert schedule_versions(db, "stick-rolling") == [
        (TEMPLATE_START, "RRULE:FREQ=DAILY", TEMPLATE_START),
        (TODAY, "RRULE:FREQ=WEEKLY;BYDAY=MO,TH", TODAY),
    ]
    ok(db, "done", "foam")
    assert checkin_days(db, "stick-rolling") == [TODAY]


def test_habit_edit_can_change_only_the_case_of_its_own_name(db: Path) -> None:
    ok(db, "habit", "edit", "plank", "--name", "PLANK HIP DIPS")
    assert habit_row(db, "plank-hip-dips")["name"] == "PLANK HIP DIPS"


def test_habit_edit_keeps_the_anchor_of_the_same_schedule(db: Path) -> None:
    ok(db, "habit", "add", "Physio", "--schedule", "every 3 days", today="2026-11-01")
    ok(db, "habit", "edit", "physio", "--schedule", "every 3 days")
    assert schedule_versions(db, "physio") == [("2026-11-01", "RRULE:FREQ=DAILY;INTERVAL=3", "2026-11-01")]
    ok(db, "habit", "edit", "physio", "--schedule", "every 4 days")
    assert schedule_versions(db, "physio") == [
        ("2026-11-01", "RRULE:FREQ=DAILY;INTERVAL=3", "2026-11-01"),
        (TODAY, "RRULE:FREQ=DAILY;INTERVAL=4", TODAY),
    ]


def test_habit_move(db: Path) -> None:
    ran = ok(db, "habit", "move", "glute", "1")
    assert ran.lines == ["Glute and hip strength is now number 1"]
    order = [e["slug"] for e in ok(db, "habit", "list", "--json").json]
    assert order == ["glute-and-hip-strength", *DEFAULT_SLUGS[:4]]
    assert [r["position"] for r in sorted(rows(db, "habits"), key=lambda r: r["position"])] == [1, 2, 3, 4, 5]
    ok(db, "habit", "move", "stick", "99")  # past the end: last
    assert [e["slug"] for e in ok(db, "habit", "list", "--json").json][-1] == "stick-rolling"
    assert [i["slug"] for i in ok(db, "today", "--json").json["items"]][-1] == "stick-rolling"


# ----------------------------------------------------------------- settings


def test_settings_list(db: Path) -> None:
    ran = ok(db, "settings")
    assert [line.split()[:2] for line in ran.lines[:4]] == [
        ["day_start_hour", "0"],
        ["week_start", "monday"],
        ["snooze_budget", "2"],
        ["theme", "textual-dark"],
    ]
    # keymap: empty (the default keys), then what it takes
    assert ran.lines[4].split()[0] == "keymap" and "tick=x" in ran.lines[4]


def test_settings_get_and_set(db: Path) -> None:
    assert ok(db, "settings", "snooze_budget").out == "2\n"
    assert ok(db, "settings", "snooze_budget", "3").lines == ["snooze_budget = 3"]
    assert ok(db, "settings", "week_start", "Sun").lines == ["week_start = sunday"]
    assert ok(db, "settings", "day_start_hour", "03").lines == ["day_start_hour = 3"]
    assert ok(db, "settings", "theme", "nord").lines == ["theme = nord"]
    assert {r["key"]: r["value"] for r in rows(db, "settings")} == {
        "snooze_budget": "3",
        "week_start": "sunday",
        "day_start_hour": "3",
        "theme": "nord",
    }
    assert ok(db, "settings", "week_start").out == "sunday\n"
    # The calendar follows week_start.
    assert ok(db, "calendar").lines[1].split()[0] == "Su"


# ---------------------------------------------------------- export / import


def make_history(db: Path) -> None:
    ok(db, "done", "plank", "--date", "2026-11-16")
    ok(db, "done", "stick", "--min", "--date", "2026-11-16")
    ok(db, "pain", "3", "--area", "right hip flexor", "--date", "2026-11-17", "--note", "stairs")
    ok(db, "done", "stick", "glute", "--date", YESTERDAY)
    ok(db, "snooze", "--date", "2026-11-18", "--area", "left IT band", "--pain", "4")
    ok(db, "snooze", "--habit", "plank", "--reason", "wrist")
    ok(
        db,
        "pause",
        "lacrosse",
        "--from",
        "2026-11-19",
        "--until",
        "2026-11-24",
        "--reason",
        "physio",
        today="2026-11-19",
    )


def test_export_json(db: Path) -> None:
    make_history(db)
    data = ok(db, "export", "--format", "json").json
    assert (data["format"], data["version"]) == ("rehab-tui export", 4)
    assert isinstance(data.pop("exported_at"), str)
    habits = {h["slug"]: h for h in data["habits"]}
    assert list(habits) == DEFAULT_SLUGS
    assert habits["stick-rolling"]["checkins"] == ["2026-11-16", YESTERDAY]
    assert habits["stick-rolling"]["schedules"] == [
        {"from": TEMPLATE_START, "schedule": "RRULE:FREQ=DAILY", "anchor": TEMPLATE_START}
    ]
    assert habits["acupuncture"]["schedules"] == [
        {"from": TEMPLATE_START, "schedule": "RRULE:FREQ=WEEKLY;BYDAY=TU,FR", "anchor": TEMPLATE_START}
    ]
    # The default routine, never edited, carries no time of change.
    assert all(h["updated_at"] is None and h["notes"] == {} for h in habits.values())
    assert habits["plank-hip-dips"]["snoozes"] == [
        {"day": TODAY, "reason": "wrist", "area": None, "pain": None, "exempt": False}
    ]
    assert habits["lacrosse-ball-glute-release"]["pauses"] == [
        {"start": "2026-11-19", "until": "2026-11-24", "reason": "physio"}
    ]
    assert data["rest_days"] == [
        {"day": "2026-11-18", "reason": "sore", "area": "left IT band", "pain": 4, "exempt": False}
    ]
    # Every rated reading, the snooze's too.
    assert data["readings"] == [
        {"day": "2026-11-17", "area": "right hip flexor", "pain": 3, "note": "stairs"},
        {"day": "2026-11-18", "area": "left IT band", "pain": 4, "note": ""},
    ]
    assert habits["plank-hip-dips"]["prescription"] == {
        "sets": 3,
        "reps": 12,
        "hold": None,
        "sides": True,
        "rest": 30,
        "min_text": "",
        "min_sets": 1,
        "min_hold": None,
    }
    assert habits["stick-rolling"]["minimum_doses"] == ["2026-11-16"]
    assert habits["lacrosse-ball-glute-release"]["when"] == "after my morning coffee"
    # JSON is the default format.
    default = ok(db, "export").json
    default.pop("exported_at")
    assert default == data


def test_export_to_a_file(db: Path, tmp_path: Path) -> None:
    make_history(db)
    target = tmp_path / "out.json"
    ran = ok(db, "export", "--format", "json", "-o", target)
    assert ran.out == ""
    written, printed = json.loads(target.read_text(encoding="utf-8")), ok(db, "export").json
    # Apart from when each was made (to the second).
    assert written.pop("exported_at") and printed.pop("exported_at")
    assert written == printed
    csv_target = tmp_path / "out.csv"
    ok(db, "export", "--format", "csv", "--output", csv_target)
    assert csv_target.read_text(encoding="utf-8") == ok(db, "export", "--format", "csv").out


def test_export_csv(db: Path) -> None:
    make_history(db)
    text = ok(db, "export", "--format", "csv").out
    table = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == "kind,date,until,habit,slug,reason,area,pain,dose,note"
    assert [(r["kind"], r["date"], r["slug"], r["dose"]) for r in table] == [
        ("done", "2026-11-16", "plank-hip-dips", "full"),
        ("done", "2026-11-16", "stick-rolling", "min"),
        ("pain", "2026-11-17", "", ""),
        ("pain", "2026-11-18", "", ""),
        ("rest_day", "2026-11-18", "", ""),
        ("paused", "2026-11-19", "lacrosse-ball-glute-release", ""),
        ("done", YESTERDAY, "glute-and-hip-strength", "full"),
        ("done", YESTERDAY, "stick-rolling", "full"),
        ("snoozed", TODAY, "plank-hip-dips", ""),
    ]
    assert (table[2]["area"], table[2]["pain"], table[2]["note"]) == ("right hip flexor", "3", "stairs")
    assert table[4]["area"] == "left IT band" and table[4]["pain"] == "4"
    assert table[5]["until"] == "2026-11-24" and table[5]["reason"] == "physio"


def test_import(db: Path, tmp_path: Path) -> None:
    make_history(db)
    ok(db, "habit", "add", "Calf raises", "--schedule", "every 2 days", "--cue", "Slow", "--start", YESTERDAY)
    ok(db, "done", "calf", "--date", YESTERDAY)
    ok(db, "settings", "week_start", "sunday")
    export = tmp_path / "export.json"
    ok(db, "export", "-o", export)

    other = new_db(tmp_path, "other.db")
    # The default routine, edited in neither file, is left as it is.
    assert ok(other, "import", export).lines == [
        "imported 1 new habit, 5 check-ins, 2 snoozes, 1 pause, 2 pain readings, 1 setting"
    ]
    assert habit_row(other, "calf-raises")["cue"] == "Slow"
    assert checkin_days(other, "calf-raises") == [YESTERDAY]
    assert {r["key"]: r["value"] for r in rows(other, "settings")} == {"week_start": "sunday"}
    assert len(rows(other, "snoozes")) == 2 and len(rows(other, "pauses")) == 1
    merged = dump(other)
    assert ok(other, "import", export).lines == ["nothing new to import: this file already holds it all"]
    assert dump(other) == merged


def test_import_into_a_new_file(tmp_path: Path) -> None:
    source = new_db(tmp_path)
    ok(source, "done", "stick")
    export = tmp_path / "export.json"
    ok(source, "export", "-o", export)
    fresh = tmp_path / "fresh.db"
    ok(fresh, "import", export)
    assert [h["slug"] for h in rows(fresh, "habits")] == DEFAULT_SLUGS
    assert checkin_days(fresh, "stick-rolling") == [TODAY]


# ------------------------------------------------------------------- backup


def test_backup(db: Path, tmp_path: Path) -> None:
    make_history(db)
    copy = tmp_path / "copy.db"
    ran = ok(db, "backup", copy)
    assert ran.lines == [f"backed up to {copy}"]
    assert dump(copy) == dump(db)
    # The copy is a rehab database the CLI opens as it is.
    assert ok(copy, "today", "--json").json == ok(db, "today", "--json").json


def test_backup_default_name_sits_beside_the_file(db: Path) -> None:
    ran = ok(db, "backup")
    [made] = [p for p in db.parent.iterdir() if p.name.startswith("rehab-backup-")]
    assert ran.lines == [f"backed up to {made}"]
    assert made.suffix == ".db"
    assert dump(made) == dump(db)


def test_today_json_counts_streaks_longer_than_the_recent_window(tmp_path: Path) -> None:
    # `today` reads the last RECENT_PAST days first and everything when a streak
    # reaches further: a 700-day streak, a 30-day one, and a habit that missed
    # 500 days ago and not since must all come out as on the whole record.
    today = date.fromisoformat(TODAY)
    path = tmp_path / "long.db"
    store = Store.open(path, today - timedelta(days=1000))
    try:
        ids = [h.id for h in store.habits() if h.schedule.kind == "daily"]
        assert len(ids) == 3
        long, short, old_miss = ids
        days = [today - timedelta(days=n) for n in range(1, 1000)]
        store.load_history(
            today,
            [(long, d) for d in days if d >= today - timedelta(days=700)]
            + [(short, d) for d in days if d != today - timedelta(days=31)]
            + [(old_miss, d) for d in days if d != today - timedelta(days=500)],
        )
        then = today - timedelta(days=600)
        expected = checklist(store.journal(), today, today)
        expected_then = checklist(store.journal(), then, today)
    finally:
        store.close()
    assert RECENT_PAST < timedelta(days=500)
    streaks = {i["slug"]: i["streak"] for i in ok(path, "today", "--json").json["items"]}
    by_id = {i.log.habit.id: i.streak for i in expected.items}
    assert by_id[long] == 700 and by_id[short] == 30 and by_id[old_miss] == 499
    assert streaks == {i.log.habit.slug: i.streak for i in expected.items}
    # A day long ago reads its own window.
    earlier = {i["slug"]: i["streak"] for i in ok(path, "today", "--date", then.isoformat(), "--json").json["items"]}
    assert earlier == {i.log.habit.slug: i.streak for i in expected_then.items}
    assert (earlier["stick-rolling"], earlier["plank-hip-dips"]) == (101, 400)


def test_today_json_with_a_short_window_matches_the_whole_record(demo_store, monkeypatch: pytest.MonkeyPatch) -> None:
    # The demo history has snoozes, rest days, a pause and misses; with a
    # four-week window some days are read from the window and the others,
    # whose streaks reach further, from the whole file.
    monkeypatch.setattr(rehab_tui.store.reads, "RECENT_PAST", timedelta(days=28))
    today = date.fromisoformat(TODAY)
    journal = demo_store.journal()
    for back in range(0, 63, 3):
        day = today - timedelta(days=back)
        listing = ok(demo_store.path, "today", "--date", day.isoformat(), "--json").json
        assert listing == json.loads(json.dumps(checklist(journal, day, today).to_json())), day


# ---------------------------------------------------------------------- nag


def test_nag_one_line_while_unfinished(db: Path) -> None:
    ran = ok(db, "nag")
    # The 1/week habit is open on Saturday (due on Sunday): not named.
    assert ran.lines == ["rehab: 3 left today: Stick rolling, Lacrosse ball glute release, Plank hip dips"]
    ok(db, "done", "stick", "glute")
    assert ok(db, "nag").lines == ["rehab: 2 left today: Lacrosse ball glute release, Plank hip dips"]
    ok(db, "pause", "lacrosse", "--until", "2026-11-30")
    assert ok(db, "nag").lines == ["rehab: 1 left today: Plank hip dips"]


def test_nag_says_nothing_when_done(db: Path) -> None:
    ok(db, "done", "stick", "lacrosse", "plank", "glute")
    ran = ok(db, "nag")
    assert (ran.out, ran.err) == ("", "")


def test_nag_says_nothing_on_a_snoozed_day(db: Path) -> None:
    ok(db, "snooze")
    ran = ok(db, "nag")
    assert (ran.out, ran.err) == ("", "")


def test_demo_goes_with_no_command(db: Path) -> None:
    before = dump(db)
    assert_usage_error(run(db, "--demo", "today", today=None))
    assert dump(db) == before
