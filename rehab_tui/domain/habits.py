"""Changes to a habit as a whole: a new schedule from a day on, and whether two
copies of a habit say the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .model import Habit, ScheduleVersion
from .rules import check_schedule_since
from .schedules import parse_schedule


def with_schedule(habit: Habit, text: str, since: date, keep_history: bool) -> Habit:
    """`habit` with `text` in force from `since`; the days before keep theirs.
    A version already taking effect on `since` is replaced. Without
    `keep_history` the new schedule is the habit's only one."""
    check_schedule_since(habit, since)
    new = ScheduleVersion(since, parse_schedule(text, since))
    history = [v for v in habit.schedule_history if v.since != since] if keep_history else []
    earlier = [v for v in history if v.since < since]
    if earlier and earlier[-1].schedule.rule == new.schedule.rule:
        # Re-typing the schedule in force is no change: an `every N days`
        # anchor must not move.
        versions = history
    else:
        versions = sorted([*history, new], key=lambda v: v.since)
    return replace(habit, schedule=versions[-1].schedule, versions=tuple(versions) if len(versions) > 1 else ())


def same_habit(a: Habit, b: Habit) -> bool:
    """Equal in everything an export carries (the time of the last change aside)."""
    return replace(a, updated_at=None) == replace(b, updated_at=None)
