"""What the screen shows, computed from the journal and kept between refreshes.

Textual-free, so it can be tested and timed on its own.

The streaks need a habit's whole history, so the board keeps, per habit, the
step (count, skip or break) of every day (or week, for a quota) from its start
through today, and the same for the routine, as the domain's own step rules
give them. A check-in or undo on one day changes the step of that day (or of
its week) only, so after a toggle one step is recomputed and the streaks are
counted again from the kept steps; only the toggled habit's strength is
computed again from its start. benchmarks/run.py checks the board against the
domain's habit_streak, strength and routine_streak.
"""

from __future__ import annotations

import calendar as calendar_module
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..domain.calendar_days import DaySummary, day_summaries
from ..domain.checklist import Checklist, checklist
from ..domain.dates import days_between, week_start_of
from ..domain.model import HabitLog, Journal
from ..domain.prescription import Dose
from ..domain.states import DayState, day_state
from ..domain.streaks import (
    ADHERENCE_DAYS,
    Step,
    Streak,
    adherence,
    current_run,
    day_step,
    habit_steps,
    longest_run,
    routine_logs,
    routine_step,
    routine_steps,
    routine_week_days,
    share_done,
    streak_of,
    week_step,
)
from ..domain.strength import strength

#: Half a year of days per habit: the streaks panel shows as many whole weeks
#: of it as its width holds (two at 80 columns, thirteen at 160); keeping
#: them costs next to nothing beside the streaks' whole history.
STRIP_DAYS = 7 * 26


@dataclass(frozen=True)
class StreakRow:
    log: HabitLog
    streak: Streak
    strength: float
    #: The last STRIP_DAYS days, oldest first: each day's state, or Dose.MIN
    #: for a day done at the minimum dose (shown apart from a full one).
    strip: tuple[DayState | Dose, ...]
    adherence: float | None  # due days done in the last 28 days, 0-100 (None: nothing due)


class Board:
    def __init__(self, journal: Journal, today: date) -> None:
        self.journal = journal
        self.today = today
        self._rows: dict[int, StreakRow] = {}
        self._steps: dict[int, list[Step]] = {}
        self._routine_steps: list[Step] | None = None
        self._routine_first: date | None = None
        self._routine: tuple[int, int] | None = None

    def replace_log(self, log: HabitLog) -> None:
        """Swap in one habit's new record (after a toggle) and forget what it changes."""
        habit_id = log.habit.id
        old = self.journal.log(habit_id)
        logs = tuple(log if o.habit.id == habit_id else o for o in self.journal.logs)
        self.journal = replace(self.journal, logs=logs)
        self._rows.pop(habit_id, None)
        self._routine = None
        days = old.done ^ log.done
        if replace(old, done=log.done, minimum=log.minimum, notes=log.notes) != log or not self._restep(log, days):
            # More than check-ins changed: count this habit and the routine afresh.
            self._steps.pop(habit_id, None)
            self._routine_steps = None

    def _restep(self, log: HabitLog, days: frozenset[date]) -> bool:
        """Recompute the kept steps that check-ins on `days` change; False if it cannot."""
        habit = log.habit
        if habit.versions or any(day < habit.start or day > self.today for day in days):
            # The kept steps are indexed by day (or week) from the start under
            # one schedule; a habit whose schedule changed is counted afresh.
            return False
        steps = self._steps.get(habit.id)
        if steps is not None:
            quota = habit.schedule.is_quota
            week_start = self.journal.week_start
            first = week_start_of(habit.start, week_start) if quota else habit.start
            for day in days:
                if quota:
                    week = week_start_of(day, week_start)
                    steps[(week - first).days // 7] = week_step(self.journal, log, week, self.today)
                else:
                    steps[(day - first).days] = day_step(self.journal, log, day, self.today)
        if self._routine_steps is not None:
            logs = routine_logs(self.journal)
            routine_first = self._routine_first
            if routine_first is None or any(day < routine_first for day in days):
                return False
            # A quota check-in moves its whole week in the routine (which days
            # are due, the met week, its miss), so every day of it is stepped again.
            touched = {
                d for day in days for d in routine_week_days(self.journal, log, day) if routine_first <= d <= self.today
            }
            for day in touched:
                self._routine_steps[(day - routine_first).days] = routine_step(self.journal, logs, day, self.today)
        return True

    def checklist(self, day: date) -> Checklist:
        return checklist(self.journal, day, self.today)

    def month(self, year: int, month: int) -> dict[date, DaySummary]:
        days = calendar_module.monthrange(year, month)[1]
        return day_summaries(self.journal, date(year, month, 1), date(year, month, days), self.today)

    def prepare(self) -> Iterator[None]:
        """Compute the streak rows, then the routine, yielding after each habit.

        The journal is read afresh at every step: a toggle may come in between.
        """
        while True:
            log = next((log for log in self.journal.active_on(self.today) if log.habit.id not in self._rows), None)
            if log is None:
                break
            self._rows[log.habit.id] = self._row(log)
            yield
        self.routine()

    def streak_rows(self) -> list[StreakRow]:
        rows = []
        for log in self.journal.active_on(self.today):
            row = self._rows.get(log.habit.id)
            if row is None:
                row = self._rows[log.habit.id] = self._row(log)
            rows.append(row)
        return rows

    def _habit_steps(self, log: HabitLog) -> list[Step]:
        steps = self._steps.get(log.habit.id)
        if steps is None:
            steps = self._steps[log.habit.id] = habit_steps(self.journal, log, self.today)
        return steps

    def _row(self, log: HabitLog) -> StreakRow:
        first = self.today - timedelta(days=STRIP_DAYS - 1)
        strip = tuple(
            Dose.MIN if day in log.minimum else day_state(self.journal, log, day, self.today)
            for day in days_between(first, self.today)
        )
        streak = streak_of(log, self._habit_steps(log), self.today)
        return StreakRow(
            log, streak, strength(self.journal, log, self.today), strip, adherence(self.journal, log, self.today)
        )

    def routine_adherence(self) -> float | None:
        """As domain.streaks.routine_adherence, from the kept steps."""
        steps = self._kept_routine_steps()
        return share_done(steps[-ADHERENCE_DAYS:]) if self._routine_first else None

    def routine(self) -> tuple[int, int]:
        """(current, best) for the routine (domain.streaks.routine_streak)."""
        if self._routine is None:
            steps = self._kept_routine_steps()
            current = current_run(reversed(steps))
            self._routine = (current, max(longest_run(steps), current))
        return self._routine

    def _kept_routine_steps(self) -> list[Step]:
        """The routine's steps, counted over the whole history once and then kept (and restepped)."""
        if self._routine_steps is None:
            self._routine_first, self._routine_steps = routine_steps(self.journal, self.today)
        return self._routine_steps
