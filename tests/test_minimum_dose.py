"""A minimum dose counts as done everywhere a full one does, and shows apart
(docs/architecture.md, "The minimum dose"; issue 12).

Two histories alike in every check-in, one of them with some check-ins at
Dose.MIN, must give the same streaks, strength, adherence, day totals and
drop-off; only `today --json` ("dose"), the calendar (◎) and the export
("minimum_doses") tell them apart.

The command-line runs act on Saturday 2026-11-21; the database is the default
routine made on 2026-10-01 (cli_helpers.new_db): Stick rolling, Lacrosse ball
glute release and Plank hip dips daily, Acupuncture tue,fri, Glute and hip
strength 1/week.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_helpers import habit_id, new_db, ok, rows
from domain_helpers import make_log
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehab_tui.domain.calendar_days import day_summary
from rehab_tui.domain.checklist import checklist
from rehab_tui.domain.drop_off import drop_off
from rehab_tui.domain.marks import Mark
from rehab_tui.domain.model import Journal
from rehab_tui.domain.prescription import Dose
from rehab_tui.domain.streaks import (
    adherence,
    habit_streak,
    routine_adherence,
    routine_streak,
    weekly_routine,
)
from rehab_tui.domain.strength import strength
from rehab_tui.store import Store

TODAY = date(2026, 11, 21)  # a Saturday
DAILY = ["stick-rolling", "lacrosse-ball-glute-release", "plank-hip-dips"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


def dose_column(db: Path, slug: str, day: str) -> str:
    found = rows(db, "checkins", "habit_id = ? AND day = ?", [habit_id(db, slug), day])
    assert len(found) == 1, found
    return found[0]["dose"]


def item(listing: dict, slug: str) -> dict:
    return next(i for i in listing["items"] if i["slug"] == slug)


def without_doses(listing: dict) -> dict:
    return {**listing, "items": [{k: v for k, v in i.items() if k != "dose"} for i in listing["items"]]}


# ----------------------------------------------------- the domain: a property

START = TODAY - timedelta(days=41)
SPAN = (TODAY - START).days + 1
SCHEDULES = ["daily", "daily", "tue,fri", "2/week", "every 3 days"]


def journal_of(done: list[frozenset[int]], minimum: list[frozenset[int]], snoozed: frozenset[int]) -> Journal:
    """A journal of SCHEDULES from START; day numbers count from START."""
    logs = []
    for n, schedule in enumerate(SCHEDULES):
        log = make_log(schedule, start=START, habit_id=n + 1, done=(START + timedelta(days=k) for k in done[n]))
        logs.append(replace(log, minimum=frozenset(START + timedelta(days=k) for k in minimum[n])))
    return Journal(tuple(logs), rest_days=frozenset(START + timedelta(days=k) for k in snoozed))


def everything_counted(journal: Journal) -> dict:
    """Every figure a minimum dose must not change."""
    days = [START + timedelta(days=k) for k in range(SPAN)]
    weeks = [START + timedelta(days=7 * k) for k in range(SPAN // 7)]
    return {
        "streaks": [habit_streak(journal, log, TODAY) for log in journal.logs],
        "strength": [strength(journal, log, TODAY) for log in journal.logs],
        "adherence": [adherence(journal, log, TODAY) for log in journal.logs],
        "routine": routine_streak(journal, TODAY),
        "routine_adherence": routine_adherence(journal, TODAY),
        "weekly": weekly_routine(journal, weeks, TODAY),
        "drop_off": drop_off(journal, TODAY),
        "days": [
            (c.done, c.total, [(i.state, i.streak) for i in c.items])
            for c in (checklist(journal, d, TODAY) for d in days[-14:])
        ],
        "summaries": [
            (s.done, s.total, Mark.FULL if s.mark is Mark.MINIMUM else s.mark)
            for s in (day_summary(journal, d, TODAY) for d in days)
        ],
    }


day_numbers = st.frozensets(st.integers(0, SPAN - 1), max_size=SPAN)


@settings(max_examples=60, deadline=None)
@given(
    done=st.lists(day_numbers, min_size=len(SCHEDULES), max_size=len(SCHEDULES)),
    snoozed=st.frozensets(st.integers(0, SPAN - 1), max_size=6),
    data=st.data(),
)
def test_any_check_ins_at_the_minimum_dose_count_exactly_like_full_ones(done, snoozed, data) -> None:
    minimum = [data.draw(st.frozensets(st.sampled_from(sorted(days)))) if days else frozenset() for days in done]
    full = journal_of(done, [frozenset()] * len(SCHEDULES), snoozed)
    mixed = journal_of(done, minimum, snoozed)

    assert everything_counted(mixed) == everything_counted(full)
    for log, least in zip(mixed.logs, minimum, strict=False):
        for k in range(SPAN):
            day = START + timedelta(days=k)
            expected = None if day not in log.done else (Dose.MIN if k in least else Dose.FULL)
            assert log.dose_on(day) is expected


def test_a_day_all_done_shows_minimum_only_when_a_check_in_was_at_the_minimum() -> None:
    monday = date(2026, 11, 16)
    full = Journal((make_log(start=monday, done=[monday]), make_log(start=monday, done=[monday], habit_id=2)))
    assert day_summary(full, monday, TODAY).mark is Mark.FULL
    one_min = Journal((full.logs[0], replace(full.logs[1], minimum=frozenset({monday}))))
    assert day_summary(one_min, monday, TODAY).mark is Mark.MINIMUM
    # Half done, one at the minimum: partial, as it was.
    half = Journal((make_log(start=monday), replace(full.logs[1], minimum=frozenset({monday}))))
    assert day_summary(half, monday, TODAY).mark is Mark.PARTIAL


# --------------------------------------------------- the store and the command


#: Three weeks of the daily habits, some days missed; the same in both files.
HISTORY_DAYS = [TODAY - timedelta(days=k) for k in range(21)]
MISSED = {("stick-rolling", 5), ("plank-hip-dips", 5), ("plank-hip-dips", 12), ("lacrosse-ball-glute-release", 2)}
#: The check-ins the second file records at the minimum dose.
AT_MINIMUM = {
    ("stick-rolling", 0),
    ("stick-rolling", 1),
    ("plank-hip-dips", 3),
    ("plank-hip-dips", 4),
    ("lacrosse-ball-glute-release", 9),
    ("stick-rolling", 20),
}


def fill(db: Path, minimum: set[tuple[str, int]]) -> None:
    """HISTORY_DAYS of the daily habits, the (slug, days back) of `minimum` at the minimum dose."""
    store = Store.open(db, TODAY)
    try:
        ids = {h.slug: h.id for h in store.habits()}
        for slug in DAILY:
            days = {TODAY - timedelta(days=k): None for k in range(21) if (slug, k) not in MISSED}
            doses = {TODAY - timedelta(days=k): Dose.MIN for s, k in minimum if s == slug}
            store.record_checkins(ids[slug], days, TODAY, doses)
        # The weekly strength session and the acupuncture, full in both.
        store.record_checkins(ids["glute-and-hip-strength"], {date(2026, 11, 8): None, date(2026, 11, 15): None}, TODAY)
        store.record_checkins(ids["acupuncture"], {date(2026, 11, 17): None, date(2026, 11, 20): None}, TODAY)
    finally:
        store.close()


@pytest.fixture
def twins(tmp_path: Path) -> tuple[Path, Path]:
    full, mixed = new_db(tmp_path, "full.db"), new_db(tmp_path, "mixed.db")
    fill(full, set())
    fill(mixed, AT_MINIMUM)
    return full, mixed


def test_the_twins_really_differ_in_their_doses(twins) -> None:
    full, mixed = twins
    assert all(r["dose"] == "full" for r in rows(full, "checkins"))
    assert sum(r["dose"] == "min" for r in rows(mixed, "checkins")) == len(AT_MINIMUM)
    assert len(rows(full, "checkins")) == len(rows(mixed, "checkins"))


def test_streaks_strength_and_adherence_are_the_same_at_the_minimum_dose(twins) -> None:
    full, mixed = twins
    expected = ok(full, "streaks", "--json").json
    assert ok(mixed, "streaks", "--json").json == expected
    # The history is not trivial: the figures say something.
    stick = next(h for h in expected["habits"] if h["slug"] == "stick-rolling")
    assert (stick["current_streak"], stick["best_streak"]) == (5, 15)
    # 20 of the 28 days done: the week before the three was missed.
    assert 0 < stick["strength"] < 100 and stick["adherence_28d"] == round(100 * 20 / 28, 1)
    assert expected["routine"]["current_streak"] == 2
    assert ok(mixed, "streaks").out == ok(full, "streaks").out


def test_each_days_checklist_is_the_same_but_for_its_doses(twins) -> None:
    full, mixed = twins
    for k in range(21):
        day = (TODAY - timedelta(days=k)).isoformat()
        a = ok(full, "today", "--date", day, "--json").json
        b = ok(mixed, "today", "--date", day, "--json").json
        assert without_doses(b) == without_doses(a)
        assert (b["done"], b["total"]) == (a["done"], a["total"])
        for slug in DAILY:
            expected = None if (slug, k) in MISSED else ("min" if (slug, k) in AT_MINIMUM else "full")
            assert item(b, slug)["dose"] == expected
            assert item(a, slug)["dose"] == (None if (slug, k) in MISSED else "full")


def test_the_export_lists_the_minimum_dose_days(twins) -> None:
    full, mixed = twins
    habits = {h["slug"]: h for h in ok(mixed, "export").json["habits"]}
    for slug in DAILY:
        expected = sorted((TODAY - timedelta(days=k)).isoformat() for s, k in AT_MINIMUM if s == slug)
        assert habits[slug]["minimum_doses"] == expected
        assert set(expected) <= set(habits[slug]["checkins"])
    assert all(h["minimum_doses"] == [] for h in ok(full, "export").json["habits"])


def test_a_round_trip_through_the_export_keeps_the_doses(twins, tmp_path: Path) -> None:
    _, mixed = twins
    exported = tmp_path / "export.json"
    ok(mixed, "export", "-o", exported)
    copy = new_db(tmp_path, "copy.db")
    ok(copy, "import", exported)
    assert {(r["day"], r["dose"]) for r in rows(copy, "checkins")} == {
        (r["day"], r["dose"]) for r in rows(mixed, "checkins")
    }
    assert ok(copy, "streaks", "--json").json == ok(mixed, "streaks", "--json").json


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.tuples(st.sampled_from(DAILY), st.integers(0, 20)), max_size=25))
def test_any_choice_of_minimum_check_ins_leaves_streaks_as_they_are(minimum) -> None:
    folder = Path(tempfile.mkdtemp(prefix="rehab-min-"))
    try:
        full, mixed = new_db(folder, "full.db"), new_db(folder, "mixed.db")
        fill(full, set())
        fill(mixed, minimum - MISSED)
        assert ok(mixed, "streaks", "--json").json == ok(full, "streaks", "--json").json
        a, b = ok(full, "today", "--json").json, ok(mixed, "today", "--json").json
        assert without_doses(b) == without_doses(a)
    finally:
        shutil.rmtree(folder)


# ------------------------------------------------------- switching the dose


def test_done_min_marks_the_check_in_and_says_the_minimum(db: Path) -> None:
    said = ok(db, "done", "plank", "--min").out
    assert said.strip() == (
        "✔ Plank hip dips done at the minimum dose (1 × 12 each side) on 2026-11-21 (Sat) · streak 1 day"
    )
    assert dose_column(db, "plank-hip-dips", "2026-11-21") == "min"
    listing = ok(db, "today", "--json").json
    assert item(listing, "plank-hip-dips")["dose"] == "min"
    assert item(listing, "plank-hip-dips")["status"] == "done"
    assert item(listing, "stick-rolling")["dose"] is None
    assert (listing["done"], listing["total"]) == (1, 3)


def test_done_min_on_a_day_done_in_full_switches_it_and_done_switches_back(db: Path) -> None:
    """Each switch says what it changed; the same dose again says it was already done at it."""
    ok(db, "done", "stick", "--date", "yesterday")
    assert dose_column(db, "stick-rolling", "2026-11-20") == "full"

    said = ok(db, "done", "stick", "--min", "--date", "yesterday").out
    assert said.startswith("✔ Stick rolling: full → minimum on 2026-11-20 (Fri)")
    assert dose_column(db, "stick-rolling", "2026-11-20") == "min"
    assert item(ok(db, "today", "--date", "yesterday", "--json").json, "stick-rolling")["dose"] == "min"
    assert ok(db, "export").json["habits"][0]["minimum_doses"] == ["2026-11-20"]

    said = ok(db, "done", "stick", "--min", "--date", "yesterday").out
    assert "was already done at the minimum dose (one slow pass each leg) on 2026-11-20 (Fri)" in said
    assert dose_column(db, "stick-rolling", "2026-11-20") == "min"

    # A plain `done` on a day done at the minimum records the full dose, and says so.
    said = ok(db, "done", "stick", "--date", "yesterday").out
    assert said.startswith("✔ Stick rolling: minimum → full on 2026-11-20 (Fri)")
    assert dose_column(db, "stick-rolling", "2026-11-20") == "full"
    assert item(ok(db, "today", "--date", "yesterday", "--json").json, "stick-rolling")["dose"] == "full"
    said = ok(db, "done", "stick", "--date", "yesterday").out
    assert said.startswith("✔ Stick rolling was already done (full) on 2026-11-20 (Fri)")
    assert ok(db, "export").json["habits"][0]["minimum_doses"] == []
    # Still one check-in, never two.
    assert len(rows(db, "checkins")) == 1


def test_the_store_switches_a_dose_without_a_second_check_in(db: Path) -> None:
    store = Store.open(db, TODAY)
    try:
        plank = habit_id(db, "plank-hip-dips")
        first = store.check_in([plank], TODAY, TODAY)
        assert first.changed == (plank,)
        again = store.check_in([plank], TODAY, TODAY, dose=Dose.MIN)
        assert again.changed == ()  # not new: done already
        assert again.logs[0].dose_on(TODAY) is Dose.MIN
        assert store.journal().log(plank).minimum == {TODAY}
        store.undo([plank], TODAY)
        assert store.journal().log(plank).minimum == frozenset()
    finally:
        store.close()


def test_undo_takes_back_a_minimum_check_in(db: Path) -> None:
    ok(db, "done", "plank", "--min")
    ok(db, "undo", "plank")
    assert rows(db, "checkins") == []
    assert item(ok(db, "today", "--json").json, "plank-hip-dips")["dose"] is None


# ----------------------------------------------------------------- calendar


def calendar_cells(db: Path) -> dict[int, str]:
    """Each day of the month's calendar and its symbol."""
    text = ok(db, "calendar", "--month", "2026-11").out
    body = text.split("\n\n")[0].splitlines()[2:]  # the title and the weekday names first
    return {int(n): symbol for line in body for symbol, n in re.findall(r"(\S)\s?(\d{1,2})\b", line)}


def test_the_calendar_shows_a_full_day_with_a_minimum_dose_apart(db: Path) -> None:
    # Mon 16: the three daily habits, all full. Tue 17: those and acupuncture,
    # the plank at the minimum. Wed 18: two of three, one at the minimum.
    ok(db, "done", *DAILY, "--date", "2026-11-16")
    ok(db, "done", *DAILY[:2], "acupuncture", "--date", "2026-11-17")
    ok(db, "done", "plank", "--min", "--date", "2026-11-17")
    ok(db, "done", "stick", "--date", "2026-11-18")
    ok(db, "done", "lacrosse", "--min", "--date", "2026-11-18")
    cells = calendar_cells(db)
    assert (cells[16], cells[17], cells[18], cells[19]) == ("●", "◎", "◐", "✗")
    assert "◎ minimum" in ok(db, "calendar").out

    # Switching the plank back to full makes Tuesday a full day.
    ok(db, "done", "plank", "--date", "2026-11-17")
    assert calendar_cells(db)[17] == "●"


def test_the_checklist_text_shows_a_minimum_dose_apart(db: Path) -> None:
    ok(db, "done", "plank", "--min")
    ok(db, "done", "stick")
    lines = ok(db, "today").lines
    plank = next(line for line in lines if "Plank hip dips" in line)
    stick = next(line for line in lines if "Stick rolling" in line)
    assert plank.lstrip().startswith("[◎]") and "streak 1 day · minimum dose" in plank
    assert stick.lstrip().startswith("[x]") and "minimum" not in stick
    assert ok(db, "today", "--json").json["done"] == 2
