"""Habit strength, 0–100, as Loop Habit Tracker scores a habit (docs/architecture.md, "Strength")."""

from __future__ import annotations

import math
from datetime import date, timedelta

from .model import HabitLog, Journal
from .schedules import Schedule
from .states import resting

_DAY = timedelta(days=1)


def multiplier(frequency: float) -> float:
    return 0.5 ** (math.sqrt(frequency) / 13.0)


def _parameters(schedule: Schedule) -> tuple[int, int, float]:
    """(num, den, multiplier) of Loop's score for a schedule."""
    num, den = schedule.frequency_parts
    frequency = num / den
    if frequency < 1:
        # Loop doubles both for non-daily habits to smooth irregular schedules.
        num, den = num * 2, den * 2
    return num, den, multiplier(frequency)


def strength_series(journal: Journal, log: HabitLog, today: date) -> list[float]:
    """The score on each day from the habit's start through today (0.0–1.0),
    each day under the schedule in force on it."""
    habit = log.habit
    last = today if habit.archived is None else min(today, habit.archived - _DAY)
    done = log.done
    schedule = habit.schedule_on(habit.start)
    num, den, m = _parameters(schedule)
    counted = [0]  # check-ins on the days so far, for any rolling window
    score = 0.0
    series: list[float] = []
    day = habit.start
    while day <= last:
        if habit.versions and habit.schedule_on(day) is not schedule:
            schedule = habit.schedule_on(day)
            num, den, m = _parameters(schedule)
        is_done = day in done
        counted.append(counted[-1] + is_done)
        if is_done or not resting(journal, log, day):
            rolling = counted[-1] - counted[max(0, len(counted) - 1 - den)]
            score = score * m + min(1.0, rolling / num) * (1 - m)
        series.append(score)
        day += _DAY
    return series


def strength(journal: Journal, log: HabitLog, today: date) -> float:
    """Today's strength as a percentage, rounded to one decimal."""
    series = strength_series(journal, log, today)
    return round(series[-1] * 100, 1) if series else 0.0
