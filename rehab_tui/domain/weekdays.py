"""The days of the week in words: what a person may type for one day or a set
of days, and how a set is named back.

Schedules (`habit add --schedule`), reminders (`remind add --days`), dates
(`--date fri`, `last fri`) and the `week_start` setting all read days here, so
a spelling that works in one works in all of them.
"""

from __future__ import annotations

import re

from .errors import InvalidInput

#: Monday first, numbered as date.weekday() numbers them.
NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EVERY_DAY = frozenset(range(7))
WORKWEEK = frozenset(range(5))
WEEKEND = frozenset({5, 6})
#: Whole phrases for common sets, besides lists and ranges of days.
PHRASES = {
    "daily": EVERY_DAY,
    "every day": EVERY_DAY,
    "everyday": EVERY_DAY,
    "all": EVERY_DAY,
    "weekdays": WORKWEEK,
    "every weekday": WORKWEEK,
    "weekends": WEEKEND,
    "weekend": WEEKEND,
    "every weekend": WEEKEND,
}
#: Short forms read only in a list split by slashes (M/W/F, T/Th, Sa/Su), where
#: nobody means a word. S alone could be Saturday or Sunday, so it is not one.
LETTERS = {"m": 0, "t": 1, "tu": 1, "w": 2, "th": 3, "r": 3, "f": 4, "sa": 5, "su": 6}
#: Between the items of a list: commas, spaces, either followed by "and".
_SEPARATOR = re.compile(r"(?:\s*,\s*|\s+)(?:and\s+)?")

DAYS_HELP = "use names like mon-fri, sat,sun or mon,wed,fri (or weekdays, weekends, daily)"


def weekday(word: str) -> int | None:
    """The day one word names (0 = Monday): its full name or the start of it,
    three letters or more (tue, tues, thurs); None when it names no day."""
    word = word.strip().casefold()
    if len(word) < 3:
        return None
    return next((i for i, full in enumerate(FULL_NAMES) if full.startswith(word)), None)


def read_weekdays(text: str) -> frozenset[int] | None:
    """The set of days `text` names, or None when it is not a set of days:
    a phrase (weekdays, weekends, every day), a list (`tue,fri`, `tue fri`,
    `tue and fri`) whose items may be ranges (`mon-fri`, `fri-mon` wraps), or
    a slashed list of letters (`M/W/F`)."""
    words = " ".join(text.casefold().split())
    if words in PHRASES:
        return PHRASES[words]
    if "/" in words:
        return _letters(words)
    days: set[int] = set()
    for item in _SEPARATOR.split(re.sub(r"\s*-\s*", "-", words)):
        first, dash, last = item.partition("-")
        if not item:
            continue  # `tue,,fri` and a trailing comma are typing slips, not another day
        a = weekday(first)
        b = weekday(last) if dash else a
        if a is None or b is None:
            return None
        days.update((a + k) % 7 for k in range((b - a) % 7 + 1))
    return frozenset(days) or None


def _letters(words: str) -> frozenset[int] | None:
    parts = words.replace(" ", "").split("/")
    found = [LETTERS[p] if p in LETTERS else weekday(p) for p in parts]
    if len(found) < 2 or None in found:
        return None
    return frozenset(d for d in found if d is not None)


def parse_weekdays(text: str) -> frozenset[int]:
    """The set of days `text` names (see read_weekdays), or a refusal that says what to type."""
    days = read_weekdays(text)
    if days is None:
        raise InvalidInput(f"'{text.strip()}' is not a set of days: {DAYS_HELP}")
    return days


def weekday_list(days: frozenset[int]) -> str:
    """The days as a plain list, Monday first: `mon,wed,fri` (how they are stored)."""
    return ",".join(NAMES[d] for d in sorted(days))


def weekdays_in_words(days: frozenset[int]) -> str:
    """The days in as few words as read_weekdays takes back: every day,
    mon-fri, sat-sun, mon,wed,fri."""
    if days == EVERY_DAY:
        return "every day"
    ordered = sorted(days)
    # One run of three or more consecutive days (Monday first) reads as a range.
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{NAMES[ordered[0]]}-{NAMES[ordered[-1]]}"
    return weekday_list(days)
