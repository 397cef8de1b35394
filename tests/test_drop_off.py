"""The drop-off rule (docs/architecture.md, "The drop-off note", rehab_tui/domain/streaks.py drop_off).

The routine has fallen off when the last 7 days' adherence (today back to six
days ago) is under 60 % and at least 25 points under the 21 days before them
(7 to 27 days ago); without 28 days of history there is nothing to compare.
Adherence is done ÷ (done + missed), one decimal: snoozed days and a today
still pending are left out of it.

Every history here is a single daily habit unless said otherwise; days are
counted back from TODAY (0 is today, 6 the first day of the last 7, 7..27 the
21 days before).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_helpers import ok
from domain_helpers import make_log

from rehab_tui.domain.drop_off import Comparison, DropOff, drop_off
from rehab_tui.domain.model import Journal
from rehab_tui.domain.streaks import routine_adherence, routine_share
from rehab_tui.store import Store

TODAY = date(2026, 11, 21)
LAST_7 = range(0, 7)
BEFORE = range(7, 28)


def back(days: Iterable[int]) -> set[date]:
    return {TODAY - timedelta(days=k) for k in days}


def single(
    done: Iterable[int], *, history: int = 28, rest_days: Iterable[int] = (), snoozed: Iterable[int] = ()
) -> Journal:
    """One daily habit started `history` days ago (today included), done on the
    days back in `done`; `rest_days` are day snoozes, `snoozed` the habit's own."""
    log = make_log(start=TODAY - timedelta(days=history - 1), done=back(done), snoozed=back(snoozed))
    return Journal((log,), rest_days=frozenset(back(rest_days)))


def test_three_of_seven_after_three_full_weeks_is_a_drop() -> None:
    # Last 7: done today and the two days before, missed 3..6: 3/7 = 42.857 → 42.9.
    # Before: all 21 done = 100.0. 100.0 - 42.9 = 57.1 ≥ 25 and 42.9 < 60.
    journal = single([0, 1, 2, *BEFORE])
    assert drop_off(journal, TODAY) == DropOff(42.9, 100.0)
    assert drop_off(journal, TODAY).to_json() == {
        "rule": "three_weeks",
        "recent": 42.9,
        "recent_days": 7,
        "before": 100.0,
        "before_days": 21,
    }
    assert drop_off(journal, TODAY).words() == (
        "The last 7 days: 43 % of the routine's days complete, after 100 % the three weeks before. "
        "A short session keeps the thread."
    )


def test_four_of_seven_is_still_under_the_line() -> None:
    # 4/7 = 57.142 → 57.1 < 60; 100.0 - 57.1 = 42.9 ≥ 25.
    assert drop_off(single([0, 1, 2, 3, *BEFORE]), TODAY) == DropOff(57.1, 100.0)


def test_five_of_seven_is_over_the_line() -> None:
    # 5/7 = 71.428 → 71.4 ≥ 60: no drop, however good the weeks before were.
    journal = single([0, 1, 2, 3, 4, *BEFORE])
    assert routine_adherence(journal, TODAY, 7) == 71.4
    assert drop_off(journal, TODAY) is None


def test_exactly_60_percent_is_not_under_60() -> None:
    # Last 7: done 0..2, missed 3 and 4, days 5 and 6 snoozed: 3/5 = 60.0, not < 60.
    journal = single([0, 1, 2, *BEFORE], rest_days=[5, 6])
    assert routine_adherence(journal, TODAY, 7) == 60.0
    assert drop_off(journal, TODAY) is None
    # One more miss instead of a snooze: 3/6 = 50.0 < 60, 50 points under 100.
    assert drop_off(single([0, 1, 2, *BEFORE], rest_days=[6]), TODAY) == DropOff(50.0, 100.0)


def test_a_fall_of_less_than_25_points_is_not_a_drop() -> None:
    # Before: 14 of 21 done (7..20), 21..27 missed: 66.666 → 66.7.
    # Last 7: 3/7 = 42.9. 66.7 - 42.9 = 23.8 < 25.
    journal = single([0, 1, 2, *range(7, 21)])
    assert routine_share(journal, TODAY - timedelta(days=27), TODAY - timedelta(days=7), TODAY) == 66.7
    assert drop_off(journal, TODAY) is None


def test_a_fall_of_exactly_25_points_is_a_drop() -> None:
    # Before: 7..27 with day 27 snoozed, 22..26 missed: 15 of 20 = 75.0.
    # Last 7: done 0..2, missed 3..5, day 6 snoozed: 3 of 6 = 50.0.
    # 75.0 - 50.0 = 25.0 ≥ 25, and 50.0 < 60.
    journal = single([0, 1, 2, *range(7, 22)], rest_days=[6, 27])
    assert drop_off(journal, TODAY) == DropOff(50.0, 75.0)
    # One more day done before (16 of 20 = 80.0) makes it 30 points; one less
    # (14 of 20 = 70.0) makes it 20: not a drop.
    assert drop_off(single([0, 1, 2, *range(7, 23)], rest_days=[6, 27]), TODAY) == DropOff(50.0, 80.0)
    assert drop_off(single([0, 1, 2, *range(7, 21)], rest_days=[6, 27]), TODAY) is None


def test_a_routine_of_27_days_is_compared_with_its_first_week() -> None:
    # The same fall as 3-of-7 after all done, on a habit 27 days old: the four
    # weeks are not there yet, so the last 7 days are set against the first
    # week (26..20 back, all done); the 28th day makes it the three weeks before.
    young = drop_off(single([0, 1, 2, *range(7, 27)], history=27), TODAY)
    assert young == DropOff(42.9, 100.0, Comparison.FIRST_WEEK, 7, 7)
    assert drop_off(single([0, 1, 2, *range(7, 28)], history=28), TODAY) == DropOff(42.9, 100.0)
    assert drop_off(single([0, 1, 2], history=1), TODAY) is None


def test_snoozed_days_are_left_out_of_both_windows() -> None:
    # Last 7: done 0 and 1, missed 2..4, snoozed 5 and 6: 2/5 = 40.0 (2/7 = 28.6 if
    # snoozes counted as misses). Before: 18 done, 10, 17 and 24 snoozed:
    # 18/18 = 100.0 (85.7 if counted).
    done = [0, 1, *(k for k in BEFORE if k not in (10, 17, 24))]
    assert drop_off(single(done, rest_days=[5, 6, 10, 17, 24]), TODAY) == DropOff(40.0, 100.0)
    # The habit's own snooze freezes the day the same way.
    assert drop_off(single(done, snoozed=[5, 6, 10, 17, 24]), TODAY) == DropOff(40.0, 100.0)


def test_today_still_to_do_is_left_out_of_the_last_7() -> None:
    # Today pending, done 1 and 2, missed 3..6: 2 of 6 = 33.3 (not 2/7 = 28.6).
    assert drop_off(single([1, 2, *BEFORE]), TODAY) == DropOff(33.3, 100.0)


def test_a_last_week_all_snoozed_says_nothing() -> None:
    assert drop_off(single(BEFORE, rest_days=LAST_7), TODAY) is None


def test_a_steady_low_routine_is_not_a_drop() -> None:
    # 3 of 7 every week: low, but no fall (42.9 vs 42.9).
    done = [k for k in range(28) if k % 7 in (0, 1, 2)]
    assert drop_off(single(done), TODAY) is None


def test_the_rule_reads_the_whole_routine_not_one_habit() -> None:
    # The first habit done every day; the second missed 3..6. A routine day
    # counts only with both done: 3/7 = 42.9 after 100.0.
    start = TODAY - timedelta(days=27)
    steady = make_log(start=start, done=back(range(28)), habit_id=1)
    lapsing = make_log(start=start, done=back([0, 1, 2, *BEFORE]), habit_id=2)
    assert drop_off(Journal((steady, lapsing)), TODAY) == DropOff(42.9, 100.0)
    assert drop_off(Journal((steady,)), TODAY) is None


# ------------------------------------------------------------ streaks --json


def one_habit_file(path: Path, done: Iterable[int], rest_days: Iterable[int] = ()) -> Path:
    """A database whose routine is one daily habit started 27 days before TODAY,
    written through the gate: the default routine goes, unused."""
    store = Store.open(path, TODAY - timedelta(days=27))
    try:
        for habit in store.habits():
            store.delete_habit(habit.id)
        added = store.add_habit("Stick rolling", "daily", TODAY, start=TODAY - timedelta(days=27))
        store.record_checkins(added.id, {day: None for day in back(done)}, TODAY)
        for day in sorted(back(rest_days)):
            store.snooze(day, TODAY)
    finally:
        store.close()
    return path


def test_streaks_json_reports_a_drop(tmp_path: Path) -> None:
    db = one_habit_file(tmp_path / "rehab.db", [0, 1, 2, *BEFORE])
    assert ok(db, "streaks", "--json").json["drop_off"] == {
        "rule": "three_weeks",
        "recent": 42.9,
        "recent_days": 7,
        "before": 100.0,
        "before_days": 21,
    }


@pytest.mark.parametrize(
    "done",
    [
        [0, 1, 2, 3, 4, *BEFORE],  # 71.4 after 100.0: over the line
        [0, 1, 2, *range(7, 21)],  # 42.9 after 66.7: 23.8 points
    ],
)
def test_streaks_json_reports_null_without_a_drop(tmp_path: Path, done: list[int]) -> None:
    db = one_habit_file(tmp_path / "rehab.db", done)
    data = ok(db, "streaks", "--json").json
    assert "drop_off" in data and data["drop_off"] is None


def test_streaks_json_leaves_snoozed_days_out(tmp_path: Path) -> None:
    # Snoozes spaced within the budget of 2 in any 7 days: 5, 6, 13, 20, 27.
    # Last 7: 2 done, 3 missed = 40.0; before: 18 of 18 = 100.0.
    rest = [5, 6, 13, 20, 27]
    db = one_habit_file(tmp_path / "rehab.db", [0, 1, *(k for k in BEFORE if k not in rest)], rest)
    assert ok(db, "streaks", "--json").json["drop_off"] == {
        "rule": "three_weeks",
        "recent": 40.0,
        "recent_days": 7,
        "before": 100.0,
        "before_days": 21,
    }


def test_streaks_json_has_no_drop_on_a_new_routine(tmp_path: Path) -> None:
    # The default routine made today: nothing done, nothing to compare.
    db = tmp_path / "new.db"
    Store.open(db, TODAY).close()
    assert ok(db, "streaks", "--json").json["drop_off"] is None
