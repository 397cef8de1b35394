"""The rehab app: today's checklist, the month, and the streaks on one screen."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen

from .. import collector
from ..domain.body import PainReading
from ..domain.dates import logical_today
from ..domain.drop_off import drop_off
from ..domain.errors import DiskFull, RehabError, StorageError
from ..domain.model import Habit, Journal, Snooze
from ..domain.notices import Notice
from ..domain.prescription import Dose
from ..domain.rules import SNOOZE_AHEAD
from ..domain.snoozing import budget_for
from ..domain.states import DayState, due_days
from ..store import Store
from .board import Board
from .main_screen import MainScreen
from .widgets.body import BodyLine
from .widgets.calendar import MonthCalendar
from .widgets.checklist import ChecklistView
from .widgets.streaks import StreaksPanel

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    # The screens and modals are imported when first opened, not at start-up:
    # their widgets (inputs, selects, the data table) cost ~25 ms to import.
    from .screens.body import BodyRating
    from .screens.habit_form import HabitDraft
    from .screens.habits import HabitsScreen
    from .screens.pause import PauseRequest
    from .screens.session import Outcomes
    from .screens.session_summary import Currents
    from .screens.snooze import PauseInstead, SnoozeRequest
    from .screens.snoozed import SnoozeMore, Unsnooze


class RehabApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "rehab"

    #: Only what works on every screen; the day's keys are MainScreen's.
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

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
        self.today = self._clock_today()
        self.selected = self.today
        self.board = Board(store.journal(), self.today)
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
            self.settings = self.store.settings()
            journal = self.store.journal()
        except RehabError as exc:
            self.notify(str(exc), title="Cannot read the file", severity="error", markup=False)
            return
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
        new_day = today != self.today
        if new_day:
            if self.selected == self.today:
                self.selected = today
            self.today = today
            changed = True
        if changed:
            self.reload()
        if new_day and isinstance(self.screen, MainScreen):
            self.offer_drop_off()

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
        except DiskFull as exc:
            # The write was rolled back; a full disk says what to do.
            text = str(exc)
            self.notify(text[:1].upper() + text[1:] + ".", title="Not saved", severity="error")
        except StorageError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
        except RehabError as exc:
            self.notify(str(exc), title="Not done", severity="error")
        return None

    # --------------------------------------------------------------- checking

    def on_checklist_view_toggled(self, event: ChecklistView.Toggled) -> None:
        self.set_done(event.habit_id, event.day, event.done, event.dose)

    def set_done(self, habit_id: int, day: date, done: bool, dose: Dose = Dose.FULL) -> bool:
        """Tick (at `dose`) or untick a habit on a day; whether it was written."""
        if done and day > self.today:
            self.notify("That day hasn't come yet: tick it on the day.", severity="warning")
            return False
        habit = self.board.journal.log(habit_id).habit
        if done and day < habit.start:
            self._offer_new_start(habit, day, dose)
            return False
        if done:
            ticks = self.attempt(self.store.check_in, [habit_id], day, self.today, dose=dose)
        else:
            ticks = self.attempt(self.store.undo, [habit_id], day)
        if ticks is None:
            return False
        for log in ticks.logs:
            self.board.replace_log(log)
        self.refresh_all()
        if done:
            self.query_one(ChecklistView).advance_from(habit_id)
        return True

    def _offer_new_start(self, habit: Habit, day: date, dose: Dose) -> None:
        """A tick before the start: ask whether to move the start back to that day."""
        from .screens.confirm import ConfirmScreen

        due = due_days(habit, day, habit.start - timedelta(days=1))
        question = Content.assemble(
            (habit.name, "bold"),
            f" starts on {habit.start:%a %d %b %Y}. Move its start back to {day:%a %d %b %Y} and tick it? "
            f"That makes {due} more day{'s' if due != 1 else ''} due; the ones left unticked count as missed.",
        )

        def answered(yes: bool | None) -> None:
            if yes and self.attempt(self.store.edit_habit, habit.id, self.today, start=day) is not None:
                self.reload()
                self.set_done(habit.id, day, True, dose)

        self.push_screen(ConfirmScreen("Move the start?", question, "Move the start"), answered)

    def action_undo(self) -> None:
        item = self.query_one(ChecklistView).current
        if item is None:
            return
        if item.state is DayState.DONE:
            self.set_done(item.log.habit.id, self.selected, False)
        else:
            self.notify(f"{item.log.habit.name} isn't ticked on this day: nothing to take back.", severity="warning")

    # ------------------------------------------------------------- navigation

    def select(self, day: date) -> None:
        self.selected = day
        self.refresh_day()

    def on_month_calendar_day_selected(self, event: MonthCalendar.DaySelected) -> None:
        self.select(event.day)

    def action_day(self, days: int) -> None:
        self.select(self.selected + timedelta(days=days))

    def action_month(self, months: int) -> None:
        self.select(self.selected + relativedelta(months=months))

    def action_today(self) -> None:
        self.select(self.today)

    # ------------------------------------------------------ snoozes and pauses

    def _active_habits(self):
        return [log.habit for log in self.board.journal.active_on(self.selected)]

    def _highlighted_id(self) -> int | None:
        item = self.query_one(ChecklistView).current
        return item.log.habit.id if item else None

    def _snoozes_on(self, day: date) -> list[Snooze]:
        return self.attempt(self.store.snoozes, day) or []

    def action_snooze(self) -> None:
        """`s`: on a snoozed day, what rests and why (and Unsnooze); else the form."""
        snoozes = self._snoozes_on(self.selected)
        if snoozes:
            from .screens.snoozed import SnoozedScreen

            names = {log.habit.id: log.habit.name for log in self.board.journal.logs}
            self.push_screen(SnoozedScreen(self.selected, snoozes, names, self._highlighted_id()), self._unsnoozed)
        else:
            self.snooze_form()

    def snooze_form(self) -> None:
        day = self.selected
        if day > self.today + SNOOZE_AHEAD:
            self.notify("Snoozes reach at most a week ahead.", severity="warning")
            return
        journal = self.board.journal
        from .screens.snooze import SnoozeScreen

        screen = SnoozeScreen(
            day,
            self._active_habits(),
            self._highlighted_id(),
            budget_for(journal.budget_days, day, journal.snooze_budget),
        )
        self.push_screen(screen, self._snoozed)

    def _snoozed(self, request: SnoozeRequest | PauseInstead | None) -> None:
        from .screens.snooze import PauseInstead

        if isinstance(request, PauseInstead):
            self.action_pause(request.habit_id)
        elif request is not None:
            rested = self.attempt(
                self.store.snooze, request.day, self.today, request.habit_id, request.reason, request.area, request.pain
            )
            if rested is not None:
                self.notify("Snoozed: streaks are frozen, not broken." if rested.changed else "It was already snoozed.")
                journal = replace(self.board.journal, rest_days=rested.rest_days)
                self.show_journal(journal.with_log(rested.log) if rested.log else journal)

    def _unsnoozed(self, request: Unsnooze | SnoozeMore | None) -> None:
        from .screens.snoozed import SnoozeMore

        if isinstance(request, SnoozeMore):
            self.snooze_form()
        elif request is not None:
            self.unsnooze(request.day, request.habit_id)

    def unsnooze(self, day: date, habit_id: int | None) -> None:
        rested = self.attempt(self.store.unsnooze, day, habit_id)
        if rested is not None:
            self.notify("Unsnoozed: the day counts again." if rested.changed else "It was not snoozed.")
            journal = replace(self.board.journal, rest_days=rested.rest_days)
            self.show_journal(journal.with_log(rested.log) if rested.log else journal)

    def action_unsnooze(self) -> None:
        """Take back the shown day's snooze (the whole day's, else the highlighted habit's)."""
        snoozes = self._snoozes_on(self.selected)
        highlighted = self._highlighted_id()
        target = (
            next((s for s in snoozes if s.habit_id is None), None)
            or next((s for s in snoozes if s.habit_id == highlighted), None)
            or (snoozes[0] if len(snoozes) == 1 else None)
        )
        if target is None:
            self.notify(
                "Nothing to unsnooze here." if not snoozes else "Pick the snoozed habit first.", severity="warning"
            )
            return
        self.unsnooze(target.day, target.habit_id)

    def action_pause(self, habit_id: int | None = None) -> None:
        habits = self._active_habits()
        if not habits:
            return
        from .screens.pause import PauseScreen

        self.push_screen(
            PauseScreen(habits, habit_id or self._highlighted_id(), self.selected, self.today), self._paused
        )

    def _paused(self, request: PauseRequest | None) -> None:
        if request is None:
            return
        paused = self.attempt(
            self.store.pause, request.habit_id, request.start, request.until, request.reason, today=self.today
        )
        if paused is not None:
            self.notify(f"Paused through {paused.pause.until:%a %d %b}.")
            self.show_journal(self.board.journal.with_log(paused.log))

    def action_resume(self) -> None:
        habit_id = self._highlighted_id()
        resumed = self.attempt(self.store.resume, habit_id, self.today) if habit_id is not None else None
        if resumed is not None:
            self.notify("Resumed: today counts again.")
            self.show_journal(self.board.journal.with_log(resumed.log))

    # ------------------------------------------------------- guided session

    def _open_today(self, minimum: bool) -> list[Habit]:
        """Today's items a session walks, in checklist order: the due ones, and
        in a full session the quota habits still open this week too (any day
        of the week counts for them; `n` passes one by)."""
        wanted = {DayState.PENDING} if minimum else {DayState.PENDING, DayState.OPEN}
        return [item.log.habit for item in self.board.checklist(self.today).items if item.state in wanted]

    def action_session(self, minimum: bool = False) -> None:
        """`g`: today's open items one by one, each checked in as it ends."""
        habits = self._open_today(minimum)
        if not habits:
            self.notify("Nothing left to do today.")
            return
        from .screens.session import SessionScreen
        from .screens.session_summary import current_streaks

        day = self.today
        if self.selected != day:
            self.select(day)  # the checklist behind shows what the session ticks
        before = current_streaks(self.board)
        screen = SessionScreen(
            day, habits, self.monotonic, lambda habit_id, dose: self.set_done(habit_id, day, True, dose), minimum
        )
        self.push_screen(screen, lambda outcomes: self._session_ended(habits, outcomes, before))

    def _session_ended(self, habits: list[Habit], outcomes: Outcomes | None, before: Currents) -> None:
        from .screens.session_summary import SessionSummary, current_streaks, streak_moves

        moves = streak_moves(before, current_streaks(self.board))
        # The enter that closes the summary is often pressed twice: the second
        # must not untick the item the session ticked last.
        self.push_screen(
            SessionSummary(habits, outcomes or {}, moves), lambda _: self.query_one(ChecklistView).put_cursor_away()
        )

    def offer_drop_off(self) -> None:
        """The net under the fall-off: when the routine has dropped, say so in
        numbers (once a day, however often the app is opened) and offer a
        minimum session."""
        if self.store.notice_shown(Notice.DROP_OFF, self.today):
            return
        dropped = drop_off(self.board.journal, self.today)
        if dropped is None:
            return
        self.attempt(self.store.record_notice, Notice.DROP_OFF, self.today)
        from .screens.drop_off import DropOffNote

        self.push_screen(
            DropOffNote(dropped, self._open_today(minimum=True)),
            lambda start: self.action_session(minimum=True) if start else None,
        )

    # ------------------------------------------------------- body and progress

    def _readings_on(self, day: date) -> list[PainReading]:
        return [r for r in self.attempt(self.store.readings, day) or () if r.day == day]

    def action_body(self) -> None:
        """`b`: rate how each remembered body area feels on the shown day."""
        day = self.selected
        if day > self.today:
            self.notify("That day hasn't come yet: rate it on the day.", severity="warning")
            return
        readings = self.attempt(self.store.readings)
        if readings is None:
            return
        from .screens.body import BodyScreen

        self.push_screen(BodyScreen(day, self.today, readings), self._rated)

    def _rated(self, rating: BodyRating | None) -> None:
        if rating is None:
            return

        def record() -> list[PainReading]:
            with self.store.transaction():  # the form's save is one action: all of it or none
                return [self.store.record_pain(rating.day, area, pain, self.today) for area, pain in rating.pains]

        saved = self.attempt(record)
        if saved:
            said = ", ".join(f"{r.area} {r.pain}" for r in saved)
            self.notify(f"Recorded for {rating.day:%a %d %b}: {said}.")
            self.refresh_day()

    def action_progress(self) -> None:
        """`v`: pain by area beside the routine's adherence, per habit figures, a year of days."""
        readings = self.attempt(self.store.readings)
        if readings is None:
            return
        from ..domain.progress import progress
        from .screens.progress import ProgressScreen

        board = self.board
        # The board has counted the streaks over the whole history already (the streaks panel shows them).
        streaks = {row.log.habit.id: row.streak for row in board.streak_rows()}
        figures = progress(board.journal, readings, self.today, streaks, board.routine()[1])
        self.push_screen(ProgressScreen(figures, board.journal.week_start))

    # ----------------------------------------------------------------- habits

    def action_habits(self) -> None:
        from .screens.habits import HabitsScreen

        self.push_screen(HabitsScreen(self.store.habits(), self.today), lambda _: self.reload())

    def on_habits_screen_requested(self, event: HabitsScreen.Requested) -> None:
        from .screens.habit_form import HabitForm
        from .screens.habits import HabitsScreen

        request = event.action
        screen = event.control if isinstance(event.control, HabitsScreen) else self.screen
        habits = {h.id: h for h in self.store.habits()}
        if request.kind in ("add", "edit"):
            habit = habits.get(request.habit_id) if request.kind == "edit" else None
            self.push_screen(HabitForm(self.today, habit, lambda draft: self._save(draft, screen)))
            return
        if request.kind == "archive":
            self.attempt(self.store.archive_habit, request.habit_id, self.today)
        elif request.kind == "restore":
            self.attempt(self.store.restore_habit, request.habit_id)
        elif request.kind == "move":
            self.attempt(self.store.move_habit, request.habit_id, request.position)
        self._refresh_habits(screen, request.habit_id)

    def _save(self, draft: HabitDraft, screen: Screen) -> str | None:
        """Carry out a habit form's draft; the error to show in the form, or None."""
        changes = dict(draft.changes)
        try:
            if draft.habit_id is None:
                habit = self.store.add_habit(
                    changes["name"],
                    changes["schedule"],
                    self.today,
                    cue=changes["cue"],
                    minutes=changes["minutes"],
                    when=changes["when"],
                    prescription=changes["prescription"],
                )
            else:
                habit = self.store.edit_habit(draft.habit_id, self.today, **changes)
        except RehabError as exc:
            return str(exc)
        self.notify(f"Saved {habit.name}: {habit.schedule.explain()}.", markup=False)
        self._refresh_habits(screen, habit.id)
        return None

    def _refresh_habits(self, screen: Screen, keep: int | None) -> None:
        from .screens.habits import HabitsScreen

        if isinstance(screen, HabitsScreen):
            screen.show(self.store.habits(), keep)

    # -------------------------------------------------------------- the rest

    def action_help(self) -> None:
        from .screens.help import HelpScreen, help_rows

        self.push_screen(HelpScreen(help_rows(self.screen)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, MainScreen):
            return  # the day's actions belong to the main screen
        checklist = self.query_one(ChecklistView)
        yield SystemCommand(
            "Guided session", "Today's open items one by one, with a countdown for holds and rests", self.action_session
        )
        yield SystemCommand(
            "Minimum session", "Today's due items, each at its minimum dose", lambda: self.action_session(minimum=True)
        )
        yield SystemCommand("Tick or untick", "Flip the highlighted habit on the shown day", checklist.action_toggle)
        yield SystemCommand(
            "Tick as the minimum dose", "Record the highlighted habit as done at its minimum", checklist.action_minimum
        )
        yield SystemCommand(
            "Snooze the day", "Rest the shown day (or one habit) without breaking streaks", self.action_snooze
        )
        yield SystemCommand(
            "Pause a habit", "A longer break for the highlighted habit, until a date", self.action_pause
        )
        yield SystemCommand(
            "Unsnooze the day", "Take the shown day's snooze back so it counts again", self.action_unsnooze
        )
        yield SystemCommand("Resume a habit", "End the highlighted habit's pause so today counts", self.action_resume)
        yield SystemCommand("Undo check-in", "Take the highlighted check-in back", self.action_undo)
        yield SystemCommand("Go to today", "Show today's checklist", self.action_today)
        yield SystemCommand("Previous month", "Show the month before", lambda: self.action_month(-1))
        yield SystemCommand("Next month", "Show the month after", lambda: self.action_month(1))
        yield SystemCommand("Habits", "Add, edit, archive, restore and reorder habits", self.action_habits)
        yield SystemCommand(
            "Record how the body feels", "Pain 0 to 10 for each body area on the shown day", self.action_body
        )
        yield SystemCommand(
            "Progress",
            "Pain by area beside the routine's adherence, per habit figures, a year of days",
            self.action_progress,
        )
        yield SystemCommand("Help", "Every key", self.action_help)

    def watch_theme(self, theme: str) -> None:
        if theme != self.settings.theme:
            if self.attempt(self.store.set_setting, "theme", theme) is not None:
                self.settings = replace(self.settings, theme=theme)
