"""The main screen: the checklist, the month and the streaks, with the day's keys.

Below ROOMY columns the checklist gives a habit one line and the highlighted
one's whole plan and cue show under it; from ROOMY on every row holds them.

The day's bindings live here, not on the App: another screen (the habits, a
modal) never offers a key that would act on a day it hides. The App owns the
store and carries the actions out (the table's actions here run `app.` actions).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from .app_base import AppBase
from .keys import bindings
from .widgets.body import BodyLine
from .widgets.calendar import MonthCalendar
from .widgets.checklist import ChecklistView
from .widgets.detail import HabitDetail
from .widgets.streaks import StreaksPanel

#: From this many columns on, the screen uses the width (the `wide` class, app.tcss).
WIDE = 120
#: From this many columns on, the checklist (the width less the wide calendar)
#: holds a plan and a cue on a line of their own: three lines a habit, no
#: detail under the list (the `roomy` class). Below it, wrapped, they would
#: push most habits out of view.
ROOMY = 150


class MainScreen(Screen):
    #: Its place in the action table (domain/actions.py): its keys, palette and help.
    PLACE = "main"
    BINDINGS = bindings(PLACE)

    def __init__(self, week_start: int = 0) -> None:
        super().__init__(id="main")
        self.week_start = week_start

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="top"):
            with Vertical(id="day"):
                yield ChecklistView(id="checklist", classes="panel")
                yield HabitDetail(id="detail", classes="-empty")
                yield BodyLine(id="body-line")
            yield MonthCalendar(self.week_start, id="calendar", classes="panel")
        yield StreaksPanel(id="streaks", classes="panel")
        yield Footer(show_command_palette=False)

    def _fit(self) -> None:
        width = self.app.size.width
        self.set_class(width >= WIDE, "wide")
        self.set_class(width >= ROOMY, "roomy")
        self.query_one(ChecklistView).roomy = width >= ROOMY

    def on_mount(self) -> None:
        checklist = self.query_one(ChecklistView)
        self.watch(checklist, "shown", self.query_one(HabitDetail).show)
        self._fit()
        if isinstance(self.app, AppBase):  # RehabApp's: it fills in the shown day
            self.app.refresh_day()
        self.query_one(ChecklistView).focus()

    def on_resize(self) -> None:
        self._fit()

    def on_screen_resume(self) -> None:
        self._fit()  # the terminal may have changed size under another screen
