"""Which pause a `pause HABIT --until D [--from D] [--reason R]` makes or changes.

The one home of the rule (docs/architecture.md, "Snoozes and pauses"): the
store's gate writes what `plan_pause` decides; the command line and the pause
form ask it first, to say what will happen and whether to ask about a long
pause. A pause already planned is changed in place or left alone, never
swallowed with its reason into another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .dates import day_text
from .errors import NotFound, RuleRefused
from .model import Pause
from .rules import check_pause, check_pause_start, pause_is_long


@dataclass(frozen=True)
class PausePlan:
    """The pause as it was (None: a new one) and as it will be."""

    before: Pause | None
    after: Pause

    @property
    def long(self) -> bool:
        """Whether it has to be confirmed first (rules.LONG_PAUSE)."""
        return pause_is_long(self.after, self.before)


def span_text(pause: Pause) -> str:
    """'2026-11-09 (Mon) – 2026-11-20 (Fri), 12 days (physio)': a pause as every message names it."""
    days = f"{pause.days} day{'' if pause.days == 1 else 's'}"
    reason = f" ({pause.reason})" if pause.reason else ""
    return f"{day_text(pause.start)} – {day_text(pause.until)}, {days}{reason}"


def ahead(pauses: Iterable[Pause], today: date) -> list[Pause]:
    """The pauses not over yet, first first: the current one (holding today), then the planned ones."""
    return sorted((p for p in pauses if p.until >= today), key=lambda p: p.start)


def current(pauses: Iterable[Pause], today: date) -> Pause | None:
    return next((p for p in pauses if p.covers(today)), None)


def planned(pauses: Iterable[Pause], today: date) -> list[Pause]:
    """The pauses that start after today, first first."""
    return [p for p in ahead(pauses, today) if p.start > today]


def next_planned(pauses: Iterable[Pause], today: date, name: str) -> Pause:
    """The planned pause `resume --planned` cancels."""
    later = planned(pauses, today)
    if not later:
        raise NotFound(f"{name} has no pause planned after {day_text(today)}")
    return later[0]


def plan_pause(
    pauses: Iterable[Pause], today: date, until: date, start: date | None = None, reason: str | None = None
) -> PausePlan:
    """What pausing through `until` does to a habit holding `pauses`.

    - Without `start`, it edits the end of the habit's current pause, else of
      its next planned one (shorter or longer), if `until` is not before that
      pause's first day; otherwise it is a new pause from today.
    - With `start`, the pause it shares a day with is moved to these dates; if
      it shares none, it is a new pause.
    - The reason is kept unless one is given ("" clears it).
    - Refused: days before today changing (a current pause keeps its first day
      and ends today at the earliest: `resume` ends it so today counts), and
      running into another pause (it is changed or cancelled first, so no
      reason is ever merged away).
    """
    live = ahead(pauses, today)
    target = live[0] if live else None
    if start is None and target is not None and until >= target.start:
        before: Pause | None = target
        first = target.start
    else:
        first = today if start is None else start
        asked = check_pause(Pause(first, until))
        hit = [p for p in live if p.overlaps(asked)]
        if len(hit) > 1:
            raise RuleRefused(
                f"{day_text(asked.start)} – {day_text(asked.until)} shares days with {len(hit)} pauses ("
                + "; ".join(span_text(p) for p in hit)
                + "); change them one at a time (rehab pauses lists them)"
            )
        before = hit[0] if hit else None
    kept = before.reason if before is not None else ""
    after = check_pause(Pause(first, until, kept if reason is None else reason))
    if before is not None and before.start < today:
        if after.start != before.start:
            raise RuleRefused(
                f"the current pause ({span_text(before)}) began on {day_text(before.start)}; days gone stay as they "
                "were, so its first day cannot move (leave out --from to change its last day)"
            )
        if after.until < today:
            raise RuleRefused(
                f"the current pause ({span_text(before)}) holds today; its last day can be today at the earliest "
                "(rehab resume ends it so today counts)"
            )
    else:
        check_pause_start(after, today)
    others = [p for p in live if p != before and p.overlaps(after)]
    if others:
        raise RuleRefused(
            f"{day_text(after.start)} – {day_text(after.until)} would run into the pause {span_text(others[0])}; "
            "change or cancel that one first (rehab resume --planned cancels the next planned pause)"
        )
    return PausePlan(before, after)
