"""Text from a hand-edited file never reaches the terminal raw (docs/architecture.md,
"Files rehab writes"; issue #23): an escape sequence written into a name with
sqlite3 once set the terminal's title and sent a clipboard write. The store
reads every text column as text, each control character as a visible
placeholder (rules.shown), so the app, its screens and the served page show
"␛]0;…" and send no sequence. The app runs here in a real pseudo-terminal and
every byte it writes is captured."""

from __future__ import annotations

import os
import pty
import select
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path

from cli_helpers import TODAY, new_db, ok

from rehab_tui.domain.rules import shown

#: A title change and a clipboard write (OSC 0 and OSC 52), each ended by BEL.
TITLE = "\x1b]0;PWNED-TITLE\x07"
CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"
HOSTILE = f"Stick{TITLE}rolling{CLIPBOARD}\x1b[2J\x9b31m\u202e"


def poisoned(tmp_path: Path) -> Path:
    """The example routine with the hostile text in every text column the app shows."""
    db = new_db(tmp_path)
    ok(db, "done", "stick", "--note", "knee felt hot")
    ok(db, "snooze", "--habit", "plank", "--reason", "sore", "--area", "left knee", "--pain", "4")
    ok(db, "pause", "acupuncture", "--from", "2026-11-23", "--until", "2026-11-27", "--reason", "away")
    ok(db, "pain", "3", "--area", "left hip", "--note", "after stairs")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            "UPDATE habits SET name = ? || name, cue = ?, intention = ?, min_dose = ?",
            [HOSTILE, HOSTILE, HOSTILE, HOSTILE],
        )
        conn.execute("UPDATE checkins SET note = ?", [HOSTILE])
        conn.execute("UPDATE snoozes SET reason = ?", [HOSTILE])
        conn.execute("UPDATE pauses SET reason = ?", [HOSTILE])
        conn.execute("UPDATE readings SET area = ? || area, note = ?", [HOSTILE, HOSTILE])
    return db


def run_in_a_terminal(db: Path, keys: list[str], size: tuple[int, int] = (100, 30)) -> bytes:
    """Every byte the app writes to a real terminal while `keys` are pressed."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app on the pty
        os.environ.update(
            {"TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1]), "REHAB_TODAY": TODAY}
        )
        os.environ.pop("REHAB_DB", None)
        os.execv(sys.executable, [sys.executable, "-m", "rehab_tui", "--db", str(db)])
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    written = bytearray()

    def read_for(seconds: float) -> None:
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    written.extend(os.read(fd, 65536))
                except OSError:
                    return

    try:
        read_for(6)  # the first frame and the full history
        for key in keys:
            os.write(fd, key.encode())
            read_for(1.5)
        os.write(fd, b"q")
        read_for(2)
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
    return bytes(written)


def test_escape_sequences_in_every_text_column_never_reach_the_terminal(tmp_path: Path) -> None:
    db = poisoned(tmp_path)
    # The checklist and its detail, the habits screen, the body screen, progress,
    # the snoozed list and the pause form.
    keys = ["\x1b", "j", "h", "\x1b", "b", "\x1b", "v", "\x1b", "k", "p", "\x1b"]
    written = run_in_a_terminal(db, keys)
    assert len(written) > 10_000  # the app really drew its screens
    for sequence in (TITLE, CLIPBOARD, "\x1b]0;PWNED", "\x1b]52;", "\x9b31m", "\u202e"):
        assert sequence.encode() not in written, sequence
    # Shown as text instead: the placeholders are on the screen.
    assert shown("Stick\x1b]0;PWNED").encode() in written


def test_the_placeholders() -> None:
    assert shown(HOSTILE) == "Stick␛]0;PWNED-TITLE␇rolling␛]52;c;cm0gLXJmIH4=␇␛[2J�31m�"
    assert shown("Plank hip dips 👍‍") == "Plank hip dips 👍‍"  # a joiner is kept: emoji need it
