"""One vocabulary of weekdays: a set of days typed for a schedule
(`habit add --schedule`) reads the same as for a reminder (`remind add --days`),
and a day typed for a date (`--date thurs`) or for `week_start` the same way."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_helpers import TODAY, assert_error, dump, new_db, ok, rows, run

from rehab_tui.domain.dates import parse_day
from rehab_tui.domain.errors import InvalidInput
from rehab_tui.domain.rules import check_reminder_days
from rehab_tui.domain.schedules import parse_schedule
from rehab_tui.domain.settings import validate
from rehab_tui.domain.weekdays import read_weekdays, weekdays_in_words

ANCHOR = date(2026, 3, 11)
SATURDAY = date(2026, 11, 21)
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

VOCABULARY = [
    ("tue,fri", {TUE, FRI}),
    ("fri, tue", {TUE, FRI}),
    ("tue fri", {TUE, FRI}),
    ("tue and fri", {TUE, FRI}),
    ("Tuesday, Friday", {TUE, FRI}),
    ("tues, thurs", {TUE, THU}),
    ("mon,wed,fri", {MON, WED, FRI}),
    ("Mon,Wed,Fri", {MON, WED, FRI}),
    ("M/W/F", {MON, WED, FRI}),
    ("T/Th", {TUE, THU}),
    ("Sa/Su", {SAT, SUN}),
    ("mon-fri", {MON, TUE, WED, THU, FRI}),
    ("mon - wed", {MON, TUE, WED}),
    ("fri-mon", {FRI, SAT, SUN, MON}),
    ("mon-wed, sat", {MON, TUE, WED, SAT}),
    ("sun", {SUN}),
    ("weekdays", {MON, TUE, WED, THU, FRI}),
    ("every weekday", {MON, TUE, WED, THU, FRI}),
    ("weekends", {SAT, SUN}),
    ("weekend", {SAT, SUN}),
    ("every weekend", {SAT, SUN}),
    ("sat-sun", {SAT, SUN}),
    ("daily", set(range(7))),
    ("every day", set(range(7))),
    ("everyday", set(range(7))),
    ("mon-sun", set(range(7))),
]


@pytest.mark.parametrize(("text", "days"), VOCABULARY)
def test_a_schedule_and_a_reminder_read_the_same_days(text: str, days: set[int]) -> None:
    assert check_reminder_days(text) == days
    schedule = parse_schedule(text, ANCHOR)
    if len(days) == 7:
        assert schedule.kind == "daily"
    else:
        assert (schedule.kind, schedule.weekdays) == ("weekdays", days)
    # Named back, the days read back the same.
    assert read_weekdays(weekdays_in_words(frozenset(days))) == days
    assert check_reminder_days(schedule.describe()) == days


@pytest.mark.parametrize("text", ["", "  ", ",", "S/M", "M", "mo,fr", "tue,funday", "mon-", "and fri", "tue and"])
def test_neither_takes_what_is_not_a_set_of_days(text: str) -> None:
    with pytest.raises(InvalidInput, match="is not a set of days"):
        check_reminder_days(text)
    with pytest.raises(InvalidInput):
        parse_schedule(text, ANCHOR)


@pytest.mark.parametrize(
    ("text", "expected"), [("thu", "2026-11-19"), ("thurs", "2026-11-19"), ("Friday", "2026-11-20")]
)
def test_a_date_reads_a_day_the_same_way(text: str, expected: str) -> None:
    assert parse_day(text, SATURDAY).isoformat() == expected
    assert parse_day(f"last {text}", SATURDAY).isoformat() == expected


def test_week_start_reads_a_day_the_same_way() -> None:
    assert [validate("week_start", t) for t in ("Sun", "sunday", "sund", "MON")] == ["sunday"] * 3 + ["monday"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


def test_remind_add_takes_letters_as_a_schedule_does(db: Path) -> None:
    assert (
        ok(db, "remind", "add", "19:00", "--days", "M/W/F").lines[0] == "+ reminder #1  19:00  mon,wed,fri  → desktop"
    )
    [row] = rows(db, "reminders")
    assert (row["at"], row["days"]) == ("19:00", "mon,wed,fri")


def test_habit_add_takes_a_range_as_a_reminder_does(db: Path) -> None:
    ok(db, "habit", "add", "Calf raises", "--schedule", "mon-fri")
    [habit] = rows(db, "habits", "slug = ?", ["calf-raises"])
    [schedule] = rows(db, "schedules", "habit_id = ?", [habit["id"]])
    assert (schedule["since"], schedule["rule"]) == (TODAY, "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")


def test_a_bad_set_of_days_writes_nothing_in_either(db: Path) -> None:
    before = dump(db)
    assert_error(run(db, "remind", "add", "19:00", "--days", "S/S"), contains="not a set of days")
    assert_error(run(db, "habit", "add", "Calf raises", "--schedule", "S/S"), contains="not a schedule")
    assert dump(db) == before
