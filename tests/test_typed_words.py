"""Dates and words a person types, through the command line (docs/architecture.md, "Dates",
"Errors"): dates with a year, `today --date` looking the nearer way, `calendar --month`
in words, "did you mean" for commands, habits and settings, a multi-habit refusal that
says nothing was recorded, and `pain --area X` listing one area.

Runs act on Saturday 2026-11-21 unless they say otherwise; the database is the default
routine made on 2026-10-01 (cli_helpers.new_db).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import TODAY, assert_error, assert_usage_error, dump, new_db, ok, rows, run

FRIDAY = "2026-11-20"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


def checkin_days(db: Path) -> list[str]:
    return sorted(r["day"] for r in rows(db, "checkins"))


# ------------------------------------------------------------ dates with a year


#: The forms that worked before, and a month and day with its year: one Friday.
FRIDAY_FORMS = [
    FRIDAY,
    "yesterday",
    "fri",
    "-1",
    "Nov 20",
    "20 November",
    "Nov 20 2026",
    "20 Nov 2026",
    "November 20, 2026",
    "20th November 2026",
]


def test_done_reads_every_form_of_the_same_day(db: Path) -> None:
    # One test over all the forms, so the old ones are shown to keep working beside the new.
    for typed in FRIDAY_FORMS:
        assert ok(db, "done", "stick", "--date", typed).out.startswith(f"✔ Stick rolling done on {FRIDAY} (Fri)")
        assert checkin_days(db) == [FRIDAY]
        ok(db, "undo", "stick", "--date", typed)
        assert checkin_days(db) == []


def test_a_date_with_a_year_is_read_by_every_command_that_takes_a_date(db: Path) -> None:
    ok(db, "undo", "stick", "--date", "Nov 21 2026")
    ok(db, "done", "stick", "--date", "Oct 30 2026")
    assert checkin_days(db) == ["2026-10-30"]
    ok(db, "snooze", "--habit", "plank", "--date", "Nov 23 2026")
    assert [r["day"] for r in rows(db, "snoozes")] == ["2026-11-23"]
    ok(db, "pause", "lacrosse", "--from", "Dec 1 2026", "--until", "5 Dec 2026")
    assert [(r["start"], r["until"]) for r in rows(db, "pauses")] == [("2026-12-01", "2026-12-05")]
    ok(db, "pain", "3", "--area", "hip", "--date", "November 19, 2026")
    assert [r["day"] for r in rows(db, "readings")] == ["2026-11-19"]
    ok(db, "habit", "add", "Calf raises", "--start", "Nov 2 2026")
    assert [r["start"] for r in rows(db, "habits", "name = ?", ["Calf raises"])] == ["2026-11-02"]
    assert ok(db, "today", "--date", "Dec 25 2026", "--json").json["date"] == "2026-12-25"
    # A year says the way itself: a past date for a command that looks ahead.
    assert ok(db, "today", "--date", "Nov 20 2025", "--json").json["date"] == "2025-11-20"


def test_a_date_that_is_not_one_is_refused_and_nothing_written(db: Path) -> None:
    before = dump(db)
    for typed, words in [
        ("2026-02-30", "2026-02-30 is not a day of the calendar"),
        ("Feb 30 2026", "'Feb 30 2026' is not a day of the calendar"),
        ("Feb 29 2026", "'Feb 29 2026' is not a day of the calendar"),
        ("Nov 20 1850", "Nov 20 1850 is out of range: years 1900 to 2999 only"),
        ("Nov 20 26", "is not a date"),  # a two-digit year could be a day
        ("Nov 2026", "is not a date"),  # a month, not a day
        ("Nov 20 2026 2027", "is not a date"),
    ]:
        assert_error(run(db, "done", "stick", "--date", typed), contains=words)
    assert dump(db) == before


# ------------------------------------------------------------ today --date: a view


def test_today_date_shows_the_nearer_month_day(db: Path) -> None:
    for today, typed, shown in [
        ("2026-11-16", "Nov 24", "2026-11-24"),  # next week, not last year
        ("2026-11-21", "Nov 24", "2026-11-24"),
        ("2026-11-21", "Nov 20", "2026-11-20"),
        ("2026-11-21", "Nov 21", "2026-11-21"),
        ("2026-12-30", "Jan 2", "2027-01-02"),  # across the year's end, both ways
        ("2027-01-02", "Dec 30", "2026-12-30"),
        ("2026-11-21", "May 20", "2027-05-20"),  # 185 days back against 180 ahead: ahead
        ("2026-11-21", "May 24", "2026-05-24"),  # 181 back against 184 ahead: back
        ("2026-11-21", "May 21", "2027-05-21"),
    ]:
        assert ok(db, "today", "--date", typed, "--json", today=today).json["date"] == shown, (today, typed)


def test_a_month_day_ahead_is_an_upcoming_checklist_but_never_a_record(db: Path) -> None:
    # The old reading (24 Nov 2025, before the routine began) showed every habit "off".
    listing = ok(db, "today", "--date", "Nov 24", "--json", today="2026-11-16").json
    assert [i["status"] for i in listing["items"]] == ["upcoming", "upcoming", "upcoming", "upcoming", "open"]
    text = ok(db, "today", "--date", "Nov 24", today="2026-11-16").out
    assert text.startswith("Tuesday 24 November 2026  ·  4 due · tick them on the day\n")
    assert "before your routine began" not in text
    # A record still faces the past: on 16 Nov, 'Nov 24' is last year's, before the routine began.
    before = dump(db)
    assert_error(run(db, "done", "stick", "--date", "Nov 24", today="2026-11-16"), contains="2025-11-24")
    assert dump(db) == before


# ------------------------------------------------------------ calendar --month


def test_calendar_month_in_words(db: Path) -> None:
    for typed, title in [
        ("2026-11", "November 2026"),
        ("nov", "November 2026"),
        ("November", "November 2026"),
        ("Nov 2026", "November 2026"),
        ("2026 November", "November 2026"),
        ("oct", "October 2026"),
        # A bare month is the latest one, this one included: December is last year's.
        ("dec", "December 2025"),
        ("Dec 2026", "December 2026"),
        ("Jan 2027", "January 2027"),
    ]:
        assert ok(db, "calendar", "--month", typed).lines[0].strip() == title, typed
    assert_error(run(db, "calendar", "--month", "Novembr"), contains="use YYYY-MM (2026-11), a month (nov")


# ------------------------------------------------------------ did you mean


def test_a_mistyped_command_suggests_the_nearest(db: Path) -> None:
    before = dump(db)
    line = assert_usage_error(run(db, "don", "stick"))
    assert line == "error: no such command 'don'; did you mean 'done'? (see 'rehab --help')"
    line = assert_usage_error(run(db, "habit", "lst"))
    assert line == "error: no such command 'lst'; did you mean 'list'? (see 'rehab habit --help')"
    assert_usage_error(run(db, "settngs"), contains="did you mean 'settings'?")
    # Nothing near: no guess.
    assert "did you mean" not in assert_usage_error(run(db, "frobnicate"))
    assert dump(db) == before


def test_a_mistyped_habit_suggests_the_nearest(db: Path) -> None:
    before = dump(db)
    line = assert_error(run(db, "done", "lacrose"))
    assert line == "error: no habit matches 'lacrose' (did you mean 'lacrosse-ball-glute-release'?)"
    assert_error(run(db, "snooze", "--habit", "pank"), contains="did you mean 'plank-hip-dips'?")
    assert_error(run(db, "habit", "edit", "acupunture", "--cue", "x"), contains="did you mean 'acupuncture'?")
    # Nothing near: the habits are listed, as before.
    assert_error(run(db, "done", "xyzzy"), contains="(habits: stick-rolling, lacrosse-ball-glute-release")
    assert dump(db) == before


def test_a_mistyped_setting_suggests_the_nearest(db: Path) -> None:
    before = dump(db)
    line = assert_error(run(db, "settings", "snooze_budgt", "3"))
    assert line == "error: unknown setting 'snooze_budgt' (did you mean 'snooze_budget'?)"
    assert_error(run(db, "settings", "weekstart"), contains="did you mean 'week_start'?")
    assert_error(run(db, "settings", "colour", "red"), contains="(settings: day_start_hour, week_start")
    assert dump(db) == before


# ------------------------------------------------------------ several habits, all or nothing


def test_done_of_several_habits_with_one_unknown_says_nothing_was_recorded(db: Path) -> None:
    before = dump(db)
    line = assert_error(run(db, "done", "plank", "acu", "stick", "nonsense"))
    assert line.startswith("error: no habit matches 'nonsense' (")
    assert line.endswith("; nothing was recorded")
    line = assert_error(run(db, "done", "plank", "lacrose"))
    assert line == (
        "error: no habit matches 'lacrose' (did you mean 'lacrosse-ball-glute-release'?); nothing was recorded"
    )
    assert_error(run(db, "done", "plank", "acu", "--date", "tomorrow"), contains="; nothing was recorded")
    # One habit: the refusal alone says it.
    assert "nothing was recorded" not in assert_error(run(db, "done", "nonsense"))
    assert dump(db) == before


def test_undo_of_several_habits_with_one_unknown_says_nothing_was_taken_back(db: Path) -> None:
    ok(db, "done", "plank", "stick")
    before = dump(db)
    assert_error(run(db, "undo", "plank", "stick", "nonsense"), contains="; nothing was taken back")
    assert dump(db) == before
    assert checkin_days(db) == [TODAY, TODAY]


# ------------------------------------------------------------ pain --area


def test_pain_area_without_a_level_lists_that_area(db: Path) -> None:
    ok(db, "pain", "4", "--area", "left IT band", "--date", "2026-11-18")
    ok(db, "pain", "2", "--area", "Right hip", "--date", FRIDAY)
    ok(db, "pain", "3", "--area", "Left IT Band", "--note", "after the hills")
    before = dump(db)
    listed = ok(db, "pain", "--area", "LEFT  it band").out
    assert listed == (
        "Left IT Band: 4.0 → 3.0\n  2026-11-18 (Wed)   4/10\n  2026-11-21 (Sat)   3/10  after the hills\n"
    )
    assert [(r["date"], r["area"], r["pain"]) for r in ok(db, "pain", "--area", "right hip", "--json").json] == [
        (FRIDAY, "Right hip", 2)
    ]
    assert dump(db) == before


def test_pain_area_with_no_readings_in_the_weeks_says_so(db: Path) -> None:
    ok(db, "pain", "5", "--area", "calf", "--date", "2026-10-01")
    assert ok(db, "pain", "--area", "calf").out.startswith("no pain readings for calf in the last 4 weeks")
    assert ok(db, "pain", "--area", "calf", "--json").json == []
    assert [r["pain"] for r in ok(db, "pain", "--area", "calf", "--weeks", "8", "--json").json] == [5]


def test_pain_area_never_rated_is_refused_with_the_nearest(db: Path) -> None:
    ok(db, "pain", "4", "--area", "left IT band")
    before = dump(db)
    line = assert_error(run(db, "pain", "--area", "left IT bnd"))
    assert line == "error: no pain readings for 'left IT bnd' (did you mean 'left IT band'?)"
    assert_error(run(db, "pain", "--area", "knee", "--json"), contains="(areas so far: left IT band)")
    assert dump(db) == before
