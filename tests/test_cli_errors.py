"""Bad input (docs/architecture.md, "Errors"): one `error:` line on stderr, exit status 1 (2 for click's
usage errors), never a traceback, and nothing written.

"Nothing written" is checked three ways: a dump of every table, the database's bytes,
and the names of the files in its folder (no stray copy, journal or export).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cli_helpers import (
    TODAY,
    YESTERDAY,
    assert_error,
    assert_usage_error,
    dump,
    file_bytes,
    folder_state,
    new_db,
    ok,
    run,
)
from sqlite_utils import Database


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


def refused(
    db: Path,
    *args: object,
    contains: str | None = None,
    today: str | None = TODAY,
    env: dict[str, str | None] | None = None,
) -> str:
    """Run a command that must fail cleanly and leave the database as it was."""
    tables, raw, files = dump(db), file_bytes(db), set(folder_state(db.parent))
    line = assert_error(run(db, *args, today=today, env=env), contains=contains)
    assert dump(db) == tables
    assert file_bytes(db) == raw
    assert set(folder_state(db.parent)) == files
    return line


def expand(args: tuple[str, ...], folder: Path) -> list[str]:
    return [a.replace("{tmp}", str(folder)) for a in args]


# Each case: (setup commands, the bad command, text the error line must hold).
CASES = {
    # an unknown habit
    "done unknown": ((), ("done", "nothing"), "no habit matches 'nothing'"),
    "done known and unknown": ((), ("done", "stick", "nothing"), "no habit matches"),
    "undo unknown": ((), ("undo", "nothing"), "no habit matches"),
    "snooze unknown": ((), ("snooze", "--habit", "nothing"), "no habit matches"),
    "unsnooze unknown": ((("snooze",),), ("unsnooze", "--habit", "nothing"), "no habit matches"),
    "pause unknown": ((), ("pause", "nothing", "--until", "2026-11-30"), "no habit matches"),
    "resume unknown": ((), ("resume", "nothing"), "no habit matches"),
    "edit unknown": ((), ("habit", "edit", "nothing", "--cue", "x"), "no habit matches"),
    "archive unknown": ((), ("habit", "archive", "nothing"), "no habit matches"),
    "move unknown": ((), ("habit", "move", "nothing", "1"), "no habit matches"),
    "restore unknown": ((("habit", "archive", "acu"),), ("habit", "restore", "nothing"), "no habit matches"),
    "restore with none archived": ((), ("habit", "restore", "stick"), "archived"),
    "restore an active habit": ((("habit", "archive", "acu"),), ("habit", "restore", "stick"), "no habit matches"),
    "done archived": ((("habit", "archive", "plank"),), ("done", "plank-hip-dips"), "no habit matches"),
    "blank habit": ((), ("done", "  "), "name a habit"),
    # an ambiguous habit
    "done ambiguous": (
        (("habit", "add", "Stick stretch", "--schedule", "daily"),),
        ("done", "stick"),
        "could be any of: Stick rolling, Stick stretch",
    ),
    "snooze ambiguous": (
        (("habit", "add", "Stick stretch", "--schedule", "daily"),),
        ("snooze", "--habit", "STICK"),
        "could be any of",
    ),
    "pause ambiguous": (
        (("habit", "add", "Acupressure", "--schedule", "daily"),),
        ("pause", "acu", "--until", "2026-11-30"),
        "could be any of",
    ),
    "archive ambiguous": (
        (("habit", "add", "Glute bridges", "--schedule", "daily"),),
        ("habit", "archive", "glute"),
        "could be any of",
    ),
    # a date that does not exist, or is no date
    "done 30 February": ((), ("done", "stick", "--date", "2026-02-30"), "2026-02-30 is not a day of the calendar"),
    "today 30 February": ((), ("today", "--date", "2026-02-30"), "not a day of the calendar"),
    "today Feb 30": ((), ("today", "--date", "Feb 30"), "not a day of the calendar"),
    "undo 30 February": ((), ("undo", "stick", "--date", "2026-02-30"), "not a day of the calendar"),
    "snooze 30 February": ((), ("snooze", "--date", "2026-02-30"), "not a day of the calendar"),
    "unsnooze 30 February": ((), ("unsnooze", "--date", "2026-02-30"), "not a day of the calendar"),
    "pause until 30 February": ((), ("pause", "stick", "--until", "2027-02-30"), "not a day of the calendar"),
    "pause from 30 February": (
        (),
        ("pause", "stick", "--from", "2026-02-30", "--until", "2026-12-01"),
        "not a day of the calendar",
    ),
    "add start 30 February": (
        (),
        ("habit", "add", "Ice", "--schedule", "daily", "--start", "2026-02-30"),
        "not a day of the calendar",
    ),
    "archive 31 April": ((), ("habit", "archive", "stick", "--date", "2026-04-31"), "not a day of the calendar"),
    "a lone number": ((), ("done", "stick", "--date", "15"), "'15' is not a date"),
    "a lone month": ((), ("done", "stick", "--date", "November"), "is not a date"),
    "free text": ((), ("today", "--date", "someday"), "is not a date"),
    "short ISO": ((), ("today", "--date", "2026-2-3"), "is not a date"),
    # a future check-in
    "done tomorrow": ((), ("done", "stick", "--date", "2026-11-22"), "future"),
    "done two in the future": ((), ("done", "stick", "plank", "--date", "2026-12-01"), "future"),
    # an unknown schedule
    "schedule word": ((), ("habit", "add", "Ice", "--schedule", "sometimes"), "not a schedule"),
    "schedule empty": ((), ("habit", "add", "Ice", "--schedule", ""), "schedule"),
    "schedule every 0 days": ((), ("habit", "add", "Ice", "--schedule", "every 0 days"), "every"),
    "schedule 8/week": ((), ("habit", "add", "Ice", "--schedule", "8/week"), "quota"),
    "schedule 0/week": ((), ("habit", "add", "Ice", "--schedule", "0/week"), "quota"),
    "schedule bad weekday": ((), ("habit", "add", "Ice", "--schedule", "mon,funday"), "not a schedule"),
    "schedule bad rrule": ((), ("habit", "add", "Ice", "--schedule", "RRULE:FREQ=SOMETIMES"), "RRULE"),
    "schedule rrule in the past": (
        (),
        ("habit", "add", "Ice", "--schedule", "RRULE:FREQ=DAILY;UNTIL=20200101"),
        "does not fall on any day",
    ),
    "edit schedule": ((), ("habit", "edit", "stick", "--schedule", "fortnightly"), "not a schedule"),
    # an empty or duplicate name
    "empty name": ((), ("habit", "add", "", "--schedule", "daily"), "a habit name cannot be empty"),
    "blank name": ((), ("habit", "add", "   ", "--schedule", "daily"), "a habit name cannot be empty"),
    "name with a line break": ((), ("habit", "add", "Ice\nthe knee", "--schedule", "daily"), "line breaks"),
    "name too long": ((), ("habit", "add", "x" * 101, "--schedule", "daily"), "at most 100"),
    "duplicate name": ((), ("habit", "add", "Stick rolling", "--schedule", "daily"), "already exists"),
    "duplicate name upper case": ((), ("habit", "add", "STICK ROLLING", "--schedule", "daily"), "already exists"),
    "duplicate name spaced": ((), ("habit", "add", "  stick Rolling ", "--schedule", "daily"), "already exists"),
    "duplicate of an archived name": (
        (("habit", "archive", "acu"),),
        ("habit", "add", "acupuncture", "--schedule", "daily"),
        "already exists",
    ),
    "rename to a taken name": ((), ("habit", "edit", "plank", "--name", "stick ROLLING"), "already exists"),
    "rename to empty": ((), ("habit", "edit", "plank", "--name", ""), "a habit name cannot be empty"),
    "edit nothing": ((), ("habit", "edit", "stick"), "nothing to change"),
    "minutes too many": ((), ("habit", "add", "Ice", "--schedule", "daily", "--minutes", "601"), "minutes"),
    "minutes negative": ((), ("habit", "add", "Ice", "--schedule", "daily", "--minutes", "-5"), "minutes"),
    "edit minutes": ((), ("habit", "edit", "stick", "--minutes", "1000"), "minutes"),
    # a pain level outside 0-10
    "pain 11": ((), ("snooze", "--pain", "11"), "pain"),
    "pain -1": ((), ("snooze", "--pain", "-1"), "pain"),
    "habit pain 42": ((), ("snooze", "--habit", "stick", "--pain", "42"), "pain"),
    # a snooze past the budget, or too far ahead
    "snooze past budget": ((("snooze", "--date", "2026-11-19"), ("snooze", "--date", YESTERDAY)), ("snooze",), "pause"),
    "habit snooze past budget": (
        (("snooze", "--date", "2026-11-19"), ("snooze", "--date", YESTERDAY)),
        ("snooze", "--habit", "stick", "--reason", "knee"),
        "pause",
    ),
    "snooze ahead past budget": (
        (("snooze", "--date", "2026-11-19"), ("snooze", "--date", YESTERDAY)),
        ("snooze", "--date", "2026-11-25"),
        "pause",
    ),
    "snooze with no budget": ((("settings", "snooze_budget", "0"),), ("snooze",), "rehab pause"),
    "snooze too far ahead": ((), ("snooze", "--date", "2026-11-29"), "7 days ahead"),
    # pauses
    "pause backwards": ((), ("pause", "stick", "--from", "2026-11-25", "--until", "2026-11-24"), "before"),
    "resume when not paused": ((), ("resume", "stick"), "not paused"),
    "resume before a later pause": (
        (("pause", "stick", "--from", "2026-11-25", "--until", "2026-11-28"),),
        ("resume", "stick"),
        "not paused",
    ),
    # settings
    "unknown setting": ((), ("settings", "colour"), "unknown setting 'colour'"),
    "set unknown setting": ((), ("settings", "colour", "red"), "unknown setting"),
    "budget 8": ((), ("settings", "snooze_budget", "8"), "snooze_budget"),
    "budget words": ((), ("settings", "snooze_budget", "two"), "snooze_budget"),
    "day start 13": ((), ("settings", "day_start_hour", "13"), "day_start_hour"),
    "day start -1": ((), ("settings", "day_start_hour", "--", "-1"), "day_start_hour"),
    "week start": ((), ("settings", "week_start", "funday"), "week_start"),
    "theme blank": ((), ("settings", "theme", "  "), "theme"),
    # bad --month
    "month 13": ((), ("calendar", "--month", "2026-13"), "'2026-13' is not a month"),
    "month 00": ((), ("calendar", "--month", "2026-00"), "is not a month"),
    "month year only": ((), ("calendar", "--month", "2026"), "is not a month"),
    "month backwards": ((), ("calendar", "--month", "11-2026"), "is not a month"),
    "month with a day": ((), ("calendar", "--month", "2026-11-05"), "is not a month"),
    # files
    "backup over a file": ((("backup", "{tmp}/copy.db"),), ("backup", "{tmp}/copy.db"), "already exists"),
    "backup into a missing folder": ((), ("backup", "{tmp}/missing/copy.db"), "does not exist"),
    "export into a missing folder": ((), ("export", "-o", "{tmp}/missing/out.json"), "missing"),
    "import no export": ((("backup", "{tmp}/copy.db"),), ("import", "{tmp}/copy.db"), "not a JSON export"),
}


@pytest.mark.parametrize(("setup", "args", "contains"), list(CASES.values()), ids=list(CASES))
def test_bad_input_is_refused_and_nothing_written(
    db: Path, setup: tuple[tuple[str, ...], ...], args: tuple[str, ...], contains: str
) -> None:
    for command in setup:
        ok(db, *expand(command, db.parent))
    refused(db, *expand(args, db.parent), contains=contains)


def test_snooze_refusal_points_at_pause(db: Path) -> None:
    ok(db, "snooze", "--date", "2026-11-19")
    ok(db, "snooze", "--date", YESTERDAY)
    line = refused(db, "snooze")
    assert line == (
        "error: the snooze budget is spent: 2 snoozed days in any 7 days. "
        "For a longer break, pause instead: rehab pause HABIT --until DATE"
    )


@pytest.mark.parametrize("bad", ["2026-02-30", "tomorrow", "21/11/2026", "2026-11-21x", "yesterday"])
def test_bad_today_option(db: Path, bad: str) -> None:
    refused(db, "today", "--json", today=bad, contains="not")
    refused(db, "done", "stick", today=bad)


@pytest.mark.parametrize(
    ("today", "args"),
    [
        pytest.param(TODAY, ("snooze", "--date", "0001-01-01"), id="snooze in year 1"),
        pytest.param(TODAY, ("calendar", "--month", "9999-12"), id="calendar of December 9999"),
        pytest.param(TODAY, ("pause", "stick", "--until", "9999-12-31"), id="pause until 9999"),
        pytest.param("9999-12-31", ("today",), id="today in 9999"),
        pytest.param("9999-12-31", ("snooze",), id="snooze in 9999"),
        pytest.param("0001-01-01", ("done", "stick"), id="done in year 1"),
    ],
)
def test_dates_at_the_ends_of_the_calendar(db: Path, today: str, args: tuple[str, ...]) -> None:
    refused(db, *args, today=today)


def test_bad_today_from_the_environment(db: Path) -> None:
    refused(db, "done", "stick", today=None, env={"REHAB_TODAY": "2026-02-30"}, contains="2026-02-30")


def test_bad_today_creates_no_database(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    assert_error(run(path, "done", "stick", today="2026-02-30"))
    assert not path.exists() and not list(tmp_path.iterdir())


# ------------------------------------------------------------- usage errors


USAGE = {
    "done without a habit": ("done",),
    "pain not a number": ("snooze", "--pain", "abc"),
    "move to 0": ("habit", "move", "stick", "0"),
    "pause without until": ("pause", "stick"),
    "export format": ("export", "--format", "xml"),
    "import a missing file": ("import", "{tmp}/missing.json"),
    "unknown command": ("frobnicate",),
    "unknown option": ("today", "--bogus"),
    "minutes not a number": ("habit", "add", "Ice", "--schedule", "daily", "--minutes", "ten"),
    "demo with a command": ("--demo", "nag"),
}


@pytest.mark.parametrize("args", list(USAGE.values()), ids=list(USAGE))
def test_usage_errors_exit_2(db: Path, args: tuple[str, ...]) -> None:
    tables, raw, files = dump(db), file_bytes(db), set(folder_state(db.parent))
    assert_usage_error(run(db, *expand(args, db.parent)))
    assert dump(db) == tables and file_bytes(db) == raw
    assert set(folder_state(db.parent)) == files


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("habit", "edit", "stick", "--sets", "-1"), "'--sets': -1 is too small: 0 or more"),
        (("remind", "remove", "0"), "0 is too small: 1 or more"),
        (("pain", "--weeks", "0"), "0 is not in the range 1 to 520"),
        (("pain", "99999999999999999999999", "--area", "hip"), "99999999999999999999… is far too large"),
        (("pain", "1x", "--area", "hip"), "'1x' is not a whole number"),
    ],
)
def test_a_number_out_of_range_says_the_range_in_words(db: Path, args: tuple[str, ...], says: str) -> None:
    assert_usage_error(run(db, *args), contains=says)


# ------------------------------------------------------ files that are not ours


def text_file(path: Path) -> None:
    path.write_text("milk\neggs\nlacrosse ball\n", encoding="utf-8")


def empty_file(path: Path) -> None:
    path.write_bytes(b"")


def other_app(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('buy a foam roller')")
    conn.close()


def other_app_in_wal(path: Path) -> None:
    other_app(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()


def other_sqlite_utils_app(path: Path) -> None:
    """Another app that also keeps sqlite-utils migrations, in its own set."""
    db = Database(path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "notes-app", "name": "m001_initial", "applied_at": "2026-01-01 00:00:00"}, pk="id"
    )
    db["notes"].insert({"body": "stretch"})
    db.close()


def damaged_sqlite(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)


FOREIGN = {
    "text file": (text_file, "not an SQLite file"),
    "empty file": (empty_file, "empty"),
    "another app's SQLite": (other_app, "another application"),
    "another app's SQLite in WAL": (other_app_in_wal, "another application"),
    "another sqlite-utils app": (other_sqlite_utils_app, "another application"),
    "damaged SQLite": (damaged_sqlite, "damaged"),
}

COMMANDS = {
    "today": ("today", "--json"),
    "done": ("done", "stick"),
    "snooze": ("snooze",),
    "habit add": ("habit", "add", "Ice", "--schedule", "daily"),
    "settings": ("settings", "theme", "nord"),
    "backup": ("backup", "{tmp}/copy.db"),
    "nag": ("nag",),
}


@pytest.mark.parametrize("command", list(COMMANDS.values()), ids=list(COMMANDS))
@pytest.mark.parametrize(("make", "contains"), list(FOREIGN.values()), ids=list(FOREIGN))
def test_a_file_that_is_not_ours_stays_byte_identical(
    tmp_path: Path, make, contains: str, command: tuple[str, ...]
) -> None:
    path = tmp_path / "mine.db"
    make(path)
    before = folder_state(tmp_path)
    assert_error(run(path, *expand(command, tmp_path)), contains=contains)
    assert folder_state(tmp_path) == before


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    folder = tmp_path / "rehab.db"
    folder.mkdir()
    assert_error(run(folder, "today"), contains="folder")
    assert list(tmp_path.iterdir()) == [folder] and not list(folder.iterdir())


def test_a_database_path_under_a_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me\n", encoding="utf-8")
    assert_error(run(notes / "rehab.db", "today"), contains="cannot create")
    assert folder_state(tmp_path) == {"notes.txt": b"keep me\n"}


@pytest.fixture
def newer_db(db: Path) -> Path:
    """A rehab database a later version has migrated further than this one knows."""
    migrated = Database(db)
    migrated["_sqlite_migrations"].insert(
        {"migration_set": "rehab", "name": "m099_from_the_future", "applied_at": "2027-01-01 00:00:00"}
    )
    migrated.close()
    return db


@pytest.mark.parametrize("command", list(COMMANDS.values()), ids=list(COMMANDS))
def test_a_newer_schema_is_refused(newer_db: Path, command: tuple[str, ...]) -> None:
    line = refused(newer_db, *expand(command, newer_db.parent), contains="newer version")
    assert "m099_from_the_future" in line
