"""What travels in and out of a rehab file as a whole: everything an export
writes, and an export read back and checked, before it is merged in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .body import PainReading
from .model import Habit, Journal, Pause, Snooze
from .prescription import Dose
from .reminders import Reminder, Timing


@dataclass(frozen=True)
class Contents:
    """Everything a file holds that an export carries."""

    journal: Journal
    #: Every snooze, rest days included, oldest first.
    snoozes: tuple[Snooze, ...]
    #: Each habit's check-in notes, by habit id.
    notes: dict[int, dict[date, str]]
    #: The settings someone set (the defaults are not exported).
    settings: dict[str, str]
    readings: tuple[PainReading, ...]
    #: Every reminder, the routine's and each habit's.
    reminders: tuple[Reminder, ...]


@dataclass(frozen=True)
class IncomingHabit:
    """A habit of an export and its history, checked against the gate's rules."""

    habit: Habit
    checkins: dict[date, str | None]
    snoozes: list[dict]
    pauses: list[Pause]
    doses: dict[date, Dose]
    #: Its reminders (for this habit alone).
    reminders: list[Timing]

    @property
    def first_day(self) -> date | None:
        """The first day it brings history for (a check-in or a snooze), if any."""
        days = [*self.checkins, *(s["day"] for s in self.snoozes)]
        return min(days) if days else None


@dataclass(frozen=True)
class StartMoved:
    """A habit here whose start an import moved back to the first day it brought."""

    name: str
    before: date
    after: date

    def sentence(self) -> str:
        return f"{self.name}: start moved back from {self.before.isoformat()} to {self.after.isoformat()}"


def start_to_move(habit: Habit, incoming: IncomingHabit) -> StartMoved | None:
    """Moving in is when the old history is older: a habit here whose incoming
    history starts before its start gets its start moved back to that day."""
    first = incoming.first_day
    if first is None or first >= habit.start:
        return None
    return StartMoved(habit.name, habit.start, first)


@dataclass(frozen=True)
class Incoming:
    """An export read back and checked, ready to merge."""

    settings: dict[str, str]
    habits: list[IncomingHabit]
    rest_days: list[dict]
    readings: list[PainReading]
    #: The routine's reminders (a habit's own travel with the habit).
    reminders: list[Timing]

    def summary(self) -> str:
        """What the file holds, in a sentence (before it is merged)."""
        checkins = sum(len(h.checkins) for h in self.habits)
        snoozes = sum(len(h.snoozes) for h in self.habits) + len(self.rest_days)
        reminders = sum(len(h.reminders) for h in self.habits) + len(self.reminders)
        names = ", ".join(h.habit.name for h in self.habits)
        return (
            f"{counted(len(self.habits), 'habit') or 'no habits'} ({names}), "
            f"{counted(checkins, 'check-in') or 'no check-ins'}, {counted(snoozes, 'snooze') or 'no snoozes'}"
            + (f", {counted(reminders, 'reminder')}" if reminders else "")
        )


def counted(n: int, one: str, many: str | None = None) -> str:
    """'3 check-ins', '1 habit updated'; '' for none."""
    if not n:
        return ""
    return f"{n} {one if n == 1 else (many or one + 's')}"
