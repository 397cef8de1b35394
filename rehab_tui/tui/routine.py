"""The routine: the habits screen (`h`), the habit form, and what they ask for.

A part of RehabApp (it inherits this class). Each thing the habits screen asks
is its own message (HabitsScreen.Add, .Edit, ...), handled by its own method.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..domain.errors import RehabError
from ..domain.habits import schedule_edit
from .app_base import AppBase

if TYPE_CHECKING:
    from collections.abc import Callable

    from .screens.habit_form import HabitDraft
    from .screens.habits import HabitsScreen


class Routine(AppBase):
    def offer_start_empty(self) -> None:
        """The app made this file with the example routine: keep it, or start empty?"""
        from .screens.new_file import NewFileNote

        names = [habit.name for habit in self.store.habits()]
        self.push_screen(NewFileNote(names), lambda empty: self._start_empty() if empty else None)

    def _start_empty(self) -> None:
        # The checklist then says how to add a habit.
        if self.attempt(self.store.drop_example) is not None:
            self.reload()

    def action_habits(self) -> None:
        from .screens.habits import HabitsScreen

        self.push_screen(HabitsScreen(self.store.habits(), self.today), lambda _: self.reload())

    def on_habits_screen_add(self, event: HabitsScreen.Add) -> None:
        self._open_form(event.control, None)

    def on_habits_screen_edit(self, event: HabitsScreen.Edit) -> None:
        self._open_form(event.control, event.habit_id)

    def on_habits_screen_archive(self, event: HabitsScreen.Archive) -> None:
        self._change(event, self.store.archive_habit, event.habit_id, self.today)

    def on_habits_screen_restore(self, event: HabitsScreen.Restore) -> None:
        self._change(event, self.store.restore_habit, event.habit_id)

    def on_habits_screen_move(self, event: HabitsScreen.Move) -> None:
        self._change(event, self.store.move_habit, event.habit_id, event.position)

    def _change(self, event: HabitsScreen.Asked, write: Callable[..., Any], *args: Any) -> None:
        self.attempt(write, *args)
        event.control.show(self.store.habits(), event.habit_id)

    def _open_form(self, screen: HabitsScreen, habit_id: int | None) -> None:
        from .screens.habit_form import HabitForm

        habit = next((h for h in self.store.habits() if h.id == habit_id), None)
        self.push_screen(HabitForm(self.today, habit, lambda draft: self._save(draft, screen)))

    def _save(self, draft: HabitDraft, screen: HabitsScreen) -> str | None:
        """Carry out a habit form's draft; the error to show in the form, or None."""
        changes = dict(draft.changes)
        before = None  # an edited habit as it was, to say what its schedule change did
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
                before = self.store.readable_habit(draft.habit_id)
                habit = self.store.edit_habit(draft.habit_id, self.today, **changes)
        except RehabError as exc:
            return str(exc)
        said = habit.schedule.explain()
        if draft.habit_id is not None and "schedule" in changes:
            day = changes.get("since") or self.today
            said = schedule_edit(before, habit, day).words(lambda d: f"{d:%a %d %b %Y}")
        self.notify(f"Saved {habit.name}: {said}.")
        screen.show(self.store.habits(), habit.id)
        return None
