"""`rehab nag` at prompt speed (docs/architecture.md, "The nag table"): the fast path (rehab_tui/nagline.py,
reading the nag table with sqlite3) says exactly what the full computation says,
across midnight and day_start_hour, after writes by other processes, with snoozes,
pauses and quotas; and it imports neither click, sqlite-utils, dateutil nor Textual.

Every check compares both paths: `fast_line` must answer from the table (it raises
Fallback otherwise, failing the test), and the full command runs through click."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tomllib
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from cli_helpers import TODAY, new_db, ok, run, run_process

from rehab_tui import nagline
from rehab_tui.cli.output import terminal_text
from rehab_tui.nagline import Fallback, fast_line
from rehab_tui.store import Store, default_db_path
from rehab_tui.store.schema import known_migrations

ROOT = Path(__file__).resolve().parent.parent
SAT = date.fromisoformat(TODAY)  # 2026-11-21, a Saturday
MON = SAT + timedelta(days=2)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


def days_around(day: date) -> list[str]:
    """The days the gate keeps rows for around a day it wrote on."""
    return [(day + timedelta(days=k)).isoformat() for k in range(-1, 8)]


def same(db: Path, day: str, *extra: str) -> str:
    """The nag line for `day` from both paths (they must agree), fast first."""
    fast = fast_line(["--db", str(db), "--today", day, "nag", *extra], environ={})
    full = ok(db, "nag", *extra, today=day).out
    assert (fast + "\n" if fast else "") == full, (day, extra)
    return full.rstrip("\n")


def same_everywhere(db: Path, around: date) -> dict[str, str]:
    return {day: same(db, day) for day in days_around(around)}


def nag_rows(db: Path) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT day, pending, total, done, names, rest_day FROM nag ORDER BY day").fetchall()


# ---------------------------------------------------------------- agreement


def test_fresh_write_then_every_day_of_the_week_agrees(db: Path) -> None:
    ok(db, "done", "stick")
    lines = same_everywhere(db, SAT)
    assert lines[TODAY] == "rehab: 2 left today: Lacrosse ball glute release, Plank hip dips"
    # The days after: each as if it were today (nothing done yet on them).
    assert lines["2026-11-22"].startswith("rehab: 4 left today: Stick rolling")


def test_rollover_a_pending_day_is_not_carried_into_tomorrow(db: Path) -> None:
    ok(db, "done", "stick", "lacrosse", "plank")
    assert same(db, TODAY) == ""
    tomorrow = (SAT + timedelta(days=1)).isoformat()
    assert same(db, tomorrow).startswith("rehab: 4 left today")
    # Yesterday's leftovers are missed, not nagged, once the day has turned.
    ok(db, "done", "stick", today=tomorrow)
    assert (
        same(db, tomorrow) == "rehab: 3 left today: Lacrosse ball glute release, Plank hip dips, Glute and hip strength"
    )


def test_day_start_hour_with_an_injected_clock(db: Path) -> None:
    ok(db, "settings", "day_start_hour", "3")
    ok(db, "done", "stick", "lacrosse", "plank")  # all of Saturday's routine
    args = ["--db", str(db), "nag"]
    sunday = SAT + timedelta(days=1)
    # 01:30 on Sunday still belongs to Saturday (done); 03:30 is Sunday.
    before = fast_line(args, environ={}, now=datetime(2026, 11, 22, 1, 30))
    after = fast_line(args, environ={}, now=datetime(2026, 11, 22, 3, 30))
    assert before is None and (before or "") == same(db, TODAY)
    assert after == same(db, sunday.isoformat()) and after.startswith("rehab: 4 left")
    # The same as the domain's own idea of the day.
    from rehab_tui.domain.dates import logical_today

    for hour in range(24):
        for start in (0, 3, 12):
            now = datetime(2026, 11, 22, hour, 5)
            assert nagline.logical_today(now, start) == logical_today(now, start)


def test_a_write_by_another_process_is_seen(db: Path) -> None:
    ok(db, "nag")  # the table is there
    ran = run_process("--db", db, "--today", TODAY, "done", "plank")
    assert ran.code == 0, ran.err
    assert same(db, TODAY) == "rehab: 2 left today: Stick rolling, Lacrosse ball glute release"
    same_everywhere(db, SAT)


def test_a_write_outside_the_gate_empties_the_table_and_the_nag_goes_the_full_way(db: Path) -> None:
    ok(db, "nag")
    with closing(sqlite3.connect(db)) as conn, conn:
        habit = conn.execute("SELECT id FROM habits WHERE slug = 'stick-rolling'").fetchone()[0]
        conn.execute("INSERT INTO checkins (habit_id, day, created_at) VALUES (?, ?, '')", [habit, TODAY])
    assert nag_rows(db) == []
    with pytest.raises(Fallback):
        fast_line(["--db", str(db), "--today", TODAY, "nag"], environ={})
    # The full way answers, and refills the table for the next prompt.
    assert ok(db, "nag").out == "rehab: 2 left today: Lacrosse ball glute release, Plank hip dips\n"
    assert same(db, TODAY) == "rehab: 2 left today: Lacrosse ball glute release, Plank hip dips"


def test_snoozes(db: Path) -> None:
    ok(db, "snooze", "--habit", "lacrosse")
    assert same(db, TODAY) == "rehab: 2 left today: Stick rolling, Plank hip dips"
    ok(db, "snooze")  # the whole day rests
    assert same(db, TODAY) == ""
    assert same(db, TODAY, "--format", "{left}/{total}") == ""
    # A snooze planned for Tuesday shows on Tuesday's row only.
    ok(db, "snooze", "--date", "2026-11-24")
    lines = same_everywhere(db, SAT)
    assert lines["2026-11-24"] == "" and lines["2026-11-23"].startswith("rehab: 3 left")


def test_a_pause(db: Path) -> None:
    ok(db, "pause", "plank", "--until", "2026-11-23")
    lines = same_everywhere(db, SAT)
    assert lines[TODAY] == "rehab: 2 left today: Stick rolling, Lacrosse ball glute release"
    assert "Plank hip dips" not in lines["2026-11-23"] and "Plank hip dips" in lines["2026-11-24"]
    ok(db, "resume", "plank")
    assert same(db, TODAY) == "rehab: 3 left today: Stick rolling, Lacrosse ball glute release, Plank hip dips"


def test_a_quota_open_days_are_not_nagged_due_days_are(db: Path) -> None:
    ok(db, "habit", "add", "Hip bridges", "--schedule", "2/week", today=MON.isoformat())
    ok(db, "done", "stick", "lacrosse", "plank", today=MON.isoformat())
    lines = same_everywhere(db, MON)
    assert lines[MON.isoformat()] == ""  # Monday: both quota habits open
    assert "Hip bridges" in lines["2026-11-28"]  # Saturday: 2 days left for 2 check-ins: due
    assert "Hip bridges" not in lines["2026-11-27"]
    assert "Hip bridges" in lines["2026-11-29"] and "Glute and hip strength" in lines["2026-11-29"]
    for day, line in lines.items():
        if day >= MON.isoformat() and "Hip bridges" in line:
            assert day >= "2026-11-28"
    ok(db, "done", "hip", "--date", "2026-11-24", today="2026-11-24")
    lines = same_everywhere(db, date(2026, 11, 24))
    assert "Hip bridges" in lines["2026-11-29"] and "Hip bridges" not in lines["2026-11-28"]


def test_format(db: Path) -> None:
    ok(db, "done", "stick")
    assert same(db, TODAY, "--format", "{left}/{total}") == "2/3"
    assert same(db, TODAY, "--format={done} done, {names}") == "1 done, Lacrosse ball glute release, Plank hip dips"
    ran = run(db, "nag", "--format", "{nope}")
    assert ran.code == 2 and ran.err.startswith("error: unknown field {nope}")
    assert run(db, "nag", "--format", "{left.real}").code == 2
    assert run(db, "nag", "--format", "{names:d}").code == 2
    with pytest.raises(Fallback):
        fast_line(["--db", str(db), "--today", TODAY, "nag", "--format", "{nope}"], environ={})


def test_names_reach_the_terminal_without_control_characters(db: Path) -> None:
    with closing(sqlite3.connect(db)) as conn, conn:  # an older or hand-edited file
        conn.execute("UPDATE habits SET name = 'Stick\x1b[31m rolling' WHERE slug = 'stick-rolling'")
    ok(db, "done", "plank")  # through the gate: the table is refilled
    assert same(db, TODAY) == "rehab: 2 left today: Stick␛[31m rolling, Lacrosse ball glute release"
    for ch in ("a", "\x1b", "\u200b", "\u200d", "\u2028", "é", "\x7f", "\u202e", "🙂"):
        assert nagline.clean(f"x{ch}y") == terminal_text(f"x{ch}y")


# --------------------------------------------------------- options, fallbacks


def test_env_and_options_as_click_reads_them(db: Path) -> None:
    ok(db, "nag")
    line = "rehab: 3 left today: Stick rolling, Lacrosse ball glute release, Plank hip dips"
    assert fast_line(["nag"], environ={"REHAB_DB": str(db), "REHAB_TODAY": TODAY}) == line
    assert fast_line([f"--db={db}", f"--today={TODAY}", "nag"], environ={}) == line
    # An option beats the variable.
    assert fast_line(["--today", TODAY, "nag"], environ={"REHAB_DB": str(db), "REHAB_TODAY": "2026-11-22"}) == line


@pytest.mark.parametrize(
    "args",
    [
        ["--db", "DB", "--today", TODAY, "nag", "--help"],
        ["--db", "DB", "--today", TODAY, "nag", "extra"],
        ["--db", "DB", "nag", "--today", TODAY],  # a global option after the command
        ["--db", "DB", "--today", TODAY, "--demo", "nag"],
        ["--db", "DB", "--today", "2026-11-31", "nag"],
        ["--db", "DB", "--today", "tomorrow", "nag"],
        ["--db", "DB", "--today", TODAY, "today"],
        ["--db", "DB", "--db", "DB", "--today", TODAY, "nag"],
        ["--db", "DB/missing.db", "--today", TODAY, "nag"],
        ["--db", "DB", "--today", "1850-01-01", "nag"],
        ["--db", "DB", "--today", TODAY, "nag", "--format"],
    ],
)
def test_anything_unusual_goes_the_full_way(db: Path, args: list[str]) -> None:
    ok(db, "nag")
    with pytest.raises(Fallback):
        fast_line([a.replace("DB", str(db)) for a in args], environ={})


def test_no_row_a_stale_stamp_a_bad_setting_or_a_missing_table_go_the_full_way(db: Path) -> None:
    args = ["--db", str(db), "--today", TODAY, "nag"]
    ok(db, "nag")
    fast_line(args, environ={})
    with pytest.raises(Fallback):  # a day far from any write
        fast_line(["--db", str(db), "--today", "2027-06-01", "nag"], environ={})
    assert ok(db, "nag", today="2027-06-01").out.startswith("rehab:")  # ... which the full way then fills in
    assert same(db, "2027-06-01").startswith("rehab:")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE nag SET stamp = 'an older version'")
    with pytest.raises(Fallback):
        fast_line(args, environ={})
    ok(db, "nag")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE settings SET value = 'x' WHERE key = 'day_start_hour'")
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('day_start_hour', 'x')")
    assert run(db, "nag").err.startswith("warning: settings: day_start_hour")
    assert nag_rows(db) == []  # a bad setting leaves no rows: its warning is said by the full way
    with pytest.raises(Fallback):
        fast_line(["--db", str(db), "nag"], environ={})
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("DROP TABLE nag")
    with pytest.raises(Fallback):
        fast_line(args, environ={})


def test_default_path_as_platformdirs_finds_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for xdg, home in (
        (None, str(tmp_path)),
        (str(tmp_path / "xdg"), str(tmp_path)),
        ("relative", str(tmp_path)),
        ("", str(tmp_path)),
    ):
        for key, value in (("XDG_DATA_HOME", xdg), ("HOME", home)):
            if value is None:
                monkeypatch.delenv(key, raising=False)
            else:
                monkeypatch.setenv(key, value)
        assert Path(nagline.default_db_path()) == default_db_path()


def test_the_day_start_hour_copied_here_agrees_with_the_settings_table() -> None:
    from rehab_tui.domain.settings import DAY_START_HOUR, SETTINGS

    assert nagline.DAY_START_HOURS == range(DAY_START_HOUR.low, DAY_START_HOUR.high + 1)
    assert nagline.DAY_START_HOUR_DEFAULT == SETTINGS["day_start_hour"].default


def test_the_entry_point_is_the_fast_one() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["scripts"]["rehab"] == "rehab_tui.entry:main"


def test_fast_path_imports_no_click_sqlite_utils_dateutil_or_textual(db: Path) -> None:
    ok(db, "done", "stick")
    probe = (
        "import json, sys\n"
        "sys.argv = ['rehab', *sys.argv[1:]]\n"
        "from rehab_tui.entry import main\n"
        "main()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, "--db", str(db), "--today", TODAY, "nag", "--format", "{left}/{total}"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    line, modules = proc.stdout.splitlines()
    assert line == "2/3"
    heavy = {m for m in json.loads(modules) if m.split(".")[0] in ("click", "sqlite_utils", "dateutil", "textual")}
    assert heavy == set()
    ours = {m for m in json.loads(modules) if m.startswith("rehab_tui.")}
    assert ours == {"rehab_tui.entry", "rehab_tui.nagline"}


# ------------------------------------------------------------------ the gate


def test_nested_writes_fill_the_table_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(tmp_path / "rehab.db", SAT)
    calls = []
    keep = Store._keep_nag
    monkeypatch.setattr(Store, "_keep_nag", lambda self: (calls.append(1), keep(self)))
    try:
        ids = [h.id for h in store.habits()]
        with store.transaction():
            store.check_in(ids[:1], SAT, SAT)
            store.check_in(ids[1:2], SAT, SAT)
            store.snooze(SAT + timedelta(days=1), SAT)
        assert calls == [1]
        store.snooze(SAT + timedelta(days=1), SAT)  # already snoozed: nothing written, nothing refilled
        assert calls == [1]
        line = fast_line(["--db", str(tmp_path / "rehab.db"), "--today", TODAY, "nag"], environ={})
        assert line.startswith("rehab: 2 left today: Plank hip dips")
        assert line + "\n" == ok(tmp_path / "rehab.db", "nag").out
    finally:
        store.close()


def test_a_failed_write_leaves_the_table_as_it_was(db: Path) -> None:
    ok(db, "nag")
    before = nag_rows(db)
    assert run(db, "done", "stick", "--date", "2026-11-22").code == 1  # the future is refused
    assert nag_rows(db) == before


def test_the_migration_is_known() -> None:
    assert "m005_nag" in known_migrations()
