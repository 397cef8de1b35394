"""The state of a habit on a day, and its order of precedence (docs/architecture.md, "Day states")."""

from collections.abc import Iterable
from datetime import date, timedelta
from functools import partial

import domain_helpers
import pytest

from rehab_tui.domain.calendar_days import day_summary
from rehab_tui.domain.checklist import checklist
from rehab_tui.domain.model import HabitLog, Journal
from rehab_tui.domain.states import DayState, day_state, quota_week

# March 2026: Mon 2 .. Sun 8, Mon 9 .. Sun 15. Today is Wednesday the 11th.
TODAY = date(2026, 3, 11)
START = date(2026, 2, 23)  # a Monday


def d(day: int) -> date:
    return date(2026, 3, day)


make_log = partial(domain_helpers.make_log, start=START, name="Stick rolling", minutes=5)


def state(log: HabitLog, day: date, rest_days: Iterable[date] = (), week_start: int = 0) -> DayState:
    journal = Journal((log,), rest_days=frozenset(rest_days), week_start=week_start)
    return day_state(journal, log, day, TODAY)


# ------------------------------------------------------------------ each state


def test_done_on_a_scheduled_day() -> None:
    assert state(make_log(done=[d(10)]), d(10)) is DayState.DONE


def test_done_on_an_unscheduled_day() -> None:
    # Wednesday is not a tue,fri day, but a check-in still shows as done.
    assert state(make_log("tue,fri", done=[d(4)]), d(4)) is DayState.DONE


def test_off_before_the_start() -> None:
    log = make_log(start=d(5))
    assert state(log, d(4)) is DayState.OFF
    assert state(log, d(5)) is DayState.MISSED


def test_off_from_the_archive_date_on() -> None:
    log = make_log(archived=d(9))
    assert state(log, d(8)) is DayState.MISSED
    assert state(log, d(9)) is DayState.OFF
    assert state(log, d(10)) is DayState.OFF
    assert state(log, TODAY) is DayState.OFF


def test_off_when_not_scheduled() -> None:
    log = make_log("tue,fri")
    assert state(log, d(3)) is DayState.MISSED  # a Tuesday
    assert state(log, d(4)) is DayState.OFF  # a Wednesday
    assert state(log, d(6)) is DayState.MISSED  # a Friday
    assert state(log, TODAY) is DayState.OFF  # today is a Wednesday


def test_off_between_interval_days() -> None:
    log = make_log("every 3 days", start=d(2))
    assert [state(log, d(i)) for i in range(2, 9)] == [
        DayState.MISSED,
        DayState.OFF,
        DayState.OFF,
        DayState.MISSED,
        DayState.OFF,
        DayState.OFF,
        DayState.MISSED,
    ]


def test_paused() -> None:
    log = make_log(pauses=[(d(5), d(7))])
    assert state(log, d(4)) is DayState.MISSED
    assert [state(log, d(i)) for i in (5, 6, 7)] == [DayState.PAUSED] * 3
    assert state(log, d(8)) is DayState.MISSED


def test_paused_today_and_ahead() -> None:
    log = make_log(pauses=[(d(11), d(20))])
    assert state(log, TODAY) is DayState.PAUSED
    assert state(log, d(15)) is DayState.PAUSED
    assert state(log, d(21)) is DayState.UPCOMING


def test_snoozed_day_level() -> None:
    log = make_log()
    assert state(log, d(6), rest_days=[d(6)]) is DayState.SNOOZED
    assert state(log, d(7), rest_days=[d(6)]) is DayState.MISSED


def test_snoozed_habit_level() -> None:
    log = make_log(snoozed=[d(6)])
    assert state(log, d(6)) is DayState.SNOOZED
    other = make_log(habit_id=2, name="Plank hip dips")
    journal = Journal((log, other))
    # A habit's own snooze leaves the other habits alone.
    assert day_state(journal, other, d(6), TODAY) is DayState.MISSED


def test_pending_today() -> None:
    assert state(make_log(), TODAY) is DayState.PENDING


def test_upcoming_future_day() -> None:
    log = make_log()
    assert state(log, d(12)) is DayState.UPCOMING
    assert state(log, d(31)) is DayState.UPCOMING


def test_snoozed_future_day() -> None:
    assert state(make_log(), d(13), rest_days=[d(13)]) is DayState.SNOOZED


def test_missed_past_day() -> None:
    log = make_log(done=[d(9)])
    assert state(log, d(10)) is DayState.MISSED
    assert state(log, d(8)) is DayState.MISSED
    assert state(log, START) is DayState.MISSED


# -------------------------------------------------------------- precedence


def test_done_beats_off_paused_and_snoozed() -> None:
    log = make_log(done=[d(6)], snoozed=[d(6)], pauses=[(d(5), d(7))])
    assert state(log, d(6), rest_days=[d(6)]) is DayState.DONE
    archived = make_log(archived=d(6), done=[d(7)])
    assert state(archived, d(7)) is DayState.DONE


def test_off_beats_paused_and_snoozed() -> None:
    # Thursday the 5th is not a tue,fri day: off, though paused and snoozed.
    log = make_log("tue,fri", snoozed=[d(5)], pauses=[(d(2), d(8))])
    assert state(log, d(5), rest_days=[d(5)]) is DayState.OFF
    # Friday the 6th is scheduled: the pause shows.
    assert state(log, d(6), rest_days=[d(6)]) is DayState.PAUSED
    before_start = make_log(start=d(9), pauses=[(d(2), d(10))])
    assert state(before_start, d(8), rest_days=[d(8)]) is DayState.OFF


def test_paused_beats_snoozed() -> None:
    log = make_log(snoozed=[d(6)], pauses=[(d(6), d(6))])
    assert state(log, d(6), rest_days=[d(6)]) is DayState.PAUSED
    assert state(log, TODAY, rest_days=[TODAY]) is DayState.SNOOZED


def test_snoozed_beats_pending_upcoming_and_missed() -> None:
    log = make_log(snoozed=[d(9), TODAY, d(12)])
    assert state(log, d(9)) is DayState.SNOOZED
    assert state(log, TODAY) is DayState.SNOOZED
    assert state(log, d(12)) is DayState.SNOOZED


# ------------------------------------------------------------------ quotas


def test_quota_week_met_turns_its_other_days_off() -> None:
    # Week Mon 2 .. Sun 8, 2/week, done Tuesday and Thursday.
    log = make_log("2/week", done=[d(3), d(5)])
    states = [state(log, d(i)) for i in range(2, 9)]
    assert states == [
        DayState.OFF,
        DayState.DONE,
        DayState.OFF,
        DayState.DONE,
        DayState.OFF,
        DayState.OFF,
        DayState.OFF,
    ]


def test_quota_missed_week_is_missed_on_its_last_day_only() -> None:
    # Week Mon 2 .. Sun 8: only one of two done. The week is missed, and that
    # shows on its last day alone (docs/architecture.md, "Weekly quotas"); the days before are off.
    log = make_log("2/week", done=[d(4)])
    states = [state(log, d(i)) for i in range(2, 9)]
    assert states == [DayState.OFF, DayState.OFF, DayState.DONE, *[DayState.OFF] * 3, DayState.MISSED]
    missed = [day for i in range(16) if state(log, day := START + timedelta(days=i)) is DayState.MISSED]
    assert missed == [d(1), d(8)]


def test_quota_missed_on_the_last_available_day() -> None:
    # Sat 7 and Sun 8 paused: the week's last chance was Friday the 6th.
    log = make_log("1/week", pauses=[(d(7), d(8))])
    assert [state(log, d(i)) for i in range(5, 9)] == [
        DayState.OFF,
        DayState.MISSED,
        DayState.PAUSED,
        DayState.PAUSED,
    ]


def test_quota_is_open_until_the_days_left_are_no_more_than_the_check_ins_needed() -> None:
    # This week Mon 9 .. Sun 15, today Wed 11. 1/week: due only on Sunday.
    one = make_log("1/week")
    assert state(one, TODAY) is DayState.OPEN
    assert [state(one, d(i)) for i in range(12, 16)] == [DayState.OPEN] * 3 + [DayState.UPCOMING]
    # 5/week, nothing done: Wed..Sun are five days for five check-ins, so today is due.
    assert state(make_log("5/week"), TODAY) is DayState.PENDING
    # 5/week with Monday done: four needed, five days left: open today, due from Thursday.
    four = make_log("5/week", done=[d(9)])
    assert state(four, TODAY) is DayState.OPEN
    assert state(four, d(12)) is DayState.UPCOMING
    # A snoozed Sunday leaves Saturday the last chance of a 1/week habit.
    assert state(make_log("1/week", snoozed=[d(15)]), d(14)) is DayState.UPCOMING


def test_an_open_quota_is_outside_the_total() -> None:
    from rehab_tui.domain.checklist import checklist

    journal = Journal((make_log("1/week"), make_log("daily", habit_id=2, done=[TODAY])))
    listing = checklist(journal, TODAY, TODAY)
    assert (listing.done, listing.total) == (1, 1)
    assert listing.to_json()["items"][0]["status"] == "open"
    assert listing.pending == ()


def test_quota_week_in_progress() -> None:
    # This week: Mon 9 done, 2/week not met yet.
    log = make_log("2/week", done=[d(9)])
    assert state(log, d(9)) is DayState.DONE
    assert state(log, d(10)) is DayState.OFF  # past and unchecked: off, not missed
    assert state(log, TODAY) is DayState.OPEN  # five days left for one check-in
    assert state(log, d(12)) is DayState.OPEN
    assert state(log, d(15)) is DayState.UPCOMING  # the last chance is due
    assert state(log, d(16)) is DayState.OPEN  # next week: seven days for two


def test_quota_met_this_week_makes_today_and_the_rest_off() -> None:
    log = make_log("2/week", done=[d(9), d(10)])
    assert state(log, TODAY) is DayState.OFF
    assert state(log, d(12)) is DayState.OFF
    assert state(log, d(15)) is DayState.OFF
    assert state(log, d(16)) is DayState.OPEN


def test_quota_snoozed_and_paused_days() -> None:
    log = make_log("2/week", snoozed=[TODAY], pauses=[(d(12), d(13))])
    assert state(log, TODAY) is DayState.SNOOZED
    assert state(log, d(12)) is DayState.PAUSED
    assert state(log, d(14)) is DayState.UPCOMING


def test_quota_met_by_a_shrunk_quota_beats_paused() -> None:
    # 3/week, paused Tue 10 .. Sun 15: only Monday is available, so one check-in
    # meets the week and the paused days are off.
    log = make_log("3/week", done=[d(9)], pauses=[(d(10), d(15))])
    week = quota_week(Journal((log,)), log, d(9))
    assert (week.done, week.needed, week.met) == (1, 1, True)
    assert state(log, TODAY) is DayState.OFF
    assert state(log, d(14)) is DayState.OFF


def test_quota_before_start_and_after_archive() -> None:
    log = make_log("1/week", start=d(4), archived=d(13))
    assert state(log, d(3)) is DayState.OFF
    assert state(log, d(13)) is DayState.OFF
    assert state(log, d(12)) is DayState.UPCOMING


def test_quota_week_follows_week_start() -> None:
    # Done Sunday the 8th. With Monday weeks it belongs to last week; with Sunday
    # weeks it is this week's, which 1/week then meets.
    log = make_log("1/week", done=[d(8)])
    assert state(log, TODAY, week_start=0) is DayState.OPEN
    assert state(log, TODAY, week_start=6) is DayState.OFF


def test_quota_week_counts() -> None:
    log = make_log("3/week", start=d(5), done=[d(5), d(7)], snoozed=[d(6)])
    journal = Journal((log,), rest_days=frozenset({d(8)}))
    week = quota_week(journal, log, d(2))
    # Mon-Wed before the start; Fri and Sun snoozed; Thu and Sat done.
    assert (week.done, week.needed, week.met, week.frozen) == (2, 2, True, False)
    assert quota_week(journal, log, d(9)).needed == 3


def test_quota_week_with_no_available_day_is_frozen() -> None:
    log = make_log("2/week", pauses=[(d(2), d(8))])
    week = quota_week(Journal((log,)), log, d(2))
    assert (week.done, week.needed, week.frozen, week.met) == (0, 0, True, False)


# ---------------------------------------------------------------- checklist


def _routine() -> Journal:
    stick = make_log(done=[d(10), TODAY], habit_id=1, name="Stick rolling")
    plank = make_log(done=[d(9)], habit_id=2, name="Plank hip dips")
    acu = make_log("tue,fri", done=[d(10)], habit_id=3, name="Acupuncture")
    old = make_log(archived=TODAY, habit_id=4, name="Foam roller")
    return Journal((stick, plank, acu, old))


def test_checklist_counts_done_pending_and_missed() -> None:
    today = checklist(_routine(), TODAY, TODAY)
    assert [(i.log.habit.name, i.state, i.streak) for i in today.items] == [
        ("Stick rolling", DayState.DONE, 2),
        ("Plank hip dips", DayState.PENDING, 0),
        ("Acupuncture", DayState.OFF, 1),
    ]
    assert (today.done, today.total) == (1, 2)
    past = checklist(_routine(), d(10), TODAY)
    # Foam roller, archived today, is still listed the day before.
    assert [i.state for i in past.items] == [
        DayState.DONE,
        DayState.MISSED,
        DayState.DONE,
        DayState.MISSED,
    ]
    assert (past.done, past.total) == (2, 4)
    assert [i.streak for i in past.items] == [1, 0, 1, 0]


def test_checklist_json_shape() -> None:
    data = checklist(_routine(), TODAY, TODAY).to_json()
    assert data["date"] == "2026-03-11"
    assert data["snoozed"] is False
    assert (data["done"], data["total"]) == (1, 2)
    assert data["items"][0] == {
        "habit": "Stick rolling",
        "slug": "stick-rolling",
        "status": "done",
        "streak": 2,
        "dose": "full",
        "note": None,
        "unit": "days",
        "schedule": "daily",
    }
    assert data["items"][1]["dose"] is None


def test_checklist_on_a_rest_day() -> None:
    journal = Journal(_routine().logs, rest_days=frozenset({d(9)}))
    rest = checklist(journal, d(9), TODAY)
    assert rest.rest_day is True
    assert rest.to_json()["snoozed"] is True
    # Plank hip dips was done anyway; the others are snoozed or off.
    assert [i.state for i in rest.items] == [
        DayState.SNOOZED,
        DayState.DONE,
        DayState.OFF,
        DayState.SNOOZED,
    ]
    assert day_summary(journal, d(9), TODAY).mark == "snoozed"


@pytest.mark.parametrize(
    ("day", "mark", "done", "total"),
    [
        (d(9), "partial", 1, 3),
        (d(10), "partial", 2, 4),
        (d(11), "partial", 1, 2),
        (d(12), "future", 0, 0),
    ],
)
def test_day_summary(day: date, mark: str, done: int, total: int) -> None:
    summary = day_summary(_routine(), day, TODAY)
    assert (summary.mark, summary.done, summary.total) == (mark, done, total)
