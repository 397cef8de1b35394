"""A monotonic clock the tests move by hand, for the guided session's countdown."""

from __future__ import annotations


class FakeMonotonic:
    """Stands still until told to move: what the countdown shows depends on it alone."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
