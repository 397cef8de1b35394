"""Reminders (`rehab remind`): added, removed, and claimed at most once a day."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..domain.dates import iso
from ..domain.errors import NotFound, RehabError
from ..domain.rules import REMINDER_ERROR, check_reminder_days, check_reminder_target, check_reminder_time
from .gate import Gate, changed_at, inserted_id
from .rows import DamagedRow, day_of

if TYPE_CHECKING:
    # Reminders are read by `rehab remind` only; other commands skip the import.
    from ..domain.reminders import Reminder


class Reminders(Gate):
    def reminders(self) -> list[Reminder]:
        """Every reminder, in the order they were added."""
        return [self._reminder(r) for r in self._reminder_rows()]

    def _reminder_rows(self, number: int | None = None) -> list[dict]:
        """Reminder rows with the slug of the habit each is for (None: the routine)."""
        where, params = ("WHERE r.id = ?", [number]) if number is not None else ("", [])
        cursor = self.db.execute(
            f"SELECT r.*, h.slug AS habit_slug FROM reminders r LEFT JOIN habits h ON h.id = r.habit_id "
            f"{where} ORDER BY r.id",
            params,
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _reminder(self, row: dict) -> Reminder:
        from ..domain.reminders import Reminder

        number = row["id"]
        fix = f"rehab remind remove {number}"
        try:
            at = check_reminder_time(row["at"] or "")
            days = check_reminder_days(row["days"] or "")
            target = check_reminder_target(row["target"])
        except RehabError as exc:
            raise DamagedRow(f"reminders: row {number}: {exc}; mend it with: {fix} (and add it again)") from None
        last = row["last_sent"]
        return Reminder(
            number,
            at,
            days,
            target,
            day_of(last, f"reminders: row {number}, last_sent,", fix) if last else None,
            row["last_error"],
            row["last_error_at"],
            row["habit_id"],
            row["habit_slug"],
        )

    def _reminder_row(self, number: int) -> dict:
        rows = self._reminder_rows(number)
        if not rows:
            raise NotFound(f"no reminder #{number}; `rehab remind list` shows them")
        return rows[0]

    def add_reminder(
        self, at: str, days: str | None = None, target: str | None = None, habit_id: int | None = None
    ) -> Reminder:
        """A reminder at `at` (HH:MM) on `days` (default every day), to `target`
        (an apprise URL; None is the desktop), for the habit `habit_id` (None:
        the whole routine)."""
        from ..domain.reminders import days_stored

        row = {
            "at": check_reminder_time(at),
            "days": days_stored(check_reminder_days(days)),
            "target": check_reminder_target(target),
            "habit_id": habit_id,
            "created_at": changed_at(),
        }
        with self._write() as db:
            if habit_id is not None and not db.table("habits").count_where("id = ?", [habit_id]):
                raise NotFound(f"no habit with id {habit_id}")
            number = inserted_id(db.table("reminders").insert(row))
            return self._reminder(self._reminder_row(number))

    def remove_reminder(self, number: int) -> Reminder:
        """Remove reminder `number` (as `remind list` shows it); what it was."""
        from ..domain.reminders import Reminder

        with self._write() as db:
            row = self._reminder_row(number)
            try:
                removed = self._reminder(row)
            except DamagedRow:
                # Removing is how a damaged row is mended: it need not read well.
                removed = Reminder(
                    number,
                    str(row["at"]),
                    frozenset(),
                    str(row["target"]) if row["target"] else None,
                    habit_id=row["habit_id"],
                    habit=row["habit_slug"],
                )
            db.table("reminders").delete(number)
            return removed

    def claim_reminder(self, number: int, day: date) -> Reminder | None:
        """Record that reminder `number` notifies for `day`, unless it already
        did: at most once a day, even with two runs at once (the check and the
        record are one transaction). The reminder as it was before (None if
        it had notified for `day` already)."""
        with self._write() as db:
            before = self._reminder(self._reminder_row(number))
            if before.last_sent == day:
                return None
            db.table("reminders").update(number, {"last_sent": iso(day)})
            return before

    def reminder_outcome(self, claimed: Reminder, day: date, error: str | None, when: str) -> Reminder:
        """After a claimed reminder's send: a success clears its last error; a
        failure keeps the error (and when, `when`) and gives the day back, so
        a later run that day tries again."""
        with self._write() as db:
            row = self._reminder_row(claimed.id)
            changes: dict[str, str | None]
            if error is None:
                changes = {"last_error": None, "last_error_at": None}
            else:
                text = " ".join(error.split()) or "failed"
                text = REMINDER_ERROR.clean("".join(ch for ch in text if ch.isprintable())[: REMINDER_ERROR.cap])
                changes = {"last_error": text, "last_error_at": when}
                if row["last_sent"] == iso(day):
                    changes["last_sent"] = iso(claimed.last_sent) if claimed.last_sent else None
            db.table("reminders").update(claimed.id, changes)
            return self._reminder(self._reminder_row(claimed.id))
