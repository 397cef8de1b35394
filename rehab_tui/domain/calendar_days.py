"""How each calendar day went, as one mark: the calendar's, the heat map's and
the command line's month (only they ask, so `today` never loads it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import days_between
from .marks import Mark
from .model import Journal
from .states import COUNTED, DayState, day_state


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
    logs = journal.active_on(day)
    states = [day_state(journal, log, day, today) for log in logs]
    done = sum(1 for s in states if s is DayState.DONE)
    total = sum(1 for s in states if s in COUNTED)
    if day > today:
        mark = Mark.FUTURE
    elif total and done == total:
        mark = Mark.MINIMUM if any(day in log.minimum for log in logs) else Mark.FULL
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


def day_summaries(journal: Journal, first: date, last: date, today: date) -> dict[date, DaySummary]:
    """Each day's summary from `first` to `last`: a month of the calendar, a year of the heat map."""
    return {day: day_summary(journal, day, today) for day in days_between(first, last)}
