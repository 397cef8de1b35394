"""The app's ticks: space, `m` and `u` on the checklist, and the session's check-ins.

A part of RehabApp (it inherits this class): the store's gate decides whether a
tick may be written, and this part reacts to the kind of refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.content import Content

from ..domain.errors import BeforeStart, InTheFuture
from ..domain.prescription import Dose
from ..domain.states import DayState, due_days
from .undoing import Inverse, Undoing
from .widgets.checklist import ChecklistView

if TYPE_CHECKING:
    from ..store.results import Ticks

#: How long after a session's summary closes an enter on the checklist is
#: taken for the closing enter pressed twice, and dropped: it would tick or
#: untick the row the cursor rests on.
STRAY_ENTER_SECONDS = 0.6


class Ticking(Undoing):
    #: Until when (on the app's monotonic clock) a row picked on the checklist is a stray enter.
    quiet_until = float("-inf")

    def on_checklist_view_toggled(self, event: ChecklistView.Toggled) -> None:
        if event.picked and self.monotonic() < self.quiet_until:
            return
        log = self.board.journal.log(event.habit_id)
        pause = log.pause_on(event.day) if event.done else None
        if pause is None:
            self.set_done(event.habit_id, event.day, event.done, event.dose)
            return
        # A tick on a paused day counts, but the pause says it was not meant
        # to be done: ask first (the command line records it and says so).
        from .screens.confirm import ConfirmScreen

        why = f" ({pause.reason})" if pause.reason else ""
        question = Content.assemble(
            (log.habit.name, "bold"),
            f" is paused through {pause.until:%a %d %b}{why}. Tick it on {event.day:%a %d %b} anyway? "
            "It counts as done; the pause stays.",
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.set_done(event.habit_id, event.day, True, event.dose)

        self.push_screen(ConfirmScreen("Tick a paused day?", question, "Tick it"), answered)

    def set_done(self, habit_id: int, day: date, done: bool, dose: Dose = Dose.FULL) -> bool:
        """Tick (at `dose`) or untick a habit on a day; whether it was written.
        What it changed is kept for ctrl+z and `u` (Undoing)."""
        try:
            if done:
                ticks = self.store.check_in([habit_id], day, self.today, dose=dose)
            else:
                ticks = self.store.undo([habit_id], day)
        except InTheFuture:
            self.notify("That day hasn't come yet: tick it on the day.", severity="warning")
            return False
        except BeforeStart as refused:
            self._offer_new_start(habit_id, refused, dose)
            return False
        except self.FAILURES as exc:
            self.show_failure(exc)
            return False
        self._remember_tick(ticks, habit_id, day, dose if done else None)
        for log in ticks.logs:
            self.board.replace_log(log)
        self.refresh_all()  # the checklist's cursor moves on from a row just ticked
        return True

    def _remember_tick(self, ticks: Ticks, habit_id: int, day: date, dose: Dose | None) -> None:
        """Keep the inverse of a tick (`dose`) or untick (None), and say a dose changed."""
        before = ticks.before.get(habit_id)
        if before is dose:
            return  # nothing changed: nothing to take back
        name = ticks.logs[0].habit.name
        on = f"{day:%a %d %b}"
        if dose is not None and (change := ticks.dose_change(habit_id, dose)):
            self.notify(f"{name}: {change} on {on}")
        restore: Callable[[], Any]
        if before is None:
            restore, words = partial(self.store.undo, [habit_id], day), f"the tick of {name} on {on}"
        else:
            # An untick gives back the note too: nothing recorded is lost to an undo.
            note = ticks.notes.get(habit_id) or None
            restore = partial(self.store.check_in, [habit_id], day, self.today, note=note, dose=before)
            words = (
                f"the untick of {name} on {on}" if dose is None else f"{name} back to the {before.word} dose on {on}"
            )
        self.remember(Inverse(words, day, habit_id, restore, tick=dose is not None))

    def _offer_new_start(self, habit_id: int, refused: BeforeStart, dose: Dose) -> None:
        """A tick of `habit_id` before its start: ask whether to move the start back to that day."""
        from .screens.confirm import ConfirmScreen

        habit = self.board.journal.log(habit_id).habit
        day = refused.day
        due = due_days(habit, day, refused.start - timedelta(days=1))
        question = Content.assemble(
            (habit.name, "bold"),
            f" starts on {refused.start:%a %d %b %Y}. Move its start back to {day:%a %d %b %Y} and tick it? "
            f"That makes {due} more day{'s' if due != 1 else ''} due; the ones left unticked count as missed.",
        )

        def answered(yes: bool | None) -> None:
            if yes and self.attempt(self.store.edit_habit, habit_id, self.today, start=day) is not None:
                self.reload()
                self.set_done(habit_id, day, True, dose)

        self.push_screen(ConfirmScreen("Move the start?", question, "Move the start"), answered)

    def action_undo(self) -> None:
        """`u`: take the highlighted habit's tick back; when this session
        ticked it, put back what was there before (a minimum dose a full tick
        replaced), else untick it."""
        item = self.query_one(ChecklistView).current
        if item is None:
            return
        if item.state is not DayState.DONE:
            self.notify(f"{item.log.habit.name} isn't ticked on this day: nothing to take back.", severity="warning")
        elif inverse := self.last_tick(item.log.habit.id, self.selected):
            self.take_back(inverse)
        else:
            self.set_done(item.log.habit.id, self.selected, False)
