"""Ctrl+C does not quit (Textual keeps it for copying): the note that says which
key does reads as words, with the key bound now, never as raw markup."""

from __future__ import annotations

from conftest import TODAY
from session_helpers import FakeMonotonic

from rehab_tui.tui.app import RehabApp


async def shown_notes(pilot) -> list[str]:
    await pilot.pause()
    # Textual's Toast widget, by its CSS type name (the class is not public).
    return [str(toast.render()) for toast in pilot.app.screen.query("Toast")]


async def test_ctrl_c_on_the_day_names_q_in_plain_words(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+c")
        notes = await shown_notes(pilot)
    assert any("Press q to quit the app" in note for note in notes), notes
    assert not any("[b]" in note for note in notes)


async def test_ctrl_c_in_a_session_names_ctrl_q(fresh_store):
    app = RehabApp(fresh_store, today=TODAY, monotonic=FakeMonotonic())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("g", "ctrl+c")
        notes = await shown_notes(pilot)
    assert any("Press ctrl+q to quit the app" in note for note in notes), notes


async def test_ctrl_c_names_the_quit_key_the_keymap_gives(fresh_store):
    fresh_store.set_setting("keymap", "quit=x")
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+c")
        notes = await shown_notes(pilot)
    assert any("Press x to quit the app" in note for note in notes), notes
