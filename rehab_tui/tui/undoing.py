"""The app's undo: `ctrl+z` takes back the last action recorded in this
session, and `u` the highlighted habit's last tick (Ticking).

A part of RehabApp (it inherits this class). Each action that wrote keeps its
inverse here, in memory for the session: a store call that puts back what was
there before (the dose included), which goes through the gate like any other
write (docs/architecture.md, "The TUI").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .app_base import AppBase

#: How many actions ctrl+z can reach back (a session's worth, and then some).
UNDO_DEPTH = 100


@dataclass(frozen=True)
class Inverse:
    """How to take one action back: `restore` writes what was there before."""

    #: What ctrl+z says it took back: "the tick of Plank hip dips on Mon 16 Nov".
    words: str
    #: The day and habit it touched (None: the whole day), for `u` on a row.
    day: date
    habit_id: int | None
    restore: Callable[[], Any]
    #: The action was a tick (a new check-in or a dose changed): `u` on its row takes it back.
    tick: bool = False


class Undoing(AppBase):
    #: The inverses of the actions recorded in this session, the last one last (RehabApp.__init__).
    undoable: list[Inverse]

    def remember(self, inverse: Inverse) -> None:
        """Keep how to take back an action that was just written."""
        self.undoable.append(inverse)
        del self.undoable[:-UNDO_DEPTH]

    def last_tick(self, habit_id: int, day: date) -> Inverse | None:
        """The latest action on this habit and day, when it was a tick; taken off the list."""
        for n in range(len(self.undoable) - 1, -1, -1):
            inverse = self.undoable[n]
            if inverse.habit_id == habit_id and inverse.day == day:
                return self.undoable.pop(n) if inverse.tick else None
        return None

    def action_undo_last(self) -> None:
        """`ctrl+z`: take back the last action recorded in this session."""
        if not self.undoable:
            self.notify("Nothing to undo: no change was made in this session.", severity="warning")
            return
        self.take_back(self.undoable.pop())

    def take_back(self, inverse: Inverse) -> None:
        """Write the inverse through the gate, then show the file as it now is."""
        if self.attempt(inverse.restore) is not None:
            self.notify(f"Undone: {inverse.words}.")
        self.reload()
