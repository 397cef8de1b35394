"""What the Loop and harsh converters share: cleaning text, mapping a rate to a
schedule, and assembling our export (version 2) from what they read."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..domain.dates import MIN_YEAR
from ..domain.errors import InTheFuture, OutOfRange
from ..domain.lookup import unique_slug
from ..domain.reminders import Timing
from ..domain.rules import CUE, NAME, NOTE, REASON, is_control
from ..domain.schedules import parse_schedule
from ..domain.weekdays import weekday_list, weekdays_in_words

FORMAT = "rehab-tui export"
VERSION = 2
_DAY = timedelta(days=1)

# Line breaks of every kind (and the whitespace around them) become one space.
_BREAKS = re.compile(r"\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")


@dataclass(frozen=True)
class Moved:
    """What another tracker's files become: our export, and what was done to get it.

    `data` is a rehab-tui export (format version 2) ready for `import_data`;
    `notes` are sentences for a person: how each habit was mapped and what
    could not be carried over.
    """

    data: dict[str, Any]
    notes: list[str]


@dataclass
class Draft:
    """One habit as a converter read it, before names and slugs are settled."""

    name: str
    cue: str
    #: (num, den): "num times in any den days", mapped to a schedule once the start is known.
    rate: tuple[int, int] | None = None
    #: How the other tracker wrote the rate, for the notes ("Loop frequency 3/7").
    rate_label: str = ""
    #: The schedule when there is no rate to map (the remarks say why).
    schedule: str = "1/week"
    history_start: date | None = None  # the first day the other tracker has anything for it
    archived: date | None = None
    checkins: set[date] = field(default_factory=set)
    skips: set[date] = field(default_factory=set)
    #: The other tracker's note of a day: a check-in's note, or a skip's reason.
    notes: dict[date, str] = field(default_factory=dict)
    remarks: list[str] = field(default_factory=list)  # sentences about this habit
    #: Its reminders (at most one in Loop), to the desktop.
    reminders: list[Timing] = field(default_factory=list)

    def carried_days(self) -> set[date]:
        return self.checkins | self.skips | set(self.notes)

    def last_day(self) -> date | None:
        days = self.carried_days()
        return max(days) if days else None


def one_line(text: str | None, cap: int) -> str:
    """Text as our fields keep it: one line, no control characters, at most `cap` characters."""
    text = unicodedata.normalize("NFC", text or "")
    text = _BREAKS.sub(" ", text).replace("\t", " ")
    text = "".join(ch for ch in text if not is_control(ch)).strip()
    if len(text) > cap:
        text = text[: cap - 1].rstrip() + "…"
    return text


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --- frequencies -------------------------------------------------------------


def rate_schedule(num: int, den: int, start: date) -> tuple[str, str]:
    """A schedule our parse_schedule accepts for "num times in any den days", and how it was chosen.

    Returns (schedule text, a short explanation). Raises ValueError for a rate
    that means nothing (a zero or negative part).
    """
    if num <= 0 or den <= 0:
        raise ValueError(f"{num}/{den}")
    if num >= den:
        if num > den:
            return "daily", f"{num} times in {den} days is more than once a day; imported as daily"
        return "daily", "daily"
    if den == 7:
        return f"{num}/week", f"a weekly quota, {num}/week"
    if num == 1:
        if den <= 365:
            return f"every {den} days", f"every {den} days"
        rule = f"RRULE:FREQ=DAILY;INTERVAL={den}"
        return rule, f"every {den} days, kept as {rule} (beyond the 365 days 'every N days' allows)"
    if den in (30, 31) and num <= 28:
        rule = _monthly_rule(num, start)
        return rule, f"{rule}: {num} times a month, on fixed days of the month"
    if (7 * num) % den == 0:
        q = 7 * num // den
        return f"{q}/week", f"{q}/week (the same rate as {num} in {den} days)"
    g = math.gcd(num, den)
    n, d = num // g, den // g
    if n == 1:
        return f"every {d} days", f"every {d} days (the same rate as {num} in {den} days)"
    # No form of ours keeps the rate exactly: take the nearest quota or interval.
    rate = num / den
    candidates: list[tuple[float, int, str]] = []
    q = round(rate * 7)
    if 1 <= q <= 7:
        candidates.append((abs(q / 7 - rate), 0, f"{q}/week"))
    every = round(1 / rate)
    if 2 <= every <= 365:
        candidates.append((abs(1 / every - rate), 1, f"every {every} days"))
    text = min(candidates)[2] if candidates else "daily"
    return text, f"{text}, the nearest rate to {num} in {den} days (not exact)"


def _monthly_rule(k: int, start: date) -> str:
    """k days of the month, spread evenly over 1..28 (days every month has).

    Our strength counts an RRULE's days in the 28 days from its anchor; the
    days are shifted until those 28 days hold all k of them, so the rate is k/28.
    """
    spreads = [sorted({(shift + j * 28 // k) % 28 + 1 for j in range(k)}) for shift in range(28)]
    rules = ["RRULE:FREQ=MONTHLY;BYMONTHDAY=" + ",".join(map(str, days)) for days in spreads]
    # Some shift always fits a 28-day stretch; the first is only a fallback.
    return next((rule for rule in rules if parse_schedule(rule, start).frequency_parts == (k, 28)), rules[0])


# --- assembling the export -----------------------------------------------------


def check_day(day: date, today: date, what: str) -> date:
    """A day from the other tracker's files, refused when it is in the future or absurdly old."""
    if day > today:
        raise InTheFuture(
            f"{what} is dated {day.isoformat()}, after today ({today.isoformat()}); nothing was imported", day
        )
    if day.year < MIN_YEAR:
        raise OutOfRange(f"{what} is dated {day.isoformat()}, before {MIN_YEAR}; the file looks damaged")
    return day


def assemble(drafts: list[Draft], today: date, source: str, extra: list[str] | None = None) -> Moved:
    """Our export from the drafts, in their order, with one set of notes (`extra` last)."""
    habits: list[dict[str, Any]] = []
    notes: list[str] = []
    slugs: set[str] = set()
    names: set[str] = set()
    for position, draft in enumerate(drafts, start=1):
        name = one_line(draft.name, NAME.cap) or f"Habit {position}"
        if name != draft.name.strip():
            draft.remarks.append(f"its name was shortened or cleaned to '{name}'")
        unique, n = name, 2
        while unique.casefold() in names:
            suffix = f" ({n})"
            unique, n = name[: NAME.cap - len(suffix)] + suffix, n + 1
        if unique != name:
            draft.remarks.append(f"a second habit has the same name, so this one is '{unique}'")
        name = unique
        names.add(name.casefold())
        slug = unique_slug(name, slugs)
        slugs.add(slug)

        draft.skips -= draft.checkins
        # A note is a check-in's (our export's notes are check-ins'); a skip's
        # note becomes its snooze's reason, so it never turns the day into one.
        kept_notes = {d: t for d, t in draft.notes.items() if d in draft.checkins}
        reasons = {d: one_line(t, REASON.cap) for d, t in draft.notes.items() if d in draft.skips}
        dropped = len(draft.notes) - len(kept_notes) - len(reasons)
        if dropped:
            draft.remarks.append(f"{plural(dropped, 'note')} on days without a check-in or a skip could not be kept")
        cut = sum(reasons[d] != draft.notes[d] for d in reasons)
        if cut:
            draft.remarks.append(f"{plural(cut, 'skip note')} became a reason cut to {REASON.cap} characters")
        carried = draft.carried_days()
        start = draft.history_start or (min(carried) if carried else None)
        if start is None:
            start = today if draft.archived is None else min(today, draft.archived - _DAY)
            draft.remarks.append(f"no history; it starts on {start.isoformat()}")
        if carried:
            start = min(start, min(carried))
        archived = draft.archived
        last = draft.last_day()
        if archived is not None and last is not None and archived <= last:
            ended, archived = archived - _DAY, last + _DAY
            draft.remarks.append(
                f"it has entries after its last active day {ended.isoformat()}, "
                f"so it is archived from {archived.isoformat()}"
            )
        if archived is not None and archived <= start:
            archived = start + _DAY
        if archived is not None and draft.reminders:
            # An archived habit is never due: its reminder would never say a word.
            draft.remarks.append("it is archived, so its reminder was not carried over")
            draft.reminders.clear()

        schedule = draft.schedule
        if draft.rate is not None:
            try:
                schedule, how = rate_schedule(*draft.rate, start)
                draft.remarks.insert(0, f"{draft.rate_label} became {how}")
            except ValueError:
                draft.remarks.insert(
                    0,
                    f"{draft.rate_label} is not a frequency this app understands; imported as "
                    f"{schedule}, so set its real schedule",
                )
        parse_schedule(schedule, start)  # every schedule we write must read back
        habit = {
            "name": NAME.clean(name, required=True),
            "slug": slug,
            "cue": CUE.clean(one_line(draft.cue, CUE.cap)),
            "minutes": None,
            "start": start.isoformat(),
            "archived": archived.isoformat() if archived else None,
            "position": position,
            "updated_at": None,
            "schedules": [{"from": start.isoformat(), "schedule": schedule}],
            "checkins": sorted(d.isoformat() for d in draft.checkins),
            "notes": {d.isoformat(): NOTE.clean(t) for d, t in sorted(kept_notes.items())},
            "snoozes": [
                {
                    "day": d.isoformat(),
                    "reason": reasons.get(d) or f"skipped in {source}",
                    "area": None,
                    "pain": None,
                    "exempt": True,
                }
                for d in sorted(draft.skips)
            ],
            "pauses": [],
            "reminders": [{"at": r.at, "days": weekday_list(r.days), "to": r.target} for r in draft.reminders],
        }
        habits.append(habit)
        draft.remarks.extend(
            f"its reminder at {r.at}, {weekdays_in_words(r.days)}, became a reminder for it (to the desktop)"
            for r in draft.reminders
        )
        notes.append(
            f"{name}: {plural(len(draft.checkins), 'check-in')}, {plural(len(draft.skips), 'skip')}"
            f" (exempt snoozes{f', {len(reasons)} with the note kept as the reason' if reasons else ''}),"
            f" {plural(len(kept_notes), 'note')}, from {start.isoformat()}"
            + (f", archived from {archived.isoformat()}" if archived else "")
        )
        notes.extend(f"{name}: {remark}" for remark in draft.remarks)
    notes.extend(extra or [])
    data = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": None,
        "settings": {},
        "rest_days": [],
        "habits": habits,
    }
    return Moved(data=data, notes=notes)
