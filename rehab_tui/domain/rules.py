"""Every limit a record must keep, defined once, and the pure checks that apply them.

The store's write methods (the one gate, docs/architecture.md, "The write gate") call these before they
write; screens and commands may ask them to explain a value early, but never
keep a copy of a limit.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .dates import day_text
from .errors import (
    BeforeStart,
    InTheFuture,
    InvalidInput,
    LongPause,
    NotDone,
    NothingToRest,
    OutOfRange,
    RuleRefused,
)
from .model import Habit, Pause
from .numbers import Range
from .prescription import Dose, Prescription
from .states import DayState
from .weekdays import EVERY_DAY, parse_weekdays

if TYPE_CHECKING:
    from .body import PainReading


PAIN = Range(0, 10, "pain")
MINUTES = Range(1, 600, "minutes", "minutes")
SETS = Range(1, 20, "sets")
REPS = Range(1, 100, "reps")
HOLD = Range(1, 600, "a hold", "seconds")
#: A minimum dose's own sets and hold: the full dose's ranges, named apart.
MIN_SETS = Range(SETS.low, SETS.high, "min sets")
MIN_HOLD = Range(HOLD.low, HOLD.high, "a minimum hold", "seconds")
REST = Range(1, 600, "rest between sets", "seconds")
#: How many weeks the report and the pain list look back (520: ten years, as
#: far as any history here goes).
WEEKS_BACK = Range(1, 520, "a look back", "weeks")

#: Snoozes may be planned this far ahead (a sore week is seen coming, not longer).
SNOOZE_AHEAD = timedelta(days=7)
#: The budget is counted over any this many consecutive days.
SNOOZE_WINDOW = 7
#: A pause reaching further than this past its first day is asked about first:
#: a month-day typed for the wrong month ("Nov 1" for "Dec 1") reads as next
#: year's, and a year-long pause would otherwise pass without a word.
LONG_PAUSE = timedelta(weeks=8)


@dataclass(frozen=True)
class TextField:
    """A free-text field: its name in messages and its length cap."""

    what: str
    cap: int

    def clean(self, value: str | None, required: bool = False) -> str:
        """The text as stored: trimmed, one line, no control characters, within the cap."""
        text = unicodedata.normalize("NFC", value or "").strip()
        if required and not text:
            raise InvalidInput(f"{self.what} cannot be empty")
        if any(is_control(ch) for ch in text):
            raise InvalidInput(f"{self.what} cannot hold control characters or line breaks")
        if len(text) > self.cap:
            raise InvalidInput(f"{self.what} can be at most {self.cap} characters ({len(text)} given)")
        return text


def is_control(ch: str) -> bool:
    """A character no field may hold and no terminal should be sent raw."""
    # Zl and Zp are the Unicode line and paragraph separators; the joiners are
    # kept because emoji sequences need them.
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in "\u200d\u200c"


def shown(text: str) -> str:
    """`text` as it may be shown: every control character (a hand-edited file
    may hold an escape sequence) as a visible placeholder, never sent raw: a
    C0 control as its Unicode control picture (ESC as ␛, a line break as ␊),
    any other as �."""
    return _each_control(text, _picture)


def escaped(text: str) -> str:
    """`text` with every control character written as its escape (`\\n`,
    `\\x1b`, `\\u202e`), so what is shown is exactly what is there."""
    return _each_control(text, lambda ch: ascii(ch)[1:-1])


def _each_control(text: str, replace: Callable[[str], str]) -> str:
    # isprintable() answers most texts at C speed; what it doubts (a joiner,
    # a no-break space) is looked at character by character.
    if text.isprintable() or not any(is_control(ch) for ch in text):
        return text
    return "".join(replace(ch) if is_control(ch) else ch for ch in text)


def _picture(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


NAME = TextField("a habit name", 100)
CUE = TextField("a cue", 300)
WHEN = TextField("a 'when'", 100)
REASON = TextField("a reason", 100)
AREA = TextField("a body area", 100)
NOTE = TextField("a note", 300)
MIN_DOSE = TextField("a minimum dose", 100)
#: What `rehab sync status` calls a machine (its host name unless given).
DEVICE_NAME = TextField("a device name", 40)
#: The area a snooze's pain is filed under when the snooze names none.
UNNAMED_AREA = "general"


def check_not_future(day: date, today: date, what: str) -> date:
    if day > today:
        raise InTheFuture(f"{day.isoformat()} is in the future; {what} on the day itself", day)
    return day


def check_snooze_day(day: date, today: date) -> date:
    if day > today + SNOOZE_AHEAD:
        raise OutOfRange(f"snoozes reach at most {SNOOZE_AHEAD.days} days ahead ({day.isoformat()} is further)")
    return day


def check_habit(habit: Habit) -> Habit:
    """A habit as it may be stored: its texts cleaned, every field in range.

    The name's uniqueness needs the other habits, so the store checks that.
    """
    if habit.archived is not None and habit.archived < habit.start:
        raise RuleRefused(f"{habit.name} cannot be archived ({habit.archived}) before it starts ({habit.start})")
    sinces = [v.since for v in habit.versions]
    if sinces != sorted(set(sinces)):
        raise RuleRefused(f"{habit.name}: two schedule versions take effect on the same day")
    return replace(
        habit,
        name=NAME.clean(habit.name, required=True),
        cue=CUE.clean(habit.cue),
        minutes=MINUTES.check(habit.minutes),
        when=WHEN.clean(habit.when),
        prescription=check_prescription(habit.prescription),
    )


def check_prescription(p: Prescription) -> Prescription:
    """Sets 1–20, reps 1–100, hold and rest 1–600 s; a minimum dose's own sets
    and hold are within the full dose's, and its hold needs a hold to shorten."""
    p = replace(
        p,
        sets=SETS.check(p.sets),
        reps=REPS.check(p.reps),
        hold=HOLD.check(p.hold),
        rest=REST.check(p.rest),
        min_text=MIN_DOSE.clean(p.min_text),
        min_sets=MIN_SETS.check(p.min_sets),
        min_hold=MIN_HOLD.check(p.min_hold),
    )
    if p.min_hold is not None and (p.hold is None or p.min_hold > p.hold):
        raise OutOfRange("a minimum dose's hold needs a hold at least as long (--hold)")
    if p.min_sets is not None and (p.sets is None or p.min_sets > p.sets):
        raise OutOfRange("a minimum dose's sets need as many sets or more (--sets)")
    return p


def check_reading(reading: PainReading, today: date) -> PainReading:
    """A pain reading: 0–10 (a snooze may name an area without one), a named
    area within its cap, a note within its cap, not in the future."""
    if reading.pain is None and not reading.from_snooze:
        raise InvalidInput("a pain reading needs a number from 0 to 10")
    check_not_future(reading.day, today, "record pain")
    area = AREA.clean(reading.area) or (UNNAMED_AREA if reading.from_snooze else "")
    if not area:
        raise InvalidInput("a pain reading needs a body area (--area), e.g. 'left IT band'")
    return replace(reading, area=area, pain=PAIN.check(reading.pain), note=NOTE.clean(reading.note))


def check_pause(pause: Pause) -> Pause:
    if pause.until < pause.start:
        raise InvalidInput(f"a pause cannot end ({pause.until}) before it starts ({pause.start})")
    return replace(pause, reason=REASON.clean(pause.reason))


def check_pause_start(pause: Pause, today: date) -> Pause:
    """A pause starts today or later: rest for past days goes through snooze and
    its budget, so a broken streak cannot be lifted for free. Pauses brought in
    (an import, Store.bring_pause) record what already happened and skip this."""
    if pause.start < today:
        raise RuleRefused(
            f"a pause starts today or later ({pause.start.isoformat()} is past); to rest a past day use "
            f"rehab snooze --date {pause.start.isoformat()}, within the snooze budget"
        )
    return pause


def pause_is_long(pause: Pause, before: Pause | None = None) -> bool:
    """Whether making `pause` (or lengthening `before` into it) needs a yes:
    it reaches more than LONG_PAUSE past its first day, and is new or ends
    later than before. Shortening a long pause asks nothing."""
    return pause.until - pause.start > LONG_PAUSE and (before is None or pause.until > before.until)


def check_pause_length(pause: Pause, before: Pause | None, confirmed: bool) -> Pause:
    if not confirmed and pause_is_long(pause, before):
        raise LongPause(
            f"a pause from {day_text(pause.start)} through {day_text(pause.until)} is {pause.days} days, "
            f"more than {LONG_PAUSE.days // 7} weeks; check the last day, "
            "or confirm it",
            pause.days,
        )
    return pause


#: The states a snooze can rest: something still to do (or missed) that day.
RESTABLE = frozenset({DayState.PENDING, DayState.UPCOMING, DayState.MISSED})


def check_snooze_needed(
    day: date,
    states: list[DayState],
    habit: Habit | None = None,
    habit_state: DayState | None = None,
    next_due: date | None = None,
) -> date:
    """A snooze must rest something: not a habit already done that day, not a
    habit that is not due that day (the message names `next_due`, the next day
    it is), not a day whose routine is complete (every habit due done, or
    nothing due). Such a snooze would only turn a counted day into a frozen
    one and use budget."""
    when = day_text(day)
    if habit is not None:
        if habit_state is DayState.DONE:
            raise NothingToRest(f"{habit.name} is already done on {when}; nothing to rest, no snooze used")
        if habit_state is DayState.OFF:
            then = f"next due {day_text(next_due)}" if next_due else "not due again in the coming year"
            raise NothingToRest(f"{habit.name} is not due on {when}; {then}; nothing to rest, no snooze used")
    elif not any(state in RESTABLE for state in states):
        raise NothingToRest(f"the routine of {when} is complete; nothing to rest, no snooze used")
    return day


def check_dose(habit: Habit, dose: Dose) -> Dose:
    """A tick at the minimum dose needs a minimum to have been done: without
    one it would record a dose nobody set (docs/architecture.md, "The minimum dose")."""
    if dose is Dose.MIN and not habit.prescription.has_minimum:
        raise RuleRefused(
            f"{habit.name} has no minimum dose; set one with: rehab habit edit {habit.slug} --min 'one set'"
        )
    return dose


def check_start(habit: Habit, start: date, first_checkin: date | None) -> date:
    """A new start day: not after the first check-in, which would leave it before the start."""
    if first_checkin is not None and first_checkin < start:
        raise RuleRefused(
            f"{habit.name} was done on {first_checkin.isoformat()}, before {start.isoformat()}; "
            "a start cannot leave check-ins before it"
        )
    return start


def check_schedule_since(habit: Habit, since: date) -> date:
    """A schedule change takes effect on or after the habit's start."""
    if since < habit.start:
        raise RuleRefused(
            f"{habit.name} starts on {habit.start.isoformat()}; a schedule change cannot take effect "
            f"before it ({since.isoformat()})"
        )
    return since


def check_checkin(habit: Habit, day: date, today: date) -> date:
    """A check-in: not in the future, and not before the start (an archived
    habit keeps the check-ins it has; the commands offer only active ones)."""
    check_not_future(day, today, "check in")
    if day < habit.start:
        raise BeforeStart(
            f"{habit.name} starts on {habit.start.isoformat()}; to count {day.isoformat()} "
            f"move its start first: rehab habit edit {habit.slug} --start {day.isoformat()}",
            habit.id,
            day,
            habit.start,
        )
    return day


def check_note(habit: Habit, day: date, done: bool, note: str) -> str:
    """A check-in's note as stored ('' removes it): cleaned by NOTE, and only
    on a day the habit was done, since a note goes with a check-in."""
    text = NOTE.clean(note)
    if not done:
        raise NotDone(f"{habit.name} was not done on {day_text(day)}; a note goes with a check-in")
    return text


# -------------------------------------------------------------- reminders

#: Where a reminder goes: an apprise URL, one line (apprise URLs of chat
#: services with tokens run long, hence the cap).
REMINDER_TARGET = TextField("a reminder's --to URL", 2000)
#: A failed notification's message, as `remind list` keeps it.
REMINDER_ERROR = TextField("a reminder's error", 500)


def check_reminder_time(text: str) -> str:
    """A time of day, HH:MM on the 24-hour clock (7:05 is taken as 07:05); as stored."""
    raw = (text or "").strip()
    hours, sep, minutes = raw.partition(":")
    if (
        sep
        and hours.isdigit()
        and minutes.isdigit()
        and hours.isascii()
        and minutes.isascii()
        and 1 <= len(hours) <= 2
        and len(minutes) == 2
        and int(hours) < 24
        and int(minutes) < 60
    ):
        return f"{int(hours):02d}:{minutes}"
    raise InvalidInput(f"'{raw}' is not a time of day: use HH:MM on the 24-hour clock, e.g. 19:30")


def check_reminder_days(text: str | None) -> frozenset[int]:
    """A reminder's days (0 = Monday), in any words weekdays.py reads; None is every day."""
    return EVERY_DAY if text is None else parse_weekdays(text)


def check_reminder_target(text: str | None) -> str | None:
    """Where a reminder goes: None for the desktop, else one line that reads
    as an apprise URL (scheme://...), e.g. ntfy://my-topic or mailto://..."""
    if text is None:
        return None
    url = REMINDER_TARGET.clean(text, required=True)
    scheme, sep, rest = url.partition("://")
    if not (
        sep and rest and scheme[:1].isalpha() and scheme.isascii() and all(ch.isalnum() or ch in "+.-" for ch in scheme)
    ):
        # Not repeated back: a mistyped URL may still hold a password.
        raise InvalidInput(
            "--to is not a notification URL (scheme://...): use an apprise URL like ntfy://my-topic, "
            "tgram://BOT_TOKEN/CHAT_ID or mailto://user:pass@example.com"
        )
    if any(ch.isspace() for ch in url):
        raise InvalidInput("a reminder's --to URL cannot hold spaces (write %20)")
    return url
