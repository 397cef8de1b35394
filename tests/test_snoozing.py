"""The snooze budget: a sliding window of 7 days (docs/architecture.md, "Snoozes and pauses")."""

from datetime import date, timedelta

from rehab_tui.domain.snoozing import budget_for, budget_left, can_snooze
from rehab_tui.store import Store

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
    # A third snooze is refused on any day that shares 7 consecutive days with both:
    # days 2..6. Day 7's windows hold day 1 but never day 0.
    assert [can_snooze(used, d(n), 2) for n in range(2, 10)] == [
        False,
        False,
        False,
        False,
        False,
        True,
        True,
        True,
    ]
    assert budget_left(used, d(6), 2) == 0
    assert budget_left(used, d(7), 2) == 1
    assert budget_left(used, d(8), 2) == 2
    # The window looks ahead too: days -5..1 hold day -5 and both snoozes.
    assert not can_snooze(used, d(-5), 2)
    assert can_snooze(used, d(-6), 2)  # its windows end by day 0
    assert budget_left(used, d(-6), 2) == 1
    assert budget_left(used, d(-7), 2) == 2


def test_any_seven_consecutive_days_hold_at_most_the_budget() -> None:
    # Days 0 and 6 are one window: nothing more fits between them.
    assert not can_snooze(days(0, 6), d(3), 2)
    # Days 0 and 7 never share a window: day 3 makes two in 0..6 and two in 1..7.
    assert can_snooze(days(0, 7), d(3), 2)
    assert budget_left(days(0, 7), d(3), 2) == 1
    # Then no other day from 1 to 6 fits.
    assert [can_snooze(days(0, 3, 7), d(n), 2) for n in (1, 2, 4, 5, 6)] == [False] * 5


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


def test_day_and_habit_snoozes_on_one_day_count_once(tmp_path) -> None:
    store = Store.open(tmp_path / "rehab.db", d(0))
    plank = store.habits()[0].id
    store.snooze(d(0), d(5))
    store.snooze(d(0), d(5), habit_id=plank)
    store.snooze(d(3), d(5), habit_id=plank)
    journal = store.journal()
    assert journal.budget_days == days(0, 3)
    assert budget_left(journal.budget_days, d(4), 2) == 0
    # Another habit snoozed on day 3 is the same snoozed day: free.
    assert can_snooze(journal.budget_days, d(3), 2)
    assert not can_snooze(journal.budget_days, d(4), 2)


def test_exempt_snoozes_are_outside_the_budget_the_journal_counts(tmp_path) -> None:
    store = Store.open(tmp_path / "rehab.db", d(0))
    store.snooze(d(1), d(5), exempt=True, history=True)
    store.snooze(d(2), d(5))
    journal = store.journal()
    assert journal.rest_days == days(1, 2)
    assert journal.budget_days == days(2)
    assert budget_for(journal.budget_days, d(3), 2).left == 1
