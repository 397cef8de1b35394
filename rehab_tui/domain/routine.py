"""The routine a new database starts with: the habits the users named, with
plausible plans and prescriptions (only a new file needs them)."""

from __future__ import annotations

from dataclasses import dataclass

from .prescription import Prescription


@dataclass(frozen=True)
class Starter:
    """A habit of the default routine, with a plausible plan and prescription."""

    name: str
    schedule: str
    minutes: int
    cue: str
    when: str = ""
    prescription: Prescription = Prescription()


DEFAULT_ROUTINE: tuple[Starter, ...] = (
    Starter(
        "Stick rolling",
        "daily",
        5,
        "Roll quads, IT band and calves slowly; pause on tender spots for 20 s.",
        "after every run, or before bed",
        Prescription(hold=60, sides=True, min_text="one slow pass each leg"),
    ),
    Starter(
        "Lacrosse ball glute release",
        "daily",
        4,
        "Sit on the ball at the glute attachment point; 90 s each side.",
        "after my morning coffee",
        Prescription(hold=90, sides=True, min_hold=30),
    ),
    Starter(
        "Plank hip dips",
        "daily",
        3,
        "Side plank, dip the hip to the floor and back: 3 x 12 each side.",
        "before my shower",
        Prescription(sets=3, reps=12, sides=True, rest=30, min_sets=1),
    ),
    Starter(
        "Acupuncture",
        "tue,fri",
        45,
        "Keep the appointment; walk, don't run, afterwards.",
        "Tue and Fri at 8 am, at the clinic",
    ),
    Starter(
        "Glute and hip strength",
        "1/week",
        20,
        "Clamshells, bridges and monster walks with a band: 3 rounds.",
        "after the weekend long run",
        Prescription(sets=3, reps=15, rest=45, min_text="one round"),
    ),
)
