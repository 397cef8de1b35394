"""Issue 22: imports right. Skips (with or without a comment) are exempt snoozes and never
check-ins; harsh's end date is the last active day; a BOM is nothing; a habit here whose
imported history is older gets its start moved back. Through `rehab import --from`, the DB after."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_helpers import dump, new_db, ok, rows
from moving_helpers import harsh_folder, loop_backup, loop_csv_habit, loop_csv_zip, loop_habit


def history(db: Path) -> tuple[set[tuple[str, str, str | None]], set[tuple[str, str, str, int]]]:
    """(habit, day, note) of every check-in and (habit, day, reason, exempt) of every snooze."""
    names = {r["id"]: r["name"] for r in rows(db, "habits")}
    checkins = {(names[r["habit_id"]], r["day"], r["note"]) for r in rows(db, "checkins")}
    snoozes = {(names[r["habit_id"]], r["day"], r["reason"], r["exempt"]) for r in rows(db, "snoozes")}
    return checkins, snoozes


def test_harshs_own_skip_lines_become_exempt_snoozes_with_their_comment(tmp_path):
    folder = harsh_folder(
        tmp_path / "harsh",
        "Code review: 1\nGym: 1\n",
        # harsh's own test fixture line, a README-style one, a bare skip, and harsh's five fields.
        "2025-01-01 : Code review : y\n"
        "2025-01-02 : Code review : s : Skipped today\n"
        "2025-01-03 : Gym : s : knee sore\n"
        "2025-01-04 : Gym : s\n"
        "2025-01-05 : Gym : y : back at it : \n",
    )
    db = tmp_path / "new.db"  # made by the import: it holds only what was imported
    ran = ok(db, "import", "--from", "harsh", folder)
    checkins, snoozes = history(db)
    assert checkins == {("Code review", "2025-01-01", None), ("Gym", "2025-01-05", "back at it")}
    assert snoozes == {
        ("Code review", "2025-01-02", "Skipped today", 1),
        ("Gym", "2025-01-03", "knee sore", 1),
        ("Gym", "2025-01-04", "skipped in harsh", 1),
    }
    # The notes count what was written, and so does the report.
    assert "note: Code review: 1 check-in, 1 skip (exempt snoozes" in ran.out
    assert "note: Gym: 1 check-in, 2 skips (exempt snoozes" in ran.out
    assert ran.lines[-1] == "imported 2 new habits, 2 check-ins, 3 snoozes"
    assert [r["name"] for r in rows(db, "habits")] == ["Code review", "Gym"]
    assert f"new empty database at {db}" in ran.err


def test_loop_skips_with_and_without_notes_become_exempt_snoozes(tmp_path):
    first = date(2026, 11, 1)
    reps = [
        (1, first, 2, None),
        (1, first.replace(day=2), 3, "sick"),
        (1, first.replace(day=3), 3, None),
        (1, first.replace(day=4), 2, "felt good"),
    ]
    backup = loop_backup(tmp_path / "loop.db", [loop_habit(1, "Squats")], reps)
    db = tmp_path / "new.db"
    ran = ok(db, "import", "--from", "loop", backup)
    checkins, snoozes = history(db)
    assert checkins == {("Squats", "2026-11-01", None), ("Squats", "2026-11-04", "felt good")}
    assert snoozes == {("Squats", "2026-11-02", "sick", 1), ("Squats", "2026-11-03", "skipped in Loop", 1)}
    assert "note: Squats: 2 check-ins, 2 skips (exempt snoozes" in ran.out
    assert ran.lines[-1] == "imported 1 new habit, 2 check-ins, 2 snoozes"
    assert [r["name"] for r in rows(db, "habits")] == ["Squats"]


def test_loop_csv_skips_with_a_note_are_snoozes_not_check_ins(tmp_path):
    marks = {"Squats": [("2026-11-01", "YES_MANUAL", ""), ("2026-11-02", "SKIP", "travel"), ("2026-11-03", "SKIP", "")]}
    export = loop_csv_zip(tmp_path / "loop.zip", [loop_csv_habit(1, "Squats")], marks)
    db = tmp_path / "new.db"
    ran = ok(db, "import", "--from", "loop", export)
    checkins, snoozes = history(db)
    assert checkins == {("Squats", "2026-11-01", None)}
    assert snoozes == {("Squats", "2026-11-02", "travel", 1), ("Squats", "2026-11-03", "skipped in Loop", 1)}
    assert ran.lines[-1] == "imported 1 new habit, 1 check-in, 2 snoozes"


def test_a_skips_long_note_is_cut_to_a_reasons_length(tmp_path):
    folder = harsh_folder(tmp_path / "harsh", "Gym: 1\n", "2026-11-01 : Gym : s : " + "x" * 150 + " : \n")
    db = tmp_path / "new.db"
    ran = ok(db, "import", "--from", "harsh", folder)
    [(_, _, reason, exempt)] = history(db)[1]
    assert reason == "x" * 99 + "…" and exempt == 1
    assert "1 skip note became a reason cut to 100 characters" in ran.out


def test_harshs_end_date_is_the_last_active_day(tmp_path):
    folder = harsh_folder(tmp_path / "harsh", "Brace: 1: 2026-10-10\n", "2026-10-01 : Brace : y\n")
    db = tmp_path / "new.db"
    ran = ok(db, "import", "--from", "harsh", folder)
    [brace] = rows(db, "habits")
    assert brace["archived"] == "2026-10-11"
    assert "archived from 2026-10-11" in ran.out
    # The end day itself is still one of its days, the day after is not.
    assert "Brace" in ok(db, "today", "--date", "2026-10-10").out
    assert "Brace" not in ok(db, "today", "--date", "2026-10-11").out


@pytest.mark.parametrize("with_bom", ["habits", "log"])
def test_a_bom_in_harshs_files_is_read_as_nothing(tmp_path, with_bom):
    folder = tmp_path / "harsh"
    folder.mkdir()
    texts = {"habits": "Stretch: 1\nGym: 3/7\n", "log": "2026-11-01 : Stretch : y\n2026-11-02 : Gym : y\n"}
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8-sig" if name == with_bom else "utf-8")
    db = tmp_path / "new.db"
    ran = ok(db, "import", "--from", "harsh", folder)
    assert [r["name"] for r in rows(db, "habits")] == ["Stretch", "Gym"]
    assert history(db)[0] == {("Stretch", "2026-11-01", None), ("Gym", "2026-11-02", None)}
    assert "does not list" not in ran.out


def test_an_import_moves_the_start_of_a_habit_here_back_to_its_first_day(tmp_path):
    db = new_db(tmp_path)
    ok(db, "habit", "add", "Plank", "--start", "2014-03-01")
    ok(db, "done", "plank", "--date", "2014-03-03")
    reps = [(1, date(2014, 2, 20), 3, "sore"), (1, date(2014, 2, 22), 2, None), (1, date(2014, 3, 2), 2, None)]
    backup = loop_backup(tmp_path / "loop.db", [loop_habit(1, "Plank")], reps)
    said = "Plank: start moved back from 2014-03-01 to 2014-02-20"

    before = dump(db)
    dry = ok(db, "import", "--from", "loop", backup, "--dry-run")
    assert said in dry.lines and "nothing was written" in dry.out
    assert dump(db) == before

    ran = ok(db, "import", "--from", "loop", backup)
    assert said in ran.lines
    assert ran.lines[-1] == "imported 2 check-ins, 1 snooze"
    [plank] = [h for h in ok(db, "habit", "list", "--json").json if h["habit"] == "Plank"]
    assert plank["start"] == "2014-02-20"
    assert {d for name, d, _ in history(db)[0] if name == "Plank"} == {"2014-02-22", "2014-03-02", "2014-03-03"}
    assert {(d, r, e) for name, d, r, e in history(db)[1] if name == "Plank"} == {("2014-02-20", "sore", 1)}

    # Again: nothing to move, nothing new.
    again = ok(db, "import", "--from", "loop", backup)
    assert said not in again.out and "nothing new" in again.out


def test_a_dry_run_into_a_new_path_makes_no_file(tmp_path):
    folder = harsh_folder(tmp_path / "harsh", "Gym: 1\n", "2026-11-01 : Gym : y\n")
    db = tmp_path / "new.db"
    ran = ok(db, "import", "--from", "harsh", folder, "--dry-run")
    assert "nothing was written" in ran.out and "start moved" not in ran.out
    assert not db.exists()


def test_a_dry_run_reads_a_read_only_file(tmp_path):
    db = new_db(tmp_path)
    ok(db, "habit", "add", "Plank", "--start", "2014-03-01")
    backup = loop_backup(tmp_path / "loop.db", [loop_habit(1, "Plank")], [(1, date(2014, 2, 22), 2, None)])
    db.chmod(0o444)
    dry = ok(db, "import", "--from", "loop", backup, "--dry-run")
    assert "Plank: start moved back from 2014-03-01 to 2014-02-22" in dry.lines
