"""The main screen: the checklist, the month and the streaks, with the day's keys.

The day's bindings live here, not on the App: another screen (the habits, a
modal) never offers a key that would act on a day it hides. The App owns the
store and carries the actions out (the bindings name `app.` actions).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from .widgets.body import BodyLine
from .widgets.calendar import MonthCalendar
from .widgets.checklist import ChecklistView
from .widgets.streaks import StreaksPanel

#: From this many columns on, the screen uses the width (the `wide` class, app.tcss).
WIDE = 120


class MainScreen(Screen):
    _MONTH = Binding.Group("Month")
    BINDINGS = [
        Binding("g", "app.session", "Session", tooltip="Guided session: today's open items, with a countdown"),
        Binding("u", "app.undo", "Undo"),
        Binding("s", "app.snooze", "Snooze"),
        Binding("p", "app.pause", "Pause"),
        Binding("r", "app.resume", "Resume", show=False),
        Binding("S", "app.unsnooze", "Unsnooze", show=False),
        Binding("left", "app.day(-1)", "Day before", show=False),
        Binding("right", "app.day(1)", "Day after", show=False),
        # Out of the footer to make room for `g` at 80 columns; help and the palette list them.
        Binding("left_square_bracket", "app.month(-1)", "Month before", key_display="[", group=_MONTH, show=False),
        Binding("right_square_bracket", "app.month(1)", "Month after", key_display="]", group=_MONTH, show=False),
        Binding("t", "app.today", "Today"),
        Binding("h", "app.habits", "Habits"),
        # No room left in an 80-column footer: help and the palette list these.
        Binding("b", "app.body", "Rate how the body feels (pain 0–10 by area)", show=False),
        Binding("v", "app.progress", "Progress: pain by area beside the routine", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, week_start: int = 0) -> None:
        super().__init__(id="main")
        self.week_start = week_start

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="top"):
            with Vertical(id="day"):
                yield ChecklistView(id="checklist", classes="panel")
                yield BodyLine(id="body-line")
            yield MonthCalendar(self.week_start, id="calendar", classes="panel")
        yield StreaksPanel(id="streaks", classes="panel")
        yield Footer(show_command_palette=False)

    def _fit(self) -> None:
        self.set_class(self.app.size.width >= WIDE, "wide")

    def on_mount(self) -> None:
        self._fit()
        self.app.refresh_day()
        self.query_one(ChecklistView).focus()

    def on_resize(self) -> None:
        self._fit()

    def on_screen_resume(self) -> None:
        self._fit()  # the terminal may have changed size under another screen
