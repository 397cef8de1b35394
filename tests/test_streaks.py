"""Streaks, worked by hand from docs/architecture.md, "Streaks"."""

from collections.abc import Iterable
from datetime import date, timedelta
from functools import partial

import domain_helpers

from rehab_tui.domain.model import HabitLog, Journal
from rehab_tui.domain.streaks import (
    Streak,
    current_streak,
    habit_streak,
    routine_streak,
)

# Feb 2026: Mon 9, 16, 23. March 2026: Mon 2 .. Sun 8, Mon 9 .. Sun 15.
# Today is Wednesday the 11th.
TODAY = date(2026, 3, 11)


def d(day: int, month: int = 3) -> date:
    return date(2026, month, day)


def span(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


make_log = partial(domain_helpers.make_log, start=d(2))


def streaks(log: HabitLog, rest_days: Iterable[date] = (), today: date = TODAY) -> tuple[int, int]:
    journal = Journal((log,), rest_days=frozenset(rest_days))
    return current_streak(journal, log, today), habit_streak(journal, log, today).best


# ------------------------------------------------------------ fixed schedules


def test_no_history_no_streak() -> None:
    assert streaks(make_log()) == (0, 0)


def test_todays_pending_item_does_not_break_the_streak() -> None:
    log = make_log(done=span(d(2), d(10)))
    assert streaks(log) == (9, 9)


def test_today_done_counts() -> None:
    log = make_log(done=span(d(2), d(11)))
    assert streaks(log) == (10, 10)


def test_a_missed_day_stops_the_streak() -> None:
    log = make_log(done=[*span(d(2), d(4)), *span(d(6), d(10))])
    assert streaks(log) == (5, 5)


def test_missed_yesterday_means_zero() -> None:
    log = make_log(done=span(d(2), d(9)))
    assert streaks(log) == (0, 8)


def test_snoozes_freeze_the_streak() -> None:
    # Day-level snooze on the 6th, the habit's own snooze on the 7th.
    log = make_log(done=[*span(d(2), d(5)), *span(d(8), d(10))], snoozed=[d(7)])
    assert streaks(log, rest_days=[d(6)]) == (7, 7)
    # Without the snoozes those two days are misses.
    bare = make_log(done=[*span(d(2), d(5)), *span(d(8), d(10))])
    assert streaks(bare) == (3, 4)


def test_a_pause_freezes_the_streak() -> None:
    log = make_log(done=[*span(d(2), d(4)), d(9), d(10)], pauses=[(d(5), d(8))])
    assert streaks(log) == (5, 5)


def test_a_pause_through_today_keeps_the_streak() -> None:
    log = make_log(done=span(d(2), d(8)), pauses=[(d(9), d(20))])
    assert streaks(log) == (7, 7)


def test_off_days_are_stepped_over() -> None:
    # tue,fri from Monday the 2nd: Tue 3, Fri 6, Tue 10 are the scheduled days.
    log = make_log("tue,fri", done=[d(3), d(6), d(10)])
    assert streaks(log) == (3, 3)
    missed_friday = make_log("tue,fri", done=[d(3), d(10)])
    assert streaks(missed_friday) == (1, 1)


def test_check_in_on_an_unscheduled_day_neither_adds_nor_breaks() -> None:
    with_extra = make_log("tue,fri", done=[d(3), d(4), d(6), d(10)])
    assert streaks(with_extra) == (3, 3)
    # A Wednesday check-in does not stand in for the missed Friday either.
    instead = make_log("tue,fri", done=[d(3), d(4), d(10)])
    assert streaks(instead) == (1, 1)
    # Alone, it counts nothing.
    alone = make_log("tue,fri", start=d(4), done=[d(4)])
    assert streaks(alone, today=d(5)) == (0, 0)


def test_every_n_days() -> None:
    # every 3 days from the 2nd: 2, 5, 8, 11 (today).
    log = make_log("every 3 days", done=[d(2), d(5), d(8)])
    assert streaks(log) == (3, 3)
    assert streaks(make_log("every 3 days", done=[d(2), d(8)])) == (1, 1)


def test_streak_stops_at_the_start() -> None:
    log = make_log(start=d(6), done=span(d(6), d(11)))
    assert streaks(log) == (6, 6)


def test_archived_habit_keeps_its_streak_frozen() -> None:
    log = make_log(done=span(d(2), d(8)), archived=d(9))
    assert streaks(log) == (7, 7)


def test_best_streak_is_the_longest_run() -> None:
    log = make_log(start=d(23, 2), done=[*span(d(23, 2), d(3)), *span(d(5), d(10))])
    assert streaks(log) == (6, 9)


def test_best_streak_uses_the_same_rule() -> None:
    # A snoozed day inside the old run keeps it whole; a miss splits it.
    done = [*span(d(2), d(4)), *span(d(6), d(8)), d(10)]
    log = make_log(done=done)
    assert streaks(log, rest_days=[d(5)]) == (1, 6)
    assert streaks(log) == (1, 3)


def test_streak_as_of_a_past_day() -> None:
    log = make_log(done=[*span(d(2), d(5)), *span(d(7), d(10))])
    journal = Journal((log,))
    assert current_streak(journal, log, TODAY, as_of=d(5)) == 4
    assert current_streak(journal, log, TODAY, as_of=d(6)) == 0
    assert current_streak(journal, log, TODAY, as_of=d(9)) == 3
    # A future day steps over the upcoming days.
    assert current_streak(journal, log, TODAY, as_of=d(14)) == 4


# ------------------------------------------------------------- weekly quotas


def test_quota_counts_met_weeks() -> None:
    log = make_log(
        "2/week",
        start=d(9, 2),
        done=[d(9, 2), d(10, 2), d(17, 2), d(20, 2), d(2), d(8)],
    )
    # Weeks of Feb 9, Feb 16, Mar 2 met; Feb 23 not; this week in progress.
    assert streaks(log) == (1, 2)
    assert habit_streak(Journal((log,)), log, TODAY).unit == "weeks"


def test_quota_week_in_progress_never_breaks_and_counts_once_met() -> None:
    weeks = [d(24, 2), d(26, 2), d(3), d(5)]
    assert streaks(make_log("2/week", start=d(23, 2), done=weeks)) == (2, 2)
    # On Sunday, the last day of the week, still not met: still not broken.
    assert streaks(make_log("2/week", start=d(23, 2), done=weeks), today=d(15)) == (2, 2)
    # Met on Tuesday: it counts right away.
    met = make_log("2/week", start=d(23, 2), done=[*weeks, d(9), d(10)])
    assert streaks(met) == (3, 3)
    # The next Monday the unmet week breaks it.
    assert streaks(make_log("2/week", start=d(23, 2), done=weeks), today=d(16)) == (0, 2)


def test_quota_snoozes_shrink_it_only_when_fewer_days_remain() -> None:
    # 3/week, week of Mon 2nd. Two rest days leave five available: still 3 needed.
    two_done = make_log("3/week", done=[d(4), d(5)])
    assert streaks(two_done, rest_days=[d(2), d(3)]) == (0, 0)
    three_done = make_log("3/week", done=[d(4), d(5), d(6)])
    assert streaks(three_done, rest_days=[d(2), d(3)]) == (1, 1)
    # Five snoozed days leave two: the quota shrinks to 2.
    snoozed = span(d(2), d(6))
    assert streaks(make_log("3/week", done=[d(7), d(8)], snoozed=snoozed)) == (1, 1)
    assert streaks(make_log("3/week", done=[d(7)], snoozed=snoozed)) == (0, 0)


def test_quota_first_week_before_the_start() -> None:
    # Started on Saturday the 7th: only Sat and Sun are available for 3/week.
    log = make_log("3/week", start=d(7), done=[d(7), d(8)])
    assert streaks(log) == (1, 1)
    short = make_log("3/week", start=d(8), done=[d(8)])
    assert streaks(short) == (1, 1)


def test_quota_frozen_week() -> None:
    # 1/week: Feb 23 met, Mar 2 paused throughout, this week met on Tuesday.
    done = [d(25, 2), d(10)]
    frozen = make_log("1/week", start=d(23, 2), done=done, pauses=[(d(2), d(8))])
    assert streaks(frozen) == (2, 2)
    # Without the pause, the empty week breaks the streak.
    assert streaks(make_log("1/week", start=d(23, 2), done=done)) == (1, 1)


def test_quota_week_of_rest_days_is_frozen() -> None:
    done = [d(25, 2), d(10)]
    log = make_log("1/week", start=d(23, 2), done=done)
    assert streaks(log, rest_days=span(d(2), d(8))) == (2, 2)


def test_quota_with_sunday_weeks() -> None:
    # Check-ins on Sat 7th and Sun 8th: one Monday week (Mar 2 - 8), after the
    # unmet week of Feb 23; but two Sunday weeks (Mar 1 - 7 and Mar 8 - 14).
    log = make_log("1/week", start=d(23, 2), done=[d(7), d(8)])
    monday = Journal((log,), week_start=0)
    sunday = Journal((log,), week_start=6)
    assert current_streak(monday, log, TODAY) == 1
    assert current_streak(sunday, log, TODAY) == 2


# ---------------------------------------------------------------- routine


def routine(*logs: HabitLog, rest_days: Iterable[date] = (), today: date = TODAY) -> tuple[int, int]:
    return routine_streak(Journal(tuple(logs), rest_days=frozenset(rest_days)), today)


def test_routine_today_pending_freezes() -> None:
    a = make_log(done=span(d(2), d(11)), habit_id=1)
    b = make_log(done=span(d(2), d(10)), habit_id=2)
    assert routine(a, b) == (9, 9)
    b_done = make_log(done=span(d(2), d(11)), habit_id=2)
    assert routine(a, b_done) == (10, 10)


def test_routine_day_level_snooze_freezes() -> None:
    done = [*span(d(2), d(5)), *span(d(7), d(10))]
    a = make_log(done=done, habit_id=1)
    b = make_log(done=done, habit_id=2)
    assert routine(a, b, rest_days=[d(6)]) == (8, 8)
    assert routine(a, b) == (4, 4)


def test_routine_a_missed_habit_breaks() -> None:
    a = make_log(done=span(d(2), d(10)), habit_id=1)
    b = make_log(done=[*span(d(2), d(5)), *span(d(7), d(10))], habit_id=2)
    assert routine(a, b) == (4, 4)


def test_routine_habit_snooze_excludes_that_habit() -> None:
    a = make_log(done=span(d(2), d(10)), habit_id=1)
    b = make_log(done=[*span(d(2), d(5)), *span(d(7), d(10))], snoozed=[d(6)], habit_id=2)
    assert routine(a, b) == (9, 9)
    # If every due habit is snoozed by its own snooze, the day is frozen.
    c = make_log(done=[*span(d(2), d(5)), *span(d(7), d(10))], snoozed=[d(6)], habit_id=1)
    assert routine(c, b) == (8, 8)


def test_routine_paused_habit_is_not_due() -> None:
    a = make_log(done=span(d(2), d(10)), habit_id=1)
    b = make_log(done=span(d(2), d(4)), pauses=[(d(5), d(20))], habit_id=2)
    assert routine(a, b) == (9, 9)


def test_routine_day_with_nothing_due_freezes() -> None:
    # tue,fri only: Tue 3, Fri 6, Tue 10; the other days are frozen.
    acu = make_log("tue,fri", done=[d(3), d(6), d(10)])
    assert routine(acu) == (3, 3)


def test_routine_counts_a_quota_only_on_its_due_days() -> None:
    a = make_log(done=span(d(2), d(10)), habit_id=1)
    # 2/week never done: its week Mon 2 .. Sun 8 is missed on Sunday, which
    # breaks the routine; Saturday was due too but only the week's last day misses.
    assert routine(a, make_log("2/week", habit_id=2)) == (2, 6)
    # Done on an open Tuesday and the due Sunday: the week is met, nothing breaks.
    assert routine(a, make_log("2/week", done=[d(3), d(8)], habit_id=2)) == (9, 9)
    # A check-in on an open day (Monday, seven days for two) neither adds nor
    # breaks, like one on an unscheduled day; last week's Sunday miss still breaks.
    assert routine(make_log("2/week", done=[d(9)], habit_id=2)) == (0, 0)
    assert routine(a, make_log("2/week", done=[d(7), d(8), d(9)], habit_id=2)) == (9, 9)


def test_routine_habit_not_started_or_archived_is_not_due() -> None:
    a = make_log(done=span(d(2), d(10)), habit_id=1)
    late = make_log(start=d(9), done=[d(9), d(10)], habit_id=2)
    gone = make_log(done=span(d(2), d(5)), archived=d(6), habit_id=3)
    assert routine(a, late, gone) == (9, 9)


def test_routine_best_streak() -> None:
    a = make_log(start=d(23, 2), done=[*span(d(23, 2), d(4)), *span(d(6), d(10))], habit_id=1)
    assert routine(a) == (5, 10)


def test_routine_as_of_a_past_day() -> None:
    a = make_log(done=[*span(d(2), d(5)), *span(d(7), d(10))])
    journal = Journal((a,))
    assert routine_streak(journal, TODAY, as_of=d(5)) == (4, 4)
    assert routine_streak(journal, TODAY, as_of=d(6)) == (0, 4)


# -------------------------------------------------------- never miss twice


def test_recent_misses() -> None:
    def misses(log: HabitLog, rest_days: Iterable[date] = ()) -> int:
        return habit_streak(Journal((log,), rest_days=frozenset(rest_days)), log, TODAY).misses

    assert misses(make_log(done=span(d(2), d(10)))) == 0  # today pending is no miss
    assert misses(make_log(done=span(d(2), d(9)))) == 1  # missed yesterday
    assert misses(make_log(done=span(d(2), d(8)))) == 2  # missed twice
    assert misses(make_log(done=span(d(2), d(5)))) == 5  # the real count, not capped
    assert misses(make_log(done=[d(2), d(3), d(4), d(10)])) == 0  # done since
    # A snoozed day between the last check-in and the miss is stepped over.
    assert misses(make_log(done=span(d(2), d(8))), rest_days=[d(9)]) == 1
    # Quota: last week unmet is one miss; the week in progress is none.
    assert misses(make_log("1/week", start=d(23, 2), done=[d(25, 2)])) == 1
    assert misses(make_log("1/week", start=d(23, 2), done=[d(3)])) == 0


def test_habit_streak_bundles_everything() -> None:
    log = make_log(start=d(23, 2), done=[*span(d(23, 2), d(3)), *span(d(5), d(9))])
    assert habit_streak(Journal((log,)), log, TODAY) == Streak("days", 0, 9, 1, last_run=5)
