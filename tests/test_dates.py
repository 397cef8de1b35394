"""Reading typed dates and deciding which day it is (docs/architecture.md, "Dates")."""

from datetime import date, datetime

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from rehab_tui.domain.dates import days_between, logical_today, parse_day, parse_iso, parse_month, week_start_of
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


# ------------------------------------------------------------ with a year


@pytest.mark.parametrize("ahead", [False, True])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dec 25 2026", date(2026, 12, 25)),
        ("25 Dec 2026", date(2026, 12, 25)),
        ("December 25, 2026", date(2026, 12, 25)),
        ("25th December 2026", date(2026, 12, 25)),
        ("dec 25, 2024", date(2024, 12, 25)),  # a year says the way itself
        ("Feb 29 2024", date(2024, 2, 29)),
        ("Mar 11 2026", TODAY),
    ],
)
def test_month_day_and_year(text: str, expected: date, ahead: bool) -> None:
    assert parse_day(text, TODAY, ahead=ahead) == expected
    assert parse_day(text, TODAY, nearest=True) == expected


def test_month_day_and_year_refusals_say_why() -> None:
    for text, words in [
        ("Feb 29 2026", "'Feb 29 2026' is not a day of the calendar"),
        ("Nov 31 2026", "'Nov 31 2026' is not a day of the calendar"),
        ("Dec 25 1899", "Dec 25 1899 is out of range: years 1900 to 2999 only"),
        ("Dec 25 0000", "Dec 25 0000 is out of range"),
        ("Dec 25 26", "is not a date"),  # a year is written in full: 26 could be a day
        ("Nov 20 2025 2026", "is not a date"),
        ("20 21 2026", "is not a date"),
        ("Nov 2026", "is not a date"),  # a month, not a day
    ]:
        with pytest.raises(RehabError, match=words):
            parse_day(text, TODAY)


# 1 Jan 1900 to 31 Dec 2999: the years parse_day accepts.
YEARS_DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31))


@given(day=YEARS_DAYS, today=YEARS_DAYS, ahead=st.booleans(), nearest=st.booleans())
def test_a_date_written_with_its_year_reads_back_as_itself(day: date, today: date, ahead: bool, nearest: bool) -> None:
    # %b and %B are English in the C locale the tests run in; the day is written without a 0.
    for text in (
        f"{day:%b} {day.day} {day.year}",
        f"{day.day} {day:%b} {day.year}",
        f"{day:%B} {day.day}, {day.year}",
        f"{day.day} {day:%B} {day.year}",
    ):
        assert parse_day(text, today, ahead=ahead, nearest=nearest) == day, text


# ------------------------------------------------------------ the nearer month-day (a view)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mar 11", TODAY),
        ("Mar 20", date(2026, 3, 20)),  # ahead, where a record would take last year's
        ("Mar 1", date(2026, 3, 1)),
        ("Sep 9", date(2026, 9, 9)),  # 182 days ahead against 183 back
        ("Sep 11", date(2025, 9, 11)),  # 183 ahead against 181 back
        ("Feb 29", date(2028, 2, 29)),  # 720 days ahead against 741 back
        ("wed", TODAY),  # a weekday still faces as `ahead` says
        ("thu", date(2026, 3, 5)),
    ],
)
def test_nearest_month_day(text: str, expected: date) -> None:
    assert parse_day(text, TODAY, nearest=True) == expected


def test_nearest_month_day_on_a_tie_is_the_past_one() -> None:
    # 183 days either way across a leap year.
    assert parse_day("Jul 2", date(2024, 1, 1), nearest=True) == date(2023, 7, 2)


@given(
    day=st.dates(min_value=date(1904, 1, 1), max_value=date(2995, 12, 31)).filter(
        lambda d: (d.month, d.day) != (2, 29)
    ),
    today=st.dates(min_value=date(1905, 1, 1), max_value=date(2994, 12, 31)),
)
def test_the_nearest_month_day_is_within_half_a_year(day: date, today: date) -> None:
    found = parse_day(f"{day:%b} {day.day}", today, nearest=True)
    assert (found.month, found.day) == (day.month, day.day)
    assert abs((found - today).days) <= 183


# ------------------------------------------------------------ months


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03", date(2026, 3, 1)),
        ("2025-12", date(2025, 12, 1)),
        ("mar", date(2026, 3, 1)),  # this month
        ("March", date(2026, 3, 1)),
        ("jan", date(2026, 1, 1)),
        ("Apr", date(2025, 4, 1)),  # not yet this year: last year's
        ("december", date(2025, 12, 1)),
        ("Nov 2026", date(2026, 11, 1)),
        ("2026 nov", date(2026, 11, 1)),
        ("September 2030", date(2030, 9, 1)),
    ],
)
def test_parse_month(text: str, expected: date) -> None:
    assert parse_month(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    ["2026-13", "2026-00", "2026-1", "2026", "11-2026", "2026-11-05", "Nov 26", "Nov Dec", "Nov 2026 2027", "", "x"],
)
def test_parse_month_refusals(text: str) -> None:
    with pytest.raises(RehabError, match="is not a month"):
        parse_month(text, TODAY)


def test_parse_month_out_of_range() -> None:
    with pytest.raises(RehabError, match="Nov 1850 is out of range"):
        parse_month("Nov 1850", TODAY)


# A bare month may be last year's: from 1901 on, it is still within range.
@given(day=YEARS_DAYS, today=st.dates(min_value=date(1901, 1, 1), max_value=date(2999, 12, 31)))
def test_a_month_written_with_its_year_reads_back_as_itself(day: date, today: date) -> None:
    first = day.replace(day=1)
    assert parse_month(f"{day:%b} {day.year}", today) == first
    assert parse_month(f"{day:%Y-%m}", today) == first
    bare = parse_month(f"{day:%B}", today)
    assert bare.month == day.month and bare <= today.replace(day=1) < bare + relativedelta(years=1)
