"""Snoozes and pauses: `s`, `S`, `p`, `r`, their modals and what they answer.

A part of RehabApp (it inherits this class); the store's gate checks every rule.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ..domain.errors import RehabError
from ..domain.model import Habit, Snooze
from ..domain.pausing import current, planned
from ..domain.rules import check_snooze_day
from ..domain.snoozing import budget_for
from .undoing import Inverse, Undoing
from .widgets.checklist import ChecklistView

if TYPE_CHECKING:
    from ..store.results import Rested
    from .screens.pause import EndPause, PauseRequest
    from .screens.snooze import PauseInstead, SnoozeRequest
    from .screens.snoozed import SnoozeMore, Unsnooze


class Resting(Undoing):
    def _active_habits(self) -> list[Habit]:
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
        try:
            check_snooze_day(day, self.today)  # asked before the form, not after it is filled in
        except RehabError as exc:
            self.notify(str(exc), severity="warning")
            return
        journal = self.board.journal
        from .screens.snooze import SnoozeScreen

        budget = budget_for(journal.budget_days, day, journal.snooze_budget)
        self.push_screen(SnoozeScreen(day, self._active_habits(), self._highlighted_id(), budget), self._snoozed)

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
                if rested.changed:
                    self._remember_snooze(request.day, request.habit_id)
                self._show_rested(rested)

    def _remember_snooze(self, day: date, habit_id: int | None) -> None:
        what = self.board.journal.log(habit_id).habit.name if habit_id is not None else "the day"
        words = f"the snooze of {what} on {day:%a %d %b}"
        self.remember(Inverse(words, day, habit_id, lambda: self.store.unsnooze(day, habit_id)))

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
            self._show_rested(rested)

    def _show_rested(self, rested: Rested) -> None:
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

        pauses = {log.habit.id: log.pauses for log in self.board.journal.logs}
        self.push_screen(
            PauseScreen(habits, habit_id or self._highlighted_id(), self.selected, self.today, pauses), self._paused
        )

    def _paused(self, request: PauseRequest | EndPause | None) -> None:
        from .screens.pause import EndPause

        if isinstance(request, EndPause):
            self.end_pause(request.habit_id)
            return
        if request is None:
            return
        paused = self.attempt(
            self.store.pause,
            request.habit_id,
            request.until,
            today=self.today,
            start=request.start,
            reason=request.reason,
            confirmed=request.confirmed,
        )
        if paused is not None:
            now, before = paused.pause, paused.before
            days = f"{now.days} day{'' if now.days == 1 else 's'}"
            if before is None:
                self.notify(f"Paused {now.start:%a %d %b} – {now.until:%a %d %b} ({days}).")
            else:
                self.notify(
                    f"Pause changed: {before.start:%a %d %b} – {before.until:%a %d %b} → "
                    f"{now.start:%a %d %b} – {now.until:%a %d %b} ({days})."
                )
            self.show_journal(self.board.journal.with_log(paused.log))

    def end_pause(self, habit_id: int) -> None:
        """The pause form's End pause: the current pause ends (today counts
        again), else the next planned one is cancelled."""
        if current(self.board.journal.log(habit_id).pauses, self.today) is not None:
            self.action_resume(habit_id)
            return
        cancelled = self.attempt(self.store.cancel_planned, habit_id, self.today)
        if cancelled is not None:
            gone = cancelled.pause
            self.notify(f"Planned pause {gone.start:%a %d %b} – {gone.until:%a %d %b} cancelled.")
            self.show_journal(self.board.journal.with_log(cancelled.log))

    def action_resume(self, habit_id: int | None = None) -> None:
        habit_id = habit_id or self._highlighted_id()
        resumed = self.attempt(self.store.resume, habit_id, self.today) if habit_id is not None else None
        if resumed is not None:
            later = planned(resumed.log.pauses, self.today)
            still = f" Still planned: {later[0].start:%a %d %b} – {later[0].until:%a %d %b}." if later else ""
            self.notify("Resumed: today counts again." + still)
            self.show_journal(self.board.journal.with_log(resumed.log))
