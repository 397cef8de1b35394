"""What the screen shows, computed from the journal and kept between refreshes.

Textual-free, so it can be tested and timed on its own. After a toggle only the
changed habit is recomputed; the rest comes from the cache.
"""

from __future__ import annotations

import calendar as calendar_module
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..domain.checklist import Checklist, DaySummary, checklist, day_summary
from ..domain.model import HabitLog, Journal
from ..domain.states import DayState, day_state
from ..domain.streaks import Streak, habit_streak, routine_streak
from ..domain.strength import strength

STRIP_DAYS = 14


@dataclass(frozen=True)
class StreakRow:
    log: HabitLog
    streak: Streak
    strength: float
    strip: tuple[DayState, ...]  # the last STRIP_DAYS days, oldest first


class Board:
    def __init__(self, journal: Journal, today: date) -> None:
        self.journal = journal
        self.today = today
        self._rows: dict[int, StreakRow] = {}
        self._routine: tuple[int, int] | None = None

    def replace_log(self, log: HabitLog) -> None:
        """Swap in one habit's new record (after a toggle) and forget what it changes."""
        logs = tuple(log if old.habit.id == log.habit.id else old for old in self.journal.logs)
        self.journal = replace(self.journal, logs=logs)
        self._rows.pop(log.habit.id, None)
        self._routine = None

    def checklist(self, day: date) -> Checklist:
        return checklist(self.journal, day, self.today)

    def month(self, year: int, month: int) -> dict[date, DaySummary]:
        days = calendar_module.monthrange(year, month)[1]
        return {
            d: day_summary(self.journal, d, self.today)
            for d in (date(year, month, n) for n in range(1, days + 1))
        }

    def streak_rows(self) -> list[StreakRow]:
        rows = []
        for log in self.journal.active_on(self.today):
            row = self._rows.get(log.habit.id)
            if row is None:
                row = self._rows[log.habit.id] = self._row(log)
            rows.append(row)
        return rows

    def _row(self, log: HabitLog) -> StreakRow:
        first = self.today - timedelta(days=STRIP_DAYS - 1)
        strip = tuple(
            day_state(self.journal, log, first + timedelta(days=i), self.today) for i in range(STRIP_DAYS)
        )
        return StreakRow(
            log, habit_streak(self.journal, log, self.today), strength(self.journal, log, self.today), strip
        )

    def routine(self) -> tuple[int, int]:
        if self._routine is None:
            self._routine = routine_streak(self.journal, self.today)
        return self._routine
