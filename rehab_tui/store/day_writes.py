"""Writing a day's records through the gate: check-ins and snoozes, and a
whole history at once for demo data and benchmarks (pauses are their own
room, pauses.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..domain.dates import iso
from ..domain.errors import NotFound
from ..domain.model import Habit, Pause, Snooze
from ..domain.prescription import Dose
from ..domain.rules import (
    NOTE,
    REASON,
    SNOOZE_WINDOW,
    check_checkin,
    check_dose,
    check_note,
    check_reading,
    check_snooze_day,
    check_snooze_needed,
)
from ..domain.snoozing import check_budget
from ..domain.states import DayState, day_state, next_due
from .gate import changed_at, inserted_id
from .pauses import Pauses

if TYPE_CHECKING:
    from ..domain.body import PainReading

    # What the writes return: read-only commands skip building those classes.
    from .results import Rested, Ticks

SNOOZE_WINDOW_SPAN = timedelta(days=SNOOZE_WINDOW - 1)


class DayWrites(Pauses):
    # -------------------------------------------------------------- check-ins

    def check_in(
        self, habit_ids: Sequence[int], day: date, today: date, note: str | None = None, dose: Dose = Dose.FULL
    ) -> Ticks:
        """Mark habits done on `day` at `dose`; the new records, which were not
        done before, and each habit's dose before (None: not done). A habit
        already done that day takes the new dose: the last word wins, and
        `before` lets the caller say what it changed (docs/architecture.md,
        "The minimum dose"). It takes the `note` too when one is given ('' removes
        the one it had)."""
        from .results import Ticks

        added: list[int] = []
        before: dict[int, Dose | None] = {}
        with self._write() as db:
            for habit_id in habit_ids:
                habit = self.habit(habit_id)
                check_dose(habit, dose)
                before[habit_id] = self._held_on(habit_id, day)[0]
                if self._insert_checkins(habit, {day: note}, today, dose):
                    added.append(habit_id)
                    continue
                if before[habit_id] is not dose:
                    db.table("checkins").update((habit_id, iso(day)), {"dose": dose.value})
                if note is not None:
                    self.set_note(habit_id, day, note)
            return Ticks(tuple(self.log(h) for h in habit_ids), tuple(added), before)

    def _held_on(self, habit_id: int, day: date) -> tuple[Dose | None, str]:
        """The dose and the note of a habit's check-in on `day` (None and ''
        when it has none)."""
        found = list(
            self.db.table("checkins").rows_where("habit_id = ? AND day = ?", [habit_id, iso(day)], select="dose, note")
        )
        return (Dose(found[0]["dose"]), found[0]["note"] or "") if found else (None, "")

    def set_note(self, habit_id: int, day: date, note: str) -> str:
        """Write the note of a habit's check-in on `day` ('' removes it); the
        note it had before ('' for none). A day not done refuses (NotDone)."""
        with self._write() as db:
            habit = self.habit(habit_id)
            key = [habit_id, iso(day)]
            held = list(db.table("checkins").rows_where("habit_id = ? AND day = ?", key, select="note"))
            text = check_note(habit, day, bool(held), note)
            before = (held[0]["note"] or "") if held else ""
            if text != before:
                db.table("checkins").update(tuple(key), {"note": text or None})
            return before

    def record_checkins(
        self, habit_id: int, days: Mapping[date, str | None], today: date, dose: Dose | dict[date, Dose] = Dose.FULL
    ) -> int:
        """Check a habit in on many days at once (history, tests), at one dose
        or each day's own; how many were new (days already done keep theirs)."""
        with self._write():
            return self._insert_checkins(self.habit(habit_id), days, today, dose)

    def _insert_checkins(
        self, habit: Habit, days: Mapping[date, str | None], today: date, dose: Dose | dict[date, Dose]
    ) -> int:
        """record_checkins for a habit the caller has read (a tick reads it once)."""
        return self.record_histories([(habit, days, dose)], today)

    def record_histories(
        self, histories: Iterable[tuple[Habit, Mapping[date, str | None], Dose | dict[date, Dose]]], today: date
    ) -> int:
        """Many habits' check-ins (each habit as read or just put, its days with
        their notes, one dose or each day's own) each checked, then written in
        one insert: an import of ten thousand habits pays the driver's cost of
        a write once, not once a habit. How many were new."""
        now = changed_at()  # one moment for the lot
        rows = []
        by_habit: dict[int, list[str]] = defaultdict(list)
        for habit, days, dose in histories:
            for day, note in days.items():
                check_checkin(habit, day, today)
                by_habit[habit.id].append(iso(day))
                given = dose.get(day, Dose.FULL) if isinstance(dose, dict) else dose
                rows.append(
                    {
                        "habit_id": habit.id,
                        "day": iso(day),
                        "note": NOTE.clean(note) or None if note else None,
                        "dose": Dose(given).value,
                        "created_at": now,
                    }
                )
        with self._write() as db:
            # A check-in already here stays as it is. (Found through the
            # (habit_id, day) key, a habit's days 500 a query: a row-value IN
            # over both would scan the table each time. SQLite's count of
            # changes cannot say how many were new: the sync's triggers count.)
            held = {
                (habit_id, found[0])
                for habit_id, wanted in by_habit.items()
                for start in range(0, len(wanted), 500)
                for found in db.execute(
                    "SELECT day FROM checkins WHERE habit_id = ? AND day IN "
                    f"({', '.join('?' * len(wanted[start : start + 500]))})",
                    [habit_id, *wanted[start : start + 500]],
                )
            }
            new = [r for r in rows if (r["habit_id"], r["day"]) not in held]
            db.table("checkins").insert_all(new, ignore=True, batch_size=5000)
            return len(new)

    def undo(self, habit_ids: Sequence[int], day: date) -> Ticks:
        """Take check-ins back (the start stays where it is); `before` holds
        the dose each one had and `notes` the note it carried, for an undo of
        the undo that loses nothing."""
        from .results import Ticks

        removed = []
        before: dict[int, Dose | None] = {}
        notes: dict[int, str] = {}
        with self._write() as db:
            for habit_id in habit_ids:
                self._habit_row(habit_id)
                before[habit_id], notes[habit_id] = self._held_on(habit_id, day)
                if before[habit_id] is not None:
                    db.table("checkins").delete_where("habit_id = ? AND day = ?", [habit_id, iso(day)])
                    removed.append(habit_id)
            return Ticks(tuple(self.log(h) for h in habit_ids), tuple(removed), before, notes)

    # ------------------------------------------------------- snoozes, pauses

    def snooze(
        self,
        day: date,
        today: date,
        habit_id: int | None = None,
        reason: str = "sore",
        area: str | None = None,
        pain: int | None = None,
        exempt: bool = False,
        history: bool = False,
        synced: bool = False,
    ) -> Rested:
        """Snooze the day (or one habit on it). An `exempt` snooze (history
        brought in from elsewhere) uses no budget. A snooze must rest something
        (rules.check_snooze_needed), except `history` brought in by an import
        or a sync, which records what already happened; a `synced` one (made
        on another machine) does not meet this machine's budget either."""
        with self._write():
            changed = self.record_snooze(day, today, habit_id, reason, area, pain, exempt, history, synced)
            return self._rested(habit_id, changed)

    def record_snooze(
        self,
        day: date,
        today: date,
        habit_id: int | None = None,
        reason: str = "sore",
        area: str | None = None,
        pain: int | None = None,
        exempt: bool = False,
        history: bool = False,
        synced: bool = False,
    ) -> bool:
        """`snooze`'s write and checks alone, for many snoozes in one
        transaction (import, history): whether it was new. It reads no log
        back, so each costs the same however long the history."""
        row = _snooze_row(day, today, habit_id, reason, exempt)
        felt = None
        if area or pain is not None:
            from ..domain.body import PainReading

            # A snooze's pain is a reading of that day like any other (docs/architecture.md, "Pain readings"),
            # felt on that day: a snooze ahead may name its area, not its pain.
            felt = check_reading(
                PainReading(day, area or "", pain, from_snooze=True), today if pain is not None else max(today, day)
            )
        with self._write() as db:
            if habit_id is not None:
                self._habit_row(habit_id)
            same = list(
                db.table("snoozes").rows_where(_snooze_where(habit_id), [iso(day), *_id_param(habit_id)], select="id")
            )
            if same:
                if felt is not None:  # the pain is news even when the rest is not
                    self._put_reading(felt, same[0]["id"], overwrite=not history)
                return False
            if not history:
                self._check_snooze_needed(day, today, habit_id)
            # The budget limits the rest days taken on this machine: another
            # machine's snoozes (a sync) already happened there and are kept.
            if not exempt and not synced:
                near = {
                    date.fromisoformat(r["day"])
                    for r in db.table("snoozes").rows_where(
                        "day BETWEEN ? AND ? AND exempt = 0",
                        [iso(day - SNOOZE_WINDOW_SPAN), iso(day + SNOOZE_WINDOW_SPAN)],
                        select="day",
                    )
                }
                check_budget(frozenset(near), day, self.settings().snooze_budget)
            snooze_id = inserted_id(db.table("snoozes").insert(row))
            if felt is not None:
                self._put_reading(felt, snooze_id, overwrite=not history)
            return True

    def record_exempt_snoozes(self, reasons: Mapping[int, Mapping[date, str]], today: date) -> int:
        """Habits' histories of snoozes outside the budget, with no pain, at once
        (the skips another tracker kept), by habit id: each checked as
        `record_snooze` checks it, the days already snoozed left alone, one
        insert for the rest. How many were new."""
        rows = [
            _snooze_row(day, today, habit_id, reason, exempt=True)
            for habit_id, days in reasons.items()
            for day, reason in sorted(days.items())
        ]
        if not rows:
            return 0
        with self._write() as db:
            known = {r["id"] for r in db.query("SELECT id FROM habits")}
            if missing := next((i for i in reasons if i not in known), None):
                raise NotFound(f"no habit with id {missing}")
            held = self._snoozed_days({i: [iso(day) for day in days] for i, days in reasons.items()})
            new = [row for row in rows if (row["habit_id"], row["day"]) not in held]
            db.table("snoozes").insert_all(new, batch_size=5000)
            return len(new)

    def _snoozed_days(self, days: Mapping[int, list[str]]) -> set[tuple[int, str]]:
        """Of these habits' days, the (habit id, day) pairs already snoozed.
        Only habits with any snooze are looked up, day by day through the
        (day, habit_id) index (a range of days would read every habit's
        snoozes in it): a habit an import just added costs no read."""
        with_any = {r["habit_id"] for r in self.db.query("SELECT DISTINCT habit_id FROM snoozes")}
        return {
            (habit_id, r["day"])
            for habit_id, wanted in days.items()
            if habit_id in with_any
            for start in range(0, len(wanted), 500)
            for r in self.db.table("snoozes").rows_where(
                f"day IN ({', '.join('?' * len(wanted[start : start + 500]))}) AND habit_id = ?",
                [*wanted[start : start + 500], habit_id],
                select="day",
            )
        }

    def _check_snooze_needed(self, day: date, today: date, habit_id: int | None) -> None:
        # A day's states need that day and, for a quota, its week: six days
        # either side suffice, and reading no more keeps each snooze of a long
        # history (load_history) as cheap as the first.
        journal = self.journal(since=day - timedelta(days=6), until=day + timedelta(days=6))
        logs = journal.active_on(day)
        states = [day_state(journal, log, day, today) for log in logs]
        if habit_id is None:
            check_snooze_needed(day, states)
        else:
            log = journal.log(habit_id)
            state = day_state(journal, log, day, today)
            # The next due day is named only in a refusal: looked for only then.
            ahead = next_due(journal, log, day) if state is DayState.OFF else None
            check_snooze_needed(day, states, log.habit, state, ahead)

    def unsnooze(self, day: date, habit_id: int | None = None) -> Rested:
        with self._write() as db:
            where = _snooze_where(habit_id)
            params = [iso(day), *_id_param(habit_id)]
            found = bool(db.table("snoozes").count_where(where, params))
            if found:
                self._unlink_readings(f"SELECT id FROM snoozes WHERE {where}", params)
                db.table("snoozes").delete_where(where, params)
            return self._rested(habit_id, found)

    def _rested(self, habit_id: int | None, changed: bool) -> Rested:
        from .results import Rested

        return Rested(changed, self.log(habit_id) if habit_id is not None else None, self.rest_days())

    # ---------------------------------------------------------- whole history

    def load_history(
        self,
        today: date,
        checkins: Iterable[tuple[int, date]],
        snoozes: Iterable[Snooze] = (),
        pauses: Iterable[tuple[int, Pause]] = (),
        readings: Iterable[PainReading] = (),
    ) -> None:
        """Record a whole history through the gate in one transaction (demo data, benchmarks)."""
        by_habit: dict[int, dict[date, None]] = defaultdict(dict)
        for habit_id, day in checkins:
            by_habit[habit_id][day] = None
        with self.transaction():
            for habit_id, days in by_habit.items():
                self.record_checkins(habit_id, days, today)
            for s in snoozes:
                self.record_snooze(s.day, today, s.habit_id, s.reason, s.area, s.pain, s.exempt)
            for habit_id, p in pauses:
                self.bring_pause(habit_id, p)
            for r in readings:
                self.record_pain(r.day, r.area, r.pain, today, r.note)


def _snooze_row(day: date, today: date, habit_id: int | None, reason: str, exempt: bool) -> dict:
    """A snooze as stored, its day and reason checked."""
    return {
        "day": iso(check_snooze_day(day, today)),
        "habit_id": habit_id,
        "reason": REASON.clean(reason) or "sore",
        "exempt": int(exempt),
        "created_at": changed_at(),
    }


def _snooze_where(habit_id: int | None) -> str:
    return "day = ? AND habit_id IS NULL" if habit_id is None else "day = ? AND habit_id = ?"


def _id_param(habit_id: int | None) -> list[int]:
    return [] if habit_id is None else [habit_id]
