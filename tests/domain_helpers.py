"""Building domain objects by hand for the domain tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rehab_tui.domain.model import Habit, HabitLog, Pause
from rehab_tui.domain.schedules import parse_schedule


def make_log(
    schedule: str = "daily",
    *,
    start: date,
    archived: date | None = None,
    done: Iterable[date] = (),
    snoozed: Iterable[date] = (),
    pauses: Iterable[tuple[date, date]] = (),
    habit_id: int = 1,
    name: str | None = None,
    minutes: int | None = None,
) -> HabitLog:
    name = name or f"Habit {habit_id}"
    habit = Habit(
        id=habit_id,
        name=name,
        slug=name.lower().replace(" ", "-"),
        cue="",
        minutes=minutes,
        schedule=parse_schedule(schedule, start),
        start=start,
        archived=archived,
    )
    return HabitLog(
        habit,
        done=frozenset(done),
        snoozed=frozenset(snoozed),
        pauses=tuple(Pause(a, b) for a, b in pauses),
    )
