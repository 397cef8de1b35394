"""What every figure of benchmarks/run.py is, and the small helpers they share."""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

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


def rehab_command() -> list[str]:
    """`rehab` as a user runs it: the installed script (else `python -m rehab_tui`)."""
    script = Path(sys.executable).with_name("rehab")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rehab_tui"]


def run_child(argv: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds (user + system) of one child process, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, proc.stdout


def race(
    contenders: tuple[tuple[str, list[str]], ...], repeats: int, check: Callable[[str, str], None]
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Each contender's process run in turn (a different one first each
    round), `repeats` measured rounds after one that warms the disk cache and
    is dropped; `check(name, output)` refuses a wrong answer. Wall and CPU
    times, by name."""
    walls: dict[str, list[float]] = {name: [] for name, _ in contenders}
    cpus: dict[str, list[float]] = {name: [] for name, _ in contenders}
    for i in range(repeats + 1):
        for name, argv in in_turn(i, contenders):
            wall, cpu, out = run_child(argv)
            check(name, out)
            if i:
                walls[name].append(wall)
                cpus[name].append(cpu)
    for name, values in walls.items():
        log(f"  {name}: {[round(w, 3) for w in values]}")
    return walls, cpus


def cross_checks(walls: dict[str, list[float]], cpus: dict[str, list[float]], one: str, other: str) -> str:
    """The note under a race's figure: the ratio of the fastest runs and of CPU time."""
    c = {k: median(v) for k, v in cpus.items()}
    fastest = {k: min(v) for k, v in walls.items()}
    return (
        f"fastest runs {fastest[one]:.3f} s vs {fastest[other]:.3f} s ({fastest[one] / fastest[other]:.2f}x); "
        f"CPU {c[one]:.3f} s vs {c[other]:.3f} s ({c[one] / c[other]:.2f}x)"
    )
