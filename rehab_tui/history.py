"""Plausible made-up histories: the demo database and the benchmarks' long ones."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from .domain.body import PainReading
from .domain.dates import days_between, week_start_of
from .domain.model import Pause, Snooze
from .domain.snoozing import can_snooze
from .store import Store

#: Habits added after the default routine, for histories of more than five habits.
EXTRA_HABITS: tuple[tuple[str, str, int, str], ...] = (
    ("Hamstring stretch", "daily", 3, "Heel on a step, hinge at the hips, 45 s each leg."),
    ("Hip flexor stretch", "every 2 days", 3, "Half-kneeling, tuck the pelvis, 60 s each side."),
    ("Calf raises", "mon,wed,fri", 5, "Slow eccentric single-leg raises: 3 x 15."),
    ("Single-leg bridges", "3/week", 6, "Drive through the heel, hold 2 s at the top: 3 x 10."),
    ("Ankle mobility", "RRULE:FREQ=WEEKLY;BYDAY=MO,TH", 4, "Knee-to-wall rocks, 20 each side."),
    ("Physio exercises", "every 3 days", 15, "The sheet from the last appointment."),
    ("Ice the knee", "daily", 10, "Ten minutes after any run."),
    ("Foot strengthening", "2/week", 5, "Towel curls and short-foot holds."),
    ("Core circuit", "tue,thu,sat", 12, "Dead bugs, bird dogs, side planks."),
    ("Easy walk", "daily", 20, "Twenty minutes at conversation pace."),
)

DEMO_DAYS = 70
#: A history that shows everything: a single miss, a pause, sore days.
DEMO_SEED = 39

AREAS = ("left IT band", "right hip flexor", "hamstrings", "left glute", "lower back", "calves")
#: The areas the demo rates most days, and how sore each starts; each eases
#: over the last PAIN_DAYS, unevenly, as real rehab does.
RATED = (("right hip flexor", 6.0), ("left IT band", 5.0), ("left hamstring", 4.0))
PAIN_DAYS = 84


def synthesize(path: str | Path, today: date, days: int, habits: int = 5, seed: int = 7) -> Store:
    """Create a new database at `path` holding `days` of history ending today.

    Adherence runs in spells, as it does for real people: good stretches near
    95 %, slumps near 40 %, about 85 % overall; sore days are snoozed within the
    budget; now and then a habit is paused for a week or two.
    """
    rng = random.Random(seed)
    first = today - timedelta(days=days - 1)
    store = Store.open(path, first)
    for name, schedule, minutes, cue in EXTRA_HABITS[: max(0, habits - 5)]:
        store.add_habit(name, schedule, first, cue=cue, minutes=minutes, start=first)
    journal = store.journal()
    snoozed: set[date] = set()
    snoozes: list[Snooze] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        if rng.random() < 0.03 and can_snooze(frozenset(snoozed), day, journal.snooze_budget):
            snoozed.add(day)
            snoozes.append(Snooze(day, None, "sore", rng.choice(AREAS), rng.randint(3, 7)))
    pauses: list[tuple[int, Pause]] = []
    checkins: list[tuple[int, date]] = []
    for log in journal.logs:
        habit = log.habit
        paused: set[date] = set()
        day = first + timedelta(days=rng.randint(20, 60))
        while day < today - timedelta(days=21):
            if rng.random() < 0.004:
                length = rng.randint(5, 14)
                pause = Pause(day, day + timedelta(days=length - 1), "physio said rest")
                pauses.append((habit.id, pause))
                paused.update(days_between(pause.start, pause.until))
                day += timedelta(days=length + 30)
            day += timedelta(days=1)
        good = True
        week_done: dict[date, int] = {}
        for offset in range(days):
            day = first + timedelta(days=offset)
            if rng.random() < (0.04 if good else 0.2):
                good = not good
            if day in snoozed or day in paused:
                continue
            if day == today and offset % 2:
                continue  # leave some of today for the person to tick
            chance = 0.95 if good else 0.4
            if habit.schedule.is_quota:
                week = week_start_of(day, journal.week_start)
                if week_done.get(week, 0) >= habit.schedule.quota or rng.random() > 0.45:
                    continue
                week_done[week] = week_done.get(week, 0) + 1
                if rng.random() < chance:
                    checkins.append((habit.id, day))
            elif habit.schedule.occurs(day) and rng.random() < chance:
                checkins.append((habit.id, day))
    store.load_history(today, checkins, snoozes, pauses, _pain(rng, today, min(days, PAIN_DAYS)))
    return store


def _pain(rng: random.Random, today: date, days: int) -> list[PainReading]:
    """Readings on most of the last `days` days, falling from each area's start
    to about a third of it, with day-to-day noise."""
    readings = []
    for offset in range(days):
        day = today - timedelta(days=days - 1 - offset)
        eased = offset / max(days - 1, 1)
        for area, start in RATED:
            if rng.random() < 0.35:
                continue
            level = start * (1 - 0.65 * eased) + rng.uniform(-1.2, 1.2)
            readings.append(PainReading(day, area, max(0, min(10, round(level)))))
    return readings


@contextmanager
def demo_store(today: date) -> Iterator[Store]:
    """The demo database, in a temporary folder removed when it closes
    (the person's own file is never touched)."""
    with tempfile.TemporaryDirectory(prefix="rehab-demo-") as folder:
        store = synthesize(Path(folder) / "demo.db", today, DEMO_DAYS, seed=DEMO_SEED)
        try:
            yield store
        finally:
            store.close()
