"""A day's checklist: what each habit's state is and how the day adds up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import week_start_of
from .marks import Mark
from .model import HabitLog, Journal
from .schedules import Schedule, StreakUnit
from .states import COUNTED, DayState, day_state
from .streaks import current_streak, run_break


@dataclass(frozen=True)
class Item:
    log: HabitLog
    state: DayState
    streak: int

    day: date

    @property
    def unit(self) -> StreakUnit:
        return self.log.habit.schedule.unit

    @property
    def schedule(self) -> Schedule:
        """The schedule in force on the item's day."""
        return self.log.habit.schedule_on(self.day)


@dataclass(frozen=True)
class Checklist:
    day: date
    rest_day: bool
    items: tuple[Item, ...]

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.state is DayState.DONE)

    @property
    def total(self) -> int:
        return sum(1 for i in self.items if i.state in COUNTED)

    @property
    def pending(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.state is DayState.PENDING)

    def to_json(self) -> dict:
        return {
            "date": self.day.isoformat(),
            "snoozed": self.rest_day,
            "items": [
                {
                    "habit": i.log.habit.name,
                    "slug": i.log.habit.slug,
                    "status": str(i.state),
                    "streak": i.streak,
                    "unit": i.unit,
                    "schedule": i.schedule.describe(),
                }
                for i in self.items
            ],
            "done": self.done,
            "total": self.total,
        }


def checklist(journal: Journal, day: date, today: date, with_streaks: bool = True) -> Checklist:
    """One item per habit not archived on `day`; streaks are as of `day`."""
    items = tuple(
        Item(
            log,
            day_state(journal, log, day, today),
            current_streak(journal, log, today, as_of=day) if with_streaks else 0,
            day,
        )
        for log in journal.active_on(day)
    )
    return Checklist(day, day in journal.rest_days, items)


def exact_from(journal: Journal, day: date, today: date, since: date, with_streaks: bool = True) -> bool:
    """Whether `checklist(journal, day, today)` comes out as on the whole record
    when `journal` holds only what touches `since` and later days (check-ins,
    snoozes, pauses: `Store.journal(since=...)`).

    It does when the day's week starts on or after `since` and every streak's
    run, counted back from `day`, ends at a miss (or the habit's start) on or
    after `since`: then no step of the count looks at an earlier day.
    """
    if week_start_of(day, journal.week_start) < since:
        return False
    return not with_streaks or all(
        (run_break(journal, log, today, as_of=day) or log.habit.start) >= since
        for log in journal.active_on(day)
    )


@dataclass(frozen=True)
class DaySummary:
    """How a calendar day went, as one mark."""

    day: date
    done: int
    total: int
    mark: Mark


def day_summary(journal: Journal, day: date, today: date) -> DaySummary:
    if day in journal.rest_days:
        return DaySummary(day, 0, 0, Mark.SNOOZED)
    states = [day_state(journal, log, day, today) for log in journal.active_on(day)]
    done = sum(1 for s in states if s is DayState.DONE)
    total = sum(1 for s in states if s in COUNTED)
    if day > today:
        mark = Mark.FUTURE
    elif total and done == total:
        mark = Mark.FULL
    elif done:
        mark = Mark.PARTIAL
    elif total:
        mark = Mark.PENDING if day == today else Mark.MISSED
    elif DayState.PAUSED in states:
        mark = Mark.PAUSED
    elif DayState.SNOOZED in states:
        mark = Mark.SNOOZED
    else:
        mark = Mark.NONE
    return DaySummary(day, done, total, mark)
