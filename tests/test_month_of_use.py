"""Issue #11, "A month of real use", through the command line on a real file:
quota days due or open, snooze and pause rules at the gate, falling off kindly,
adherence beside strength (docs/architecture.md, "Adherence")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_helpers import assert_error, new_db, ok, rows

MONDAY = "2026-11-16"
SUNDAY = "2026-11-22"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


def by_slug(listing: dict) -> dict[str, dict]:
    return {i["slug"]: i for i in listing["items"]}


# ------------------------------------------------------- quota: due or open


def test_a_weekly_habit_is_open_on_monday_and_not_nagged(db: Path) -> None:
    for slug in ("stick", "lacrosse", "plank"):
        ok(db, "done", slug, today=MONDAY)
    ran = ok(db, "today", today=MONDAY)
    assert "all 3 done today ✔" in ran.lines[0]
    assert re.search(r"Glute and hip strength\s+0 of 1 this week", ran.out)
    listing = ok(db, "today", "--json", today=MONDAY).json
    assert by_slug(listing)["glute-and-hip-strength"]["status"] == "open"
    assert (listing["done"], listing["total"]) == (3, 3)
    assert ok(db, "nag", today=MONDAY).out == ""


def test_a_weekly_habit_is_due_on_its_last_day(db: Path) -> None:
    listing = ok(db, "today", "--json", today=SUNDAY).json
    assert by_slug(listing)["glute-and-hip-strength"]["status"] == "pending"
    assert "Glute and hip strength" in ok(db, "nag", today=SUNDAY).out


def test_a_missed_week_reads_missed_and_only_a_met_week_reads_met(db: Path) -> None:
    ok(db, "habit", "edit", "glute", "--schedule", "2/week", "--from", "2026-11-02", today="2026-11-02")
    ok(db, "done", "glute", "--date", "2026-11-10")  # week of Mon 9: one of two
    ok(db, "done", "glute", "--date", "2026-11-03")
    ok(db, "done", "glute", "--date", "2026-11-04")  # week of Mon 2: met
    sunday = ok(db, "today", "--date", "2026-11-15")
    assert re.search(r"\[!\] Glute and hip strength\s+week missed \(1 of 2\)", sunday.out)
    assert (
        by_slug(ok(db, "today", "--date", "2026-11-15", "--json").json)["glute-and-hip-strength"]["status"] == "missed"
    )
    earlier = ok(db, "today", "--date", "2026-11-12").out
    assert "met" not in earlier
    assert re.search(r"Glute and hip strength\s+off \(1 of 2 that week\)", earlier)
    met = ok(db, "today", "--date", "2026-11-06").out
    assert re.search(r"Glute and hip strength\s+off \(week's quota met\)", met)


# ------------------------------------------------- snooze and pause at the gate

SEVEN = [f"2026-11-{d}" for d in range(14, 21)]  # Sat 14 .. Fri 20


def _a_week_of_dailies(db: Path) -> None:
    for day in SEVEN:
        ok(db, "done", "stick", "lacrosse", "plank", "--date", day)


def test_snoozing_a_complete_day_is_refused_and_uses_no_budget(db: Path) -> None:
    _a_week_of_dailies(db)
    ok(db, "done", "acupuncture", "--date", "2026-11-17")
    ok(db, "done", "acupuncture", "--date", "2026-11-20")
    ok(db, "done", "glute", "--date", "2026-11-15")  # last week's one, on its due Sunday
    assert ok(db, "streaks", "--json").json["routine"]["current_streak"] == 7
    ran = run_(db, "snooze", "--date", "2026-11-20")
    assert_error(ran, contains="nothing to rest")
    assert rows(db, "snoozes") == []
    assert ok(db, "streaks", "--json").json["routine"]["current_streak"] == 7
    # The budget is untouched: two snoozes still go through.
    ok(db, "snooze")
    ok(db, "snooze", "--date", "2026-11-22")


def test_snoozing_a_habit_already_done_is_refused(db: Path) -> None:
    ok(db, "done", "plank")
    assert_error(run_(db, "snooze", "--habit", "plank"), contains="already done")
    assert rows(db, "snoozes") == []
    ok(db, "snooze", "--habit", "stick")  # one still to do can rest


def test_a_pause_cannot_start_in_the_past(db: Path) -> None:
    ok(db, "done", "stick", "--date", "2026-11-18")
    ok(db, "done", "stick", "--date", "2026-11-20")
    ran = run_(db, "pause", "stick", "--from", "2026-11-19", "--until", "2026-11-19")
    assert_error(ran, contains="starts today or later")
    assert rows(db, "pauses") == []
    ok(db, "pause", "stick", "--until", "2026-11-25")  # from today: fine


def test_import_still_brings_past_pauses_in(db: Path, tmp_path: Path) -> None:
    ok(db, "pause", "plank", "--until", "2026-11-25")
    export = tmp_path / "export.json"
    ok(db, "export", "--format", "json", "-o", export)
    later = new_db(tmp_path, "later.db")
    ok(later, "import", export, today="2026-12-20")
    [pause] = rows(later, "pauses")
    assert (pause["start"], pause["until"]) == ("2026-11-21", "2026-11-25")


def run_(db: Path, *args: object):
    from cli_helpers import run

    return run(db, *args)


# ------------------------------------------- falling off kindly, adherence


def test_streaks_json_carries_misses_adherence_and_drop_off(db: Path) -> None:
    for day in ("2026-11-15", "2026-11-16", "2026-11-17"):
        ok(db, "done", "plank", "--date", day)  # then three misses: 18, 19, 20
    ok(db, "done", "stick", "--date", "2026-11-19")  # one miss: the 20th
    listing = ok(db, "streaks", "--json").json
    assert listing["drop_off"] is None
    assert 0 <= listing["routine"]["adherence_28d"] <= 100
    habits = {h["slug"]: h for h in listing["habits"]}
    plank, stick = habits["plank-hip-dips"], habits["stick-rolling"]
    assert (plank["missed_in_a_row"], plank["last_run"]) == (3, 3)
    assert stick["missed_in_a_row"] == 1
    # Plank: the 28 days are 25 Oct .. today; today still pending is left out: 3 of 27.
    assert plank["adherence_28d"] == round(100 * 3 / 27, 1)
    text = ok(db, "streaks").out
    assert "Stick rolling: missed once — never miss twice." in text
    # The habits never ticked and plank start again in one line, each with its smallest step.
    fresh = [line for line in text.splitlines() if "fresh starts" in line]
    assert len(fresh) == 1 and "Plank hip dips, 1 × 12 each side" in fresh[0]
    # The checklist shows the run that just ended instead of "streak 0 days".
    assert re.search(r"Plank hip dips\s+last streak 3 days", ok(db, "today").out)
    # The fresh start stays until the next check-in.
    ok(db, "done", "plank")
    assert "Plank hip dips, 1 × 12" not in ok(db, "streaks").out
