"""`n`: the note of the highlighted habit's check-in on the shown day.

A part of RehabApp (it inherits this class); the store's gate checks the note
(rules.check_note), this part only asks and shows what came of it.
"""

from __future__ import annotations

from ..domain.errors import NotDone
from ..domain.rules import check_note
from .app_base import AppBase
from .widgets.checklist import ChecklistView


class Noting(AppBase):
    def action_note(self) -> None:
        item = self.query_one(ChecklistView).current
        if item is None:
            return
        habit, day = item.log.habit, item.day
        try:
            # Asked before the form opens, not after the note is typed.
            check_note(habit, day, day in item.log.done, "")
        except NotDone as exc:
            self.notify(f"{exc}: tick it first.", severity="warning")
            return
        from .screens.checkin_note import CheckinNoteScreen

        def written(text: str | None) -> None:
            if text is None:
                return
            before = self.attempt(self.store.set_note, habit.id, day, text)
            if before is None:
                return
            log = self.attempt(self.store.log, habit.id)
            if log is None:
                return
            now = log.notes.get(day, "")
            self.notify("Note saved." if now else ("Note removed." if before else "No note to remove."))
            self.board.replace_log(log)
            self.refresh_day()

        self.push_screen(CheckinNoteScreen(habit.name, day, item.note), written)
