"""Moving in from Loop Habit Tracker (issue 15): its backup .db and its CSV .zip,
built here from docs/formats.md, "Loop Habit Tracker", turned into our export (version 2)."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import zipfile
from datetime import date, timedelta

import pytest
from moving_helpers import (
    TODAY,
    assert_valid_export,
    by_name,
    loop_backup,
    loop_csv_habit,
    loop_csv_zip,
    loop_habit,
    loop_ts,
)

from rehab_tui.domain.errors import RehabError
from rehab_tui.domain.schedules import parse_schedule
from rehab_tui.moving import Moved, convert

D = date(2026, 10, 1)


def day(n: int) -> date:
    return D + timedelta(days=n)


def iso(n: int) -> str:
    return day(n).isoformat()


def convert_backup(tmp_path, habits, reps, **kw) -> Moved:
    path = loop_backup(tmp_path / "Loop Habits Backup 2026-11-21 101500.db", habits, reps, **kw)
    moved = convert("loop", path, TODAY)
    assert_valid_export(moved.data)
    return moved


def notes_about(moved: Moved, name: str) -> str:
    return "\n".join(n for n in moved.notes if n.startswith(f"{name}:"))


# --- frequencies ------------------------------------------------------------------

FREQUENCIES = [
    # (num, den, our schedule, words the note uses)
    (1, 1, "daily", "daily"),
    (3, 3, "daily", "daily"),
    (1, 2, "every 2 days", "every 2 days"),
    (1, 30, "every 30 days", "every 30 days"),
    (3, 7, "3/week", "weekly quota"),
    (1, 7, "1/week", "weekly quota"),
    (7, 7, "daily", "daily"),
    (2, 14, "1/week", "same rate"),
    (2, 4, "every 2 days", "same rate"),
    (3, 10, "2/week", "not exact"),
    (2, 45, "every 22 days", "not exact"),
    (1, 400, "RRULE:FREQ=DAILY;INTERVAL=400", "beyond the 365"),
    (3, 2, "daily", "more than once a day"),
]


@pytest.mark.parametrize(("num", "den", "schedule", "words"), FREQUENCIES, ids=[f"{f[0]}/{f[1]}" for f in FREQUENCIES])
def test_every_loop_frequency_becomes_a_schedule_we_read(tmp_path, num, den, schedule, words):
    moved = convert_backup(tmp_path, [loop_habit(1, "Stretch", num, den)], [(1, day(0), 2, None)])
    [habit] = moved.data["habits"]
    assert habit["schedules"] == [{"from": iso(0), "schedule": schedule}]
    note = notes_about(moved, "Stretch")
    assert f"Loop frequency {num}/{den} became" in note and words in note


@pytest.mark.parametrize("num", [2, 3, 4])
def test_times_a_month_becomes_a_monthly_rrule_at_the_same_rate(tmp_path, num):
    moved = convert_backup(tmp_path, [loop_habit(1, "Foam roll", num, 30)], [(1, day(0), 2, None)])
    [habit] = moved.data["habits"]
    rule = habit["schedules"][0]["schedule"]
    assert rule.startswith("RRULE:FREQ=MONTHLY;BYMONTHDAY=")
    assert len(rule.split("=")[-1].split(",")) == num
    # Our strength reads an RRULE's rate off the 28 days from its anchor: all num days fall there.
    assert parse_schedule(rule, day(0)).frequency_parts == (num, 28)
    assert "times a month" in notes_about(moved, "Foam roll")


def test_a_frequency_that_means_nothing_is_a_weekly_quota_with_a_note(tmp_path):
    moved = convert_backup(tmp_path, [loop_habit(1, "Odd", 0, 0)], [(1, day(0), 2, None)])
    assert moved.data["habits"][0]["schedules"][0]["schedule"] == "1/week"
    assert "not a frequency this app understands" in notes_about(moved, "Odd")


def test_an_infinite_frequency_in_a_damaged_backup_is_a_weekly_quota_not_a_crash(tmp_path):
    # SQLite keeps 1e999 as an infinite REAL even in an INTEGER column.
    moved = convert_backup(tmp_path, [loop_habit(1, "Odd", float("inf"), 7)], [(1, day(0), 2, None)])
    assert moved.data["habits"][0]["schedules"][0]["schedule"] == "1/week"
    assert "not a frequency this app understands" in notes_about(moved, "Odd")


# --- entries ------------------------------------------------------------------------


def test_yes_no_values_done_skip_and_the_rest_dropped(tmp_path):
    reps = [
        (1, day(0), 2, None),  # YES_MANUAL
        (1, day(1), 3, None),  # SKIP
        (1, day(2), 0, None),  # explicit NO
        (1, day(3), -1, None),  # UNKNOWN
        (1, day(4), 1, None),  # YES_AUTO
        (1, day(5), 2, None),
    ]
    moved = convert_backup(tmp_path, [loop_habit(1, "Calf raises")], reps)
    [habit] = moved.data["habits"]
    assert habit["checkins"] == [iso(0), iso(5)]
    assert habit["snoozes"] == [
        {"day": iso(1), "reason": "skipped in Loop", "area": None, "pain": None, "exempt": True}
    ]
    assert habit["start"] == iso(0) and habit["archived"] is None and habit["position"] == 1
    note = notes_about(moved, "Calf raises")
    assert "2 check-ins, 1 skip" in note
    assert "1 explicit NO and 1 UNKNOWN and 1 YES_AUTO" in note


def test_timestamps_are_utc_midnight_of_the_local_date(tmp_path):
    # Across a leap day, a DST change and a year end: the date is the UTC date of the timestamp.
    days = [date(2024, 2, 29), date(2026, 3, 29), date(2025, 12, 31), date(2026, 1, 1)]
    moved = convert_backup(tmp_path, [loop_habit(1, "Walk")], [(1, d, 2, None) for d in days])
    assert moved.data["habits"][0]["checkins"] == sorted(d.isoformat() for d in days)
    assert loop_ts(date(2026, 1, 1)) == 1767225600000


def test_positions_follow_loops_order_and_slugs_are_unique(tmp_path):
    habits = [
        loop_habit(1, "Ankle circles", position=2),
        loop_habit(2, "Plank", position=0),
        loop_habit(3, "Plank", position=1),
        loop_habit(4, "Ça va — bien!", position=3),
    ]
    moved = convert_backup(tmp_path, habits, [])
    names = [h["name"] for h in moved.data["habits"]]
    assert names == ["Plank", "Plank (2)", "Ankle circles", "Ça va — bien!"]
    assert [h["slug"] for h in moved.data["habits"]] == ["plank", "plank-2", "ankle-circles", "ca-va-bien"]
    assert [h["position"] for h in moved.data["habits"]] == [1, 2, 3, 4]
    assert "no history" in notes_about(moved, "Plank")


def test_archived_habits_end_the_day_after_their_last_entry_or_today(tmp_path):
    habits = [loop_habit(1, "Old knee routine", archived=1), loop_habit(2, "Never used", archived=1)]
    moved = convert_backup(tmp_path, habits, [(1, day(0), 2, None), (1, day(3), 0, None)])
    old, never = moved.data["habits"]
    assert old["archived"] == iso(4)
    assert never["archived"] == TODAY.isoformat()
    assert never["start"] < never["archived"]


def test_numerical_habits_become_check_ins_on_days_that_met_the_target(tmp_path):
    habits = [
        loop_habit(1, "Run", 3, 7, type=1, target_type=0, target_value=5.0, unit="km"),
        loop_habit(2, "Painkillers", type=1, target_type=1, target_value=2.0, unit="pills"),
    ]
    reps = [
        (1, day(0), 5000, None),
        (1, day(1), 4999, None),
        (1, day(2), 7250, None),
        (1, day(3), 3, None),
        (2, day(0), 0, None),
        (2, day(1), 2000, None),
        (2, day(2), 3000, None),
        (2, day(3), -1, None),
    ]
    moved = convert_backup(tmp_path, habits, reps)
    run, pills = by_name(moved.data).values()
    assert run["checkins"] == [iso(0), iso(2)]
    assert [s["day"] for s in run["snoozes"]] == [iso(3)]
    assert pills["checkins"] == [iso(0), iso(1)]
    assert "Run: numerical (target at least 5 km): days that met it became check-ins" in moved.notes
    assert "Painkillers: numerical (target at most 2 pills): days that met it became check-ins" in moved.notes
    assert "1 day that fell short" in notes_about(moved, "Run")


def test_notes_become_one_line_on_done_and_skipped_days_only(tmp_path):
    reps = [
        (1, day(0), 2, "left knee\r\nfelt  tight\x07 today"),
        (1, day(1), 3, "travel"),
        (1, day(2), 0, "forgot"),
        (1, day(3), -1, "a note on an empty day"),
        (1, day(4), 2, "x" * 400),
        (1, day(5), 2, "   "),
    ]
    moved = convert_backup(tmp_path, [loop_habit(1, "Squats")], reps)
    [habit] = moved.data["habits"]
    assert habit["notes"] == {iso(0): "left knee felt  tight today", iso(4): "x" * 299 + "…"}
    # A skip's note is its snooze's reason, not a check-in's note.
    assert [(s["day"], s["reason"]) for s in habit["snoozes"]] == [(iso(1), "travel")]
    assert "2 notes on days without a check-in or a skip could not be kept" in notes_about(moved, "Squats")


def test_the_cue_prefers_the_question_and_keeps_to_one_line(tmp_path):
    habits = [
        loop_habit(1, "Asked", question="Did you\nstretch?", description="Hold each 30 s"),
        loop_habit(2, "Described", description="Hold\teach 30 s"),
        loop_habit(3, "Wordy", question="y" * 350),
    ]
    moved = convert_backup(tmp_path, habits, [])
    asked, described, wordy = moved.data["habits"]
    assert asked["cue"] == "Did you stretch?"
    assert "description was not carried over" in notes_about(moved, "Asked")
    assert described["cue"] == "Hold each 30 s"
    assert wordy["cue"] == "y" * 299 + "…"
    assert "cut to 300" in notes_about(moved, "Wordy")


@pytest.mark.parametrize(
    ("mask", "days"),
    [
        (127, "mon,tue,wed,thu,fri,sat,sun"),
        # Bit 0 is Saturday, bit 1 Sunday, bit 2 Monday ... bit 6 Friday.
        (0b0000001, "sat"),
        (0b0000010, "sun"),
        (0b0100100, "mon,thu"),
        (0b1000000, "fri"),
        (None, "mon,tue,wed,thu,fri,sat,sun"),
    ],
)
def test_a_reminder_becomes_one_for_its_habit(tmp_path, mask, days):
    habit = loop_habit(1, "Wake", reminder_hour=7, reminder_min=5, reminder_days=mask)
    moved = convert_backup(tmp_path, [habit, loop_habit(2, "Quiet")], [])
    wake, quiet = moved.data["habits"]
    assert wake["reminders"] == [{"at": "07:05", "days": days, "to": None}]
    assert quiet["reminders"] == []
    assert "its reminder at 07:05" in notes_about(moved, "Wake")


@pytest.mark.parametrize(("hour", "minute", "mask"), [(7, 5, 0), (7, 5, 300), (25, 0, 127), (7, 75, 127)])
def test_a_reminder_loop_could_not_have_set_is_named_not_carried(tmp_path, hour, minute, mask):
    habit = loop_habit(1, "Wake", reminder_hour=hour, reminder_min=minute, reminder_days=mask)
    moved = convert_backup(tmp_path, [habit], [])
    assert moved.data["habits"][0]["reminders"] == []
    assert "was not carried over" in notes_about(moved, "Wake")


def test_an_entry_after_today_is_refused(tmp_path):
    with pytest.raises(RehabError, match="after today"):
        convert_backup(tmp_path, [loop_habit(1, "Plank")], [(1, TODAY + timedelta(days=1), 2, None)])


def test_an_old_file_without_values_counts_every_row_as_a_check(tmp_path):
    moved = convert_backup(
        tmp_path,
        [loop_habit(1, "Plank")],
        [(1, day(0), 0, None), (1, day(2), 0, None)],
        user_version=15,
        with_value=False,
    )
    assert moved.data["habits"][0]["checkins"] == [iso(0), iso(2)]
    assert "every entry became a check-in" in notes_about(moved, "Plank")


def test_the_backup_is_only_read(tmp_path):
    path = loop_backup(tmp_path / "loop.db", [loop_habit(1, "Plank")], [(1, day(0), 2, None)])
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    convert("loop", path, TODAY)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loop.db"]


# --- the CSV zip ---------------------------------------------------------------------


def convert_zip(tmp_path, habits, checkmarks, **kw) -> Moved:
    path = loop_csv_zip(tmp_path / "Loop Habits CSV 2026-11-21.zip", habits, checkmarks, **kw)
    moved = convert("loop", path, TODAY)
    assert_valid_export(moved.data)
    return moved


def test_csv_zip_yes_no_habits(tmp_path):
    habits = [
        loop_csv_habit(1, "Hip bridges", 3, 7, Question="Did you do hip bridges?"),
        loop_csv_habit(2, "Old: wall sit", 1, 1, **{"Archived?": "true"}),
    ]
    checkmarks = {
        "Hip bridges": [
            (iso(0), "YES_MANUAL", "felt good"),
            (iso(1), "YES_AUTO", ""),
            (iso(2), "SKIP", "sick"),
            (iso(3), "NO", "a note on a no"),
            (iso(4), "UNKNOWN", ""),
            (iso(5), "YES_MANUAL", ""),
        ],
        "Old: wall sit": [(iso(0), "YES_MANUAL", ""), (iso(1), "NO", ""), (iso(2), "NO", "")],
    }
    moved = convert_zip(tmp_path, habits, checkmarks)
    bridges, wall = moved.data["habits"]
    assert bridges["name"] == "Hip bridges" and bridges["cue"] == "Did you do hip bridges?"
    assert bridges["schedules"] == [{"from": iso(0), "schedule": "3/week"}]
    assert bridges["checkins"] == [iso(0), iso(5)]
    assert [(s["day"], s["reason"]) for s in bridges["snoozes"]] == [(iso(2), "sick")]
    assert bridges["notes"] == {iso(0): "felt good"}
    assert "1 explicit NO" in notes_about(moved, "Hip bridges")
    # NO rows are Loop's fill-ins: the archive starts the day after the last check-in.
    assert wall["name"] == "Old: wall sit" and wall["archived"] == iso(1)


def test_csv_zip_numerical_habits_and_a_folder_inside(tmp_path):
    habits = [
        loop_csv_habit(
            1, "Run", 1, 1, Type="NUMERICAL", Unit="km", **{"Target Type": "AT_LEAST", "Target Value": "5.0"}
        ),
        loop_csv_habit(
            2, "Coffee", 1, 1, Type="NUMERICAL", Unit="cups", **{"Target Type": "AT_MOST", "Target Value": "2"}
        ),
    ]
    checkmarks = {
        "Run": [(iso(0), "6000", ""), (iso(1), "1000", ""), (iso(2), "-1", ""), (iso(3), "5000", "race")],
        "Coffee": [(iso(0), "3000", ""), (iso(1), "2000", ""), (iso(2), "SKIP", "")],
    }
    moved = convert_zip(tmp_path, habits, checkmarks, root="Loop Habits CSV 2026-11-21/")
    run, coffee = moved.data["habits"]
    assert run["checkins"] == [iso(0), iso(3)] and run["notes"] == {iso(3): "race"}
    assert coffee["checkins"] == [iso(1)] and [s["day"] for s in coffee["snoozes"]] == [iso(2)]
    assert "Run: numerical (target at least 5 km): days that met it became check-ins" in moved.notes
    assert "Coffee: numerical (target at most 2 cups): days that met it became check-ins" in moved.notes


def test_csv_zip_habit_without_its_folder_comes_without_history(tmp_path):
    moved = convert_zip(tmp_path, [loop_csv_habit(1, "Lonely")], {})
    assert moved.data["habits"][0]["checkins"] == []
    assert "no Checkmarks.csv" in notes_about(moved, "Lonely")


def test_csv_zip_position_in_other_digits_is_refused_in_a_sentence(tmp_path):
    # '²' passes str.isdigit() but not int(): the reading of whole numbers refuses it.
    with pytest.raises(RehabError, match=r"Habits.csv line 2 has the position '²', not a number"):
        convert_zip(tmp_path, [loop_csv_habit(1, "Plank", Position="²")], {})


def test_csv_zip_entry_after_today_is_refused(tmp_path):
    with pytest.raises(RehabError, match="after today"):
        convert_zip(
            tmp_path,
            [loop_csv_habit(1, "Plank")],
            {"Plank": [((TODAY + timedelta(days=2)).isoformat(), "YES_MANUAL", "")]},
        )


def test_csv_zip_with_a_bad_checkmark_names_the_file_and_line(tmp_path):
    habits = [loop_csv_habit(1, "Plank")]
    with pytest.raises(RehabError, match=r"001 Plank/Checkmarks.csv line 2 has '21/11/2026'"):
        convert_zip(tmp_path, habits, {"Plank": [(iso(0), "YES_MANUAL", ""), ("21/11/2026", "YES_MANUAL", "")]})
    with pytest.raises(RehabError, match="value 'MAYBE', which Loop does not write"):
        convert_zip(tmp_path, habits, {"Plank": [(iso(0), "MAYBE", "")]})


# --- files that are not what they claim -------------------------------------------------


def test_a_text_file_named_db_is_refused(tmp_path):
    path = tmp_path / "Loop Habits Backup.db"
    path.write_text("name,done\nplank,yes\n")
    with pytest.raises(RehabError, match="neither a Loop Habit Tracker backup"):
        convert("loop", path, TODAY)


def test_an_sqlite_file_of_another_app_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    with pytest.raises(RehabError, match="not a Loop Habit Tracker backup"):
        convert("loop", path, TODAY)


def test_a_newer_loop_database_is_refused(tmp_path):
    path = loop_backup(tmp_path / "new.db", [loop_habit(1, "Plank")], [], user_version=26)
    with pytest.raises(RehabError, match="newer Loop"):
        convert("loop", path, TODAY)


def test_a_damaged_sqlite_file_is_refused(tmp_path):
    path = loop_backup(tmp_path / "cut.db", [loop_habit(1, "Plank")], [(1, day(0), 2, None)])
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(RehabError):
        convert("loop", path, TODAY)


def test_a_zip_without_habits_csv_is_refused(tmp_path):
    path = tmp_path / "Loop Habits CSV.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("photos/knee.txt", "not a habit")
    with pytest.raises(RehabError, match="without Habits.csv"):
        convert("loop", path, TODAY)


def test_a_zip_whose_habits_csv_is_not_loops_is_refused(tmp_path):
    path = tmp_path / "Loop Habits CSV.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Habits.csv", "title,when\nplank,daily\n")
    with pytest.raises(RehabError, match="not Loop's"):
        convert("loop", path, TODAY)


def test_a_folder_or_a_missing_file_or_an_unknown_tracker_is_refused(tmp_path):
    with pytest.raises(RehabError, match="is a folder"):
        convert("loop", tmp_path, TODAY)
    with pytest.raises(RehabError, match="does not exist"):
        convert("loop", tmp_path / "nothing.db", TODAY)
    with pytest.raises(RehabError, match="choose loop or harsh"):
        convert("habitica", tmp_path, TODAY)


# --- strength after moving in ----------------------------------------------------------

# Loop's frequency picker writes four kinds: daily, every N days, k per week, k per month.
LOOP_KINDS = [(1, 1), (1, 2), (1, 3), (1, 30), (1, 7), (3, 7), (5, 7), (2, 30), (3, 30), (4, 30)]


@pytest.mark.parametrize(("num", "den"), LOOP_KINDS, ids=[f"{n}/{d}" for n, d in LOOP_KINDS])
@pytest.mark.parametrize("effort", [0.2, 0.5, 0.9])
def test_strength_of_the_moved_habit_is_loops_score(tmp_path, num, den, effort):
    """Our strength (domain rules, no store) on the converted habit against
    tests/loop_reference.py on Loop's own entries: equal where our schedule has
    Loop's num/den, within 0.1 for k per month (a monthly RRULE counts k in 28 days)."""
    from loop_reference import loop_score

    from rehab_tui.domain.model import Habit, HabitLog, Journal
    from rehab_tui.domain.strength import strength

    rnd = random.Random(f"{num}/{den}/{effort}")
    first = TODAY - timedelta(days=200)
    reps = []
    for i in range(201):
        r = rnd.random()
        if i == 0 or r < effort * num / den * 1.3:
            reps.append((1, first + timedelta(days=i), 2, None))
        elif r > 0.97:
            reps.append((1, first + timedelta(days=i), 3, None))
    moved = convert_backup(tmp_path, [loop_habit(1, "Hamstrings", num, den)], reps)
    h = moved.data["habits"][0]
    start = date.fromisoformat(h["start"])
    habit = Habit(1, h["name"], h["slug"], h["cue"], None, parse_schedule(h["schedules"][0]["schedule"], start), start)
    log = HabitLog(
        habit,
        frozenset(date.fromisoformat(d) for d in h["checkins"]),
        frozenset(date.fromisoformat(s["day"]) for s in h["snoozes"]),
    )
    ours = strength(Journal((log,)), log, TODAY) / 100
    reference = loop_score([(d, "done" if v == 2 else "skip") for _, d, v, _ in reps], num, den, TODAY)
    assert ours == pytest.approx(reference, abs=0.1 if den == 30 and num > 1 else 0.0006)


def test_an_archived_habits_reminder_is_not_carried(tmp_path):
    habit = loop_habit(1, "Old", archived=1, reminder_hour=7, reminder_min=5)
    moved = convert_backup(tmp_path, [habit], [(1, day(3), 2, None)])
    assert moved.data["habits"][0]["reminders"] == []
    assert "archived, so its reminder was not carried over" in notes_about(moved, "Old")
