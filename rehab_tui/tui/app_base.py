"""What every part of the app shares: the store, the board, the days shown, and
the core moves (a store call that may fail, redrawing, reading afresh).

RehabApp (app.py) is composed of parts, one module each (Ticking, Resting,
Sessions, BodyAndProgress, Routine); each derives from AppBase, and a part that
uses another derives from it (Sessions from Ticking), as the store's rooms do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.content import Content
from textual.reactive import reactive

from ..domain.actions import Keymap, parse_keymap
from ..domain.body import PainReading
from ..domain.dates import logical_today
from ..domain.errors import DiskFull, RehabError, StorageError
from ..domain.model import Journal
from ..domain.settings import Settings
from ..store import Store
from .board import Board
from .widgets.body import BodyLine
from .widgets.calendar import MonthCalendar
from .widgets.checklist import ChecklistView
from .widgets.streaks import StreaksPanel

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel


class AppBase(App[None]):
    #: What a store call may raise: shown as a notification, never a crash
    #: (the store turns driver and OS failures into typed RehabErrors).
    FAILURES: tuple[type[RehabError], ...] = (RehabError,)

    #: The day the checklist and the calendar show; changing it redraws them.
    selected: reactive[date] = reactive(date.min, init=False)
    #: The logical today; a new one (the clock passed the day's start) reloads everything.
    today: reactive[date] = reactive(date.min, init=False)

    # Set up by RehabApp.__init__.
    store: Store
    settings: Settings
    board: Board
    #: The guided session's countdown runs on this (never on the wall clock).
    monotonic: Callable[[], float]
    #: The keymap setting, kept for the hints that name a key (keys.keys_now).
    keymap: Keymap
    #: Where today comes from: a fixed day (--today), else the clock.
    fixed_today: date | None
    clock: Callable[[], datetime]
    #: PRAGMA data_version as last seen: another process's commit changes it.
    _data_version: int

    # ------------------------------------------------------------------ views

    def _clock_today(self) -> date:
        if self.fixed_today is not None:
            return self.fixed_today
        return logical_today(self.clock(), self.settings.day_start_hour)

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

    def _readings_on(self, day: date) -> list[PainReading]:
        return [r for r in self.attempt(self.store.readings, day) or () if r.day == day]

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
        self.board = Board(journal, self.today)
        # The day first, the streaks (the whole history: a fraction of a second
        # on years of it) after, so the change shows at once.
        self.refresh_day()
        self.count_streaks(self.board, self.board.prepare())
        self._show_warnings()

    def show_journal(self, journal: Journal) -> None:
        """Show a journal a write returned, as it is."""
        self.board = Board(journal, self.today)
        self.refresh_all()

    def count_streaks(self, board: Board, work: Iterator[None]) -> None:
        """Fill the streaks panel, a habit per turn so keys and the poll are not kept waiting."""
        if board is not self.board:
            return  # read afresh meanwhile: that board's own count shows the streaks
        for _ in work:
            self.call_later(self.count_streaks, board, work)
            return
        self.refresh_streaks()

    def _show_warnings(self) -> None:
        while self.store.warnings:
            self.notify(self.store.warnings.pop(0), title="Mended on reading", severity="warning", markup=False)

    def use_keymap(self, text: str) -> None:
        """The keymap setting over the table's keys: Textual rebinds by binding id
        (the footer follows); `keymap` is kept for the hints that name a key."""
        self.keymap = parse_keymap(text)
        self.set_keymap(self.keymap)

    # ------------------------------------------------------ store calls, notes

    def notify(
        self,
        message: str | Content,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A string as plain text, whatever a caller asks; a Content (the app's
        own words, styled) as it is.

        Messages quote names, cues and what was typed ("a habit named 'Stretch [/]'
        already exists"); read as markup they would crash the app or run an
        action (`[@click=...]`). Widget.notify passes markup=True by default, so
        the one safe place to decide is here. A Content is turned into markup
        with what it quotes escaped.
        """
        if isinstance(message, Content):
            super().notify(message.markup, title=title, severity=severity, timeout=timeout, markup=True)
        else:
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
