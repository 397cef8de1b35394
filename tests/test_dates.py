"""Reading typed dates and deciding which day it is (docs/architecture.md, "Dates")."""

from datetime import date, datetime

import pytest

from rehab_tui.domain.dates import days_between, logical_today, parse_day, parse_iso, week_start_of
from rehab_tui.domain.errors import RehabError

# A Wednesday.
TODAY = date(2026, 3, 11)


def test_the_fixed_today_is_a_wednesday() -> None:
    assert TODAY.strftime("%A") == "Wednesday"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-11", date(2026, 3, 11)),
        ("2025-12-31", date(2025, 12, 31)),
        ("2024-02-29", date(2024, 2, 29)),
        ("  2026-01-05 ", date(2026, 1, 5)),
    ],
)
def test_iso_dates(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


def test_iso_date_in_the_future_is_read_as_written() -> None:
    # Refusing future check-ins is the caller's job; the parser reads the date.
    assert parse_day("2026-04-01", TODAY) == date(2026, 4, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("TODAY", TODAY),
        ("yesterday", date(2026, 3, 10)),
        ("Yesterday", date(2026, 3, 10)),
        ("-0", TODAY),
        ("-1", date(2026, 3, 10)),
        ("-3", date(2026, 3, 8)),
        ("-11", date(2026, 2, 28)),
        ("-366", date(2025, 3, 10)),
    ],
)
def test_relative_words_and_days_ago(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize("ahead", [False, True])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow", date(2026, 3, 12)),
        ("Tomorrow", date(2026, 3, 12)),
        ("+0", TODAY),
        ("+1", date(2026, 3, 12)),
        ("+21", date(2026, 4, 1)),
        # "last" and "next" never mean today, whichever way the command faces.
        ("last wed", date(2026, 3, 4)),
        ("next wed", date(2026, 3, 18)),
        ("last thu", date(2026, 3, 5)),
        ("next thu", date(2026, 3, 12)),
        ("Last Tuesday", date(2026, 3, 10)),
        ("next  Friday", date(2026, 3, 13)),
    ],
)
def test_tomorrow_plus_n_last_and_next_read_the_same_both_ways(text: str, expected: date, ahead: bool) -> None:
    assert parse_day(text, TODAY, ahead=ahead) == expected


def test_yesterday_crosses_a_year_boundary() -> None:
    assert parse_day("yesterday", date(2026, 1, 1)) == date(2025, 12, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Today is a Wednesday: "wed" is today itself.
        ("wed", date(2026, 3, 11)),
        ("Wednesday", date(2026, 3, 11)),
        ("tue", date(2026, 3, 10)),
        ("mon", date(2026, 3, 9)),
        ("Sunday", date(2026, 3, 8)),
        ("sat", date(2026, 3, 7)),
        ("fri", date(2026, 3, 6)),
        # Thursday has not come yet this week: the most recent one is last week's.
        ("thu", date(2026, 3, 5)),
        ("THURSDAY", date(2026, 3, 5)),
    ],
)
def test_weekday_is_the_most_recent_one_today_included(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wed", date(2026, 3, 11)),
        ("thu", date(2026, 3, 12)),
        ("fri", date(2026, 3, 13)),
        ("sun", date(2026, 3, 15)),
        ("mon", date(2026, 3, 16)),
        ("tuesday", date(2026, 3, 17)),
    ],
)
def test_weekday_ahead_is_the_next_one(text: str, expected: date) -> None:
    assert parse_day(text, TODAY, ahead=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov 20", date(2025, 11, 20)),
        ("20 November", date(2025, 11, 20)),
        ("november 20th", date(2025, 11, 20)),
        ("Mar 11", date(2026, 3, 11)),  # today itself
        ("11 March", date(2026, 3, 11)),
        ("Mar 10", date(2026, 3, 10)),
        ("Mar 12", date(2025, 3, 12)),  # tomorrow's date is last year's
        ("Jan 1", date(2026, 1, 1)),
        ("Dec 31", date(2025, 12, 31)),
    ],
)
def test_month_and_day_is_the_most_recent_such_date(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov 20", date(2026, 11, 20)),
        ("Mar 11", date(2026, 3, 11)),
        ("Mar 10", date(2027, 3, 10)),
    ],
)
def test_month_and_day_ahead_is_the_next_such_date(text: str, expected: date) -> None:
    assert parse_day(text, TODAY, ahead=True) == expected


def test_feb_29_goes_back_to_the_last_leap_year() -> None:
    assert parse_day("Feb 29", TODAY) == date(2024, 2, 29)
    assert parse_day("29 February", date(2024, 2, 29)) == date(2024, 2, 29)
    # On Feb 28 of a leap year, this year's Feb 29 is still ahead.
    assert parse_day("Feb 29", date(2024, 2, 28)) == date(2020, 2, 29)


def test_feb_29_ahead_goes_to_the_next_leap_year() -> None:
    assert parse_day("Feb 29", TODAY, ahead=True) == date(2028, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30",  # not a day of the calendar
        "2025-02-29",
        "2026-13-01",
        "20",  # a lone number
        "3",
        "Nov",  # a lone month
        "november",
        "the day after tomorrow",  # free text
        "next week",
        "last",
        "next funday",
        "last 20",
        "",
        "   ",
        "Nov 31",  # no such day
        "Feb 30",
        "Nov 32",  # dateutil would read 32 as the year 2032
        "Nov 45",
        "Nov 20 2025",
        "Nov Dec",
        "2026/03/11",
        "+x",
        "-x",
        "+-3",
    ],
)
def test_refusals(text: str) -> None:
    with pytest.raises(RehabError):
        parse_day(text, TODAY)


def test_out_of_range_day_number_is_refused_in_every_year() -> None:
    # "Nov 32" must not become 2032-11-01, whatever year today is.
    for today in (date(2033, 1, 1), date(2035, 6, 1)):
        with pytest.raises(RehabError):
            parse_day("Nov 32", today)
    with pytest.raises(RehabError):
        parse_day("Nov 32", TODAY, ahead=True)


def test_refusal_message_says_what_is_accepted() -> None:
    with pytest.raises(RehabError, match="YYYY-MM-DD"):
        parse_day("someday", TODAY)


def test_impossible_iso_date_says_so() -> None:
    with pytest.raises(RehabError, match="2026-02-30"):
        parse_iso("2026-02-30")


def test_parse_iso_reads_only_iso() -> None:
    assert parse_iso("2026-03-11") == TODAY
    with pytest.raises(RehabError):
        parse_iso("today")


@pytest.mark.parametrize(
    ("now", "hour", "expected"),
    [
        (datetime(2026, 3, 11, 1, 30), 3, date(2026, 3, 10)),  # 01:30 belongs to yesterday
        (datetime(2026, 3, 11, 2, 59, 59), 3, date(2026, 3, 10)),
        (datetime(2026, 3, 11, 3, 0), 3, date(2026, 3, 11)),
        (datetime(2026, 3, 11, 23, 59), 3, date(2026, 3, 11)),
        (datetime(2026, 3, 11, 0, 0), 0, date(2026, 3, 11)),  # the default: midnight
        (datetime(2026, 3, 11, 0, 30), 0, date(2026, 3, 11)),
        (datetime(2026, 1, 1, 1, 0), 3, date(2025, 12, 31)),  # across a year
        (datetime(2026, 3, 1, 11, 59), 12, date(2026, 2, 28)),
    ],
)
def test_logical_today(now: datetime, hour: int, expected: date) -> None:
    assert logical_today(now, hour) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 9), date(2026, 3, 9)),  # a Monday is its own week start
        (date(2026, 3, 11), date(2026, 3, 9)),
        (date(2026, 3, 15), date(2026, 3, 9)),  # Sunday ends a Monday week
        (date(2026, 3, 16), date(2026, 3, 16)),
        (date(2026, 1, 1), date(2025, 12, 29)),  # across a year
    ],
)
def test_week_start_monday(day: date, expected: date) -> None:
    assert week_start_of(day, 0) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 8), date(2026, 3, 8)),  # a Sunday is its own week start
        (date(2026, 3, 11), date(2026, 3, 8)),
        (date(2026, 3, 14), date(2026, 3, 8)),  # Saturday ends a Sunday week
        (date(2026, 3, 15), date(2026, 3, 15)),
        (date(2026, 3, 9), date(2026, 3, 8)),
    ],
)
def test_week_start_sunday(day: date, expected: date) -> None:
    assert week_start_of(day, 6) == expected


def test_days_between_includes_both_ends() -> None:
    assert days_between(date(2026, 2, 27), date(2026, 3, 2)) == [
        date(2026, 2, 27),
        date(2026, 2, 28),
        date(2026, 3, 1),
        date(2026, 3, 2),
    ]
    assert days_between(TODAY, TODAY) == [TODAY]
    assert days_between(TODAY, date(2026, 3, 10)) == []
