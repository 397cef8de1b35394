"""Figures h and h2 of benchmarks/run.py: `rehab sync` (docs/architecture.md, "Performance").

h: a sync that finds nothing new, beside `rehab today --json`, both on the
ten-year history. h2: a machine brings in a year of another machine's history,
against one second."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from _figures import TODAY, Figure, cross_checks, in_turn, log, median, race, rehab_command, run_child

#: What `rehab sync` says when this machine and the folder are in step.
IN_STEP = "nothing new: this machine and the folder are in step"


def rehab(db: Path, *args: str) -> list[str]:
    return [*rehab_command(), "--db", str(db), "--today", TODAY.isoformat(), *args]


def sync_nothing_new(paths: dict[str, Path], folder: Path, repeats: int) -> Figure:
    """h: on a copy of the ten-year history (so that the sync's tables and
    triggers do not change the file `today --json` reads), `sync init` once,
    untimed; then `rehab sync`, which finds nothing new, and `rehab today
    --json` on the ten-year history take turns."""
    db = folder / "h-10y.db"
    shutil.copyfile(paths["10y"], db)
    shared = folder / "h-shared"
    first, _, said = run_child(rehab(db, "sync", "init", str(shared), "--name", "ten-years"))
    log(f"  sync init on 10 years: {first:.2f} s; {said.splitlines()[1][:100]}...")
    own = next(shared.glob("*.rehab-sync"))
    contenders = (("sync", rehab(db, "sync")), ("today", rehab(paths["10y"], "today", "--json")))

    def check(name: str, out: str) -> None:
        if name == "sync" and out.strip() != IN_STEP:
            raise SystemExit(f"a sync with nothing new said: {out[:500]}")
        if name == "today":
            assert json.loads(out)["date"] == TODAY.isoformat()

    walls, cpus = race(contenders, repeats, check)
    return Figure(
        "h",
        "`rehab sync` finding nothing new, 10 years",
        median(walls["sync"]),
        median(walls["today"]),
        "s",
        1.5,
        f"{cross_checks(walls, cpus, 'sync', 'today')}; the first sync (`sync init`) of the 10 years took "
        f"{first:.2f} s and wrote a {own.stat().st_size / 1e6:.1f} MB file",
    )


def sync_merge_year(paths: dict[str, Path], folder: Path, repeats: int) -> Figure:
    """h2: machine B holds the one-year history of 12 habits and has synced it
    to the folder (untimed, once). In each round, on fresh files and a fresh
    folder holding B's file: machine A, which has run `sync init` there before
    B's file came (empty, or with the example routine of a new file), runs
    `rehab sync` and brings it all in. That process's wall time, against 1 s."""
    b_db = folder / "h2-b.db"
    shutil.copyfile(paths["1y"], b_db)
    b_folder = folder / "h2-b-shared"
    b_init, _, _ = run_child(rehab(b_db, "sync", "init", str(b_folder), "--name", "B"))
    b_file = next(b_folder.glob("*.rehab-sync"))
    log(f"  B's sync init on 1 year: {b_init:.2f} s, a {b_file.stat().st_size / 1e3:.0f} kB file")
    expected = _replica(b_db)
    walls: dict[str, list[float]] = {"empty": [], "routine": []}
    cpus: list[float] = []
    said: dict[str, str] = {}
    for i in range(repeats):
        for name in in_turn(i, ("empty", "routine")):
            a_db, shared = folder / f"h2-a-{name}-{i}.db", folder / f"h2-shared-{name}-{i}"
            if name == "routine":
                run_child(rehab(a_db, "today", "--json"))  # a new file holds the example routine
            run_child(rehab(a_db, "sync", "init", str(shared), "--name", "A"))
            shutil.copyfile(b_file, shared / b_file.name)
            wall, cpu, out = run_child(rehab(a_db, "sync"))
            walls[name].append(wall)
            if name == "empty":
                cpus.append(cpu)
            # (A with a routine of its own also sends: its habits start on
            # the earlier of the two starts, B's, at its first sync.)
            said[name] = next((line for line in out.splitlines() if line.startswith("brought in 12 habits")), "")
            if not said[name]:
                raise SystemExit(f"A's sync said: {out[:500]}")
            if name == "empty" and _replica(a_db) != expected:
                raise SystemExit("A does not hold what B holds after the sync")
    for name, values in walls.items():
        log(f"  A {name:<7} brings in a year: {[round(w, 3) for w in values]}; {said[name][:90]}...")
    return Figure(
        "h2",
        "`rehab sync` bringing in a year of 12 habits",
        median(walls["empty"]),
        1.0,
        "s",
        1.0,
        f"A empty, medians of {repeats}, fastest {min(walls['empty']):.3f} s, CPU {median(cpus):.3f} s; "
        f"A with the example routine of a new file {median(walls['routine']):.3f} s; "
        f"B's own first sync of the year took {b_init:.2f} s",
    )


def _replica(db: Path) -> dict:
    """What a machine holds, as `rehab export` has it, minus the export's time."""
    _, _, out = run_child(rehab(db, "export", "--format", "json"))
    data = json.loads(out)
    data.pop("exported_at")
    return data
