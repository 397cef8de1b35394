"""`rehab nag` is one line of a prompt (docs/architecture.md, "The nag table";
issue #23): with thousands of habits left it once printed every name. The
names stop at a width, whole, and the rest are counted, the same on the fast
path and the full one."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import TODAY, new_db, ok, run_process

from rehab_tui.domain.dates import parse_iso
from rehab_tui.nagline import NAMES_WIDTH, fast_line
from rehab_tui.store import Store


def test_thousands_of_names_are_counted_not_listed(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    store = Store.open(db, parse_iso(TODAY))
    try:
        with store.transaction():
            for n in range(2000):
                store.add_habit(f"Drill {n:04}", "daily", parse_iso(TODAY))
    finally:
        store.close()
    full = ok(db, "nag", "--format", "{left} left: {names}").out.rstrip("\n")
    fast = fast_line(["--db", str(db), "--today", TODAY, "nag", "--format", "{left} left: {names}"], environ={})
    assert full == fast
    left, names = full.split(" left: ")
    assert left == "2003"
    assert names.startswith("Stick rolling, Lacrosse ball glute release, Plank hip dips, ")
    assert names.endswith(" more") and len(names) <= NAMES_WIDTH
    shown = names.rsplit(" and ", 1)[0].split(", ")
    assert names.endswith(f" and {2003 - len(shown):,} more")
    # The default line, through the real entry point, is as short.
    line = run_process("--db", db, "--today", TODAY, "nag").out
    assert line.count("\n") == 1 and len(line) < NAMES_WIDTH + 40


def test_a_few_names_are_all_listed(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    line = ok(db, "nag").out
    assert line == "rehab: 3 left today: Stick rolling, Lacrosse ball glute release, Plank hip dips\n"
