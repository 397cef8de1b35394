"""Hostile input through the CLI: habit names and date strings (docs/architecture.md, "Dates", "Naming habits").

Whatever is typed, `rehab` never shows a traceback. Either it succeeds and the
value round-trips exactly (a name as the store keeps it: NFC-normalized and
stripped, see domain/lookup.py clean_name), or it exits 1 with one `error:`
line and the file is byte-identical.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rehab_tui.cli.main import cli
from rehab_tui.domain.dates import parse_day
from rehab_tui.domain.errors import RehabError
from rehab_tui.store import Store

TODAY = "2026-11-21"
HYPOTHESIS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SQL = [
    "'); DROP TABLE habits; --",
    "Robert'); DROP TABLE checkins;--",
    '" OR 1=1 --',
    "x'; UPDATE habits SET name = 'pwned' WHERE '1'='1",
    "%s %d {0} {name}",
    "?",
    "\\",
    "' || (SELECT sqlite_version()) || '",
]
NAMES = [
    "🦵 Stick rolling 🏃\u200d♀️",
    "🏳️\u200d🌈",
    "מתיחות ירך",  # Hebrew, right to left
    "تمارين الورك",  # Arabic, right to left
    "Plank ‏dips",  # with a right-to-left mark (a format character)
    "\u202egnillor kcits",  # right-to-left override
    "Cafe\u0301 stretch",  # decomposed: stored composed
    "  padded  ",
    "\ttabbed\t",
    "two\nlines",
    "nul\x00byte",
    "bell\x07",
    "escape \x1b[31mred\x1b[0m",
    "line\u2028separator",
    "x" * 10_000,
    "y" * 200,
    "z" * 201,
    "",
    "   ",
    "Stick rolling",
    "STICK ROLLING",
    "-rf",
    "--help",
    "ﬁ ligature",
    "\U0001d54a\U0001d565\U0001d55a\U0001d554\U0001d55c",  # mathematical letters
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new rehab database (the default routine), copied for every example."""
    path = tmp_path_factory.mktemp("template") / "rehab.db"
    Store.open(path, date(2026, 11, 21)).close()
    return path


@contextmanager
def fresh_db(template: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rehab.db"
        shutil.copyfile(template, path)
        yield path


def rehab(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "--today", TODAY, *args])


def assert_no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output + result.stderr
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.stderr)


def assert_one_error_line(result: Result) -> None:
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr


def stored(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def kept_as(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip()


# ------------------------------------------------------------------- names

names = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), min_size=1, max_size=40),
    st.text(st.characters(min_codepoint=0x0590, max_codepoint=0x08FF), min_size=1, max_size=20),  # RTL
    st.text(st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF), min_size=1, max_size=10),  # emoji
    st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=5).flatmap(
        lambda hostile: st.sampled_from([hostile, f"a{hostile}b", f"{hostile}name", f"name{hostile}"])
    ),
    st.sampled_from(SQL + NAMES),
    st.builds(lambda piece, n: piece * n, st.text(min_size=1, max_size=3), st.integers(50, 4000)),
)


@HYPOTHESIS
@given(name=names)
@example(name="'); DROP TABLE habits; --")
@example(name="x" * 10_000)
@example(name="🦵 Stick rolling 🏃\u200d♀️")
@example(name="מתיחות ירך")
@example(name="nul\x00byte")
@example(name="Cafe\u0301 stretch")
def test_a_habit_name_round_trips_or_is_refused(template: Path, name: str) -> None:
    with fresh_db(template) as db:
        before = db.read_bytes()
        added = rehab(db, "habit", "add", "--schedule", "daily", "--", name)
        assert_no_traceback(added)

        if added.exit_code == 1:
            assert_one_error_line(added)
            assert db.read_bytes() == before, "a refused name changed the file"
            return

        listing = rehab(db, "habit", "list", "--json")
        assert listing.exit_code == 0, listing.stderr
        habits = json.loads(listing.stdout)
        assert len(habits) == 6
        assert habits[-1]["habit"] == kept_as(name)
        assert stored(db, "SELECT name FROM habits ORDER BY id DESC LIMIT 1") == [(kept_as(name),)]
        # The SQL-looking ones were data, never SQL.
        assert stored(db, "SELECT count(*) FROM habits") == [(6,)]
        assert {t for (t,) in stored(db, "SELECT name FROM sqlite_master WHERE type = 'table'")} >= {
            "habits",
            "checkins",
            "snoozes",
            "pauses",
            "settings",
        }


@pytest.mark.parametrize("name", SQL + NAMES, ids=range(len(SQL + NAMES)))
def test_each_listed_name_round_trips_or_is_refused(template: Path, name: str) -> None:
    # The same property for every hand-picked case, so each one is certainly run.
    test_a_habit_name_round_trips_or_is_refused.hypothesis.inner_test(template, name)


@pytest.mark.parametrize(
    "name, why",
    [
        ("", "empty"),
        ("   ", "blank"),
        ("two\nlines", "line break"),
        ("nul\x00byte", "control"),
        ("\u202egnillor kcits", "format character"),
        ("z" * 201, "too long"),
        ("x" * 10_000, "too long"),
        ("Stick rolling", "taken"),
        ("STICK ROLLING", "taken, case-insensitively"),
    ],
)
def test_names_that_must_be_refused(template: Path, name: str, why: str) -> None:
    with fresh_db(template) as db:
        before = db.read_bytes()
        result = rehab(db, "habit", "add", "--schedule", "daily", "--", name)
        assert_one_error_line(result)
        assert db.read_bytes() == before


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_name_with_a_unicode_line_separator_is_refused(template: Path, separator: str) -> None:
    with fresh_db(template) as db:
        result = rehab(db, "habit", "add", "--schedule", "daily", "--", f"line{separator}break")
        assert_one_error_line(result)


# ------------------------------------------------------------------- dates

# str.splitlines() breaks on these; the main property leaves them out and the
# test below checks that an error quoting them is still one line.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

HOSTILE_DATES = [
    "",
    " ",
    "2026-02-29",
    "2028-02-29",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "9999-12-31",
    "2026-11-22",
    "-0",
    "-1",
    "-100000",
    "--1",
    "+1",
    "Feb 29",
    "Feb 30",
    "31 Nov",
    "Nov 31",
    "Nov 20th",
    "20 November",
    "Nov 20 2026",
    "tomorrow",
    "next friday",
    "fri",
    "FRIDAY",
    "2026-11-21T10:00",
    "11/20/2026",
    "20",
    "Nov",
    "1e10",
    "nan",
    "inf",
    "'; DROP TABLE checkins; --",
    "\x00",
    "sun\x00",
    "٢٠٢٦-١١-٢٠",
    "-٣",
    "２０２６-１１-２０",
    "today today",
    "yesterday\t",
    " 2026-11-20 ",
]
# Centuries back: run once each rather than sampled, because were one accepted,
# `done` would walk every day since for the best streak (seconds each).
FAR_PAST_DATES = ["0001-01-01", "0001-01-02", "-99999", "1752-09-03"]
date_texts = st.one_of(
    st.text(st.characters(exclude_characters=LINE_BREAKS), max_size=25),
    st.sampled_from(HOSTILE_DATES),
    st.from_regex(r"\A-[0-9]{1,3}\Z"),
    st.from_regex(r"\A20[0-9]{2}-[0-9]{2}-[0-9]{2}\Z"),
    st.dates(date(2016, 1, 1), date(2036, 12, 31)).map(lambda d: d.isoformat()),
    st.builds(
        lambda month, day: f"{month} {day}",
        st.sampled_from(["Jan", "feb", "February", "Mar", "DEC", "sept", "Sep"]),
        st.integers(0, 40),
    ),
)


@HYPOTHESIS
@given(text=date_texts)
@example(text="'; DROP TABLE checkins; --")
@example(text="Feb 29")
@example(text="2028-02-29")
def test_a_date_string_checks_in_that_day_or_is_refused(template: Path, text: str) -> None:
    with fresh_db(template) as db:
        before = db.read_bytes()
        result = rehab(db, "done", "stick", f"--date={text}")
        assert_no_traceback(result)

        if result.exit_code == 1:
            assert_one_error_line(result)
            assert db.read_bytes() == before, "a refused date changed the file"
            return

        # Accepted: exactly the day parse_day reads, never a future one.
        try:
            day = parse_day(text, date(2026, 11, 21))
        except RehabError:
            pytest.fail(f"the CLI accepted {text!r} but parse_day refuses it")
        assert day <= date(2026, 11, 21)
        assert f"on {day.isoformat()}" in result.stdout
        assert stored(db, "SELECT day FROM checkins") == [(day.isoformat(),)]


@pytest.mark.parametrize("text", HOSTILE_DATES + FAR_PAST_DATES, ids=range(len(HOSTILE_DATES + FAR_PAST_DATES)))
def test_each_listed_date_checks_in_or_is_refused(template: Path, text: str) -> None:
    test_a_date_string_checks_in_that_day_or_is_refused.hypothesis.inner_test(template, text)


@pytest.mark.parametrize("text", ["to\nday", "fri\rday", "x\u2028y"])
def test_a_date_with_a_line_break_is_one_error_line(template: Path, text: str) -> None:
    with fresh_db(template) as db:
        result = rehab(db, "done", "stick", f"--date={text}")
        assert_one_error_line(result)


@pytest.mark.parametrize("when", ["0001-01-01", "1899-12-31", "1900-01-01", "1900-01-07", "-99999"])
def test_a_check_in_at_the_far_end_of_the_calendar_leaves_a_working_file(template: Path, when: str) -> None:
    # Once, a year-1 check-in of a quota habit with Sunday weeks was committed and
    # then overflowed the week arithmetic: `done` failed after writing, and every
    # later `today` failed too.
    with fresh_db(template) as db:
        assert rehab(db, "settings", "week_start", "sunday").exit_code == 0
        before = db.read_bytes()
        result = rehab(db, "done", "glute", "stick", f"--date={when}")
        assert_no_traceback(result)
        if result.exit_code == 1:
            assert_one_error_line(result)
            assert db.read_bytes() == before, "the refused check-in was written"
        for command in (["today"], ["streaks", "--json"], ["calendar"], ["nag"]):
            after = rehab(db, *command)
            assert after.exit_code == 0, (command, after.stderr)


@pytest.mark.parametrize(
    "today", ["0001-01-01", "1900-01-01", "2999-12-31", "9999-12-31", "2024-02-29", "2026-02-29", "", "-1", "today"]
)
@pytest.mark.parametrize(
    "command",
    [
        ["today"],
        ["done", "stick", "--date", "yesterday"],
        ["snooze", "--date", "-1"],
        ["streaks"],
        ["pause", "stick", "--until", "fri"],
        ["calendar"],
    ],
    ids=lambda c: c[0],
)
def test_a_hostile_today_never_shows_a_traceback(tmp_path: Path, today: str, command: list[str]) -> None:
    db = tmp_path / "rehab.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "--today", today, *command])
    assert_no_traceback(result)
    if result.exit_code == 1:
        assert_one_error_line(result)
