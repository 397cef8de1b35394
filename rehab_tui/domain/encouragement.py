"""Falling off, kindly (docs/architecture.md, "Never miss twice"): what to say to a habit that was missed."""

from __future__ import annotations

from .model import Habit
from .streaks import Streak

_COUNTS = {2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six", 7: "Seven", 8: "Eight", 9: "Nine"}


def smallest_step(habit: Habit) -> str:
    """The least that still counts: the habit's minimum dose, else a fifth of
    its minutes (at least one), or "a few minutes"."""
    if habit.prescription.has_minimum:
        return f"{habit.prescription.minimum_words()} counts"
    if habit.minutes:
        least = max(1, habit.minutes // 5)
        return f"{least} minute{'s' if least != 1 else ''} counts"
    return "a few minutes counts"


def encouragement(habit: Habit, streak: Streak) -> str | None:
    """After one miss, ask for the next check-in; after two or more in a row, a
    fresh start naming the habit and its smallest step. It stays until the next
    check-in (which makes the misses 0). The name is never cut."""
    misses = streak.missed_in_a_row
    if misses == 0:
        return None
    if misses == 1:
        return f"{habit.name}: missed once — never miss twice."
    count = _COUNTS.get(misses, str(misses))
    what = "weeks missed" if streak.unit == "weeks" else "misses"
    return f"{count} {what} on {habit.name}. Start again small today: {smallest_step(habit)}."
