"""The shared folder: each device writes one file of its own, `<device>.rehab-sync`,
the whole document as it merged it; every other file with that ending is read
as an update, a sync tool's conflicted copy included."""

from __future__ import annotations

from pathlib import Path

from ..store.files import leftovers, write_file

#: The ending of a device's file; a sync tool's copy of one keeps it
#: (`laptop.sync-conflict-20261206-101010-ABCD.rehab-sync`,
#: `laptop (conflicted copy 2026-12-06).rehab-sync`).
SUFFIX = ".rehab-sync"


def own_file(folder: Path, device: str) -> Path:
    return folder / f"{device}{SUFFIX}"


def others(folder: Path, device: str) -> dict[str, list[int]]:
    """Every other update in the folder: name -> [mtime_ns, size] (what a sync saw)."""
    mine = own_file(folder, device).name
    found = {}
    for path in folder.iterdir():
        if path.name.endswith(SUFFIX) and path.name != mine and not path.name.startswith("."):
            try:
                st = path.stat()
            except FileNotFoundError:
                continue  # a sync tool took it away meanwhile
            if path.is_file():
                found[path.name] = [st.st_mtime_ns, st.st_size]
    return dict(sorted(found.items()))


def write_own(folder: Path, device: str, update: bytes) -> None:
    """This device's file, replaced whole (a temp file renamed over it): a
    sync tool or a kill never sees half of it under its name. A temp file a
    killed write left is removed first (only this device's, and not one a
    writer still holds): else the sync tool would carry it to every machine."""
    own = own_file(folder, device)
    for path in leftovers(own):
        # leftovers() finds any of our temporary files there: another device's
        # is that device's to remove (each device writes only its own names).
        if path.name.startswith(f".{own.name}."):
            path.unlink(missing_ok=True)
    write_file(own, update, overwrite=True)
