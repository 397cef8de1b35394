"""The rehab database: opening it safely, reading it whole, writing one action at a time."""

from __future__ import annotations

import errno
import functools
import os
import sqlite3
import stat
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from ..domain.checklist import checklist
from ..domain.dates import iso
from ..domain.errors import RehabError
from ..domain.lookup import unique_slug
from ..domain.model import Habit, HabitLog, Journal, Pause, ScheduleVersion, Snooze
from ..domain.prescription import Dose, Prescription
from ..domain.rules import (
    NOTE,
    REASON,
    REMINDER_ERROR,
    SNOOZE_WINDOW,
    check_checkin,
    check_habit,
    check_pause,
    check_pause_start,
    check_reading,
    check_reminder_days,
    check_reminder_target,
    check_reminder_time,
    check_schedule_since,
    check_snooze_day,
    check_snooze_needed,
    check_start,
)
from ..domain.schedules import parse_schedule
from ..domain.settings import Settings, validate
from ..domain.snoozing import check_budget
from ..domain.states import day_state
from ..nagline import STAMP as NAG_STAMP
from ..nagline import clean as terminal_text
from . import files
from .rows import DamagedRow, day_of, habit_of, prescription_row, row_day, sql_fix
from .schema import known_migrations, migrations

if TYPE_CHECKING:
    from ..domain.body import PainReading
    from ..domain.notices import Notice

    # Reminders are read by `rehab remind` only; other commands skip the import.
    from ..domain.reminders import Reminder
    from .refs import HabitRef

    # What the writes return: read-only commands skip building those classes.
    from .results import Deleted, Paused, Rested, Ticks

SQLITE_HEADER = b"SQLite format 3\x00"
SQLITE_HEADER_SIZE = 100
BUSY_TIMEOUT_S = 15.0


class Keep:
    """The value of an edit's field that is not being changed."""


KEEP = Keep()
#: The tables holding a habit's history (its schedules are part of the habit).
HISTORY_TABLES = ("checkins", "snoozes", "pauses")
SNOOZE_WINDOW_SPAN = timedelta(days=SNOOZE_WINDOW - 1)


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("rehab-tui", appauthor=False) / "rehab.db"


def _now() -> str:
    # Microseconds: an import compares these to decide which copy of a habit
    # is newer, and two edits can fall in one second.
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Store:
    """The one owner of a rehab SQLite file. Every public write is one transaction."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        #: What reading found and mended on the way (a bad setting), for the
        #: command or the app to show once.
        self.warnings: list[str] = []
        #: Opened read-only (the file is): SQLite refuses every write.
        self.read_only = False
        #: Temporary files of killed writes that opening the file removed.
        self.removed_leftovers: list[Path] = []
        #: The day the nag table is kept around besides the real date (_nag_days).
        self.nag_centre = date.today()

    # ---------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: str | os.PathLike, today: date, read_only_ok: bool = False) -> Store:
        """Open (or create, with the default routine) the rehab database at `path`.

        A file that is not ours is refused before anything is written to it. A
        file the user made read-only is opened read-only when `read_only_ok` (a
        command that only reads); otherwise it is refused.
        """
        if str(path) == ":memory:" or str(path).startswith("file:"):
            # SQLite would read these as a throwaway in-memory database or a URI,
            # while the checks here look at a file of that name.
            raise RehabError(f"'{path}' is not a file path; give --db the path of a database file")
        path = Path(path).expanduser()
        if not os.path.lexists(path):
            cls._create(path, today)
            store = cls._connect(path)
            store.nag_centre = today
            return store
        writable = _check_file(path, read_only_ok)
        if not writable:
            return cls._connect(path, read_only=True)._check_schema()
        # A backup or export killed half-way left a temporary file beside the
        # database; one that is still being written is locked and stays.
        removed = files.remove_leftovers(path)
        store = cls._connect(path)
        store.nag_centre = today
        store.removed_leftovers = removed
        try:
            store._upgrade()
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def _connect(cls, path: Path, read_only: bool = False) -> Store:
        try:
            if read_only:
                conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)
            else:
                conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
        except sqlite3.Error as exc:
            raise RehabError(f"cannot open {path}: {exc}") from None
        db = Database(conn, execute_plugins=False)
        try:
            # Connection settings only: nothing here writes to the file. They are
            # the first statements run, so a damaged file is noticed here; close
            # it then, or its -wal and -shm stay open beside it.
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            # The app reads the history once and keeps it; a page cache the
            # size of the file (SQLite's default allows 2 MB) would only hold
            # that read a second time, in the process's peak memory.
            db.execute("PRAGMA cache_size=-256")
        except sqlite3.DatabaseError as exc:
            conn.close()
            if is_disk_full(exc, path.parent):
                raise RehabError(f"cannot open {path}: {NO_SPACE}") from None
            raise RehabError(f"{path} is damaged or not a rehab database ({exc})") from None
        store = cls(db, path)
        store.read_only = read_only
        return store

    @classmethod
    def _create(cls, path: Path, today: date) -> None:
        # Build the new file beside its final place and link it in whole, so a
        # crash half-way never leaves a half-made database at the user's path.
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RehabError(f"cannot create {path}: {exc.strerror or exc}") from None
        try:
            with files.new_file(path, suffix=files.NEW_DB_SUFFIX) as tmp:
                db = Database(sqlite3.connect(str(tmp)), execute_plugins=False)
                try:
                    migrations.apply(db)
                    with db.atomic():
                        _seed(db, today)
                    db.enable_wal()
                finally:
                    db.close()
        except RehabError:
            if not path.exists():
                raise
            # another process made it first; use theirs
        except OSError as exc:
            raise RehabError(f"cannot create {path}: {exc.strerror or exc}") from None
        except sqlite3.Error as exc:
            raise RehabError(f"cannot create {path}: {exc}") from None

    def _check_schema(self) -> Store:
        """Refuse a file that is not ours or is newer, for a store opened read-only."""
        applied, pending = self._schema_state()
        if pending:
            self.close()
            raise RehabError(f"{self.path} is read-only and needs an upgrade by this version; make it writable")
        return self

    def _schema_state(self) -> tuple[set[str], list]:
        """The migrations applied to the file and those still pending; refuses
        another application's file and a newer schema."""
        db = self.db
        try:
            tables = set(db.table_names())
            applied = {m.name for m in migrations.applied(db)} if "_sqlite_migrations" in tables else set()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise RehabError(f"{self.path} is damaged or not a rehab database ({exc})") from None
        if not applied:
            self.close()
            raise RehabError(f"{self.path} is an SQLite file of another application, not a rehab database")
        unknown = applied - known_migrations()
        if unknown:
            self.close()
            raise RehabError(
                f"{self.path} was written by a newer version of rehab-tui "
                f"(schema steps {', '.join(sorted(unknown))}); upgrade rehab-tui to open it"
            )
        return applied, migrations.pending(db)

    def _upgrade(self) -> None:
        db = self.db
        self._schema_state()
        if migrations.pending(db):
            # Several processes may open an old file at once (the app and a shell
            # prompt's `rehab nag`): under the write lock one copies and upgrades
            # it, and the others find nothing left to do once they get the lock.
            with self._write():
                pending = migrations.pending(db)
                if pending:
                    self.backup(_keep_path(self.path, pending[0].name))
                    migrations.apply(db)
        self._enable_wal()

    def _enable_wal(self) -> None:
        # Leaving a rollback journal needs the file to itself, and SQLite gives
        # up at once, without the busy timeout, when that would deadlock with
        # another process reading it; so wait and try again like the timeout would.
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                if self.db.journal_mode == "wal":
                    return
                self.db.enable_wal()
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def close(self) -> None:
        self.db.close()

    def data_version(self) -> int:
        """Changes whenever another connection commits (cheap to poll)."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    # ------------------------------------------------------------ transactions

    @contextmanager
    def _write(self, nag: bool = True) -> Iterator[Database]:
        # BEGIN IMMEDIATE takes the write lock up front. A plain BEGIN (what
        # atomic() issues) that reads and then writes can hit SQLITE_BUSY at the
        # lock upgrade, which no busy timeout waits out. sqlite-utils' own write
        # methods nest inside as savepoints, and so do the gate's own methods
        # inside `transaction()`.
        #
        # The outermost one also refills the nag table (when anything was
        # written), so it is written once however deeply the gate nests.
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            before = self.db.conn.total_changes
            yield self.db
            if nag and self.db.conn.total_changes != before:
                self._keep_nag()
        except BaseException:
            self.db.conn.rollback()
            raise
        self.db.execute("COMMIT")

    # -------------------------------------------------------------------- nag

    #: The nag table holds the day before `today` (a day may start after
    #: midnight) through a week after it, for the real date and for the day
    #: the store was opened for (or last refreshed for).
    NAG_DAYS = range(-1, 8)

    def _nag_days(self) -> list[date]:
        return sorted({centre + timedelta(days=k) for centre in {date.today(), self.nag_centre} for k in self.NAG_DAYS})

    def _keep_nag(self) -> None:
        """Refill the nag table from the data as it stands in this transaction:
        for each day, what `rehab nag` says if that day is today. What cannot be
        computed cleanly (a damaged row, a bad setting) leaves it empty, and the
        nag goes the full way, which says what is wrong."""
        db = self.db
        if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'nag'").fetchone():
            return
        rows = []
        try:
            days = self._nag_days()
            if not Settings.read(self.stored_settings())[1]:
                journal = self.journal(since=days[0] - timedelta(days=7))
                for day in days:
                    listing = checklist(journal, day, day, with_streaks=False)
                    names = ", ".join(terminal_text(i.log.habit.name) for i in listing.pending)
                    rows.append(
                        (
                            iso(day),
                            len(listing.pending),
                            listing.total,
                            listing.done,
                            names,
                            int(listing.rest_day),
                            NAG_STAMP,
                        )
                    )
        except (RehabError, ValueError, OverflowError, TypeError, sqlite3.DatabaseError):
            rows = []
        db.execute("DELETE FROM nag")
        db.conn.executemany(
            "INSERT INTO nag (day, pending, total, done, names, rest_day, stamp) VALUES (?, ?, ?, ?, ?, ?, ?)", rows
        )

    def refresh_nag(self, today: date) -> None:
        """Refill the nag table around `today` (a nag that went the full way).
        Waits for the write lock only briefly: another writer refills it anyway."""
        self.nag_centre = today
        self.db.execute("PRAGMA busy_timeout = 200")
        try:
            with self._write(nag=False):
                self._keep_nag()
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Several writes as one: all of them, or (on any error) none."""
        with self._write():
            yield self

    # ------------------------------------------------------------------ reads

    def settings(self) -> Settings:
        """The settings; a stored value that breaks its rule is replaced by its
        default, with a warning in `self.warnings`."""
        settings, warnings = Settings.read(self.stored_settings())
        for warning in warnings:
            if warning not in self.warnings:
                self.warnings.append(warning)
        return settings

    def stored_settings(self) -> dict[str, str]:
        """The settings rows as they are (only the ones someone set)."""
        return {row["key"]: row["value"] for row in self.db["settings"].rows}

    def setting_values(self) -> dict[str, str]:
        """Every setting, as the app uses it."""
        return self.settings().values()

    def habit_refs(self) -> list[HabitRef]:
        """Every habit's id, name, slug and archive day, readable even when
        other fields of a row are damaged (the commands that mend them use it)."""
        from .refs import ref_of

        return [ref_of(row) for row in self.db["habits"].rows_where(order_by="position, id")]

    def habits(self) -> list[Habit]:
        """All habits, archived ones too, in list order."""
        versions: dict[int, list[dict]] = defaultdict(list)
        for row in self.db["schedules"].rows_where(order_by="habit_id, since"):
            versions[row["habit_id"]].append(row)
        return [habit_of(row, versions[row["id"]]) for row in self.db["habits"].rows_where(order_by="position, id")]

    def habit(self, habit_id: int) -> Habit:
        row = self._habit_row(habit_id)
        return habit_of(row, self.db["schedules"].rows_where("habit_id = ?", [habit_id], order_by="since"))

    def journal(self, since: date | None = None) -> Journal:
        """Everything recorded (or, with `since`, what touches that day and
        later), in grouped queries, for the domain to read."""
        settings = self.settings()
        habits = self.habits()
        snoozes, rest_days, budget_days = self._snoozes(since)
        done, minimum = self._checkins(since)
        pauses = self._pauses(since)
        logs = tuple(
            HabitLog(
                h,
                done.get(h.id, frozenset()),
                frozenset(snoozes.get(h.id, ())),
                tuple(pauses.get(h.id, ())),
                minimum.get(h.id, frozenset()),
            )
            for h in habits
        )
        return Journal(logs, rest_days, settings.week_start, settings.snooze_budget, budget_days)

    def log(self, habit_id: int) -> HabitLog:
        """One habit with everything recorded for it."""
        habit = self.habit(habit_id)
        snoozes, _, _ = self._snoozes(None, habit_id)
        done, minimum = self._checkins(None, habit_id)
        return HabitLog(
            habit,
            done.get(habit_id, frozenset()),
            frozenset(snoozes.get(habit_id, ())),
            tuple(self._pauses(None, habit_id).get(habit_id, ())),
            minimum.get(habit_id, frozenset()),
        )

    def rest_days(self) -> frozenset[date]:
        return self._snoozes(None, None, rest_days_only=True)[1]

    def _checkins(
        self, since: date | None, habit_id: int | None = None
    ) -> tuple[dict[int, frozenset[date]], dict[int, frozenset[date]]]:
        """Each habit's check-in days, and those of them at the minimum dose,
        in one pass over the table."""
        where, params = _scope("day >= ?", since, habit_id)
        done: dict[int, frozenset[date]] = {}
        minimum: dict[int, frozenset[date]] = {}
        # Twelve habits checked in on the same days share one date object per
        # day: ten years of check-ins take half a megabyte less this way.
        day = functools.cache(date.fromisoformat)
        # Grouped by habit, SQLite walks the whole table in key order; the
        # whole history reads fastest that way, but a recent part (`today`
        # reads 400 days of ten years) is found through the day index, which
        # `+habit_id` (an expression, not the key) lets the planner choose.
        group = "+habit_id" if since else "habit_id"
        for hid, days, least in self.db.execute(
            # group_concat leaves out the NULLs: only the minimum-dose days.
            f"SELECT habit_id, group_concat(day), group_concat(CASE WHEN dose = ? THEN day END) "
            f"FROM checkins WHERE {where} GROUP BY {group}",
            [Dose.MIN.value, *params],
        ):
            try:
                done[hid] = frozenset(map(day, days.split(",")))
            except (TypeError, ValueError):
                self._report_bad_checkin(hid, days)
            if least:
                minimum[hid] = frozenset(map(day, least.split(",")))
        return done, minimum

    def _report_bad_checkin(self, habit_id: int, days: str) -> None:
        for text in days.split(","):
            try:
                date.fromisoformat(text)
            except ValueError:
                name = self._habit_row(habit_id)["name"]
                fix = sql_fix(self.path, f"DELETE FROM checkins WHERE habit_id = {habit_id} AND day = '{text}'")
                raise DamagedRow(f"checkins: '{name}', day, is {text!r}, not a date; mend it with: {fix}") from None

    def _snoozes(
        self, since: date | None, habit_id: int | None = None, rest_days_only: bool = False
    ) -> tuple[dict[int, set[date]], frozenset[date], frozenset[date]]:
        """Each habit's snoozed days, the rest days (whole-day snoozes), and
        the days holding a snooze that uses the budget (exempt = 0)."""
        where, params = _scope("day >= ?", since, habit_id)
        if rest_days_only:
            where += " AND habit_id IS NULL"
        habit_days: dict[int, set[date]] = defaultdict(set)
        rest: set[date] = set()
        budget: set[date] = set()
        for r in self.db["snoozes"].rows_where(where, params, select="id, day, habit_id, exempt"):
            day = row_day(self.path, "snoozes", r, "day")
            (rest if r["habit_id"] is None else habit_days[r["habit_id"]]).add(day)
            if not r["exempt"]:
                budget.add(day)
        return habit_days, frozenset(rest), frozenset(budget)

    def _pauses(self, since: date | None, habit_id: int | None = None) -> dict[int, list[Pause]]:
        where, params = _scope("until >= ?", since, habit_id)
        pauses: dict[int, list[Pause]] = defaultdict(list)
        for r in self.db["pauses"].rows_where(where, params, order_by="start"):
            pauses[r["habit_id"]].append(
                Pause(
                    row_day(self.path, "pauses", r, "start"),
                    row_day(self.path, "pauses", r, "until"),
                    r["reason"] or "",
                )
            )
        return pauses

    def snoozes(self, day: date | None = None) -> list[Snooze]:
        """Every snooze (or, with `day`, that day's) with its reason, area and pain, oldest first."""
        where, params = ("day = ?", [iso(day)]) if day else (None, [])
        felt = {
            r["snooze_id"]: r
            for r in self.db["readings"].rows_where(
                f"snooze_id IS NOT NULL{' AND day = ?' if day else ''}", params, select="snooze_id, area, pain"
            )
        }
        return [
            Snooze(
                row_day(self.path, "snoozes", r, "day"),
                r["habit_id"],
                r["reason"],
                felt.get(r["id"], {}).get("area"),
                felt.get(r["id"], {}).get("pain"),
                bool(r["exempt"]),
            )
            for r in self.db["snoozes"].rows_where(where, params, order_by="day, id")
        ]

    def readings(self, since: date | None = None) -> list[PainReading]:
        """Every pain reading (or those from `since` on), oldest first."""
        from ..domain.body import PainReading  # the checklist and the nag never read them

        where, params = ("day >= ?", [iso(since)]) if since else (None, [])
        return [
            PainReading(
                row_day(self.path, "readings", r, "day"),
                r["area"],
                r["pain"],
                r["note"] or "",
                r["snooze_id"] is not None,
            )
            for r in self.db["readings"].rows_where(where, params, order_by="day, id")
        ]

    def notes(self, habit_id: int) -> dict[date, str]:
        return {
            date.fromisoformat(r["day"]): r["note"]
            for r in self.db["checkins"].rows_where("habit_id = ? AND note IS NOT NULL", [habit_id])
        }

    def _habit_row(self, habit_id: int) -> dict:
        rows = list(self.db["habits"].rows_where("id = ?", [habit_id]))
        if not rows:
            raise RehabError(f"no habit with id {habit_id}")
        return rows[0]

    # ----------------------------------------------------------------- habits
    #
    # The gate: every write below checks its record against the domain's rules
    # (domain/rules.py) before it writes, in one transaction, and returns the
    # new state of what it wrote.

    def add_habit(
        self,
        name: str,
        schedule: str,
        today: date,
        cue: str = "",
        minutes: int | None = None,
        start: date | None = None,
        when: str = "",
        prescription: Prescription = Prescription(),
    ) -> Habit:
        first = start or today
        parsed = parse_schedule(schedule, first)
        draft = Habit(0, name, "", cue, minutes, parsed, first, updated_at=_now(), when=when, prescription=prescription)
        return self.put_habit(draft)

    def put_habit(self, habit: Habit) -> Habit:
        """Add a habit (id 0) or replace one whole: the one way a habit row is written.

        A new habit's slug comes from its name unless it brings one; its
        position is the end of the list unless it brings one.
        """
        habit = check_habit(habit)
        with self._write() as db:
            key = habit.name.casefold()
            others = [r for r in db["habits"].rows if r["id"] != habit.id]
            clash = next((r for r in others if r["name"].casefold() == key), None)
            if clash is not None:
                raise RehabError(f"a habit named '{clash['name']}' already exists")
            row = {
                "name": habit.name,
                "cue": habit.cue,
                "minutes": habit.minutes,
                "start": iso(habit.start),
                "archived": iso(habit.archived) if habit.archived else None,
                "updated_at": habit.updated_at,
                **prescription_row(habit),
            }
            if habit.id:
                self._habit_row(habit.id)
                row["position"] = habit.position
                db["habits"].update(habit.id, row)
                habit_id = habit.id
            else:
                slugs = [r["slug"] for r in others]
                if habit.slug and habit.slug in slugs:
                    raise RehabError(f"a habit with the slug '{habit.slug}' already exists")
                last = max((r["position"] for r in others), default=0)
                row |= {
                    "slug": habit.slug or unique_slug(habit.name, slugs),
                    "position": habit.position or last + 1,
                    "created_at": _now(),
                }
                habit_id = db["habits"].insert(row).last_pk
            db["schedules"].delete_where("habit_id = ?", [habit_id])
            db["schedules"].insert_all(
                {"habit_id": habit_id, "since": iso(v.since), "rule": v.schedule.rule, "anchor": iso(v.schedule.anchor)}
                for v in habit.schedule_history
            )
            return self.habit(habit_id)

    def edit_habit(
        self,
        habit_id: int,
        today: date,
        name: str | None = None,
        cue: str | None = None,
        minutes: int | None | Keep = KEEP,
        schedule: str | None = None,
        since: date | None = None,
        start: date | None = None,
        when: str | None = None,
        prescription: dict[str, object] | None = None,
    ) -> Habit:
        """Change only the fields given (of the prescription, only the keys of
        `prescription`; None clears one); a schedule takes effect from `since`
        (default today) and leaves the days before it alone."""
        with self._write():
            row = self._habit_row(habit_id)
            if start is not None:
                row = {**row, "start": iso(start)}
            versions = list(self.db["schedules"].rows_where("habit_id = ?", [habit_id], order_by="since"))
            if schedule is not None:
                # Mending a damaged schedule row replaces it: drop the row for
                # that day before the habit is read.
                day = since or today
                versions = [v for v in versions if v["since"] != iso(day)]
            current = habit_of(row, versions or [_placeholder(row)])
            changes: dict = {"updated_at": _now()}
            if name is not None:
                changes["name"] = name
            if cue is not None:
                changes["cue"] = cue
            if not isinstance(minutes, Keep):
                changes["minutes"] = minutes
            if when is not None:
                changes["when"] = when
            if prescription:
                changes["prescription"] = replace(current.prescription, **prescription)
            if start is not None:
                first = self.db.execute("SELECT min(day) FROM checkins WHERE habit_id = ?", [habit_id]).fetchone()[0]
                check_start(current, start, date.fromisoformat(first) if first else None)
            habit = replace(current, **changes)
            if schedule is not None:
                habit = _with_schedule(habit, schedule, since or today, keep_history=bool(versions))
            return self.put_habit(habit)

    def archive_habit(self, habit_id: int, day: date) -> Habit:
        with self._write():
            habit = self.habit(habit_id) if self._readable(habit_id) else self._mended(habit_id, archived=day)
            return self.put_habit(replace(habit, archived=day, updated_at=_now()))

    def restore_habit(self, habit_id: int) -> Habit:
        with self._write():
            return self.put_habit(replace(self.habit(habit_id), archived=None, updated_at=_now()))

    def move_habit(self, habit_id: int, position: int) -> list[Habit]:
        """Put a habit at `position` (1-based) in the list; the new order."""
        with self._write() as db:
            order = [r["id"] for r in db["habits"].rows_where(order_by="position, id")]
            if habit_id not in order:
                raise RehabError(f"no habit with id {habit_id}")
            order.remove(habit_id)
            index = min(max(position, 1), len(order) + 1) - 1
            order.insert(index, habit_id)
            now = _now()
            for pos, hid in enumerate(order, start=1):
                if self._habit_row(hid)["position"] != pos:
                    db["habits"].update(hid, {"position": pos, "updated_at": now})
            return self.habits()

    def history_counts(self, habit_id: int) -> dict[str, int]:
        """How many rows of each kind of history a habit has (check-ins, snoozes, pauses)."""
        return {table: self.db[table].count_where("habit_id = ?", [habit_id]) for table in HISTORY_TABLES}

    def delete_habit(self, habit_id: int, keep_copy: bool = False) -> Deleted:
        """Remove a habit, its schedules and its history, in one transaction.

        A habit with history goes only with `keep_copy`, which first writes a
        backup beside the file: taken under the write lock, it holds exactly
        what is removed. Archiving keeps the history; this is for a mistake.
        """
        from .results import Deleted, counted

        with self._write() as db:
            row = self._habit_row(habit_id)
            counts = self.history_counts(habit_id)
            if any(counts.values()) and not keep_copy:
                raise RehabError(
                    f"{row['name']} has history ({counted(counts)}); `rehab habit delete {row['slug']} --yes` "
                    f"deletes it too, after a backup, and `rehab habit archive {row['slug']}` keeps it"
                )
            kept = self.backup(_keep_path(self.path, f"delete-{row['slug']}")) if keep_copy else None
            self._unlink_readings("SELECT id FROM snoozes WHERE habit_id = ?", [habit_id])
            for table in (*HISTORY_TABLES, "schedules"):
                db[table].delete_where("habit_id = ?", [habit_id])
            db["habits"].delete(habit_id)
            return Deleted(row["name"], row["slug"], counts, kept)

    def _readable(self, habit_id: int) -> bool:
        try:
            self.habit(habit_id)
        except DamagedRow:
            return False
        return True

    def _mended(self, habit_id: int, **fields: date) -> Habit:
        row = {**self._habit_row(habit_id), **{k: iso(v) for k, v in fields.items()}}
        return habit_of(row, self.db["schedules"].rows_where("habit_id = ?", [habit_id], order_by="since"))

    def merge_habit(self, habit: Habit) -> tuple[Habit, str]:
        """Bring in a habit from an export, matched by slug: added when missing,
        replaced when the export's copy changed later than this file's (a habit
        never edited here counts as older than any edit), else left alone.
        Returns the habit as it is now and what happened: added, updated, kept."""
        with self._write():
            rows = list(self.db["habits"].rows_where("slug = ?", [habit.slug]))
            if not rows:
                return self.put_habit(replace(habit, id=0)), "added"
            mine = rows[0]
            newer = mine["updated_at"] is None or (habit.updated_at or "") > mine["updated_at"]
            current = self.habit(mine["id"])
            incoming = replace(habit, id=mine["id"], position=habit.position or current.position)
            if not newer or _same_habit(current, incoming):
                return current, "kept"
            return self.put_habit(incoming), "updated"

    # -------------------------------------------------------------- check-ins

    def check_in(
        self, habit_ids: Sequence[int], day: date, today: date, note: str | None = None, dose: Dose = Dose.FULL
    ) -> Ticks:
        """Mark habits done on `day` at `dose`; the new records, and which were
        not done before. A habit already done that day takes the new dose."""
        from .results import Ticks

        added: list[int] = []
        with self._write() as db:
            for habit_id in habit_ids:
                if self.record_checkins(habit_id, {day: note}, today, dose):
                    added.append(habit_id)
                else:
                    db["checkins"].update((habit_id, iso(day)), {"dose": dose.value})
            return Ticks(tuple(self.log(h) for h in habit_ids), tuple(added))

    def record_checkins(
        self, habit_id: int, days: dict[date, str | None], today: date, dose: Dose | dict[date, Dose] = Dose.FULL
    ) -> int:
        """Check a habit in on many days at once (import, history), at one dose
        or each day's own; how many were new (days already done keep theirs)."""
        with self._write() as db:
            habit = self.habit(habit_id)
            rows = []
            for day, note in days.items():
                check_checkin(habit, day, today)
                given = dose.get(day, Dose.FULL) if isinstance(dose, dict) else dose
                rows.append(
                    {
                        "habit_id": habit_id,
                        "day": iso(day),
                        "note": NOTE.clean(note) or None,
                        "dose": Dose(given).value,
                        "created_at": _now(),
                    }
                )
            # INSERT OR IGNORE on the (habit_id, day) key: a check-in already
            # here stays as it is, and SQLite's count of changes says how many were new.
            before = db.conn.total_changes
            db["checkins"].insert_all(rows, ignore=True, batch_size=5000)
            return db.conn.total_changes - before

    def undo(self, habit_ids: Sequence[int], day: date) -> Ticks:
        """Take check-ins back (the start stays where it is)."""
        from .results import Ticks

        removed = []
        with self._write() as db:
            for habit_id in habit_ids:
                self._habit_row(habit_id)
                where = "habit_id = ? AND day = ?"
                if db["checkins"].count_where(where, [habit_id, iso(day)]):
                    db["checkins"].delete_where(where, [habit_id, iso(day)])
                    removed.append(habit_id)
            return Ticks(tuple(self.log(h) for h in habit_ids), tuple(removed))

    # ------------------------------------------------------- snoozes, pauses

    def snooze(
        self,
        day: date,
        today: date,
        habit_id: int | None = None,
        reason: str = "sore",
        area: str | None = None,
        pain: int | None = None,
        exempt: bool = False,
        history: bool = False,
    ) -> Rested:
        """Snooze the day (or one habit on it). An `exempt` snooze (history
        brought in from elsewhere) uses no budget. A snooze must rest something
        (rules.check_snooze_needed), except `history` brought in by an import,
        which records what already happened."""
        check_snooze_day(day, today)
        row = {
            "day": iso(day),
            "habit_id": habit_id,
            "reason": REASON.clean(reason) or "sore",
            "exempt": int(exempt),
            "created_at": _now(),
        }
        felt = None
        if area or pain is not None:
            from ..domain.body import PainReading

            # A snooze's pain is a reading of that day like any other (DESIGN.md §11),
            # felt on that day: a snooze ahead may name its area, not its pain.
            felt = check_reading(
                PainReading(day, area or "", pain, from_snooze=True), today if pain is not None else max(today, day)
            )
        with self._write() as db:
            if habit_id is not None:
                self._habit_row(habit_id)
            same = list(
                db["snoozes"].rows_where(_snooze_where(habit_id), [iso(day), *_id_param(habit_id)], select="id")
            )
            if same:
                if felt is not None:  # the pain is news even when the rest is not
                    self._put_reading(felt, same[0]["id"], overwrite=not history)
                return self._rested(habit_id, False)
            if not history:
                self._check_snooze_needed(day, today, habit_id)
            if not exempt:
                near = {
                    date.fromisoformat(r["day"])
                    for r in db["snoozes"].rows_where(
                        "day BETWEEN ? AND ? AND exempt = 0",
                        [iso(day - SNOOZE_WINDOW_SPAN), iso(day + SNOOZE_WINDOW_SPAN)],
                        select="day",
                    )
                }
                check_budget(frozenset(near), day, self.settings().snooze_budget)
            snooze_id = db["snoozes"].insert(row).last_pk
            if felt is not None:
                self._put_reading(felt, snooze_id, overwrite=not history)
            return self._rested(habit_id, True)

    def _check_snooze_needed(self, day: date, today: date, habit_id: int | None) -> None:
        # A day's states need that day and, for a quota, its week: six days back suffice.
        journal = self.journal(since=day - timedelta(days=6))
        logs = journal.active_on(day)
        states = [day_state(journal, log, day, today) for log in logs]
        if habit_id is None:
            check_snooze_needed(day, states)
        else:
            log = journal.log(habit_id)
            check_snooze_needed(day, states, log.habit, day_state(journal, log, day, today))

    def unsnooze(self, day: date, habit_id: int | None = None) -> Rested:
        with self._write() as db:
            where = _snooze_where(habit_id)
            params = [iso(day), *_id_param(habit_id)]
            found = bool(db["snoozes"].count_where(where, params))
            if found:
                self._unlink_readings(f"SELECT id FROM snoozes WHERE {where}", params)
                db["snoozes"].delete_where(where, params)
            return self._rested(habit_id, found)

    def _rested(self, habit_id: int | None, changed: bool) -> Rested:
        from .results import Rested

        return Rested(changed, self.log(habit_id) if habit_id is not None else None, self.rest_days())

    def pause(
        self,
        habit_id: int,
        start: date,
        until: date,
        reason: str = "",
        *,
        today: date,
        history: bool = False,
    ) -> Paused:
        """Pause from `start` through `until`, merged with any pause it overlaps
        or touches. It starts today or later unless it is `history` brought in
        (an import, demo data): rules.check_pause_start."""
        from .results import Paused

        pause = check_pause_start(check_pause(Pause(start, until, reason)), today, history)
        with self._write() as db:
            self._habit_row(habit_id)
            touching = list(
                db["pauses"].rows_where(
                    "habit_id = ? AND start <= ? AND until >= ?",
                    [habit_id, iso(pause.until + timedelta(days=1)), iso(pause.start - timedelta(days=1))],
                )
            )
            first = min([iso(pause.start), *(r["start"] for r in touching)])
            last = max([iso(pause.until), *(r["until"] for r in touching)])
            for r in touching:
                db["pauses"].delete(r["id"])
            db["pauses"].insert({"habit_id": habit_id, "start": first, "until": last, "reason": pause.reason})
            merged = Pause(date.fromisoformat(first), date.fromisoformat(last), pause.reason)
            return Paused(merged, self.log(habit_id))

    def resume(self, habit_id: int, today: date) -> Paused:
        """End the pause holding today so today is active; later pauses stay."""
        from .results import Paused

        with self._write() as db:
            row = self._habit_row(habit_id)
            current = list(
                db["pauses"].rows_where(
                    "habit_id = ? AND start <= ? AND until >= ?", [habit_id, iso(today), iso(today)]
                )
            )
            if not current:
                raise RehabError(f"{row['name']} is not paused on {iso(today)}")
            pause = current[0]
            if pause["start"] >= iso(today):
                db["pauses"].delete(pause["id"])
            else:
                db["pauses"].update(pause["id"], {"until": iso(today - timedelta(days=1))})
            ended = Pause(date.fromisoformat(pause["start"]), date.fromisoformat(pause["until"]), pause["reason"] or "")
            return Paused(ended, self.log(habit_id))

    # ------------------------------------------------------------------- body

    def record_pain(self, day: date, area: str, pain: int, today: date, note: str | None = None) -> PainReading:
        """A pain reading; one per area per day, so a second one replaces the
        first, keeping its note unless given one ('' clears it)."""
        from ..domain.body import PainReading

        reading = check_reading(PainReading(day, area, pain, note or ""), today)
        with self._write():
            return self._put_reading(reading, keep_note=note is None)

    def _put_reading(
        self, reading: PainReading, snooze_id: int | None = None, overwrite: bool = True, keep_note: bool = True
    ) -> PainReading:
        """Write a checked reading over the day's reading of its area, if any,
        and return what is held. A snooze's area without a number keeps the
        pain held; `keep_note` keeps the note held. Without `overwrite`
        (history brought in by an import, which never goes back in time over
        what was recorded here) only the snooze is linked to the held reading."""
        key = reading.key
        found = list(self.db["readings"].rows_where("day = ? AND area_key = ?", [iso(reading.day), key]))
        row = {
            "day": iso(reading.day),
            "area": reading.area,
            "area_key": key,
            "pain": reading.pain,
            "note": reading.note,
            "created_at": _now(),
        }
        if snooze_id is not None:
            row["snooze_id"] = snooze_id
        if not found:
            self.db["readings"].insert(row)
            return reading
        held = found[0]
        if reading.pain is None or not overwrite:
            if snooze_id is not None:
                self.db["readings"].update(held["id"], {"snooze_id": snooze_id})
            return replace(reading, area=held["area"], pain=held["pain"], note=held["note"] or "")
        if keep_note:
            row["note"] = held["note"] or ""
        self.db["readings"].update(held["id"], row)
        return replace(reading, note=row["note"])

    def _unlink_readings(self, snooze_ids: str, params: list) -> None:
        """Before snoozes go: their readings stay (the pain was felt) but no
        longer point at them; an area named without a number goes with them."""
        self.db.execute(f"DELETE FROM readings WHERE pain IS NULL AND snooze_id IN ({snooze_ids})", params)
        self.db.execute(f"UPDATE readings SET snooze_id = NULL WHERE snooze_id IN ({snooze_ids})", params)

    def load_history(
        self,
        today: date,
        checkins: Iterable[tuple[int, date]],
        snoozes: Iterable[Snooze] = (),
        pauses: Iterable[tuple[int, Pause]] = (),
        readings: Iterable[PainReading] = (),
    ) -> None:
        """Record a whole history through the gate in one transaction (demo data, benchmarks)."""
        by_habit: dict[int, dict[date, None]] = defaultdict(dict)
        for habit_id, day in checkins:
            by_habit[habit_id][day] = None
        with self.transaction():
            for habit_id, days in by_habit.items():
                self.record_checkins(habit_id, days, today)
            for s in snoozes:
                self.snooze(s.day, today, s.habit_id, s.reason, s.area, s.pain, s.exempt)
            for habit_id, p in pauses:
                self.pause(habit_id, p.start, p.until, p.reason, today=today, history=True)
            for r in readings:
                self.record_pain(r.day, r.area, r.pain, today, r.note)

    # ---------------------------------------------------------------- notices

    def notice_shown(self, notice: Notice, day: date) -> bool:
        """Whether `notice` was already shown on `day`."""
        return self.db["notices"].count_where("notice = ? AND day = ?", [notice.value, iso(day)]) > 0

    def record_notice(self, notice: Notice, day: date) -> None:
        """Remember that `notice` was shown on `day` (it is not history: the
        nag and the export leave it alone)."""
        with self._write(nag=False) as db:
            db["notices"].upsert({"notice": notice.value, "day": iso(day)}, pk="notice")

    # --------------------------------------------------------------- settings

    def set_setting(self, key: str, value: str) -> Settings:
        stored = validate(key, value)
        with self._write() as db:
            db["settings"].upsert({"key": key, "value": stored}, pk="key")
            return self.settings()

    # -------------------------------------------------------------- reminders

    def reminders(self) -> list[Reminder]:
        """Every reminder, in the order they were added."""
        return [self._reminder(r) for r in self.db["reminders"].rows_where(order_by="id")]

    def _reminder(self, row: dict) -> Reminder:
        from ..domain.reminders import Reminder

        number = row["id"]
        fix = f"rehab remind remove {number}"
        try:
            at = check_reminder_time(row["at"] or "")
            days = check_reminder_days(row["days"] or "")
            target = check_reminder_target(row["target"])
        except RehabError as exc:
            raise DamagedRow(f"reminders: row {number}: {exc}; mend it with: {fix} (and add it again)") from None
        last = row["last_sent"]
        return Reminder(
            number,
            at,
            days,
            target,
            day_of(last, f"reminders: row {number}, last_sent,", fix) if last else None,
            row["last_error"],
            row["last_error_at"],
        )

    def _reminder_row(self, number: int) -> dict:
        rows = list(self.db["reminders"].rows_where("id = ?", [number]))
        if not rows:
            raise RehabError(f"no reminder #{number}; `rehab remind list` shows them")
        return rows[0]

    def add_reminder(self, at: str, days: str | None = None, target: str | None = None) -> Reminder:
        """A reminder at `at` (HH:MM) on `days` (default every day), to `target`
        (an apprise URL; None is the desktop)."""
        from ..domain.reminders import days_stored

        row = {
            "at": check_reminder_time(at),
            "days": days_stored(check_reminder_days(days)),
            "target": check_reminder_target(target),
            "created_at": _now(),
        }
        with self._write() as db:
            number = db["reminders"].insert(row).last_pk
            return self._reminder(self._reminder_row(number))

    def remove_reminder(self, number: int) -> Reminder:
        """Remove reminder `number` (as `remind list` shows it); what it was."""
        from ..domain.reminders import Reminder

        with self._write() as db:
            row = self._reminder_row(number)
            try:
                removed = self._reminder(row)
            except DamagedRow:
                # Removing is how a damaged row is mended: it need not read well.
                removed = Reminder(number, str(row["at"]), frozenset(), str(row["target"]) if row["target"] else None)
            db["reminders"].delete(number)
            return removed

    def claim_reminder(self, number: int, day: date) -> Reminder | None:
        """Record that reminder `number` notifies for `day`, unless it already
        did: at most once a day, even with two runs at once (the check and the
        record are one transaction). The reminder as it was before (None if
        it had notified for `day` already)."""
        with self._write() as db:
            before = self._reminder(self._reminder_row(number))
            if before.last_sent == day:
                return None
            db["reminders"].update(number, {"last_sent": iso(day)})
            return before

    def reminder_outcome(self, claimed: Reminder, day: date, error: str | None, when: str) -> Reminder:
        """After a claimed reminder's send: a success clears its last error; a
        failure keeps the error (and when, `when`) and gives the day back, so
        a later run that day tries again."""
        with self._write() as db:
            row = self._reminder_row(claimed.id)
            if error is None:
                changes = {"last_error": None, "last_error_at": None}
            else:
                text = " ".join(error.split()) or "failed"
                text = REMINDER_ERROR.clean("".join(ch for ch in text if ch.isprintable())[: REMINDER_ERROR.cap])
                changes = {"last_error": text, "last_error_at": when}
                if row["last_sent"] == iso(day):
                    changes["last_sent"] = iso(claimed.last_sent) if claimed.last_sent else None
            db["reminders"].update(claimed.id, changes)
            return self._reminder(self._reminder_row(claimed.id))

    # ----------------------------------------------------------------- backup

    def backup(self, dest: str | os.PathLike) -> Path:
        """A consistent copy through SQLite's backup API, safe while others write.

        The copy is private (0600) and made whole beside `dest` before it takes
        that name (files.new_file); an existing `dest` is never overwritten.
        """
        dest = Path(dest).expanduser()
        if files.is_database_file(dest, self.path):
            raise RehabError(f"{dest} is the database or one of its own files; choose another name")
        if os.path.lexists(dest):
            raise RehabError(f"{dest} already exists; choose another name")
        if not dest.parent.is_dir():
            raise RehabError(f"folder {dest.parent} does not exist")
        try:
            with files.new_file(dest) as tmp:
                # Read through a connection of its own: SQLite's backup cannot read
                # from a connection holding a write transaction (it answers
                # SQLITE_LOCKED, which Python retries forever), and the copy made
                # before a migration is taken under the write lock.
                with closing(self._reader()) as source, closing(sqlite3.connect(str(tmp))) as target:
                    source.backup(target)
        except (OSError, sqlite3.Error) as exc:
            raise RehabError(f"cannot write the backup to {dest}: {describe_failure(exc, dest.parent)}") from None
        return dest

    def restore(self, backup: str | os.PathLike) -> Path:
        """Put a checked backup in place of this database; returns where the
        current content was kept (0600, beside the file).

        The pages go in through SQLite's backup API on this connection, as one
        write transaction: safe with a live -wal (copying a file over the
        database would pair the backup with the old -wal and corrupt it) and
        while the app is open (it notices the new data_version and reloads).
        """
        from .health import check_backup, open_read_only

        backup = Path(backup).expanduser()
        if self.read_only:
            raise RehabError(f"{self.path} is read-only; make it writable to restore into it")
        if files.is_database_file(backup, self.path):
            raise RehabError(f"{backup} is the database itself, not a backup of it")
        _check_file(backup, read_only_ok=True)
        check_backup(backup)
        kept = self.backup(_keep_path(self.path, "restore"))
        try:
            with closing(open_read_only(backup)) as source:
                source.backup(self.db.conn)
        except sqlite3.Error as exc:
            raise RehabError(
                f"cannot restore {backup}: {describe_failure(exc)}; the database is unchanged (and kept in {kept.name})"
            ) from None
        self._upgrade()  # an older backup is brought to this version's schema
        return kept

    def _reader(self) -> sqlite3.Connection:
        """A second connection to the file, read-only when the store is."""
        if self.read_only:
            return sqlite3.connect(read_only_uri(self.path), uri=True, timeout=BUSY_TIMEOUT_S)
        return sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S)


def read_only_uri(path: Path) -> str:
    """How to open a file SQLite must not write to, nor beside it.

    mode=ro makes SQLite refuse every write. A WAL file read that way still
    gets a -shm and an empty -wal made beside it, unless it is opened immutable;
    that is right only when no -wal is there, that is when nobody is writing it
    (a read-only file, or a backup) and no crash left committed pages aside.
    """
    uri = f"{Path(path).absolute().as_uri()}?mode=ro"
    if not os.path.lexists(f"{path}-wal"):
        uri += "&immutable=1"
    return uri


def describe_failure(exc: BaseException, folder: Path | None = None) -> str:
    """What went wrong writing a file, in words; a full disk says what to do."""
    if is_disk_full(exc, folder):
        return NO_SPACE
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


#: What a full disk is called everywhere (CLI and TUI).
NO_SPACE = "no space left on the device; free some space (old backups, exports, the trash) and try again"


def is_disk_full(exc: BaseException, folder: Path | None = None) -> bool:
    """Whether `exc` comes from a full disk (of `folder`, the database's, if known)."""
    if isinstance(exc, OSError):
        return exc.errno == errno.ENOSPC
    if not isinstance(exc, sqlite3.Error):
        return False
    code = getattr(exc, "sqlite_errorcode", None) or 0
    if code == sqlite3.SQLITE_FULL:
        return True
    # SQLite reports a -shm or -wal it could not grow as a plain I/O error;
    # a disk with no free block left is then the likely cause.
    if code & 0xFF == sqlite3.SQLITE_IOERR and folder is not None:
        try:
            return os.statvfs(folder).f_bavail == 0
        except OSError:
            return False
    return False


def _snooze_where(habit_id: int | None) -> str:
    return "day = ? AND habit_id IS NULL" if habit_id is None else "day = ? AND habit_id = ?"


def _id_param(habit_id: int | None) -> list[int]:
    return [] if habit_id is None else [habit_id]


def _scope(since_clause: str, since: date | None, habit_id: int | None) -> tuple[str, list]:
    """A WHERE clause for rows from `since` on (all when None), of one habit or all."""
    where, params = since_clause, [iso(since) if since else ""]  # every ISO day sorts after ""
    if habit_id is not None:
        where, params = where + " AND habit_id = ?", params + [habit_id]
    return where, params


def _placeholder(row: dict) -> dict:
    """A daily schedule from the start, for a habit whose every schedule row is being replaced."""
    return {"since": row["start"], "rule": "RRULE:FREQ=DAILY", "anchor": row["start"]}


def _with_schedule(habit: Habit, text: str, since: date, keep_history: bool) -> Habit:
    """`habit` with `text` in force from `since`; the days before keep theirs.
    A version already taking effect on `since` is replaced."""
    check_schedule_since(habit, since)
    new = ScheduleVersion(since, parse_schedule(text, since))
    history = [v for v in habit.schedule_history if v.since != since] if keep_history else []
    earlier = [v for v in history if v.since < since]
    if earlier and earlier[-1].schedule.rule == new.schedule.rule:
        # Re-typing the schedule in force is no change: an `every N days`
        # anchor must not move.
        versions = history
    else:
        versions = sorted([*history, new], key=lambda v: v.since)
    return replace(habit, schedule=versions[-1].schedule, versions=tuple(versions) if len(versions) > 1 else ())


def _same_habit(a: Habit, b: Habit) -> bool:
    """Equal in everything an export carries (the time of the last change aside)."""
    return replace(a, updated_at=None) == replace(b, updated_at=None)


def _keep_path(path: Path, step: str) -> Path:
    """Where the copy of `path` made before migration `step` goes.

    A copy left by an earlier attempt that died before its migration committed
    is never overwritten, and must not stop the file from opening: take the
    next free name beside it.
    """
    keep = path.with_name(f"{path.stem}.before-{step}{path.suffix}")
    n = 2
    while os.path.lexists(keep):
        keep = path.with_name(f"{path.stem}.before-{step}-{n}{path.suffix}")
        n += 1
    return keep


def _check_file(path: Path, read_only_ok: bool = False) -> bool:
    """Refuse what is plainly not a rehab database, reading only its first bytes.

    Returns whether the file may be written; a read-only file is refused unless
    `read_only_ok`.
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise RehabError(f"cannot read {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise RehabError(f"{path} is a folder, not a rehab database file")
    if not stat.S_ISREG(mode):
        # Opening a FIFO waits for a writer forever; a device is nobody's database.
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise RehabError(f"{path} is {kind}, not a rehab database file")
    try:
        with open(path, "rb") as fh:
            header = fh.read(SQLITE_HEADER_SIZE)
    except OSError as exc:
        raise RehabError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not header:
        raise RehabError(f"{path} is an empty file, not a rehab database")
    if not header.startswith(SQLITE_HEADER):
        raise RehabError(f"{path} is not a rehab database (not an SQLite file)")
    # SQLite notices a file cut at a page boundary (its header counts more pages
    # than the file holds), but reads a last page cut short as if zero-padded
    # and would go on writing to the damaged file.
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if len(header) < SQLITE_HEADER_SIZE or page_size < 512 or path.stat().st_size % page_size:
        raise RehabError(f"{path} is damaged (cut short or overwritten); restore it from a backup")
    # Running as root, write permission never stops a write: look at the mode bits too.
    if not os.access(path, os.W_OK) or not mode & 0o222:
        if read_only_ok:
            return False
        raise RehabError(f"{path} is read-only; rehab needs to write to it (reading commands still work)")
    if not os.access(path.parent, os.W_OK):
        if read_only_ok:
            return False
        raise RehabError(f"the folder of {path} is read-only; SQLite needs to write beside the file")
    return True


def _seed(db: Database, today: date) -> None:
    # The default routine is written with no time of change: it counts as
    # older than any edit, so an import into a new file takes the export's
    # copy of these habits whole.
    slugs: list[str] = []
    from ..domain.routine import DEFAULT_ROUTINE  # only a new file needs it

    for position, starter in enumerate(DEFAULT_ROUTINE, start=1):
        rule = parse_schedule(starter.schedule, today)
        habit = check_habit(
            Habit(
                0,
                starter.name,
                "",
                starter.cue,
                starter.minutes,
                rule,
                today,
                when=starter.when,
                prescription=starter.prescription,
            )
        )
        slug = unique_slug(habit.name, slugs)
        slugs.append(slug)
        habit_id = (
            db["habits"]
            .insert(
                {
                    "name": habit.name,
                    "slug": slug,
                    "cue": habit.cue,
                    "minutes": habit.minutes,
                    "start": iso(today),
                    "archived": None,
                    "position": position,
                    "created_at": _now(),
                    "updated_at": None,
                    **prescription_row(habit),
                }
            )
            .last_pk
        )
        db["schedules"].insert({"habit_id": habit_id, "since": iso(today), "rule": rule.rule, "anchor": iso(today)})
