"""The snooze budget: at most N snoozed days in any 7 consecutive days."""

from __future__ import annotations

from datetime import date, timedelta

from .rules import SNOOZE_WINDOW as WINDOW


def budget_left(snoozed_days: frozenset[date], day: date, budget: int) -> int:
    """Snoozes still free for `day`: the tightest 7-day window holding it decides."""
    left = budget
    for back in range(WINDOW):
        first = day - timedelta(days=back)
        used = sum(1 for i in range(WINDOW) if first + timedelta(days=i) in snoozed_days)
        left = min(left, budget - used)
    return left


def can_snooze(snoozed_days: frozenset[date], day: date, budget: int) -> bool:
    """A day already snoozed costs nothing more; another needs a free snooze."""
    return day in snoozed_days or budget_left(snoozed_days, day, budget) > 0
