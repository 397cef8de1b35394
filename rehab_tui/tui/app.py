"""The rehab app: today's checklist, the month, and the streaks on one screen.

The app owns the store, the board and the day shown (what its parts share is
AppBase, app_base.py); what each key does lives in its parts (Ticking, Resting,
Noting, Sessions, BodyAndProgress, Routine, Syncing), one module each, and the keys themselves
in one table (domain/actions.py). Ticking and Resting keep how to take back
what they wrote in Undoing (ctrl+z).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from textual.app import SystemCommand
from textual.content import Content
from textual.screen import Screen

from .. import collector
from ..domain.actions import APP
from ..domain.errors import RehabError
from ..store import Store
from .board import Board
from .body_progress import BodyAndProgress
from .keys import bindings, palette
from .main_screen import MainScreen
from .noting import Noting
from .resting import Resting
from .routine import Routine
from .sessions import Sessions
from .syncing import Syncing
from .ticking import Ticking
from .widgets.calendar import MonthCalendar

#: How often the app asks SQLite whether another process wrote (PRAGMA
#: data_version: microseconds). A change shows within the poll plus the reload
#: of the day shown, well within the second the README promises.
POLL_SECONDS = 0.25


class RehabApp(Sessions, Ticking, Resting, Noting, BodyAndProgress, Routine, Syncing):
    CSS_PATH = "app.tcss"
    TITLE = "rehab"

    #: Only what works on every screen; the day's keys are MainScreen's.
    BINDINGS = bindings(APP)

    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime] = datetime.now,
        today: date | None = None,
        poll_seconds: float = POLL_SECONDS,
        subtitle: str = "",
        monotonic: Callable[[], float] = time.monotonic,
        offer_start_empty: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        #: The guided session's countdown runs on this (never on the wall clock).
        self.monotonic = monotonic
        self.fixed_today = today
        self.poll_seconds = poll_seconds
        self.settings = store.settings()
        # Set without their watchers: nothing is on the screen yet.
        self.set_reactive(RehabApp.today, self._clock_today())
        self.set_reactive(RehabApp.selected, self.today)
        self.use_keymap(self.settings.keymap)
        # The first frame needs today's checklist and month, which the recent
        # past usually holds; the whole record follows it (on_ready).
        self.board = Board(store.journal_for(self.today, self.today), self.today)
        self._data_version = store.data_version()
        self.sub_title = subtitle
        #: exit() was called: keys still queued must not open screens (check_action).
        self.exiting = False
        #: The launch made this file with the example routine: ask once whether to keep it.
        self.new_with_example = offer_start_empty
        #: How to take back each action this session wrote (Undoing), the last one last.
        self.undoable = []

    # ----------------------------------------------------------------- layout

    def get_default_screen(self) -> Screen:
        return MainScreen(self.settings.week_start)

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.set_interval(self.poll_seconds, self.poll)

    def on_ready(self) -> None:
        """The first frame is on the screen (Textual's Ready event)."""
        collector.release()  # start-up is over (launch.py held it)
        # The streaks need the whole history; the checklist is what the first frame needed.
        if self.board.journal.since is not None:
            try:
                self.board = Board(self.store.journal(), self.today)
            except RehabError as exc:
                # A damaged row further back: as when the app could not open at all.
                self.exit(return_code=1, message=f"error: {exc}")
                return
        self.count_streaks(self.board, self.board.prepare())
        self.start_syncing()
        if self.new_with_example:
            self.offer_start_empty()  # a new file has no history: no drop-off to note
        else:
            self.offer_drop_off()

    def poll(self) -> None:
        super().poll()
        self.sync_after_changes()

    # ------------------------------------------------------------------ views

    def watch_today(self, before: date, today: date) -> None:
        if self.selected == before:
            self.set_reactive(RehabApp.selected, today)  # the day shown follows; reload() redraws it
        self.reload()
        if isinstance(self.screen, MainScreen):
            self.offer_drop_off()

    def watch_selected(self) -> None:
        self.refresh_day()

    def exit(self, *args: Any, **kwargs: Any) -> None:
        self.exiting = True
        super().exit(*args, **kwargs)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys typed right after `q` still arrive while the app shuts down; a
        # screen opened then is never composed, and its on_mount finds nothing
        # (NoMatches). Once quitting, only quitting is left to do.
        return not self.exiting or action == "quit"

    # ------------------------------------------------------------- navigation

    def on_month_calendar_day_selected(self, event: MonthCalendar.DaySelected) -> None:
        self.selected = event.day

    def action_day(self, days: int) -> None:
        self.selected += timedelta(days=days)

    def action_month(self, months: int) -> None:
        self.selected += relativedelta(months=months)

    def action_today(self) -> None:
        self.selected = self.today

    # -------------------------------------------------------------- the rest

    def action_help(self) -> None:
        from .screens.help import HelpScreen, help_rows

        self.push_screen(HelpScreen(help_rows(self.screen)))

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual's binding) does not quit: say which key does, on this
        screen and with the keymap applied. Textual's own note is markup, which
        notify shows as plain text (it keeps the user's words literal)."""
        keys = [key for key, active in self.active_bindings.items() if active.binding.action in ("quit", "app.quit")]
        if not keys:
            return
        # A plain key first ("q" on the day's screen); a chord is said by its name ("ctrl+q").
        key = min(keys, key=lambda k: "+" in k)
        words = key if "+" in key else self.get_key_display(self.active_bindings[key].binding)
        self.notify(Content.assemble("Press ", (words, "bold"), " to quit the app"), title="Do you want to quit?")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own (the theme, quit, ...), then the actions of the screen
        it was opened on, from the action table (keys.palette)."""
        yield from super().get_system_commands(screen)
        if place := getattr(screen, "PLACE", None):
            yield from palette(self, screen, place)

    def watch_theme(self, theme: str) -> None:
        if theme != self.settings.theme:
            if self.attempt(self.store.set_setting, "theme", theme) is not None:
                self.settings = replace(self.settings, theme=theme)
