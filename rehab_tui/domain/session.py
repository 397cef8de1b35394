"""The guided session's plan and clock (docs/architecture.md, "The guided session"): a prescription as a
list of steps, and a countdown over them read from a monotonic clock.

The countdown never counts ticks: where it stands is worked out from the time
that has run (now - started - paused), so however often or seldom the screen
redraws, the holds and rests last what they say.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .prescription import Prescription


class StepKind(StrEnum):
    HOLD = "hold"  # timed: the hold runs down
    REPS = "reps"  # counted by the person, who says when the step is done
    REST = "rest"  # timed: between sets


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Step:
    """One thing to do: a hold or the reps of one side of one set, or a rest.

    `seconds` is None for a step the person finishes (reps, or an exercise
    with no amount); a rest carries the number of the set it leads to.
    """

    kind: StepKind
    set_number: int
    sets: int
    side: Side | None = None
    seconds: int | None = None
    reps: int | None = None
    #: For reps held each time ("12 reps, hold 5 s each"): the person counts it.
    hold: int | None = None

    @property
    def timed(self) -> bool:
        return self.seconds is not None

    def words(self) -> str:
        """What to do now: "hold 60 s, left side", "12 reps, hold 5 s each", "rest 30 s"."""
        if self.kind is StepKind.REST:
            return f"rest {self.seconds} s"
        if self.kind is StepKind.HOLD:
            what = f"hold {self.seconds} s"
        elif self.reps:
            what = f"{self.reps} reps" + (f", hold {self.hold} s each" if self.hold else "")
        else:
            what = "as the cue says"
        return f"{what}, {self.side} side" if self.side else what

    def progress(self) -> str:
        """Where in the plan: "set 1 of 3 · left side", "rest, then set 2 of 3"."""
        of = f"set {self.set_number} of {self.sets}" if self.sets > 1 else ""
        if self.kind is StepKind.REST:
            return f"rest, then {of}"
        side = f"{self.side} side" if self.side else ""
        return " · ".join(part for part in (of, side) if part)

    def coming(self, after: Step | None) -> str:
        """This step named ahead, by what changes from `after`: "rest 30 s",
        "right side", "set 2 of 3, left side"."""
        if self.kind is StepKind.REST or after is None:
            return self.words()
        side = f"{self.side} side" if self.side else ""
        if after.kind is StepKind.REST or after.set_number != self.set_number:
            return ", ".join(part for part in (f"set {self.set_number} of {self.sets}", side) if part)
        if after.side != self.side and side:
            return side
        return self.words()


def plan(prescription: Prescription) -> tuple[Step, ...]:
    """The steps a prescription walks through: each set, each side in it (left
    first), a rest before every set but the first."""
    sets = prescription.sets or 1
    sides: tuple[Side | None, ...] = (Side.LEFT, Side.RIGHT) if prescription.sides else (None,)
    steps: list[Step] = []
    for number in range(1, sets + 1):
        if number > 1 and prescription.rest:
            steps.append(Step(StepKind.REST, number, sets, seconds=prescription.rest))
        for side in sides:
            if prescription.reps:
                steps.append(Step(StepKind.REPS, number, sets, side, reps=prescription.reps, hold=prescription.hold))
            elif prescription.hold:
                steps.append(Step(StepKind.HOLD, number, sets, side, seconds=prescription.hold))
            else:
                steps.append(Step(StepKind.REPS, number, sets, side))
    return tuple(steps)


def runs_shorter(prescription: Prescription) -> bool:
    """Whether the minimum dose is a plan of its own the session can run
    (fewer sets or a shorter hold), rather than the same steps or words alone
    (`m` then records it at once)."""
    own = prescription.min_sets or prescription.min_hold
    return bool(own) and plan(prescription.minimum()) != plan(prescription)


def minimum_dose_words(prescription: Prescription) -> str:
    """The minimum as said to the person: their words, else the plan it runs."""
    return prescription.minimum_words() or prescription.minimum().words()


def shown_seconds(remaining: float) -> int:
    """The whole second a countdown shows: 60 for the first second of a 60 s hold, 1 for its last."""
    return math.ceil(remaining)


class Countdown:
    """Where a run of steps stands at a moment of a monotonic clock.

    Timed steps follow one another by themselves; a counted step waits until
    `finish_step`. Not started, it stands at the first step with its whole time.
    """

    def __init__(self, steps: Sequence[Step]) -> None:
        self.steps = tuple(steps)
        self._base = 0  # the step the running stretch began at
        self._origin: float | None = None  # the moment that stretch began
        self._paused_at: float | None = None
        self._paused_total = 0.0

    @property
    def started(self) -> bool:
        return self._origin is not None

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def running(self) -> bool:
        return self.started and not self.paused

    def start(self, now: float) -> None:
        if not self.started:
            self._origin = now

    def pause(self, now: float) -> None:
        if self.running:
            self._paused_at = now

    def resume(self, now: float) -> None:
        if self._paused_at is not None:
            self._paused_total += now - self._paused_at
            self._paused_at = None

    def elapsed(self, now: float) -> float:
        """Seconds run since the stretch began, pauses left out."""
        if self._origin is None:
            return 0.0
        end = self._paused_at if self._paused_at is not None else now
        return end - self._origin - self._paused_total

    def position(self, now: float) -> tuple[int, float | None]:
        """(the step under way, its seconds left: None for a counted step).
        The index is len(steps) once every step is done."""
        left = self.elapsed(now)
        index = self._base
        while index < len(self.steps):
            seconds = self.steps[index].seconds
            if seconds is None:
                return index, None
            if left < seconds:
                return index, seconds - left
            left -= seconds
            index += 1
        return index, None

    def step_at(self, now: float) -> int:
        return self.position(now)[0]

    def remaining(self, now: float) -> float | None:
        return self.position(now)[1]

    def done(self, now: float) -> bool:
        return self.step_at(now) >= len(self.steps)

    def finish_step(self, now: float) -> None:
        """The person finished the step under way: the run goes on from the next, now."""
        self._base = self.step_at(now) + 1
        self._origin = now
        self._paused_at = None
        self._paused_total = 0.0
