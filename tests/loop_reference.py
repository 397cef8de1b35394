"""Loop Habit Tracker's score, written straight from docs/formats.md, "Loop's score", as a yardstick.

Independent of rehab_tui.domain.strength on purpose: the end-to-end test of
`rehab import --from loop` compares our strength with this.

    loop_score(entries, num, den, today) -> float in 0..1

`entries` are (date, value) with value "done", "skip" or "none"; days not
listed are "none". The history starts on the earliest entry (give a "none" to
start it earlier). `num`/`den` is Loop's frequency (3/7 = three times a week).
"""

from __future__ import annotations

import math
from datetime import date, timedelta

VALUES = ("done", "skip", "none")


def multiplier(num: int, den: int) -> float:
    """m = 0.5 ** (sqrt(f) / 13) with f = num / den."""
    return 0.5 ** (math.sqrt(num / den) / 13)


def loop_score(entries: list[tuple[date, str]], num: int, den: int, today: date) -> float:
    """The score on `today` (0..1) of a habit whose history is `entries`."""
    if num <= 0 or den <= 0:
        raise ValueError(f"a frequency of {num}/{den}")
    values: dict[date, str] = {}
    for day, value in entries:
        if value not in VALUES:
            raise ValueError(f"{value!r} is not one of {VALUES}")
        values[day] = value
    if not values:
        return 0.0
    m = multiplier(num, den)
    if num / den < 1:
        # Loop doubles both to smooth irregular schedules; f (and so m) stays the same.
        num, den = num * 2, den * 2
    score = 0.0
    day = min(values)
    while day <= today:
        if values.get(day) != "skip":
            # The rolling window: this day and the den - 1 days before it. A skipped
            # day sits in it and counts 0; days before the start count 0 too.
            window = (day - timedelta(days=back) for back in range(den))
            checks = sum(values.get(d) == "done" for d in window)
            score = score * m + min(1.0, checks / num) * (1 - m)
        # A skipped day holds the score where it was.
        day += timedelta(days=1)
    return score
