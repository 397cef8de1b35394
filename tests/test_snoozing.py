"""The snooze budget: a sliding window of 7 days (DESIGN.md §4)."""

from datetime import date, timedelta

from rehab_tui.domain.model import Habit, HabitLog, Journal
from rehab_tui.domain.schedules import parse_schedule
from rehab_tui.domain.snoozing import budget_left, can_snooze

MON = date(2026, 3, 2)


def d(n: int) -> date:
    """The n-th day after Monday the 2nd of March 2026."""
    return MON + timedelta(days=n)


def days(*ns: int) -> frozenset[date]:
    return frozenset(d(n) for n in ns)


def test_empty_budget_is_all_left() -> None:
    assert budget_left(frozenset(), d(0), 2) == 2
    assert can_snooze(frozenset(), d(0), 2)


def test_each_snooze_in_the_window_uses_one() -> None:
    assert budget_left(days(0), d(3), 2) == 1
    assert can_snooze(days(0), d(3), 2)
    assert budget_left(days(0, 1), d(3), 2) == 0
    assert not can_snooze(days(0, 1), d(3), 2)


def test_the_window_is_seven_days_and_slides() -> None:
    used = days(0, 1)
    # Days 2..7 share a 7-day window with day 1 (days 1..7); day 8 does not.
    assert [can_snooze(used, d(n), 2) for n in range(2, 10)] == [
        False, False, False, False, False, False, True, True,
    ]
    # The window looks ahead too: before day 0, days -6..-1 share a window with day 0
    # and day 1 (days -5..1 holds both).
    assert not can_snooze(used, d(-5), 2)
    assert can_snooze(used, d(-6), 2)  # days -6..0 holds only day 0
    assert budget_left(used, d(-6), 2) == 1
    assert can_snooze(used, d(-7), 2)


def test_any_seven_consecutive_days_hold_at_most_the_budget() -> None:
    # Days 0 and 6 are snoozed: day 3 sits in windows holding both.
    assert not can_snooze(days(0, 6), d(3), 2)
    # Days 0 and 7 are never in one window, but day 3 would make three in 1..7? No:
    # window 1..7 holds 7 and 3 (two), window 0..6 holds 0 and 3 (two). Allowed.
    assert can_snooze(days(0, 7), d(3), 2)
    assert budget_left(days(0, 7), d(3), 2) == 0


def test_already_snoozed_day_costs_nothing() -> None:
    used = days(0, 1)
    assert budget_left(used, d(1), 2) == 0
    assert can_snooze(used, d(1), 2)
    assert can_snooze(used, d(0), 2)


def test_budget_sizes() -> None:
    assert not can_snooze(frozenset(), d(0), 0)
    assert budget_left(days(0, 1, 2), d(3), 7) == 4
    assert can_snooze(days(0, 1, 2, 4, 5, 6), d(3), 7)
    assert not can_snooze(days(0, 1, 2), d(3), 3)
    assert can_snooze(days(0, 1, 2), d(3), 4)


def test_day_and_habit_snoozes_on_one_day_count_once() -> None:
    habit = Habit(1, "Plank hip dips", "plank-hip-dips", "", 3, parse_schedule("daily", MON), MON)
    other = Habit(2, "Stick rolling", "stick-rolling", "", 5, parse_schedule("daily", MON), MON)
    journal = Journal(
        (HabitLog(habit, snoozed=days(0, 3)), HabitLog(other, snoozed=days(0))),
        rest_days=days(0),
    )
    assert journal.snoozed_days() == days(0, 3)
    assert budget_left(journal.snoozed_days(), d(4), 2) == 0
    # Another habit snoozed on day 3 is the same snoozed day: free.
    assert can_snooze(journal.snoozed_days(), d(3), 2)
    assert not can_snooze(journal.snoozed_days(), d(4), 2)
