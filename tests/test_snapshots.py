"""Every screen at 80x24 and 120x36 (the main one at 160x45 too), on the demo history with a fixed date."""

from __future__ import annotations

import pytest
from conftest import TODAY
from session_helpers import FakeMonotonic
from textual.widgets import Input

from rehab_tui.tui.app import RehabApp

SIZES = [(80, 24), (120, 36)]
SCREENS = {
    "main": (),
    "snooze": ("s",),
    "pause": ("p",),
    "habits": ("h",),
    "habit_form": ("h", "e"),
    "help": ("question_mark",),
    "body": ("b",),
    "progress": ("v",),
}


async def _steady(pilot) -> None:
    # A blinking cursor would make the SVG depend on timing.
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, demo_store, screen, size):
    app = RehabApp(demo_store, today=TODAY)

    async def run_before(pilot) -> None:
        await pilot.pause()
        # The demo's last week is a quiet one: the drop-off note comes first.
        await pilot.press("escape", *SCREENS[screen])
        await _steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_main_at_160x45(snap_compare, demo_store):
    """Wide: every row holds its whole plan and cue, the strips run 13 weeks."""
    app = RehabApp(demo_store, today=TODAY)

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("escape")
        await _steady(pilot)

    assert snap_compare(app, terminal_size=(160, 45), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_session(snap_compare, demo_store, size):
    """The guided session 15 s into its first hold."""
    clock = FakeMonotonic()
    app = RehabApp(demo_store, today=TODAY, monotonic=clock)

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("escape", "g")
        await pilot.pause()
        await pilot.press("space")
        clock.advance(15)
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_drop_off_note(snap_compare, demo_store):
    app = RehabApp(demo_store, today=TODAY)

    async def run_before(pilot) -> None:
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_with_twelve_habits(snap_compare, tmp_path, size):
    """12 habits fit 80x24 (the panels scroll inside); 160 columns use the width."""
    from rehab_tui.history import synthesize

    store = synthesize(tmp_path / "twelve.db", TODAY, 70, habits=12, seed=11)
    app = RehabApp(store, today=TODAY)

    async def run_before(pilot) -> None:
        await pilot.pause()
        await _steady(pilot)

    try:
        assert snap_compare(app, terminal_size=size, run_before=run_before)
    finally:
        store.close()
