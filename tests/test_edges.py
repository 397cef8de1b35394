"""Issue #10 on the command line: files we write, restore, check, hostile text and odd inputs.

Real SQLite files in tmp_path; terminal behaviour in real subprocesses.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import click
import pytest
from cli_helpers import TODAY, assert_error, dump, new_db, ok, rows, run, run_process
from click.testing import CliRunner
from disk_helpers import fill, small_disk  # noqa: F401 (a fixture)
from sqlite_utils import Database

from rehab_tui.store import Store


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def with_history(db: Path, days: int = 1500) -> None:
    today = date(2026, 11, 21)
    store = Store.open(db, today - timedelta(days=days))  # the habits start before the history
    store.load_history(today, ((h.id, today - timedelta(days=i)) for h in store.habits() for i in range(days)))
    store.close()


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


# ------------------------------------------------------------ 1. export


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_export_refuses_the_database_and_its_own_files(tmp_path, suffix):
    db = new_db(tmp_path)
    before = dump(db)
    assert_error(run(db, "export", "-o", f"{db}{suffix}", "--force"), contains="database")
    assert dump(db) == before
    assert not Path(f"{db}-journal").exists() or suffix != "-journal"


def test_export_refuses_the_database_by_another_path(tmp_path):
    db = new_db(tmp_path)
    (tmp_path / "link.db").symlink_to(db)
    os.link(db, tmp_path / "hard.db")
    (tmp_path / "sub").mkdir()
    before = dump(db)
    for other in (tmp_path / "link.db", tmp_path / "hard.db", tmp_path / "sub" / ".." / "rehab.db"):
        assert_error(run(db, "export", "-o", other, "--force"), contains="database")
    assert dump(db) == before


def test_export_over_the_wal_keeps_committed_checkins(tmp_path):
    db = new_db(tmp_path)
    app = Store.open(db, date(2026, 11, 21))  # an open app keeps the -wal
    app.check_in([1], date(2026, 11, 21), date(2026, 11, 21))
    assert Path(f"{db}-wal").stat().st_size > 0
    run(db, "export", "-o", f"{db}-wal")
    app.close()
    assert [r["day"] for r in rows(db, "checkins")] == ["2026-11-21"]


def test_export_does_not_replace_an_existing_file_without_force(tmp_path):
    db = new_db(tmp_path)
    target = tmp_path / "mine.json"
    target.write_text("my notes")
    assert_error(run(db, "export", "-o", target), contains="--force")
    assert target.read_text() == "my notes"
    ok(db, "export", "-o", target, "--force")
    assert json.loads(target.read_text())["format"] == "rehab-tui export"
    assert mode(target) == 0o600


@pytest.mark.parametrize("command", [("export",), ("report",)])
def test_force_replaces_only_a_plain_file_never_a_link_or_a_pipe(tmp_path, command):
    db = new_db(tmp_path)
    shared = tmp_path / "shared.txt"
    shared.write_text("kept")
    (tmp_path / "link.txt").symlink_to(shared)
    os.mkfifo(tmp_path / "pipe")
    before = dump(db)
    for target in (tmp_path / "link.txt", tmp_path / "pipe"):
        assert_error(run(db, *command, "-o", target, "--force"), contains="not a plain file")
    assert (tmp_path / "link.txt").is_symlink() and shared.read_text() == "kept"
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe").st_mode)
    assert dump(db) == before


@pytest.mark.parametrize("command", [("export",), ("report",)])
def test_an_empty_file_name_is_an_error_not_the_terminal(tmp_path, command):
    db = new_db(tmp_path)
    assert assert_error(run(db, *command, "-o", "")) == "error: -o needs a file name"


def test_an_export_that_fails_half_way_leaves_the_old_file(tmp_path):
    # A file size limit makes the write fail (EFBIG; Python ignores SIGXFSZ) once
    # the export outgrows it, half-way through, as a full disk would.
    db = tmp_path / "rehab.db"
    with_history(db)
    target = tmp_path / "rehab.json"
    target.write_text("the export of last week\n")
    limit = 64 * 1024

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = subprocess.run(
        [sys.executable, "-m", "rehab_tui", "--db", str(db), "--today", TODAY, "export", "-o", str(target), "--force"],
        preexec_fn=small_files,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and proc.stderr.startswith("error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    assert target.read_text() == "the export of last week\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rehab.db", "rehab.json"]


def test_leftovers_of_killed_writes_are_removed_on_the_next_run(tmp_path):
    import fcntl

    db = new_db(tmp_path)
    # What a kill in the middle of a backup, an export or a first start leaves.
    killed = [
        ".rehab-backup.db.x8d2k1ab.partial",
        ".rehab.json.q0w9e8_z.partial",
        ".rehab.db.a1b2c3d4.new",
        ".rehab.db.a1b2c3d4.new-journal",
    ]
    for name in killed:
        (tmp_path / name).write_bytes(b"half")
    # ...and a write still going on in another process: locked, so it stays.
    busy = tmp_path / ".other.json.z9y8x7w6.partial"
    busy.write_bytes(b"still writing")
    with open(busy, "rb") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        ok(db, "today")
        assert busy.exists()
    for name in killed:
        assert not (tmp_path / name).exists(), name
    # Names that are not ours stay, even when they look alike.
    others = ["mine.partial", ".download.partial", ".notes.txt.new", ".other.db.a1b2c3d4.new"]
    for name in others:
        (tmp_path / name).write_text("not ours")
    ok(db, "today")
    assert all((tmp_path / name).exists() for name in others)


# ------------------------------------------------------------ 2. restore


def test_restore_with_a_live_wal_and_an_open_app(tmp_path):
    db = new_db(tmp_path)
    ok(db, "done", "stick", "--date", "2026-11-19")
    backup = tmp_path / "backup.db"
    ok(db, "backup", backup)
    app = Store.open(db, date(2026, 11, 21))  # the app stays open: its -wal stays
    version = app.data_version()
    app.check_in([2, 3], date(2026, 11, 21), date(2026, 11, 21))
    assert Path(f"{db}-wal").stat().st_size > 0

    ran = ok(db, "restore", backup)

    assert "restored" in ran.out
    assert integrity(db) == "ok"
    assert [(r["habit_id"], r["day"]) for r in rows(db, "checkins")] == [(1, "2026-11-19")]
    # The open app sees the restored file (and would reload).
    assert app.data_version() != version
    assert {(r["habit_id"], r["day"]) for r in app.db["checkins"].rows} == {(1, "2026-11-19")}
    app.close()
    kept = tmp_path / "rehab.before-restore.db"
    assert mode(kept) == 0o600
    assert {(r["habit_id"], r["day"]) for r in rows(kept, "checkins")} == {
        (1, "2026-11-19"),
        (2, "2026-11-21"),
        (3, "2026-11-21"),
    }
    assert integrity(kept) == "ok"


def other_app(path: Path) -> None:
    Database(path)["notes"].insert({"id": 1, "body": "buy milk"})


def newer(path: Path) -> None:
    Store.open(path, date(2026, 11, 21)).close()
    Database(path)["_sqlite_migrations"].insert(
        {"migration_set": "rehab", "name": "m999_future", "applied_at": "2030-01-01"}
    )


def damaged(path: Path) -> None:
    with_history(path, 300)
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 200] = b"\xff" * 200  # a page in the middle scribbled over
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda p: p.write_text("hello"), "not a rehab database"),
        (other_app, "not a rehab database"),
        (newer, "newer"),
        (damaged, "damaged"),
    ],
    ids=["text", "other app", "newer", "damaged"],
)
def test_restore_refuses_a_bad_backup_and_writes_nothing(tmp_path, make, words):
    db = new_db(tmp_path)
    bad = tmp_path / "bad.db"
    make(bad)
    before = dump(db)
    assert_error(run(db, "restore", bad), contains=words)
    assert dump(db) == before
    assert not (tmp_path / "rehab.before-restore.db").exists()


def test_restore_refuses_the_database_itself(tmp_path):
    db = new_db(tmp_path)
    assert_error(run(db, "restore", db), contains="itself")


def test_readme_restores_with_the_command():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "rehab restore" in readme
    assert "copying the backup over" not in readme


# ------------------------------------------------------------ check


def test_check_a_healthy_database(tmp_path):
    db = new_db(tmp_path)
    ran = ok(db, "check")
    assert ran.out.strip().endswith(": ok")


def test_check_reports_rows_that_break_the_rules(tmp_path):
    db = new_db(tmp_path)
    hand = Database(db)  # a hand edit, past the store's gate
    hand["habits"].update(1, {"cue": "roll\x1b[2J slowly", "start": "2026-02-30"})
    hand.execute("UPDATE schedules SET rule = 'fortnightly-ish' WHERE habit_id = 2")
    hand.conn.commit()
    hand["pauses"].insert({"habit_id": 3, "start": "2026-11-10", "until": "2026-11-01", "reason": ""})
    hand["readings"].insert({"day": "2026-11-20", "area": "hip", "area_key": "hip", "pain": 11})
    hand["settings"].insert({"key": "day_start_hour", "value": "²"})
    hand.close()
    ran = run(db, "check")
    assert ran.code == 1
    assert "Traceback" not in ran.err
    report = ran.out
    for words in ("cue", "start", "schedule", "before it starts", "pain", "day_start_hour"):
        assert words in report, (words, report)
    assert "\x1b" not in report
    assert ran.err.startswith("error: 6 problems")


def test_check_reports_a_foreign_key_and_removes_leftovers(tmp_path):
    db = new_db(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO checkins (habit_id, day) VALUES (99, '2026-11-20')")  # foreign keys off here
    conn.commit()
    conn.close()
    leftover = tmp_path / ".rehab-backup.db.k3j2h1g0.partial"
    leftover.write_bytes(b"half a backup")
    ran = run(db, "check")
    assert ran.code == 1
    assert "checkins row" in ran.out and "does not exist" in ran.out
    assert "removed .rehab-backup.db.k3j2h1g0.partial" in ran.out
    assert not leftover.exists()


# ------------------------------------------------------------ 5. file modes and symlinks


def test_backup_export_and_the_new_database_are_private(tmp_path):
    db = new_db(tmp_path)
    ok(db, "backup", tmp_path / "b.db")
    ok(db, "export", "-o", tmp_path / "e.json")
    ok(tmp_path / "new.db", "today")
    assert mode(tmp_path / "b.db") == 0o600
    assert mode(tmp_path / "e.json") == 0o600
    assert mode(tmp_path / "new.db") == 0o600


def test_the_copy_before_a_migration_is_private(tmp_path):
    db = new_db(tmp_path)
    old = Database(db)  # as an older version left it: the second schema step not yet run
    old.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_day_indexes'")
    for index in ("idx_checkins_day", "idx_snoozes_day_habit_id", "idx_pauses_habit_id_start"):
        old.execute(f"DROP INDEX IF EXISTS {index}")
    old.conn.commit()
    old.close()
    ok(db, "today")
    kept = tmp_path / "rehab.before-m002_day_indexes.db"
    assert kept.exists() and mode(kept) == 0o600


def test_a_backup_never_writes_through_a_planted_symlink(tmp_path):
    db = new_db(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    # The temporary names an attacker could guess, all pointing at the victim.
    for name in (".b.db.partial", ".b.db.new", ".b.db.tmp"):
        (tmp_path / name).symlink_to(victim)
    (tmp_path / "b.db").symlink_to(victim)
    assert_error(run(db, "backup", tmp_path / "b.db"), contains="exists")
    os.unlink(tmp_path / "b.db")
    ok(db, "backup", tmp_path / "b.db")
    assert victim.read_text() == "precious"
    assert not (tmp_path / "b.db").is_symlink() and integrity(tmp_path / "b.db") == "ok"


# ------------------------------------------------------------ 6. odd inputs


def test_a_fifo_as_database_is_refused_at_once(tmp_path):
    fifo = tmp_path / "rehab.db"
    os.mkfifo(fifo)
    ran = run_process("--db", fifo, "today", timeout=30)
    assert_error(ran, contains="FIFO")


def test_a_device_as_database_is_refused(tmp_path):
    assert_error(run_process("--db", "/dev/null", "today", timeout=30), contains="device")


def test_memory_as_database_is_refused_and_creates_no_file(tmp_path):
    ran = run_process("--db", ":memory:", "today", cwd=tmp_path, timeout=30)
    assert_error(ran, contains="not a file path")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("value", ["²", "٣", "３", "1²"])
def test_settings_take_ascii_digits_only(tmp_path, value):
    db = new_db(tmp_path)
    before = dump(db)
    assert_error(run(db, "settings", "day_start_hour", value), contains="digits")
    assert dump(db) == before


def test_whole_number_type_takes_ascii_digits_only():
    from rehab_tui.cli.params import WholeNumber

    @click.command()
    @click.option("--n", type=WholeNumber(0, 10))
    def show(n: int) -> None:
        click.echo(repr(n))

    runner = CliRunner()
    assert runner.invoke(show, ["--n", "7"]).output == "7\n"
    for bad in ("²", "٣", "7.0", "", "1" * 5000, "11", "-1"):
        result = runner.invoke(show, ["--n", bad])
        assert result.exit_code == 2 and not isinstance(result.exception, ValueError), (bad, result.output)


@pytest.mark.parametrize(
    "text, words",
    [
        ("[" * 100_000, "nested"),
        ('{"format": "rehab-tui export", "version": 1' + ', "x": ' + "9" * 5000 + "}", "digits"),
        ('{"format": "rehab-tui export", "version": 1e999}', "out of range"),
        ('{"format": "rehab-tui export", "version": NaN}', "not allowed"),
    ],
    ids=["deep", "long number", "huge float", "nan"],
)
def test_import_is_bounded(tmp_path, text, words):
    db = new_db(tmp_path)
    before = dump(db)
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    assert_error(run(db, "import", bad), contains=words)
    assert dump(db) == before


def test_an_overflowing_number_in_an_import_is_not_a_date_error(tmp_path):
    db = new_db(tmp_path)
    data = json.loads(ok(db, "export").out)
    data["rest_days"] = [{"day": "2026-11-20", "reason": "sore", "pain": "PAIN"}]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data).replace('"PAIN"', "1e400"))  # read as infinity
    line = assert_error(run(db, "import", bad))
    assert "date" not in line and "calendar" not in line


def test_a_name_the_terminal_cannot_show_is_no_crash_after_the_write(tmp_path):
    db = new_db(tmp_path)
    ok(db, "habit", "add", "Ædductor ✓", "--schedule", "daily")
    env = {"PYTHONIOENCODING": "latin-1"}
    proc = subprocess.run(
        [sys.executable, "-m", "rehab_tui", "--db", str(db), "--today", TODAY, "done", "Ædd"],
        capture_output=True,
        env={**os.environ, **env},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr.decode("latin-1")
    assert b"Traceback" not in proc.stderr
    assert "Ædductor ?".encode("latin-1") in proc.stdout
    assert len(rows(db, "checkins")) == 1


# ------------------------------------------------------------ 7. read-only and full disks


def test_a_read_only_database_can_be_read_and_exported(tmp_path):
    db = new_db(tmp_path)
    ok(db, "done", "stick")
    db.chmod(0o444)
    before = dump(db)
    assert ok(db, "today", "--json").json["done"] == 1
    for command in (["streaks"], ["calendar"], ["habit", "list"], ["nag"], ["settings"], ["check"]):
        ok(db, *command)
    ok(db, "export", "-o", tmp_path / "out.json")
    ok(db, "backup", tmp_path / "b.db")
    assert_error(run(db, "done", "plank"), contains="read-only")
    assert_error(run(db, "settings", "snooze_budget", "3"), contains="read-only")
    assert dump(db) == before


def test_a_full_disk_says_so(small_disk):
    db = new_db(small_disk)
    # The write-ahead log of a fresh file still has to grow: fill what is left.
    fill(small_disk)
    ran = run(db, "done", "stick")
    line = assert_error(ran, contains="no space left")
    assert "damaged" not in line
    (small_disk / "filler").unlink()
    assert integrity(db) == "ok" and rows(db, "checkins") == []


def test_an_export_on_a_full_disk_keeps_the_old_file(small_disk, tmp_path):
    db = tmp_path / "rehab.db"
    with_history(db, 600)
    target = small_disk / "rehab.json"
    target.write_text("last week's export\n")
    fill(small_disk)
    assert_error(run(db, "export", "-o", target, "--force"), contains="no space left")
    assert target.read_text() == "last week's export\n"
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "rehab.json"]
