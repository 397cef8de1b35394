"""A day's checklist: what each habit's state is and how the day adds up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .dates import week_start_of
from .model import HabitLog, Journal
from .prescription import Dose
from .schedules import Schedule, StreakUnit
from .states import COUNTED, DayState, QuotaWeek, day_state, quota_week
from .streaks import current_streak, last_run, reach_back


@dataclass(frozen=True)
class Item:
    """One habit on a day's checklist: its state, and its streak as of that day."""

    log: HabitLog
    state: DayState
    streak: int

    day: date
    #: How the day's quota week stands, for a habit under a quota that day
    #: ("1 of 2 this week", "met", "week missed (1 of 2)").
    week: QuotaWeek | None = None
    #: While the streak is 0: the run that the latest misses ended ("last
    #: streak 2 days" rather than "no streak yet").
    last_run: int = 0

    @property
    def unit(self) -> StreakUnit:
        return self.log.habit.streak_unit(self.day)

    @property
    def schedule(self) -> Schedule:
        """The schedule in force on the item's day."""
        return self.log.habit.schedule_on(self.day)

    def plan_words(self, with_minimum: bool = False) -> str:
        """The habit's plan, dated on a day before its latest schedule (`Habit.plan_on`)."""
        return self.log.habit.plan_on(self.day, self.log.habit.plan_words(with_minimum))

    @property
    def dose(self) -> Dose | None:
        return self.log.dose_on(self.day)

    @property
    def note(self) -> str:
        """The note written with the day's check-in ('' for none)."""
        return self.log.notes.get(self.day, "")

    def off_words(self, today: date) -> str:
        """Why a habit is off on its day: before its start, its week's quota
        met, or not due ("not today" only for today)."""
        if self.day < self.log.habit.start:
            return f"starts {self.log.habit.start:%a %d %b %Y}"
        if self.schedule.is_quota and self.week is not None and self.week.met:
            return "this week's quota is met"
        return "not today" if self.day == today else "not due"

    def streak_words(self) -> str:
        """`streak 3 days`; just fallen off, the run that ended says more than 0."""
        if not self.streak and self.last_run:
            return f"last streak {self.unit.amount(self.last_run)}"
        return f"streak {self.unit.amount(self.streak)}"

    def week_words(self, today: date) -> str | None:
        """How a quota day's week stands, in words: only a met week reads
        "met", a missed one "week missed (1 of 2)". None when not under a quota
        (or resting: the rest says more)."""
        week = self.week
        if week is None or self.day < self.log.habit.start or self.state in (DayState.SNOOZED, DayState.PAUSED):
            return None
        tally = f"{week.done} of {week.needed}"
        if self.state is DayState.DONE:
            return f"{self.streak_words()} · " + ("week met" if week.met else f"{tally} this week")
        if week.met:
            return "off (week's quota met)"
        if self.state is DayState.MISSED:
            return f"week missed ({tally})"
        if self.day >= today:
            return f"{tally} this week" + (" · due today" if self.state is DayState.PENDING else "")
        return f"off ({tally} that week)"


@dataclass(frozen=True)
class Checklist:
    """A day's items, one per habit not archived, in list order."""

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
    def due(self) -> int:
        """Items due that day: done, still to do, missed, or (ahead) upcoming."""
        return self.total + sum(1 for i in self.items if i.state is DayState.UPCOMING)

    def summary(self, today: date) -> str:
        """The day in a few words, as the checklist's header says it. A day
        ahead counts what will be due ("3 due"), never "0 of 0 done"."""
        if self.rest_day:
            return "rest day (snoozed)"
        if self.items and all(self.day < item.log.habit.start for item in self.items):
            return "before your routine began"
        if self.day > today:
            return f"{self.due} due · tick them on the day" if self.due else "nothing due"
        if not self.total:
            return "nothing due"
        if self.done >= self.total:
            return f"all {self.total} done" + (" today ✔" if self.day == today else " ✔")
        return f"{self.done} of {self.total} done"

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
                    "dose": i.dose,
                    "note": i.note or None,
                    "unit": i.unit,
                    "schedule": i.schedule.describe(),
                    **(
                        {"week": {"done": i.week.done, "needed": i.week.needed, "met": i.week.met}}
                        if i.week is not None
                        else {}
                    ),
                }
                for i in self.items
            ],
            "done": self.done,
            "total": self.total,
            "due": self.due,
        }


def checklist(journal: Journal, day: date, today: date, with_streaks: bool = True) -> Checklist:
    """One item per habit not archived on `day`; streaks are as of `day`."""
    return Checklist(
        day,
        day in journal.rest_days,
        tuple(_item(journal, log, day, today, with_streaks) for log in journal.active_on(day)),
    )


def _item(journal: Journal, log: HabitLog, day: date, today: date, with_streaks: bool) -> Item:
    streak = current_streak(journal, log, today, as_of=day) if with_streaks else 0
    previous = last_run(journal, log, today, as_of=day)[0] if with_streaks and not streak else 0
    week = (
        quota_week(journal, log, week_start_of(day, journal.week_start))
        if log.habit.schedule_on(day).is_quota
        else None
    )
    return Item(log, day_state(journal, log, day, today), streak, day, week, previous)


#: How far back a checklist reads first: years of history would slow every
#: `rehab today`, `nag` and app start. Four months holds the streaks (and the
#: runs before a miss) people have; one that reaches further back makes the
#: reader take the whole record, which gives the same answer a little later.
RECENT_PAST = timedelta(days=120)


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
        (reach_back(journal, log, today, as_of=day) or log.habit.start) >= since for log in journal.active_on(day)
    )
