"""A habit's longer breaks: making, changing, ending and cancelling a pause,
and bringing past pauses in."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..domain.dates import iso
from ..domain.errors import RuleRefused
from ..domain.model import Pause
from ..domain.pausing import current, next_planned, plan_pause, planned, span_text
from ..domain.rules import check_pause, check_pause_length
from .reads import Reads

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .results import Paused


class Pauses(Reads):
    def pause(
        self,
        habit_id: int,
        until: date,
        *,
        today: date,
        start: date | None = None,
        reason: str | None = None,
        confirmed: bool = False,
    ) -> Paused:
        """Pause through `until`: a new pause, or the habit's current (else next
        planned) one changed, as pausing.plan_pause decides. A pause reaching
        more than eight weeks past its first day needs `confirmed`
        (rules.check_pause_length)."""
        from .results import Paused

        with self._write() as db:
            self._habit_row(habit_id)
            plan = plan_pause(self.pauses_of(habit_id), today, until, start, reason)
            after = check_pause_length(plan.after, plan.before, confirmed)
            row = {"start": iso(after.start), "until": iso(after.until), "reason": after.reason}
            if plan.before is None:
                db.table("pauses").insert({"habit_id": habit_id, **row})
            else:
                db.table("pauses").update(_row_id(db, habit_id, plan.before), row)
            return Paused(after, self.log(habit_id), plan.before)

    def bring_pause(self, habit_id: int, pause: Pause) -> Pause:
        """A pause brought in (an import, demo data), past days allowed, merged
        with any pause it shares a day with; the new reason wins. Pauses side
        by side stay apart, as `pause` leaves them. The pause as merged, with
        no log read back: an import brings many, in time to their number."""
        pause = check_pause(pause)
        with self._write() as db:
            self._habit_row(habit_id)
            touching = list(
                db.table("pauses").rows_where(
                    "habit_id = ? AND start <= ? AND until >= ?", [habit_id, iso(pause.until), iso(pause.start)]
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
            held = self.pauses_of(habit_id)
            pause = current(held, today)
            if pause is None:
                later = planned(held, today)
                tail = (
                    f"; planned: {span_text(later[0])}; nothing changed (rehab resume --planned cancels it)"
                    if later
                    else ""
                )
                raise RuleRefused(f"{row['name']} is not paused on {iso(today)}{tail}")
            row_id = _row_id(db, habit_id, pause)
            if pause.start >= today:
                db.table("pauses").delete(row_id)
            else:
                db.table("pauses").update(row_id, {"until": iso(today - timedelta(days=1))})
            return Paused(pause, self.log(habit_id))

    def cancel_planned(self, habit_id: int, today: date) -> Paused:
        """Remove the habit's next pause that starts after today."""
        from .results import Paused

        with self._write() as db:
            row = self._habit_row(habit_id)
            pause = next_planned(self.pauses_of(habit_id), today, row["name"])
            db.table("pauses").delete(_row_id(db, habit_id, pause))
            return Paused(pause, self.log(habit_id))


def _row_id(db: Database, habit_id: int, pause: Pause) -> int:
    """The row holding `pause` (two rows never hold the same days of one habit)."""
    rows = db.table("pauses").rows_where(
        "habit_id = ? AND start = ? AND until = ?", [habit_id, iso(pause.start), iso(pause.until)], select="id"
    )
    return next(iter(rows))["id"]
