"""Loop Habit Tracker's files (docs/formats.md, "Loop Habit Tracker"), read into our export.

Two kinds of file: the full backup (the app's SQLite database, opened read-only)
and the CSV export (a zip). Which one it is comes from the file's first bytes,
not its name. What Loop records beyond "done" and "skipped" (explicit no,
unknown, the app's automatic fill-ins) has no place here and is counted in the
notes instead.
"""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import suppress
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from ..domain.errors import InvalidInput, RehabError, StorageError
from ..domain.numbers import whole_number
from ..domain.reminders import Timing
from ..domain.rules import check_reminder_time
from ._bounds import MAX_DB_BYTES, MAX_ZIP_BYTES, ZipBudget, check_file_size
from ._common import Draft, Moved, assemble, check_day, one_line, plural

#: Habits.reminder_days for every day of the week (a 7-bit mask).
LOOP_EVERY_DAY = 0b1111111
#: The newest Loop database this reads (docs/formats.md, "Loop Habit Tracker": the current app writes 25).
LOOP_DB_VERSION = 25
_SQLITE_MAGIC = b"SQLite format 3\x00"
_DAY = timedelta(days=1)
_CUE_CAP = 300

# Repetitions.value for yes/no habits (docs/formats.md, "Loop Habit Tracker").
YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN = 2, 1, 0, 3, -1
_CSV_VALUES = {"YES_MANUAL": YES_MANUAL, "YES_AUTO": YES_AUTO, "NO": NO, "SKIP": SKIP, "UNKNOWN": UNKNOWN}


def read_loop(path: Path, today: date) -> Moved:
    """A Loop backup (.db) or CSV export (.zip), told apart by its first bytes."""
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; Loop's files are a backup (.db) or a CSV export (.zip)")
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if head.startswith(_SQLITE_MAGIC):
        return read_backup(path, today)
    if head.startswith(b"PK"):
        return read_csv_zip(path, today)
    raise InvalidInput(
        f"{path.name} is neither a Loop Habit Tracker backup (an SQLite .db) nor its CSV export (a .zip)"
    )


# --- the backup ---------------------------------------------------------------


def read_backup(path: Path, today: date) -> Moved:
    """Loop's full backup: the Habits and Repetitions tables, never written to."""
    check_file_size(path, MAX_DB_BYTES, "a Loop backup")
    try:
        # Read-only and immutable: SQLite takes no lock and writes nothing
        # beside the file (no -wal or -shm), even for a backup in WAL mode.
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise InvalidInput(f"cannot open {path.name} as an SQLite database ({exc})") from None
    try:
        try:
            db = Database(conn, execute_plugins=False)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {name.casefold(): name for name in db.table_names()}
        except sqlite3.DatabaseError as exc:
            raise InvalidInput(f"{path.name} is not a readable SQLite database ({exc})") from None
        if "habits" not in tables or "repetitions" not in tables:
            raise InvalidInput(
                f"{path.name} is an SQLite database but not a Loop Habit Tracker backup "
                "(it has no Habits and Repetitions tables)"
            )
        if version > LOOP_DB_VERSION:
            raise InvalidInput(
                f"{path.name} comes from a newer Loop (database version {version}; "
                f"this reads up to {LOOP_DB_VERSION}); export a CSV zip from Loop instead"
            )
        try:
            drafts = _backup_drafts(db, tables["habits"], tables["repetitions"], today)
        except sqlite3.DatabaseError as exc:
            raise InvalidInput(f"{path.name} is a damaged Loop backup ({exc})") from None
    finally:
        conn.close()
    return assemble(drafts, today, "Loop")


def _backup_drafts(db: Database, habits_table: str, reps_table: str, today: date) -> list[Draft]:
    habit_cols = {c.name.casefold() for c in db[habits_table].columns}
    rep_cols = {c.name.casefold() for c in db[reps_table].columns}
    for needed in ("id", "name"):
        if needed not in habit_cols:
            raise InvalidInput(f"this Loop backup is damaged (its Habits table has no '{needed}' column)")
    for needed in ("habit", "timestamp"):
        if needed not in rep_cols:
            raise InvalidInput(f"this Loop backup is damaged (its Repetitions table has no '{needed}' column)")
    has_value = "value" in rep_cols
    has_notes = "notes" in rep_cols
    order = "position, id" if "position" in habit_cols else "id"
    drafts = []
    for row in db[habits_table].rows_where(order_by=order):
        row = {k.casefold(): v for k, v in row.items()}
        name = str(row.get("name") or "")
        numerical = _int(row.get("type")) == 1
        draft = _draft(
            name=name,
            question=row.get("question"),
            description=row.get("description"),
            num=row.get("freq_num"),
            den=row.get("freq_den"),
        )
        if row.get("reminder_hour") is not None and row.get("reminder_min") is not None:
            _reminder(draft, row)
        target = _target(row, draft, numerical)
        if not has_value:
            draft.remarks.append("an old Loop file with no values: every entry became a check-in")
        select = "timestamp" + (", value" if has_value else "") + (", notes" if has_notes else "")
        tally = _Tally()
        entries: list[date] = []
        for rep in db[reps_table].rows_where("habit = ?", [row["id"]], select=select, order_by="timestamp"):
            day = check_day(_day_of(rep["timestamp"], name), today, f"a Loop entry of '{name}'")
            entries.append(day)
            value = _int(rep["value"]) if has_value else YES_MANUAL
            tally.add(draft, day, value, target)
            note = one_line(rep.get("notes"), _CUE_CAP)
            if note:
                draft.notes[day] = note
        if entries:
            draft.history_start = entries[0]
        if _int(row.get("archived")):
            draft.archived = entries[-1] + _DAY if entries else today
        tally.explain(draft, target)
        drafts.append(draft)
    return drafts


def _reminder(draft: Draft, row: dict) -> None:
    """Loop's reminder of a habit (docs/formats.md, "Loop Habit Tracker"), as a
    reminder for that habit on the desktop; one that cannot be read is named."""
    at = f"{_int(row['reminder_hour']):02d}:{_int(row['reminder_min']):02d}"
    mask = _int(row.get("reminder_days")) if row.get("reminder_days") is not None else LOOP_EVERY_DAY
    # Bit 0 is Saturday, bit 1 Sunday, bit 2 Monday ... bit 6 Friday.
    days = frozenset((bit + 5) % 7 for bit in range(7) if mask >> bit & 1)
    try:
        timing = Timing(check_reminder_time(at), days)
    except RehabError:
        draft.remarks.append(f"its reminder at {at} is not a time of day, so it was not carried over")
        return
    if not days or not 0 <= mask <= LOOP_EVERY_DAY:
        draft.remarks.append(
            f"its reminder at {at} has no days Loop could have set ({mask}), so it was not carried over"
        )
        return
    draft.reminders.append(timing)


def _day_of(timestamp: object, name: str) -> date:
    """Loop's timestamp (ms at 00:00 UTC of the local date) as that date."""
    if isinstance(timestamp, bool) or not isinstance(timestamp, (int, float)):
        raise InvalidInput(f"this Loop backup is damaged (an entry of '{name}' has the timestamp {timestamp!r})")
    try:
        return datetime.fromtimestamp(timestamp / 1000, UTC).date()
    except (OverflowError, OSError, ValueError):
        raise InvalidInput(
            f"this Loop backup is damaged (an entry of '{name}' has the timestamp {timestamp!r})"
        ) from None


# --- the CSV zip --------------------------------------------------------------


def read_csv_zip(path: Path, today: date) -> Moved:
    """Loop's CSV export: Habits.csv, and a folder per habit holding Checkmarks.csv."""
    check_file_size(path, MAX_ZIP_BYTES, "a Loop zip")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidInput(f"{path.name} is not a zip file Loop could have written ({exc})") from None
    with archive:
        budget = ZipBudget(archive)
        names = [n for n in archive.namelist() if not n.endswith("/")]
        listing = [n for n in names if n == "Habits.csv" or n.endswith("/Habits.csv")]
        if not listing:
            raise InvalidInput(f"{path.name} is a zip without Habits.csv, so it is not a Loop CSV export")
        habits_csv = min(listing, key=lambda n: (n.count("/"), n))
        base = habits_csv[: -len("Habits.csv")]
        # The folder of each habit, by the number in front of its name ("001 Stretch").
        folders: dict[int, str] = {}
        for n in names:
            rest = n[len(base) :] if n.startswith(base) else None
            if rest and rest.count("/") == 1 and rest.endswith("/Checkmarks.csv"):
                with suppress(RehabError):  # a folder not named for a habit is not one
                    folders.setdefault(whole_number(rest.split(" ", 1)[0], 0), n)
        # Every file that may be read, checked before any is unpacked.
        budget.check([archive.getinfo(n) for n in (habits_csv, *folders.values())])
        rows = _csv_rows(budget, habits_csv, "Habits.csv")
        drafts = []
        for line, row in enumerate(rows, start=2):
            drafts.append(_csv_draft(budget, row, line, folders, today))
    drafts.sort(key=lambda pair: pair[0])
    return assemble([d for _, d in drafts], today, "Loop")


def _csv_rows(budget: ZipBudget, member: str, shown: str) -> list[dict[str, str]]:
    try:
        reader = csv.DictReader(budget.text_lines(budget.archive.getinfo(member)))
        missing = {"Position", "Name"} - set(reader.fieldnames or [])
        if missing:
            raise InvalidInput(f"{shown} in this zip has no {' or '.join(sorted(missing))} column, so it is not Loop's")
        return list(reader)
    except (UnicodeDecodeError, OSError) as exc:
        raise InvalidInput(f"{shown} in this Loop export cannot be read ({exc})") from None
    except csv.Error as exc:
        raise InvalidInput(f"{shown} in this Loop export is damaged ({exc})") from None


def _csv_draft(
    budget: ZipBudget, row: dict[str, str], line: int, folders: dict[int, str], today: date
) -> tuple[int, Draft]:
    name = row.get("Name") or ""
    position = (row.get("Position") or "").strip()
    try:
        number = whole_number(position, 0)
    except RehabError:
        raise InvalidInput(f"Habits.csv line {line} has the position {position!r}, not a number") from None
    numerical = (row.get("Type") or "").strip().upper() in ("NUMERICAL", "1")
    draft = _draft(
        name=name,
        question=row.get("Question"),
        description=row.get("Description"),
        num=row.get("FrequencyNumerator"),
        den=row.get("FrequencyDenominator"),
    )
    kind = (row.get("Target Type") or "").strip().upper().replace(" ", "_")
    target = _target(
        {
            "target_type": 1 if kind in ("1", "AT_MOST") else 0,
            "target_value": _float(row.get("Target Value")),
            "unit": row.get("Unit"),
        },
        draft,
        numerical,
    )
    member = folders.get(number)
    tally = _Tally()
    last_entry: date | None = None
    if member is None:
        draft.remarks.append("no Checkmarks.csv was found for it, so it comes without history")
    else:
        for n, cells in enumerate(_checkmark_rows(budget, member), start=1):
            if not cells or (n == 1 and cells[0].strip() == "Date"):
                continue
            where = f"{member} line {n}"
            try:
                day = date.fromisoformat(cells[0].strip())
            except ValueError:
                raise InvalidInput(f"{where} has {cells[0]!r} where a date YYYY-MM-DD belongs") from None
            raw = cells[1].strip() if len(cells) > 1 else ""
            value = _CSV_VALUES.get(raw.upper())
            if value is None:
                value = _amount(raw, where)
            if value == UNKNOWN:
                continue
            check_day(day, today, f"a Loop entry of '{name}'")
            note = one_line(cells[2] if len(cells) > 2 else "", _CUE_CAP)
            if note:
                draft.notes[day] = note
            tally.add(draft, day, value, target)
            draft.history_start = min(day, draft.history_start or day)
            # NO and YES_AUTO rows are Loop's fill-ins up to the export day, not entries.
            if note or value in (YES_MANUAL, SKIP) or (target is not None and value > 0):
                last_entry = max(day, last_entry or day)
    if (row.get("Archived?") or "").strip().lower() == "true":
        draft.archived = last_entry + _DAY if last_entry else today
    tally.explain(draft, target)
    return number, draft


def _checkmark_rows(budget: ZipBudget, member: str) -> Iterator[list[str]]:
    try:
        # Row by row as it is unpacked: a habit's history is never held twice.
        yield from csv.reader(budget.text_lines(budget.archive.getinfo(member)))
    except (UnicodeDecodeError, csv.Error, OSError) as exc:
        raise InvalidInput(f"{member} in this Loop export cannot be read ({exc})") from None


def _amount(raw: str, where: str) -> int:
    if raw == "":
        return UNKNOWN
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        return round(float(raw))
    except ValueError:
        raise InvalidInput(f"{where} has the value {raw!r}, which Loop does not write") from None


# --- shared by both -----------------------------------------------------------


class _Target:
    def __init__(self, at_most: bool, value: float, unit: str):
        self.at_most, self.value, self.unit = at_most, value, unit

    def met(self, amount: float) -> bool:
        return amount <= self.value if self.at_most else amount >= self.value

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{'at most' if self.at_most else 'at least'} {self.value:g}{unit}"


def _target(row: dict, draft: Draft, numerical: bool) -> _Target | None:
    if not numerical:
        return None
    value = row.get("target_value")
    if value is None:
        value = 0.0
    return _Target(_int(row.get("target_type")) == 1, float(value), one_line(row.get("unit"), 30))


class _Tally:
    """What an entry became, counted for the notes."""

    def __init__(self) -> None:
        self.no = self.unknown = self.auto = self.short = 0

    def add(self, draft: Draft, day: date, value: int, target: _Target | None) -> None:
        if value == SKIP:
            draft.skips.add(day)
            draft.checkins.discard(day)
        elif value == UNKNOWN:
            self.unknown += 1
        elif target is not None:
            if value >= 0 and target.met(value / 1000):
                draft.checkins.add(day)
            else:
                self.short += 1
        elif value == YES_MANUAL:
            draft.checkins.add(day)
        elif value == YES_AUTO:
            self.auto += 1
        elif value == NO:
            self.no += 1
        else:
            self.unknown += 1

    def explain(self, draft: Draft, target: _Target | None) -> None:
        if target is not None:
            draft.remarks.append(f"numerical (target {target}): days that met it became check-ins")
            if self.short:
                draft.remarks.append(f"{plural(self.short, 'day')} that fell short of the target were not carried over")
        dropped = []
        if self.no:
            dropped.append(f"{plural(self.no, 'explicit NO')}")
        if self.unknown:
            dropped.append(f"{self.unknown} UNKNOWN")
        if self.auto:
            dropped.append(f"{self.auto} YES_AUTO (Loop's fill-ins)")
        if dropped:
            draft.remarks.append(f"{' and '.join(dropped)} entries were dropped (only done and skipped days are kept)")


def _draft(name: str, question: object, description: object, num: object, den: object) -> Draft:
    question_text = one_line(str(question or ""), 10_000)
    description_text = one_line(str(description or ""), 10_000)
    cue = question_text or description_text
    draft = Draft(name=name, cue="", rate=(_int(num), _int(den)), rate_label=f"Loop frequency {num}/{den}")
    if len(cue) > _CUE_CAP:
        draft.remarks.append(f"its {'question' if question_text else 'description'} was cut to {_CUE_CAP} characters")
    draft.cue = one_line(cue, _CUE_CAP)
    if question_text and description_text and description_text != question_text:
        draft.remarks.append("its description was not carried over (the question became the cue)")
    return draft


def _int(value: object) -> int:
    """A whole number from a cell of Loop's files; 0 when it holds none."""
    if not isinstance(value, str | bytes | int | float):
        return 0
    try:
        return int(value)
    except (ValueError, OverflowError):  # OverflowError: an infinite REAL
        return 0


def _float(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
