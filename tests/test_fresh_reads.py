"""Another window's change reaches the open app: a session reads the habits as
they are when it starts, and a write by another process shows within a second."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from conftest import TODAY

from rehab_tui.history import synthesize
from rehab_tui.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.session import SessionScreen
from rehab_tui.tui.widgets.checklist import ChecklistView

ROOT = Path(__file__).resolve().parent.parent


async def test_a_session_walks_the_plan_edited_in_another_window(fresh_store):
    # A poll far away: the session must not wait for it to see the edit.
    app = RehabApp(fresh_store, today=TODAY, poll_seconds=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = app.board.checklist(TODAY).items[0].log.habit
        other = Store.open(fresh_store.path, TODAY)
        other.edit_habit(first.id, TODAY, when="right after the long run")
        other.close()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert str(app.screen.query_one("#plan").render()) == "right after the long run"


def rehab(db: Path, *args: str) -> None:
    """The command line in a process of its own, as from a second shell."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "rehab_tui", "--db", str(db), "--today", TODAY.isoformat(), *args]
    subprocess.run(command, check=True, env=env, capture_output=True, timeout=60)


async def test_another_process_s_snooze_and_unsnooze_show_without_a_key(tmp_path):
    """Each of six writes by another process shows in the checklist with no key
    pressed, through the app's default poll, on ten years of twelve habits.
    (How soon is a timing, and timings live in benchmarks/: a loaded machine
    made a bound here fail.)"""
    store = synthesize(tmp_path / "years.db", TODAY, 3650, habits=12)
    # The synthesized days snooze within the budget: leave the last week's free.
    for snooze in store.snoozes():
        if snooze.day > TODAY - timedelta(days=7):
            store.unsnooze(snooze.day, snooze.habit_id)
    app = RehabApp(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        for command, state in [("snooze", "snoozed"), ("unsnooze", "pending")] * 3:
            rehab(store.path, command)
            exited = time.monotonic()
            while app.query_one(ChecklistView).listing.items[0].state != state:
                # Only a guard against waiting forever, far above the poll.
                assert time.monotonic() - exited < 30, f"{command} never showed"
                await pilot.pause(0.02)
