"""The plain data the domain works on: habits and what happened to them."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property

from .dates import days_between
from .prescription import Dose, Prescription
from .schedules import Schedule, StreakUnit
from .settings import DEFAULT_SETTINGS


@dataclass(frozen=True)
class ScheduleVersion:
    """A schedule in force from `since` until the next version's `since`."""

    since: date
    schedule: Schedule


@dataclass(frozen=True)
class Habit:
    """A habit. `schedule` is the one in force now; `versions`, when the
    schedule was ever changed, holds every schedule with the day it took
    effect (oldest first), so a change never rewrites the days before it."""

    id: int
    name: str
    slug: str
    cue: str
    minutes: int | None
    schedule: Schedule
    start: date
    archived: date | None = None
    position: int = 0
    versions: tuple[ScheduleVersion, ...] = ()
    updated_at: str | None = None
    #: An implementation intention in the user's words ("after my morning coffee").
    when: str = ""
    prescription: Prescription = Prescription()

    def archived_on(self, day: date) -> bool:
        return self.archived is not None and day >= self.archived

    def schedule_on(self, day: date) -> Schedule:
        """The schedule in force on `day` (the first one before it took effect)."""
        if not self.versions:
            return self.schedule
        return self.version_on(day).schedule

    def version_on(self, day: date) -> ScheduleVersion:
        """The version in force on `day` (the first one before it took effect)."""
        if not self.versions:
            return self.schedule_history[0]
        index = bisect_right(self._sinces, day) - 1
        return self.versions[max(index, 0)]

    @property
    def schedule_history(self) -> tuple[ScheduleVersion, ...]:
        """Every version, the first in force from the start."""
        return self.versions or (ScheduleVersion(self.start, self.schedule),)

    def schedule_spans(self) -> list[tuple[ScheduleVersion, date | None]]:
        """Every version with its last day in force (None: the latest, still in force)."""
        history = self.schedule_history
        ends = [v.since - timedelta(days=1) for v in history[1:]]
        return list(zip(history, [*ends, None], strict=True))

    @cached_property
    def _sinces(self) -> list[date]:
        return [v.since for v in self.versions]

    def plan_words(self, with_minimum: bool = False) -> str:
        """The prescription and the plan in one line ("3 × 12 each side · rest
        30 s · before my shower"), with the minimum dose when asked."""
        p = self.prescription
        least = f"at least {p.minimum_words()}" if with_minimum and p.has_minimum else ""
        return " · ".join(part for part in (p.words(), least, self.when) if part)

    def plan_on(self, day: date, plan: str) -> str:
        """`plan` (its plan or prescription) as shown for `day`. They are not
        versioned: they go with the latest schedule, so a day before that one
        took effect shows them with its day and schedule ("from Mon 16 Nov
        2026, tue,fri: ..."), never as that day's own plan."""
        latest = self.versions[-1] if self.versions else None
        if plan and latest is not None and day < latest.since:
            return f"from {latest.since:%a %d %b %Y}, {latest.schedule.describe()}: {plan}"
        return plan

    def streak_unit(self, through: date) -> StreakUnit:
        """What its streaks up to `through` count (docs/architecture.md,
        "Streaks"): weeks when a quota is the schedule now; else days, or
        sessions once a fixed schedule that is not daily was in force by then
        (days and sessions both count due days kept, so one run can hold both,
        and "days" would then be untrue)."""
        if self.schedule.is_quota:
            return StreakUnit.WEEKS
        history = self.schedule_history
        last = history.index(self.version_on(through))
        if any(v.schedule.unit is StreakUnit.SESSIONS for v in history[: last + 1]):
            return StreakUnit.SESSIONS
        return StreakUnit.DAYS


@dataclass(frozen=True)
class Pause:
    """A habit paused from `start` through `until`, both included."""

    start: date
    until: date
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.until

    @property
    def days(self) -> int:
        """How many days it rests, both ends included."""
        return (self.until - self.start).days + 1

    def overlaps(self, other: Pause) -> bool:
        """Whether the two share at least one day."""
        return self.start <= other.until and other.start <= self.until


@dataclass(frozen=True)
class Snooze:
    """A rest day (habit is None) or one habit's snooze on one day."""

    day: date
    habit_id: int | None
    reason: str = "sore"
    area: str | None = None
    pain: int | None = None
    exempt: bool = False  # history brought in from another tracker: outside the budget


@dataclass(frozen=True)
class HabitLog:
    """One habit with everything recorded for it."""

    habit: Habit
    done: frozenset[date] = frozenset()
    snoozed: frozenset[date] = frozenset()
    pauses: tuple[Pause, ...] = ()
    #: The days of `done` checked in at the minimum dose: done all the same,
    #: shown apart.
    minimum: frozenset[date] = frozenset()
    #: The notes written with check-ins of `done` ("knee felt hot"), by day.
    notes: Mapping[date, str] = field(default_factory=dict)

    def dose_on(self, day: date) -> Dose | None:
        if day not in self.done:
            return None
        return Dose.MIN if day in self.minimum else Dose.FULL

    def paused_on(self, day: date) -> bool:
        return day in self._paused_days

    @cached_property
    def _paused_days(self) -> frozenset[date]:
        # Streaks and strength ask about every day of the history; scanning the
        # pauses each time made them grow faster than the history.
        return frozenset(day for p in self.pauses for day in days_between(p.start, p.until))

    def pause_on(self, day: date) -> Pause | None:
        return next((p for p in self.pauses if p.covers(day)), None)


@dataclass(frozen=True)
class Journal:
    """Everything the streak and state rules need, for all habits."""

    logs: tuple[HabitLog, ...]
    rest_days: frozenset[date] = frozenset()
    week_start: int = DEFAULT_SETTINGS.week_start
    snooze_budget: int = DEFAULT_SETTINGS.snooze_budget
    #: Days holding a snooze that uses the budget (exempt ones, history brought
    #: in from another tracker, left out): what snoozing.budget_for counts.
    budget_days: frozenset[date] = frozenset()
    #: None: the whole record; a day: only what touches that day and later
    #: (Store.journal(since=...)), enough for a checklist that exact_from allows.
    since: date | None = None

    def with_log(self, new: HabitLog) -> Journal:
        """This journal with one habit's record replaced (or added)."""
        logs = tuple(new if log.habit.id == new.habit.id else log for log in self.logs)
        if new not in logs:
            logs = tuple(sorted((*logs, new), key=lambda log: (log.habit.position, log.habit.id)))
        return replace(self, logs=logs)

    def log(self, habit_id: int) -> HabitLog:
        for log in self.logs:
            if log.habit.id == habit_id:
                return log
        raise KeyError(habit_id)

    def active_on(self, day: date) -> list[HabitLog]:
        """Habits not archived on `day`, in list order."""
        return [log for log in self.logs if not log.habit.archived_on(day)]
