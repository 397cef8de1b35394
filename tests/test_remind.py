"""`rehab remind` (issue #14, docs/architecture.md, "Reminders"): reminders that say what is left of
the day, through apprise to a local HTTP server (json://), or notify-send."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from cli_helpers import TODAY, assert_error, dump, new_db, ok, rows, run

SUNDAY = "2026-11-22"
LEFT = "3 left today: Stick rolling, Lacrosse ball glute release, Plank hip dips"


class Recorder(BaseHTTPRequestHandler):
    """Keeps every POST's JSON body on the server."""

    timeout = 5  # a stuck client never holds the thread for long

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.posts.append(json.loads(body))  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = HTTPServer(("127.0.0.1", 0), Recorder)
    httpd.posts = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
        assert not thread.is_alive()


def url(httpd: HTTPServer) -> str:
    return f"json://127.0.0.1:{httpd.server_address[1]}/"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


def remind_run(db: Path, now: str = "19:45", today: str = TODAY, **env: str):
    ran = run(db, "remind", "run", "--now", now, today=today, env=env or None)
    assert ran.code == 0, ran.err
    assert "Traceback" not in ran.err
    return ran


def messages(httpd: HTTPServer) -> list[str]:
    return [post["message"] for post in httpd.posts]  # type: ignore[attr-defined]


# ------------------------------------------------------------ run


def test_one_post_while_the_routine_is_unfinished(db: Path, server) -> None:
    ok(db, "remind", "add", "19:30", "--to", url(server))
    ran = remind_run(db)
    assert messages(server) == [LEFT]
    assert server.posts[0]["title"] == "rehab"
    # The same words `nag` says for the prompt.
    assert ok(db, "nag").lines == [f"rehab: {LEFT}"]
    assert LEFT in ran.out
    assert rows(db, "reminders")[0]["last_sent"] == TODAY


def test_nothing_before_its_time(db: Path, server) -> None:
    ok(db, "remind", "add", "19:30", "--to", url(server))
    assert remind_run(db, now="19:29").out == ""
    assert messages(server) == []
    assert rows(db, "reminders")[0]["last_sent"] is None


def test_says_what_is_left(db: Path, server) -> None:
    ok(db, "done", "stick", "lacrosse")
    ok(db, "remind", "add", "19:30", "--to", url(server))
    remind_run(db)
    assert messages(server) == ["1 left today: Plank hip dips"]


def test_nothing_when_done(db: Path, server) -> None:
    ok(db, "remind", "add", "19:30", "--to", url(server))
    ok(db, "done", "stick", "lacrosse", "plank")
    assert remind_run(db).out == ""
    assert messages(server) == []
    assert rows(db, "reminders")[0]["last_sent"] is None


def test_nothing_when_snoozed(db: Path, server) -> None:
    ok(db, "remind", "add", "19:30", "--to", url(server))
    ok(db, "snooze")
    remind_run(db)
    assert messages(server) == []


def test_nothing_when_every_remaining_habit_is_paused(db: Path, server) -> None:
    ok(db, "remind", "add", "19:30", "--to", url(server))
    ok(db, "done", "stick")
    for habit in ("lacrosse", "plank"):
        ok(db, "pause", habit, "--until", "2026-11-30")
    remind_run(db)
    assert messages(server) == []


def test_once_a_day_and_again_the_next_day(db: Path, server) -> None:
    ok(db, "remind", "add", "19:30", "--to", url(server))
    remind_run(db, now="19:30")
    remind_run(db, now="19:35")
    remind_run(db, now="23:59")
    assert messages(server) == [LEFT]
    remind_run(db, now="19:31", today=SUNDAY)
    remind_run(db, now="20:00", today=SUNDAY)
    assert len(server.posts) == 2
    assert rows(db, "reminders")[0]["last_sent"] == SUNDAY


def test_only_on_its_days(db: Path, server) -> None:
    ok(db, "remind", "add", "19:30", "--days", "mon-fri", "--to", url(server))
    remind_run(db)  # a Saturday
    assert messages(server) == []
    remind_run(db, today="2026-11-23")  # Monday
    assert len(server.posts) == 1


def test_each_reminder_once(db: Path, server) -> None:
    ok(db, "remind", "add", "08:00", "--to", url(server))
    ok(db, "remind", "add", "19:30", "--to", url(server))
    remind_run(db, now="12:00")
    assert len(server.posts) == 1
    remind_run(db, now="19:30")
    remind_run(db, now="19:40")
    assert len(server.posts) == 2


def test_now_from_the_environment(db: Path, server) -> None:
    ok(db, "remind", "add", "19:30", "--to", url(server))
    ran = run(db, "remind", "run", env={"REHAB_NOW": f"{TODAY}T19:00"})
    assert ran.code == 0 and messages(server) == []
    ran = run(db, "remind", "run", env={"REHAB_NOW": f"{TODAY}T19:30"})
    assert ran.code == 0 and messages(server) == [LEFT]


def test_a_day_starting_at_three_keeps_a_late_reminder_on_its_day(db: Path, server) -> None:
    ok(db, "settings", "day_start_hour", "3")
    ok(db, "remind", "add", "01:00", "--to", url(server))
    # 20:00 on Saturday: 01:00 of this logical day is still to come (it ends at 03:00 Sunday).
    run(db, "remind", "run", today=None, env={"REHAB_NOW": f"{TODAY}T20:00"})
    assert messages(server) == []
    run(db, "remind", "run", today=None, env={"REHAB_NOW": f"{SUNDAY}T01:10"})
    assert messages(server) == [LEFT]
    assert rows(db, "reminders")[0]["last_sent"] == TODAY


# ------------------------------------------------------------ failures


def test_a_failing_target_is_recorded_and_the_run_exits_0(db: Path, server) -> None:
    ok(db, "remind", "add", "19:30", "--to", f"json://127.0.0.1:{closed_port()}/")
    ok(db, "remind", "add", "19:30", "--to", url(server))
    ran = remind_run(db)
    # The failing one does not stop the other.
    assert messages(server) == [LEFT]
    errors = [line for line in ran.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "reminder #1" in errors[0]
    first, second = rows(db, "reminders")
    assert first["last_error"] and first["last_error_at"]
    # Nothing reached it, so a later run that day tries again.
    assert first["last_sent"] is None and second["last_sent"] == TODAY
    listed = ok(db, "remind", "list").lines
    assert listed[0].startswith("#1  19:30  every day  → json://127.0.0.1:")
    assert listed[1].strip().startswith("last error (")
    assert "last sent 2026-11-21" in listed[2]
    ran = remind_run(db, now="19:50")
    assert "reminder #1" in ran.err and len(server.posts) == 1


def test_claim_once_a_day_and_a_failure_gives_the_day_back(db: Path) -> None:
    from datetime import date

    from rehab_tui.store import Store

    day = date(2026, 11, 21)
    store = Store.open(db, day)
    try:
        added = store.add_reminder("19:30", "sat,sun", "ntfy://topic")
        claimed = store.claim_reminder(added.id, day)
        assert claimed is not None and claimed.last_sent is None
        assert store.claim_reminder(added.id, day) is None  # at most once a day
        failed = store.reminder_outcome(claimed, day, "no\nroute\x1b[31m", "2026-11-21T19:30:00")
        assert failed.last_sent is None and failed.last_error == "no route[31m"
        again = store.claim_reminder(added.id, day)
        assert again is not None
        sent = store.reminder_outcome(again, day, None, "2026-11-21T19:35:00")
        assert sent.last_sent == day and sent.last_error is None
    finally:
        store.close()


# ------------------------------------------------------------ desktop


def fake_notify_send(folder: Path) -> Path:
    log = folder / "notified.txt"
    script = folder / "notify-send"
    script.write_text(f'#!/bin/sh\nprintf "%s|" "$@" >> "{log}"\necho >> "{log}"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return log


def test_desktop_through_notify_send(db: Path, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = fake_notify_send(bin_dir)
    ok(db, "remind", "add", "19:30")
    remind_run(db, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    assert log.read_text().splitlines() == [f"--app-name=rehab|rehab|{LEFT}|"]
    assert rows(db, "reminders")[0]["last_error"] is None


def test_no_notify_send_is_no_crash(db: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    ok(db, "remind", "add", "19:30")
    ran = remind_run(db, PATH=str(empty))
    assert "notify-send is not installed" in ran.err
    assert "notify-send" in rows(db, "reminders")[0]["last_error"]


# ------------------------------------------------------------ add, list, remove


def test_add_list_remove(db: Path) -> None:
    assert "no reminders" in ok(db, "remind", "list").out
    assert ok(db, "remind", "add", "7:05", "--days", "weekdays").lines[0] == "+ reminder #1  07:05  mon-fri  → desktop"
    ok(db, "remind", "add", "19:30", "--days", "sat,sun", "--to", "ntfy://my-rehab-topic")
    ok(db, "remind", "add", "12:00", "--days", "Mon,Wed,Fri")
    assert ok(db, "remind", "list").lines == [
        "#1  07:05  mon-fri  → desktop",
        "#2  19:30  sat,sun  → ntfy://my-rehab-topic",
        "#3  12:00  mon,wed,fri  → desktop",
    ]
    assert rows(db, "reminders")[0]["days"] == "mon,tue,wed,thu,fri"
    assert ok(db, "remind", "remove", "2").lines == ["- reminder #2  19:30  sat,sun  → ntfy://my-rehab-topic removed"]
    assert [r["id"] for r in rows(db, "reminders")] == [1, 3]
    assert_error(run(db, "remind", "remove", "2"), contains="no reminder #2")


@pytest.mark.parametrize(
    "args, says",
    [
        (("24:00",), "not a time of day"),
        (("19:3",), "not a time of day"),
        (("noon",), "not a time of day"),
        (("19:30", "--days", "mon-funday"), "not a set of days"),
        (("19:30", "--days", ""), "not a set of days"),
        (("19:30", "--to", "ntfy://a\nb"), "line breaks"),
        (("19:30", "--to", "my-topic"), "not a notification URL"),
        (("19:30", "--to", "ntfy://a b"), "spaces"),
        (("19:30", "--to", "ntfy://" + "x" * 2000), "at most 2000"),
    ],
)
def test_rules_refuse_and_write_nothing(db: Path, args: tuple[str, ...], says: str) -> None:
    before = dump(db)
    assert_error(run(db, "remind", "add", *args), contains=says)
    assert dump(db) == before


def test_list_works_on_a_read_only_database(db: Path) -> None:
    ok(db, "remind", "add", "19:30")
    db.chmod(0o444)
    try:
        assert ok(db, "remind", "list").lines == ["#1  19:30  every day  → desktop"]
    finally:
        db.chmod(0o644)


# ------------------------------------------------------------ install


def test_install_writes_systemd_units_and_uninstall_removes_them(db: Path, tmp_path: Path) -> None:
    units = tmp_path / "units"
    shown = ok(db, "remind", "install", "--yes", "--unit-dir", units, "--every", "10")
    service, timer = units / "rehab-remind.service", units / "rehab-remind.timer"
    service_text, timer_text = service.read_text(), timer.read_text()
    # What was written was shown first.
    for line in (service_text + timer_text).splitlines():
        assert line in shown.lines
    assert "Type=oneshot" in service_text.splitlines()
    assert f"ExecStart={sys.executable} -m rehab_tui --db {db} remind run" in service_text.splitlines()
    assert "OnCalendar=*:00/10" in timer_text.splitlines()
    assert "Persistent=true" in timer_text.splitlines()
    assert "WantedBy=timers.target" in timer_text.splitlines()
    assert stat.S_IMODE(service.stat().st_mode) == 0o600
    if shutil.which("systemd-analyze"):
        verified = subprocess.run(
            ["systemd-analyze", "verify", str(service), str(timer)], capture_output=True, text=True, timeout=60
        )
        assert verified.returncode == 0, verified.stderr
    ok(db, "remind", "uninstall", "--yes", "--unit-dir", units)
    assert list(units.iterdir()) == []
    assert "nothing to remove" in ok(db, "remind", "uninstall", "--yes", "--unit-dir", units).out


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_units_for_an_awkward_path_verify(tmp_path: Path) -> None:
    folder = tmp_path / "my data 100%"
    folder.mkdir()
    db = new_db(folder)
    units = tmp_path / "units"
    ok(db, "remind", "install", "--yes", "--unit-dir", units)
    text = (units / "rehab-remind.service").read_text()
    assert f'--db "{str(db).replace("%", "%%")}"' in text
    verified = subprocess.run(
        ["systemd-analyze", "verify", *map(str, sorted(units.iterdir()))], capture_output=True, text=True, timeout=60
    )
    assert verified.returncode == 0, verified.stderr


def test_install_asks_first(db: Path, tmp_path: Path) -> None:
    units = tmp_path / "units"
    ran = run(db, "remind", "install", "--unit-dir", units)  # no answer on stdin
    assert ran.code == 1 and "not confirmed; nothing written" in ran.err
    assert "ExecStart=" in ran.out
    assert not units.exists()
    from click.testing import CliRunner

    from rehab_tui.cli.main import cli

    said_no = CliRunner().invoke(cli, ["--db", str(db), "remind", "install", "--unit-dir", str(units)], input="n\n")
    assert said_no.exit_code == 1 and not units.exists()
    said_yes = CliRunner().invoke(cli, ["--db", str(db), "remind", "install", "--unit-dir", str(units)], input="y\n")
    assert said_yes.exit_code == 0 and (units / "rehab-remind.timer").exists()


def test_unit_dir_from_the_environment(db: Path, tmp_path: Path) -> None:
    units = tmp_path / "env-units"
    ok_env = run(db, "remind", "install", "--yes", env={"REHAB_SYSTEMD_USER_DIR": str(units)})
    assert ok_env.code == 0, ok_env.err
    assert (units / "rehab-remind.service").exists()


def test_crontab_line_kept_apart_from_the_others(db: Path, tmp_path: Path) -> None:
    crontab = tmp_path / "crontab"
    crontab.write_text("MAILTO=me\n0 3 * * * backup-things\n")
    shown = ok(db, "remind", "install", "--yes", "--via", "cron", "--crontab-file", crontab)
    lines = crontab.read_text().splitlines()
    assert lines[:2] == ["MAILTO=me", "0 3 * * * backup-things"]
    assert lines[2] == (
        f"*/5 * * * * {sys.executable} -m rehab_tui --db {db} remind run # rehab-tui reminders (rehab remind install)"
    )
    assert lines[2] in shown.lines
    # Installing again replaces the line rather than adding a second.
    ok(db, "remind", "install", "--yes", "--via", "cron", "--every", "15", "--crontab-file", crontab)
    lines = crontab.read_text().splitlines()
    assert len(lines) == 3 and lines[2].startswith("*/15 * * * * ")
    ok(db, "remind", "uninstall", "--yes", "--via", "cron", "--crontab-file", crontab)
    assert crontab.read_text().splitlines() == ["MAILTO=me", "0 3 * * * backup-things"]


def test_check_reads_reminder_rows(db: Path) -> None:
    import sqlite3
    from contextlib import closing

    ok(db, "remind", "add", "19:30", "--to", "ntfy://topic")
    ok(db, "remind", "add", "08:00")
    assert ok(db, "check").out.strip().endswith(": ok")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE reminders SET at = '25:61', days = 'someday' WHERE id = 2")
    ran = run(db, "check")
    assert ran.code == 1
    assert "reminders row 2, at:" in ran.out + ran.err
    assert "reminders row 2, days:" in ran.out + ran.err
    # Reading it is one error line with the fix; the run never crashes.
    assert_error(run(db, "remind", "list"), contains="rehab remind remove 2")
    assert_error(run(db, "remind", "run", "--now", "20:00"), contains="rehab remind remove 2")
    ok(db, "remind", "remove", "2")
    assert ok(db, "remind", "list").lines == ["#1  19:30  every day  → ntfy://topic"]
    assert ok(db, "check").out.strip().endswith(": ok")
