"""Issue 22, bounded reading: every importer checks sizes before it reads
(rehab_tui/moving/_bounds.py), refuses what it cannot unpack with one line,
and writes nothing beside the file it reads (docs/formats.md, "Size limits")."""

from __future__ import annotations

import sqlite3
import tracemalloc
import zipfile
from datetime import timedelta
from pathlib import Path

from cli_helpers import assert_error, file_bytes, new_db, ok, run
from moving_helpers import TODAY, harsh_folder, loop_backup, loop_csv_habit, loop_csv_zip, loop_habit

from rehab_tui.moving._bounds import (
    MAX_DB_BYTES,
    MAX_HARSH_BYTES,
    MAX_HARSH_LINE,
    MAX_MEMBER_BYTES,
    MAX_PACK_RATIO,
)

_MB = 1024 * 1024


def refused(tmp_path: Path, kind: str, source: Path, contains: str) -> str:
    """The import refused with one `error:` line naming `contains`, the database untouched;
    the memory Python took meanwhile stays far below what the file would unpack to."""
    db = new_db(tmp_path)
    before = file_bytes(db)
    tracemalloc.start()
    try:
        ran = run(db, "import", "--from", kind, source)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    line = assert_error(ran, contains=contains)
    assert file_bytes(db) == before
    assert peak < 16 * _MB, peak
    return line


def zeros_zip(path: Path, member: str, size: int) -> Path:
    """A small zip whose `member` unpacks to `size` zero bytes (a zip bomb), written as a stream."""
    chunk = bytes(_MB)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open(member, "w", force_zip64=True) as out:
        for _ in range(size // _MB):
            out.write(chunk)
    return path


def patched(path: Path, member: str, offsets: tuple[int, int], value: int, mask: int = 0xFFFF) -> Path:
    """`path` with the `mask` bits of a 2-byte field of `member`'s entry set to `value`, in its
    local header and in the central directory (offsets from each record's start)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        local = zf.getinfo(member).header_offset
    central = data.index(b"PK\x01\x02")  # the first central directory record
    while not data[central + 46 :].startswith(member.encode()):
        central = data.index(b"PK\x01\x02", central + 4)
    for at in (local + offsets[0], central + offsets[1]):
        old = int.from_bytes(data[at : at + 2], "little")
        data[at : at + 2] = (old & ~mask | value).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    return path


def loop_zip(tmp_path: Path) -> Path:
    habits = [loop_csv_habit(1, "Stretch"), loop_csv_habit(2, "Gym")]
    days = [(TODAY - timedelta(days=i)).isoformat() for i in range(5)]
    marks = {"Stretch": [(d, "YES_MANUAL", "") for d in days], "Gym": [(d, "SKIP", "") for d in days]}
    return loop_csv_zip(tmp_path / "loop.zip", habits, marks)


def test_a_zip_bomb_is_refused_by_its_declared_size(tmp_path):
    bomb = zeros_zip(tmp_path / "bomb.zip", "Habits.csv", MAX_MEMBER_BYTES + 16 * _MB)
    assert bomb.stat().st_size < _MB  # small on disk, 80 MB unpacked
    line = refused(tmp_path, "loop", bomb, "cap on one file of a Loop zip")
    assert "Habits.csv" in line and "80 MB" in line


def test_a_member_that_packs_too_well_is_refused_before_it_is_unpacked(tmp_path):
    zip_path = zeros_zip(tmp_path / "bomb.zip", "001 Stretch/Checkmarks.csv", 8 * _MB)
    with zipfile.ZipFile(zip_path, "a") as zf:
        zf.writestr("Habits.csv", "Position,Name\n001,Stretch\n")
    line = refused(tmp_path, "loop", zip_path, f"cap of {MAX_PACK_RATIO} times")
    assert "001 Stretch/Checkmarks.csv" in line


def test_an_encrypted_member_is_refused_with_one_line(tmp_path):
    # zipfile cannot write encryption: set the "encrypted" flag (bit 0) of Habits.csv's entry.
    source = patched(loop_zip(tmp_path), "Habits.csv", (6, 8), 0x1, mask=0x1)
    with zipfile.ZipFile(source) as zf:
        assert zf.getinfo("Habits.csv").flag_bits & 0x1
    line = refused(tmp_path, "loop", source, "encrypted")
    assert "Habits.csv" in line


def test_an_unknown_compression_method_is_refused_with_one_line(tmp_path):
    # Method 99 (AES, in WinZip's scheme) in place of the one Python wrote.
    source = patched(loop_zip(tmp_path), "Habits.csv", (8, 10), 99)
    with zipfile.ZipFile(source) as zf:
        assert zf.getinfo("Habits.csv").compress_type == 99
    refused(tmp_path, "loop", source, "compression method 99")


def test_a_loop_zip_within_the_caps_still_imports(tmp_path):
    db = new_db(tmp_path)
    said = ok(db, "import", "--from", "loop", loop_zip(tmp_path))
    assert "imported 2 new habits, 5 check-ins, 5 snoozes" in said.out


def test_a_loop_backup_over_its_cap_is_refused_before_it_is_opened(tmp_path):
    big = tmp_path / "loop.db"
    with big.open("wb") as f:
        f.write(b"SQLite format 3\x00")
        f.truncate(MAX_DB_BYTES + 1)  # sparse: no disk taken
    refused(tmp_path, "loop", big, f"the {MAX_DB_BYTES // _MB} MB cap on a Loop backup")


def test_a_loop_backup_in_wal_mode_is_read_without_writing_beside_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    habits = [loop_habit(1, "Stretch")]
    backup = loop_backup(folder / "loop.db", habits, [(1, TODAY - timedelta(days=1), 2, None)])
    conn = sqlite3.connect(backup)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert list(before) == ["loop.db"]
    db = new_db(tmp_path)
    assert "1 check-in" in ok(db, "import", "--from", "loop", backup).out
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_harsh_file_over_its_cap_is_refused_before_it_is_read(tmp_path):
    folder = harsh_folder(tmp_path / "harsh", "Stretch: 1\n", "")
    with (folder / "log").open("r+b") as f:
        f.truncate(MAX_HARSH_BYTES + 1)
    refused(tmp_path, "harsh", folder, f"the {MAX_HARSH_BYTES // _MB} MB cap on a harsh file")


def test_a_harsh_line_over_its_cap_is_refused_before_it_is_parsed(tmp_path):
    long_comment = "x" * MAX_HARSH_LINE
    folder = harsh_folder(
        tmp_path / "harsh",
        "Stretch: 1\n",
        f"2026-11-19 : Stretch : y\n2026-11-20 : Stretch : y : {long_comment}\n",
    )
    line = refused(tmp_path, "harsh", folder, f"longer than {MAX_HARSH_LINE:,} bytes, the cap on a line")
    assert "line 2 of harsh's log" in line
