"""`rehab nag` at prompt speed (docs/architecture.md, "The nag table"): the line and its fast path.

A shell prompt runs `rehab nag` every time it is drawn, so the usual case is
answered here with the standard library alone: the store's gate keeps a small
`nag` table (one row per day: what is left if that day is today), written in
the same transaction as every write, and this module reads today's row with
`sqlite3`. Anything unusual (other options, no row for today, a row of another
version, a missing or damaged file, a bad setting) goes the full way, through
click and the store, which answers and refreshes the table.

Imports here: the standard library only (no click, sqlite-utils, dateutil or
Textual, and nothing else of rehab_tui's but its version); tests/test_nag.py and
the import contracts in pyproject.toml check it. The store imports STAMP and
`clean` from here to fill the table; the entry point (rehab_tui/entry.py) calls
`fast_line`.
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime, timedelta

from . import __version__

#: What a row was computed by; a row of another version is not trusted.
#: (/2: the names are capped by names_text.)
STAMP = f"{__version__}/2"
#: A prompt is one line: the names of what is left fill at most this many
#: characters, and the rest are counted ("… and 12 more").
NAMES_WIDTH = 100
#: The fields `--format` knows.
FIELDS = ("left", "total", "done", "names")
DEFAULT_FORMAT = "rehab: {left} left today: {names}"
#: The day_start_hour setting's range and default, copied from the table in
#: domain/settings.py (which this module may not import); tests/test_nag.py
#: checks the copies agree.
DAY_START_HOURS = range(0, 13)
DAY_START_HOUR_DEFAULT = "0"
#: Years a --today may name (dates.MIN_YEAR, dates.MAX_YEAR).
YEARS = range(1900, 3000)


class Fallback(Exception):
    """Not for the fast path: the full command answers."""


def format_problem(fmt: str) -> str | None:
    """Why `fmt` cannot be a nag format, or None when it can."""
    # What string.Formatter.parse uses, without importing `re`. A private CPython
    # module with no stubs in typeshed; formatter_parser's use below is checked by tests.
    import _string  # type: ignore[import-not-found]

    try:
        for _literal, field, spec, _conversion in _string.formatter_parser(fmt):
            if field is None:
                continue
            if field not in FIELDS:
                return f"unknown field {{{field}}} in --format; use {', '.join('{' + f + '}' for f in FIELDS)}"
            if spec and "{" in spec:
                return "--format takes no nested fields"
    except ValueError as exc:
        return f"--format is not a format: {exc}"
    return None


def nag_line(left: int, total: int, done: int, names: str, rest_day: bool, fmt: str | None = None) -> str | None:
    """The line to print, or None: nothing when the day rests or nothing is left.
    Raises ValueError for a format that does not fit its values ({names:d})."""
    if rest_day or not left:
        return None
    text = (DEFAULT_FORMAT if fmt is None else fmt).format(left=left, total=total, done=done, names=names)
    text = clean(text)
    return text or None


def names_text(names: list[str]) -> str:
    """The names of what is left as the line says them: cleaned, joined, and
    cut at a whole name once they pass NAMES_WIDTH, the rest counted."""
    shown: list[str] = []
    width = 0
    for n, name in enumerate(names):
        name = clean(name)
        more = f" and {len(names) - n:,} more"
        # Room for this name, and for the count of those after it if any.
        after = len(f" and {len(names) - n - 1:,} more") if n + 1 < len(names) else 0
        if shown and width + 2 + len(name) + after > NAMES_WIDTH:
            return ", ".join(shown) + more
        shown.append(name)
        width += len(name) + (2 if n else 0)
    return ", ".join(shown)


def clean(text: str) -> str:
    """As output.terminal_text: control characters dropped (rules.is_control)."""
    if text.isprintable():
        return text
    import unicodedata

    return "".join(
        ch for ch in text if not (unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in "\u200d\u200c")
    )


def logical_today(now: datetime, day_start_hour: int) -> date:
    """As dates.logical_today, without dateutil."""
    return now.date() - timedelta(days=1) if now.hour < day_start_hour else now.date()


def default_db_path() -> str:
    """store.default_db_path() for the plain Linux cases platformdirs covers;
    anything else goes the full way."""
    if sys.platform != "linux":
        raise Fallback
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if xdg.startswith("/"):
        return os.path.join(xdg, "rehab-tui", "rehab.db")
    home = os.environ.get("HOME")
    if not home or not home.startswith("/"):
        raise Fallback
    return os.path.join(home, ".local", "share", "rehab-tui", "rehab.db")


def _parse_args(args: list[str]) -> tuple[str | None, str | None, str | None]:
    """(--db, --today, --format) from `[global options] nag [--format F]`, or Fallback."""
    found: dict[str, str] = {}
    command_seen = False
    i = 0
    while i < len(args):
        arg = args[i]
        if not command_seen and arg == "nag":
            command_seen = True
            i += 1
            continue
        name, eq, value = arg.partition("=")
        allowed = ("--format",) if command_seen else ("--db", "--today")
        if name not in allowed or name in found:
            raise Fallback
        if not eq:
            if i + 1 >= len(args):
                raise Fallback
            value = args[i + 1]
            i += 1
        found[name] = value
        i += 1
    if not command_seen:
        raise Fallback
    return found.get("--db"), found.get("--today"), found.get("--format")


def _parse_today(text: str) -> date:
    """As dates.parse_iso, for the plain form only."""
    if (
        len(text) != 10
        or not text.isascii()
        or text[4] != "-"
        or text[7] != "-"
        or not (text[:4] + text[5:7] + text[8:]).isdigit()
    ):
        raise Fallback
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise Fallback from None
    if day.year not in YEARS:
        raise Fallback
    return day


def fast_line(args: list[str], environ: dict[str, str] | None = None, now: datetime | None = None) -> str | None:
    """What `rehab ARGS` prints for a nag, read from the nag table; Fallback
    when that cannot be answered here."""
    import sqlite3
    import stat

    env = os.environ if environ is None else environ
    db_opt, today_opt, fmt = _parse_args(args)
    # An option given wins. A blank --db or REHAB_DB is refused by the full
    # command (cli/session.py, check_db_choice), so it is not answered here.
    db_text = db_opt if db_opt is not None else env.get("REHAB_DB")
    today_text = today_opt if today_opt is not None else (env.get("REHAB_TODAY") or None)
    if (db_text is not None and not db_text.strip()) or today_text == "":
        raise Fallback
    if fmt is not None and format_problem(fmt):
        raise Fallback
    if db_text is None:
        path = default_db_path()
    elif db_text == ":memory:" or db_text.startswith("file:"):
        raise Fallback
    else:
        path = os.path.abspath(os.path.expanduser(db_text))
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise Fallback
    except OSError:
        raise Fallback from None
    uri = "file:" + path.replace("%", "%25").replace("?", "%3f").replace("#", "%23") + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=2.0)
    except sqlite3.Error:
        raise Fallback from None
    try:
        if today_text is not None:
            today = _parse_today(today_text)
        else:
            row = conn.execute("SELECT value FROM settings WHERE key = 'day_start_hour'").fetchone()
            text = DAY_START_HOUR_DEFAULT if row is None else row[0]
            if (
                not (isinstance(text, str) and text.isascii() and text.isdigit() and len(text) <= 2)
                or int(text) not in DAY_START_HOURS
            ):
                raise Fallback
            today = logical_today(now or datetime.now(), int(text))
        row = conn.execute(
            "SELECT pending, total, done, names, rest_day FROM nag WHERE day = ? AND stamp = ?",
            [today.isoformat(), STAMP],
        ).fetchone()
    except sqlite3.Error:
        raise Fallback from None
    finally:
        conn.close()
    if row is None:
        raise Fallback
    left, total, done, names, rest_day = row
    try:
        return nag_line(left, total, done, names, bool(rest_day), fmt)
    except (ValueError, TypeError):
        raise Fallback from None
