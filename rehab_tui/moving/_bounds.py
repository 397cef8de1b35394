"""How much of another tracker's files is read: the caps, in one place, and the
readers that keep to them (docs/formats.md, "Size limits").

Every importer checks the size a file declares (on disk, or in a zip's
directory) before it reads, then reads at most one byte past the cap, so a
file that lies about its size still costs no more time or memory than the cap.
The caps are far above what the trackers write: ten years of fifty Loop habits
is a backup of about 10 MB, and a zip of a few hundred kilobytes.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..domain.errors import InvalidInput, StorageError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

_MB = 1024 * 1024

#: A Loop backup (.db), on disk.
MAX_DB_BYTES = 256 * _MB
#: A Loop CSV export (.zip), on disk.
MAX_ZIP_BYTES = 256 * _MB
#: One file in a Loop zip, unpacked (Habits.csv, or one habit's Checkmarks.csv).
MAX_MEMBER_BYTES = 64 * _MB
#: All the files read from one Loop zip, unpacked together.
MAX_UNPACKED_BYTES = 512 * _MB
#: How many times its packed size a file in a zip may unpack to, once it is
#: over a megabyte: CSV packs about ten times, a zip bomb a thousand.
MAX_PACK_RATIO = 200
_RATIO_FROM = _MB
#: harsh's `habits` or `log` file, on disk.
MAX_HARSH_BYTES = 64 * _MB
#: One line of harsh's files, in bytes (a long comment fits many times).
MAX_HARSH_LINE = 10_000

#: How a zip's files may be packed: stored or deflated, all Loop (and Java's zip) writes.
ZIP_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
#: The flag bit of a zip entry that is encrypted (APPNOTE 4.4.4, bit 0).
_ENCRYPTED = 0x1


def size_text(n: int) -> str:
    """A byte count as a person reads it: 64 MB, 1.5 GB."""
    if n >= 1024 * _MB:
        return f"{n / (1024 * _MB):.1f} GB"
    if n >= _MB:
        return f"{n / _MB:.0f} MB" if n % _MB == 0 else f"{n / _MB:.1f} MB"
    return f"{n:,} bytes"


def check_file_size(path: Path, cap: int, what: str) -> int:
    """The size of `path` on disk, refused when it is over `cap` (`what` names the cap)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if size > cap:
        raise InvalidInput(f"{path.name} is {size_text(size)}, over the {size_text(cap)} cap on {what}")
    return size


def read_lines_capped(path: Path, cap: int, line_cap: int, what: str, where: str) -> bytes:
    """A whole text file of at most `cap` bytes, none of its lines longer than
    `line_cap` bytes, checked before and while it is read: a line over the cap
    is refused once `line_cap` bytes of it are read, not after the whole of it.
    (`what` names the file's cap, `where` the file: "harsh's log".)"""
    check_file_size(path, cap, what)
    lines: list[bytes] = []
    total = 0
    try:
        with path.open("rb") as f:
            # The +2 leaves room for the line's own "\r\n".
            while line := f.readline(line_cap + 2):
                total += len(line)
                if len(line.rstrip(b"\r\n")) > line_cap:
                    raise InvalidInput(
                        f"line {len(lines) + 1} of {where} is longer than {line_cap:,} bytes, "
                        f"the cap on a line of {what}"
                    )
                if total > cap:  # it grew since it was measured
                    raise InvalidInput(f"{path.name} is over the {size_text(cap)} cap on {what}")
                lines.append(line)
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from None
    return b"".join(lines)


class ZipBudget:
    """What may still be unpacked from one zip, and the checks on each of its files."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.left = MAX_UNPACKED_BYTES

    def check(self, infos: list[zipfile.ZipInfo]) -> None:
        """Refuse, before anything is unpacked, a file that cannot or must not
        be read, or files that would unpack to more than the caps allow."""
        for info in infos:
            name = info.filename
            if info.flag_bits & _ENCRYPTED:
                raise InvalidInput(f"{name} in this zip is encrypted; Loop's exports are not, so it cannot be read")
            if info.compress_type not in ZIP_METHODS:
                raise InvalidInput(
                    f"{name} in this zip is packed with compression method {info.compress_type}; "
                    f"only {' and '.join(ZIP_METHODS.values())}, what Loop writes, can be unpacked"
                )
            if info.file_size > MAX_MEMBER_BYTES:
                raise InvalidInput(
                    f"{name} in this zip unpacks to {size_text(info.file_size)}, over the "
                    f"{size_text(MAX_MEMBER_BYTES)} cap on one file of a Loop zip"
                )
            if info.file_size > _RATIO_FROM and info.file_size > MAX_PACK_RATIO * info.compress_size:
                raise InvalidInput(
                    f"{name} in this zip unpacks to {info.file_size // max(info.compress_size, 1):,} times its "
                    f"packed size, over the cap of {MAX_PACK_RATIO} times (a zip bomb, not Loop's CSV)"
                )
        total = sum(info.file_size for info in infos)
        if total > self.left:
            raise InvalidInput(
                f"the files to read in this zip unpack to {size_text(total)}, over the "
                f"{size_text(MAX_UNPACKED_BYTES)} cap on a Loop zip"
            )

    def text_lines(self, info: zipfile.ZipInfo) -> Iterator[str]:
        """The lines of one file (already `check`ed), decoded as it is unpacked:
        never more than the caps, whatever its directory entry says."""
        if self.left < MAX_MEMBER_BYTES:
            cap, what = self.left, f"the {size_text(MAX_UNPACKED_BYTES)} cap on a Loop zip"
        else:
            cap, what = MAX_MEMBER_BYTES, f"the {size_text(MAX_MEMBER_BYTES)} cap on one file of a Loop zip"
        try:
            with self.archive.open(info) as raw:
                capped = io.BufferedReader(
                    _Capped(raw, cap, f"{info.filename} in this zip unpacks to more than it says, over {what}", self)
                )
                yield from io.TextIOWrapper(capped, encoding="utf-8-sig", newline="")
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise InvalidInput(f"{info.filename} in this Loop export is damaged ({exc})") from None


class _Capped(io.RawIOBase):
    """A file of a zip, unpacked no further than `cap` bytes."""

    def __init__(self, raw: IO[bytes], cap: int, refusal: str, budget: ZipBudget) -> None:
        self.raw, self.cap, self.refusal, self.budget, self.seen = raw, cap, refusal, budget, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer)
        data = self.raw.read(len(view))
        n = len(data)
        view[:n] = data
        self.seen += n
        self.budget.left -= n
        if self.seen > self.cap:
            raise InvalidInput(self.refusal)
        return n
