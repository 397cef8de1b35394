"""The Loop score yardstick (tests/loop_reference.py) against histories worked by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from loop_reference import loop_score, multiplier

D = date(2026, 3, 1)


def day(n: int) -> date:
    return D + timedelta(days=n)


def test_daily_three_done_days_is_one_minus_m_cubed():
    m = 0.5 ** (1 / 13)
    entries = [(day(i), "done") for i in range(3)]
    assert loop_score(entries, 1, 1, day(2)) == pytest.approx(1 - m**3)
    # A day without a check-in afterwards: v = 0, the score only decays.
    assert loop_score(entries, 1, 1, day(3)) == pytest.approx((1 - m**3) * m)


def test_a_skip_holds_the_score():
    m = 0.5 ** (1 / 13)
    entries = [(day(0), "done"), (day(1), "skip"), (day(2), "done")]
    assert loop_score(entries, 1, 1, day(1)) == pytest.approx(1 - m)
    assert loop_score(entries, 1, 1, day(2)) == pytest.approx(1 - m**2)


def test_weekly_window_is_doubled_and_one_check_counts_half():
    # 1/7: f < 1, so the window is 14 days and num 2; one check gives v = 0.5
    # on each of the 14 days it stays in the window, then 0.
    m = multiplier(1, 7)
    assert m == pytest.approx(0.5 ** ((1 / 7) ** 0.5 / 13))
    entries = [(day(0), "done")]
    assert loop_score(entries, 1, 7, day(0)) == pytest.approx(0.5 * (1 - m))
    assert loop_score(entries, 1, 7, day(13)) == pytest.approx(0.5 * (1 - m**14))
    assert loop_score(entries, 1, 7, day(14)) == pytest.approx(0.5 * (1 - m**14) * m)


def test_a_skip_sits_in_the_window_and_counts_zero():
    # 2/7 → window 14, num 4. Day 0 done, day 1 skipped (held), day 2 nothing:
    # the window holds one check, so v = 1/4 on days 0 and 2.
    m = multiplier(2, 7)
    entries = [(day(0), "done"), (day(1), "skip"), (day(2), "none")]
    s0 = 0.25 * (1 - m)
    assert loop_score(entries, 2, 7, day(1)) == pytest.approx(s0)
    assert loop_score(entries, 2, 7, day(2)) == pytest.approx(s0 * m + 0.25 * (1 - m))


def test_a_none_entry_starts_the_history_early_and_no_entries_score_zero():
    m = 0.5 ** (1 / 13)
    assert loop_score([(day(0), "none"), (day(1), "done")], 1, 1, day(1)) == pytest.approx(1 - m)
    assert loop_score([], 1, 1, day(1)) == 0.0


def test_a_long_perfect_daily_history_nears_one():
    entries = [(day(i), "done") for i in range(365)]
    assert loop_score(entries, 1, 1, day(364)) > 0.99
