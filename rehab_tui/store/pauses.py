"""A habit's longer breaks: pausing it from a day through a day, and ending a pause."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..domain.dates import iso
from ..domain.errors import RuleRefused
from ..domain.model import Pause
from ..domain.rules import check_pause, check_pause_start
from .reads import Reads

if TYPE_CHECKING:
    from .results import Paused


class Pauses(Reads):
    def pause(
        self,
        habit_id: int,
        start: date,
        until: date,
        reason: str = "",
        *,
        today: date,
        history: bool = False,
    ) -> Paused:
        """Pause from `start` through `until`, merged with any pause it overlaps
        or touches. It starts today or later unless it is `history` brought in
        (an import, demo data): rules.check_pause_start."""
        from .results import Paused

        with self._write():
            merged = self.record_pause(habit_id, start, until, reason, today=today, history=history)
            return Paused(merged, self.log(habit_id))

    def record_pause(
        self, habit_id: int, start: date, until: date, reason: str = "", *, today: date, history: bool = False
    ) -> Pause:
        """`pause`'s write and checks alone, for many pauses in one transaction
        (import, history): the pause as merged, with no log read back."""
        pause = check_pause_start(check_pause(Pause(start, until, reason)), today, history)
        with self._write() as db:
            self._habit_row(habit_id)
            touching = list(
                db.table("pauses").rows_where(
                    "habit_id = ? AND start <= ? AND until >= ?",
                    [habit_id, iso(pause.until + timedelta(days=1)), iso(pause.start - timedelta(days=1))],
                )
            )
            first = min([iso(pause.start), *(r["start"] for r in touching)])
            last = max([iso(pause.until), *(r["until"] for r in touching)])
            for r in touching:
                db.table("pauses").delete(r["id"])
            db.table("pauses").insert({"habit_id": habit_id, "start": first, "until": last, "reason": pause.reason})
            return Pause(date.fromisoformat(first), date.fromisoformat(last), pause.reason)

    def resume(self, habit_id: int, today: date) -> Paused:
        """End the pause holding today so today is active; later pauses stay."""
        from .results import Paused

        with self._write() as db:
            row = self._habit_row(habit_id)
            current = list(
                db.table("pauses").rows_where(
                    "habit_id = ? AND start <= ? AND until >= ?", [habit_id, iso(today), iso(today)]
                )
            )
            if not current:
                raise RuleRefused(f"{row['name']} is not paused on {iso(today)}")
            pause = current[0]
            if pause["start"] >= iso(today):
                db.table("pauses").delete(pause["id"])
            else:
                db.table("pauses").update(pause["id"], {"until": iso(today - timedelta(days=1))})
            ended = Pause(date.fromisoformat(pause["start"]), date.fromisoformat(pause["until"]), pause["reason"] or "")
            return Paused(ended, self.log(habit_id))
