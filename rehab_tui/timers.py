"""What `rehab remind install` writes: a systemd user timer and service, or a
crontab line, that run `rehab remind run` every few minutes."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

UNIT = "rehab-remind"
SERVICE = f"{UNIT}.service"
TIMER = f"{UNIT}.timer"
#: Ends the crontab line we write, so uninstall finds it (and only it).
CRON_MARKER = "# rehab-tui reminders (rehab remind install)"
#: systemctl and crontab answer fast; a hung user bus must not hang install.
TOOL_TIMEOUT_S = 15


def default_unit_dir() -> Path:
    """~/.config/systemd/user (or under $XDG_CONFIG_HOME): where user units go."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def systemd_user_works() -> bool:
    """Whether `systemctl --user` reaches a running user manager."""
    if shutil.which("systemctl") is None:
        return False
    try:
        done = subprocess.run(
            ["systemctl", "--user", "show-environment"],
            capture_output=True,
            timeout=TOOL_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _systemd_word(word: str) -> str:
    """One word of an ExecStart= line: % and $ escaped, quoted when it needs it."""
    word = word.replace("%", "%%").replace("$", "$$")
    if re.fullmatch(r"[A-Za-z0-9_./:@+,=%$-]+", word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def service_text(command: Sequence[str]) -> str:
    return (
        "[Unit]\n"
        "Description=rehab-tui reminders: say what is left of today's routine\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={' '.join(_systemd_word(w) for w in command)}\n"
    )


def timer_text(every: int) -> str:
    calendar = "*:00" if every >= 60 else f"*:00/{every}"
    return (
        "[Unit]\n"
        f"Description=Run rehab-tui reminders every {every} minutes\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar={calendar}\n"
        # A run missed while the machine slept happens when it wakes.
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def unit_files(folder: Path, command: Sequence[str], every: int) -> dict[Path, str]:
    return {folder / SERVICE: service_text(command), folder / TIMER: timer_text(every)}


def cron_line(command: Sequence[str], every: int) -> str:
    minute = "0" if every >= 60 else f"*/{every}"
    # In a crontab line an unescaped % ends the command.
    words = " ".join(shlex.quote(w) for w in command).replace("%", "\\%")
    return f"{minute} * * * * {words} {CRON_MARKER}"


def without_ours(crontab: str) -> list[str]:
    """The crontab's lines other than the one we wrote."""
    return [line for line in crontab.splitlines() if not line.rstrip().endswith(CRON_MARKER)]


def ours(crontab: str) -> list[str]:
    return [line for line in crontab.splitlines() if line.rstrip().endswith(CRON_MARKER)]
