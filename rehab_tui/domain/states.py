"""The state of a habit on a day (docs/architecture.md, "Day states"), and how a quota week stands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .dates import days_between, week_start_of
from .model import Habit, HabitLog, Journal


class DayState(StrEnum):
    DONE = "done"
    OFF = "off"
    PAUSED = "paused"
    SNOOZED = "snoozed"
    PENDING = "pending"
    UPCOMING = "upcoming"
    MISSED = "missed"
    #: A quota habit's day that is not yet due: the week can still be met on
    #: later days, so it stays outside the day's total ("1 of 2 this week").
    OPEN = "open"


#: The states that count towards a day's routine total (`today --json`).
COUNTED = frozenset({DayState.DONE, DayState.PENDING, DayState.MISSED})


def in_life(log: HabitLog, day: date) -> bool:
    """On or after the habit's start and before its archive date."""
    habit = log.habit
    return habit.start <= day and not habit.archived_on(day)


def scheduled(log: HabitLog, day: date) -> bool:
    """Whether a fixed-schedule habit is due on `day` at all (under the schedule in force that day)."""
    return in_life(log, day) and log.habit.schedule_on(day).occurs(day)


def resting(journal: Journal, log: HabitLog, day: date) -> bool:
    """Snoozed (the day or this habit) or paused: such a day freezes streaks."""
    return day in journal.rest_days or day in log.snoozed or log.paused_on(day)


@dataclass(frozen=True)
class QuotaWeek:
    """How a quota habit's week (from `start`) stands: check-ins done of those needed."""

    start: date
    done: int
    needed: int
    #: The week's available days (under a quota, in the habit's life, not
    #: resting, or checked in), oldest first: the days it can still be met on.
    available: tuple[date, ...] = ()

    @property
    def last(self) -> date | None:
        """The week's last available day: an unmet week is missed on it."""
        return self.available[-1] if self.available else None

    def due(self, day: date) -> bool:
        """Whether `day` is due: the available days left, `day` included, are
        no more than the check-ins still needed (those before `day` counted)."""
        still = self.needed - sum(1 for d in self.checked if d < day)
        return 0 < still and sum(1 for d in self.available if d >= day) <= still

    #: The days of the week checked in.
    checked: tuple[date, ...] = ()

    @property
    def frozen(self) -> bool:
        """No day of the week was available and nothing was done."""
        return self.needed == 0

    @property
    def met(self) -> bool:
        return self.needed > 0 and self.done >= self.needed


def quota_week(journal: Journal, log: HabitLog, week_start: date) -> QuotaWeek:
    """How a quota habit's week stands; the quota shrinks to the available days.

    Only the days a quota schedule was in force belong to the week: after a
    schedule change in mid-week, the days under the other schedule are as
    unavailable as days before the start.
    """
    habit = log.habit
    days = days_between(week_start, week_start + timedelta(days=6))
    if habit.versions:
        days = [d for d in days if habit.schedule_on(d).is_quota]
        if not days:
            return QuotaWeek(week_start, 0, 0)
    checked = tuple(d for d in days if d in log.done)
    available = tuple(d for d in days if d in log.done or (in_life(log, d) and not resting(journal, log, d)))
    needed = min(habit.schedule_on(days[-1]).quota, len(available))
    return QuotaWeek(week_start, len(checked), needed, available, checked)


def day_state(journal: Journal, log: HabitLog, day: date, today: date) -> DayState:
    if day in log.done:
        return DayState.DONE
    if not scheduled(log, day):
        return DayState.OFF
    week = None
    if log.habit.schedule_on(day).is_quota:
        week = quota_week(journal, log, week_start_of(day, journal.week_start))
        if week.met:
            return DayState.OFF
    if log.paused_on(day):
        return DayState.PAUSED
    if day in journal.rest_days or day in log.snoozed:
        return DayState.SNOOZED
    if week is not None:
        if day < today:
            # Only the week can be missed, never one day of it: the miss shows
            # on the week's last chance, and the days before it are off.
            return DayState.MISSED if day == week.last else DayState.OFF
        if not week.due(day):
            return DayState.OPEN
    if day == today:
        return DayState.PENDING
    if day > today:
        return DayState.UPCOMING
    return DayState.MISSED


def due_on(journal: Journal, log: HabitLog, day: date) -> bool:
    """Whether a habit was due on `day` (whatever was then done): scheduled,
    and for a quota, its week could no longer be met without that day."""
    if not scheduled(log, day):
        return False
    if not log.habit.schedule_on(day).is_quota:
        return True
    return quota_week(journal, log, week_start_of(day, journal.week_start)).due(day)


#: How far ahead `next_due` looks: a year holds every schedule's next day.
NEXT_DUE_HORIZON = 366


def next_due(journal: Journal, log: HabitLog, day: date) -> date | None:
    """The first day after `day` a habit is due and not paused (within a year)."""
    for n in range(1, NEXT_DUE_HORIZON + 1):
        later = day + timedelta(days=n)
        if due_on(journal, log, later) and not log.paused_on(later):
            return later
    return None


def due_days(habit: Habit, first: date, last: date) -> int:
    """How many days from `first` through `last` a habit's schedule falls on
    (what moving its start back to `first` would make due)."""
    return sum(1 for day in days_between(first, last) if habit.schedule_on(day).occurs(day))
