"""Moving in: another tracker's files turned into our export (docs/formats.md, "Moving in").

Pure converters: they read the files (a Loop backup read-only) and return a
`Moved`; nothing here writes to a store. The caller hands `moved.data` to the
import gate, or only shows `moved.notes` for a dry run.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ..domain.errors import InvalidInput, NotFound
from ._common import FORMAT, VERSION, Moved
from .harsh import read_harsh
from .loop import read_loop

__all__ = ["FORMAT", "KINDS", "VERSION", "Moved", "convert"]

#: The trackers `convert` reads, by the name `rehab import --from` takes.
KINDS = ("loop", "harsh")


def convert(kind: str, path: str | os.PathLike[str], today: date) -> Moved:
    """Read another tracker's files into our export (format version 2).

    `kind` is "loop" (a backup .db or a CSV export .zip, told apart by content)
    or "harsh" (the folder holding `habits` and `log`). `today` bounds the
    history: an entry dated after it is refused, and an archived Loop habit
    without entries is archived from it. Anything that is not what it claims to
    be raises RehabError with one sentence; nothing is ever written.
    """
    if kind not in KINDS:
        raise InvalidInput(f"cannot import from '{kind}': choose {' or '.join(KINDS)}")
    where = Path(path).expanduser()
    if not where.exists():
        raise NotFound(f"{where} does not exist")
    if kind == "loop":
        return read_loop(where, today)
    return read_harsh(where, today)
