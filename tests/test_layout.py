"""The main screen uses what it has: at 80x24 and at 160x45 (Pilot, real SQLite files)."""

from __future__ import annotations

from datetime import timedelta

from conftest import TODAY
from textual.widgets import Static

from rehab_tui.domain.marks import SYMBOLS
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.widgets.body import BodyLine
from rehab_tui.tui.widgets.checklist import ChecklistView
from rehab_tui.tui.widgets.streaks import STRIP, StreaksPanel

STICK_CUE = "Roll quads, IT band and calves slowly; pause on tender spots for 20 s."
MARKS = {symbol for symbol, _ in STRIP.values()} | set(SYMBOLS.values())


async def _settled(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_four_single_misses_are_said_once_and_leave_room_for_the_habits(fresh_store):
    calf = fresh_store.add_habit("Calf raises", "daily", TODAY, start=TODAY - timedelta(days=13))
    daily = [1, 2, 3, calf.id]  # stick, lacrosse, plank (the default routine's dailies) and calf
    for back in range(2, 14):
        fresh_store.check_in(daily, TODAY - timedelta(days=back), TODAY)  # then yesterday missed
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(pilot)
        panel = app.query_one(StreaksPanel)
        # The lines as said, wrapped or not.
        prompt = str(app.query_one("#prompt", Static).render()).replace("\n", " ")
        assert prompt.count("missed once") == 1
        assert "4 missed once, never miss twice: Stick rolling, Lacrosse ball glute release" in prompt
        assert "never miss twice." not in prompt  # no habit has a sentence of its own
        # The table shows its header and at least three of the six habits above the prompt.
        table = app.query_one("#streak-rows")
        assert table.region.bottom <= app.query_one("#prompt").region.y
        assert table.region.y >= panel.region.y and app.query_one("#prompt").region.bottom <= panel.region.bottom
        assert table.scrollable_content_region.height - 1 >= 3


async def test_wide_rows_hold_whole_cues_and_the_strip_fills_the_width(demo_store):
    app = RehabApp(demo_store, today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        await _settled(pilot)
        checklist = app.query_one(ChecklistView)
        width = checklist.scrollable_content_region.width
        stick = checklist.get_option_at_index(0).prompt.plain
        assert STICK_CUE in stick
        assert all(len(line) <= width for line in stick.splitlines())  # nothing cut
        assert not app.query_one("#detail").display  # the rows say it all
        panel = app.query_one(StreaksPanel)
        row = next(line for line in panel.text.splitlines() if line.startswith("Stick rolling"))
        strip = row.split()[-1]
        assert set(strip) <= MARKS and len(strip) >= 56
        assert len(row) <= panel.content_size.width  # in view, not scrolled off to the right


async def test_narrow_the_highlighted_habit_shows_its_whole_plan_and_cue(demo_store):
    app = RehabApp(demo_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(pilot)
        if app.screen.is_modal:
            await pilot.press("escape")  # the demo's drop-off note
        checklist = app.query_one(ChecklistView)
        detail = app.query_one("#detail", Static)
        seen = []
        for _ in range(3):
            habit = checklist.current.log.habit
            shown = str(detail.render()).replace("\n", " ")
            assert habit.plan_words() and habit.plan_words() in shown
            assert habit.cue in shown
            assert detail.region.bottom <= app.query_one("#top").region.bottom  # on screen
            seen.append(habit.name)
            await pilot.press("down")
            await pilot.pause()
        assert seen == ["Stick rolling", "Lacrosse ball glute release", "Plank hip dips"]  # it follows the highlight


async def test_a_pain_reading_hides_no_habit(fresh_store):
    # The default routine and one habit of the person's own: six.
    fresh_store.add_habit("Calf raises", "daily", TODAY, cue="Slow down, three seconds.")
    fresh_store.record_pain(TODAY, "right hip flexor", 3, TODAY)
    fresh_store.record_pain(TODAY, "left IT band", 2, TODAY)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(pilot)
        assert app.query_one(BodyLine).display
        checklist = app.query_one(ChecklistView)
        lines = sum(len(checklist.get_option_at_index(i).prompt.plain.splitlines()) for i in range(6))
        assert checklist.option_count == 6
        assert lines <= checklist.scrollable_content_region.height
        assert checklist.max_scroll_y == 0
