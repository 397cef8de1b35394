"""Refusals are typed: a screen can tell an unknown habit from an ambiguous
one, a malformed value from one out of range, without reading the message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest

from rehab_tui.domain.dates import parse_day, parse_iso
from rehab_tui.domain.errors import Ambiguous, InvalidInput, NotFound, NothingToRest, OutOfRange, RehabError
from rehab_tui.domain.lookup import find_habit
from rehab_tui.domain.rules import NAME, check_reminder_time, check_snooze_needed
from rehab_tui.domain.schedules import parse_schedule
from rehab_tui.domain.settings import validate
from rehab_tui.domain.states import DayState

TODAY = date(2026, 11, 21)


@dataclass
class Named:
    name: str
    slug: str


HABITS = [Named("Plank", "plank"), Named("Plank hip dips", "plank-hip-dips"), Named("Stick rolling", "stick-rolling")]


@pytest.mark.parametrize(
    ("refuse", "kind", "says"),
    [
        (lambda: find_habit(HABITS, "yoga"), NotFound, "no habit matches 'yoga'"),
        (lambda: find_habit(HABITS, "pla"), Ambiguous, "'pla' could be any of: Plank, Plank hip dips"),
        (lambda: parse_iso("2026-02-30"), InvalidInput, "2026-02-30 is not a day of the calendar"),
        (lambda: parse_day("someday", TODAY), InvalidInput, "'someday' is not a date"),
        (lambda: parse_day("1850-01-01", TODAY), OutOfRange, "years 1900 to 2999 only"),
        (lambda: parse_schedule("every 400 days", TODAY), OutOfRange, "'every 400 days' needs N from 1 to 365"),
        (lambda: parse_schedule("sometimes", TODAY), InvalidInput, "'sometimes' is not a schedule"),
        (lambda: check_reminder_time("25:00"), InvalidInput, "'25:00' is not a time of day"),
        (lambda: NAME.clean("a\nb"), InvalidInput, "a habit name cannot hold control characters"),
        (lambda: validate("colour", "red"), NotFound, "unknown setting 'colour'"),
        (lambda: validate("snooze_budget", "8"), OutOfRange, "snooze_budget goes from 0 to 7 (8 given)"),
        (
            lambda: check_snooze_needed(TODAY, [DayState.DONE, DayState.OFF]),
            NothingToRest,
            "the routine of 2026-11-21 (Sat) is complete; nothing to rest, no snooze used",
        ),
    ],
)
def test_each_refusal_has_its_kind(refuse: Callable[[], object], kind: type[RehabError], says: str) -> None:
    with pytest.raises(kind) as refused:
        refuse()
    assert says in str(refused.value)


def test_an_ambiguous_habit_is_still_a_habit_not_found() -> None:
    # A caller that only asks "is there such a habit?" catches both.
    with pytest.raises(NotFound):
        find_habit(HABITS, "pla")
