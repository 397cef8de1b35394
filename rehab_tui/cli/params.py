"""Option types of our own for the command line."""

from __future__ import annotations

import click


def is_ascii_number(text: str) -> bool:
    """Plain digits 0-9, perhaps signed: what a person types as a number.

    str.isdigit() and int() also take '²', '٣' or '５', which then either crash
    (int('²')) or are read as a number nobody typed.
    """
    body = text[1:] if text[:1] in "+-" else text
    return bool(body) and body.isascii() and body.isdigit()


class WholeNumber(click.ParamType):
    """A whole number written in ASCII digits, within `low`..`high` when given.

    Use it for every integer option (`type=WholeNumber(0, 10)`); a bad value is
    click's usage error (exit status 2), never a traceback.
    """

    name = "integer"

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self.low = low
        self.high = high

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            if not is_ascii_number(text):
                self.fail(f"{value!r} is not a whole number (digits 0-9)", param, ctx)
            # 20 digits is far beyond any count here, and keeps int() cheap.
            if len(text) > 20:
                self.fail(f"{text[:20]}… is far too large", param, ctx)
            number = int(text)
        too_low = self.low is not None and number < self.low
        too_high = self.high is not None and number > self.high
        if too_low or too_high:
            if self.high is None:
                self.fail(f"{number} is too small: {self.low} or more", param, ctx)
            if self.low is None:
                self.fail(f"{number} is too large: {self.high} at most", param, ctx)
            self.fail(f"{number} is not in the range {self.low} to {self.high}", param, ctx)
        return number

    def __repr__(self) -> str:
        return f"WholeNumber({self.low}, {self.high})"
