"""Schedules: the friendly forms people type, stored as text dateutil reads back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from .errors import RehabError

if TYPE_CHECKING:
    from fractions import Fraction

    from dateutil.rrule import rrule

# dateutil.rrule and fractions are imported where a raw RRULE needs them: the
# friendly forms never do, and every command would pay ~5 ms to load them.

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_WORDS = {
    **{name: i for i, name in enumerate(WEEKDAY_NAMES)},
    **{full: i for i, full in enumerate(WEEKDAY_FULL_NAMES)},
    "tues": 1, "wednes": 2, "thur": 3, "thurs": 3,
}
_EVERY = re.compile(r"^every\s+(\d+)\s+days?$")
_QUOTA = re.compile(r"^(\d+)\s*(?:/|x|times\s+a|per)\s*week$")

SCHEDULE_HELP = "use daily, weekdays like tue,fri, 'every 2 days', '2/week', or an RRULE:"


@dataclass(frozen=True)
class Schedule:
    """When a habit is due.

    `kind` is daily, weekdays, interval, quota or rrule. `rule` is the stored
    text (an RRULE, or N/week for a quota); `anchor` is the day the schedule was
    set, which `every N days` counts from.
    """

    kind: str
    rule: str
    anchor: date
    weekdays: frozenset[int] = frozenset()
    interval: int = 1
    quota: int = 0
    _cache: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    @property
    def is_quota(self) -> bool:
        return self.kind == "quota"

    @property
    def unit(self) -> str:
        """What streaks count: a quota's weeks, anyone else's days."""
        return "weeks" if self.is_quota else "days"

    def describe(self) -> str:
        """The friendly form, as a person would type it."""
        if self.kind == "daily":
            return "daily"
        if self.kind == "weekdays":
            return ",".join(WEEKDAY_NAMES[d] for d in sorted(self.weekdays))
        if self.kind == "interval":
            return f"every {self.interval} days"
        if self.kind == "quota":
            return f"{self.quota}/week"
        return self.rule

    def explain(self) -> str:
        """A sentence that shows how the schedule was understood."""
        if self.kind == "daily":
            return "every day"
        if self.kind == "weekdays":
            return "every " + ", ".join(WEEKDAY_FULL_NAMES[d].capitalize() for d in sorted(self.weekdays))
        if self.kind == "interval":
            return f"every {self.interval} days, counting from {self.anchor.isoformat()}"
        if self.kind == "quota":
            return f"{self.quota} day{'s' if self.quota != 1 else ''} a week, any days"
        return f"{self.rule} (about {float(self.frequency) * 7:.1f} days a week)"

    def occurs(self, day: date) -> bool:
        """Whether a fixed schedule falls on `day` (a quota is due any day)."""
        kind = self.kind
        if kind == "daily" or kind == "quota":
            return True
        if kind == "weekdays":
            return day.weekday() in self.weekdays
        if kind == "interval":
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

    def to_rrule(self) -> rrule:
        """The dateutil rule this schedule stands for (a quota: every day)."""
        from dateutil.rrule import DAILY, rrule, rrulestr

        if self.kind == "quota":
            return rrule(DAILY, dtstart=datetime.combine(self.anchor, datetime.min.time()))
        return rrulestr(self.rule, dtstart=datetime.combine(self.anchor, datetime.min.time()))

    @cached_property
    def frequency(self) -> Fraction:
        """Expected check-ins per day, as Loop Habit Tracker's score uses it."""
        from fractions import Fraction

        if self.kind == "daily":
            return Fraction(1, 1)
        if self.kind == "weekdays":
            return Fraction(len(self.weekdays), 7)
        if self.kind == "interval":
            return Fraction(1, self.interval)
        if self.kind == "quota":
            return Fraction(self.quota, 7)
        start = self.anchor
        count = sum(self.occurs(start + timedelta(days=i)) for i in range(28))
        return Fraction(count, 28)

    @property
    def frequency_parts(self) -> tuple[int, int]:
        """(numerator, denominator) without reducing: Loop keeps k/7 as k/7."""
        if self.kind == "weekdays":
            return len(self.weekdays), 7
        if self.kind == "interval":
            return 1, self.interval
        if self.kind == "quota":
            return self.quota, 7
        if self.kind == "rrule":
            return self.frequency.numerator * 28 // self.frequency.denominator, 28
        return 1, 1


def parse_schedule(text: str, anchor: date) -> Schedule:
    """Read a schedule in any of its friendly forms, or fail with a clear error."""
    raw = (text or "").strip()
    word = raw.lower()
    if not raw:
        raise RehabError(f"a schedule is needed: {SCHEDULE_HELP}")
    if word in ("daily", "every day", "everyday"):
        return Schedule("daily", "RRULE:FREQ=DAILY", anchor)
    if m := _EVERY.match(word):
        n = int(m.group(1))
        if not 1 <= n <= 365:
            raise RehabError(f"'every {n} days' needs N from 1 to 365")
        if n == 1:
            return Schedule("daily", "RRULE:FREQ=DAILY", anchor)
        return Schedule("interval", f"RRULE:FREQ=DAILY;INTERVAL={n}", anchor, interval=n)
    if m := _QUOTA.match(word):
        q = int(m.group(1))
        if not 1 <= q <= 7:
            raise RehabError(f"'{raw}': a weekly quota is from 1/week to 7/week")
        return Schedule("quota", f"{q}/week", anchor, quota=q)
    if word.startswith(("rrule:", "dtstart", "freq=")):
        return _from_rrule(raw, anchor)
    parts = [p for p in re.split(r"[\s,]+", word) if p]
    if parts and all(p in _WEEKDAY_WORDS for p in parts):
        days = frozenset(_WEEKDAY_WORDS[p] for p in parts)
        if len(days) == 7:
            return Schedule("daily", "RRULE:FREQ=DAILY", anchor)
        codes = ",".join(WEEKDAY_CODES[d] for d in sorted(days))
        return Schedule("weekdays", f"RRULE:FREQ=WEEKLY;BYDAY={codes}", anchor, weekdays=days)
    raise RehabError(f"'{raw}' is not a schedule: {SCHEDULE_HELP}")


def _from_rrule(raw: str, anchor: date) -> Schedule:
    from dateutil.rrule import rrulestr

    body = raw if raw.upper().startswith(("RRULE:", "DTSTART")) else "RRULE:" + raw
    body = "\n".join(line for line in body.splitlines() if not line.upper().startswith("DTSTART"))
    body = body.strip()
    if not body.upper().startswith("RRULE:"):
        body = "RRULE:" + body
    body = "RRULE:" + body[len("RRULE:"):].upper()
    try:
        rule = rrulestr(body, dtstart=datetime.combine(anchor, datetime.min.time()))
        next_one = rule.after(datetime.combine(anchor, datetime.min.time()), inc=True)
    except (ValueError, TypeError, OverflowError) as exc:
        raise RehabError(f"'{raw}' is not an RRULE dateutil accepts: {exc}") from None
    if next_one is None:
        raise RehabError(f"'{raw}' never falls on a day from {anchor.isoformat()} on")
    # Keep the friendly forms friendly: a raw rule that is one of them is stored as such.
    try:
        return parse_schedule(_friendly_form(str(rule).split("\n")[-1]) or "", anchor)
    except RehabError:
        return Schedule("rrule", body, anchor)


def _friendly_form(rule_text: str) -> str | None:
    """The friendly form of an RRULE line that is one, as dateutil writes rules."""
    if rule_text == "RRULE:FREQ=DAILY":
        return "daily"
    if m := re.fullmatch(r"RRULE:FREQ=DAILY;INTERVAL=(\d+)", rule_text):
        return f"every {m.group(1)} days"
    if m := re.fullmatch(r"RRULE:FREQ=WEEKLY;BYDAY=([A-Z,]+)", rule_text):
        codes = m.group(1).split(",")
        if all(c in WEEKDAY_CODES for c in codes):
            return ",".join(WEEKDAY_NAMES[WEEKDAY_CODES.index(c)] for c in codes)
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
    return parse_schedule(rule, anchor)

