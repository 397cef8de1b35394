"""The rehab app: today's checklist, the month, and the streaks on one screen.

The app owns the store, the board and the day shown; what each key does lives
in its parts (Ticking, Resting, Sessions, BodyAndProgress, Routine), one
module each, and the keys themselves in one table (domain/actions.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta
from textual.app import App, SystemCommand
from textual.reactive import reactive
from textual.screen import Screen

from .. import collector
from ..domain.actions import APP, parse_keymap
from ..domain.dates import logical_today
from ..domain.errors import DiskFull, RehabError, StorageError
from ..domain.model import Journal
from ..store import Store
from .board import Board
from .body_progress import BodyAndProgress
from .keys import bindings, palette
from .main_screen import MainScreen
from .resting import Resting
from .routine import Routine
from .sessions import Sessions
from .ticking import Ticking
from .widgets.body import BodyLine
from .widgets.calendar import MonthCalendar
from .widgets.checklist import ChecklistView
from .widgets.streaks import StreaksPanel

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel


class RehabApp(Ticking, Resting, Sessions, BodyAndProgress, Routine, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "rehab"

    #: Only what works on every screen; the day's keys are MainScreen's.
    BINDINGS = bindings(APP)

    #: What a store call may raise: shown as a notification, never a crash
    #: (the store turns driver and OS failures into typed RehabErrors).
    FAILURES = (RehabError,)

    #: The day the checklist and the calendar show; changing it redraws them.
    selected: reactive[date] = reactive(date.min, init=False)
    #: The logical today; a new one (the clock passed the day's start) reloads everything.
    today: reactive[date] = reactive(date.min, init=False)

    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime] = datetime.now,
        today: date | None = None,
        poll_seconds: float = 1.0,
        subtitle: str = "",
        monotonic: Callable[[], float] = time.monotonic,
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
        self._count_streaks(self.board, self.board.prepare())
        self.offer_drop_off()

    def _count_streaks(self, board: Board, work: Iterator[None]) -> None:
        """Fill the streaks panel, a habit per turn so keys are not kept waiting."""
        if board is not self.board:
            return  # reloaded meanwhile, and reload() showed the streaks
        for _ in work:
            self.call_later(self._count_streaks, board, work)
            return
        self.refresh_streaks()

    # ------------------------------------------------------------------ views

    def _clock_today(self) -> date:
        if self.fixed_today is not None:
            return self.fixed_today
        return logical_today(self.clock(), self.settings.day_start_hour)

    def refresh_day(self) -> None:
        """The checklist and the calendar for the selected day."""
        self.query_one(ChecklistView).show(self.board.checklist(self.selected), self.today)
        self.query_one(MonthCalendar).show(
            self.selected,
            self.today,
            self.board.month(self.selected.year, self.selected.month),
            self.board.journal.week_start,
        )
        self.query_one(BodyLine).show(self._readings_on(self.selected))

    def refresh_streaks(self) -> None:
        self.query_one(StreaksPanel).show(
            self.board.streak_rows(), self.board.routine(), self.board.routine_adherence()
        )

    def refresh_all(self) -> None:
        self.refresh_day()
        self.refresh_streaks()

    def reload(self) -> None:
        """Read everything again (another process wrote, or the day changed).

        A damaged row (someone edited the file by hand) is shown, not crashed
        on: the app goes on showing what it had.
        """
        try:
            settings = self.store.settings()
            journal = self.store.journal()
        except RehabError as exc:
            self.notify(str(exc), title="Cannot read the file", severity="error", markup=False)
            return
        if settings.keymap != self.settings.keymap:
            self.use_keymap(settings.keymap)  # `rehab settings keymap` while the app is open
        self.settings = settings
        self.show_journal(journal)
        self._show_warnings()

    def show_journal(self, journal: Journal) -> None:
        """Show a journal a write returned, as it is."""
        self.board = Board(journal, self.today)
        self.refresh_all()

    def _show_warnings(self) -> None:
        while self.store.warnings:
            self.notify(self.store.warnings.pop(0), title="Mended on reading", severity="warning", markup=False)

    def poll(self) -> None:
        """Notice a new day and other processes' writes (PRAGMA data_version is cheap)."""
        try:
            today = self._clock_today()
            version = self.store.data_version()
        except RehabError as exc:
            self.notify(f"Cannot read the database: {exc}", severity="error", markup=False)
            return
        changed = version != self._data_version
        self._data_version = version
        if today != self.today:
            self.today = today  # watch_today reloads
        elif changed:
            self.reload()

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

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification as plain text, whatever a caller asks.

        Messages quote names, cues and what was typed ("a habit named 'Stretch [/]'
        already exists"); read as markup they would crash the app or run an
        action (`[@click=...]`). Widget.notify passes markup=True by default, so
        the one safe place to decide is here.
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def attempt(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a store action; a failure becomes a notification, never a crash."""
        try:
            return action(*args, **kwargs)
        except self.FAILURES as exc:
            self.show_failure(exc)
        return None

    def show_failure(self, exc: RehabError) -> None:
        """A refusal or a failed write, as one notification."""
        if isinstance(exc, DiskFull):
            # The write was rolled back; a full disk says what to do.
            text = str(exc)
            self.notify(text[:1].upper() + text[1:] + ".", title="Not saved", severity="error")
        elif isinstance(exc, StorageError):
            self.notify(str(exc), title="Not saved", severity="error")
        else:
            self.notify(str(exc), title="Not done", severity="error")

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

    def use_keymap(self, text: str) -> None:
        """The keymap setting over the table's keys: Textual rebinds by binding id
        (the footer follows); `keymap` is kept for the hints that name a key."""
        self.keymap = parse_keymap(text)
        self.set_keymap(self.keymap)

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
