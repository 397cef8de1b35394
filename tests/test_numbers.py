"""One reading of a whole number typed as text: options, settings and
schedules refuse the same text in the same words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_helpers import assert_error, assert_usage_error, dump, new_db, run

from rehab_tui.domain.errors import InvalidInput, OutOfRange
from rehab_tui.domain.numbers import whole_number
from rehab_tui.domain.schedules import parse_schedule
from rehab_tui.domain.settings import validate


@pytest.mark.parametrize(
    ("text", "low", "high", "expected"),
    [
        ("7", None, None, 7),
        (" 07 ", 0, 7, 7),
        ("+3", 1, None, 3),
        ("-1", None, 5, -1),
        ("9" * 20, None, None, 10**20 - 1),
    ],
)
def test_digits_are_read(text: str, low: int | None, high: int | None, expected: int) -> None:
    assert whole_number(text, low, high) == expected


@pytest.mark.parametrize(
    ("text", "low", "high", "kind", "says"),
    [
        ("-1", 0, None, OutOfRange, "-1 is too small: 0 or more"),
        ("11", None, 10, OutOfRange, "11 is too large: 10 at most"),
        ("0", 1, 520, OutOfRange, "0 is not in the range 1 to 520"),
        ("9" * 21, None, None, OutOfRange, "99999999999999999999… is far too large"),
        ("1x", None, None, InvalidInput, "'1x' is not a whole number (digits 0-9)"),
        ("²", None, None, InvalidInput, "not a whole number"),
        ("５", None, None, InvalidInput, "not a whole number"),
        ("", None, None, InvalidInput, "not a whole number"),
        ("-", None, None, InvalidInput, "not a whole number"),
    ],
)
def test_refusals_say_why(text: str, low: int | None, high: int | None, kind: type, says: str) -> None:
    with pytest.raises(kind) as refused:
        whole_number(text, low, high)
    assert says in str(refused.value)


def test_a_setting_and_a_schedule_refuse_a_huge_number_the_same_way() -> None:
    huge = "9" * 5000  # more digits than int() converts at all
    for attempt in (
        lambda: validate("snooze_budget", huge),
        lambda: parse_schedule(f"every {huge} days", date(2026, 3, 11)),
        lambda: parse_schedule(f"{huge}/week", date(2026, 3, 11)),
    ):
        with pytest.raises(OutOfRange, match="far too large"):
            attempt()


def test_a_setting_names_itself_when_refused() -> None:
    with pytest.raises(InvalidInput, match=r"^snooze_budget goes from 0 to 7: 'two' is not a whole number"):
        validate("snooze_budget", "two")
    with pytest.raises(OutOfRange, match=r"^day_start_hour goes from 0 to 12 \(13 given\)$"):
        validate("day_start_hour", "13")


def test_the_command_line_refuses_as_the_domain_words_it(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    before = dump(db)
    assert_usage_error(run(db, "pain", "²", "--area", "hip"), contains="'²' is not a whole number (digits 0-9)")
    assert_error(run(db, "settings", "snooze_budget", "9" * 30), contains="far too large")
    assert_error(
        run(db, "habit", "add", "Calf raises", "--schedule", f"every {'9' * 5000} days"), contains="far too large"
    )
    assert dump(db) == before


@pytest.mark.parametrize("command", ["pain", "report"])
def test_weeks_has_one_range_for_the_option_and_its_words(tmp_path: Path, command: str) -> None:
    db = new_db(tmp_path)
    before = dump(db)
    assert_usage_error(run(db, command, "--weeks", "521"), contains="521 is not in the range 1 to 520")
    assert_usage_error(run(db, command, "--weeks", "0"), contains="0 is not in the range 1 to 520")
    assert dump(db) == before
    assert "(1-520)" in " ".join(run(db, command, "--help").out.split())
