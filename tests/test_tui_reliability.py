"""The app under faults: a SIGKILL after a tick, another writer, bad files, hostile names."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from datetime import timedelta

import pytest
from click.testing import CliRunner
from conftest import TODAY
from sqlite_utils import Database

from rehab_tui.cli.main import cli
from rehab_tui.domain.rules import NAME
from rehab_tui.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.widgets.checklist import ChecklistView

DRIVER = textwrap.dedent(
    """
    import asyncio, sys, time
    from datetime import date
    from rehab_tui.store import Store
    from rehab_tui.tui.app import RehabApp

    async def main():
        store = Store.open(sys.argv[1], date(2026, 11, 21))
        app = RehabApp(store, today=date(2026, 11, 21))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*["down"] * int(sys.argv[2]), "space")
            await pilot.pause()
            # The tick moves the cursor on: look at the ticked row itself.
            item = app.query_one("ChecklistView").listing.items[int(sys.argv[2])]
            print("SHOWN", item.log.habit.id, item.state, flush=True)
            time.sleep(60)

    asyncio.run(main())
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("row", [0, 1, 2])
def test_a_checkin_shown_as_done_survives_sigkill(tmp_path, row):
    path = tmp_path / "rehab.db"
    Store.open(path, TODAY).close()
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(path), str(row)], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().split()
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert line[0] == "SHOWN" and line[2] == "done"
    db = Database(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [(r["habit_id"], r["day"]) for r in db["checkins"].rows] == [(int(line[1]), TODAY.isoformat())]


async def test_tui_and_another_writer_at_once_lose_nothing(fresh_store):
    """The app ticks habits while another connection writes hundreds of rows."""
    days = [TODAY - timedelta(days=n) for n in range(1, 201)]
    errors: list[BaseException] = []

    def other_writer() -> None:
        other = Store.open(fresh_store.path, TODAY)
        try:
            # A check-in before the start is refused: move the start back first.
            other.edit_habit(5, TODAY, start=days[-1])
            for day in days:
                other.check_in([5], day, TODAY)
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            errors.append(exc)
        finally:
            other.close()

    app = RehabApp(fresh_store, today=TODAY, poll_seconds=0.05)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        writer = threading.Thread(target=other_writer)
        writer.start()
        # Tick and untick the days back to the routine's start (13 days ago):
        # a tick before the start would ask to move it instead.
        for _ in range(13):
            await pilot.press("space", "space", "left")
        await pilot.press("t", "space")
        writer.join()
        await pilot.pause(0.3)
        assert not [n for n in app._notifications if n.severity == "error"]
        # The other writer's check-ins are on screen: yesterday the weekly habit shows done.
        assert set(days) <= app.board.journal.log(5).done
        await pilot.press("left")
        assert app.query_one(ChecklistView).listing.items[4].state == "done"
    assert errors == []
    rows = {(r["habit_id"], r["day"]) for r in Database(fresh_store.path)["checkins"].rows}
    assert {(5, d.isoformat()) for d in days} <= rows
    assert (1, TODAY.isoformat()) in rows


@pytest.mark.parametrize(
    "make",
    [
        lambda p: p.write_text("not a database\n"),
        lambda p: p.write_bytes(b""),
        lambda p: Database(p)["things"].insert({"id": 1}),
    ],
    ids=["text", "empty", "other-app"],
)
def test_bare_rehab_on_a_foreign_file_refuses_before_the_app_starts(tmp_path, make):
    path = tmp_path / "file.db"
    make(path)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["--db", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1
    assert path.read_bytes() == before


# Names are capped at NAME.cap characters: the long ones are as long as allowed.
HOSTILE = [
    ("Ｓｔｒｅｔｃｈ 🧘‍♀️ the 🦵 hamstrings " * 6)[: NAME.cap],
    "تمدد أوتار الركبة",
    "'); DROP TABLE habits; --",
    "x" * NAME.cap,
]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_long_and_hostile_names_keep_the_layout(fresh_store, size):
    for name in HOSTILE:
        fresh_store.add_habit(name, "daily", TODAY, cue="c" * 300)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        checklist = app.query_one(ChecklistView)
        calendar = app.query_one("MonthCalendar")
        # The calendar keeps its width (wider from 120 columns) and sits beside the checklist, on screen.
        assert calendar.region.width == (57 if size[0] >= 120 else 34)
        assert calendar.region.right <= size[0]
        assert checklist.region.right <= calendar.region.x
        # Each habit keeps its one line, cut; the detail under the list has the
        # highlighted one whole (three lines a habit from 150 columns on).
        assert checklist.option_count == 9
        assert all(len(checklist.get_option_at_index(i).prompt.plain.splitlines()) == 1 for i in range(9))
        names = [i.log.habit.name for i in checklist.listing.items]
        assert names[5:] == [n.strip() for n in HOSTILE]
        assert Database(fresh_store.path)["habits"].count == 9
