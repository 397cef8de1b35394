"""`rehab export --format ics`: the routine as recurring calendar events (docs/formats.md, "ICS export").

Every habit, archived ones too, becomes one VEVENT per schedule version:

- all-day events (the app keeps no time of day for a habit, and a made-up hour
  would block the calendar and ring at a time nobody chose); the minutes, the
  prescription, the plan and the cue are in the description, the name is the
  summary;
- a fixed schedule recurs by its own RRULE from its first scheduled day in the
  version (DTSTART must fall on the rule, or calendars add a stray day), UNTIL
  the day before the next version, or before the archive date;
- a weekly quota (N/week, any days) has no fixed days: it is one event a week on
  the week's first day (the `week_start` setting), titled "Name (N/week)"; when a
  quota version starts in mid-week, that first short week gets its own one-off
  event on the version's first day;
- a pause removes (EXDATE) every day the rule would fall on inside it; a quota
  week is removed only when every one of its days is paused.

Each event's UID is stable across every edit that keeps a habit the same habit
(`event_uid`), so a calendar that subscribes to the file, or imports it again,
updates the events instead of doubling them.

`icalendar` is imported here only: other commands never pay for loading it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from ..domain.dates import week_start_of
from ..domain.model import Habit, HabitLog, Journal
from ..domain.schedules import WEEKDAY_CODES, Schedule, ScheduleKind

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//rehab-tui//rehab export//EN"
CALENDAR_NAME = "Rehab routine"
UID_DOMAIN = "rehab-tui"
#: RRULE parts that name a time of day: an all-day event has none.
_TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
ONE_DAY = timedelta(days=1)


def export_ics(journal: Journal, now: datetime | None = None) -> bytes:
    """The whole routine (`journal`, as the store read it) as an iCalendar file."""
    from icalendar import Calendar

    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", CALENDAR_NAME)
    for log in journal.logs:
        for event in habit_events(log, journal.week_start, stamp):
            cal.add_component(event)
    return cal.to_ical()


def version_spans(habit: Habit) -> list[tuple[date, Schedule, date, date | None]]:
    """(since, schedule, first day, last day or None for open-ended) of each version
    that holds at least one day of the habit's life."""
    history = habit.schedule_history
    last_of_life = habit.archived - ONE_DAY if habit.archived else None
    spans = []
    for i, version in enumerate(history):
        # The first version also rules the days from the start to its own since.
        first = habit.start if i == 0 else max(version.since, habit.start)
        last = history[i + 1].since - ONE_DAY if i + 1 < len(history) else None
        if last_of_life is not None:
            last = last_of_life if last is None else min(last, last_of_life)
        if last is not None and last < first:
            continue
        spans.append((version.since, version.schedule, first, last))
    return spans


def habit_events(log: HabitLog, week_start: int, stamp: datetime) -> list[Event]:
    events = []
    for since, schedule, first, last in version_spans(log.habit):
        if schedule.is_quota:
            events += _quota_events(log, since, schedule, first, last, week_start, stamp)
        else:
            event = _fixed_event(log, since, schedule, first, last, stamp)
            if event is not None:
                events.append(event)
    return events


def event_uid(habit: Habit, since: date) -> str:
    """The UID of the version in force from `since` (before the domain part).

    The first version is the habit itself: its UID is the slug alone, which a
    rename keeps, so moving the start (which moves the first version's day)
    or editing the cue or plan never makes it a new event. A later version is
    a span of its own, named by the day it took effect.
    """
    if since == habit.schedule_history[0].since:
        return habit.slug
    return f"{habit.slug}-from-{since.isoformat()}"


def _fixed_event(
    log: HabitLog, since: date, schedule: Schedule, first: date, last: date | None, stamp: datetime
) -> Event | None:
    """One recurring event for a fixed schedule's version, or None if it falls on no day."""
    start = _first_occurrence(schedule, first, last)
    if start is None:
        return None
    rule = _rrule_parts(schedule, start)
    end = rule["UNTIL"][0] if "UNTIL" in rule else None
    if last is not None:
        end = last if end is None else min(last, end)
    if end is not None:
        rule["UNTIL"] = [end]
    event = _event(log.habit, event_uid(log.habit, since), log.habit.name, start, stamp)
    event.add("rrule", rule)
    paused = sorted(
        day
        for p in log.pauses
        for day in _days(max(p.start, start), p.until if end is None else min(p.until, end))
        if schedule.occurs(day)
    )
    if paused:
        event.add("exdate", paused)
    return event


def _quota_events(
    log: HabitLog, since: date, schedule: Schedule, first: date, last: date | None, week_start: int, stamp: datetime
) -> list[Event]:
    habit = log.habit
    summary = f"{habit.name} ({schedule.quota}/week)"
    uid = event_uid(habit, since)
    events = []
    monday = week_start_of(first, week_start)  # the week's first day, whatever day it is
    if monday != first:
        # The version starts in mid-week: that week's event is on its first day.
        if not _all_paused(log, first, _week_end(first, week_start, last)):
            events.append(_event(habit, f"{uid}-first-week", summary, first, stamp, quota=schedule.quota))
        monday += timedelta(days=7)
    if last is not None and monday > last:
        return events
    event = _event(habit, uid, summary, monday, stamp, quota=schedule.quota)
    rule: dict = {"FREQ": "WEEKLY", "BYDAY": WEEKDAY_CODES[monday.weekday()], "WKST": WEEKDAY_CODES[week_start]}
    if last is not None:
        rule["UNTIL"] = [last]
    event.add("rrule", rule)
    paused_weeks = sorted(
        {
            week_start_of(day, week_start)
            for p in log.pauses
            for day in _days(max(p.start, monday), p.until if last is None else min(p.until, last))
        }
    )
    skipped = [w for w in paused_weeks if w >= monday and _all_paused(log, w, _week_end(w, week_start, last))]
    if skipped:
        event.add("exdate", skipped)
    events.append(event)
    return events


def _week_end(day: date, week_start: int, last: date | None) -> date:
    end = week_start_of(day, week_start) + timedelta(days=6)
    return end if last is None else min(end, last)


def _all_paused(log: HabitLog, first: date, last: date) -> bool:
    return all(log.paused_on(day) for day in _days(first, last))


def _event(habit: Habit, uid: str, summary: str, day: date, stamp: datetime, quota: int = 0) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + ONE_DAY)
    # A habit is not an appointment: the day stays free for scheduling.
    event.add("transp", "TRANSPARENT")
    description = _description(habit, quota)
    if description:
        event.add("description", description)
    return event


def _description(habit: Habit, quota: int) -> str:
    lines = []
    if quota:
        lines.append("Any one day this week." if quota == 1 else f"Any {quota} days this week.")
    if habit.minutes:
        lines.append(f"{habit.minutes} minute{'s' if habit.minutes != 1 else ''}.")
    # The prescription, its minimum dose and the plan ("3 × 12 each side ·
    # at least 1 × 12 · before my shower"), as the checklist words them.
    if plan := habit.plan_words(with_minimum=True):
        lines.append(plan)
    if habit.cue:
        lines.append(habit.cue)
    return "\n".join(lines)


def _first_occurrence(schedule: Schedule, first: date, last: date | None) -> date | None:
    """The first day from `first` (to `last`) that the schedule falls on."""
    if schedule.kind is ScheduleKind.DAILY:
        return first
    if schedule.kind is ScheduleKind.INTERVAL:
        offset = -(first - schedule.anchor).days % schedule.interval
        day = first + timedelta(days=offset)
        return day if last is None or day <= last else None
    if schedule.kind is ScheduleKind.RRULE:
        after = schedule.to_rrule().after(datetime.combine(first, datetime.min.time()), inc=True)
        if after is None or (last is not None and after.date() > last):
            return None
        return after.date()
    # Weekdays: within a week.
    for day in _days(first, first + timedelta(days=6)):
        if last is not None and day > last:
            return None
        if schedule.occurs(day):
            return day
    return None


def _rrule_parts(schedule: Schedule, start: date):
    """The schedule's RRULE as icalendar's vRecur, without a time of day."""
    from icalendar import vRecur

    body = schedule.rule.split(":", 1)[1] if schedule.rule.upper().startswith("RRULE:") else schedule.rule
    parts = vRecur.from_ical(body)
    for key in _TIME_PARTS:
        parts.pop(key, None)
    if "UNTIL" in parts or "COUNT" in parts:
        # A rule that ends by itself: end it on its last day, counted from the
        # anchor as the app counts it (a COUNT from the new DTSTART would differ).
        ends = list(schedule.to_rrule())
        parts.pop("COUNT", None)
        parts["UNTIL"] = [ends[-1].date() if ends else start]
    return parts


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range(max((last - first).days + 1, 0))]
