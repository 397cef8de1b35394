"""Two machines, one history, end to end (docs/architecture.md, "Sync"): two
databases and two folders kept in step by a real program (git, and rsync
where it is installed), every `rehab` a real process. An offline week on
each machine, then the folders carried back and forth: both machines show
the same streaks and the same export, and pass `rehab check`."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import new_db
from sync_helpers import GitCarrier, Machine, RsyncCarrier, rehab_env

SHARED = "2026-11-01"  # a Sunday: the machines last saw each other
BACK = "2026-11-08"  # the next Sunday: back in touch

CARRIERS = [
    pytest.param(GitCarrier, id="git"),
    pytest.param(
        RsyncCarrier,
        id="rsync",
        marks=pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed here"),
    ),
]


def _habit(export: dict[str, Any], slug: str) -> dict[str, Any]:
    return next(h for h in export["habits"] if h["slug"] == slug)


def _sync(machine: Machine, carrier: Any, today: str) -> str:
    """What a user does: bring the folder in, `rehab sync`, send it out."""
    carrier.bring(machine.folder)
    out = machine.ok(today, "sync").out
    carrier.send(machine.folder)
    return out


@pytest.mark.parametrize("carrier_kind", CARRIERS)
def test_an_offline_week_on_each_machine_ends_the_same_on_both(tmp_path: Path, carrier_kind: type) -> None:
    carrier = carrier_kind(tmp_path)
    laptop = Machine(new_db(tmp_path, "laptop.db"), carrier.folder(tmp_path / "laptop-folder"))
    desktop = Machine(tmp_path / "desktop.db", carrier.folder(tmp_path / "desktop-folder"))

    # The laptop holds the routine and a few days of it; the desktop starts empty.
    laptop.ok("2026-10-31", "done", "stick", "--date", "2026-10-30")
    laptop.ok("2026-10-31", "done", "stick", "plank")
    laptop.ok(SHARED, "done", "stick", "lacrosse")
    laptop.ok(SHARED, "snooze", "--date", "2026-11-03", "--reason", "long run")
    laptop.ok(SHARED, "sync", "init", laptop.folder, "--name", "laptop")
    carrier.send(laptop.folder)
    carrier.bring(desktop.folder)
    first = desktop.ok(SHARED, "sync", "init", desktop.folder, "--name", "desktop").out
    assert "brought in 5 habits, 5 check-ins, 1 snooze" in first, first
    carrier.send(desktop.folder)
    _sync(laptop, carrier, SHARED)
    assert laptop.view(SHARED) == desktop.view(SHARED)

    # The laptop's week: ticks, a tick taken back, the snooze taken back.
    laptop.ok("2026-11-02", "done", "stick")
    laptop.ok("2026-11-02", "unsnooze", "--date", "2026-11-03")
    laptop.ok("2026-11-03", "done", "stick", "plank")
    laptop.ok("2026-11-03", "undo", "lacrosse", "--date", SHARED)
    laptop.ok("2026-11-05", "done", "stick", "glute")
    laptop.ok("2026-11-06", "done", "stick", "--note", "calves tight")
    # The desktop's week: other days, and the plank's schedule changed.
    desktop.ok("2026-11-02", "done", "lacrosse")
    desktop.ok("2026-11-04", "habit", "edit", "plank", "--schedule", "mon,wed,fri", "--from", "2026-11-04")
    desktop.ok("2026-11-04", "done", "plank", "--min")
    desktop.ok("2026-11-07", "done", "stick", "lacrosse")
    desktop.ok(BACK, "done", "stick")

    # Back in touch: sync, carry the folder, sync the other, carry back, sync.
    sent = _sync(laptop, carrier, BACK)
    assert sent.startswith("sent 7 check-ins, 1 snooze: "), sent
    assert "Lacrosse ball glute release: check-in 2026-11-01 (Sun) taken away" in sent
    both = _sync(desktop, carrier, BACK)
    assert "Plank hip dips: schedule" in both and "brought in" in both, both
    last = _sync(laptop, carrier, BACK)
    assert "brought in 1 habit, 5 check-ins" in last, last
    assert "nothing new" in _sync(desktop, carrier, BACK) + laptop.ok(BACK, "sync").out

    on_laptop, on_desktop = laptop.view(BACK), desktop.view(BACK)
    assert on_laptop == on_desktop
    export, streaks = on_laptop
    stick = _habit(export, "stick-rolling")
    assert stick["checkins"] == [
        "2026-10-30",
        "2026-10-31",
        SHARED,
        "2026-11-02",
        "2026-11-03",
        "2026-11-05",
        "2026-11-06",
        "2026-11-07",
        BACK,
    ]
    assert stick["notes"] == {"2026-11-06": "calves tight"}
    # The tick undone on the laptop is gone on the desktop too; the desktop's own stays.
    assert _habit(export, "lacrosse-ball-glute-release")["checkins"] == ["2026-11-02", "2026-11-07"]
    assert export["rest_days"] == []  # the unsnooze reached the desktop
    plank = _habit(export, "plank-hip-dips")
    assert [v["from"] for v in plank["schedules"]] == ["2026-10-01", "2026-11-04"]
    assert plank["minimum_doses"] == ["2026-11-04"]
    assert {h["slug"]: h["current_streak"] for h in streaks["habits"]}["stick-rolling"] == 4
    assert laptop.ok(BACK, "today", "--json").json == desktop.ok(BACK, "today", "--json").json
    for machine in (laptop, desktop):
        machine.ok(BACK, "check")


def _folder_reads(folder: Path) -> dict[str, bytes]:
    """Every device file in the folder decodes whole (pycrdt refuses a
    half-written update); the files by name. A writer's temporary file
    (a dot-file) is the only other thing allowed there."""
    from pycrdt import Doc

    found = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        assert path.name.endswith(".rehab-sync"), path.name
        Doc().apply_update(path.read_bytes())
        found[path.name] = path.read_bytes()
    return found


@pytest.mark.slow
def test_a_sync_killed_at_any_moment_leaves_both_usable_and_the_next_one_completes(tmp_path: Path) -> None:
    from rehab_tui.history import synthesize

    today = "2026-11-21"
    folder = tmp_path / "shared"  # one folder both machines see: the kill is the point here
    # A machine with three years of eight habits: bringing them in takes a while.
    synthesize(tmp_path / "years.db", date.fromisoformat(today), 3 * 365, habits=8).close()
    years = Machine(tmp_path / "years.db", folder)
    new = Machine(tmp_path / "new.db", folder)
    new.ok(today, "sync", "init", folder, "--name", "new")
    years.ok(today, "sync", "init", folder, "--name", "years")
    years_file = years.ok(today, "sync", "status", "--json").json["device"] + ".rehab-sync"
    theirs = _folder_reads(folder)[years_file]

    kills = 0
    # From Python's start-up to past the whole sync on a fast machine: a
    # kill before the merge, during it, and around the commit and the file's write.
    for delay in (0.15, 0.3, 0.45, 0.6, 0.8, 1.0, 1.3, 1.6, 2.0, 2.5, 3.2, 4.0, 5.0):
        proc = subprocess.Popen(
            [sys.executable, "-m", "rehab_tui", "--db", str(new.db), "--today", today, "sync"],
            env={**os.environ, **rehab_env()},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        if proc.poll() is not None:
            assert proc.returncode == 0
            break  # it finished first: later kills would find nothing to do
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        kills += 1
        # After each kill: the file passes its check, every file in the
        # folder reads whole, the other machine's is untouched.
        new.ok(today, "check")
        assert _folder_reads(folder)[years_file] == theirs
    assert kills >= 2, "the sync finished too soon to be killed; give the machine more history"

    new.ok(today, "sync")
    years.ok(today, "sync")
    assert "nothing new" in new.ok(today, "sync").out
    assert new.export(today) == years.export(today)
    for machine in (new, years):
        machine.ok(today, "check")
    assert len(_folder_reads(folder)) == 2
