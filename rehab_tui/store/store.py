"""The rehab database: opening it safely, reading it whole, writing one action at a time."""

from __future__ import annotations

import errno
import functools
import os
import stat
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlite_utils import Database

from ..domain.dates import iso
from ..domain.errors import RehabError
from ..domain.lookup import clean_name, unique_slug
from ..domain.model import Habit, HabitLog, Journal, Pause, Snooze
from ..domain.schedules import Schedule, load_schedule, parse_schedule
from ..domain.settings import DEFAULT_ROUTINE, DEFAULTS, Settings, validate
from ..domain.snoozing import can_snooze
from . import files
from .schema import known_migrations, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
SQLITE_HEADER_SIZE = 100
BUSY_TIMEOUT_S = 15.0
SNOOZE_AHEAD_DAYS = 7
MAX_MINUTES = 600


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("rehab-tui", appauthor=False) / "rehab.db"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class Store:
    """The one owner of a rehab SQLite file. Every public write is one transaction."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        #: Opened read-only (the file is): SQLite refuses every write.
        self.read_only = False
        #: Temporary files of killed writes that opening the file removed.
        self.removed_leftovers: list[Path] = []

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
            return cls._connect(path)
        writable = _check_file(path, read_only_ok)
        if not writable:
            return cls._connect(path, read_only=True)._check_schema()
        # A backup or export killed half-way left a temporary file beside the
        # database; one that is still being written is locked and stays.
        removed = files.remove_leftovers(path)
        store = cls._connect(path)
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
            raise RehabError(
                f"{self.path} is an SQLite file of another application, not a rehab database"
            )
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
    def _write(self) -> Iterator[Database]:
        # BEGIN IMMEDIATE takes the write lock up front. A plain BEGIN (what
        # atomic() issues) that reads and then writes can hit SQLITE_BUSY at the
        # lock upgrade, which no busy timeout waits out. sqlite-utils' own write
        # methods nest inside as savepoints.
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.conn.rollback()
            raise
        self.db.execute("COMMIT")

    # ------------------------------------------------------------------ reads

    def settings(self) -> Settings:
        return Settings.from_values(self.setting_values())

    def setting_values(self) -> dict[str, str]:
        """The stored settings over the defaults."""
        stored = {row["key"]: row["value"] for row in self.db["settings"].rows}
        return {**DEFAULTS, **{k: v for k, v in stored.items() if k in DEFAULTS}}

    def habits(self) -> list[Habit]:
        """All habits, archived ones too, in list order."""
        return [_habit(row) for row in self.db["habits"].rows_where(order_by="position, id")]

    def journal(self, since: date | None = None) -> Journal:
        """Everything recorded (or, with `since`, what touches that day and
        later), in three grouped queries, for the domain to read."""
        settings = self.settings()
        habits = self.habits()
        from_day = [iso(since) if since else ""]  # every ISO day sorts after ""
        done: dict[int, frozenset[date]] = {}
        # Twelve habits checked in on the same days share one date object per
        # day: ten years of check-ins take half a megabyte less this way.
        day = functools.cache(date.fromisoformat)
        for habit_id, days in self.db.execute(
            "SELECT habit_id, group_concat(day) FROM checkins WHERE day >= ? GROUP BY habit_id", from_day
        ):
            done[habit_id] = frozenset(map(day, days.split(",")))
        snoozes = [
            Snooze(day(r["day"]), r["habit_id"], r["reason"], r["area"], r["pain"])
            for r in self.db["snoozes"].rows_where("day >= ?", from_day, order_by="day")
        ]
        habit_snoozes: dict[int, set[date]] = defaultdict(set)
        for s in snoozes:
            if s.habit_id is not None:
                habit_snoozes[s.habit_id].add(s.day)
        pauses: dict[int, list[Pause]] = defaultdict(list)
        for r in self.db["pauses"].rows_where("until >= ?", from_day, order_by="start"):
            pauses[r["habit_id"]].append(
                Pause(day(r["start"]), day(r["until"]), r["reason"] or "")
            )
        logs = tuple(
            HabitLog(
                h,
                done.get(h.id, frozenset()),
                frozenset(habit_snoozes.get(h.id, ())),
                tuple(pauses.get(h.id, ())),
            )
            for h in habits
        )
        return Journal(
            logs,
            frozenset(s.day for s in snoozes if s.habit_id is None),
            settings.week_start,
            settings.snooze_budget,
        )

    def _habit_row(self, habit_id: int) -> dict:
        rows = list(self.db["habits"].rows_where("id = ?", [habit_id]))
        if not rows:
            raise RehabError(f"no habit with id {habit_id}")
        return rows[0]

    # ----------------------------------------------------------------- habits

    def add_habit(
        self,
        name: str,
        schedule: str,
        today: date,
        cue: str = "",
        minutes: int | None = None,
        start: date | None = None,
    ) -> Habit:
        name = clean_name(name)
        parsed = parse_schedule(schedule, today)
        _check_minutes(minutes)
        with self._write() as db:
            self._check_name_free(name)
            slugs = [r["slug"] for r in db["habits"].rows]
            position = (db.execute("SELECT max(position) FROM habits").fetchone()[0] or 0) + 1
            row = _new_habit(name, unique_slug(name, slugs), (cue or "").strip(), minutes, parsed, start or today, position)
            habit_id = db["habits"].insert(row).last_pk
        return _habit(self._habit_row(habit_id))

    def _check_name_free(self, name: str, except_id: int | None = None) -> None:
        key = name.casefold()
        for row in self.db["habits"].rows:
            if row["id"] != except_id and row["name"].casefold() == key:
                raise RehabError(f"a habit named '{row['name']}' already exists")

    def edit_habit(
        self,
        habit_id: int,
        today: date,
        name: str | None = None,
        cue: str | None = None,
        minutes: int | None = None,
        schedule: str | None = None,
    ) -> Habit:
        changes: dict = {}
        if name is not None:
            changes["name"] = clean_name(name)
        if cue is not None:
            changes["cue"] = cue.strip()
        if minutes is not None:
            _check_minutes(minutes)
            changes["minutes"] = minutes
        if schedule is not None:
            row = self._habit_row(habit_id)
            current = load_schedule(row["schedule"], date.fromisoformat(row["schedule_anchor"]))
            parsed = parse_schedule(schedule, today)
            # Re-typing the same schedule must not move an `every N days` anchor.
            if parsed.rule != current.rule:
                changes["schedule"] = parsed.rule
                changes["schedule_anchor"] = iso(parsed.anchor)
        with self._write() as db:
            self._habit_row(habit_id)
            if "name" in changes:
                self._check_name_free(changes["name"], except_id=habit_id)
            if changes:
                db["habits"].update(habit_id, changes)
        return _habit(self._habit_row(habit_id))

    def archive_habit(self, habit_id: int, day: date) -> None:
        with self._write() as db:
            self._habit_row(habit_id)
            db["habits"].update(habit_id, {"archived": iso(day)})

    def restore_habit(self, habit_id: int) -> None:
        with self._write() as db:
            self._habit_row(habit_id)
            db["habits"].update(habit_id, {"archived": None})

    def move_habit(self, habit_id: int, position: int) -> None:
        """Put a habit at `position` (1-based) in the list."""
        with self._write() as db:
            order = [r["id"] for r in db["habits"].rows_where(order_by="position, id")]
            if habit_id not in order:
                raise RehabError(f"no habit with id {habit_id}")
            order.remove(habit_id)
            index = min(max(position, 1), len(order) + 1) - 1
            order.insert(index, habit_id)
            for pos, hid in enumerate(order, start=1):
                db["habits"].update(hid, {"position": pos})

    # -------------------------------------------------------------- check-ins

    def check_in(self, habit_ids: Sequence[int], day: date, today: date) -> list[int]:
        """Mark habits done on `day`; returns those not already done."""
        if day > today:
            raise RehabError(f"{iso(day)} is in the future; check in on the day itself")
        added = []
        with self._write() as db:
            for habit_id in habit_ids:
                row = self._habit_row(habit_id)
                if row["archived"] and iso(day) >= row["archived"]:
                    raise RehabError(f"{row['name']} is archived from {row['archived']}")
                if iso(day) < row["start"]:
                    db["habits"].update(habit_id, {"start": iso(day)})
                if not db["checkins"].count_where("habit_id = ? AND day = ?", [habit_id, iso(day)]):
                    db["checkins"].insert({"habit_id": habit_id, "day": iso(day), "created_at": _now()})
                    added.append(habit_id)
        return added

    def undo(self, habit_ids: Sequence[int], day: date) -> list[int]:
        """Take check-ins back; returns those that were there."""
        removed = []
        with self._write() as db:
            for habit_id in habit_ids:
                self._habit_row(habit_id)
                where = "habit_id = ? AND day = ?"
                if db["checkins"].count_where(where, [habit_id, iso(day)]):
                    db["checkins"].delete_where(where, [habit_id, iso(day)])
                    removed.append(habit_id)
        return removed

    # ------------------------------------------------------- snoozes, pauses

    def snooze(
        self,
        day: date,
        today: date,
        habit_id: int | None = None,
        reason: str = "sore",
        area: str | None = None,
        pain: int | None = None,
    ) -> bool:
        """Snooze the day (or one habit on it); False when it already was."""
        if day > today + timedelta(days=SNOOZE_AHEAD_DAYS):
            raise RehabError(f"snoozes reach at most {SNOOZE_AHEAD_DAYS} days ahead ({iso(day)} is further)")
        if pain is not None and not 0 <= pain <= 10:
            raise RehabError(f"pain is a level from 0 to 10 ({pain} given)")
        with self._write() as db:
            if habit_id is not None:
                self._habit_row(habit_id)
            same = _snooze_where(habit_id)
            if db["snoozes"].count_where(same, [iso(day), *_id_param(habit_id)]):
                return False
            budget = self.settings().snooze_budget
            near = {
                date.fromisoformat(r["day"])
                for r in db["snoozes"].rows_where(
                    "day BETWEEN ? AND ?",
                    [iso(day - timedelta(days=6)), iso(day + timedelta(days=6))],
                    select="day",
                )
            }
            if not can_snooze(frozenset(near), day, budget):
                raise RehabError(
                    f"the snooze budget is spent: {budget} snoozed day{'s' if budget != 1 else ''} "
                    f"in any 7 days. For a longer break, pause instead: "
                    f"rehab pause HABIT --until DATE"
                )
            db["snoozes"].insert(
                {
                    "day": iso(day),
                    "habit_id": habit_id,
                    "reason": (reason or "sore").strip() or "sore",
                    "area": (area or "").strip() or None,
                    "pain": pain,
                    "created_at": _now(),
                }
            )
        return True

    def unsnooze(self, day: date, habit_id: int | None = None) -> bool:
        with self._write() as db:
            where = _snooze_where(habit_id)
            params = [iso(day), *_id_param(habit_id)]
            if not db["snoozes"].count_where(where, params):
                return False
            db["snoozes"].delete_where(where, params)
        return True

    def pause(self, habit_id: int, start: date, until: date, reason: str = "") -> Pause:
        """Pause from `start` through `until`, merged with any pause it overlaps."""
        if until < start:
            raise RehabError(f"--until {iso(until)} is before the pause starts ({iso(start)})")
        with self._write() as db:
            self._habit_row(habit_id)
            overlapping = list(
                db["pauses"].rows_where(
                    "habit_id = ? AND start <= ? AND until >= ?",
                    [habit_id, iso(until + timedelta(days=1)), iso(start - timedelta(days=1))],
                )
            )
            first = min([iso(start), *(r["start"] for r in overlapping)])
            last = max([iso(until), *(r["until"] for r in overlapping)])
            for r in overlapping:
                db["pauses"].delete(r["id"])
            db["pauses"].insert(
                {"habit_id": habit_id, "start": first, "until": last, "reason": (reason or "").strip()}
            )
        return Pause(date.fromisoformat(first), date.fromisoformat(last), reason)

    def resume(self, habit_id: int, today: date) -> Pause:
        """End the pause holding today so today is active; later pauses stay."""
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
        return Pause(date.fromisoformat(pause["start"]), date.fromisoformat(pause["until"]), pause["reason"] or "")

    def load_history(
        self,
        checkins: Iterable[tuple[int, date]],
        snoozes: Iterable[Snooze] = (),
        pauses: Iterable[tuple[int, Pause]] = (),
    ) -> None:
        """Record a whole history in one transaction (demo data, generated benchmarks)."""
        with self._write() as db:
            db["checkins"].insert_all(
                ({"habit_id": h, "day": iso(d), "created_at": None} for h, d in checkins),
                ignore=True, batch_size=5000,
            )
            db["snoozes"].insert_all(
                (
                    {"day": iso(s.day), "habit_id": s.habit_id, "reason": s.reason,
                     "area": s.area, "pain": s.pain, "created_at": None}
                    for s in snoozes
                ),
                batch_size=5000,
            )
            db["pauses"].insert_all(
                {"habit_id": h, "start": iso(p.start), "until": iso(p.until), "reason": p.reason}
                for h, p in pauses
            )

    # --------------------------------------------------------------- settings

    def set_setting(self, key: str, value: str) -> str:
        stored = validate(key, value)
        with self._write() as db:
            db["settings"].upsert({"key": key, "value": stored}, pk="key")
        return stored

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
                f"cannot restore {backup}: {describe_failure(exc)}; the database is unchanged "
                f"(and kept in {kept.name})"
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


def _check_minutes(minutes: int | None) -> None:
    if minutes is not None and not 0 <= minutes <= MAX_MINUTES:
        raise RehabError(f"minutes go from 0 to {MAX_MINUTES} ({minutes} given)")


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
    slugs: list[str] = []
    for position, (name, schedule, minutes, cue) in enumerate(DEFAULT_ROUTINE, start=1):
        slug = unique_slug(name, slugs)
        slugs.append(slug)
        db["habits"].insert(_new_habit(name, slug, cue, minutes, parse_schedule(schedule, today), today, position))


def _new_habit(
    name: str, slug: str, cue: str, minutes: int | None, schedule: Schedule, start: date, position: int
) -> dict:
    """The row of a habit being added, its schedule anchored where it was parsed."""
    return {
        "name": name, "slug": slug, "cue": cue, "minutes": minutes,
        "schedule": schedule.rule, "schedule_anchor": iso(schedule.anchor), "start": iso(start),
        "archived": None, "position": position, "created_at": _now(),
    }


def _habit(row: dict) -> Habit:
    return Habit(
        id=row["id"],
        name=row["name"],
        slug=row["slug"],
        cue=row["cue"] or "",
        minutes=row["minutes"],
        schedule=load_schedule(row["schedule"], date.fromisoformat(row["schedule_anchor"])),
        start=date.fromisoformat(row["start"]),
        archived=_day(row["archived"]),
        position=row["position"],
    )

