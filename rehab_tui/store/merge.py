"""Import: a checked export (formats/export_reader.py) merged in through the gate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..domain.contents import Incoming, IncomingHabit, StartMoved, counted, start_to_move
from ..domain.errors import RehabError
from ..domain.weekdays import weekday_list

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ..domain.model import Habit, Pause
    from ..domain.prescription import Dose
    from ..domain.reminders import Timing
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
    reminders: int = 0
    settings: int = 0
    #: Habits here whose start moved back to the first day the file brought.
    starts_moved: tuple[StartMoved, ...] = ()

    def sentence(self) -> str:
        parts = [
            counted(self.habits_added, "new habit"),
            counted(self.habits_updated, "habit updated", "habits updated"),
            counted(self.checkins, "check-in"),
            counted(self.snoozes, "snooze"),
            counted(self.pauses, "pause"),
            counted(self.readings, "pain reading"),
            counted(self.reminders, "reminder"),
            counted(self.settings, "setting"),
        ]
        said = [p for p in parts if p]
        return "imported " + ", ".join(said) if said else "nothing new to import: this file already holds it all"


def import_data(store: Store, checked: Incoming, today: date) -> Imported:
    """Merge a checked export in through the store's gate, in one transaction:
    all of it or, on the first row that breaks a rule, none. Importing the same
    export twice changes nothing; a habit is replaced only by a copy that
    changed later than this file's."""
    counts = dict.fromkeys(Imported.__dataclass_fields__.keys() - {"starts_moved"}, 0)
    starts_moved: list[StartMoved] = []
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
            # Each write checks only what it touches (the names once, here), so
            # an import takes time in proportion to its rows.
            taken = store.taken()
            reminders: list[tuple[Timing, int | None]] = []
            # Check-ins and plain skips are gathered and written once for all
            # habits: a write's fixed cost, paid once a habit, was most of the
            # time of a 10,000-habit import, and the write lock is held meanwhile.
            checkins: list[tuple[Habit, Mapping[date, str | None], Dose | dict[date, Dose]]] = []
            skips: dict[int, dict[date, str]] = {}
            for incoming in checked.habits:
                habit, what = store.merge_habit(incoming.habit, taken)
                reminders += [(t, habit.id) for t in incoming.reminders]
                if what != "kept":
                    counts[f"habits_{what}"] += 1
                if moved := _start_to_move(habit, what, incoming):
                    # Through the same start move the app offers, in this transaction.
                    habit = store.edit_habit(habit.id, today, start=moved.after)
                    starts_moved.append(moved)
                checkins.append((habit, incoming.checkins, incoming.doses))
                # Skips brought from another tracker (exempt, no pain) in the
                # one write; a snooze of our own export, one by one.
                skips[habit.id] = {s["day"]: s["reason"] for s in incoming.snoozes if _plain_skip(s)}
                for s in incoming.snoozes:
                    if not _plain_skip(s):
                        counts["snoozes"] += _snoozed(store, s, today, habit.id)
                counts["pauses"] += _paused(store, habit.id, incoming.pauses)
            counts["checkins"] += store.record_histories(checkins, today)
            counts["snoozes"] += store.record_exempt_snoozes(skips, today)
            for s in checked.rest_days:
                counts["snoozes"] += _snoozed(store, s, today, None)
            wanted = [(t, None) for t in checked.reminders] + reminders
            counts["reminders"] = _reminded(store, wanted)
    except RehabError as exc:
        # Of the same kind, so a caller can still tell a full disk from a broken rule.
        exc.args = (f"nothing was imported: {exc}",)
        raise
    return Imported(**counts, starts_moved=tuple(starts_moved))


def starts_to_move(store: Store, checked: Incoming) -> list[StartMoved]:
    """The starts import_data would move back, only read (for a dry run)."""
    planned = ((*store.merge_plan(incoming.habit), incoming) for incoming in checked.habits)
    return [moved for habit, what, incoming in planned if (moved := _start_to_move(habit, what, incoming))]


def _start_to_move(habit: Habit, what: str, incoming: IncomingHabit) -> StartMoved | None:
    # A habit just added starts where its file says (its check-ins are checked against that).
    return None if what == "added" else start_to_move(habit, incoming)


def _reminded(store: Store, wanted: list[tuple[Timing, int | None]]) -> int:
    """Add the reminders (for the routine, or a habit's id) not held already
    (the same time, days and target for the same habit); how many were added."""
    if not wanted:
        return 0  # nothing to compare: the reminders held need not even be read
    held = {(r.timing, r.habit_id) for r in store.reminders()}
    added = 0
    for timing, habit_id in wanted:
        if (timing, habit_id) not in held:
            store.add_reminder(timing.at, weekday_list(timing.days), timing.target, habit_id)
            held.add((timing, habit_id))
            added += 1
    return added


def _paused(store: Store, habit_id: int, incoming: Sequence[Pause]) -> int:
    """Bring a habit's pauses in, merged with those they share days with
    (Store.bring_pause); how many changed what the habit holds."""
    if not incoming:
        return 0  # nothing to compare: the habit's pauses need not even be read
    changed = 0
    pauses = store.pauses_of(habit_id)
    for p in incoming:
        if any(q.start <= p.start and p.until <= q.until for q in pauses):
            continue  # already held: writing it again would only rewrite the row
        store.bring_pause(habit_id, p)
        now = store.pauses_of(habit_id)
        changed += now != pauses
        pauses = now
    return changed


def _plain_skip(s: dict) -> bool:
    return bool(s["exempt"]) and not s["area"] and s["pain"] is None


def _snoozed(store: Store, s: dict, today: date, habit_id: int | None) -> int:
    return int(
        store.record_snooze(s["day"], today, habit_id, s["reason"], s["area"], s["pain"], s["exempt"], history=True)
    )
