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
