"""Issue #10, text: control characters never reach a terminal, formulas never run in a spreadsheet."""

from __future__ import annotations

import csv
import io

from cli_helpers import TODAY, new_db, ok, run_process
from sqlite_utils import Database

# ------------------------------------------------------------ 4. text on a terminal and in CSV


def test_today_strips_control_characters_from_old_rows(tmp_path):
    db = new_db(tmp_path)
    hand = Database(db)
    hand["habits"].update(1, {"name": "Stick\x1b]0;pwned\x07 rolling", "cue": "\x1b[2Jroll\rslowly"})
    hand.close()
    out = run_process("--db", db, "--today", TODAY, "today").out
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "Stick␛]0;pwned␇ rolling" in out  # shown as text: each control character a placeholder
    out = (
        run_process("--db", db, "--today", TODAY, "streaks").out
        + run_process("--db", db, "--today", TODAY, "settings").out
    )
    assert "\x1b" not in out


def test_csv_neutralises_formulas(tmp_path):
    db = new_db(tmp_path)
    ok(db, "habit", "add", '=HYPERLINK("http://evil.example","Stretch")', "--schedule", "daily")
    ok(db, "habit", "add", "+1 hamstring", "--schedule", "daily")
    ok(db, "done", "=hyper", "+1", "stick")
    ok(db, "snooze", "--date", "2026-11-20", "--reason", "@SUM(A1)", "--area", "-left knee")
    out = ok(db, "export", "--format", "csv").out
    table = list(csv.DictReader(io.StringIO(out)))
    names = {r["habit"] for r in table if r["kind"] == "done"}
    assert names == {'\'=HYPERLINK("http://evil.example","Stretch")', "'+1 hamstring", "Stick rolling"}
    rest = next(r for r in table if r["kind"] == "rest_day")
    assert (rest["reason"], rest["area"]) == ("'@SUM(A1)", "'-left knee")
    assert all(r["date"][:1].isdigit() for r in table)


def test_every_line_that_names_a_habit_is_safe_for_a_terminal(tmp_path):
    """Old or hand-edited rows may hold escape sequences; writes echo names too."""
    from cli_helpers import new_db, ok
    from sqlite_utils import Database

    db = new_db(tmp_path)
    hand = Database(db)
    hand["habits"].update(1, {"name": "Stick\x1b]0;owned\x07 rolling"})
    hand.close()
    for args in (
        ("done", "stick-rolling"),
        ("undo", "stick-rolling"),
        ("habit", "list"),
        ("snooze", "--habit", "stick-rolling"),
        ("nag",),
    ):
        out = ok(db, *args).out
        assert "\x1b" not in out and "\x07" not in out, (args, out)


def test_dates_take_ascii_digits_only(tmp_path):
    from cli_helpers import assert_error, new_db, run

    db = new_db(tmp_path)
    assert_error(run(db, "done", "stick", "--date", "２０２６-11-20"))
