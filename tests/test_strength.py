"""Habit strength as Loop Habit Tracker scores it (docs/architecture.md, "Strength")."""

import math
from collections.abc import Iterable
from datetime import date, timedelta

import pytest

from rehab_tui.domain.model import Habit, HabitLog, Journal, Pause
from rehab_tui.domain.schedules import parse_schedule
from rehab_tui.domain.strength import multiplier, strength, strength_series

START = date(2026, 3, 2)  # a Monday


def day(n: int) -> date:
    """The n-th day of the history, the start being day 0."""
    return START + timedelta(days=n)


def make_log(
    schedule: str = "daily",
    *,
    done: Iterable[int] = (),
    snoozed: Iterable[int] = (),
    pauses: Iterable[tuple[int, int]] = (),
    archived: int | None = None,
) -> HabitLog:
    habit = Habit(
        id=1,
        name="Stick rolling",
        slug="stick-rolling",
        cue="",
        minutes=5,
        schedule=parse_schedule(schedule, START),
        start=START,
        archived=None if archived is None else day(archived),
    )
    return HabitLog(
        habit,
        done=frozenset(day(n) for n in done),
        snoozed=frozenset(day(n) for n in snoozed),
        pauses=tuple(Pause(day(a), day(b)) for a, b in pauses),
    )


def series(log: HabitLog, last: int, rest_days: Iterable[int] = ()) -> list[float]:
    journal = Journal((log,), rest_days=frozenset(day(n) for n in rest_days))
    return strength_series(journal, log, day(last))


def score(log: HabitLog, last: int, rest_days: Iterable[int] = ()) -> float:
    journal = Journal((log,), rest_days=frozenset(day(n) for n in rest_days))
    return strength(journal, log, day(last))


def loop(done: list[bool], frozen: list[bool], num: int, den: int) -> list[float]:
    """Loop's score, written out from the formula in docs/architecture.md, "Strength"."""
    f = num / den
    m = 0.5 ** (math.sqrt(f) / 13)
    if f < 1:
        num, den = num * 2, den * 2
    s = 0.0
    out = []
    for i, (is_done, is_frozen) in enumerate(zip(done, frozen, strict=True)):
        window = done[max(0, i - den + 1) : i + 1]
        v = min(1.0, sum(window) / num)
        if is_done or not is_frozen:
            s = s * m + v * (1 - m)
        out.append(s)
    return out


def test_multiplier() -> None:
    assert multiplier(1) == pytest.approx(0.5 ** (1 / 13))
    assert multiplier(2 / 7) == pytest.approx(0.5 ** (math.sqrt(2 / 7) / 13))


def test_first_day_done_by_hand() -> None:
    m = 0.5 ** (1 / 13)
    assert score(make_log(done=[0]), 0) == round((1 - m) * 100, 1) == 5.2


def test_three_days_by_hand_daily() -> None:
    # done, missed, done: v is 1, 0, 1 for a daily habit (num = den = 1).
    m = 0.5 ** (1 / 13)
    s0 = 1 - m
    s1 = s0 * m
    s2 = s1 * m + (1 - m)
    assert series(make_log(done=[0, 2]), 2) == pytest.approx([s0, s1, s2])
    assert score(make_log(done=[0, 2]), 2) == round(s2 * 100, 1) == 9.9


def test_tue_fri_by_hand() -> None:
    # f = 2/7 < 1, so num, den = 4, 14: v = done days in the last 14 / 4.
    m = 0.5 ** (math.sqrt(2 / 7) / 13)
    log = make_log("tue,fri", done=[1, 4])  # Tuesday and Friday
    s = 0.0
    expected = []
    for done_so_far in [0, 1, 1, 1, 2, 2, 2]:
        s = s * m + min(1.0, done_so_far / 4) * (1 - m)
        expected.append(s)
    assert series(log, 6) == pytest.approx(expected)
    assert score(log, 6) == round(expected[-1] * 100, 1) == 6.0


def test_every_2_days_by_hand() -> None:
    # f = 1/2: num, den = 2, 4.
    m = 0.5 ** (math.sqrt(1 / 2) / 13)
    log = make_log("every 2 days", done=[0, 2, 4])
    counts = [1, 1, 2, 2, 2, 2]  # done days in the last 4 days, including this one
    s = 0.0
    expected = []
    for c in counts:
        s = s * m + min(1.0, c / 2) * (1 - m)
        expected.append(s)
    assert series(log, 5) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("schedule", "num", "den"),
    [("daily", 1, 1), ("tue,fri", 2, 7), ("every 3 days", 1, 3), ("3/week", 3, 7)],
)
def test_matches_the_formula_over_a_month(schedule: str, num: int, den: int) -> None:
    done = [n for n in range(40) if n % 3 != 1 and n not in (20, 21)]
    snoozed, rest, paused = [5, 17], [9], range(25, 29)
    log = make_log(schedule, done=done, snoozed=snoozed, pauses=[(25, 28)])
    flags = [n in done for n in range(40)]
    frozen = [n in snoozed or n in rest or n in paused for n in range(40)]
    assert series(log, 39, rest_days=rest) == pytest.approx(loop(flags, frozen, num, den))


def test_strength_rises_with_check_ins() -> None:
    values = series(make_log(done=range(30)), 29)
    assert all(b > a for a, b in zip(values, values[1:], strict=False))
    assert score(make_log(done=range(30)), 29) == pytest.approx(79.8, abs=0.05)
    assert score(make_log(done=range(10)), 9) < score(make_log(done=range(20)), 19)


def test_strength_falls_after_misses() -> None:
    log = make_log(done=range(10))
    values = series(log, 14)
    assert all(b < a for a, b in zip(values[9:], values[10:], strict=False))


def test_a_long_daily_habit_approaches_100() -> None:
    assert score(make_log(done=range(400)), 399) == 100.0


@pytest.mark.parametrize("how", ["rest day", "habit snooze", "pause"])
def test_a_snoozed_or_paused_day_holds_the_strength_exactly(how: str) -> None:
    kwargs: dict = {"done": [0, 1, 2, 3, 5]}
    rest_days: list[int] = []
    if how == "rest day":
        rest_days = [4]
    elif how == "habit snooze":
        kwargs["snoozed"] = [4]
    else:
        kwargs["pauses"] = [(4, 4)]
    values = series(make_log(**kwargs), 5, rest_days=rest_days)
    assert values[4] == values[3]
    # Without the rest, the missed day lowers it.
    bare = series(make_log(done=[0, 1, 2, 3, 5]), 5)
    assert bare[4] < bare[3]
    assert values[5] > bare[5]


def test_a_long_pause_holds_strength_unchanged() -> None:
    log = make_log(done=range(10), pauses=[(10, 30)])
    values = series(log, 30)
    assert values[10:] == [values[9]] * 21
    assert score(log, 30) == score(make_log(done=range(10)), 9)


def test_a_check_in_on_a_snoozed_day_still_counts() -> None:
    with_check_in = series(make_log(done=[0, 1], snoozed=[1]), 1)
    assert with_check_in[1] > with_check_in[0]


def test_daily_and_tue_fri_frequencies_differ() -> None:
    # The same Tuesday and Friday check-ins: all that tue,fri asks, 2/7 of daily.
    done = [n for n in range(28) if day(n).weekday() in (1, 4)]
    tue_fri = score(make_log("tue,fri", done=done), 27)
    daily = score(make_log("daily", done=done), 27)
    assert tue_fri > 2 * daily
    assert tue_fri == round(loop([n in done for n in range(28)], [False] * 28, 2, 7)[-1] * 100, 1)
    assert daily == round(loop([n in done for n in range(28)], [False] * 28, 1, 1)[-1] * 100, 1)


def test_before_the_start_there_is_no_strength() -> None:
    log = make_log(done=[0])
    assert strength_series(Journal((log,)), log, START - timedelta(days=1)) == []
    assert strength(Journal((log,)), log, START - timedelta(days=1)) == 0.0


def test_an_archived_habit_stops_the_day_before_its_archive_date() -> None:
    log = make_log(done=range(10), archived=10)
    assert len(series(log, 30)) == 10
    assert score(log, 30) == score(make_log(done=range(10)), 9)


def test_rounded_to_one_decimal() -> None:
    value = score(make_log(done=[0, 2, 3, 6]), 8)
    assert value == round(value, 1)
    assert 0 < value < 100
