"""The database file itself: whether a file is plainly not a rehab database
(from its first bytes), how to open it without writing to it or beside it,
and where a copy kept beside it goes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..domain.errors import Damaged, InvalidInput, ReadOnly
from .failures import kind_of

SQLITE_HEADER = b"SQLite format 3\x00"
SQLITE_HEADER_SIZE = 100


def read_only_uri(path: Path, disk_full: bool = False) -> str:
    """How to open a file SQLite must not write to, nor beside it.

    mode=ro makes SQLite refuse every write. A WAL file read that way still
    gets a -shm and an empty -wal made beside it, unless it is opened immutable;
    that is right only when no -wal is there, that is when nobody is writing it
    (a read-only file, or a backup) and no crash left committed pages aside.
    On a full disk (`disk_full`) an empty -wal holds no pages and cannot grow,
    so nobody writes either (an open that failed there leaves one behind).
    """
    uri = f"{Path(path).absolute().as_uri()}?mode=ro"
    try:
        wal = os.stat(f"{path}-wal").st_size
    except OSError:
        wal = None
    if wal is None or (disk_full and wal == 0):
        uri += "&immutable=1"
    return uri


def keep_path(path: Path, step: str) -> Path:
    """Where the copy of `path` made before `step` (a migration, a restore, a delete) goes.

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


def check_file(path: Path, read_only_ok: bool = False) -> bool:
    """Refuse what is plainly not a rehab database, reading only its first bytes.

    Returns whether the file may be written; a read-only file is refused unless
    `read_only_ok`.
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise kind_of(exc)(f"cannot read {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise InvalidInput(f"{path} is a folder, not a rehab database file")
    if not stat.S_ISREG(mode):
        # Opening a FIFO waits for a writer forever; a device is nobody's database.
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise InvalidInput(f"{path} is {kind}, not a rehab database file")
    try:
        with open(path, "rb") as fh:
            header = fh.read(SQLITE_HEADER_SIZE)
    except OSError as exc:
        raise kind_of(exc)(f"cannot read {path}: {exc.strerror or exc}") from None
    if not header:
        raise Damaged(f"{path} is an empty file, not a rehab database")
    if not header.startswith(SQLITE_HEADER):
        raise Damaged(f"{path} is not a rehab database (not an SQLite file)")
    # SQLite notices a file cut at a page boundary (its header counts more pages
    # than the file holds), but reads a last page cut short as if zero-padded
    # and would go on writing to the damaged file.
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if len(header) < SQLITE_HEADER_SIZE or page_size < 512 or path.stat().st_size % page_size:
        raise Damaged(f"{path} is damaged (cut short or overwritten); restore it from a backup")
    # Running as root, write permission never stops a write: look at the mode bits too.
    if not os.access(path, os.W_OK) or not mode & 0o222:
        if read_only_ok:
            return False
        raise ReadOnly(f"{path} is read-only; rehab needs to write to it (reading commands still work)")
    if not os.access(path.parent, os.W_OK):
        if read_only_ok:
            return False
        raise ReadOnly(f"the folder of {path} is read-only; SQLite needs to write beside the file")
    return True
