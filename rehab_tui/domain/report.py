"""What the report for the physio holds (docs/formats.md, "The report"): adherence by week and
habit, pain by area, rest taken, prescriptions and notes over a period.

The period is `weeks` whole weeks of seven days, the last ending today: every
week is complete, so weeks compare fairly, and they run from the weekday after
today's. It never starts before the week that holds the routine's first day:
weeks before it would read as weeks missed. Today counts only for what is already done (a habit still open today
is left out, as everywhere else). Figures are put side by side; nothing here
says what caused what.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .body import PainChange, PainPoint, PainReading, areas, pain_change, pain_series, weekly_pain
from .model import Habit, HabitLog, Journal, Snooze
from .rules import WEEKS_BACK
from .streaks import habit_share, routine_share, weekly_routine

_DAY = timedelta(days=1)
_WEEK = timedelta(days=7)


def percent(value: float | None) -> str:
    """An adherence as the report states it: "84 %", or "—" with nothing due."""
    return "—" if value is None else f"{value:.0f} %"


@dataclass(frozen=True)
class Week:
    first: date
    last: date
    #: The share of the routine's due days done (a minimum dose counts as done).
    routine: float | None
    #: Check-ins at the minimum dose that week, all habits together.
    minimum: int


@dataclass(frozen=True)
class HabitAdherence:
    habit: str
    weekly: tuple[float | None, ...]
    overall: float | None
    #: Check-ins in the period, every dose, and how many of them at the minimum.
    done: int
    minimum: int


@dataclass(frozen=True)
class AreaPain:
    area: str
    #: Every day of the period: its reading (or None) and the 7-day mean.
    daily: tuple[PainPoint, ...]
    #: The mean reading of each week; None for a week without one.
    weekly: tuple[float | None, ...]
    #: The first week with readings against the last; None with fewer than two.
    change: PainChange | None


class RestKind(StrEnum):
    SNOOZE = "snooze"
    PAUSE = "pause"


@dataclass(frozen=True)
class Rest:
    """A snooze (one day) or a pause (from `first` to `last`) and why."""

    kind: RestKind
    first: date
    last: date
    #: None: the whole routine (a rest day).
    habit: str | None
    reason: str
    area: str | None = None
    pain: int | None = None


@dataclass(frozen=True)
class Prescribed:
    habit: str
    #: The schedule in force on the period's first day, in words.
    schedule: str
    when: str
    dose: str
    minimum: str
    #: Each later schedule, in words, with the day it took effect (in the
    #: period, or planned after it), oldest first.
    changes: tuple[tuple[date, str], ...] = ()


@dataclass(frozen=True)
class Note:
    day: date
    #: The habit checked in with it, or the body area of a pain reading.
    about: str
    text: str


@dataclass(frozen=True)
class Report:
    first: date
    last: date
    weeks: tuple[Week, ...]
    routine: float | None
    habits: tuple[HabitAdherence, ...]
    pain: tuple[AreaPain, ...]
    rests: tuple[Rest, ...]
    prescriptions: tuple[Prescribed, ...]
    notes: tuple[Note, ...]
    #: The day the routine began, when the weeks asked for reach further back:
    #: the report then starts with the week holding that day.
    began: date | None = None

    @property
    def minimum(self) -> int:
        """Check-ins at the minimum dose in the whole period."""
        return sum(week.minimum for week in self.weeks)

    def side_by_side(self) -> list[str]:
        """The headline figures, each area's pain beside the routine's adherence,
        stated together and never as cause and effect."""
        count = len(self.weeks)
        lines = [
            f"routine adherence over {count} week{'s' if count != 1 else ''}: {percent(self.routine)}, "
            f"with {self.minimum} check-in{'s' if self.minimum != 1 else ''} at the minimum dose "
            f"(counted as done)"
        ]
        lines += [
            f"{area.change.words()}; routine adherence {percent(self.routine)}" for area in self.pain if area.change
        ]
        return lines


def build_report(
    journal: Journal,
    readings: Sequence[PainReading],
    snoozes: Sequence[Snooze],
    notes: Mapping[int, Mapping[date, str]],
    today: date,
    weeks: int,
) -> Report:
    """The report of the `weeks` whole weeks ending today. `notes` holds each
    habit's check-in notes by habit id (HabitLog.notes)."""
    WEEKS_BACK.check(weeks)
    # Never a week before the routine existed: it would read as weeks missed.
    began = min((log.habit.start for log in journal.logs), default=today)
    kept = min(weeks, max(1, ((today - began).days + 7) // 7))
    first = today - kept * _WEEK + _DAY
    starts = [first + i * _WEEK for i in range(kept)]
    week_list = tuple(
        Week(start, start + 6 * _DAY, share, sum(_count(log.minimum, start, start + 6 * _DAY) for log in journal.logs))
        for start, share in zip(starts, weekly_routine(journal, starts, today), strict=True)
    )
    in_period = [
        log
        for log in journal.logs
        if log.habit.start <= today and not (log.habit.archived and log.habit.archived < first)
    ]
    names = {log.habit.id: log.habit.name for log in journal.logs}
    return Report(
        first=first,
        last=today,
        weeks=week_list,
        routine=routine_share(journal, first, today, today),
        habits=tuple(_habit(journal, log, week_list, today) for log in in_period),
        pain=_pain(readings, starts, first, today),
        rests=_rests(journal, snoozes, names, first, today),
        prescriptions=tuple(_prescribed(log.habit, first) for log in journal.active_on(today)),
        notes=_notes(notes, names, readings, first, today),
        began=began if kept < weeks else None,
    )


def _prescribed(habit: Habit, first: date) -> Prescribed:
    return Prescribed(
        habit.name,
        habit.schedule_on(first).explain(),
        habit.when,
        habit.prescription.words(),
        habit.prescription.minimum_words(),
        tuple((v.since, v.schedule.explain()) for v in habit.schedule_history if v.since > first),
    )


def _count(days: frozenset[date], first: date, last: date) -> int:
    return sum(1 for day in days if first <= day <= last)


def _habit(journal: Journal, log: HabitLog, weeks: Sequence[Week], today: date) -> HabitAdherence:
    first = weeks[0].first
    return HabitAdherence(
        habit=log.habit.name,
        weekly=tuple(habit_share(journal, log, week.first, week.last, today) for week in weeks),
        overall=habit_share(journal, log, first, today, today),
        done=_count(log.done, first, today),
        minimum=_count(log.minimum, first, today),
    )


def _pain(readings: Sequence[PainReading], starts: Sequence[date], first: date, last: date) -> tuple[AreaPain, ...]:
    rated = [r for r in readings if first <= r.day <= last and r.pain is not None]
    return tuple(
        AreaPain(
            area,
            tuple(pain_series(readings, area, first, last)),
            tuple(weekly_pain(readings, area, starts)),
            pain_change(readings, area, first, last),
        )
        for area in areas(rated)
    )


def _rests(
    journal: Journal, snoozes: Sequence[Snooze], names: Mapping[int, str], first: date, last: date
) -> tuple[Rest, ...]:
    rests = [
        Rest(RestKind.SNOOZE, s.day, s.day, None if s.habit_id is None else names[s.habit_id], s.reason, s.area, s.pain)
        for s in snoozes
        if first <= s.day <= last
    ]
    rests += [
        Rest(RestKind.PAUSE, p.start, p.until, log.habit.name, p.reason)
        for log in journal.logs
        for p in log.pauses
        if p.start <= last and p.until >= first
    ]
    return tuple(sorted(rests, key=lambda r: (r.first, r.kind is RestKind.PAUSE)))


def _notes(
    notes: Mapping[int, Mapping[date, str]],
    names: Mapping[int, str],
    readings: Sequence[PainReading],
    first: date,
    last: date,
) -> tuple[Note, ...]:
    found = [
        Note(day, names[habit_id], text)
        for habit_id, by_day in notes.items()
        for day, text in by_day.items()
        if first <= day <= last and text
    ]
    found += [Note(r.day, r.area, r.note) for r in readings if first <= r.day <= last and r.note]
    return tuple(sorted(found, key=lambda n: (n.day, n.about.casefold())))
