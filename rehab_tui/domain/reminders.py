"""Reminders (docs/architecture.md, "Reminders"): at a time of day, on some days of the week, say
what is left of the routine, or that one habit is still to do, on the desktop or through an
apprise URL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING

from .weekdays import weekday_list

if TYPE_CHECKING:
    from .checklist import Checklist


@dataclass(frozen=True)
class Timing:
    """When and where a reminder goes, as an export or another tracker carries
    it: an import adds it unless one the same is held (for the same habit)."""

    at: str  # HH:MM (rules.check_reminder_time)
    days: frozenset[int]  # 0 = Monday
    target: str | None = None  # None is the desktop


@dataclass(frozen=True)
class Reminder:
    id: int
    at: str  # HH:MM (rules.check_reminder_time)
    days: frozenset[int]  # 0 = Monday (rules.check_reminder_days)
    target: str | None  # an apprise URL; None is the desktop
    #: The last day it notified (at most once a day).
    last_sent: date | None = None
    #: The last failure to notify, and when (ISO, local time); cleared by a success.
    last_error: str | None = None
    last_error_at: str | None = None
    #: The habit it is for (its id and slug); None: the whole routine.
    habit_id: int | None = None
    habit: str | None = None

    @property
    def timing(self) -> Timing:
        return Timing(self.at, self.days, self.target)

    @property
    def where(self) -> str:
        return self.target or "desktop"

    def due(self, day: date, now: time, day_start_hour: int = 0) -> bool:
        """Whether its time has come on `day` (the logical day holding `now`) and it is one of its days.

        Times are read within the logical day: with the day starting at 03:00,
        a reminder at 01:00 comes at the end of the day, not before it starts.
        """
        if day.weekday() not in self.days:
            return False
        hours, minutes = map(int, self.at.split(":"))
        return _since_start(hours, minutes, day_start_hour) <= _since_start(now.hour, now.minute, day_start_hour)


def _since_start(hours: int, minutes: int, day_start_hour: int) -> int:
    return (hours * 60 + minutes - day_start_hour * 60) % (24 * 60)


def days_stored(days: frozenset[int]) -> str:
    """How a reminder's days are stored: day names, Monday first, comma-separated.
    (The store's name for weekdays.weekday_list.)"""
    return weekday_list(days)


def left_text(names: list[str]) -> str:
    """What a routine reminder says: "2 left today: Stick rolling, Plank hip dips"."""
    return f"{len(names)} left today: {', '.join(names)}"


def reminder_says(reminder: Reminder, listing: Checklist) -> str | None:
    """What `reminder` says on the day of `listing` (that day's checklist), or
    None when it stays silent.

    A routine reminder names every habit still to do; a habit's reminder names
    that habit alone, and only while it is still to do: due that day, not
    done, not snoozed, not paused (a habit not due, done, snoozed or paused is
    not pending). Nothing on a rest day.
    """
    if listing.rest_day:
        return None
    left = [i.log.habit.name for i in listing.pending if reminder.habit_id in (None, i.log.habit.id)]
    if not left:
        return None
    if reminder.habit_id is None:
        return left_text(left)
    return f"{left[0]}: still to do today"
