"""`habit list` lines its columns up by terminal cells, whatever the names
(emoji, CJK, very long), and fits 80 columns: what is too long is cut with "…"
(`habit list --json` keeps every name whole)."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import new_db, ok
from rich.cells import cell_len

NAMES = [
    "右股関節のストレッチ 🦵",
    "A very long habit name that goes on and on about hamstrings and calves",
    "🦵🦵🦵 emoji",
]


def test_habit_list_lines_up_and_fits_80_columns(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    for name in NAMES:
        ok(db, "habit", "add", name)
    ok(db, "habit", "archive", "emoji")
    lines = ok(db, "habit", "list", "--all").lines
    assert all(cell_len(line) <= 80 for line in lines)
    # Every schedule column starts at the same cell.
    starts = {cell_len(line[: line.index("daily")]) for line in lines if "daily" in line}
    assert len(starts) == 1
    assert any("A very long habit name that g…" in line for line in lines)
    assert [h["habit"] for h in ok(db, "habit", "list", "--all", "--json").json][-3:] == NAMES
