"""A new file is nobody's routine by surprise: a command that makes one says
it holds an example routine to make your own, and a file made by `import`
(ours, Loop's or harsh's) holds only what it brings."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import new_db, ok, rows


def test_a_command_that_makes_a_file_says_it_holds_an_example(tmp_path: Path) -> None:
    db = tmp_path / "me.db"
    ran = ok(db, "today")
    assert f"new database at {db}, with an example routine to make your own" in ran.err
    assert len(rows(db, "habits")) == 5


def test_a_file_made_by_import_holds_only_what_was_imported(tmp_path: Path) -> None:
    source = new_db(tmp_path)
    ok(source, "habit", "add", "Calf raises")
    ok(source, "habit", "delete", "stick")
    ok(source, "export", "-o", tmp_path / "out.json")
    db = tmp_path / "moved.db"
    ran = ok(db, "import", tmp_path / "out.json")
    assert f"new empty database at {db}" in ran.err
    assert sorted(r["slug"] for r in rows(db, "habits")) == sorted(r["slug"] for r in rows(source, "habits"))
    assert "stick-rolling" not in {r["slug"] for r in rows(db, "habits")}
