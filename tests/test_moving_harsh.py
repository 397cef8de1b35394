"""Moving in from harsh (issue 15): a folder with `habits` and `log`, built here
from docs/formats.md, "harsh", turned into our export (version 2)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from moving_helpers import TODAY, assert_valid_export, by_name, harsh_folder, schedule_of

from rehab_tui.domain.errors import RehabError
from rehab_tui.moving import Moved, convert


def convert_folder(tmp_path, habits: str, log: str | None = "") -> Moved:
    moved = convert("harsh", harsh_folder(tmp_path / "harsh", habits, log), TODAY)
    assert_valid_export(moved.data)
    return moved


def notes_about(moved: Moved, name: str) -> str:
    return "\n".join(n for n in moved.notes if n.startswith(f"{name}:"))


FREQUENCIES = [
    # (harsh frequency, our schedule, words the note uses)
    ("1", "daily", "daily"),
    ("2", "every 2 days", "every 2 days"),
    ("10", "every 10 days", "every 10 days"),
    ("7", "1/week", "weekly quota"),
    ("1w", "1/week", "weekly quota"),
    ("2w", "every 14 days", "every 14 days"),
    ("3/7", "3/week", "weekly quota"),
    ("2/1w", "2/week", "weekly quota"),
    ("5/5", "daily", "daily"),
    ("4/14", "2/week", "same rate"),
    ("2/4", "every 2 days", "same rate"),
    ("3/10", "2/week", "not exact"),
    ("400", "RRULE:FREQ=DAILY;INTERVAL=400", "beyond the 365"),
]


@pytest.mark.parametrize(("frequency", "schedule", "words"), FREQUENCIES, ids=[f[0] for f in FREQUENCIES])
def test_every_harsh_frequency_becomes_a_schedule_we_read(tmp_path, frequency, schedule, words):
    moved = convert_folder(tmp_path, f"Stretch: {frequency}\n", "2026-11-01 : Stretch : y :  : \n")
    [habit] = moved.data["habits"]
    assert habit["schedules"] == [{"from": "2026-11-01", "schedule": schedule}]
    note = notes_about(moved, "Stretch")
    assert f"harsh frequency {frequency} became" in note and words in note


def test_twice_in_thirty_days_is_a_monthly_rrule(tmp_path):
    moved = convert_folder(tmp_path, "Foam roll: 2/30\n", "2026-11-01 : Foam roll : y\n")
    assert schedule_of(moved.data["habits"][0]).startswith("RRULE:FREQ=MONTHLY;BYMONTHDAY=")
    assert "2 times a month" in notes_about(moved, "Foam roll")


def test_tracked_only_becomes_a_weekly_quota_with_a_note(tmp_path):
    moved = convert_folder(tmp_path, "Weight: 0\n", "2026-11-01 : Weight : y : : 71.5\n")
    [habit] = moved.data["habits"]
    assert schedule_of(habit) == "1/week"
    note = notes_about(moved, "Weight")
    assert "tracked only" in note and "1/week" in note
    assert "the amounts of 1 day were not carried over" in note


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Stretch: 3/2", "more times than days"),
        ("Stretch: 1/0", "in 0 days"),
        ("Stretch: often", "harsh writes N"),
        ("Stretch 1", "is not 'Name: frequency'"),
        ("Stretch: 1: 2026-13-01", "not a date"),
    ],
)
def test_a_bad_habits_line_is_an_error_naming_its_line(tmp_path, line, message):
    with pytest.raises(RehabError, match=message) as caught:
        convert_folder(tmp_path, f"# my habits\n\n{line}\n")
    assert "line 3 of harsh's habits file" in str(caught.value)


def test_headings_go_in_front_of_the_cue_and_comments_are_ignored(tmp_path):
    habits = "# comment: 1\n! Mobility\nHip circles: 1\nCat-cow: 2\n\n! Strength\nPlank: 3/7\n!\nLoose: 1\n"
    moved = convert_folder(tmp_path, habits)
    cues = {h["name"]: h["cue"] for h in moved.data["habits"]}
    assert cues == {
        "Hip circles": "Group: Mobility",
        "Cat-cow": "Group: Mobility",
        "Plank": "Group: Strength",
        "Loose": "",
    }
    assert [h["position"] for h in moved.data["habits"]] == [1, 2, 3, 4]
    assert [h["slug"] for h in moved.data["habits"]] == ["hip-circles", "cat-cow", "plank", "loose"]


def test_the_log_y_s_n_comments_and_three_field_lines(tmp_path):
    log = (
        "# harsh log\n"
        "2026-11-01 : Plank : y : felt strong : \n"
        "2026-11-02 : Plank : s : travel day : \n"
        "2026-11-03 : Plank : n : lazy : \n"
        "2026-11-04 : Plank : y\n"
        "2026-11-05 : Plank : y : a: colon inside :\n"
    )
    moved = convert_folder(tmp_path, "Plank: 1\n", log)
    [plank] = moved.data["habits"]
    assert plank["start"] == "2026-11-01"
    assert plank["checkins"] == ["2026-11-01", "2026-11-04", "2026-11-05"]
    assert plank["snoozes"] == [
        {"day": "2026-11-02", "reason": "travel day", "area": None, "pain": None, "exempt": True}
    ]
    assert plank["notes"] == {"2026-11-01": "felt strong", "2026-11-05": "a: colon inside"}
    note = notes_about(moved, "Plank")
    assert "1 day logged 'n' carried nothing" in note
    assert "1 note on days without a check-in or a skip could not be kept" in note


def test_a_later_line_for_the_same_day_replaces_an_earlier_one(tmp_path):
    log = (
        "2026-11-01 : Plank : y : first :\n"
        "2026-11-02 : Plank : s :  :\n"
        "2026-11-01 : Plank : n :  :\n"
        "2026-11-02 : Plank : y : made it after all :\n"
        "2026-11-03 : Plank : y :  :\n"
        "2026-11-03 : Plank : s : sore :\n"
    )
    moved = convert_folder(tmp_path, "Plank: 1\n", log)
    [plank] = moved.data["habits"]
    assert plank["checkins"] == ["2026-11-02"]
    assert [(s["day"], s["reason"]) for s in plank["snoozes"]] == [("2026-11-03", "sore")]
    assert plank["notes"] == {"2026-11-02": "made it after all"}
    assert plank["start"] == "2026-11-01"


def test_end_dates_archive_habits(tmp_path):
    habits = "Old brace: 1: 2026-10-10\nLate entries: 1: 2026-10-10\nEnds later: 1: 2027-01-01\n"
    log = (
        "2026-10-01 : Old brace : y\n"
        "2026-10-01 : Late entries : y\n"
        "2026-10-12 : Late entries : y\n"
        "2026-11-01 : Ends later : y\n"
    )
    moved = convert_folder(tmp_path, habits, log)
    habit = by_name(moved.data)
    # harsh's end date is the last active day: archived from the day after.
    assert habit["Old brace"]["archived"] == "2026-10-11"
    assert "its end date 2026-10-10 is its last active day: archived from 2026-10-11" in notes_about(moved, "Old brace")
    assert habit["Late entries"]["archived"] == "2026-10-13"
    assert "entries after its last active day 2026-10-10, so it is archived from 2026-10-13" in notes_about(
        moved, "Late entries"
    )
    assert habit["Ends later"]["archived"] is None
    assert "has not passed, so it is not archived" in notes_about(moved, "Ends later")


def test_log_names_must_match_exactly_else_a_note(tmp_path):
    log = "2026-11-01 : plank : y\n2026-11-02 : Gone habit : y\n2026-11-03 : Gone habit : s\n2026-11-01 : Plank : y\n"
    moved = convert_folder(tmp_path, "Plank: 1\n", log)
    assert moved.data["habits"][0]["checkins"] == ["2026-11-01"]
    assert (
        "the log names 'plank' (1 line), which the habits file does not list; those lines were skipped" in moved.notes
    )
    assert any("'Gone habit' (2 lines)" in n for n in moved.notes)


def test_a_habit_without_log_lines_starts_today(tmp_path):
    moved = convert_folder(tmp_path, "New: 1\nRetired: 1: 2026-01-31\n", None)
    new, retired = moved.data["habits"]
    assert new["start"] == TODAY.isoformat() and new["checkins"] == []
    # Its end date is its last active day: it starts then and is archived from the next.
    assert retired["start"] == "2026-01-31" and retired["archived"] == "2026-02-01"
    assert "no 'log' file" in moved.notes[-1]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("2026-11-01 : Plank", "is not 'YYYY-MM-DD : Habit : y|n|s'"),
        ("2026-11-01 : Plank : maybe : :", "harsh writes y, n or s"),
        ("01/11/2026 : Plank : y : :", "not a date"),
        ("2026-02-30 : Plank : y : :", "not a date"),
    ],
)
def test_a_bad_log_line_is_an_error_naming_its_line(tmp_path, line, message):
    with pytest.raises(RehabError, match=message) as caught:
        convert_folder(tmp_path, "Plank: 1\n", f"2026-11-01 : Plank : y : :\n{line}\n")
    assert "line 2 of harsh's log" in str(caught.value)


def test_a_log_line_after_today_is_refused(tmp_path):
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    with pytest.raises(RehabError, match="after today"):
        convert_folder(tmp_path, "Plank: 1\n", f"{tomorrow} : Plank : y : :\n")


def test_a_habit_named_twice_is_an_error(tmp_path):
    with pytest.raises(RehabError, match="names 'Plank' a second time"):
        convert_folder(tmp_path, "Plank: 1\nPlank: 2\n")


def test_a_folder_without_habits_is_refused(tmp_path):
    folder = tmp_path / "harsh"
    folder.mkdir()
    (folder / "log").write_text("2026-11-01 : Plank : y : :\n")
    with pytest.raises(RehabError, match="no 'habits' file"):
        convert("harsh", folder, TODAY)


def test_a_file_instead_of_a_folder_is_refused(tmp_path):
    path = tmp_path / "habits"
    path.write_text("Plank: 1\n")
    with pytest.raises(RehabError, match="not a folder"):
        convert("harsh", path, TODAY)


def test_a_habits_file_that_is_not_text_is_refused(tmp_path):
    folder = tmp_path / "harsh"
    folder.mkdir()
    (folder / "habits").write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(RehabError, match="not UTF-8"):
        convert("harsh", folder, TODAY)
