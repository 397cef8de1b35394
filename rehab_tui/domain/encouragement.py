"""Falling off, kindly (docs/architecture.md, "Never miss twice"): what to say to a habit that was missed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Habit
from .schedules import StreakUnit
from .streaks import Streak

_COUNTS = {2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six", 7: "Seven", 8: "Eight", 9: "Nine"}


def least(habit: Habit) -> str:
    """The least that still counts: the habit's minimum dose, else a fifth of
    its minutes (at least one), or "a few minutes"."""
    if habit.prescription.has_minimum:
        return habit.prescription.minimum_words()
    if habit.minutes:
        amount = max(1, habit.minutes // 5)
        return f"{amount} minute{'s' if amount != 1 else ''}"
    return "a few minutes"


def smallest_step(habit: Habit) -> str:
    return f"{least(habit)} counts"


def encouragement(habit: Habit, streak: Streak) -> str | None:
    """After one miss, ask for the next check-in; after two or more in a row, a
    fresh start naming the habit and its smallest step. It stays until the next
    check-in (which makes the misses 0). The name is never cut."""
    misses = streak.missed_in_a_row
    if misses == 0:
        return None
    if misses == 1:
        return f"{habit.name}: missed once — never miss twice."
    count = _COUNTS.get(misses, str(misses))
    what = "weeks missed" if streak.unit is StreakUnit.WEEKS else "misses"
    return f"{count} {what} on {habit.name}. Start again small today: {smallest_step(habit)}."


@dataclass(frozen=True)
class Nudge:
    """One line for the habits that fell off the same way."""

    text: str
    missed_once: bool  # never miss twice; else a fresh start after two or more misses


def nudges(fallen: Iterable[tuple[Habit, Streak]]) -> list[Nudge]:
    """What the streaks (panel and command) say, each thing once: one line for
    every habit missed once, one for every fresh start. A habit alone gets its
    own sentence (`encouragement`); several are named in one line, so a bad day
    fills one line, not a screen, with the same words."""
    pairs = [(habit, streak) for habit, streak in fallen if streak.missed_in_a_row]
    once = [(h, s) for h, s in pairs if s.missed_in_a_row == 1]
    again = [(h, s) for h, s in pairs if s.missed_in_a_row > 1]
    said = []
    if len(once) == 1:
        said.append(Nudge(str(encouragement(*once[0])), True))
    elif once:
        said.append(Nudge(f"{len(once)} missed once, never miss twice: {', '.join(h.name for h, _ in once)}", True))
    if len(again) == 1:
        said.append(Nudge(str(encouragement(*again[0])), False))
    elif again:
        steps = "; ".join(f"{h.name}, {least(h)}" for h, _ in again)
        said.append(Nudge(f"{len(again)} fresh starts, the smallest step counts: {steps}.", False))
    return said
