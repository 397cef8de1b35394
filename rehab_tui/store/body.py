"""Pain readings by body area: one per area per day, a snooze's pain among them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ..domain.dates import iso
from ..domain.rules import check_reading, shown
from .gate import Gate, changed_at
from .rows import row_day

if TYPE_CHECKING:
    from ..domain.body import PainReading


class Body(Gate):
    def readings(self, since: date | None = None) -> list[PainReading]:
        """Every pain reading (or those from `since` on), oldest first."""
        from ..domain.body import PainReading  # the checklist and the nag never read them

        where, params = ("day >= ?", [iso(since)]) if since else (None, [])
        return [
            PainReading(
                row_day(self.path, "readings", r, "day"),
                shown(r["area"]),
                r["pain"],
                shown(r["note"] or ""),
                r["snooze_id"] is not None,
            )
            for r in self.db.table("readings").rows_where(where, params, order_by="day, id")
        ]

    def record_pain(self, day: date, area: str, pain: int | None, today: date, note: str | None = None) -> PainReading:
        """A pain reading; one per area per day, so a second one replaces the
        first, keeping its note unless given one ('' clears it). The gate
        refuses a reading without a number (only a snooze may name an area
        without one)."""
        from ..domain.body import PainReading

        reading = check_reading(PainReading(day, area, pain, note or ""), today)
        with self._write():
            return self._put_reading(reading, keep_note=note is None)

    def _put_reading(
        self, reading: PainReading, snooze_id: int | None = None, overwrite: bool = True, keep_note: bool = True
    ) -> PainReading:
        """Write a checked reading over the day's reading of its area, if any,
        and return what is held. A snooze's area without a number keeps the
        pain held; `keep_note` keeps the note held. Without `overwrite`
        (history brought in by an import, which never goes back in time over
        what was recorded here) only the snooze is linked to the held reading."""
        key = reading.key
        found = list(self.db.table("readings").rows_where("day = ? AND area_key = ?", [iso(reading.day), key]))
        row = {
            "day": iso(reading.day),
            "area": reading.area,
            "area_key": key,
            "pain": reading.pain,
            "note": reading.note,
            "created_at": changed_at(),
        }
        if snooze_id is not None:
            row["snooze_id"] = snooze_id
        if not found:
            self.db.table("readings").insert(row)
            return reading
        held = found[0]
        if reading.pain is None or not overwrite:
            if snooze_id is not None:
                self.db.table("readings").update(held["id"], {"snooze_id": snooze_id})
            return replace(reading, area=held["area"], pain=held["pain"], note=held["note"] or "")
        note = (held["note"] or "") if keep_note else reading.note
        row["note"] = note
        self.db.table("readings").update(held["id"], row)
        return replace(reading, note=note)

    def _unlink_readings(self, snooze_ids: str, params: list) -> None:
        """Before snoozes go: their readings stay (the pain was felt) but no
        longer point at them; an area named without a number goes with them."""
        self.db.execute(f"DELETE FROM readings WHERE pain IS NULL AND snooze_id IN ({snooze_ids})", params)
        self.db.execute(f"UPDATE readings SET snooze_id = NULL WHERE snooze_id IN ({snooze_ids})", params)
