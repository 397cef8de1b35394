"""Schedules: friendly forms in, text dateutil reads back out (docs/architecture.md, "Habits and schedules")."""

from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from rehab_tui.domain.errors import RehabError
from rehab_tui.domain.schedules import Schedule, load_schedule, parse_schedule

ANCHOR = date(2026, 3, 11)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "kind", "rule", "described"),
    [
        ("daily", "daily", "RRULE:FREQ=DAILY", "daily"),
        ("Daily", "daily", "RRULE:FREQ=DAILY", "daily"),
        ("every day", "daily", "RRULE:FREQ=DAILY", "daily"),
        ("every 1 day", "daily", "RRULE:FREQ=DAILY", "daily"),
        ("tue,fri", "weekdays", "RRULE:FREQ=WEEKLY;BYDAY=TU,FR", "tue,fri"),
        ("fri, tue", "weekdays", "RRULE:FREQ=WEEKLY;BYDAY=TU,FR", "tue,fri"),
        ("Tuesday Friday", "weekdays", "RRULE:FREQ=WEEKLY;BYDAY=TU,FR", "tue,fri"),
        ("mon,wed,fri", "weekdays", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR", "mon,wed,fri"),
        ("sun", "weekdays", "RRULE:FREQ=WEEKLY;BYDAY=SU", "sun"),
        ("mon,tue,wed,thu,fri,sat,sun", "daily", "RRULE:FREQ=DAILY", "daily"),
        ("every 2 days", "interval", "RRULE:FREQ=DAILY;INTERVAL=2", "every 2 days"),
        ("Every 3 days", "interval", "RRULE:FREQ=DAILY;INTERVAL=3", "every 3 days"),
        ("2/week", "quota", "2/week", "2/week"),
        ("1/week", "quota", "1/week", "1/week"),
        ("3 / week", "quota", "3/week", "3/week"),
        ("3 times a week", "quota", "3/week", "3/week"),
        ("7/week", "quota", "7/week", "7/week"),
        # Raw RRULEs that are a friendly form are stored as that form.
        ("RRULE:FREQ=DAILY", "daily", "RRULE:FREQ=DAILY", "daily"),
        ("RRULE:FREQ=WEEKLY;BYDAY=TU,FR", "weekdays", "RRULE:FREQ=WEEKLY;BYDAY=TU,FR", "tue,fri"),
        ("rrule:freq=daily;interval=4", "interval", "RRULE:FREQ=DAILY;INTERVAL=4", "every 4 days"),
        ("FREQ=DAILY;INTERVAL=2", "interval", "RRULE:FREQ=DAILY;INTERVAL=2", "every 2 days"),
        # Raw RRULEs that are not.
        (
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=1",
            "rrule",
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=1",
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=1",
        ),
        (
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
            "rrule",
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        ),
        # Its friendly form is out of range, so it is kept (and read back) raw.
        (
            "RRULE:FREQ=DAILY;INTERVAL=400",
            "rrule",
            "RRULE:FREQ=DAILY;INTERVAL=400",
            "RRULE:FREQ=DAILY;INTERVAL=400",
        ),
        (
            "rrule:freq=weekly;byday=mo,th;interval=3",
            "rrule",
            "RRULE:FREQ=WEEKLY;BYDAY=MO,TH;INTERVAL=3",
            "RRULE:FREQ=WEEKLY;BYDAY=MO,TH;INTERVAL=3",
        ),
    ],
)
def test_friendly_forms(text: str, kind: str, rule: str, described: str) -> None:
    schedule = parse_schedule(text, ANCHOR)
    assert schedule.kind == kind
    assert schedule.rule == rule
    assert schedule.anchor == ANCHOR
    assert schedule.describe() == described
    # What describe() prints reads back to the same schedule, and so does the stored rule.
    assert parse_schedule(schedule.describe(), ANCHOR) == schedule
    assert load_schedule(schedule.rule, ANCHOR) == schedule


def test_stored_rules_are_rrules_dateutil_reads() -> None:
    for text in ("daily", "tue,fri", "every 3 days", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1"):
        schedule = parse_schedule(text, ANCHOR)
        rule = rrulestr(schedule.rule, dtstart=datetime(2026, 3, 11))
        assert rule.after(datetime(2026, 3, 11), inc=True) is not None


def test_parsed_fields() -> None:
    assert parse_schedule("tue,fri", ANCHOR).weekdays == frozenset({1, 4})
    assert parse_schedule("every 5 days", ANCHOR).interval == 5
    assert parse_schedule("4/week", ANCHOR).quota == 4
    assert parse_schedule("4/week", ANCHOR).is_quota
    assert not parse_schedule("daily", ANCHOR).is_quota


def test_dtstart_in_a_raw_rule_is_ignored_for_the_anchor() -> None:
    schedule = parse_schedule("DTSTART:20200101T000000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1", ANCHOR)
    assert schedule.kind == "rrule"
    assert schedule.rule == "RRULE:FREQ=MONTHLY;BYMONTHDAY=1"
    assert schedule.anchor == ANCHOR


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "sometimes",
        "RRULE:FREQ=SECONDLY",
        "RRULE:FREQ=HOURLY",
        "RRULE:FREQ=DAILY;INTERVAL=0",
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",  # not in the year from the anchor
        "every 0 days",
        "every 366 days",
        "every two days",
        "0/week",
        "8/week",
        "tue,funday",
        "tue fri sometimes",
        "RRULE:FREQ=SOMETIMES",
        "RRULE:FREQ=DAILY;INTERVAL=x",
        "RRULE:FREQ=DAILY;UNTIL=20200101",  # never falls on a day from the anchor on
    ],
)
def test_bad_schedules_are_refused(text: str) -> None:
    with pytest.raises(RehabError):
        parse_schedule(text, ANCHOR)


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("weekdays", "mon,tue,wed,thu,fri"),
        ("weekends", "sat,sun"),
        ("every other day", "every 2 days"),
        ("weekly", "1/week"),
        ("3x/week", "3/week"),
        ("3 times a week", "3/week"),
        ("2 per week", "2/week"),
        ("M/W/F", "mon,wed,fri"),
        ("T/Th", "tue,thu"),
    ],
)
def test_common_ways_of_saying_a_schedule(text: str, described: str) -> None:
    assert parse_schedule(text, ANCHOR).describe() == described


def test_a_rare_rule_is_previewed_in_words() -> None:
    assert "about once a month" in parse_schedule("RRULE:FREQ=MONTHLY;BYMONTHDAY=1", ANCHOR).explain()


def test_none_schedule_is_refused() -> None:
    with pytest.raises(RehabError, match="schedule"):
        parse_schedule(None, ANCHOR)  # type: ignore[arg-type]


def test_occurs_for_each_kind() -> None:
    mon, tue, wed, fri = date(2026, 3, 9), date(2026, 3, 10), date(2026, 3, 11), date(2026, 3, 13)
    daily = parse_schedule("daily", ANCHOR)
    assert all(daily.occurs(d) for d in (mon, tue, wed, fri))
    tue_fri = parse_schedule("tue,fri", ANCHOR)
    assert [tue_fri.occurs(d) for d in (mon, tue, wed, fri)] == [False, True, False, True]
    every3 = parse_schedule("every 3 days", ANCHOR)
    assert [every3.occurs(ANCHOR + timedelta(days=i)) for i in range(7)] == [
        True,
        False,
        False,
        True,
        False,
        False,
        True,
    ]
    quota = parse_schedule("2/week", ANCHOR)
    assert all(quota.occurs(ANCHOR + timedelta(days=i)) for i in range(7))
    monthly = parse_schedule("RRULE:FREQ=MONTHLY;BYMONTHDAY=1", ANCHOR)
    assert monthly.occurs(date(2026, 4, 1))
    assert not monthly.occurs(date(2026, 4, 2))
    assert not monthly.occurs(date(2026, 3, 1))  # before the anchor


def test_interval_stays_anchored_before_the_anchor() -> None:
    # When a check-in moves the start back, `every N days` keeps its rhythm.
    every2 = parse_schedule("every 2 days", ANCHOR)
    assert every2.occurs(ANCHOR - timedelta(days=2))
    assert not every2.occurs(ANCHOR - timedelta(days=1))


def test_raw_rule_with_an_hour_falls_on_the_last_day_of_the_year() -> None:
    schedule = parse_schedule("RRULE:FREQ=DAILY;BYHOUR=9", date(2025, 12, 1))
    assert schedule.kind == "rrule"
    assert schedule.occurs(date(2025, 12, 30))
    assert schedule.occurs(date(2025, 12, 31))
    assert schedule.occurs(date(2026, 1, 1))


@pytest.mark.parametrize(
    ("text", "frequency", "parts"),
    [
        ("daily", Fraction(1), (1, 1)),
        ("tue,fri", Fraction(2, 7), (2, 7)),
        ("mon,tue,wed,thu,fri", Fraction(5, 7), (5, 7)),
        ("every 2 days", Fraction(1, 2), (1, 2)),
        ("every 10 days", Fraction(1, 10), (1, 10)),
        ("3/week", Fraction(3, 7), (3, 7)),
        ("7/week", Fraction(1), (7, 7)),
        # A raw rule: occurrences in the 28 days from the anchor, over 28.
        ("RRULE:FREQ=MONTHLY;BYMONTHDAY=1", Fraction(1, 28), (1, 28)),
        ("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", Fraction(4, 28), (4, 28)),
    ],
)
def test_frequency_and_parts(text: str, frequency: Fraction, parts: tuple[int, int]) -> None:
    schedule = parse_schedule(text, ANCHOR)
    assert schedule.frequency == frequency
    assert schedule.frequency_parts == parts


def test_explain_shows_how_it_was_understood() -> None:
    assert parse_schedule("tue,fri", ANCHOR).explain() == "every Tuesday, Friday"
    assert parse_schedule("every 2 days", ANCHOR).explain() == ("every 2 days, counting from 2026-03-11")
    assert parse_schedule("1/week", ANCHOR).explain() == "1 day a week, any days"
    assert parse_schedule("2/week", ANCHOR).explain() == "2 days a week, any days"


# ---------------------------------------------------------------- properties

anchors = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
weekday_sets = st.sets(st.integers(0, 6), min_size=1, max_size=6)
names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _rrule_days(schedule: Schedule, first: date, last: date) -> set[date]:
    rule = schedule.to_rrule()
    found = rule.between(
        datetime.combine(first, datetime.min.time()),
        datetime.combine(last, datetime.max.time()),
        inc=True,
    )
    return {d.date() for d in found}


def _agrees(schedule: Schedule, first: date, span: int) -> None:
    last = first + timedelta(days=span)
    expected = _rrule_days(schedule, first, last)
    for i in range(span + 1):
        day = first + timedelta(days=i)
        assert schedule.occurs(day) == (day in expected), day


@settings(max_examples=200, deadline=None)
@given(anchor=anchors, days=weekday_sets, offset=st.integers(0, 800), span=st.integers(0, 60))
def test_weekdays_occurs_agrees_with_rrule(anchor: date, days: set[int], offset: int, span: int) -> None:
    schedule = parse_schedule(",".join(names[d] for d in sorted(days)), anchor)
    assert schedule.kind == "weekdays"
    _agrees(schedule, anchor + timedelta(days=offset), span)


@settings(max_examples=200, deadline=None)
@given(anchor=anchors, n=st.integers(2, 40), offset=st.integers(0, 800), span=st.integers(0, 60))
def test_interval_occurs_agrees_with_rrule(anchor: date, n: int, offset: int, span: int) -> None:
    schedule = parse_schedule(f"every {n} days", anchor)
    assert schedule.kind == "interval"
    _agrees(schedule, anchor + timedelta(days=offset), span)


@settings(max_examples=100, deadline=None)
@given(
    anchor=anchors,
    rule=st.sampled_from(
        [
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15",
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
            "RRULE:FREQ=DAILY;BYHOUR=9",
            "RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=30,31",
        ]
    ),
    offset=st.integers(0, 800),
    span=st.integers(0, 60),
)
def test_raw_rrule_occurs_agrees_with_rrule(anchor: date, rule: str, offset: int, span: int) -> None:
    schedule = parse_schedule(rule, anchor)
    assert schedule.kind == "rrule"
    _agrees(schedule, anchor + timedelta(days=offset), span)
