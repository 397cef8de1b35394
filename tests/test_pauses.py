"""Pauses that can be changed and are never erased by accident (issue 21):
`pause` on a paused habit changes that pause, a long one is confirmed, `pauses`
lists them, `resume` ends only the current one (docs/architecture.md, "Snoozes
and pauses")."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import assert_error, dump, habit_id, new_db, ok, rows, run

#: A Wednesday; "mon" is 9 Nov, "fri" 6 Nov.
NOV_4 = "2026-11-04"
PHYSIO = "no planks until the physio"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


def spans(db: Path, slug: str = "plank-hip-dips") -> list[tuple[str, str, str]]:
    return [(r["start"], r["until"], r["reason"]) for r in rows(db, "pauses", "habit_id = ?", [habit_id(db, slug)])]


def exported_pauses(db: Path, today: str) -> list[dict]:
    [plank] = [h for h in ok(db, "export", today=today).json["habits"] if h["slug"] == "plank-hip-dips"]
    return plank["pauses"]


def plan_the_physio_pause(db: Path) -> list[str]:
    return ok(db, "pause", "plank", "--from", "mon", "--until", "Nov 20", "--reason", PHYSIO, today=NOV_4).lines


def test_a_pause_says_its_length_in_days(db: Path) -> None:
    assert plan_the_physio_pause(db) == [
        f"‖ Plank hip dips paused from 2026-11-09 (Mon) through 2026-11-20 (Fri), 12 days ({PHYSIO})"
    ]


def test_a_typo_making_a_year_long_pause_is_refused_without_yes(db: Path) -> None:
    plan_the_physio_pause(db)
    before = dump(db)
    # "Nov 1" meant Dec 1: on 4 Nov the next Nov 1 is a year away.
    line = assert_error(run(db, "pause", "plank", "--until", "Nov 1", today=NOV_4))
    assert "358 days" in line and "8 weeks" in line and "--yes" in line and "nothing written" in line
    assert dump(db) == before


def test_a_long_pause_confirmed_with_yes_changes_the_planned_one_and_keeps_its_reason(db: Path) -> None:
    plan_the_physio_pause(db)
    ran = ok(db, "pause", "plank", "--until", "Nov 1", "--yes", today=NOV_4)
    assert ran.lines == [
        "‖ Plank hip dips changed: through 2026-11-20 (Fri) → 2027-11-01 (Mon); "
        f"paused 2026-11-09 (Mon) – 2027-11-01 (Mon), 358 days ({PHYSIO})"
    ]
    assert spans(db) == [("2026-11-09", "2027-11-01", PHYSIO)]


def test_a_pause_of_eight_weeks_asks_nothing_and_one_day_more_does(db: Path) -> None:
    # From 4 Nov: 56 days ahead is 30 Dec (57 days paused); 31 Dec is further.
    assert "57 days" in ok(db, "pause", "plank", "--until", "2026-12-30", today=NOV_4).out
    assert_error(run(db, "pause", "plank", "--until", "2026-12-31", today=NOV_4), contains="58 days")
    assert spans(db) == [(NOV_4, "2026-12-30", "")]


def test_the_current_pause_is_shortened_and_lengthened(db: Path) -> None:
    ok(db, "pause", "plank", "--until", "Nov 30", "--reason", PHYSIO, today=NOV_4)
    ran = ok(db, "pause", "plank", "--until", "fri", today="2026-11-05")
    assert ran.lines == [
        "‖ Plank hip dips changed: through 2026-11-30 (Mon) → 2026-11-06 (Fri); "
        f"paused 2026-11-04 (Wed) – 2026-11-06 (Fri), 3 days ({PHYSIO})"
    ]
    assert spans(db) == [(NOV_4, "2026-11-06", PHYSIO)]
    ok(db, "pause", "plank", "--until", "Dec 1", "--reason", "physio: two more weeks", today="2026-11-05")
    assert spans(db) == [(NOV_4, "2026-12-01", "physio: two more weeks")]


def test_the_current_pause_keeps_its_days_gone(db: Path) -> None:
    ok(db, "pause", "plank", "--until", "Nov 30", today=NOV_4)
    before = dump(db)
    assert_error(run(db, "pause", "plank", "--from", "Nov 8", "--until", "Nov 30", today="2026-11-06"), contains="gone")
    assert_error(run(db, "pause", "plank", "--until", "2026-11-05", today="2026-11-06"), contains="resume")
    assert dump(db) == before


def test_a_planned_pause_is_moved_with_from(db: Path) -> None:
    plan_the_physio_pause(db)
    ran = ok(db, "pause", "plank", "--from", "Nov 16", "--until", "Nov 27", today=NOV_4)
    assert ran.lines == [
        "‖ Plank hip dips changed: from 2026-11-09 (Mon) → 2026-11-16 (Mon), through 2026-11-20 (Fri) → "
        f"2026-11-27 (Fri); paused 2026-11-16 (Mon) – 2026-11-27 (Fri), 12 days ({PHYSIO})"
    ]
    assert spans(db) == [("2026-11-16", "2026-11-27", PHYSIO)]


def test_a_pause_apart_from_the_planned_one_is_added_apart(db: Path) -> None:
    plan_the_physio_pause(db)
    ran = ok(db, "pause", "plank", "--until", "fri", "--reason", "travel", today=NOV_4)
    assert ran.lines == ["‖ Plank hip dips paused from 2026-11-04 (Wed) through 2026-11-06 (Fri), 3 days (travel)"]
    assert spans(db) == [("2026-11-09", "2026-11-20", PHYSIO), (NOV_4, "2026-11-06", "travel")]


def test_a_pause_running_into_a_planned_one_is_refused_naming_it(db: Path) -> None:
    plan_the_physio_pause(db)
    ok(db, "pause", "plank", "--until", "fri", today=NOV_4)
    before = dump(db)
    line = assert_error(run(db, "pause", "plank", "--until", "Nov 12", today=NOV_4), contains=PHYSIO)
    assert "2026-11-09 (Mon) – 2026-11-20 (Fri)" in line
    line = assert_error(run(db, "pause", "plank", "--from", "Nov 5", "--until", "Nov 10", today=NOV_4))
    assert "2 pauses" in line
    assert dump(db) == before


def test_resume_ends_only_the_current_pause_and_keeps_the_planned_one_and_its_reason(db: Path) -> None:
    plan_the_physio_pause(db)
    # Through the day before the planned pause: side by side, not merged (its reason would go).
    ok(db, "pause", "plank", "--until", "Nov 8", "--reason", "travel", today=NOV_4)
    assert spans(db) == [("2026-11-09", "2026-11-20", PHYSIO), (NOV_4, "2026-11-08", "travel")]
    ran = ok(db, "resume", "plank", today="2026-11-05")
    assert ran.lines == [
        "▶ Plank hip dips is active again from 2026-11-05 (Thu); still planned: paused 2026-11-09 (Mon) – "
        f"2026-11-20 (Fri), 12 days ({PHYSIO})"
    ]
    assert spans(db) == [("2026-11-09", "2026-11-20", PHYSIO), (NOV_4, NOV_4, "travel")]
    assert exported_pauses(db, "2026-11-05") == [
        {"start": NOV_4, "until": NOV_4, "reason": "travel"},
        {"start": "2026-11-09", "until": "2026-11-20", "reason": PHYSIO},
    ]


def test_unpause_with_only_a_planned_pause_says_so_and_changes_nothing(db: Path) -> None:
    plan_the_physio_pause(db)
    before = dump(db)
    line = assert_error(run(db, "unpause", "plank", today=NOV_4), contains="not paused")
    assert "planned: 2026-11-09 (Mon) – 2026-11-20 (Fri)" in line and "--planned" in line
    assert dump(db) == before
    ran = ok(db, "unpause", "plank", "--planned", today=NOV_4)
    assert ran.lines == [
        f"✕ Plank hip dips: the pause planned 2026-11-09 (Mon) – 2026-11-20 (Fri), 12 days ({PHYSIO}) is cancelled"
    ]
    assert rows(db, "pauses") == []


def test_pauses_lists_current_and_planned_pauses(db: Path) -> None:
    plan_the_physio_pause(db)
    ok(db, "pause", "stick", "--until", "fri", today=NOV_4)
    ok(db, "pause", "plank", "--until", "Nov 5", "--reason", "travel", today=NOV_4)
    ok(db, "resume", "plank", today="2026-11-05")  # the travel pause is over: ended
    assert ok(db, "pauses", today="2026-11-05").lines == [
        "Stick rolling   now     2026-11-04 (Wed) – 2026-11-06 (Fri)    3 days",
        f"Plank hip dips  planned 2026-11-09 (Mon) – 2026-11-20 (Fri)   12 days  {PHYSIO}",
    ]
    assert ok(db, "pauses", "plank", "--all", "--json", today="2026-11-05").json == [
        {
            "habit": "Plank hip dips",
            "slug": "plank-hip-dips",
            "state": "ended",
            "start": NOV_4,
            "until": NOV_4,
            "days": 1,
            "reason": "travel",
        },
        {
            "habit": "Plank hip dips",
            "slug": "plank-hip-dips",
            "state": "planned",
            "start": "2026-11-09",
            "until": "2026-11-20",
            "days": 12,
            "reason": PHYSIO,
        },
    ]
    assert ok(db, "pauses", "lacrosse", today="2026-11-05").lines == ["No pause now or planned."]


def _on_a_terminal(db: Path, answer: bytes, *args: str) -> tuple[int, str]:
    """`rehab ARGS` with a pseudo-terminal for stdin and stdout, `answer` typed at the question."""
    main, side = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("REHAB_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "rehab_tui", "--db", str(db), "--today", NOV_4, *args],
        stdin=side,
        stdout=side,
        stderr=side,
        env=env,
    )
    os.close(side)
    seen = b""
    while b"[y/N]" not in seen:
        chunk = os.read(main, 1024)
        assert chunk, seen
        seen += chunk
    os.write(main, answer)
    while True:
        try:
            chunk = os.read(main, 1024)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    os.close(main)
    return proc.wait(timeout=60), seen.decode()


@pytest.mark.parametrize(("answer", "written"), [(b"y\n", True), (b"\n", False)], ids=["yes", "no"])
def test_a_long_pause_is_asked_on_a_terminal(db: Path, answer: bytes, written: bool) -> None:
    plan_the_physio_pause(db)
    code, seen = _on_a_terminal(db, answer, "pause", "plank", "--until", "Nov 1")
    assert "358 days" in seen and "Pause for 358 days?" in seen
    if written:
        assert code == 0 and "changed: through 2026-11-20 (Fri) → 2027-11-01 (Mon)" in seen
        assert spans(db) == [("2026-11-09", "2027-11-01", PHYSIO)]
    else:
        assert code == 1 and "error: not confirmed; nothing written" in seen
        assert spans(db) == [("2026-11-09", "2026-11-20", PHYSIO)]
