"""The net under the fall-off (docs/architecture.md, "The drop-off note"): when the routine's last week
falls well under the weeks before, the app says so in numbers and offers a
minimum session. Only `streaks` and the app ask, so `today` never loads it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .model import Journal
from .streaks import routine_adherence, routine_logs, routine_share

_DAY = timedelta(days=1)

#: The drop-off rule (docs/architecture.md, "The drop-off note"): the last week's adherence under
#: DROP_UNDER %, and at least DROP_BY points under the three weeks before.
DROP_RECENT = 7
DROP_BEFORE = 21
DROP_UNDER = 60.0
DROP_BY = 25.0


@dataclass(frozen=True)
class DropOff:
    """The routine falling off: the last 7 days' adherence against the 21 before."""

    last_7: float
    before: float

    def to_json(self) -> dict:
        return {"last_7": self.last_7, "before": self.before}

    def words(self) -> str:
        return (
            f"The last 7 days: {self.last_7:.0f} % of the routine's days complete, after {self.before:.0f} % "
            f"the three weeks before. A short session keeps the thread."
        )


def drop_off(journal: Journal, today: date) -> DropOff | None:
    """The routine falling off: None unless the rule holds, and None without
    four weeks of history to compare (one bad week of a new routine is not a fall)."""
    logs = routine_logs(journal)
    if not logs or min(log.habit.start for log in logs) > today - (DROP_RECENT + DROP_BEFORE - 1) * _DAY:
        return None
    recent = routine_adherence(journal, today, DROP_RECENT)
    before = routine_share(journal, today - (DROP_RECENT + DROP_BEFORE - 1) * _DAY, today - DROP_RECENT * _DAY, today)
    if recent is None or before is None:
        return None
    if recent < DROP_UNDER and before - recent >= DROP_BY:
        return DropOff(recent, before)
    return None
