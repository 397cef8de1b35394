"""Opening the rehab file: refusing what is not ours, creating a new one whole
with the default routine, upgrading an older one (a copy kept first), WAL."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import date
from pathlib import Path
from typing import Self

from sqlite_utils import Database

from ..domain.dates import iso
from ..domain.errors import Damaged, DiskFull, InvalidInput, ReadOnly, RehabError, StorageError
from ..domain.lookup import unique_slug
from ..domain.model import Habit
from ..domain.rules import check_habit
from ..domain.schedules import parse_schedule
from . import files
from .backup import Backup
from .dbfile import check_file, keep_path, read_only_uri
from .failures import DRIVER_ERRORS, NO_SPACE, describe, is_disk_full, kind_of, storage_error
from .gate import BUSY_TIMEOUT_S, changed_at, inserted_id
from .rows import prescription_row
from .schema import known_migrations, migrations


class Opening(Backup):
    @classmethod
    def open(cls, path: str | os.PathLike, today: date, read_only_ok: bool = False, example: bool = True) -> Self:
        """Open (or create) the rehab database at `path`. A new file holds the
        example routine unless `example` is False (a file made to import into).

        A file that is not ours is refused before anything is written to it. A
        file the user made read-only is opened read-only when `read_only_ok` (a
        command that only reads); otherwise it is refused.
        """
        if str(path) == ":memory:" or str(path).startswith("file:"):
            # SQLite would read these as a throwaway in-memory database or a URI,
            # while the checks here look at a file of that name.
            raise InvalidInput(f"'{path}' is not a file path; give --db the path of a database file")
        path = Path(path).expanduser()
        if not os.path.lexists(path):
            cls._create(path, today, example)
            store = cls._connect(path)
            store.nag_centre = today
            store.made_with_example = example
            return store
        writable = check_file(path, read_only_ok)
        # A backup or export killed half-way left a temporary file beside the
        # database; one that is still being written is locked and stays.
        removed = files.remove_leftovers(path) if writable else []
        try:
            store = cls._connect(path, read_only=not writable)
        except DiskFull:
            if not (writable and read_only_ok):
                raise
            # A command that only reads, on a full disk: SQLite could not make
            # the files it keeps beside a file it may write. Reading needs none.
            writable = False
            store = cls._connect(path, read_only=True, disk_full=True)
        store.nag_centre = today
        store.removed_leftovers = removed
        try:
            if writable:
                store._upgrade()
            else:
                store._check_schema()
        except BaseException as exc:
            store.close()
            if isinstance(exc, DRIVER_ERRORS):
                raise storage_error(exc, path) from exc
            raise
        return store

    @classmethod
    def _connect(cls, path: Path, read_only: bool = False, disk_full: bool = False) -> Self:
        try:
            if read_only:
                conn = sqlite3.connect(read_only_uri(path, disk_full), uri=True, timeout=BUSY_TIMEOUT_S)
            else:
                conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
        except sqlite3.Error as exc:
            raise StorageError(f"cannot open {path}: {exc}") from None
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
                raise DiskFull(f"cannot open {path}: {NO_SPACE}") from None
            raise Damaged(f"{path} is damaged or not a rehab database ({exc})") from None
        store = cls(db, path)
        store.read_only = read_only
        return store

    @classmethod
    def _create(cls, path: Path, today: date, example: bool) -> None:
        # Build the new file beside its final place and link it in whole, so a
        # crash half-way never leaves a half-made database at the user's path.
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise kind_of(exc)(f"cannot create {path}: {describe(exc)}") from None
        try:
            with files.new_file(path, suffix=files.NEW_DB_SUFFIX) as tmp:
                db = Database(sqlite3.connect(str(tmp)), execute_plugins=False)
                try:
                    migrations.apply(db)
                    if example:
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
            raise kind_of(exc)(f"cannot create {path}: {describe(exc)}") from None
        except sqlite3.Error as exc:
            raise kind_of(exc)(f"cannot create {path}: {exc}") from None

    def _check_schema(self) -> None:
        """Refuse a file that is not ours or is newer, for a store opened read-only."""
        applied, pending = self._schema_state()
        if pending:
            raise ReadOnly(f"{self.path} is read-only and needs an upgrade by this version; make it writable")

    def _schema_state(self) -> tuple[set[str], list]:
        """The migrations applied to the file and those still pending; refuses
        another application's file and a newer schema."""
        db = self.db
        try:
            tables = set(db.table_names())
            applied = {m.name for m in migrations.applied(db)} if "_sqlite_migrations" in tables else set()
        except sqlite3.DatabaseError as exc:
            raise Damaged(f"{self.path} is damaged or not a rehab database ({exc})") from None
        if not applied:
            raise Damaged(f"{self.path} is an SQLite file of another application, not a rehab database")
        unknown = applied - known_migrations()
        if unknown:
            raise StorageError(
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
                    self.backup(keep_path(self.path, pending[0].name))
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
        habit_id = inserted_id(
            db.table("habits").insert(
                {
                    "name": habit.name,
                    "slug": slug,
                    "cue": habit.cue,
                    "minutes": habit.minutes,
                    "start": iso(today),
                    "archived": None,
                    "position": position,
                    "created_at": changed_at(),
                    "updated_at": None,
                    **prescription_row(habit),
                }
            )
        )
        db.table("schedules").insert(
            {"habit_id": habit_id, "since": iso(today), "rule": rule.rule, "anchor": iso(today)}
        )
