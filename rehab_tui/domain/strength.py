"""Habit strength, 0–100, as Loop Habit Tracker scores a habit (DESIGN.md §5)."""

from __future__ import annotations

import math
from datetime import date, timedelta

from .model import HabitLog, Journal
from .states import resting

_DAY = timedelta(days=1)


def multiplier(frequency: float) -> float:
    return 0.5 ** (math.sqrt(frequency) / 13.0)


def strength_series(journal: Journal, log: HabitLog, today: date) -> list[float]:
    """The score on each day from the habit's start through today (0.0–1.0)."""
    habit = log.habit
    num, den = habit.schedule.frequency_parts
    frequency = num / den
    if frequency < 1:
        # Loop doubles both for non-daily habits to smooth irregular schedules.
        num, den = num * 2, den * 2
    m = multiplier(frequency)
    last = today if habit.archived is None else min(today, habit.archived - _DAY)
    done = log.done
    flags: list[bool] = []
    rolling = 0
    score = 0.0
    series: list[float] = []
    day = habit.start
    while day <= last:
        is_done = day in done
        flags.append(is_done)
        rolling += is_done
        if len(flags) > den:
            rolling -= flags[-den - 1]
        if is_done or not resting(journal, log, day):
            score = score * m + min(1.0, rolling / num) * (1 - m)
        series.append(score)
        day += _DAY
    return series


def strength(journal: Journal, log: HabitLog, today: date) -> float:
    """Today's strength as a percentage, rounded to one decimal."""
    series = strength_series(journal, log, today)
    return round(series[-1] * 100, 1) if series else 0.0
