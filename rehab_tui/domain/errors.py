"""The refusals a user can meet, typed so that a screen can react to the kind
of refusal (offer to move a start, offer a pause) instead of re-checking the
rule itself. Every one is shown as one `error:` line by the command line and as
one notification by the app; the message is the sentence the user reads.

The hierarchy is small on purpose: a class exists only where some caller
reacts to it differently, or where a test must tell two refusals apart.
See docs/architecture.md, "Errors".
"""

from __future__ import annotations

from datetime import date


class RehabError(Exception):
    """A problem the user can fix; its message is shown as one `error:` line."""


# ------------------------------------------------------------------ input


class InvalidInput(RehabError):
    """A value the user typed is not of the form the command takes (a date, a
    schedule, a time of day, a text with control characters, ...)."""


class OutOfRange(InvalidInput):
    """A number or date of the right form but outside the range allowed."""


class NotFound(RehabError):
    """Nothing matches the name given (a habit, a reminder, a setting, a file)."""


class Ambiguous(NotFound):
    """More than one thing matches the name given; more of it is needed."""


class AlreadyExists(RehabError):
    """The name, slug or file asked for is taken."""


# ------------------------------------------------------------------ rules


class RuleRefused(RehabError):
    """The gate refused a change that would break one of the day rules."""


class InTheFuture(RuleRefused):
    """A check-in, reading or back-fill on a day after today."""

    def __init__(self, message: str, day: date) -> None:
        super().__init__(message)
        self.day = day


class BeforeStart(RuleRefused):
    """A check-in on a day before the habit's start; the app offers to move the
    start back to `day`, the command line names the command that does."""

    def __init__(self, message: str, habit_id: int | None, day: date, start: date) -> None:
        super().__init__(message)
        self.habit_id = habit_id
        self.day = day
        self.start = start


class NotDone(RuleRefused):
    """A note on a day the habit was not done: a note goes with a check-in. The
    command line names the command that records both."""


class BudgetSpent(RuleRefused):
    """A snooze beyond the snooze budget of the last seven days."""


class NothingToRest(RuleRefused):
    """A snooze of a day or habit that has nothing left to rest."""


class LongPause(RuleRefused):
    """A pause made or lengthened to reach more than eight weeks past its first
    day without being confirmed: the command line asks (or wants --yes), the
    app asks for a second press."""

    def __init__(self, message: str, days: int) -> None:
        super().__init__(message)
        self.days = days


# ------------------------------------------------------------------ the file


class StorageError(RehabError):
    """The database file cannot be opened, read or written as asked."""


class DiskFull(StorageError):
    """No space is left on the device."""


class ReadOnly(StorageError):
    """The file or its folder cannot be written."""


class Damaged(StorageError):
    """The file, or a row in it, is not what this version of rehab wrote."""
