"""`rehab backup PATH`: a consistent copy, safe while another process writes (docs/architecture.md, "Backups")."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from rehab_tui.cli.main import cli
from rehab_tui.store import Store

TODAY = date(2026, 11, 21)
BACKUPS = 5

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date, timedelta
    from pathlib import Path
    from rehab_tui.store import Store

    path, stop = sys.argv[1], Path(sys.argv[2])
    today = date(2026, 11, 21)
    store = Store.open(path, today - timedelta(days=20000))  # its habits start before any day it ticks
    n = 0
    while not stop.exists() and n < 20000:
        day = today - timedelta(days=n)
        store.check_in([1, 2], day, today)
        print(day.isoformat(), flush=True)  # only once committed
        n += 1
    store.close()
    """
)


class Writer:
    """A process checking in day after day; `committed` grows as it reports commits."""

    def __init__(self, tmp_path: Path, db: Path) -> None:
        script = tmp_path / "writer.py"
        script.write_text(WRITER)
        self.stop = tmp_path / "stop"
        self.proc = subprocess.Popen(
            [sys.executable, str(script), str(db), str(self.stop)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.committed: list[str] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            with self._lock:
                self.committed.append(line.strip())

    def snapshot(self) -> set[str]:
        with self._lock:
            return set(self.committed)

    def wait_for(self, count: int, timeout: float = 60) -> None:
        until = time.monotonic() + timeout
        while len(self.snapshot()) < count:
            assert self.proc.poll() is None, self.proc.stderr.read()
            assert time.monotonic() < until, "the writer made no progress"
            time.sleep(0.01)

    def finish(self) -> str:
        self.stop.touch()
        _, err = self.proc.communicate(timeout=60)
        self._thread.join(timeout=10)
        assert self.proc.returncode == 0, err
        return err


def backup_days(path: Path) -> dict[int, set[str]]:
    with closing(sqlite3.connect(path)) as conn:
        found: dict[int, set[str]] = {1: set(), 2: set()}
        for habit_id, day in conn.execute("SELECT habit_id, day FROM checkins"):
            found.setdefault(habit_id, set()).add(day)
        return found


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def rehab(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "--today", TODAY.isoformat(), *args])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "rehab.db"
    # The habits start before any day the writer ticks: a check-in before a
    # habit's start is refused, and the start never moves by itself.
    Store.open(path, TODAY - timedelta(days=20000)).close()
    return path


def test_backups_while_another_process_writes(tmp_path: Path, db: Path) -> None:
    writer = Writer(tmp_path, db)
    taken = []
    try:
        for n in range(BACKUPS):
            writer.wait_for(40 * (n + 1))
            before = writer.snapshot()
            dest = tmp_path / "backups" / f"copy-{n}.db"
            dest.parent.mkdir(exist_ok=True)
            run = subprocess.run(
                [sys.executable, "-m", "rehab_tui", "--db", str(db), "--today", TODAY.isoformat(), "backup", str(dest)],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert run.returncode == 0, run.stderr
            assert "locked" not in run.stderr
            taken.append((dest, before))
        during = len(writer.snapshot())
        writer.wait_for(during + 20)  # it kept writing through the backups
    finally:
        writer.finish()

    for dest, before in taken:
        assert integrity(dest) == "ok"
        days = backup_days(dest)
        assert before <= days[1], f"{dest.name} lacks {sorted(before - days[1])[:5]}"
        # A transaction is all or nothing in the copy too: both habits, same days.
        assert days[1] == days[2]
        assert not list(dest.parent.glob(".*.partial"))

    # Each copy is a rehab database in its own right.
    last = taken[-1][0]
    listing = rehab(last, "today", "--json")
    assert listing.exit_code == 0, listing.stderr
    store = Store.open(last, TODAY)
    try:
        assert {d.isoformat() for d in store.journal().log(1).done} >= taken[-1][1]
    finally:
        store.close()
    # The copies grow with the history they were taken from.
    sizes = [len(backup_days(dest)[1]) for dest, _ in taken]
    assert sizes == sorted(sizes)


def test_backup_to_an_existing_file_is_refused(tmp_path: Path, db: Path) -> None:
    dest = tmp_path / "precious.db"
    dest.write_bytes(b"an earlier backup the user wants to keep")
    before = sorted(p.name for p in tmp_path.iterdir())

    result = rehab(db, "backup", str(dest))

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    assert "already exists" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert dest.read_bytes() == b"an earlier backup the user wants to keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_backup_over_an_earlier_backup_is_refused(tmp_path: Path, db: Path) -> None:
    dest = tmp_path / "copy.db"
    assert rehab(db, "backup", str(dest)).exit_code == 0
    kept = digest(dest)
    assert rehab(db, "done", "stick").exit_code == 0

    again = rehab(db, "backup", str(dest))

    assert again.exit_code == 1
    assert again.stderr.startswith("error: ")
    assert digest(dest) == kept
    assert "2026-11-21" not in backup_days(dest)[1]


def test_backup_into_a_missing_folder_is_refused(tmp_path: Path, db: Path) -> None:
    dest = tmp_path / "no-such-folder" / "copy.db"
    result = rehab(db, "backup", str(dest))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    assert not dest.parent.exists()


def test_backup_without_a_path_goes_beside_the_database(tmp_path: Path, db: Path) -> None:
    assert rehab(db, "done", "stick").exit_code == 0
    result = rehab(db, "backup")
    assert result.exit_code == 0, result.stderr
    copies = list(tmp_path.glob("rehab-backup-*.db"))
    assert len(copies) == 1
    assert str(copies[0]) in result.output
    assert integrity(copies[0]) == "ok"
    assert "2026-11-21" in backup_days(copies[0])[1]
