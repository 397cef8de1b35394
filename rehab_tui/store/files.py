"""Writing files safely: private, exclusive, atomic, never through a symlink.

Every file rehab writes (a backup, an export, the copy kept before a migration
or a restore, the new database itself) is first made under an unpredictable
name beside its final place and put there whole, so a kill, a full disk or a
symlink planted by someone else never costs the user the file they had.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.errors import AlreadyExists, NotFound
from .failures import storage_error

#: How a file in the making is named: `.NAME.<random>.partial` beside NAME.
TEMP_SUFFIX = ".partial"
#: How a database in the making is named (see opening.Opening._create).
NEW_DB_SUFFIX = ".new"
#: What SQLite keeps beside a database file; none of them is ever a target.
SIDECARS = ("-wal", "-shm", "-journal")


@contextmanager
def new_file(dest: str | os.PathLike, *, overwrite: bool = False, suffix: str = TEMP_SUFFIX) -> Iterator[Path]:
    """Yield the path of a fresh, empty 0600 file beside `dest`; on a clean exit it becomes `dest`.

    The temporary file is created with O_CREAT|O_EXCL|O_NOFOLLOW (tempfile.mkstemp)
    under a random name, and locked while it is written, so `remove_leftovers` in
    another process never takes a file that is still being made. Without
    `overwrite` an existing `dest` (a symlink too) is an error, checked again by
    the link that puts the file in place; with it, os.replace swaps the name
    atomically (replacing a symlink itself, never what it points to). On any
    failure the temporary file is removed and `dest` is as it was.
    """
    dest = Path(dest)
    if not overwrite and os.path.lexists(dest):
        raise AlreadyExists(f"{dest} already exists; choose another name")
    folder = dest.parent
    fd, tmp = _locked_temp(folder, f".{dest.name}.", suffix)
    try:
        yield tmp
        _fsync_path(tmp)
        if overwrite:
            os.replace(tmp, dest)
        else:
            # link() refuses an existing name, a symlink included: exclusive to the end.
            try:
                os.link(tmp, dest)
            except FileExistsError:
                raise AlreadyExists(f"{dest} already exists; choose another name") from None
            except OSError:
                # A file system without hard links: the check above has to do.
                if os.path.lexists(dest):
                    raise AlreadyExists(f"{dest} already exists; choose another name") from None
                os.replace(tmp, dest)
            else:
                tmp.unlink()
        _fsync_folder(folder)
    except BaseException:
        for leftover in (tmp, *(Path(f"{tmp}{s}") for s in SIDECARS)):
            leftover.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def _locked_temp(folder: Path, prefix: str, suffix: str) -> tuple[int, Path]:
    """A new temporary file, locked; remade if another process's clean-up took
    it in the instant between its creation and the lock."""
    import tempfile  # only when a file is written: it pulls in shutil, bz2 and lzma

    while True:
        try:
            fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
        except FileNotFoundError:
            raise NotFound(f"folder {folder} does not exist") from None
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            if os.path.samestat(os.stat(name, follow_symlinks=False), os.fstat(fd)):
                return fd, Path(name)
        except FileNotFoundError:
            pass
        os.close(fd)


def write_file(dest: str | os.PathLike, data: bytes, *, overwrite: bool = False) -> Path:
    """Write `data` to `dest` through `new_file`; a failure is the typed error."""
    try:
        with new_file(dest, overwrite=overwrite) as tmp:
            # O_NOFOLLOW: the name is ours (made by mkstemp), and stays a plain file.
            fd = os.open(tmp, os.O_WRONLY | os.O_NOFOLLOW)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
    except OSError as exc:
        raise storage_error(exc) from exc
    return Path(dest)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    # The new name is only durable once the folder's entry is on disk too.
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is synced
    finally:
        os.close(fd)


# ------------------------------------------------------------ leftovers


def leftovers(db_path: Path) -> list[Path]:
    """Files beside the database left by a write that was killed half-way.

    A file still being written (its writer holds the lock `new_file` takes) is
    not a leftover.
    """
    folder = db_path.parent
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in sorted(names):
        if not name.startswith("."):
            continue
        base = _without_sidecar(name)
        if _OURS.match(base) and (base.endswith(TEMP_SUFFIX) or base.startswith(f".{db_path.name}.")):
            path = folder / name
            if base == name and not _in_use(path):
                found.append(path)
            elif base != name and not (folder / base).exists():
                found.append(path)  # a journal whose file is gone
    return found


def remove_leftovers(db_path: Path) -> list[Path]:
    """Remove `leftovers` (and their journals); returns what was removed."""
    removed = []
    for path in leftovers(db_path):
        for extra in (path, *(Path(f"{path}{s}") for s in SIDECARS)):
            try:
                extra.unlink()
                removed.append(extra)
            except FileNotFoundError:
                pass
            except OSError:
                break  # a read-only folder: `rehab check` still reports them
    return removed


#: The names new_file makes: `.NAME.` + tempfile's 8 random characters + a suffix.
#: Nothing else is touched, even in a folder shared with other programs (~).
_OURS = re.compile(r"^\..+\.[a-z0-9_]{8}(" + re.escape(TEMP_SUFFIX) + "|" + re.escape(NEW_DB_SUFFIX) + ")$")


def _without_sidecar(name: str) -> str:
    for sidecar in SIDECARS:
        if name.endswith(sidecar):
            return name[: -len(sidecar)]
    return name


def _in_use(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return True  # not ours to remove
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            return exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN)
        return False
    finally:
        os.close(fd)


# ------------------------------------------------------------ the database's own files


def database_files(db_path: Path) -> list[Path]:
    """The database and the files SQLite keeps beside it (by the name given and the
    name it resolves to, which is the one SQLite names its sidecars after)."""
    names = [db_path]
    try:
        real = db_path.resolve()
    except (OSError, RuntimeError):
        real = db_path
    if real != db_path:
        names.append(real)
    return [p for name in names for p in (name, *(Path(f"{name}{s}") for s in SIDECARS))]


def is_database_file(target: str | os.PathLike, db_path: Path) -> bool:
    """Whether writing `target` would write over the database or one of its sidecars,
    by any path: the same name once resolved, or the same file (a hard link, a symlink)."""
    target = Path(target).expanduser()
    try:
        where = target.parent.resolve() / target.name
    except (OSError, RuntimeError):
        where = target.absolute()
    for own in database_files(db_path):
        try:
            if where == own.parent.resolve() / own.name:
                return True
        except (OSError, RuntimeError):
            pass
        try:
            if os.path.samefile(target, own):
                return True
        except OSError:
            pass  # one of them does not exist
    return False
