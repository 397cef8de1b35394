"""Backups and restores through SQLite's backup API: consistent while others
write, private, made whole beside their final name."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from ..domain.errors import AlreadyExists, InvalidInput, NotFound, ReadOnly
from . import files
from .dbfile import check_file, keep_path, read_only_uri
from .failures import describe, kind_of
from .gate import BUSY_TIMEOUT_S, Gate


class Backup(Gate):
    def backup(self, dest: str | os.PathLike) -> Path:
        """A consistent copy through SQLite's backup API, safe while others write.

        The copy is private (0600) and made whole beside `dest` before it takes
        that name (files.new_file); an existing `dest` is never overwritten.
        """
        dest = Path(dest).expanduser()
        if files.is_database_file(dest, self.path):
            raise InvalidInput(f"{dest} is the database or one of its own files; choose another name")
        if os.path.lexists(dest):
            raise AlreadyExists(f"{dest} already exists; choose another name")
        if not dest.parent.is_dir():
            raise NotFound(f"folder {dest.parent} does not exist")
        try:
            with files.new_file(dest) as tmp:
                # Read through a connection of its own: SQLite's backup cannot read
                # from a connection holding a write transaction (it answers
                # SQLITE_LOCKED, which Python retries forever), and the copy made
                # before a migration is taken under the write lock.
                with closing(self._reader()) as source, closing(sqlite3.connect(str(tmp))) as target:
                    source.backup(target)
        except (OSError, sqlite3.Error) as exc:
            failure = describe(exc, dest.parent)
            raise kind_of(exc, dest.parent)(f"cannot write the backup to {dest}: {failure}") from None
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
            raise ReadOnly(f"{self.path} is read-only; make it writable to restore into it")
        if files.is_database_file(backup, self.path):
            raise InvalidInput(f"{backup} is the database itself, not a backup of it")
        check_file(backup, read_only_ok=True)
        check_backup(backup)
        kept = self.backup(keep_path(self.path, "restore"))
        try:
            with closing(open_read_only(backup)) as source:
                source.backup(self.db.conn)
        except sqlite3.Error as exc:
            failure = describe(exc, self.path.parent)
            raise kind_of(exc, self.path.parent)(
                f"cannot restore {backup}: {failure}; the database is unchanged (and kept in {kept.name})"
            ) from None
        self._upgrade()  # an older backup is brought to this version's schema
        return kept

    def _upgrade(self) -> None:
        raise NotImplementedError  # opening.Opening brings a file to this version's schema

    def _reader(self) -> sqlite3.Connection:
        """A second connection to the file, read-only when the store is."""
        if self.read_only:
            return sqlite3.connect(read_only_uri(self.path), uri=True, timeout=BUSY_TIMEOUT_S)
        return sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S)
