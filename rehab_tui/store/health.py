"""`rehab check`: is the file sound, and does every row keep the rules?

Rows are written through the store's one gate, but a file may come from an
older version, a hand edit in `sqlite-utils` or Datasette, or a restore. Each
table has one small function below that yields what is wrong with its rows;
ROW_CHECKS lists them, so a new table is one function and one line.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from ..domain.dates import parse_iso
from ..domain.errors import Damaged, RehabError, StorageError
from ..domain.prescription import Dose
from ..domain.reminders import days_stored
from ..domain.rules import (
    AREA,
    CUE,
    HOLD,
    MIN_DOSE,
    MIN_HOLD,
    MIN_SETS,
    MINUTES,
    NAME,
    NOTE,
    PAIN,
    REASON,
    REMINDER_ERROR,
    REPS,
    REST,
    SETS,
    WHEN,
    Range,
    TextField,
    check_reminder_days,
    check_reminder_target,
    check_reminder_time,
)
from ..domain.schedules import load_schedule
from ..domain.settings import validate
from . import files
from .dbfile import read_only_uri
from .failures import translated
from .schema import MIGRATION_SET, known_migrations

#: One table's check: the database in, a line per problem out.
RowCheck = Callable[[Database], Iterator[str]]


# ------------------------------------------------------------ field checks


def _date(value: object) -> date:
    if not isinstance(value, str):
        raise Damaged(f"{value!r} is not an ISO date")
    return parse_iso(value)


def _text(field: TextField, value: object, required: bool = False) -> None:
    if value is not None and not isinstance(value, str):
        raise Damaged(f"{field.what} must be text ({value!r} found)")
    cleaned = field.clean(value, required=required)
    if value and cleaned != value:
        raise Damaged(f"{field.what} has spaces around it or is not in normal form")


def _number(limit: Range, value: object) -> None:
    limit.check(value)  # type: ignore[arg-type]


def _problems(where: str, fix: str, checks: dict[str, Callable[[], object]]) -> Iterator[str]:
    """Run each field's check; a failure becomes one line naming the row, field and fix."""
    for field, check in checks.items():
        try:
            check()
        except (RehabError, ValueError, TypeError, OverflowError) as exc:
            yield f"{where}, {field}: {exc} (fix: {fix})"


# ------------------------------------------------------------ one function a table


def habits_rows(db: Database) -> Iterator[str]:
    for row in db.table("habits").rows:
        where = f"habits row {row['id']} ({row['name']!r})"
        fix = f"rehab habit edit {row['slug']} ..."
        yield from _problems(
            where,
            fix,
            {
                "name": lambda: _text(NAME, row["name"], required=True),
                "cue": lambda: _text(CUE, row["cue"]),
                "minutes": lambda: _number(MINUTES, row["minutes"]),
                "start": lambda: _date(row["start"]),
                "archived": lambda: row["archived"] is None or _date(row["archived"]),
                "intention": lambda: _text(WHEN, row["intention"]),
                "sets": lambda: _number(SETS, row["sets"]),
                "reps": lambda: _number(REPS, row["reps"]),
                "hold_s": lambda: _number(HOLD, row["hold_s"]),
                "rest_s": lambda: _number(REST, row["rest_s"]),
                "min_dose": lambda: _text(MIN_DOSE, row["min_dose"]),
                "min_sets": lambda: _number(MIN_SETS, row["min_sets"]),
                "min_hold_s": lambda: _number(MIN_HOLD, row["min_hold_s"]),
            },
        )


def schedules_rows(db: Database) -> Iterator[str]:
    for row in db.table("schedules").rows:
        fix = f"rehab habit edit HABIT --schedule daily --from {row['since']}"
        yield from _problems(
            f"schedules row (habit {row['habit_id']}, since {row['since']!r})",
            fix,
            {
                "since": lambda: _date(row["since"]),
                "anchor": lambda: _date(row["anchor"]),
                "rule": lambda: load_schedule(row["rule"], _date(row["anchor"])),
            },
        )


def checkins_rows(db: Database) -> Iterator[str]:
    for row in db.table("checkins").rows:
        yield from _problems(
            f"checkins row (habit {row['habit_id']}, {row['day']!r})",
            "rehab undo HABIT --date DAY",
            {
                "day": lambda: _date(row["day"]),
                "note": lambda: _text(NOTE, row["note"]),
                "dose": lambda: Dose(row["dose"]),
            },
        )


def snoozes_rows(db: Database) -> Iterator[str]:
    for row in db.table("snoozes").rows:
        yield from _problems(
            f"snoozes row {row['id']} ({row['day']!r})",
            "rehab unsnooze --date DAY",
            {
                "day": lambda: _date(row["day"]),
                "reason": lambda: _text(REASON, row["reason"], required=True),
            },
        )


def readings_rows(db: Database) -> Iterator[str]:
    for row in db.table("readings").rows:
        fix = f"rehab pain N --area AREA --date {row['day']}"
        yield from _problems(
            f"readings row {row['id']} ({row['day']!r}, {row['area']!r})",
            fix,
            {
                "day": lambda: _date(row["day"]),
                "area": lambda: _text(AREA, row["area"], required=True),
                "pain": lambda: _pain(row),
                "note": lambda: _text(NOTE, row["note"]),
            },
        )


def _pain(row: dict) -> None:
    # Only a snooze may name an area without a number.
    if row["pain"] is None and row["snooze_id"] is None:
        raise Damaged("a reading needs a pain from 0 to 10")
    _number(PAIN, row["pain"])


def pauses_rows(db: Database) -> Iterator[str]:
    for row in db.table("pauses").rows:
        yield from _problems(
            f"pauses row {row['id']} (habit {row['habit_id']})",
            "rehab resume HABIT",
            {
                "start": lambda: _date(row["start"]),
                "until": lambda: _ends_after_start(row["start"], row["until"]),
                "reason": lambda: _text(REASON, row["reason"]),
            },
        )


def _ends_after_start(start: object, until: object) -> None:
    if _date(until) < _date(start):
        raise Damaged(f"the pause ends ({until}) before it starts ({start})")


def settings_rows(db: Database) -> Iterator[str]:
    for row in db.table("settings").rows:
        yield from _problems(
            f"settings row {row['key']!r}",
            f"rehab settings {row['key']} VALUE",
            {"value": lambda: validate(str(row["key"]), str(row["value"]))},
        )


def reminders_rows(db: Database) -> Iterator[str]:
    if "reminders" not in db.table_names():
        return
    for row in db.table("reminders").rows:
        yield from _problems(
            f"reminders row {row['id']}",
            f"rehab remind remove {row['id']} (and add it again)",
            {
                "at": lambda: _canonical(row["at"], check_reminder_time),
                "days": lambda: _canonical(row["days"], lambda v: days_stored(check_reminder_days(v))),
                "target": lambda: _canonical(row["target"], check_reminder_target, optional=True),
                "last_sent": lambda: row["last_sent"] is None or _date(row["last_sent"]),
                "last_error": lambda: _text(REMINDER_ERROR, row["last_error"]),
            },
        )


def _canonical(value: object, check: Callable[[str], object], optional: bool = False) -> None:
    """`value` is text that `check` gives back unchanged (or, when `optional`, None)."""
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise Damaged(f"{value!r} is not text")
    if check(value) != value:
        raise Damaged(f"{value!r} is not in the form rehab writes")


#: Every table's row check, run in this order. Add a table here.
ROW_CHECKS: list[RowCheck] = [
    habits_rows,
    schedules_rows,
    checkins_rows,
    snoozes_rows,
    readings_rows,
    pauses_rows,
    settings_rows,
    reminders_rows,
]


# ------------------------------------------------------------ the whole file


def check_database(db: Database, path: Path) -> list[str]:
    """Every problem of an open rehab database and the folder beside it; [] when healthy."""
    # A file damaged beyond what integrity_check reports fails the queries themselves.
    with translated(path):
        problems = [f"integrity: {line}" for line in _integrity(db.conn)]
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"{table} row {rowid} points to a {parent} row that does not exist")
        for check in ROW_CHECKS:
            problems.extend(check(db))
    for leftover in files.leftovers(path):
        problems.append(f"{leftover.name} is left over from an interrupted write; delete it")
    return problems


def _integrity(conn: sqlite3.Connection) -> list[str]:
    lines = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    return [] if lines == ["ok"] else lines


def check_backup(path: Path) -> None:
    """Refuse a file that is not a sound rehab database this version can open."""
    with closing(open_read_only(path)) as conn:
        try:
            damage = _integrity(conn)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            applied = set()
            if "_sqlite_migrations" in tables:
                applied = {
                    r[0]
                    for r in conn.execute(
                        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
                    )
                }
        except sqlite3.DatabaseError as exc:
            raise Damaged(f"{path} is damaged or not a rehab database ({exc})") from None
    if damage:
        raise Damaged(f"{path} is damaged ({damage[0]}); choose another backup")
    if not applied:
        raise Damaged(f"{path} is not a rehab database backup")
    newer = applied - known_migrations()
    if newer:
        raise StorageError(
            f"{path} comes from a newer rehab-tui (schema steps {', '.join(sorted(newer))}); upgrade first"
        )


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that writes nothing to the file nor beside it (see read_only_uri)."""
    try:
        return sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot open {path}: {exc}") from None
