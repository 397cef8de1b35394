"""Commands that record or take back check-ins: done, undo."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import TypeVar, cast

import click

from ..domain.errors import RehabError
from ..domain.model import HabitLog
from ..domain.prescription import Dose
from ..domain.streaks import current_streak
from . import render
from .output import say
from .session import Session, pass_session

F = TypeVar("F", bound=Callable[..., None])


def _all_or_nothing(unchanged: str) -> Callable[[F], F]:
    """A refusal of a command naming several habits says that none of them
    changed (the store writes them in one transaction), so that `done plank
    nonsense` is not read as "plank done, nonsense not"."""

    def wrap(command: F) -> F:
        @functools.wraps(command)
        def run(*args: object, **kwargs: object) -> None:
            try:
                command(*args, **kwargs)
            except RehabError as exc:
                named = kwargs.get("habits")
                if isinstance(named, tuple) and len(named) > 1:
                    # Said in place, so the error keeps its kind (and a BeforeStart its day).
                    exc.args = (f"{exc}; {unchanged}",)
                raise

        return cast(F, run)

    return wrap


def _habits(s: Session, names: tuple[str, ...]) -> list:
    found = []
    for name in names:
        habit = s.habit(name)
        if habit not in found:
            found.append(habit)
    return found


@click.command()
@click.argument("habits", nargs=-1, required=True, metavar="HABIT...")
@click.option("--date", "when", metavar="DATE", help="The day it was done (default today).")
@click.option("--min", "minimum", is_flag=True, help="Done at the minimum dose: it counts as done, and shows apart.")
@click.option(
    "--note",
    "written",
    metavar="TEXT",
    help="A note with the check-in: 'knee felt hot' (on a day already done it replaces the note).",
)
@pass_session
@_all_or_nothing("nothing was recorded")
def done(s: Session, habits: tuple[str, ...], when: str | None, minimum: bool, written: str | None) -> None:
    """Check habits in (by name, slug or prefix)."""
    found = _habits(s, habits)
    day = s.day(when)
    dose = Dose.MIN if minimum else Dose.FULL
    ticks = s.store.check_in([h.id for h in found], day, s.today, note=written, dose=dose)
    journal = s.store.journal()
    for log in ticks.logs:
        habit = log.habit
        streak = current_streak(journal, journal.log(habit.id), s.today)
        tail = (
            f" on {render.day_text(day)} · streak {habit.streak_unit(s.today).amount(streak)}{_paused_note(log, day)}"
        )
        change = ticks.dose_change(habit.id, dose)
        if change:
            say(f"✔ {habit.name}: {change}{tail}")
            continue
        least = habit.prescription.minimum_words() if minimum else ""
        at = " at the minimum dose" + (f" ({least})" if least else "") if minimum else ""
        if habit.id in ticks.changed:
            say(f"✔ {habit.name} done{at}{tail}")
        else:
            say(f"✔ {habit.name} was already done{at or ' (full)'}{tail}")

    if written is not None:
        for log in ticks.logs:
            kept = log.notes.get(day)
            say(f"✎ note saved with {log.habit.name}: {kept}" if kept else f"✎ {log.habit.name} has no note that day")


def _paused_note(log: HabitLog, day: date) -> str:
    """A tick on a paused day counts; the note says the habit was resting then."""
    pause = log.pause_on(day)
    if pause is None:
        return ""
    why = f" ({pause.reason})" if pause.reason else ""
    return f"; note: {log.habit.name} is paused through {render.day_text(pause.until)}{why}"


@click.command()
@click.argument("habits", nargs=-1, required=True, metavar="HABIT...")
@click.option("--date", "when", metavar="DATE", help="The day to take back (default today).")
@pass_session
@_all_or_nothing("nothing was taken back")
def undo(s: Session, habits: tuple[str, ...], when: str | None) -> None:
    """Take check-ins back."""
    found = _habits(s, habits)
    day = s.day(when)
    taken = s.store.undo([h.id for h in found], day)
    for habit in found:
        if habit.id in taken.changed:
            note = taken.notes.get(habit.id)
            went = f" (its note '{note}' went with it)" if note else ""
            say(f"↺ {habit.name} is no longer done on {render.day_text(day)}{went}")
        else:
            say(f"{habit.name} was not done on {render.day_text(day)}; nothing to take back")
