"""Current and best streaks, per habit and for the routine (docs/architecture.md, "Streaks")."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from .dates import week_start_of
from .model import HabitLog, Journal
from .schedules import StreakUnit
from .states import DayState, day_state, due_on, quota_week, scheduled

_DAY = timedelta(days=1)
_WEEK = timedelta(days=7)


class Step(Enum):
    """What one day (or week) does to a streak."""

    COUNT = "count"
    SKIP = "skip"
    BREAK = "break"


@dataclass(frozen=True)
class Streak:
    """A habit's streaks as of today, in its unit (days, sessions, or a quota's weeks)."""

    unit: StreakUnit
    current: int
    best: int
    misses: int  # misses in a row just behind the current point, for "never miss twice"
    #: The run that the latest misses ended (0 if none): shown as "last
    #: streak N days" while the current streak is 0.
    last_run: int = 0

    @property
    def missed_in_a_row(self) -> int:
        return self.misses


def day_step(journal: Journal, log: HabitLog, day: date, today: date) -> Step:
    state = day_state(journal, log, day, today)
    if state is DayState.DONE:
        return Step.COUNT if scheduled(log, day) else Step.SKIP
    if state is DayState.MISSED:
        return Step.BREAK
    return Step.SKIP


def week_step(journal: Journal, log: HabitLog, week: date, today: date) -> Step:
    status = quota_week(journal, log, week)
    if status.met:
        return Step.COUNT
    if status.frozen or week <= today < week + _WEEK or week > today:
        # A frozen week, or the week in progress, never breaks the streak.
        return Step.SKIP
    return Step.BREAK


def _points(journal: Journal, log: HabitLog, through: date, since: date | None = None) -> Iterator[tuple[date, bool]]:
    """(point, is_week) from the habit's start (or from `since`, with the week
    holding it) through `through`, oldest first: each day under a fixed
    schedule, and each week under a quota (once, at the week's first day)."""
    habit = log.habit
    week_start = journal.week_start
    first = max(habit.start, since) if since else habit.start
    if not habit.versions:
        if habit.schedule.is_quota:
            week = week_start_of(first, week_start)
            while week <= through:
                yield week, True
                week += _WEEK
        else:
            day = first
            while day <= through:
                yield day, False
                day += _DAY
        return
    day, last_week = first, None
    while day <= through:
        if habit.schedule_on(day).is_quota:
            week = week_start_of(day, week_start)
            if week != last_week:
                last_week = week
                yield week, True
        else:
            yield day, False
        day += _DAY


def _step(journal: Journal, log: HabitLog, point: date, is_week: bool, today: date) -> Step:
    if is_week != log.habit.schedule.is_quota:
        # A streak counts in the unit of the schedule in force now; the days
        # (or weeks) of an earlier schedule of the other unit neither add nor break.
        return Step.SKIP
    return week_step(journal, log, point, today) if is_week else day_step(journal, log, point, today)


def _steps_back(journal: Journal, log: HabitLog, as_of: date, today: date) -> Iterator[tuple[date, Step]]:
    """Each day's (or quota week's) step from `as_of` back to the habit's start, newest first."""
    habit = log.habit
    if habit.versions:
        for point, is_week in reversed(list(_points(journal, log, as_of))):
            yield point, _step(journal, log, point, is_week, today)
    elif habit.schedule.is_quota:
        week = week_start_of(as_of, journal.week_start)
        first = week_start_of(habit.start, journal.week_start)
        while week >= first:
            yield week, week_step(journal, log, week, today)
            week -= _WEEK
    else:
        day = as_of
        while day >= habit.start:
            yield day, day_step(journal, log, day, today)
            day -= _DAY


def current_run(newest_first: Iterable[Step]) -> int:
    """Counted steps in a row, from the newest back to the first break."""
    count = 0
    for step in newest_first:
        if step is Step.BREAK:
            break
        if step is Step.COUNT:
            count += 1
    return count


def misses_in_a_row(newest_first: Iterable[Step]) -> int:
    """Breaks since the last counted step: the real count, so the fresh-start
    line can stay until the next check-in however long the gap."""
    misses = 0
    for step in newest_first:
        if step is Step.COUNT:
            break
        if step is Step.BREAK:
            misses += 1
    return misses


def previous_run(newest_first: Iterable[Step]) -> int:
    """The run just before the latest break(s): past the current run and the
    misses behind it, the counted steps back to the break before them."""
    steps = iter(newest_first)
    for step in steps:
        if step is Step.BREAK:
            break
    else:
        return 0
    count = 0
    for step in steps:
        if step is Step.BREAK:
            if count:
                break
        elif step is Step.COUNT:
            count += 1
    return count


def longest_run(oldest_first: Iterable[Step]) -> int:
    """The longest run of counted steps."""
    best = run = 0
    for step in oldest_first:
        if step is Step.BREAK:
            run = 0
        elif step is Step.COUNT:
            run += 1
            best = max(best, run)
    return best


def habit_steps(journal: Journal, log: HabitLog, today: date) -> list[Step]:
    """Every day's (or quota week's) step from the habit's start through today."""
    return [_step(journal, log, point, is_week, today) for point, is_week in _points(journal, log, today)]


def current_streak(journal: Journal, log: HabitLog, today: date, as_of: date | None = None) -> int:
    """Scheduled days (or met weeks) done in a row, going back from `as_of`."""
    return current_run(step for _, step in _steps_back(journal, log, as_of or today, today))


def run_break(journal: Journal, log: HabitLog, today: date, as_of: date | None = None) -> date | None:
    """The day (or quota week) whose miss ended the current run, going back from
    `as_of`; None if the run reaches back to the habit's start."""
    return next((point for point, step in _steps_back(journal, log, as_of or today, today) if step is Step.BREAK), None)


def reach_back(journal: Journal, log: HabitLog, today: date, as_of: date | None = None) -> date | None:
    """The earliest point the streak as of `as_of` (or, at 0, its last run)
    looks at: going back, the first miss behind a counted step. That is
    run_break with a streak and last_run's point at 0, in one walk back."""
    counted = False
    for point, step in _steps_back(journal, log, as_of or today, today):
        if step is Step.COUNT:
            counted = True
        elif step is Step.BREAK and counted:
            return point
    return None


def streak_of(log: HabitLog, steps: list[Step], today: date) -> Streak:
    """The streak that a habit's steps (`habit_steps` through `today`, oldest
    first) add up to: the current run, the longest one, and the misses in a row
    behind today."""
    return Streak(
        log.habit.streak_unit(today),
        current_run(reversed(steps)),
        longest_run(steps),
        misses_in_a_row(reversed(steps)),
        previous_run(reversed(steps)),
    )


def last_run(journal: Journal, log: HabitLog, today: date, as_of: date | None = None) -> tuple[int, date | None]:
    """The run that the latest misses ended, going back from `as_of`, and the
    point of the miss before that run (None if it reaches the habit's start):
    reading from that point on is enough to count it."""
    count, broken, before = 0, False, None
    for point, step in _steps_back(journal, log, as_of or today, today):
        if step is Step.BREAK:
            if count:
                before = point
                break
            broken = True
        elif step is Step.COUNT and broken:
            count += 1
    return count, before


def habit_streak(journal: Journal, log: HabitLog, today: date) -> Streak:
    return streak_of(log, habit_steps(journal, log, today), today)


def routine_step(journal: Journal, logs: list[HabitLog], day: date, today: date) -> Step:
    """A day of the routine: every habit due that day done counts it; a miss
    breaks it. A quota habit is in it only on its due days (an open day is
    outside, as in the day's total), and its week's miss falls on the week's
    last available day, the one day it shows as missed."""
    if day in journal.rest_days:
        return Step.SKIP
    due = False
    waiting = False
    for log in logs:
        state = day_state(journal, log, day, today)
        if state is DayState.MISSED:
            return Step.BREAK
        if state is DayState.DONE:
            # A check-in on a day it was not due neither adds nor breaks.
            due = due or due_on(journal, log, day)
        elif state in (DayState.PENDING, DayState.UPCOMING):
            due = waiting = True
    if not due or waiting:
        return Step.SKIP
    return Step.COUNT


def routine_logs(journal: Journal) -> list[HabitLog]:
    """The habits the routine counts: all of them, each on the days it is due."""
    return list(journal.logs)


def routine_week_days(journal: Journal, log: HabitLog, day: date) -> list[date]:
    """The routine days a check-in by `log` on `day` can change: the day, or its
    whole week under a quota (due days, the met week and its miss move)."""
    if not log.habit.schedule_on(day).is_quota:
        return [day]
    first = week_start_of(day, journal.week_start)
    return [first + i * _DAY for i in range(7)]


def routine_steps(journal: Journal, today: date) -> tuple[date | None, list[Step]]:
    """The first day of the routine and every day's step from it through today."""
    logs = routine_logs(journal)
    if not logs:
        return None, []
    first = min(log.habit.start for log in logs)
    return first, [routine_step(journal, logs, first + i * _DAY, today) for i in range((today - first).days + 1)]


def routine_streak(journal: Journal, today: date, as_of: date | None = None) -> tuple[int, int]:
    """(current, best) for the whole routine of fixed-schedule habits."""
    first, steps = routine_steps(journal, today)
    if first is None:
        return 0, 0
    logs = routine_logs(journal)
    day = as_of or today
    back = (routine_step(journal, logs, day - i * _DAY, today) for i in range((day - first).days + 1))
    current = current_run(back)
    return current, max(longest_run(steps), current)


#: Adherence looks this many days back, today included.
ADHERENCE_DAYS = 28


def share_done(steps: Iterable[Step]) -> float | None:
    """Done ÷ (done + missed) as 0–100, one decimal; None with nothing due.
    Frozen (snoozed, paused), off and still-pending steps are left out."""
    done = missed = 0
    for step in steps:
        done += step is Step.COUNT
        missed += step is Step.BREAK
    return round(100 * done / (done + missed), 1) if done + missed else None


def adherence(journal: Journal, log: HabitLog, today: date, days: int = ADHERENCE_DAYS) -> float | None:
    """The share of due days (a quota habit: of its weeks) done in the last
    `days` days. Unlike strength it means something from the first week."""
    return habit_share(journal, log, today - (days - 1) * _DAY, today, today)


def habit_share(journal: Journal, log: HabitLog, first: date, last: date, today: date) -> float | None:
    """The share of a habit's due days (or quota weeks) from `first` to `last` that were done."""
    return share_done(
        _step(journal, log, point, is_week, today)
        for point, is_week in _points(journal, log, last, since=first - 6 * _DAY)
        # A week belongs to the window when it ends inside it.
        if (point + 6 * _DAY if is_week else point) >= first
    )


def routine_adherence(journal: Journal, today: date, days: int = ADHERENCE_DAYS) -> float | None:
    """The share of the routine's due days done in the last `days` days."""
    return routine_share(journal, today - (days - 1) * _DAY, today, today)


def routine_share(journal: Journal, first: date, last: date, today: date) -> float | None:
    """The share of the routine's days from `first` to `last` that were done in full."""
    logs = routine_logs(journal)
    if not logs:
        return None
    # Each day's step stands on its own: only the window's days are needed,
    # not the whole history that routine_steps walks.
    first = max(min(log.habit.start for log in logs), first)
    return share_done(routine_step(journal, logs, first + i * _DAY, today) for i in range((last - first).days + 1))


def weekly_routine(journal: Journal, weeks: Iterable[date], today: date) -> list[float | None]:
    """The routine's adherence in each week (given by its first day)."""
    return [routine_share(journal, week, min(week + 6 * _DAY, today), today) for week in weeks]
