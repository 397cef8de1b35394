"""What a user sees of `rehab sync` (docs/architecture.md, "Sync"): its errors,
`sync init`'s backup and first merge, the messages naming what travelled,
`sync status`, and the files a sync tool leaves in the folder (conflicted
copies, a half-synced file, a newer rehab's records).

Each machine has a folder of its own; the test carries the files between
them, as a sync tool would."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from cli_helpers import TODAY, YESTERDAY, assert_error, dump, folder_state, new_db, ok, rows, run


@dataclass
class Pair:
    laptop: Path
    desktop: Path
    laptop_folder: Path
    desktop_folder: Path

    def carry(self, to_desktop: bool = True) -> None:
        """The sync tool's work: each device file copied to the other folder."""
        src, dst = (
            (self.laptop_folder, self.desktop_folder) if to_desktop else (self.desktop_folder, self.laptop_folder)
        )
        for path in src.glob("*.rehab-sync"):
            shutil.copy2(path, dst / path.name)


def _device(db: Path) -> str:
    return ok(db, "sync", "status", "--json").json["device"]


def _checkins(db: Path, slug: str) -> list[str]:
    habit = rows(db, "habits", "slug = ?", [slug])[0]
    return sorted(r["day"] for r in rows(db, "checkins", "habit_id = ?", [habit["id"]]))


@pytest.fixture
def pair(tmp_path: Path) -> Pair:
    """The laptop with the routine; the desktop, a new file, joined through the folder."""
    p = Pair(
        new_db(tmp_path, "laptop.db"), tmp_path / "desktop.db", tmp_path / "laptop-sync", tmp_path / "desktop-sync"
    )
    ok(p.laptop, "sync", "init", p.laptop_folder, "--name", "laptop")
    p.desktop_folder.mkdir()
    p.carry()
    ok(p.desktop, "sync", "init", p.desktop_folder, "--name", "desktop")
    p.carry(to_desktop=False)
    ok(p.laptop, "sync")
    return p


def test_sync_before_init_is_one_error_line_and_writes_nothing(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    before = dump(db)
    assert_error(run(db, "sync"), contains="rehab sync init DIR")
    assert_error(run(db, "sync", "--json"), contains="rehab sync init DIR")
    assert dump(db) == before
    assert "does not sync" in ok(db, "sync", "status").out


def test_init_on_a_file_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    (tmp_path / "notes.txt").write_text("not a folder\n", encoding="utf-8")
    before, files = dump(db), folder_state(tmp_path)
    assert_error(run(db, "sync", "init", tmp_path / "notes.txt"), contains="is a file, not a folder")
    assert dump(db) == before
    assert folder_state(tmp_path) == files  # no backup either


def test_init_with_a_device_name_that_is_not_one_line_makes_no_folder(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    before, files = dump(db), folder_state(tmp_path)
    refused = run(db, "sync", "init", tmp_path / "share", "--name", "laptop\x1b[31m")
    assert_error(refused, contains="a device name cannot hold control characters")
    assert dump(db) == before
    assert folder_state(tmp_path) == files  # neither the folder nor a backup


def test_init_keeps_a_copy_first_and_says_where(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    ok(db, "done", "stick", "--date", YESTERDAY)
    said = ok(db, "sync", "init", tmp_path / "shared", "--name", "laptop").out
    first = said.splitlines()[0]
    assert first.startswith(f"syncing through {tmp_path / 'shared'} as 'laptop' (device ")
    kept = Path(first.split("a copy was kept at ")[1])
    assert kept == tmp_path / "rehab.before-sync-init.db"
    # The copy is the file as it was: the check-in, and no sync.
    assert _checkins(kept, "stick-rolling") == [YESTERDAY]
    assert rows(kept, "sync") == []
    assert "sent 5 habits, 1 check-in" in said
    assert [p.name for p in (tmp_path / "shared").iterdir()] == [f"{_device(db)}.rehab-sync"]


def test_init_on_a_machine_with_its_own_history_merges_both_without_doubling(pair: Pair, tmp_path: Path) -> None:
    ok(pair.laptop, "done", "stick", "--date", "2026-11-02")
    ok(pair.laptop, "done", "stick", "plank", "--date", YESTERDAY)
    ok(pair.laptop, "sync")
    pair.carry()
    # A second desktop that was used on its own for a few days first: the
    # same routine (same slugs), made later, with its own check-ins.
    other = tmp_path / "other.db"
    ok(other, "habit", "list", today="2026-11-15")
    ok(other, "done", "stick", "--date", "2026-11-16")
    ok(other, "done", "stick", "lacrosse")
    said = ok(other, "sync", "init", pair.desktop_folder, "--name", "other").out
    assert "held back" not in said
    assert len(rows(other, "habits")) == 5
    # Each habit starts on the earlier of its two starts (as an import's
    # merge has it), whichever machine the engine favours: no check-in is held.
    assert _checkins(other, "stick-rolling") == ["2026-11-02", "2026-11-16", YESTERDAY, TODAY]
    assert _checkins(other, "plank-hip-dips") == [YESTERDAY]
    assert rows(other, "habits", "slug = ?", ["stick-rolling"])[0]["start"] == "2026-10-01"
    shutil.copy2(pair.desktop_folder / f"{_device(other)}.rehab-sync", pair.laptop_folder)
    ok(pair.laptop, "sync")
    assert len(rows(pair.laptop, "habits")) == 5
    assert _checkins(pair.laptop, "stick-rolling") == ["2026-11-02", "2026-11-16", YESTERDAY, TODAY]
    for db in (pair.laptop, other):
        ok(db, "check")


def test_the_messages_name_what_travelled(pair: Pair) -> None:
    assert ok(pair.laptop, "sync").out == "nothing new: this machine and the folder are in step\n"
    ok(pair.laptop, "done", "stick", "--date", YESTERDAY)
    ok(pair.laptop, "habit", "edit", "plank", "--cue", "Slow hips")
    sent = ok(pair.laptop, "sync").out
    assert sent == "sent 1 habit, 1 check-in: Stick rolling: check-in 2026-11-20 (Fri); Plank hip dips: cue\n"
    pair.carry()
    brought = ok(pair.desktop, "sync").out
    assert brought == "brought in 1 habit, 1 check-in: Stick rolling: check-in 2026-11-20 (Fri); Plank hip dips: cue\n"
    assert ok(pair.desktop, "sync").out == "nothing new: this machine and the folder are in step\n"
    data = ok(pair.desktop, "sync", "--json").json
    assert data["nothing_new"] is True and data["received"] == [] and data["sent"] == []

    # A tick taken back, and a habit deleted, are said as such, not as new ones.
    ok(pair.desktop, "undo", "stick", "--date", YESTERDAY)
    ok(pair.desktop, "habit", "delete", "acupuncture", "--yes")
    sent = ok(pair.desktop, "sync").out
    assert (
        sent == "sent 1 habit, 1 check-in: Stick rolling: check-in 2026-11-20 (Fri) taken away; Acupuncture: deleted\n"
    )
    pair.carry(to_desktop=False)
    brought = ok(pair.laptop, "sync").out
    assert brought == (
        "brought in 1 habit, 1 check-in: Stick rolling: check-in 2026-11-20 (Fri) taken away; Acupuncture: deleted\n"
    )
    assert _checkins(pair.laptop, "stick-rolling") == [] and len(rows(pair.laptop, "habits")) == 4


def test_a_tick_sent_then_taken_by_a_delete_from_elsewhere_is_said_as_both(pair: Pair) -> None:
    ok(pair.laptop, "habit", "delete", "glute", "--yes")
    ok(pair.laptop, "sync")
    pair.carry()
    ok(pair.desktop, "done", "glute")
    said = ok(pair.desktop, "sync").out.splitlines()
    # The desktop sent its tick, then the laptop's delete took the habit and the tick away here.
    assert said == [
        "sent 1 check-in: Glute and hip strength: check-in 2026-11-21 (Sat)",
        "brought in 1 habit, 1 check-in: Glute and hip strength: check-in 2026-11-21 (Sat) taken away; "
        "Glute and hip strength: deleted",
    ]


def test_what_cannot_be_applied_here_is_held_named_and_counted(pair: Pair) -> None:
    # The desktop's clock is a week ahead: its ticks are in the laptop's future.
    for day in range(14, 22):
        ok(pair.desktop, "done", "stick", "--date", f"2026-11-{day}")
    ok(pair.desktop, "sync")
    pair.carry(to_desktop=False)
    said = ok(pair.laptop, "sync", today="2026-11-13").out.splitlines()
    held = [line for line in said if line.startswith("held back (kept, not applied here): Stick rolling: check-in")]
    assert len(held) == 6  # named up to six, then counted, never a screenful per day
    assert said[-1] == "and 2 more held back (`rehab sync --json` lists them all)"
    # Held is not brought in: the file holds none of them.
    assert not [line for line in said if line.startswith("brought in")]
    assert len(ok(pair.laptop, "sync", "--json", today="2026-11-13").json["held"]) == 8
    assert _checkins(pair.laptop, "stick-rolling") == []
    # Once those days come here, they are put in.
    ok(pair.laptop, "sync")
    assert len(_checkins(pair.laptop, "stick-rolling")) == 8
    assert ok(pair.laptop, "sync", "status", "--json").json["waiting"]["held"] == []


def test_one_field_changed_on_both_machines_is_named(pair: Pair) -> None:
    ok(pair.laptop, "habit", "edit", "stick", "--cue", "Slow passes")
    ok(pair.desktop, "habit", "edit", "stick", "--cue", "Quick passes")
    ok(pair.laptop, "sync")
    pair.carry()
    said = ok(pair.desktop, "sync").out
    conflict = next(line for line in said.splitlines() if line.startswith("changed on both machines"))
    assert conflict.startswith("changed on both machines while apart: Stick rolling: cue; kept ")
    assert '"Slow passes"' in conflict and '"Quick passes"' in conflict
    data = json.loads(ok(pair.desktop, "sync", "--json").out)
    assert data["conflicts"] == []  # said once, when it happened
    pair.carry(to_desktop=False)
    ok(pair.laptop, "sync")
    cues = {db: rows(db, "habits", "slug = ?", ["stick-rolling"])[0]["cue"] for db in (pair.laptop, pair.desktop)}
    assert cues[pair.laptop] == cues[pair.desktop] in ("Slow passes", "Quick passes")


def test_status_shows_the_folder_the_devices_and_what_waits(pair: Pair) -> None:
    status = ok(pair.laptop, "sync", "status", "--json").json
    assert status["folder"] == str(pair.laptop_folder) and status["folder_found"]
    assert status["name"] == "laptop"
    desktop_id = _device(pair.desktop)
    [other] = status["devices"]
    assert (other["device"], other["name"]) == (desktop_id, "desktop")
    assert other["last_change"].startswith("20")  # when the desktop last synced
    assert status["waiting"] == {"changes_here": False, "new_files": [], "held": []}
    text = ok(pair.laptop, "sync", "status").out.splitlines()
    assert text[0] == f"folder: {pair.laptop_folder}"
    assert text[1].startswith(f"this device: laptop ({status['device']}), last sync 20")
    assert text[3] == f"  desktop ({desktop_id}): last change seen {other['last_change']}"
    assert text[-1] == "waiting: nothing: `rehab sync` would find nothing new"

    ok(pair.laptop, "done", "stick")
    ok(pair.desktop, "done", "plank")
    ok(pair.desktop, "sync")
    pair.carry(to_desktop=False)
    waiting = ok(pair.laptop, "sync", "status", "--json").json["waiting"]
    assert waiting == {"changes_here": True, "new_files": [f"{desktop_id}.rehab-sync"], "held": []}
    assert ok(pair.laptop, "sync", "status").out.splitlines()[-1] == (
        f"waiting: changes made here since the last sync; new in the folder: {desktop_id}.rehab-sync"
    )
    ok(pair.laptop, "sync")
    assert ok(pair.laptop, "sync", "status", "--json").json["waiting"]["new_files"] == []


@pytest.mark.parametrize(
    "copy_name",
    [
        "{device}.sync-conflict-20261206-101010-ABCDEFG.rehab-sync",  # Syncthing
        "{device} (conflicted copy 2026-12-06).rehab-sync",  # Dropbox
    ],
)
def test_a_sync_tool_s_conflicted_copy_is_read_as_an_update(pair: Pair, copy_name: str) -> None:
    device = _device(pair.desktop)
    older = (pair.desktop_folder / f"{device}.rehab-sync").read_bytes()
    ok(pair.desktop, "done", "lacrosse", "--date", YESTERDAY)
    ok(pair.desktop, "sync")
    # The sync tool kept the desktop's newer file under another name, the older under its own.
    newer = (pair.desktop_folder / f"{device}.rehab-sync").read_bytes()
    (pair.laptop_folder / f"{device}.rehab-sync").write_bytes(older)
    (pair.laptop_folder / copy_name.format(device=device)).write_bytes(newer)
    ran = run(pair.laptop, "sync")
    assert ran.code == 0 and ran.err == "", ran.err
    assert ran.out == "brought in 1 check-in: Lacrosse ball glute release: check-in 2026-11-20 (Fri)\n"
    assert _checkins(pair.laptop, "lacrosse-ball-glute-release") == [YESTERDAY]
    ok(pair.laptop, "check")


def test_a_half_synced_file_is_skipped_by_name_and_read_once_whole(pair: Pair) -> None:
    device = _device(pair.desktop)
    ok(pair.desktop, "done", "plank", "--date", YESTERDAY)
    ok(pair.desktop, "sync")
    whole = (pair.desktop_folder / f"{device}.rehab-sync").read_bytes()
    (pair.laptop_folder / f"{device}.rehab-sync").write_bytes(whole[: len(whole) // 2])
    ran = run(pair.laptop, "sync")
    assert ran.code == 0 and ran.err == "", ran.err
    assert f"skipped 1 file(s) not readable yet (half-synced?): {device}.rehab-sync" in ran.out
    assert _checkins(pair.laptop, "plank-hip-dips") == []
    ok(pair.laptop, "check")
    (pair.laptop_folder / f"{device}.rehab-sync").write_bytes(whole)
    said = ok(pair.laptop, "sync").out
    assert said == "brought in 1 check-in: Plank hip dips: check-in 2026-11-20 (Fri)\n"
    assert _checkins(pair.laptop, "plank-hip-dips") == [YESTERDAY]


def test_a_newer_rehab_s_records_are_kept_and_reported(pair: Pair) -> None:
    from pycrdt import Doc, Map

    # A phone running a newer rehab wrote a kind of record this one does not know.
    phone = Doc()
    records, devices = phone.get("records", type=Map), phone.get("devices", type=Map)
    with phone.transaction():
        records["streak-freeze/stick-rolling/2026-11-19"] = json.dumps({"by": "phone"})
        devices["0a0a0a0a0a0a"] = json.dumps({"name": "phone", "format": 2, "synced_at": "2026-11-21T08:00:00+00:00"})
    (pair.laptop_folder / "0a0a0a0a0a0a.rehab-sync").write_bytes(phone.get_update())

    ran = run(pair.laptop, "sync")
    assert ran.code == 0 and ran.err == "", ran.err
    assert "phone runs a newer rehab: 1 record(s) this version cannot read are kept, not applied" in ran.out

    # Kept: this machine's own file carries it on, after another change here too.
    ok(pair.laptop, "done", "stick")
    data = ok(pair.laptop, "sync", "--json").json
    assert data["newer"] == ["streak-freeze/stick-rolling/2026-11-19"] and data["newer_devices"] == ["phone"]
    (pair.laptop_folder / "0a0a0a0a0a0a.rehab-sync").unlink()  # the phone's own file gone: only ours holds it
    own = Doc()
    own.apply_update((pair.laptop_folder / f"{_device(pair.laptop)}.rehab-sync").read_bytes())
    assert own.get("records", type=Map)["streak-freeze/stick-rolling/2026-11-19"] == '{"by": "phone"}'
    # And it travels on to a machine that never saw the phone's file.
    pair.carry()
    ok(pair.desktop, "sync")
    pair.carry(to_desktop=False)
    desktop_own = Doc()
    desktop_own.apply_update((pair.desktop_folder / f"{_device(pair.desktop)}.rehab-sync").read_bytes())
    assert "streak-freeze/stick-rolling/2026-11-19" in desktop_own.get("records", type=Map)
    ok(pair.laptop, "check")


def test_a_temp_file_a_killed_sync_left_is_cleared_by_the_next_write(pair: Pair) -> None:
    own = f"{_device(pair.laptop)}.rehab-sync"
    # What a sync killed while writing its file leaves: the temporary file, never the file itself.
    left = pair.laptop_folder / f".{own}.k1ll3d00.partial"
    left.write_bytes(b"half of an upd")
    theirs = pair.laptop_folder / f".{_device(pair.desktop)}.rehab-sync.d3skt0p0.partial"
    theirs.write_bytes(b"not ours")
    ok(pair.laptop, "done", "stick")
    ok(pair.laptop, "sync")
    assert sorted(p.name for p in pair.laptop_folder.iterdir()) == sorted(
        [own, f"{_device(pair.desktop)}.rehab-sync", theirs.name]
    )


def test_a_device_file_gone_from_the_folder_is_written_again(pair: Pair) -> None:
    # As after a kill between the sync's commit and its file's write, or a sync tool's mishap.
    own = pair.laptop_folder / f"{_device(pair.laptop)}.rehab-sync"
    kept = own.read_bytes()
    own.unlink()
    assert ok(pair.laptop, "sync").out == "nothing new: this machine and the folder are in step\n"
    assert own.read_bytes() == kept
