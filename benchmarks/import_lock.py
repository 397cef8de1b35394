"""Figure i of benchmarks/run.py: another writer's wait while a 10,000-habit Loop file is imported."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from _figures import TODAY, Figure, log, median

HERE = Path(__file__).resolve().parent
#: The Loop backup builder the import tests use.
sys.path.insert(0, str(HERE.parent / "tests"))

HABITS = 10_000


def import_lock(folder: Path, repeats: int) -> Figure:
    """i: `rehab import --from loop` of 10,000 habits runs in one process; as
    soon as it holds the write lock, `rehab done` runs in another and waits
    for it. That wait (process start included) against the 15 s a writer
    waits before it gives up (gate.BUSY_TIMEOUT_S)."""
    from moving_helpers import loop_many

    from rehab_tui.store.gate import BUSY_TIMEOUT_S

    backup = loop_many(folder / "i-loop.db", HABITS)
    waits: list[float] = []
    held: list[float] = []
    for i in range(repeats):
        db = folder / f"i-{i}.db"
        rehab = [sys.executable, "-m", "rehab_tui", "--db", str(db), "--today", TODAY.isoformat()]
        run(rehab + ["habit", "add", "Probe"])
        # Its output goes to a file: a pipe nobody reads while the lock is
        # watched would fill with the import's notes and stop it.
        said = folder / f"i-{i}.out"
        with said.open("w") as out:
            importing = subprocess.Popen(
                rehab + ["import", "--from", "loop", str(backup)], stdout=out, stderr=subprocess.STDOUT
            )
            locked = wait_for_lock(db, importing)
            started = time.perf_counter()
            done = run(rehab + ["done", "probe"])
            waits.append(time.perf_counter() - started)
            importing.wait()
        held.append(time.perf_counter() - locked)
        if importing.returncode or "imported 10000 new habits" not in said.read_text():
            raise SystemExit(f"the import failed: {said.read_text()[-2000:]}")
        log(f"  writer waited {waits[-1]:.2f} s ({done.strip()}); import done {held[-1]:.2f} s after it locked")
        db.unlink()
    return Figure(
        "i",
        "a writer's wait during a 10,000-habit import vs 15 s",
        median(waits),
        BUSY_TIMEOUT_S,
        "s",
        0.5,
        f"medians; the import held the lock about {median(held):.1f} s",
    )


def wait_for_lock(db: Path, importing: subprocess.Popen) -> float:
    """When another connection first finds the database's write lock taken."""
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        while importing.poll() is None:
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
            except sqlite3.OperationalError:
                return time.perf_counter()
            time.sleep(0.005)
        raise SystemExit("the import ended before it took the write lock")
    finally:
        probe.close()


def run(args: list[str]) -> str:
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(args[2:])} failed: {result.stdout}{result.stderr}")
    return result.stdout
