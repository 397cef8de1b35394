"""The app asks the gate (or the domain's rule) and reacts to the refusal it gets:
what the person sees, and that nothing was written."""

from __future__ import annotations

from datetime import timedelta

from conftest import TODAY
from sqlite_utils import Database

from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.confirm import ConfirmScreen
from rehab_tui.tui.screens.pause import PauseScreen
from rehab_tui.tui.screens.snooze import SnoozeScreen


def said(app: RehabApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_tick_before_the_start_asks_in_the_same_words(fresh_store):
    before = TODAY - timedelta(days=14)  # the routine starts 13 days before TODAY
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["left"] * 14, "space")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.question)
        assert question.startswith(f"Stick rolling starts on {TODAY - timedelta(days=13):%a %d %b %Y}. ")
        assert f"Move its start back to {before:%a %d %b %Y} and tick it? That makes 1 more day due" in question


async def test_a_day_to_come_is_not_ticked(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("right", "m")
        await pilot.pause()
        assert "That day hasn't come yet: tick it on the day." in said(app)
        assert Database(fresh_store.path)["checkins"].count == 0


async def test_a_snooze_past_the_week_ahead_says_why_and_opens_no_form(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press(*["right"] * 7, "s")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeScreen)  # a week ahead is allowed
        await pilot.press("escape", "right", "s")
        await pilot.pause()
        assert not isinstance(app.screen, SnoozeScreen)
        assert any("at most 7 days ahead" in line for line in said(app))
        assert Database(fresh_store.path)["snoozes"].count == 0


async def test_a_pause_that_ends_before_it_starts_keeps_the_form_open(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("tab", "tab", *"yesterday", "enter")  # past the first day (today) to the last
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        assert any("cannot end" in line for line in said(app))
        assert Database(fresh_store.path)["pauses"].count == 0
