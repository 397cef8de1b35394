"""The app's part of a new file: made with the example routine, it asks once
whether to keep it or start empty; start empty leaves no habits and the
checklist says how to add one. Pilot on real database files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY
from sqlite_utils import Database

from rehab_tui.cli.session import Session
from rehab_tui.domain.errors import RuleRefused
from rehab_tui.history import demo_store
from rehab_tui.store import Store
from rehab_tui.tui.launch import make_app
from rehab_tui.tui.screens.habit_form import HabitForm
from rehab_tui.tui.screens.new_file import NewFileNote
from rehab_tui.tui.widgets.checklist import ChecklistView

EXAMPLE = 5  # habits in the example routine


def habits_in(path: Path) -> list[str]:
    return [row["name"] for row in Database(path)["habits"].rows]


def checklist_text(app) -> str:
    checklist = app.query_one(ChecklistView)
    return "\n".join(str(checklist.get_option_at_index(i).prompt) for i in range(checklist.option_count))


async def test_keep_leaves_the_example_routine(tmp_path):
    store = Store.open(tmp_path / "new.db", TODAY)
    app = make_app(store, TODAY, "new.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NewFileNote)
        words = str(app.screen.query_one("#words").render())
        assert words.startswith(f"It holds an example routine ({EXAMPLE} habits: Stick rolling, ")
        assert words.endswith("Keep it to make it your own (h edits), or start empty?")
        await pilot.click("#keep")
        await pilot.pause()
        assert not isinstance(app.screen, NewFileNote)
        await pilot.press("space")  # the daily loop goes on with the example
        await pilot.pause()
    assert len(habits_in(store.path)) == EXAMPLE
    assert Database(store.path)["checkins"].count == 1
    store.close()


async def test_start_empty_removes_the_example_and_the_checklist_says_how_to_add_one(tmp_path):
    store = Store.open(tmp_path / "new.db", TODAY)
    app = make_app(store, TODAY, "new.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#empty")
        await pilot.pause()
        assert habits_in(store.path) == []
        assert "No habits yet: h, then a, adds one." in checklist_text(app)
        # As it says: the first habit, then space ticks it.
        await pilot.press("h", "a")
        await pilot.pause()
        assert isinstance(app.screen, HabitForm)
        await pilot.press(*"Calf raises", "enter")
        await pilot.pause()
        await pilot.press("escape")  # the habits screen, back to the day
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
    assert habits_in(store.path) == ["Calf raises"]
    assert Database(store.path)["checkins"].count == 1
    # The command line's closing note is true too: the file is empty now.
    assert not store.made_with_example
    store.close()


async def test_keys_answer_it_too(tmp_path):
    store = Store.open(tmp_path / "new.db", TODAY)
    app = make_app(store, TODAY, "new.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
    assert habits_in(store.path) == []
    store.close()


async def test_not_asked_when_the_file_already_existed(tmp_path):
    Store.open(tmp_path / "old.db", TODAY).close()
    store = Store.open(tmp_path / "old.db", TODAY)
    app = make_app(store, TODAY, "old.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, NewFileNote)
    store.close()


async def test_not_asked_in_the_demo():
    with demo_store(TODAY) as store:
        app = make_app(store, TODAY, "demo", demo=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not isinstance(app.screen, NewFileNote)


def test_the_store_refuses_once_the_example_was_used(tmp_path):
    store = Store.open(tmp_path / "new.db", TODAY)
    store.check_in([1], TODAY, TODAY)
    with pytest.raises(RuleRefused, match="Stick rolling changed since the file was made"):
        store.drop_example()
    assert len(habits_in(store.path)) == EXAMPLE
    store.close()


def test_the_closing_note_says_empty_after_start_empty(tmp_path):
    session = Session(str(tmp_path / "new.db"), TODAY.isoformat())
    session.store.drop_example()
    assert session.created_note() == f"new empty database at {tmp_path / 'new.db'}"
    session.store.close()
