"""The store's connection and its one write path: every write is one transaction
that takes the write lock up front and refills the nag table before it commits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Self

from sqlite_utils import Database
from sqlite_utils.db import Table

from ..domain.errors import StorageError
from .failures import translated

#: How long a write waits for another process's write lock.
BUSY_TIMEOUT_S = 15.0


def changed_at() -> str:
    """The time of a change, as stored (UTC, ISO)."""
    # Microseconds: an import compares these to decide which copy of a habit
    # is newer, and two edits can fall in one second.
    return datetime.now(UTC).isoformat(timespec="microseconds")


def inserted_id(table: Table) -> int:
    """The id of the row `table.insert(...)` just wrote.

    Every rehab table has an integer id, so sqlite-utils always knows it; a
    None here would mean the row went in without one, and nothing may go on
    as if it had an id.
    """
    if table.last_pk is None:
        raise StorageError(f"the new {table.name} row has no id")
    return int(table.last_pk)


class Gate:
    """What every room of the store shares: the connection, what opening it
    found, and the one write path."""

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
        #: The day the nag table is kept around besides the real date (NagTable).
        self.nag_centre = date.today()
        #: This open made the file, with the example routine in it: the app
        #: offers to keep it or start empty, a command says so.
        self.made_with_example = False

    def close(self) -> None:
        self.db.close()

    def data_version(self) -> int:
        """Changes whenever another connection commits (cheap to poll)."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

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

    def _keep_nag(self) -> None:
        raise NotImplementedError  # the nag table's room (nag_table.NagTable) refills it

    @contextmanager
    def transaction(self) -> Iterator[Self]:
        """Several writes as one: all of them, or (on any error) none."""
        # The commit at the end is a write of its own: a full disk may refuse it.
        with translated(self.path), self._write():
            yield self
