"""A schedule change from a day on leaves the days before it alone; two copies
of a habit are the same when an export could not tell them apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from domain_helpers import make_log

from rehab_tui.domain.errors import RehabError
from rehab_tui.domain.habits import same_habit, with_schedule

START = date(2026, 10, 1)  # a Thursday
CHANGE = date(2026, 10, 12)  # a Monday


def habit(schedule: str = "daily"):
    return make_log(schedule, start=START).habit


def scheduled(h, first: date, days: int) -> list[date]:
    return [
        first + timedelta(days=i)
        for i in range(days)
        if h.schedule_on(first + timedelta(days=i)).occurs(first + timedelta(days=i))
    ]


def test_a_new_schedule_rules_from_its_day_and_the_days_before_keep_theirs():
    changed = with_schedule(habit("daily"), "mon,wed,fri", CHANGE, keep_history=True)
    assert scheduled(changed, START, 11) == scheduled(habit("daily"), START, 11)  # every day before
    assert scheduled(changed, CHANGE, 7) == [CHANGE, CHANGE + timedelta(days=2), CHANGE + timedelta(days=4)]
    assert [v.since for v in changed.schedule_history] == [START, CHANGE]


def test_without_history_the_new_schedule_is_the_only_one():
    changed = with_schedule(habit("daily"), "mon,wed,fri", START, keep_history=False)
    assert [v.since for v in changed.schedule_history] == [START]
    assert not changed.schedule.occurs(START)  # a Thursday


def test_a_second_change_on_the_same_day_replaces_the_first():
    once = with_schedule(habit("daily"), "mon,wed,fri", CHANGE, keep_history=True)
    twice = with_schedule(once, "tue,thu", CHANGE, keep_history=True)
    assert [v.since for v in twice.schedule_history] == [START, CHANGE]
    assert twice.schedule_on(CHANGE + timedelta(days=1)).occurs(CHANGE + timedelta(days=1))


def test_typing_the_schedule_in_force_again_changes_nothing():
    every_third = habit("every 3 days")
    again = with_schedule(every_third, "every 3 days", CHANGE, keep_history=True)
    # The anchor stays: the same days keep coming up.
    assert again.schedule_history == every_third.schedule_history
    assert scheduled(again, START, 30) == scheduled(every_third, START, 30)


def test_a_schedule_cannot_take_effect_before_the_start():
    with pytest.raises(RehabError, match="cannot take effect before it"):
        with_schedule(habit(), "daily", START - timedelta(days=1), keep_history=True)


def test_the_same_habit_changed_at_another_time_is_the_same():
    h = habit()
    assert same_habit(replace(h, updated_at="2026-10-01T08:00:00+00:00"), replace(h, updated_at=None))
    assert not same_habit(h, replace(h, cue="after coffee"))
