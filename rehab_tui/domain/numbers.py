"""Whole numbers as people type them, and the ranges they must keep.

Every place that reads a number typed as text (an option, a setting, a
schedule's N) reads it here, so each refuses the same way in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InvalidInput, OutOfRange

#: Far beyond any count here; refusing longer text also keeps int() cheap
#: (and clear of Python's limit on converting very long digit strings).
MAX_DIGITS = 20


def whole_number(text: str, low: int | None = None, high: int | None = None) -> int:
    """A whole number written in ASCII digits, perhaps signed, within `low`..`high` when given.

    str.isdigit() and int() also take '²', '٣' or '５', which then either crash
    (int('²')) or are read as a number nobody typed; they are refused here.
    """
    typed = text.strip()
    body = typed[1:] if typed[:1] in "+-" else typed
    if not (body and body.isascii() and body.isdigit()):
        raise InvalidInput(f"{text!r} is not a whole number (digits 0-9)")
    if len(typed) > MAX_DIGITS:
        raise OutOfRange(f"{typed[:MAX_DIGITS]}… is far too large")
    return within(int(typed), low, high)


def within(number: int, low: int | None = None, high: int | None = None) -> int:
    """`number` when it is within `low`..`high` (either may be open), else a refusal that says the range."""
    if (low is None or number >= low) and (high is None or number <= high):
        return number
    if high is None:
        raise OutOfRange(f"{number} is too small: {low} or more")
    if low is None:
        raise OutOfRange(f"{number} is too large: {high} at most")
    raise OutOfRange(f"{number} is not in the range {low} to {high}")


@dataclass(frozen=True)
class Range:
    """An inclusive range of whole numbers, with the words that name it."""

    low: int
    high: int
    what: str
    unit: str = ""

    def check(self, value: int | None) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(f"{self.what} is a whole number from {self.low} to {self.high} ({value!r} given)")
        if not self.low <= value <= self.high:
            raise OutOfRange(f"{self.what} goes from {self.low} to {self.high}{self._unit} ({value} given)")
        return value

    def parse(self, text: str) -> int:
        """A number typed as text, within the range; a refusal names what it is for."""
        try:
            number = whole_number(text)
        except InvalidInput as exc:
            raise type(exc)(f"{self.what} goes from {self.low} to {self.high}{self._unit}: {exc}") from None
        self.check(number)
        return number

    @property
    def _unit(self) -> str:
        return f" {self.unit}" if self.unit else ""

    def words(self) -> str:
        """The range as help text gives it: `1-520`."""
        return f"{self.low}-{self.high}"
