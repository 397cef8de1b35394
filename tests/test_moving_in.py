"""Issue 15 end to end: `rehab import --from loop|harsh` through the gate."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from cli_helpers import assert_error, dump, new_db, ok, rows, run
from loop_reference import loop_score
from moving_helpers import harsh_folder, loop_backup, loop_habit

TODAY = date(2026, 11, 21)


def history(num: int, den: int, seed: int) -> list[tuple[int, date, int, None]]:
    rnd = random.Random(seed)
    first = TODAY - timedelta(days=150)
    reps = [(1, first, 2, None)]
    for i in range(1, 151):
        r = rnd.random()
        if r < 0.8 * num / den * 1.3:
            reps.append((1, first + timedelta(days=i), 2, None))
        elif r > 0.97:
            reps.append((1, first + timedelta(days=i), 3, None))
    return reps


@pytest.mark.parametrize(("num", "den"), [(1, 1), (3, 7), (1, 3), (2, 30)])
def test_a_loop_history_keeps_loops_score(tmp_path, num, den):
    reps = history(num, den, num * 100 + den)
    backup = loop_backup(tmp_path / "loop.db", [loop_habit(1, "Hamstrings", num, den)], reps)
    db = new_db(tmp_path)
    said = ok(db, "import", "--from", "loop", backup)
    assert "imported 1 new habit" in said.out
    ours = next(h for h in ok(db, "streaks", "--json").json["habits"] if h["habit"] == "Hamstrings")
    reference = loop_score([(d, "done" if v == 2 else "skip") for _, d, v, _ in reps], num, den, TODAY)
    assert ours["strength"] / 100 == pytest.approx(reference, abs=0.1)
    # Skips became snoozes outside the budget.
    skipped = [r for r in rows(db, "snoozes") if r["reason"] == "skipped in Loop"]
    assert len(skipped) == sum(1 for r in reps if r[2] == 3) and all(r["exempt"] for r in skipped)


def test_importing_twice_changes_nothing_and_dry_run_writes_nothing(tmp_path):
    backup = loop_backup(tmp_path / "loop.db", [loop_habit(1, "Hamstrings", 1, 1)], history(1, 1, 3))
    db = new_db(tmp_path)
    before = dump(db)
    dry = ok(db, "import", "--from", "loop", backup, "--dry-run")
    assert "dry run" in dry.out and "Hamstrings" in dry.out
    assert dump(db) == before
    ok(db, "import", "--from", "loop", backup)
    once = dump(db)
    assert "nothing new" in ok(db, "import", "--from", "loop", backup).out
    assert dump(db) == once


def test_a_harsh_folder_moves_in(tmp_path):
    folder = harsh_folder(
        tmp_path / "harsh",
        "Stretch: 1\nGym: 3/7\n",
        "2026-11-18 : Stretch : y\n2026-11-19 : Stretch : y\n2026-11-20 : Stretch : s\n2026-11-20 : Gym : y\n",
    )
    db = new_db(tmp_path)
    ok(db, "import", "--from", "harsh", folder)
    habits = {h["habit"]: h for h in ok(db, "habit", "list", "--json").json}
    assert habits["Stretch"]["schedule"] == "daily" and habits["Gym"]["schedule"] == "3/week"
    stretch = next(h for h in ok(db, "streaks", "--json").json["habits"] if h["habit"] == "Stretch")
    assert stretch["current_streak"] == 2  # the skipped day freezes it


def test_a_file_that_lies_writes_nothing(tmp_path):
    fake = tmp_path / "loop.db"
    fake.write_text("not a database")
    db = new_db(tmp_path)
    before = db.read_bytes()
    assert_error(run(db, "import", "--from", "loop", fake))
    assert db.read_bytes() == before


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.4, 0.8, 1.2])
def test_a_kill_mid_import_leaves_the_file_as_before(tmp_path, after):
    import signal
    import subprocess
    import sys
    import time

    habits = [loop_habit(i, f"Habit {i}") for i in range(1, 11)]
    first = TODAY - timedelta(days=2000)
    reps = [(h, first + timedelta(days=d), 2, None) for h in range(1, 11) for d in range(2001) if d % 5]
    backup = loop_backup(tmp_path / "loop.db", habits, reps)
    db = new_db(tmp_path)
    before = dump(db)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "rehab_tui",
            "--db",
            str(db),
            "--today",
            TODAY.isoformat(),
            "import",
            "--from",
            "loop",
            str(backup),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # All or nothing: as before, or (the kill came after the commit) all of it.
    if dump(db) != before:
        assert len(rows(db, "checkins")) == len(reps)
