"""Pain readings by body area, and the series that show whether it is working
(docs/architecture.md, "Pain readings"). Figures are put side by side; nothing here claims a cause."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

#: A 7-day mean: the day and the six before it.
MEAN_DAYS = 7


def area_key(area: str) -> str:
    """Areas are one when they differ only by case or spacing ("Left IT band" = "left it  band")."""
    return " ".join(unicodedata.normalize("NFC", area).casefold().split())


@dataclass(frozen=True)
class PainReading:
    """How one body area felt on one day, 0–10 (None: an area a snooze named without a number)."""

    day: date
    area: str
    pain: int | None
    note: str = ""
    #: Recorded with a snooze of that day.
    from_snooze: bool = False

    @property
    def key(self) -> str:
        return area_key(self.area)


@dataclass(frozen=True)
class PainPoint:
    day: date
    pain: int | None
    mean: float | None  # over the MEAN_DAYS days ending here; None when none of them has a reading


def areas(readings: Iterable[PainReading]) -> list[str]:
    """The areas, each once under its latest spelling, the most recently rated first."""
    latest: dict[str, PainReading] = {}
    for r in sorted(readings, key=lambda r: r.day):
        latest[r.key] = r
    return [r.area for r in sorted(latest.values(), key=lambda r: r.day, reverse=True)]


def last_readings(readings: Iterable[PainReading]) -> dict[str, PainReading]:
    """Each area's latest rated reading, by area key (what the body form starts from)."""
    latest: dict[str, PainReading] = {}
    for r in sorted(readings, key=lambda r: r.day):
        if r.pain is not None:
            latest[r.key] = r
    return latest


def _mean(values: list[int]) -> float:
    # statistics.fmean would do, but importing statistics (and fractions with
    # it) costs every command, `rehab today` included, more than this line.
    return sum(values) / len(values)


def _daily(readings: Iterable[PainReading], area: str) -> dict[date, int]:
    key = area_key(area)
    return {r.day: r.pain for r in readings if r.key == key and r.pain is not None}


def pain_series(readings: Sequence[PainReading], area: str, first: date, last: date) -> list[PainPoint]:
    """Every day from `first` to `last`: that day's reading (or None) and the
    mean of the readings in the 7 days ending on it; gaps stay gaps."""
    daily = _daily(readings, area)
    points = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        window = [daily[d] for d in (day - timedelta(days=k) for k in range(MEAN_DAYS)) if d in daily]
        points.append(PainPoint(day, daily.get(day), round(_mean(window), 2) if window else None))
    return points


def weekly_pain(readings: Sequence[PainReading], area: str, weeks: Sequence[date]) -> list[float | None]:
    """The mean reading of each week (given by its first day); None for a week with no reading."""
    daily = _daily(readings, area)
    means: list[float | None] = []
    for week in weeks:
        values = [daily[d] for d in (week + timedelta(days=k) for k in range(7)) if d in daily]
        means.append(round(_mean(values), 1) if values else None)
    return means


@dataclass(frozen=True)
class PainChange:
    """An area's mean pain in the first and the last week with readings in a
    period (in its first and last half, when the readings span less than two weeks)."""

    area: str
    before: float
    after: float
    readings: int
    #: The first and the last day rated: the change is stated over this span,
    #: never over a longer period the readings do not cover.
    first: date
    last: date

    def words(self) -> str:
        days = (self.last - self.first).days + 1
        span = f"{days} days" if days < 14 else f"{round(days / 7)} weeks"
        return f"pain in the {self.area}: {self.before:.1f} → {self.after:.1f} over {span}"


def pain_change(readings: Sequence[PainReading], area: str, first: date, last: date) -> PainChange | None:
    """How an area's pain moved over a period, or None with fewer than two
    readings in it (one reading has no trend)."""
    daily = {d: p for d, p in _daily(readings, area).items() if first <= d <= last}
    if len(daily) < 2:
        return None
    days = sorted(daily)
    # A week at each end, but never so long that the two ends share a reading.
    reach = timedelta(days=min(MEAN_DAYS, ((days[-1] - days[0]).days + 1) // 2))
    early = [daily[d] for d in days if d < days[0] + reach]
    late = [daily[d] for d in days if d > days[-1] - reach]
    spelled = next((r.area for r in reversed(readings) if r.key == area_key(area)), area)
    return PainChange(spelled, round(_mean(early), 1), round(_mean(late), 1), len(days), days[0], days[-1])
