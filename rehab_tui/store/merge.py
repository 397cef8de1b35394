"""Import: a checked export (formats/export_reader.py) merged in through the gate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..domain.contents import Incoming, counted
from ..domain.errors import RehabError

if TYPE_CHECKING:
    from .store import Store


@dataclass(frozen=True)
class Imported:
    """What an import added or changed, counted."""

    habits_added: int = 0
    habits_updated: int = 0
    checkins: int = 0
    snoozes: int = 0
    pauses: int = 0
    readings: int = 0
    settings: int = 0

    def sentence(self) -> str:
        parts = [
            counted(self.habits_added, "new habit"),
            counted(self.habits_updated, "habit updated", "habits updated"),
            counted(self.checkins, "check-in"),
            counted(self.snoozes, "snooze"),
            counted(self.pauses, "pause"),
            counted(self.readings, "pain reading"),
            counted(self.settings, "setting"),
        ]
        said = [p for p in parts if p]
        return "imported " + ", ".join(said) if said else "nothing new to import: this file already holds it all"


def import_data(store: Store, checked: Incoming, today: date) -> Imported:
    """Merge a checked export in through the store's gate, in one transaction:
    all of it or, on the first row that breaks a rule, none. Importing the same
    export twice changes nothing; a habit is replaced only by a copy that
    changed later than this file's."""
    counts = dict.fromkeys(Imported.__dataclass_fields__, 0)
    try:
        with store.transaction():
            stored = store.stored_settings()
            for key, value in checked.settings.items():
                if key not in stored:
                    store.set_setting(key, value)
                    counts["settings"] += 1
            # A day and area held here keep their reading: an import never goes
            # back in time. (Before the snoozes, which link to the readings.)
            held = {(r.day, r.key) for r in store.readings()}
            for r in checked.readings:
                if (r.day, r.key) not in held:
                    store.record_pain(r.day, r.area, r.pain, today, r.note)
                    held.add((r.day, r.key))
                    counts["readings"] += 1
            for incoming in checked.habits:
                habit, what = store.merge_habit(incoming.habit)
                if what != "kept":
                    counts[f"habits_{what}"] += 1
                counts["checkins"] += store.record_checkins(habit.id, incoming.checkins, today, incoming.doses)
                for s in incoming.snoozes:
                    counts["snoozes"] += _snoozed(store, s, today, habit.id)
                pauses = store.log(habit.id).pauses
                for p in incoming.pauses:
                    if any(q.start <= p.start and p.until <= q.until for q in pauses):
                        continue  # already held: writing it again would only rewrite the row
                    # Merged with the pauses it shares days with (Store.bring_pause).
                    now = store.bring_pause(habit.id, p).log.pauses
                    counts["pauses"] += now != pauses
                    pauses = now
            for s in checked.rest_days:
                counts["snoozes"] += _snoozed(store, s, today, None)
    except RehabError as exc:
        # Of the same kind, so a caller can still tell a full disk from a broken rule.
        exc.args = (f"nothing was imported: {exc}",)
        raise
    return Imported(**counts)


def _snoozed(store: Store, s: dict, today: date, habit_id: int | None) -> int:
    return int(
        store.snooze(s["day"], today, habit_id, s["reason"], s["area"], s["pain"], s["exempt"], history=True).changed
    )
