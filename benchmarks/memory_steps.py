"""Where the TUI's memory goes: resident size after each stage of a start-up.

    python benchmarks/memory_steps.py DB_PATH YYYY-MM-DD

Loads, in this one process and in the order the app does, what the bare app
loads (Textual), then sqlite-utils with what it imports, rehab's CLI and store,
its TUI modules, then opens DB_PATH, reads its journal and computes every
streak, and prints the resident size (VmRSS) after each stage. The last column
is the size over what the bare app imports; figure e's bare app adds about 2.5 MB
more to that by running. This is the profile behind figure e (see README.md).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from datetime import date


def resident_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise SystemExit("no VmRSS in /proc/self/status (this needs Linux)")


def importing(*modules: str) -> Callable[[], None]:
    def stage() -> None:
        for module in modules:
            importlib.import_module(module)

    return stage


def main() -> None:
    db_path, today = sys.argv[1], date.fromisoformat(sys.argv[2])
    kept: dict[str, object] = {}

    def open_store() -> None:
        from rehab_tui.store import Store

        kept["store"] = Store.open(db_path, today)

    def read_journal() -> None:
        kept["journal"] = kept["store"].journal()

    def count_streaks() -> None:
        from rehab_tui.tui.board import Board

        board = kept["board"] = Board(kept["journal"], today)
        for _ in board.prepare():
            pass

    stages = [
        (
            "Textual, as the bare app imports it",
            importing("textual.app", "textual.widgets", "textual.drivers.linux_driver"),
        ),
        ("sqlite-utils (with click, dateutil, pluggy, hashlib)", importing("sqlite_utils")),
        ("rehab's CLI, store and domain", importing("rehab_tui.cli.main")),
        ("rehab's TUI modules", importing("rehab_tui.tui.app")),
        ("Store.open", open_store),
        ("the journal", read_journal),
        ("every streak and strength (Board)", count_streaks),
    ]
    print(f"{'after':<55} {'MB':>6} {'+MB':>6} {'x Textual':>9}")
    print(f"{'python start':<55} {resident_mb():6.1f}")
    last = resident_mb()
    bare = None
    for name, stage in stages:
        stage()
        now = resident_mb()
        bare = bare or now
        print(f"{name:<55} {now:6.1f} {now - last:+6.1f} {now / bare:8.2f}x")
        last = now


if __name__ == "__main__":
    main()
