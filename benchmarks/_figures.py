"""What every figure of benchmarks/run.py is, and the small helpers they share."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date

import click

#: The day every history ends, and the habits of the ten-year ones.
TODAY = date(2026, 11, 21)
HABITS = 12


@dataclass
class Figure:
    key: str
    name: str
    value: float
    baseline: float
    unit: str
    target: float
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.baseline

    @property
    def passed(self) -> bool:
        return self.ratio <= self.target


def median(values: list[float]) -> float:
    return statistics.median(values)


def in_turn(i: int, contenders: tuple) -> tuple:
    """The contenders, a different one first each round."""
    shift = i % len(contenders)
    return contenders[shift:] + contenders[:shift]


def log(text: str) -> None:
    click.echo(text, err=True)
