"""Dates at the edges (docs/architecture.md, "Dates", "Day states", "Streaks"): DST changes, 29 February, year ends,
Monday and Sunday weeks, day_start_hour 0..6, and a clock that goes backwards.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from rehab_tui.domain.dates import MAX_YEAR, MIN_YEAR, logical_today, parse_day, week_start_of
from rehab_tui.domain.errors import RehabError
from rehab_tui.domain.model import Habit, HabitLog, Journal
from rehab_tui.domain.schedules import parse_schedule
from rehab_tui.domain.states import DayState, day_state, quota_week
from rehab_tui.domain.streaks import habit_streak
from rehab_tui.store import Store

DAY = timedelta(days=1)
MONDAY, SUNDAY = 0, 6
ZONES = [
    ZoneInfo("Europe/Berlin"),
    ZoneInfo("Europe/London"),
    ZoneInfo("America/New_York"),
    ZoneInfo("America/Los_Angeles"),
]
WEEKDAY_WORDS = [
    ("mon", "monday"),
    ("tue", "tuesday"),
    ("wed", "wednesday"),
    ("thu", "thursday"),
    ("fri", "friday"),
    ("sat", "saturday"),
    ("sun", "sunday"),
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


# ------------------------------------------------------------- strategies


def last_sunday(year: int, month: int) -> date:
    first_of_next = date(year + (month == 12), month % 12 + 1, 1)
    last = first_of_next - DAY
    return last - timedelta(days=(last.weekday() - 6) % 7)


def nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


def dst_switch_days(year: int) -> list[date]:
    """EU (last Sundays of March and October) and US (2nd Sunday of March, 1st of November)."""
    return [last_sunday(year, 3), last_sunday(year, 10), nth_sunday(year, 3, 2), nth_sunday(year, 11, 1)]


# Years well inside the ones parse_day accepts (MIN_YEAR..MAX_YEAR), so N days
# back or the nearest 29 February stays inside them too; the ends have a test
# of their own.
years = st.integers(1910, 2090)

edge_days = st.one_of(
    years.flatmap(lambda y: st.sampled_from(dst_switch_days(y))),
    years.map(lambda y: date(y, 12, 31)),
    years.map(lambda y: date(y, 1, 1)),
    years.map(lambda y: date(y, 2, 28)),
    years.map(lambda y: date(y, 3, 1)),
    st.integers(478, 522).map(lambda n: date(4 * n, 2, 29)),  # leap days 1912..2088
    st.just(date(2000, 2, 29)),  # divisible by 400: a leap year
    st.just(date(2100, 3, 1)),  # 2100 will not be one
)
days = st.one_of(edge_days, st.dates(date(1910, 1, 1), date(2099, 12, 31)))

# Naive wall-clock times within a day and a half of a DST switch (both in the
# hour that does not exist in spring and the one that happens twice in autumn).
near_dst = st.builds(
    lambda day, minutes: datetime.combine(day, datetime.min.time()) + timedelta(minutes=minutes),
    years.flatmap(lambda y: st.sampled_from(dst_switch_days(y))),
    st.integers(-36 * 60, 36 * 60),
)
wall_clock = st.one_of(near_dst, st.datetimes(datetime(1910, 1, 1), datetime(2099, 12, 31, 23, 59)))
start_hours = st.integers(0, 6)


# --------------------------------------------------------- logical_today


@given(now=wall_clock, hour=start_hours)
@example(now=datetime(2026, 3, 29, 2, 30), hour=3)  # EU spring: 02:30 never happens on the clock
@example(now=datetime(2026, 10, 25, 2, 30), hour=3)  # EU autumn: 02:30 happens twice
@example(now=datetime(2026, 3, 8, 2, 30), hour=3)  # US spring
@example(now=datetime(2026, 11, 1, 1, 30), hour=2)  # US autumn
@example(now=datetime(2024, 3, 1, 0, 30), hour=1)  # the day before is 29 February
@example(now=datetime(2027, 1, 1, 5, 59), hour=6)  # still New Year's Eve
def test_logical_today_is_the_wall_clock_date_shifted_by_the_start_hour(now: datetime, hour: int) -> None:
    today = logical_today(now, hour)
    assert today == (now - timedelta(hours=hour)).date()
    assert today in (now.date(), now.date() - DAY)
    if hour == 0:
        assert today == now.date()


@given(now=wall_clock, hour=start_hours)
def test_the_fold_of_a_repeated_hour_does_not_change_the_day(now: datetime, hour: int) -> None:
    # 01:30 in the autumn's repeated hour is the same day the first and the second time.
    assert logical_today(now.replace(fold=0), hour) == logical_today(now.replace(fold=1), hour)


@given(
    switch=years.flatmap(lambda y: st.sampled_from(dst_switch_days(y))),
    seconds=st.integers(-36 * 3600, 36 * 3600),
    zone=st.sampled_from(ZONES),
    hour=start_hours,
)
def test_aware_times_across_a_dst_change_use_the_local_clock(
    switch: date, seconds: int, zone: ZoneInfo, hour: int
) -> None:
    # A real instant near a switch, as the local clock shows it.
    instant = datetime.combine(switch, datetime.min.time(), tzinfo=UTC) + timedelta(seconds=seconds)
    local = instant.astimezone(zone)
    today = logical_today(local, hour)
    assert today == (local.replace(tzinfo=None) - timedelta(hours=hour)).date()


@given(a=wall_clock, b=wall_clock, hour=start_hours)
def test_logical_today_never_goes_back_while_the_wall_clock_goes_forward(a: datetime, b: datetime, hour: int) -> None:
    early, late = sorted((a, b))
    assert logical_today(early, hour) <= logical_today(late, hour)


@given(now=near_dst, back=st.integers(1, 36 * 60), hour=start_hours)
def test_a_clock_set_back_gives_an_earlier_or_equal_day_and_never_raises(now: datetime, back: int, hour: int) -> None:
    later = logical_today(now, hour)
    earlier = logical_today(now - timedelta(minutes=back), hour)
    assert earlier <= later
    assert (later - earlier).days <= 2


# ------------------------------------------------------------- parse_day


@given(today=days)
def test_today_and_yesterday_cross_month_and_year_ends(today: date) -> None:
    assert parse_day("today", today) == today
    assert parse_day("yesterday", today) == today - DAY
    assert parse_day("-0", today) == today
    assert parse_day("-1", today) == today - DAY


@given(today=days, n=st.integers(0, 3000))
def test_minus_n_is_n_days_ago(today: date, n: int) -> None:
    assert parse_day(f"-{n}", today) == today - timedelta(days=n)


@given(day=days, today=days)
def test_an_iso_date_reads_back_as_itself(day: date, today: date) -> None:
    assert parse_day(day.isoformat(), today) == day
    assert parse_day(f"  {day.isoformat()} ", today) == day


@given(today=days, weekday=st.integers(0, 6), full=st.booleans(), upper=st.booleans(), ahead=st.booleans())
def test_a_weekday_is_the_most_recent_one_or_with_ahead_the_next(
    today: date, weekday: int, full: bool, upper: bool, ahead: bool
) -> None:
    word = WEEKDAY_WORDS[weekday][full]
    found = parse_day(word.upper() if upper else word, today, ahead=ahead)
    assert found.weekday() == weekday
    if ahead:
        assert 0 <= (found - today).days <= 6
    else:
        assert 0 <= (today - found).days <= 6


def most_recent(month: int, day: int, today: date, ahead: bool) -> date | None:
    """By brute force: the nearest such date on or before (after) today, nine years around."""
    step = 1 if ahead else -1
    for offset in range(9):
        try:
            found = date(today.year + step * offset, month, day)
        except ValueError:
            continue
        if (found >= today) if ahead else (found <= today):
            return found
    return None


@given(
    today=days,
    month=st.integers(1, 12),
    day=st.integers(1, 31),
    form=st.sampled_from(["{mon} {day}", "{day} {month}", "{month} {day}", "{mon}, {day}", "{day}th {mon}"]),
    ahead=st.booleans(),
)
@example(today=date(2027, 2, 28), month=2, day=29, form="{mon} {day}", ahead=False)  # back to 2024
@example(today=date(2024, 2, 29), month=2, day=29, form="{mon} {day}", ahead=False)  # today itself
@example(today=date(2024, 3, 1), month=2, day=29, form="{day} {month}", ahead=True)  # on to 2028
@example(today=date(2096, 3, 1), month=2, day=29, form="{mon} {day}", ahead=True)  # 2100 is no leap year
@example(today=date(2026, 1, 1), month=12, day=31, form="{mon} {day}", ahead=False)  # last year
@example(today=date(2026, 12, 31), month=1, day=1, form="{mon} {day}", ahead=True)  # next year
def test_a_month_and_day_is_the_nearest_such_date(today: date, month: int, day: int, form: str, ahead: bool) -> None:
    assume(form != "{day}th {mon}" or day > 3)  # 1st, 2nd, 3rd are spelt otherwise
    text = form.format(mon=MONTHS[month - 1][:3], month=MONTHS[month - 1], day=day)
    expected = most_recent(month, day, today, ahead)
    if expected is None:  # 30 February, 31 April: on no calendar
        with pytest.raises(RehabError):
            parse_day(text, today, ahead=ahead)
        return
    assert parse_day(text, today, ahead=ahead) == expected


@given(
    today=st.one_of(
        st.dates(date(MIN_YEAR, 1, 1), date(MIN_YEAR, 3, 31)),
        st.dates(date(MAX_YEAR, 10, 1), date(MAX_YEAR, 12, 31)),
    ),
    text=st.one_of(
        st.sampled_from(["today", "yesterday", "sun", "saturday", "Feb 29", "Dec 31", "Jan 1", "mon"]),
        st.from_regex(r"\A-[0-9]{1,5}\Z"),
        st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat),
    ),
    ahead=st.booleans(),
)
@example(today=date(MIN_YEAR, 1, 1), text="yesterday", ahead=False)
@example(today=date(MIN_YEAR, 1, 1), text="sun", ahead=False)
@example(today=date(MAX_YEAR, 12, 31), text="mon", ahead=True)
@example(today=date(MAX_YEAR, 12, 31), text="Jan 1", ahead=True)
def test_at_the_ends_of_the_accepted_years_a_date_is_inside_them_or_refused(
    today: date, text: str, ahead: bool
) -> None:
    try:
        found = parse_day(text, today, ahead=ahead)
    except RehabError:
        return
    assert MIN_YEAR <= found.year <= MAX_YEAR


@given(today=days, text=st.sampled_from(["Feb 30", "31 April", "Jun 31", "Nov 31", "Feb 0", "Dec 32"]))
def test_a_month_day_on_no_calendar_is_refused(today: date, text: str) -> None:
    with pytest.raises(RehabError):
        parse_day(text, today)


@given(today=days, text=st.sampled_from(["20", "November", "2026", "Nov 2026", "next month", "last"]))
def test_a_lone_number_or_month_is_refused(today: date, text: str) -> None:
    with pytest.raises(RehabError):
        parse_day(text, today)


# ------------------------------------------------------------ quota weeks


def quota_log(start: date, done: set[date], quota: int = 2) -> HabitLog:
    habit = Habit(1, "Glute and hip strength", "glute", "", 20, parse_schedule(f"{quota}/week", start), start)
    return HabitLog(habit, frozenset(done))


@given(day=days, week_start=st.integers(0, 6))
def test_a_week_starts_on_its_weekday_and_holds_the_day(day: date, week_start: int) -> None:
    first = week_start_of(day, week_start)
    assert first.weekday() == week_start
    assert 0 <= (day - first).days <= 6
    assert week_start_of(first, week_start) == first
    assert week_start_of(first + timedelta(days=6), week_start) == first
    assert week_start_of(first + timedelta(days=7), week_start) == first + timedelta(days=7)


@given(day=days, week_start=st.sampled_from([MONDAY, SUNDAY]))
def test_a_quota_week_is_seven_days_from_its_start(day: date, week_start: int) -> None:
    first = week_start_of(day, week_start)
    week = {first + timedelta(days=i) for i in range(7)}
    # Done every day of the week, and the days either side: the week counts its 7.
    log = quota_log(first - timedelta(days=30), week | {first - DAY, first + timedelta(days=7)}, quota=7)
    journal = Journal((log,), week_start=week_start)
    status = quota_week(journal, log, first)
    assert status.start == first
    assert status.done == 7
    assert status.met


@given(day=days, week_start=st.sampled_from([MONDAY, SUNDAY]), a=st.integers(0, 6), b=st.integers(0, 6))
def test_two_check_ins_in_one_week_meet_a_two_a_week_quota(day: date, week_start: int, a: int, b: int) -> None:
    assume(a != b)
    first = week_start_of(day, week_start)
    done = {first + timedelta(days=a), first + timedelta(days=b)}
    log = quota_log(first - timedelta(days=14), done)
    journal = Journal((log,), week_start=week_start)
    today = first + timedelta(days=20)
    for i in range(7):
        d = first + timedelta(days=i)
        assert day_state(journal, log, d, today) == (DayState.DONE if d in done else DayState.OFF)
    assert quota_week(journal, log, first).met


@given(day=days, week_start=st.sampled_from([MONDAY, SUNDAY]))
def test_check_ins_either_side_of_a_week_boundary_do_not_meet_it(day: date, week_start: int) -> None:
    first = week_start_of(day, week_start)
    log = quota_log(first - timedelta(days=14), {first - DAY, first})
    journal = Journal((log,), week_start=week_start)
    assert not quota_week(journal, log, first).met
    assert not quota_week(journal, log, first - timedelta(days=7)).met


@given(today=days, weeks=st.integers(1, 60), week_start=st.sampled_from([MONDAY, SUNDAY]))
def test_a_quota_streak_counts_weeks_across_year_ends(today: date, weeks: int, week_start: int) -> None:
    this_week = week_start_of(today, week_start)
    firsts = [this_week - timedelta(days=7 * k) for k in range(weeks)]
    done = {d for f in firsts for d in (f, f + DAY) if d <= today}
    log = quota_log(firsts[-1], done)
    journal = Journal((log,), week_start=week_start)
    streak = habit_streak(journal, log, today)
    in_progress_met = today >= this_week + DAY
    assert streak.unit == "weeks"
    assert streak.current == weeks - (0 if in_progress_met else 1)
    assert streak.best == streak.current


@given(today=days, length=st.integers(1, 800))
@example(today=date(2025, 1, 1), length=400)  # through 29 February 2024
@example(today=date(2100, 3, 1) - DAY, length=60)  # through a February with no 29th
def test_a_daily_streak_counts_every_day_across_leap_days_and_year_ends(today: date, length: int) -> None:
    start = today - timedelta(days=length - 1)
    habit = Habit(1, "Stick rolling", "stick", "", 5, parse_schedule("daily", start), start)
    log = HabitLog(habit, frozenset(start + timedelta(days=i) for i in range(length)))
    streak = habit_streak(Journal((log,)), log, today)
    assert streak.current == streak.best == length


# ------------------------------------------------- a clock that goes back


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("edge") / "rehab.db"
    store = Store.open(path, date(2030, 1, 1))
    store.set_setting("snooze_budget", "7")  # every snooze lands, whatever the order
    store.close()
    return path


def starting(template: Path, path: Path, first: date) -> Path:
    """A copy of the template whose first two habits start on `first` at the
    latest: a check-in (habit 1) before a habit's start is refused, so is a
    snooze (habit 2) of a day it is not due, and the start never moves by itself."""
    shutil.copyfile(template, path)
    store = Store.open(path, date(2030, 1, 1))
    try:
        for habit_id in (1, 2):
            if first < store.habit(habit_id).start:
                store.edit_habit(habit_id, date(2030, 1, 1), start=first)
    finally:
        store.close()
    return path


def replay(template: Path, path: Path, moments: list[tuple[datetime, str]], hour: int) -> Journal:
    """Record each moment's action on the day the clock said it was."""
    shutil.copyfile(template, path)
    store = Store.open(path, date(2030, 1, 1))
    try:
        for now, action in moments:
            today = logical_today(now, hour)
            if action == "snooze":
                store.snooze(today, today, habit_id=2, reason="sore")
            else:
                store.check_in([1], today, today)
        return store.journal()
    finally:
        store.close()


@settings(max_examples=30, deadline=None)
@given(
    moments=st.lists(st.tuples(near_dst, st.sampled_from(["done", "done", "snooze"])), min_size=2, max_size=8),
    hour=start_hours,
    seed=st.integers(0, 2**32 - 1),
)
def test_the_stored_days_do_not_depend_on_the_order_the_clock_showed_them(
    template: Path, moments: list[tuple[datetime, str]], hour: int, seed: int
) -> None:
    # The same moments in the order they happened and in another order (a clock
    # corrected backwards, a laptop resumed in another time zone).
    shuffled = moments[:]
    random.Random(seed).shuffle(shuffled)
    if shuffled == moments:
        shuffled = moments[::-1]
    first = min(logical_today(now, hour) for now, _ in moments)
    with tempfile.TemporaryDirectory() as folder:
        # Both orders start from the same file: the habit starting on the
        # earliest day any moment falls on.
        start = starting(template, Path(folder) / "start.db", first)
        in_order = replay(start, Path(folder) / "a.db", moments, hour)
        out_of_order = replay(start, Path(folder) / "b.db", shuffled, hour)
    assert in_order == out_of_order
    latest = max(logical_today(now, hour) for now, _ in moments)
    for log in in_order.logs:
        other = out_of_order.log(log.habit.id)
        for d in sorted(log.done | log.snoozed):
            assert day_state(in_order, log, d, latest) == day_state(out_of_order, other, d, latest)
        assert habit_streak(in_order, log, latest) == habit_streak(out_of_order, other, latest)
