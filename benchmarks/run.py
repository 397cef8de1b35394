"""The performance figures of docs/architecture.md, "Performance", measured side by side in one run.

    /work/venv/bin/python benchmarks/run.py [--only abcdefghi] [--repeats 15] [--toggle-rounds 3]
        [--toggles 10] [--streak-repeats 7] [--history-repeats 3]
        [--import-repeats 3] [--sync-repeats 5] [--keep DIR]

Builds the histories it needs in a temporary folder, then measures each figure
against its baseline (medians of interleaved repeats) and prints one table.
See benchmarks/README.md for what each figure means. Exits 1 if a target is missed.
"""

from __future__ import annotations

import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from make_history import history_days  # noqa: E402

SCALING_YEARS = (1, 10, 50)


from _figures import HABITS, TODAY, Figure, cross_checks, in_turn, log, median, race, rehab_command, run_child  # noqa: E402
from history_writes import history_writes  # noqa: E402
from import_lock import import_lock  # noqa: E402
from sync_figure import sync_merge_year, sync_nothing_new  # noqa: E402

# ------------------------------------------------------------------ histories


def build_histories(folder: Path) -> dict[str, Path]:
    """The 10-year history (and a copy to toggle on), a week, and the scaling ones."""
    from rehab_tui.history import synthesize

    paths: dict[str, Path] = {}
    for years in sorted({10, *SCALING_YEARS}):
        path = folder / f"{years}y.db"
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_history.py"),
                "--db",
                str(path),
                "--habits",
                str(HABITS),
                "--years",
                str(years),
                "--today",
                TODAY.isoformat(),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        log(f"  {years}-year history: {history_days(TODAY, years)} days in {time.perf_counter() - started:.1f} s")
        paths[f"{years}y"] = path
    synthesize(folder / "week.db", TODAY, 7, habits=HABITS).close()
    paths["week"] = folder / "week.db"
    paths["10y-toggle"] = folder / "10y-toggle.db"
    shutil.copyfile(paths["10y"], paths["10y-toggle"])
    return paths


# ------------------------------------------------------------- subprocesses


def first_frame(which: list[str]) -> dict:
    """Spawn one first_frame.py; seconds from just before the spawn to the first frame."""
    spawn = time.perf_counter()
    proc = subprocess.run([sys.executable, str(HERE / "first_frame.py"), *which], capture_output=True, text=True)
    if proc.returncode or not proc.stdout.strip():
        raise SystemExit(f"first_frame.py {' '.join(which)} failed:\n{proc.stderr[-3000:]}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    data["from_spawn"] = data["first_frame"] - spawn
    return data


# ------------------------------------------------------------------ figures


def startup_and_memory(paths: dict[str, Path], repeats: int) -> list[Figure]:
    rehab = ["rehab", str(paths["10y"]), TODAY.isoformat()]
    # The app on a one-week history tells what the history itself costs and
    # what is the fixed price of the app and its libraries.
    week = ["rehab", str(paths["week"]), TODAY.isoformat()]
    # The bare app after `import sqlite_utils` is the least rehab can weigh
    # with its stack (figure e's floor).
    runs: dict[str, list[dict]] = {"rehab": [], "bare": [], "week": [], "stack": []}
    contenders = (("rehab", rehab), ("bare", ["bare"]), ("week", week), ("stack", ["bare+stack"]))
    for i in range(repeats + 1):  # the first round warms the disk cache and is dropped
        for name, which in in_turn(i, contenders):
            result = first_frame(which)
            if i:
                runs[name].append(result)
    for name, results in runs.items():
        log(f"  first frames: {name:<5} {[round(r['from_spawn'], 3) for r in results]}")
    frame = {k: median([r["from_spawn"] for r in v]) for k, v in runs.items()}
    fastest = {k: min(r["from_spawn"] for r in v) for k, v in runs.items()}
    cpu = {k: median([r["cpu"] for r in v]) for k, v in runs.items()}
    rss = {k: median([r["max_rss_kb"] for r in v]) / 1024 for k, v in runs.items()}
    return [
        Figure(
            "a",
            "TUI start to first checklist frame, 10 years",
            frame["rehab"],
            frame["bare"],
            "s",
            1.45,
            f"fastest runs {fastest['rehab']:.3f} s vs {fastest['bare']:.3f} s "
            f"({fastest['rehab'] / fastest['bare']:.2f}x); process CPU to that frame {cpu['rehab']:.3f} s "
            f"vs {cpu['bare']:.3f} s ({cpu['rehab'] / cpu['bare']:.2f}x); "
            f"on a 1-week history {frame['week']:.3f} s ({frame['week'] / frame['bare']:.2f}x)",
        ),
        Figure(
            "e",
            "TUI peak memory (max RSS), 10 years",
            rss["rehab"],
            rss["stack"],
            "MB",
            1.3,
            f"baseline: the bare app after `import sqlite_utils` (the floor of this stack); measured once "
            f"the streaks are shown; on a 1-week history {rss['week']:.1f} MB "
            f"({rss['week'] / rss['stack']:.2f}x), so the 10 years add {rss['rehab'] - rss['week']:.1f} MB; "
            f"the bare app alone {rss['bare']:.1f} MB (rehab {rss['rehab'] / rss['bare']:.2f}x that)",
        ),
    ]


def today_json(paths: dict[str, Path], repeats: int) -> Figure:
    rehab = rehab_command() + ["--db", str(paths["10y"]), "--today", TODAY.isoformat(), "today", "--json"]
    baseline = [sys.executable, "-c", "import sqlite_utils"]

    def check(name: str, out: str) -> None:
        if name == "today --json":
            assert json.loads(out)["date"] == TODAY.isoformat()

    walls, cpus = race((("today --json", rehab), ("sqlite_utils", baseline)), repeats, check)
    return Figure(
        "b",
        "`rehab today --json`, 10 years",
        median(walls["today --json"]),
        median(walls["sqlite_utils"]),
        "s",
        1.2,
        cross_checks(walls, cpus, "today --json", "sqlite_utils"),
    )


def nag(paths: dict[str, Path], repeats: int) -> Figure:
    rehab = rehab_command()
    args = ["--db", str(paths["10y"]), "--today", TODAY.isoformat(), "nag"]
    # The prompt's answer must come from the fast path, and say what the full
    # computation says.
    probe = (
        "import sys; from rehab_tui.nagline import fast_line; print(fast_line(sys.argv[1:]) or ''); "
        "print(sorted(m for m in ('click', 'sqlite_utils', 'dateutil', 'textual') if m in sys.modules))"
    )
    # (The full way runs first: the history was written for other days, and a
    # nag that finds no row for its day refills the table, as a prompt's first would.)
    _, _, full = run_child([sys.executable, "-c", "from rehab_tui.cli.main import main; main()", *args])
    _, _, fast = run_child([sys.executable, "-c", probe, *args])
    if fast.splitlines() != [full.rstrip("\n"), "[]"]:
        raise SystemExit(f"the fast nag says {fast!r}, the full one {full!r}")
    rehab += args
    baseline = [sys.executable, "-c", "pass"]

    def check(name: str, out: str) -> None:
        if name == "nag":
            assert out == full, out

    # Quick runs, so twice as many.
    walls, cpus = race((("nag", rehab), ("pass", baseline)), 2 * repeats, check)
    return Figure(
        "f",
        "`rehab nag`, 10 years",
        median(walls["nag"]) * 1000,
        median(walls["pass"]) * 1000,
        "ms",
        1.3,
        f"{cross_checks(walls, cpus, 'nag', 'pass')}; imports none of click, sqlite_utils, dateutil, textual",
    )


def toggle_latency(paths: dict[str, Path], rounds: int, count: int) -> Figure:
    samples: dict[str, list[float]] = {"10y": [], "week": []}
    for i in range(rounds):
        for name, db in in_turn(i, (("10y", paths["10y-toggle"]), ("week", paths["week"]))):
            _, _, out = run_child(
                [sys.executable, str(HERE / "toggle.py"), str(db), TODAY.isoformat(), "--toggles", str(count)]
            )
            data = json.loads(out.strip().splitlines()[-1])
            samples[name] += data["samples"][data["warmup"] :]
    for name, values in samples.items():
        log(f"  toggles {name:>4}: {[round(v * 1000) for v in values]} ms")
    low = {k: sorted(v)[len(v) // 4] for k, v in samples.items()}
    return Figure(
        "c",
        "toggle: key to committed row and all redrawn",
        median(samples["10y"]) * 1000,
        median(samples["week"]) * 1000,
        "ms",
        1.2,
        f"baseline: the same on a 1-week history; first quartiles {low['10y'] * 1000:.0f} ms vs "
        f"{low['week'] * 1000:.0f} ms ({low['10y'] / low['week']:.2f}x)",
    )


def streaks(paths: dict[str, Path], repeats: int) -> Figure:
    from rehab_tui.domain.streaks import habit_streak, routine_streak
    from rehab_tui.domain.strength import strength
    from rehab_tui.store import Store
    from rehab_tui.tui.board import Board

    stores = {years: Store.open(paths[f"{years}y"], TODAY) for years in SCALING_YEARS}
    # The figure is about how the work grows, so it is the process's CPU time:
    # wall time also counts the moments other processes held the core, and
    # those land more often on a long run than on a short one. The sizes take
    # turns within each round so that a busy spell falls on all of them.
    cpu: dict[int, list[float]] = {years: [] for years in SCALING_YEARS}
    wall: dict[int, list[float]] = {years: [] for years in SCALING_YEARS}
    order = list(SCALING_YEARS)
    for i in range(repeats + 1):  # the first round warms caches and is dropped
        for years in order:
            # Short histories are timed more often: a 1-year run takes milliseconds.
            for _ in range(max(1, round(10 / years))):
                journal = stores[years].journal()  # fresh: nothing cached from the last run
                cpu_started, wall_started = time.process_time(), time.perf_counter()
                board = Board(journal, TODAY)
                board.streak_rows()
                board.routine()
                if i:
                    cpu[years].append((time.process_time() - cpu_started) / years)
                    wall[years].append((time.perf_counter() - wall_started) / years)
        order.reverse()
    for years, store in stores.items():
        # The board must agree with the domain's own functions.
        journal = store.journal()
        board = Board(journal, TODAY)
        expected = [
            (log.habit.id, habit_streak(journal, log, TODAY), strength(journal, log, TODAY))
            for log in journal.active_on(TODAY)
        ]
        actual = [(r.log.habit.id, r.streak, r.strength) for r in board.streak_rows()]
        if actual != expected or board.routine() != routine_streak(journal, TODAY):
            raise SystemExit(f"Board disagrees with the domain on the {years}-year history")
        store.close()
    per_year = {years: median(times) for years, times in cpu.items()}
    wall_per_year = {years: median(times) for years, times in wall.items()}
    for years in SCALING_YEARS:
        log(
            f"  streaks {years:>2} years: {per_year[years] * years * 1000:.0f} ms CPU, "
            f"{per_year[years] * 1000:.1f} ms a year (wall {wall_per_year[years] * 1000:.1f})"
        )
    first, last = SCALING_YEARS[0], SCALING_YEARS[-1]
    middle = ", ".join(f"{y}y {per_year[y] * 1000:.1f}" for y in SCALING_YEARS)
    walls = ", ".join(f"{y}y {wall_per_year[y] * 1000:.1f}" for y in SCALING_YEARS)
    return Figure(
        "d",
        f"streaks+strengths per year of history, {last}y vs {first}y",
        per_year[last] * 1000,
        per_year[first] * 1000,
        "ms/yr",
        1.5,
        f"CPU ms a year, medians: {middle}; wall time: {walls} ({wall_per_year[last] / wall_per_year[first]:.2f}x)",
    )


# -------------------------------------------------------------------- table


def print_table(figures: list[Figure]) -> None:
    header = f"{'':2} {'figure':<48} {'value':>10} {'baseline':>10} {'ratio':>6} {'target':>7}  result"
    click.echo(header)
    click.echo("-" * len(header))
    for f in sorted(figures, key=lambda f: f.key):
        click.echo(
            f"{f.key:2} {f.name:<48} {f.value:>7.3g} {f.unit:<2} {f.baseline:>7.3g} {f.unit:<2} "
            f"{f.ratio:>5.2f}x {'<= ' + format(f.target, 'g') + 'x':>7}  {'pass' if f.passed else 'FAIL'}"
        )
    for f in sorted(figures, key=lambda f: f.key):
        if f.note:
            click.echo(f"   {f.key}: {f.note}")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--repeats",
    default=15,
    show_default=True,
    help="Measured runs per process-start figure (a, b, e, h; f runs twice as many).",
)
@click.option("--toggle-rounds", default=3, show_default=True, help="Toggle processes per history (c).")
@click.option("--toggles", default=10, show_default=True, help="Measured toggles per toggle process (c).")
@click.option(
    "--streak-repeats",
    default=7,
    show_default=True,
    help="Measured rounds of figure d; each round times 1 year 10 times, 10 and 50 years once.",
)
@click.option(
    "--history-repeats",
    default=3,
    show_default=True,
    help="Measured rounds of figure g; each round writes 5 years twice and 50 years once.",
)
@click.option(
    "--import-repeats", default=3, show_default=True, help="Imports of 10,000 Loop habits measured (figure i)."
)
@click.option(
    "--sync-repeats",
    default=5,
    show_default=True,
    help="Rounds of figure h2; each round merges a year into an empty file and into a new one's routine.",
)
@click.option("--only", default="abcdefghi", show_default=True, help="Which figures, e.g. 'ad' ('h': h and h2).")
@click.option(
    "--keep",
    type=click.Path(file_okay=False, path_type=Path),
    help="Build the histories in this (new) folder and keep them.",
)
def main(
    repeats: int,
    toggle_rounds: int,
    toggles: int,
    streak_repeats: int,
    history_repeats: int,
    import_repeats: int,
    sync_repeats: int,
    only: str,
    keep: Path | None,
) -> None:
    """Measure the figures of docs/architecture.md, "Performance", and print them against their targets."""
    started = time.perf_counter()
    # An installed package has its bytecode compiled; this environment may set
    # PYTHONDONTWRITEBYTECODE, which would make every child compile rehab_tui again.
    for folder in (ROOT / "rehab_tui", HERE):
        compileall.compile_dir(str(folder), quiet=1)
    if keep:
        keep.mkdir(parents=True)
        folder = keep
    else:
        folder = Path(tempfile.mkdtemp(prefix="rehab-bench-"))
    try:
        log(f"histories in {folder}")
        # Figures g and i write their own histories.
        paths = build_histories(folder) if set(only) - {"g", "i"} else {}
        figures: list[Figure] = []
        if "a" in only or "e" in only:
            log("a, e: first frame and peak memory, rehab vs bare Textual app")
            figures += [f for f in startup_and_memory(paths, repeats) if f.key in only]
        if "b" in only:
            log("b: rehab today --json vs python -c 'import sqlite_utils'")
            figures.append(today_json(paths, repeats))
        if "c" in only:
            log("c: toggles, 10 years vs 1 week")
            figures.append(toggle_latency(paths, toggle_rounds, toggles))
        if "d" in only:
            log("d: streaks and strengths at 1, 10 and 50 years")
            figures.append(streaks(paths, streak_repeats))
        if "f" in only:
            log("f: rehab nag vs python -c pass")
            figures.append(nag(paths, repeats))
        if "g" in only:
            log("g: writing a whole history, 50 years vs 5")
            figures.append(history_writes(folder, history_repeats))
        if "i" in only:
            log("i: a writer's wait while 10,000 Loop habits are imported")
            figures.append(import_lock(folder, import_repeats))
        if "h" in only:
            log("h: rehab sync with nothing new vs rehab today --json")
            figures.append(sync_nothing_new(paths, folder, repeats))
            log("h2: rehab sync bringing in a year of another machine's history vs 1 s")
            figures.append(sync_merge_year(paths, folder, sync_repeats))
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    click.echo()
    print_table(figures)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    click.echo(
        f"\n(python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {load}, "
        f"whole run {time.perf_counter() - started:.0f} s)"
    )
    sys.exit(0 if all(f.passed for f in figures) else 1)


if __name__ == "__main__":
    main()
