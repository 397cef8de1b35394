"""The daily loop has no dead keys: whatever was just open (a form, a screen, a
session, another process's write), space then ticks the habit the cursor rests
on, and that is the next one still to do. Pilot on real database files."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import TODAY
from session_helpers import FakeMonotonic
from sqlite_utils import Database

from rehab_tui.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.drop_off import DropOffNote
from rehab_tui.tui.screens.session_summary import SessionSummary
from rehab_tui.tui.widgets.checklist import ChecklistView

STICK, BALL, PLANK = 1, 2, 3  # the default routine's first three, all due on TODAY


def ticked(store: Store) -> set[int]:
    """The habits ticked on TODAY, as the file holds them."""
    return {row["habit_id"] for row in Database(store.path)["checkins"].rows_where("day = ?", [TODAY.isoformat()])}


@pytest.mark.parametrize(
    ("opens", "name"),
    [("s", "SnoozeScreen"), ("p", "PauseScreen"), ("b", "BodyScreen"), ("h", "HabitsScreen"), ("?", "HelpScreen")],
)
async def test_after_a_screen_closes_space_ticks_the_habit_the_cursor_rests_on(fresh_store, opens, name):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(opens)
        await pilot.pause()
        assert type(app.screen).__name__ == name
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert ticked(fresh_store) == {STICK}
        await pilot.press("space")  # the cursor moved on with the tick
        await pilot.pause()
    assert ticked(fresh_store) == {STICK, BALL}


async def test_after_the_drop_off_note_space_ticks_the_first_habit_to_do(tmp_path):
    store = Store.open(tmp_path / "fallen.db", TODAY - timedelta(days=40))
    good = [TODAY - timedelta(days=n) for n in range(7, 35)]
    for habit_id in (STICK, BALL, PLANK):
        store.record_checkins(habit_id, dict.fromkeys(good), TODAY)
    app = RehabApp(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DropOffNote)
        await pilot.press("escape", "space")
        await pilot.pause()
    assert ticked(store) == {STICK}
    store.close()


async def test_after_a_session_and_its_summary_space_ticks_the_next_habit_to_do(fresh_store):
    app = RehabApp(fresh_store, today=TODAY, monotonic=FakeMonotonic())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Stick rolling done, Lacrosse ball passed by, the session ended: its summary.
        await pilot.press("g", "enter", "n", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionSummary)
        await pilot.press("enter")
        await pilot.pause()
        assert ticked(fresh_store) == {STICK}
        await pilot.press("space")
        await pilot.pause()
    assert ticked(fresh_store) == {STICK, BALL}


async def test_when_everything_is_done_the_cursor_stays_on_the_last_tick(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        checklist = app.query_one(ChecklistView)
        await pilot.press("space", "space", "space", "space")  # the four due today
        await pilot.pause()
        last = checklist.current
        assert last is not None and last.log.habit.name == "Glute and hip strength"
        await pilot.press("space")  # so space takes the last tick back
        await pilot.pause()
    assert ticked(fresh_store) == {STICK, BALL, PLANK}


async def test_a_tick_from_another_process_moves_the_cursor_on(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        other = Store.open(fresh_store.path, TODAY)
        other.check_in([STICK], TODAY, TODAY)  # `rehab done` in another terminal
        other.close()
        app.poll()
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
    assert ticked(fresh_store) == {STICK, BALL}
