"""Option types of our own for the command line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from ..domain.errors import RehabError
from ..domain.numbers import whole_number, within
from ..domain.rules import WEEKS_BACK

F = TypeVar("F", bound=Callable[..., object])


class WholeNumber(click.ParamType):
    """A whole number written in ASCII digits, within `low`..`high` when given
    (read by domain/numbers.py, which words every refusal).

    Use it for every integer option (`type=WholeNumber(0, 10)`); a bad value is
    click's usage error (exit status 2), never a traceback.
    """

    name = "integer"

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self.low = low
        self.high = high

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            if isinstance(value, int) and not isinstance(value, bool):
                return within(value, self.low, self.high)
            return whole_number(str(value), self.low, self.high)
        except RehabError as exc:
            self.fail(str(exc), param, ctx)

    def __repr__(self) -> str:
        return f"WholeNumber({self.low}, {self.high})"


def weeks_option(default: int, text: str) -> Callable[[F], F]:
    """`--weeks N`: how far back a command looks, within the one range for it."""
    return click.option(
        "--weeks",
        type=WholeNumber(WEEKS_BACK.low, WEEKS_BACK.high),
        default=default,
        show_default=True,
        metavar="N",
        help=f"{text} ({WEEKS_BACK.words()}).",
    )
