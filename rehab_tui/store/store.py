"""The rehab database: opening it safely, reading it whole, writing one action at a time.

`Store` is composed of rooms, one job each, every one in its own module; what
they share (the connection and the one write path) is the gate (gate.py). A
room that uses another derives from it: Reads from SettingsRoom and Body;
NagTable, Pauses and HabitWrites from Reads; DayWrites from Pauses;
HabitWrites and Opening from Backup (a copy before a delete or a migration);
Synced (this machine's side of a sync) from Pauses.
A driver or OS error never leaves a public method untyped (failures.py).
"""

from __future__ import annotations

from pathlib import Path

from .day_writes import DayWrites
from .failures import translate_public_methods
from .habit_writes import HabitWrites
from .nag_table import NagTable
from .notices import Notices
from .opening import Opening
from .reminders import Reminders
from .synced import Synced


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("rehab-tui", appauthor=False) / "rehab.db"


@translate_public_methods
class Store(Opening, HabitWrites, Synced, DayWrites, NagTable, Reminders, Notices):
    """The one owner of a rehab SQLite file. Every public write is one transaction."""
