"""On a completely full disk the commands that only read still answer
(docs/architecture.md, "Disk full and read-only files"; issue #23): opening a
WAL file to write needs room for the files beside it, so a reading command
opens it read-only instead, while a writing one says the disk is full."""

from __future__ import annotations

import pytest
from cli_helpers import assert_error, dump, new_db, ok, run
from disk_helpers import fill, small_disk  # noqa: F401 (a fixture)


@pytest.fixture
def full(small_disk):  # noqa: F811 (the fixture imported above)
    db = new_db(small_disk)
    ok(db, "done", "stick")
    before = dump(db)
    fill(small_disk)
    yield db
    (small_disk / "filler").unlink()
    assert dump(db) == before  # nothing written, nothing lost


@pytest.mark.parametrize(
    "command",
    [
        ("check",),
        ("today", "--json"),
        ("streaks",),
        ("calendar",),
        ("habit", "list"),
        ("export", "--format", "json"),
        ("report",),
        ("nag",),
    ],
    ids=" ".join,
)
def test_a_reading_command_answers(full, command: tuple[str, ...]) -> None:
    ran = ok(full, *command)
    assert ran.out
    if command[0] == "today":
        assert ran.json["done"] == 1


def test_a_writing_command_says_the_disk_is_full(full) -> None:
    assert_error(run(full, "done", "lacrosse"), contains="no space left")
