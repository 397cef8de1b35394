"""What a habit prescribes (sets, reps, holds, sides, rest) and the least of
it that still counts (docs/architecture.md, "Prescriptions and plans")."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Dose(StrEnum):
    """How much of a habit a check-in recorded."""

    FULL = "full"
    MIN = "min"

    @property
    def word(self) -> str:
        """How a message names the dose: "full", "minimum"."""
        return "minimum" if self is Dose.MIN else "full"


@dataclass(frozen=True)
class Prescription:
    """A physio's prescription for one exercise; every field optional.

    `min_text` says the minimum dose in the user's words ("one set", "60
    seconds"); a prescription with holds may give the minimum its own sets
    and hold, which the guided session then runs.
    """

    sets: int | None = None
    reps: int | None = None
    hold: int | None = None
    sides: bool = False
    rest: int | None = None
    min_text: str = ""
    min_sets: int | None = None
    min_hold: int | None = None

    @property
    def empty(self) -> bool:
        return self == Prescription()

    @property
    def has_minimum(self) -> bool:
        return bool(self.min_text or self.min_sets or self.min_hold)

    def words(self) -> str:
        """The dose as the checklist shows it: "3 × 12 each side · rest 30 s"."""
        return self._words(self.sets, self.hold)

    def minimum_words(self) -> str:
        """The minimum dose: the user's words, else its own sets and hold."""
        if self.min_text:
            return self.min_text
        if self.min_sets or self.min_hold:
            return self._words(self.min_sets or 1, self.min_hold or self.hold, rest=False)
        return ""

    def minimum(self) -> Prescription:
        """What the guided session runs for a minimum dose: one set (or the
        minimum's own sets) and the minimum's hold. A minimum given in words
        alone ("one slow pass each leg") is one untimed step: the words say
        how much, and the session waits for enter rather than run the full
        hold again."""
        if self.min_text and not (self.min_sets or self.min_hold):
            return Prescription()
        return Prescription(
            sets=self.min_sets or (1 if self.sets else None),
            reps=self.reps,
            hold=self.min_hold or self.hold,
            sides=self.sides,
            rest=self.rest,
        )

    def _words(self, sets: int | None, hold: int | None, rest: bool = True) -> str:
        amount = f"{self.reps}" if self.reps else (f"{hold} s hold" if hold else "")
        if sets and amount:
            core = f"{sets} × {amount}"
        elif sets:
            core = f"{sets} set{'s' if sets != 1 else ''}"
        elif self.reps:
            core = f"{self.reps} reps"
        else:
            core = f"hold {hold} s" if hold else ""
        if self.sides:
            core = f"{core} each side" if core else "each side"
        parts = [core] if core else []
        if self.reps and hold:
            parts.append(f"hold {hold} s")
        if rest and self.rest and (sets or 0) > 1:
            parts.append(f"rest {self.rest} s")
        return " · ".join(parts)
