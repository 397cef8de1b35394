"""Pain readings by body area and the series drawn from them (docs/architecture.md, "Pain readings",
rehab_tui/domain/body.py).

A 7-day mean is over the day and the six before it; days without a reading
are gaps, never zeros. Areas are one whatever their case and spacing, and go
by their latest spelling.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rehab_tui.domain.body import (
    PainChange,
    PainPoint,
    PainReading,
    area_key,
    areas,
    last_readings,
    pain_change,
    pain_series,
    weekly_pain,
)

MON = date(2026, 11, 2)  # a Monday


def day(n: int) -> date:
    return MON + timedelta(days=n)


def hip(n: int, pain: int | None, area: str = "hip", **extra) -> PainReading:
    return PainReading(day(n), area, pain, **extra)


# ------------------------------------------------------------------- areas


@pytest.mark.parametrize("other", ["left it  band", "LEFT IT BAND", " Left IT band ", "left\tIT band"])
def test_areas_differing_by_case_or_spacing_are_one(other: str) -> None:
    assert area_key("Left IT band") == area_key(other) == "left it band"


def test_areas_differing_by_a_letter_are_two() -> None:
    assert area_key("left IT band") != area_key("right IT band")


def test_areas_lists_each_area_once_under_its_latest_spelling_most_recent_first() -> None:
    readings = [
        PainReading(day(0), "Left IT band", 5),
        PainReading(day(1), "right hip", 3),
        PainReading(day(2), "left it  band", 4),
        PainReading(day(3), "Calf", 2),
        PainReading(day(4), "RIGHT HIP", 2),
    ]
    assert areas(readings) == ["RIGHT HIP", "Calf", "left it  band"]
    # The order the readings come in does not matter.
    assert areas(list(reversed(readings))) == ["RIGHT HIP", "Calf", "left it  band"]
    assert areas([]) == []


def test_last_readings_are_each_areas_latest_rated_one() -> None:
    readings = [
        PainReading(day(0), "Left IT band", 5, note="long run"),
        PainReading(day(2), "left it band", 3),
        PainReading(day(3), "LEFT IT BAND", None, from_snooze=True),  # an area named by a snooze, no number
        PainReading(day(1), "hip", 6),
    ]
    latest = last_readings(readings)
    assert set(latest) == {"left it band", "hip"}
    assert latest["left it band"] == PainReading(day(2), "left it band", 3)
    assert latest["hip"].pain == 6


# ------------------------------------------------------------- pain_series


def test_the_series_has_every_day_and_a_7_day_mean() -> None:
    readings = [hip(0, 6), hip(1, 4), hip(3, 2)]
    series = pain_series(readings, "hip", day(0), day(4))
    assert series == [
        PainPoint(day(0), 6, 6.0),
        PainPoint(day(1), 4, 5.0),
        PainPoint(day(2), None, 5.0),  # a gap: no reading, the mean of the days before
        PainPoint(day(3), 2, 4.0),
        PainPoint(day(4), None, 4.0),
    ]


def test_the_mean_covers_the_day_and_the_six_before_it() -> None:
    # Readings on days 0 (pain 8) and 7 (pain 2). On day 6 the window is 0..6:
    # mean 8. On day 7 it is 1..7: day 0 has left it, mean 2. On day 13 it is
    # 7..13: mean 2; on day 14 (8..14) nothing: None.
    series = {p.day: p for p in pain_series([hip(0, 8), hip(7, 2)], "hip", day(0), day(14))}
    assert series[day(6)].mean == 8.0
    assert series[day(7)].mean == 2.0
    assert series[day(13)].mean == 2.0
    assert series[day(14)] == PainPoint(day(14), None, None)


def test_a_week_without_a_reading_leaves_the_mean_empty_not_zero() -> None:
    # One reading, then eight days of nothing: the 7th day after it is the first
    # whose window holds no reading.
    series = pain_series([hip(0, 5)], "hip", day(0), day(8))
    assert [p.mean for p in series] == [5.0] * 7 + [None, None]
    assert [p.pain for p in series] == [5] + [None] * 8


def test_the_series_reads_readings_before_its_first_day() -> None:
    # The mean on the series' first day looks at the six days before it.
    series = pain_series([hip(0, 3), hip(5, 7)], "hip", day(5), day(6))
    assert series == [PainPoint(day(5), 7, 5.0), PainPoint(day(6), None, 5.0)]


def test_the_series_is_one_area_whatever_its_spelling() -> None:
    readings = [hip(0, 6, "Left IT band"), hip(1, 2, "left it  band"), hip(1, 9, "right hip")]
    series = pain_series(readings, "LEFT IT BAND", day(0), day(1))
    assert series == [PainPoint(day(0), 6, 6.0), PainPoint(day(1), 2, 4.0)]


def test_a_snoozes_area_without_a_number_is_a_gap() -> None:
    readings = [hip(0, 4), hip(1, None, from_snooze=True)]
    assert pain_series(readings, "hip", day(0), day(1)) == [PainPoint(day(0), 4, 4.0), PainPoint(day(1), None, 4.0)]


def test_the_mean_is_rounded_to_two_decimals() -> None:
    series = pain_series([hip(0, 1), hip(1, 1), hip(2, 2)], "hip", day(2), day(2))
    assert series == [PainPoint(day(2), 2, 1.33)]


def test_an_area_never_rated_is_all_gaps() -> None:
    assert pain_series([hip(0, 4)], "calf", day(0), day(2)) == [PainPoint(day(k), None, None) for k in range(3)]


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(0, 40), st.integers(0, 10), max_size=30))
def test_each_mean_is_the_mean_of_the_days_readings_within_seven_days(pains: dict[int, int]) -> None:
    readings = [hip(n, p, "Hip" if n % 2 else "hip") for n, p in pains.items()]
    series = pain_series(readings, "HIP", day(0), day(40))
    assert [p.day for p in series] == [day(n) for n in range(41)]
    for n, point in enumerate(series):
        assert point.pain == pains.get(n)
        window = [pains[k] for k in range(n - 6, n + 1) if k in pains]
        if window:
            assert point.mean == pytest.approx(sum(window) / len(window), abs=0.005)
            assert min(window) <= point.mean <= max(window)
        else:
            assert point.mean is None


# ------------------------------------------------------------- weekly_pain


def test_weekly_pain_is_each_weeks_mean_and_none_for_a_week_without_readings() -> None:
    readings = [
        hip(0, 6),
        hip(3, 4),
        hip(6, 5),  # week 1: 5.0
        # week 2 (days 7..13): nothing
        hip(14, 2),
        hip(20, 3),  # week 3: 2.5
        hip(21, 1, "HIP"),
    ]  # week 4: 1.0
    weeks = [day(0), day(7), day(14), day(21)]
    assert weekly_pain(readings, "Hip", weeks) == [5.0, None, 2.5, 1.0]


def test_weekly_pain_rounds_to_one_decimal_and_ignores_other_areas() -> None:
    readings = [hip(0, 1), hip(1, 1), hip(2, 2), hip(1, 9, "calf")]
    assert weekly_pain(readings, "hip", [day(0)]) == [1.3]


# ------------------------------------------------------------- pain_change


def test_pain_change_compares_the_first_and_the_last_week_with_readings() -> None:
    # First reading day 0: its week is days 0..6 (6, 4 → 5.0). Last reading day
    # 27: its week is 21..27 (2, 1 → 1.5). Day 14 is in neither.
    # The area is spelled three ways; the latest spelling names it.
    readings = [
        hip(0, 6, "Left IT band"),
        hip(5, 4, "left IT band"),
        hip(14, 3, "left IT band"),
        hip(22, 2, "LEFT IT BAND"),
        hip(27, 1, "left it  band"),
    ]
    change = pain_change(readings, "LEFT IT BAND", day(0), day(27))
    assert change == PainChange("left it  band", 5.0, 1.5, 5, day(0), day(27))
    assert change.words() == "pain in the left it  band: 5.0 → 1.5 over 4 weeks"


def test_pain_change_keeps_to_its_period() -> None:
    readings = [hip(0, 9), hip(10, 4), hip(12, 2), hip(30, 0)]
    # Two readings two days apart: the first against the last, never both in one end.
    assert pain_change(readings, "hip", day(10), day(20)) == PainChange("hip", 4.0, 2.0, 2, day(10), day(12))
    # One reading has no trend; none has nothing.
    assert pain_change(readings, "hip", day(10), day(11)) is None
    assert pain_change(readings, "calf", day(0), day(30)) is None


def test_pain_change_counts_rated_days_only() -> None:
    readings = [hip(0, 5), hip(3, None, from_snooze=True), hip(9, 3)]
    assert pain_change(readings, "hip", day(0), day(9)) == PainChange("hip", 5.0, 3.0, 2, day(0), day(9))


def test_a_change_over_a_few_days_compares_their_first_and_last_half() -> None:
    """Readings that span less than two weeks: the two ends never share a reading."""
    start = date(2026, 11, 23)
    readings = [
        PainReading(start, "hip", 6),
        PainReading(start + timedelta(days=1), "hip", 5),
        PainReading(start + timedelta(days=4), "hip", 3),
    ]
    change = pain_change(readings, "hip", start, start + timedelta(days=4))
    assert (change.before, change.after) == (5.5, 3.0)
    # Stated over the days the readings span, not a week they do not fill.
    assert change.words() == "pain in the hip: 5.5 → 3.0 over 5 days"
    two = pain_change(readings[:2], "hip", start, start + timedelta(days=1))
    assert (two.before, two.after) == (6.0, 5.0)
