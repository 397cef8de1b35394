"""Reading the dates people type, and deciding which day it is."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as rd_weekday

from .errors import InvalidInput, OutOfRange

if TYPE_CHECKING:
    from dateutil.parser import parserinfo
from .weekdays import weekday

_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
#: -N is N days ago, +N is N days ahead.
_DAYS_AWAY = re.compile(r"^([+-])([0-9]{1,5})$")
#: "last fri" / "next fri": the weekday before today or after it, today never included.
_LAST_NEXT = re.compile(r"^(last|next)\s+(\S+)$", re.IGNORECASE)
# A day of the month, 1 to 31: dateutil reads a larger number next to a month
# as a year ("Nov 32" would become 2032-11-01).
_DAY_NUMBER = re.compile(r"^(0?[1-9]|[12][0-9]|3[01])(st|nd|rd|th)?$", re.IGNORECASE)
#: A year is written in full: "Dec 25 26" could be the 26th.
_YEAR = re.compile(r"^[0-9]{4}$")
#: `calendar --month 2026-11`.
_YEAR_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")

#: Dates outside these years are typing mistakes, and near year 1 or 9999 the
#: date arithmetic of streaks would overflow.
MIN_YEAR, MAX_YEAR = 1900, 2999

DATE_HELP = (
    "use YYYY-MM-DD, today, yesterday, tomorrow, -N or +N days, a weekday (mon, "
    "last mon, next mon), or a month and day, with or without a year (Nov 20, Dec 25 2026)"
)
MONTH_HELP = "use YYYY-MM (2026-11), a month (nov, November) or a month and year (Nov 2026)"


def day_text(day: date) -> str:
    """A day as every message names it: the date and its weekday, "2026-11-20 (Fri)"."""
    return f"{day.isoformat()} ({day:%a})"


def iso(day: date) -> str:
    return day.isoformat()


def parse_iso(text: str) -> date:
    """An ISO date, with a clear error for one that does not exist (2026-02-30)."""
    if not _ISO.match(text.strip()):
        raise InvalidInput(f"'{text}' is not a date: {DATE_HELP}")
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{text} is not a day of the calendar") from None
    return _in_range(day)


def _in_range(day: date) -> date:
    _year_in_range(day.year, day.isoformat())
    return day


def _year_in_range(year: int, typed: str) -> int:
    """`year`, if within range; `typed` names it in the refusal as the person wrote it."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise OutOfRange(f"{typed} is out of range: years {MIN_YEAR} to {MAX_YEAR} only")
    return year


def parse_day(text: str, today: date, ahead: bool = False, nearest: bool = False) -> date:
    """Read a date as a person types it, relative to `today`.

    A bare weekday or a month and day points the way its command faces
    (docs/architecture.md, "Dates"): the most recent such date, today included, for a command
    about the past (`done --date fri`); with `ahead`, for a command about the
    future (`snooze --date`, `pause --from/--until`), the next one, today
    included. With `nearest`, for a view that may look either way (`today
    --date`), a month and day is the nearer of the two (the past one on a
    tie); a bare weekday still faces as `ahead` says. `last fri`, `next fri`
    and a month and day with its year (`Dec 25 2026`) say the way themselves.
    Anything dateutil would guess at (a lone number, a lone month, a two-digit
    year, free text) is refused: a check-in on the wrong day is worse than a
    clear error.
    """
    return _in_range(_parse_day(text, today, ahead, nearest))


def _parse_day(text: str, today: date, ahead: bool, nearest: bool) -> date:
    raw = text.strip()
    word = raw.lower()
    if _ISO.match(raw):
        return parse_iso(raw)
    if word == "today":
        return today
    if word == "yesterday":
        return today - relativedelta(days=1)
    if word == "tomorrow":
        return today + relativedelta(days=1)
    if m := _DAYS_AWAY.match(raw):
        days = int(m.group(2))
        return today + relativedelta(days=days if m.group(1) == "+" else -days)
    if (m := _LAST_NEXT.match(raw)) and (index := weekday(m.group(2))) is not None:
        # relativedelta's weekday(n) counts today as the first match; start a
        # day away from today so "last fri" on a Friday is a week ago.
        step = 1 if m.group(1).lower() == "next" else -1
        return today + relativedelta(days=step, weekday=rd_weekday(index)(step))
    weekday_index = weekday(word)
    if weekday_index is not None:
        return today + relativedelta(weekday=rd_weekday(weekday_index)(1 if ahead else -1))
    tokens = _tokens(raw)
    if len(tokens) in (2, 3):
        months = [t for t in tokens if _month_info().month(t) is not None]
        numbers = [t for t in tokens if _DAY_NUMBER.match(t)]
        years = [t for t in tokens if _YEAR.match(t)]
        if len(months) == 1 and len(numbers) == 1 and len(tokens) == 2:
            if nearest:
                back, forth = _nearest_month_day(raw, today, False), _nearest_month_day(raw, today, True)
                return back if today - back <= forth - today else forth
            return _nearest_month_day(raw, today, ahead)
        if len(months) == 1 and len(numbers) == 1 and len(years) == 1:
            return _with_year(raw, int(years[0]))
    raise InvalidInput(f"'{text}' is not a date: {DATE_HELP}")


def _tokens(text: str) -> list[str]:
    """The words of a date: "December 25, 2026" is December, 25 and 2026."""
    return [t for t in re.split(r"[\s,]+", text) if t]


def _with_year(text: str, year: int) -> date:
    """A month, a day and a year, in any order (Dec 25 2026, 25 Dec 2026, December 25, 2026)."""
    from dateutil import parser

    _year_in_range(year, text)
    try:
        return parser.parse(text, default=datetime(year, 1, 1)).date()
    except (ValueError, OverflowError):
        raise InvalidInput(f"'{text}' is not a day of the calendar") from None


def _month_info() -> parserinfo:
    # dateutil's parser costs several milliseconds to import, and only a date
    # typed in words needs it: the app's start-up and `rehab today` do not.
    from dateutil.parser import parserinfo

    return parserinfo()


def _nearest_month_day(text: str, today: date, ahead: bool) -> date:
    from dateutil import parser

    # Feb 29 only exists in leap years, so look up to eight years away for it.
    step = 1 if ahead else -1
    for offset in range(9):
        year = today.year + step * offset
        try:
            found = parser.parse(text, default=datetime(year, 1, 1)).date()
        except (ValueError, OverflowError):
            continue
        if found.year == year and (found >= today if ahead else found <= today):
            return found
    raise InvalidInput(f"'{text}' is not a day of the calendar")


def parse_month(text: str, today: date) -> date:
    """The first day of the month a person names: `2026-11`, `Nov 2026`, or a
    month alone (`nov`, `November`), which is the most recent such month, this
    one included (a month is looked at for what was done in it;
    docs/architecture.md, "Dates")."""
    raw = text.strip()
    if m := _YEAR_MONTH.match(raw):
        year, month = int(m.group(1)), int(m.group(2))
    else:
        tokens = _tokens(raw)
        months = [n for t in tokens if (n := _month_info().month(t)) is not None]
        years = [int(t) for t in tokens if _YEAR.match(t)]
        if len(months) != 1 or len(tokens) != len(months) + len(years) or len(years) > 1:
            raise InvalidInput(f"'{text}' is not a month: {MONTH_HELP}")
        month = months[0]
        year = years[0] if years else today.year - (1 if month > today.month else 0)
    if not 1 <= month <= 12:
        raise InvalidInput(f"'{text}' is not a month: {MONTH_HELP}")
    return date(_year_in_range(year, text), month, 1)


def logical_today(now: datetime, day_start_hour: int) -> date:
    """The day `now` belongs to when the day starts at `day_start_hour` o'clock.

    Compared on the wall clock, so a DST jump never moves a time to another day.
    """
    if now.hour < day_start_hour:
        return now.date() - relativedelta(days=1)
    return now.date()


def week_start_of(day: date, week_start: int) -> date:
    """The first day of the week holding `day`; `week_start` is 0 for Monday."""
    return day + relativedelta(weekday=rd_weekday(week_start)(-1))


def days_between(first: date, last: date) -> list[date]:
    """Every day from `first` to `last`, both included."""
    count = (last - first).days + 1
    return [first + timedelta(days=i) for i in range(max(count, 0))]
