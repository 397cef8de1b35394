"""Errors of SQLite and of the operating system, as the typed errors the user reads.

The store is the only code that talks to the driver, so it is the one place
that words its failures: a command or a screen catches `RehabError` (or one
of the storage errors below it) and shows the sentence.
"""

from __future__ import annotations

import errno
import functools
import inspect
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ParamSpec, TypeVar

from ..domain.errors import Damaged, DiskFull, ReadOnly, StorageError

#: What a full disk is called everywhere (CLI and TUI).
NO_SPACE = "no space left on the device; free some space (old backups, exports, the trash) and try again"

#: What the driver and the operating system raise when the file or the disk fails.
#: (sqlite3's InterfaceError and ProgrammingError are mistakes in this code, not the file's.)
DRIVER_ERRORS = (sqlite3.DatabaseError, OSError)

#: The errors of a file that cannot be written for its permissions or its file system.
_READ_ONLY_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS)

P = ParamSpec("P")
R = TypeVar("R")
C = TypeVar("C", bound=type)


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


def describe(exc: BaseException, folder: Path | None = None) -> str:
    """What went wrong writing a file, in words; a full disk says what to do."""
    if is_disk_full(exc, folder):
        return NO_SPACE
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def kind_of(exc: BaseException, folder: Path | None = None) -> type[StorageError]:
    """The typed error for `exc`: a full disk, a file that cannot be written, or another failure."""
    if is_disk_full(exc, folder):
        return DiskFull
    if isinstance(exc, OSError) and exc.errno in _READ_ONLY_ERRNOS:
        return ReadOnly
    if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_READONLY:
        return ReadOnly
    return StorageError


def storage_error(exc: BaseException, path: Path | None = None) -> StorageError:
    """A failure of the database at `path` (or of a file the command reads or
    writes, without a path) as the typed error, in one sentence."""
    folder = path.parent if path is not None else None
    kind = kind_of(exc, folder)
    if kind is DiskFull:
        # The write was rolled back wherever it hit; the fix is the same.
        return DiskFull(NO_SPACE)
    if isinstance(exc, sqlite3.DatabaseError):
        if kind is ReadOnly:
            return ReadOnly(f"{path or 'the database'} is read-only; this command needs to write to it")
        if isinstance(exc, sqlite3.OperationalError):
            return StorageError(f"the database could not be used: {exc}")
        return Damaged(f"the database is damaged or not a rehab database: {exc}")
    filename = getattr(exc, "filename", None)
    reason = getattr(exc, "strerror", None) or str(exc)
    return kind(reason + (f": {filename}" if filename else ""))


@contextmanager
def translated(path: Path | None) -> Iterator[None]:
    """Within it, a driver or OS error leaves as `storage_error`."""
    try:
        yield
    except DRIVER_ERRORS as exc:
        raise storage_error(exc, path) from exc


def _translating(method: Callable[P, R]) -> Callable[P, R]:
    """`method` of the store, its driver and OS errors translated (the store's path names the file)."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except DRIVER_ERRORS as exc:
            raise storage_error(exc, getattr(args[0], "path", None)) from exc

    return call


def translate_public_methods(cls: C) -> C:
    """Every public method of `cls` (its rooms' too) translating its failures:
    no sqlite3 or OS error leaves the store untyped. (Class methods, `open`,
    translate their own: they have no store to name the file yet.)"""
    for name in dir(cls):
        value = inspect.getattr_static(cls, name)
        if not name.startswith("_") and inspect.isfunction(value):
            setattr(cls, name, _translating(value))
    return cls
