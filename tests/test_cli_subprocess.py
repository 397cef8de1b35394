"""A few commands through a real `python -m rehab_tui` process: the environment
variables, global options before the command, the default location, and errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from cli_helpers import TODAY, assert_error, assert_usage_error, dump, file_bytes, folder_state, rows, run_process

from rehab_tui import __version__


def test_global_options_before_the_command(tmp_path: Path) -> None:
    db = tmp_path / "rehab.db"
    ran = run_process("--db", db, "--today", TODAY, "done", "stick", "plank")
    assert ran.code == 0, ran.err
    assert ran.out.splitlines()[0] == "✔ Stick rolling done on 2026-11-21 (Sat) · streak 1 day"
    listing = run_process("--today", TODAY, "--db", db, "today", "--json")
    assert listing.code == 0 and listing.err == ""
    assert (listing.json["date"], listing.json["done"], listing.json["total"]) == (
        TODAY,
        2,
        3,
    )  # the 1/week habit is open on Saturday


def test_rehab_db_and_rehab_today_work_everywhere(tmp_path: Path) -> None:
    db = tmp_path / "from-env.db"
    env = {"REHAB_DB": str(db), "REHAB_TODAY": "2026-11-20"}
    assert run_process("done", "stick", env=env).code == 0
    assert [(r["day"]) for r in rows(db, "checkins")] == ["2026-11-20"]
    assert run_process("habit", "add", "Ice the knee", "--schedule", "daily", env=env).code == 0
    assert run_process("snooze", "--habit", "ice", env=env).code == 0
    streaks = run_process("streaks", "--json", env=env)
    assert streaks.code == 0
    assert streaks.json["habits"][0]["current_streak"] == 1
    # An option on the command line wins over the environment.
    assert run_process("--today", TODAY, "today", "--json", env=env).json["date"] == TODAY
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".db") == ["from-env.db"]


@pytest.mark.skipif(sys.platform != "linux", reason="platformdirs reads XDG_DATA_HOME on Linux only")
def test_the_default_database_is_created_with_its_folders(tmp_path: Path) -> None:
    data_home = tmp_path / "data"
    ran = run_process("--today", TODAY, "nag", env={"XDG_DATA_HOME": str(data_home), "HOME": str(tmp_path)})
    assert ran.code == 0, ran.err
    assert ran.out.startswith("rehab: 3 left today:")
    assert (data_home / "rehab-tui" / "rehab.db").is_file()


def test_an_error_is_one_line_and_the_file_stays_as_it_was(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n", encoding="utf-8")
    ran = run_process("--db", notes, "--today", TODAY, "done", "stick")
    assert_error(ran, contains="not a rehab database")
    assert folder_state(tmp_path) == {"notes.txt": b"not a database\n"}

    db = tmp_path / "rehab.db"
    assert run_process("--db", db, "--today", TODAY, "today").code == 0
    before, raw = dump(db), file_bytes(db)
    assert_error(run_process("--db", db, "--today", TODAY, "done", "stick", "--date", "2026-02-30"))
    assert_error(run_process("--db", db, "--today", "2026-02-30", "today"), contains="2026-02-30")
    assert dump(db) == before and file_bytes(db) == raw


def test_version_and_usage_error(tmp_path: Path) -> None:
    version = run_process("--version")
    assert (version.code, version.out.strip()) == (0, f"rehab, version {__version__}")
    usage = run_process("--db", tmp_path / "rehab.db", "done")
    assert_usage_error(usage, contains="missing argument 'HABIT...'")
    assert not list(tmp_path.iterdir())
