"""Schedules: the friendly forms people type, stored as text dateutil reads back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

from .errors import InvalidInput, OutOfRange, RehabError
from .numbers import whole_number
from .weekdays import FULL_NAMES, read_weekdays, weekday_list

if TYPE_CHECKING:
    from fractions import Fraction

    from dateutil.rrule import rrulebase

# dateutil.rrule and fractions are imported where a raw RRULE needs them: the
# friendly forms never do, and every command would pay ~5 ms to load them.

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

_EVERY = re.compile(r"^every\s+([0-9]+)\s+days?$")
_QUOTA = re.compile(r"^([0-9]+)\s*(?:/\s*|x\s*/\s*|x\s+a\s+|x\s+per\s+|\s+times?\s+(?:a|per)\s+|\s+per\s+)week$")
#: Whole-phrase names for common schedules, as people say them (the names of
#: day sets, such as weekdays, are weekdays.py's).
_PHRASES = {
    "every other day": "every 2 days",
    "weekly": "1/week",
    "once a week": "1/week",
    "twice a week": "2/week",
}
#: Frequencies no finer than a day: a schedule says on which days, not hours.
RRULE_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")

SCHEDULE_HELP = (
    "use daily, weekdays, weekends, days like tue,fri, mon-fri or M/W/F, 'every 2 days', "
    "'every other day', '2/week', '3x/week', weekly, or an RRULE:"
)


class ScheduleKind(StrEnum):
    DAILY = "daily"
    WEEKDAYS = "weekdays"
    INTERVAL = "interval"
    QUOTA = "quota"
    RRULE = "rrule"


class StreakUnit(StrEnum):
    """What a streak counts (docs/architecture.md, "Streaks"): the due days kept
    of a daily schedule (days), of any other fixed schedule (sessions: a Tue/Fri
    habit kept for a week is 2, not 7), or a quota's met weeks."""

    DAYS = "days"
    SESSIONS = "sessions"
    WEEKS = "weeks"

    def amount(self, n: int) -> str:
        """`3 days`, `1 session`, `1 week`. (Not `count`: that is str's own method.)"""
        return f"{n} {self.value[:-1] if n == 1 else self.value}"

    def short(self, n: int) -> str:
        """`3d`, `4×`, `1w`: sessions read as times, so `s` is never taken for seconds."""
        return f"{n}{_SHORT[self]}"

    def run(self, n: int) -> str:
        """`3-day streak`, `4-session streak`."""
        return f"{n}-{self.value[:-1]} streak"


_SHORT = {StreakUnit.DAYS: "d", StreakUnit.SESSIONS: "×", StreakUnit.WEEKS: "w"}


@dataclass(frozen=True)
class Schedule:
    """When a habit is due.

    `rule` is the stored text (an RRULE, or N/week for a quota); `anchor` is
    the day the schedule was set, which `every N days` counts from.
    """

    kind: ScheduleKind
    rule: str
    anchor: date
    weekdays: frozenset[int] = frozenset()
    interval: int = 1
    quota: int = 0
    _cache: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    @property
    def is_quota(self) -> bool:
        return self.kind is ScheduleKind.QUOTA

    @property
    def unit(self) -> StreakUnit:
        """What streaks count: a quota's weeks, a daily schedule's days, the
        sessions of any other (weekdays, every N days, a raw rule)."""
        if self.is_quota:
            return StreakUnit.WEEKS
        return StreakUnit.DAYS if self.kind is ScheduleKind.DAILY else StreakUnit.SESSIONS

    def describe(self) -> str:
        """The friendly form, as a person would type it."""
        if self.kind is ScheduleKind.DAILY:
            return "daily"
        if self.kind is ScheduleKind.WEEKDAYS:
            return weekday_list(self.weekdays)
        if self.kind is ScheduleKind.INTERVAL:
            return f"every {self.interval} days"
        if self.kind is ScheduleKind.QUOTA:
            return f"{self.quota}/week"
        return self.rule

    def explain(self) -> str:
        """A sentence that shows how the schedule was understood."""
        if self.kind is ScheduleKind.DAILY:
            return "every day"
        if self.kind is ScheduleKind.WEEKDAYS:
            return "every " + ", ".join(FULL_NAMES[d].capitalize() for d in sorted(self.weekdays))
        if self.kind is ScheduleKind.INTERVAL:
            return f"every {self.interval} days, counting from {self.anchor.isoformat()}"
        if self.kind is ScheduleKind.QUOTA:
            return f"{self.quota} day{'s' if self.quota != 1 else ''} a week, any days"
        return f"{self.rule} ({_about(self.days_a_year())})"

    def occurs(self, day: date) -> bool:
        """Whether a fixed schedule falls on `day` (a quota is due any day)."""
        kind = self.kind
        if kind is ScheduleKind.DAILY or kind is ScheduleKind.QUOTA:
            return True
        if kind is ScheduleKind.WEEKDAYS:
            return day.weekday() in self.weekdays
        if kind is ScheduleKind.INTERVAL:
            # rrule has no membership test; walking it from the anchor for every
            # day of a long history is slow, so test the INTERVAL directly.
            # tests/test_schedules.py checks this agrees with rrule.
            return (day - self.anchor).days % self.interval == 0
        return day in self._rrule_days(day.year)

    def _rrule_days(self, year: int) -> frozenset[date]:
        days = self._cache.get(year)
        if days is None:
            rule = self.to_rrule()
            # Up to the last instant of Dec 31: a rule with BYHOUR=9 falls after midnight.
            last = datetime.combine(date(year, 12, 31), time.max)
            found = rule.between(datetime(year, 1, 1), last, inc=True)
            days = frozenset(d.date() for d in found)
            self._cache[year] = days
        return days

    def to_rrule(self) -> rrulebase:
        """The dateutil rule this schedule stands for (a quota: every day)."""
        from dateutil.rrule import DAILY, rrule, rrulestr

        if self.kind is ScheduleKind.QUOTA:
            return rrule(DAILY, dtstart=datetime.combine(self.anchor, datetime.min.time()))
        return rrulestr(self.rule, dtstart=datetime.combine(self.anchor, datetime.min.time()))

    @cached_property
    def frequency(self) -> Fraction:
        """Expected check-ins per day, as Loop Habit Tracker's score uses it."""
        from fractions import Fraction

        if self.kind is ScheduleKind.DAILY:
            return Fraction(1, 1)
        if self.kind is ScheduleKind.WEEKDAYS:
            return Fraction(len(self.weekdays), 7)
        if self.kind is ScheduleKind.INTERVAL:
            return Fraction(1, self.interval)
        if self.kind is ScheduleKind.QUOTA:
            return Fraction(self.quota, 7)
        start = self.anchor
        count = sum(self.occurs(start + timedelta(days=i)) for i in range(28))
        return Fraction(count, 28)

    def days_a_year(self) -> int:
        """How many days of the year from the anchor the schedule falls on."""
        first = datetime.combine(self.anchor, time.min)
        found = self.to_rrule().between(first, first + timedelta(days=365))
        return len({d.date() for d in found})

    @property
    def frequency_parts(self) -> tuple[int, int]:
        """(numerator, denominator) without reducing: Loop keeps k/7 as k/7."""
        if self.kind is ScheduleKind.WEEKDAYS:
            return len(self.weekdays), 7
        if self.kind is ScheduleKind.INTERVAL:
            return 1, self.interval
        if self.kind is ScheduleKind.QUOTA:
            return self.quota, 7
        if self.kind is ScheduleKind.RRULE:
            # Occurrences per 28 days, as docs/architecture.md, "Strength" asks; at least one, so
            # the score of a rare rule still moves.
            return max(1, round(self.frequency * 28)), 28
        return 1, 1


def parse_schedule(text: str, anchor: date) -> Schedule:
    """Read a schedule in any of its friendly forms, or fail with a clear error."""
    return _parse(text, anchor, strict=True)


def _parse(text: str, anchor: date, strict: bool) -> Schedule:
    raw = (text or "").strip()
    word = re.sub(r"\s+", " ", raw.lower())
    if not raw:
        raise InvalidInput(f"a schedule is needed: {SCHEDULE_HELP}")
    word = _PHRASES.get(word, word)
    if m := _EVERY.match(word):
        n = whole_number(m.group(1))
        if not 1 <= n <= 365:
            raise OutOfRange(f"'every {n} days' needs N from 1 to 365")
        if n == 1:
            return Schedule(ScheduleKind.DAILY, "RRULE:FREQ=DAILY", anchor)
        return Schedule(ScheduleKind.INTERVAL, f"RRULE:FREQ=DAILY;INTERVAL={n}", anchor, interval=n)
    if m := _QUOTA.match(word):
        q = whole_number(m.group(1))
        if not 1 <= q <= 7:
            raise OutOfRange(f"'{raw}': a weekly quota is from 1/week to 7/week")
        return Schedule(ScheduleKind.QUOTA, f"{q}/week", anchor, quota=q)
    if word.startswith(("rrule:", "dtstart", "freq=")):
        return _from_rrule(raw, anchor, strict)
    days = read_weekdays(word)
    if days:
        if len(days) == 7:
            return Schedule(ScheduleKind.DAILY, "RRULE:FREQ=DAILY", anchor)
        codes = ",".join(WEEKDAY_CODES[d] for d in sorted(days))
        return Schedule(ScheduleKind.WEEKDAYS, f"RRULE:FREQ=WEEKLY;BYDAY={codes}", anchor, weekdays=days)
    raise InvalidInput(f"'{raw}' is not a schedule: {SCHEDULE_HELP}")


def _from_rrule(raw: str, anchor: date, strict: bool = True) -> Schedule:
    from dateutil.rrule import rrulestr

    body = raw if raw.upper().startswith(("RRULE:", "DTSTART")) else "RRULE:" + raw
    body = "\n".join(line for line in body.splitlines() if not line.upper().startswith("DTSTART"))
    body = body.strip()
    if not body.upper().startswith("RRULE:"):
        body = "RRULE:" + body
    body = "RRULE:" + body[len("RRULE:") :].upper()
    if "\n" in body:
        raise InvalidInput(f"'{raw}' holds more than one rule; give one RRULE line")
    _check_rrule_parts(raw, body)
    start = datetime.combine(anchor, time.min)
    try:
        rule = rrulestr(body, dtstart=start)
    except (ValueError, TypeError, OverflowError, KeyError, AttributeError):
        raise InvalidInput(f"'{raw}' is not an RRULE this app can read: {RRULE_HELP}") from None
    if strict:
        next_one = rule.after(start, inc=True)
        if next_one is None or next_one.date() > anchor + timedelta(days=365):
            raise InvalidInput(f"'{raw}' does not fall on any day in the year from {anchor.isoformat()}")
    # Keep the friendly forms friendly: a raw rule that is one of them is stored as such.
    try:
        return parse_schedule(_friendly_form(str(rule).split("\n")[-1]) or "", anchor)
    except RehabError:
        return Schedule(ScheduleKind.RRULE, body, anchor)


RRULE_HELP = "e.g. RRULE:FREQ=WEEKLY;BYDAY=MO,TH or RRULE:FREQ=MONTHLY;BYMONTHDAY=1"


def _check_rrule_parts(raw: str, body: str) -> None:
    """Refuse, before dateutil sees it, a rule that would hang or flood every
    command: an interval below 1 loops for ever, and a frequency finer than a
    day yields thousands of times a day."""
    parts = {}
    for part in body[len("RRULE:") :].split(";"):
        key, _, value = part.partition("=")
        parts[key.strip()] = value.strip()
    freq = parts.get("FREQ")
    if freq not in RRULE_FREQUENCIES:
        raise InvalidInput(
            f"'{raw}': a schedule repeats daily, weekly, monthly or yearly "
            f"(FREQ={'|'.join(RRULE_FREQUENCIES)}), not {freq or 'never'}"
        )
    try:
        # Up to 9999: a larger one would overflow dateutil's date arithmetic.
        whole_number(parts.get("INTERVAL", "1"), 1, 9999)
    except RehabError:
        raise InvalidInput(f"'{raw}': INTERVAL is a whole number of at least 1") from None


def _friendly_form(rule_text: str) -> str | None:
    """The friendly form of an RRULE line that is one, as dateutil writes rules."""
    if rule_text == "RRULE:FREQ=DAILY":
        return "daily"
    if m := re.fullmatch(r"RRULE:FREQ=DAILY;INTERVAL=(\d+)", rule_text):
        return f"every {m.group(1)} days"
    if m := re.fullmatch(r"RRULE:FREQ=WEEKLY;BYDAY=([A-Z,]+)", rule_text):
        codes = m.group(1).split(",")
        if all(c in WEEKDAY_CODES for c in codes):
            return weekday_list(frozenset(WEEKDAY_CODES.index(c) for c in codes))
    return None


def load_schedule(rule: str, anchor: date) -> Schedule:
    """Rebuild a schedule from what the store keeps (see `Schedule.rule`)."""
    # The store keeps the friendly forms as dateutil writes them; reading them
    # back without parsing the RRULE again saves every command a few ms. A rule
    # kept raw because its friendly form is out of range (INTERVAL=400) stays raw.
    friendly = _friendly_form(rule)
    if friendly is not None:
        try:
            return parse_schedule(friendly, anchor)
        except RehabError:
            pass
    # A rule already stored was checked when it was written; looking for its
    # next occurrence again would only cost time.
    return _parse(rule, anchor, strict=False)


def _about(days_a_year: int) -> str:
    """A rare rule's rate in words a person uses."""
    if days_a_year >= 52:
        return f"about {days_a_year / 52:.1f} days a week"
    if days_a_year >= 12:
        per_month = round(days_a_year / 12)
        return "about once a month" if per_month == 1 else f"about {per_month} times a month"
    if days_a_year == 0:
        return "no day in the coming year"
    return "about once a year" if days_a_year == 1 else f"about {days_a_year} times a year"
