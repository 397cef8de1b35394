"""What `rehab remind install` writes: a systemd user timer and service, or a
crontab line, that run `rehab remind run` every few minutes.

The command holds paths (Python's, the database's) that nobody checked for
this use, and a path may hold any byte but NUL. A line break in one would end
the crontab line or the unit's ExecStart= line and start another that cron or
systemd runs: so a path with a control character is refused (check_command),
each word is quoted by the rules of the file it goes in (the shell's, and
cron's %, for a crontab line; systemd's own for ExecStart=), every file and
line written carries a marker that uninstall looks for and removes alone, and
what was written is verified before install says it worked.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from .domain.errors import InvalidInput
from .domain.rules import escaped, is_control

UNIT = "rehab-remind"
SERVICE = f"{UNIT}.service"
TIMER = f"{UNIT}.timer"
#: Ends the crontab line we write, so uninstall finds it (and only it).
CRON_MARKER = "# rehab-tui reminders (rehab remind install)"
#: The first line of each unit file we write: uninstall removes no other file.
UNIT_MARKER = "# Written by `rehab remind install`; `rehab remind uninstall` removes it."
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


def check_command(command: Sequence[str], names: Sequence[str]) -> None:
    """Refuse a command any word of which holds a control character (a line
    break ends a crontab or unit line and starts one of the path's choosing).
    `names` says what each word is, for the error line."""
    for word, name in zip(command, names, strict=True):
        if bad := next((ch for ch in word if is_control(ch)), None):
            raise InvalidInput(
                f"{name} {escaped(word)} holds a control character ({escaped(bad)}), which a timer line "
                "cannot carry safely; nothing written (move it to a path without one)"
            )


def _systemd_word(word: str) -> str:
    """One word of an ExecStart= line, by systemd's rules (systemd.service,
    "Command lines"; systemd.unit, "Specifiers"): % (a specifier) and $ (a
    variable) doubled, then double-quoted with C-style escapes when it holds
    anything but plain characters."""
    word = word.replace("%", "%%").replace("$", "$$")
    if re.fullmatch(r"[A-Za-z0-9_./:@+,=%$-]+", word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def service_text(command: Sequence[str]) -> str:
    return (
        f"{UNIT_MARKER}\n"
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
        f"{UNIT_MARKER}\n"
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


def _is_ours(line: str) -> bool:
    return line.rstrip().endswith(CRON_MARKER)


def without_ours(crontab: str) -> str:
    """The crontab with the line we wrote taken out, every other byte as it was."""
    return "".join(line for line in crontab.splitlines(keepends=True) if not _is_ours(line))


def with_ours(crontab: str, line: str) -> str:
    """The crontab with our line (replacing an earlier one) at its end."""
    kept = without_ours(crontab)
    if kept and not kept.endswith("\n"):
        kept += "\n"
    return f"{kept}{line}\n"


def ours(crontab: str) -> list[str]:
    return [line for line in crontab.splitlines() if _is_ours(line)]


def unit_is_ours(path: Path) -> bool:
    """Whether a unit file there is one install wrote (a user's own file of
    that name is never removed)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as file:
            return file.readline().rstrip("\n") == UNIT_MARKER
    except OSError:
        return False


def verify_units(paths: Sequence[Path]) -> str | None:
    """What `systemd-analyze verify` finds wrong with the units, or None (also
    when it is not installed: then there is nothing to ask)."""
    if shutil.which("systemd-analyze") is None:
        return None
    try:
        done = subprocess.run(
            ["systemd-analyze", "verify", *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=TOOL_TIMEOUT_S * 4,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    return None if done.returncode == 0 else (" ".join(done.stderr.split()) or f"exit status {done.returncode}")
