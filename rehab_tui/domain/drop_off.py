"""The net under the fall-off (docs/architecture.md, "The drop-off note"): when
the routine's last days fall well under what came before, the app says so in
numbers and offers a minimum session. Only `streaks` and the app ask, so
`today` never loads it.

Two comparisons, one threshold. A routine four weeks old or more compares its
last 7 days with the 21 before them. A younger routine, the one that is "really
good for a week and then falls off", compares the days since its first week
(at most the last 7) with that first week, as soon as three of those days
count: a perfect first week then a day or two of one item each gives the note
on day 11 or 12, not in week five.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from .model import Journal
from .streaks import Step, routine_logs, routine_step, share_done

_DAY = timedelta(days=1)

#: The last days' adherence must be under DROP_UNDER % and at least DROP_BY
#: points under the days it is compared with.
DROP_RECENT = 7
DROP_BEFORE = 21
DROP_UNDER = 60.0
DROP_BY = 25.0
#: A new routine: its first week, then at least this many counted days after it.
FIRST_WEEK = 7
FEW_DAYS = 3


class Comparison(Enum):
    """Which comparison found the fall (`streaks --json`'s drop_off.rule)."""

    FIRST_WEEK = "first_week"
    THREE_WEEKS = "three_weeks"


@dataclass(frozen=True)
class DropOff:
    """The routine falling off: the recent days' adherence against the days before."""

    recent: float
    before: float
    rule: Comparison = Comparison.THREE_WEEKS
    #: Calendar days in each window (snoozed, paused and pending ones included).
    recent_days: int = DROP_RECENT
    before_days: int = DROP_BEFORE

    def to_json(self) -> dict:
        return {
            "rule": self.rule.value,
            "recent": self.recent,
            "recent_days": self.recent_days,
            "before": self.before,
            "before_days": self.before_days,
        }

    def words(self) -> str:
        before = "in its first week" if self.rule is Comparison.FIRST_WEEK else "the three weeks before"
        days = f"{self.recent_days} day{'s' if self.recent_days != 1 else ''}"
        return (
            f"The last {days}: {self.recent:.0f} % of the routine's days complete, after {self.before:.0f} % "
            f"{before}. A short session keeps the thread."
        )


def drop_off(journal: Journal, today: date) -> DropOff | None:
    """The routine falling off, or None. Never on a day the routine rests
    (snoozed or paused as a whole), and never in a routine's first week."""
    logs = routine_logs(journal)
    if not logs or _resting(journal, today):
        return None
    first = min(log.habit.start for log in logs)
    if (today - first).days + 1 >= DROP_RECENT + DROP_BEFORE:
        rule = Comparison.THREE_WEEKS
        recent_from = today - (DROP_RECENT - 1) * _DAY
        before_from, before_to = recent_from - DROP_BEFORE * _DAY, recent_from - _DAY
    else:
        rule = Comparison.FIRST_WEEK
        recent_from = max(first + FIRST_WEEK * _DAY, today - (DROP_RECENT - 1) * _DAY)
        before_from, before_to = first, first + (FIRST_WEEK - 1) * _DAY

    def steps(start: date, last: date) -> list[Step]:
        return [routine_step(journal, logs, start + i * _DAY, today) for i in range((last - start).days + 1)]

    recent_steps = steps(recent_from, today)
    if rule is Comparison.FIRST_WEEK and sum(s in (Step.COUNT, Step.BREAK) for s in recent_steps) < FEW_DAYS:
        return None
    recent = share_done(recent_steps)
    before = share_done(steps(before_from, before_to))
    if recent is None or before is None or not (recent < DROP_UNDER and before - recent >= DROP_BY):
        return None
    return DropOff(recent, before, rule, (today - recent_from).days + 1, (before_to - before_from).days + 1)


def _resting(journal: Journal, day: date) -> bool:
    """The whole routine rests on `day`: a rest day, or every habit snoozed or paused."""
    if day in journal.rest_days:
        return True
    active = journal.active_on(day)
    return bool(active) and all(day in log.snoozed or log.paused_on(day) for log in active)
