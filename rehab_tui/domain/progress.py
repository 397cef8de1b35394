"""What the progress view sets side by side (docs/architecture.md, "Progress"): per body area the
pain trend beside the routine's weekly adherence over the same weeks, per habit
its adherence and longest streak, and a year of days as the calendar marks them.

Figures only: they are stated next to each other, and nothing here says that
one moved the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .body import PainChange, PainPoint, PainReading, areas, pain_change, pain_series
from .calendar_days import DaySummary, day_summaries
from .dates import week_start_of
from .model import HabitLog, Journal
from .streaks import Streak, adherence, routine_adherence, routine_share, weekly_routine

#: The trend's period (7-day blocks ending today), and the shorter one set beside it.
TREND_WEEKS = 12
RECENT_WEEKS = 4
#: The year of days: this many whole weeks before the current one, and the current one.
YEAR_WEEKS = 52


def percent_words(share: float | None) -> str:
    return "–" if share is None else f"{share:.0f} %"


@dataclass(frozen=True)
class AreaTrend:
    area: str
    points: tuple[PainPoint, ...]  # every day of the period, oldest first
    change: PainChange | None  # None with fewer than two readings in the period

    @property
    def readings(self) -> int:
        return sum(1 for p in self.points if p.pain is not None)


@dataclass(frozen=True)
class HabitProgress:
    log: HabitLog
    recent: float | None  # adherence over RECENT_WEEKS, 0-100 (None: nothing was due)
    trend: float | None  # over TREND_WEEKS
    streak: Streak  # `.best`, the longest run ever, in the habit's unit


@dataclass(frozen=True)
class Progress:
    today: date
    #: The first day of the period: TREND_WEEKS blocks of 7 days, the last ending today.
    first: date
    weeks: tuple[date, ...]  # each block's first day
    weekly: tuple[float | None, ...]  # the routine's adherence in each block
    routine: float | None  # the routine's adherence over the whole period
    routine_recent: float | None  # over RECENT_WEEKS
    routine_best: int  # the routine's longest run of days, ever
    areas: tuple[AreaTrend, ...]  # the areas rated in the period, the most recently rated first
    habits: tuple[HabitProgress, ...]
    #: Whole weeks (from the week start) through the current one, future days included.
    year: dict[date, DaySummary]

    @property
    def days(self) -> int:
        return (self.today - self.first).days + 1

    def words(self, trend: AreaTrend) -> str:
        """An area's pain and the routine's adherence over the same weeks, side by side."""
        routine = f"routine adherence {percent_words(self.routine)}"
        if trend.change is None:
            return f"{trend.area}: 1 reading in {TREND_WEEKS} weeks, too few for a trend; {routine}"
        return f"{trend.change.words()}; {routine}"


def progress(
    journal: Journal, readings: Sequence[PainReading], today: date, streaks: Mapping[int, Streak], routine_best: int
) -> Progress:
    """The figures as of `today`. The longest streaks walk the whole history,
    so they come in counted already: each active habit's streak by habit id
    (`habit_streak`) and the routine's best run (`routine_streak`)."""
    first = today - timedelta(days=TREND_WEEKS * 7 - 1)
    weeks = tuple(first + timedelta(weeks=k) for k in range(TREND_WEEKS))
    trends = []
    for area in areas(readings):
        points = tuple(pain_series(readings, area, first, today))
        if any(p.pain is not None for p in points):
            trends.append(AreaTrend(area, points, pain_change(readings, area, first, today)))
    habits = tuple(
        HabitProgress(
            log,
            adherence(journal, log, today, RECENT_WEEKS * 7),
            adherence(journal, log, today, TREND_WEEKS * 7),
            streaks[log.habit.id],
        )
        for log in journal.active_on(today)
    )
    this_week = week_start_of(today, journal.week_start)
    year_first = this_week - timedelta(weeks=YEAR_WEEKS)
    return Progress(
        today,
        first,
        weeks,
        tuple(weekly_routine(journal, weeks, today)),
        routine_share(journal, first, today, today),
        routine_adherence(journal, today, RECENT_WEEKS * 7),
        routine_best,
        tuple(trends),
        habits,
        day_summaries(journal, year_first, this_week + timedelta(days=6), today),
    )
