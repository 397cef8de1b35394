"""Changes to a habit as a whole: a new schedule from a day on, and whether two
copies of a habit say the same."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from .model import Habit, ScheduleVersion
from .rules import check_schedule_since
from .schedules import parse_schedule


def with_schedule(habit: Habit, text: str, since: date, keep_history: bool, move: bool = False) -> Habit:
    """`habit` with `text` in force from `since`; the days before keep theirs.
    A version already taking effect on `since` is replaced. Without
    `keep_history` the new schedule is the habit's only one.

    Re-typing the schedule in force is no change (an `every N days` anchor must
    not move). With `move` (a day given on purpose, `habit edit --from`), the
    version next to `since` that already has this schedule moves to `since`
    instead: later (the one in force then, unless it is the first) or earlier
    (the next one)."""
    check_schedule_since(habit, since)
    new = ScheduleVersion(since, parse_schedule(text, since))
    history = [v for v in habit.schedule_history if v.since != since] if keep_history else []
    before = [v for v in history if v.since < since]
    after = [v for v in history if v.since > since]
    rule = new.schedule.rule
    if move and after and after[0].schedule.rule == rule:
        after.pop(0)
    if before and before[-1].schedule.rule == rule:
        if move and len(before) > 1:
            before.pop()
        else:
            versions = before + after
            return replace(habit, schedule=versions[-1].schedule, versions=_kept(versions))
    versions = [*before, new, *after]
    return replace(habit, schedule=versions[-1].schedule, versions=_kept(versions))


def _kept(versions: list[ScheduleVersion]) -> tuple[ScheduleVersion, ...]:
    """What `Habit.versions` holds: nothing for a schedule never changed."""
    return tuple(versions) if len(versions) > 1 else ()


@dataclass(frozen=True)
class ScheduleEdit:
    """What a schedule edit did, for the message that says so: the version in
    force on the day asked, the one before it, and the day it moved from."""

    day: date
    version: ScheduleVersion
    before: ScheduleVersion | None
    moved_from: date | None
    changed: bool

    def words(self, day_text: Callable[[date], str]) -> str:
        """`every Tuesday, Friday, from <day>; mon,thu before` (days in `day_text`'s form)."""
        schedule, since = self.version.schedule, self.version.since
        if not self.changed:
            return f"{schedule.explain()}, already so from {day_text(since)}; the schedule is unchanged"
        if since < self.day:
            # The change that took effect that day is gone: the schedule before it goes on.
            return f"{schedule.explain()}, from {day_text(since)} on, with no change on {day_text(self.day)}"
        said = f"{schedule.explain()}, from {day_text(since)}"
        if self.moved_from is not None:
            said += f" (moved from {day_text(self.moved_from)})"
        if self.before is not None:
            said += f"; {self.before.schedule.describe()} before"
        return said


def schedule_edit(old: Habit | None, new: Habit, day: date) -> ScheduleEdit:
    """What `with_schedule` did from `day`, from the habit before (None: it
    could not be read, a damaged row the edit mended) and after."""
    history = new.schedule_history
    version = new.version_on(day)
    index = history.index(version)
    before = old.schedule_history if old is not None else ()
    moved = [
        v.since
        for v in before
        if v.schedule.rule == version.schedule.rule and v.since != version.since and v not in history
    ]
    return ScheduleEdit(
        day,
        version,
        history[index - 1] if index else None,
        moved[0] if moved and version.since == day else None,
        before != history,
    )


def schedule_now(habit: Habit, today: date, day_text: Callable[[date], str] = date.isoformat) -> str:
    """The schedule in force today, with the day it took effect when it is not
    the first, and a change still to come: `mon,thu → tue,fri from 2026-11-16`."""
    history = habit.schedule_history
    now = history.index(habit.version_on(today))
    said = history[now].schedule.describe() + (f" from {day_text(history[now].since)}" if now else "")
    for v in history[now + 1 :]:
        said += f" → {v.schedule.describe()} from {day_text(v.since)}"
    return said


def same_habit(a: Habit, b: Habit) -> bool:
    """Equal in everything an export carries (the time of the last change aside)."""
    return replace(a, updated_at=None) == replace(b, updated_at=None)
