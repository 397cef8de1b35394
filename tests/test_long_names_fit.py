"""A long or wide name (emoji take two cells) is cut by cells with "…" so the
columns after it stay on an 80-column screen (issue #23): the habits screen let
one push the minutes and state off to the right."""

from __future__ import annotations

from conftest import TODAY
from rich.cells import cell_len
from textual.widgets import DataTable

from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.habits import HabitsScreen

LONG = "Hüftbeuger-Dehnung 🦵 für die lange Laufstrecke am Wochenende, beidseitig"


async def test_the_habits_screen_cuts_a_long_name_and_keeps_every_column(fresh_store) -> None:
    habit = fresh_store.add_habit(LONG, "daily", TODAY)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HabitsScreen)
        table = app.screen.query_one(DataTable)
        name = str(table.get_row(str(habit.id))[1]).rstrip()
        assert name.endswith("…") and LONG.startswith(name[:-1])
        # Every column is on the screen: the table needs no sideways scroll.
        assert table.virtual_size.width <= table.content_size.width
        short = str(table.get_row(str(fresh_store.habits()[0].id))[1]).rstrip()
        assert short == "Stick rolling"  # a name that fits is whole
        assert cell_len(name) <= 80


async def test_the_never_miss_twice_lines_end_with_an_ellipsis_when_more_was_said(fresh_store) -> None:
    for n in range(6):
        fresh_store.add_habit(
            f"Single-leg calf raise variation number {n}", "daily", TODAY, start=fresh_store.habits()[0].start
        )
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # the drop-off note, if it shows
        await pilot.pause()
        prompt = str(app.query_one("#prompt").render())
        lines = prompt.splitlines()
        assert len(lines) <= 3 and lines[-1].endswith("…"), prompt
        assert all(cell_len(line) <= 78 for line in lines)
