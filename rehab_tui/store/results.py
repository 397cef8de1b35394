"""What the store's writes (the gate) return: the new state of what they wrote.

Only commands and screens that write use these; the store imports this module
inside its write methods, so reading commands (`rehab today`, the nag) do not
build the classes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain.model import HabitLog, Pause
from ..domain.prescription import Dose


def counted(counts: dict[str, int]) -> str:
    """{"checkins": 12, "snoozes": 1, "pauses": 0} as "12 check-ins, 1 snooze, 0 pauses"."""
    words = {"checkins": "check-in", "snoozes": "snooze", "pauses": "pause"}
    return ", ".join(f"{n} {words[t]}{'' if n == 1 else 's'}" for t, n in counts.items())


@dataclass(frozen=True)
class Ticks:
    """What a check-in or undo left: the habits' new records, which were added
    (or taken back), and each habit's dose that day before (None: not done),
    from which commands and screens say what changed."""

    logs: tuple[HabitLog, ...]
    changed: tuple[int, ...]
    before: Mapping[int, Dose | None] = field(default_factory=dict)
    #: For an undo: the note each check-in taken back carried ('' for none).
    notes: Mapping[int, str] = field(default_factory=dict)

    def dose_change(self, habit_id: int, dose: Dose) -> str | None:
        """ "minimum → full" when a check-in turned a day done at one dose into
        the other; None when the habit was new that day or kept its dose."""
        was = self.before.get(habit_id)
        return f"{was.word} → {dose.word}" if was is not None and was is not dose else None


@dataclass(frozen=True)
class Rested:
    """What a snooze or unsnooze left: the habit's record (for a habit
    snooze), and the day-level rest days."""

    changed: bool
    log: HabitLog | None
    rest_days: frozenset[date]


@dataclass(frozen=True)
class Paused:
    """The pause as it now stands (made, changed, merged, or as it was before it
    was ended or cancelled), the habit's record, and, for a pause changed, how
    it was before."""

    pause: Pause
    log: HabitLog
    before: Pause | None = None


@dataclass(frozen=True)
class Deleted:
    """A habit that was deleted: its name and slug, the history that went with
    it (rows per table), and where the database as it was is kept, if it is."""

    name: str
    slug: str
    history: dict[str, int]
    kept: Path | None
    #: How many of its reminders went with it.
    reminders: int = 0

    def sentence(self) -> str:
        what = f"with {counted(self.history)}" if any(self.history.values()) else "(it had no history)"
        if self.reminders:
            what += "; its reminder too" if self.reminders == 1 else f"; its {self.reminders} reminders too"
        tail = f"; the database as it was is kept in {self.kept}" if self.kept else ""
        return f"{self.name} ({self.slug}) deleted {what}{tail}"
