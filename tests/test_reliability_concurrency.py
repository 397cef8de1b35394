"""Several processes writing one file at once (docs/architecture.md, "The write gate").

The busy timeout and BEGIN IMMEDIATE transactions must mean no process ever
sees "database is locked", and nothing one of them committed is lost or
doubled: the final rows are exactly the expected set.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from rehab_tui.store import Store

TODAY = date(2026, 11, 21)
WORKERS = 3
ITERATIONS = 70
STICK, BALL, DIPS = 1, 2, 3  # the first three habits of the default routine

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date, timedelta
    from rehab_tui.store import Store

    path, worker, workers, iterations = sys.argv[1], *map(int, sys.argv[2:5])
    today = date(2026, 11, 21)
    writes = 0
    store = Store.open(path, today)
    for i in range(iterations):
        if i % 10 == 9:
            # Open and close now and then, as each CLI run does.
            store.close()
            store = Store.open(path, today)
        day = today - timedelta(days=i * workers + worker)
        store.check_in([1, 2], day, today)
        writes += 1
        if i % 3 == 0:
            store.undo([2], day)
            writes += 1
        if i % 4 == 0:
            store.snooze(day, today, habit_id=3, reason=f"worker {worker}", pain=i % 11)
            writes += 1
        if i % 24 == 0:
            # A day snooze must rest something (habit 2 was just undone).
            store.snooze(day, today)
            writes += 1
        if i % 16 == 0:
            store.unsnooze(day)
            writes += 1
        store.journal()  # reads between the writes, as the app does
    store.close()
    print(writes)
    """
)

READER = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from rehab_tui.store import Store

    store = Store.open(sys.argv[1], date(2026, 11, 21))
    until = time.monotonic() + float(sys.argv[2])
    reads = 0
    while time.monotonic() < until:
        store.journal()
        store.data_version()
        reads += 1
    store.close()
    print(reads)
    """
)


def expected_rows() -> tuple[set[tuple[int, str]], set[tuple[str, int | None]]]:
    """The check-ins and snoozes the writers leave, worked out independently."""
    checkins: set[tuple[int, str]] = set()
    snoozes: set[tuple[str, int | None]] = set()
    for worker in range(WORKERS):
        for i in range(ITERATIONS):
            day = (TODAY - timedelta(days=i * WORKERS + worker)).isoformat()
            checkins.add((STICK, day))
            if i % 3:
                checkins.add((BALL, day))
            if i % 4 == 0:
                snoozes.add((day, DIPS))
            if i % 24 == 0 and i % 16:
                snoozes.add((day, None))
    return checkins, snoozes


def rows(path: Path) -> tuple[list[tuple[int, str]], list[tuple[str, int | None]]]:
    with closing(sqlite3.connect(path)) as conn:
        checkins = conn.execute("SELECT habit_id, day FROM checkins").fetchall()
        snoozes = conn.execute("SELECT day, habit_id FROM snoozes").fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return checkins, snoozes


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "rehab.db"
    # The routine starts before every day the writers and lanes tick (at most
    # 217 days back): a check-in before a habit's start is refused.
    store = Store.open(path, TODAY - timedelta(days=365))
    # Every day may be snoozed, so which snoozes land never depends on the order
    # the writers reach the file in.
    store.set_setting("snooze_budget", "7")
    store.close()
    return path


def test_writer_processes_at_once_lose_nothing(tmp_path: Path, db: Path) -> None:
    writer = tmp_path / "writer.py"
    writer.write_text(WRITER)
    reader = tmp_path / "reader.py"
    reader.write_text(READER)
    procs = [
        subprocess.Popen(
            [sys.executable, str(writer), str(db), str(w), str(WORKERS), str(ITERATIONS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WORKERS)
    ]
    procs.append(
        subprocess.Popen(
            [sys.executable, str(reader), str(db), "3"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    )
    outcomes = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        outcomes.append((p.returncode, out, err))

    for code, _out, err in outcomes:
        assert "locked" not in err
        assert code == 0, err
    writes = sum(int(out) for _, out, _ in outcomes[:WORKERS])
    assert writes >= 300, "the test should do hundreds of writes"
    assert int(outcomes[-1][1]) > 0

    checkins, snoozes = rows(db)
    want_checkins, want_snoozes = expected_rows()
    assert len(checkins) == len(set(checkins)), "a check-in was recorded twice"
    assert len(snoozes) == len(set(snoozes)), "a snooze was recorded twice"
    assert set(checkins) == want_checkins
    assert set(snoozes) == want_snoozes


def test_cli_runs_at_once_never_see_a_locked_database(tmp_path: Path, db: Path) -> None:
    # Three lanes of real `rehab` commands, each lane one after another, the
    # lanes side by side: every run exits 0.
    lanes = []
    for lane in range(3):
        commands = []
        for k in range(6):
            day = (TODAY - timedelta(days=200 + 6 * lane + k)).isoformat()
            commands.append(["done", "stick", "lacrosse", "--date", day])
            if k % 2:
                commands.append(["undo", "lacrosse", "--date", day])
            if k % 3 == 0:
                commands.append(["snooze", "--habit", "plank", "--date", day, "--reason", f"lane {lane}"])
        lanes.append(commands)
    script = tmp_path / "lane.py"
    script.write_text(
        textwrap.dedent(
            """
            import json, subprocess, sys
            db, commands = sys.argv[1], json.loads(sys.argv[2])
            for command in commands:
                run = subprocess.run(
                    [sys.executable, "-m", "rehab_tui", "--db", db, "--today", "2026-11-21", *command],
                    capture_output=True, text=True,
                )
                if run.returncode != 0:
                    sys.exit(f"{command}: exit {run.returncode}: {run.stderr}")
            """
        )
    )

    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(db), json.dumps(commands)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for commands in lanes
    ]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert "locked" not in err
        assert p.returncode == 0, err

    checkins, snoozes = rows(db)
    want_checkins: set[tuple[int, str]] = set()
    want_snoozes: set[tuple[str, int | None]] = set()
    for lane in range(3):
        for k in range(6):
            day = (TODAY - timedelta(days=200 + 6 * lane + k)).isoformat()
            want_checkins.add((STICK, day))
            if not k % 2:
                want_checkins.add((BALL, day))
            if k % 3 == 0:
                want_snoozes.add((day, DIPS))
    assert set(checkins) == want_checkins
    assert set(snoozes) == want_snoozes
