"""The note modal: the note of one habit's check-in on one day, prefilled
with the note it has; empty removes it."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from ...domain.errors import RehabError
from ...domain.rules import NOTE
from .form import FormModal


class CheckinNoteScreen(FormModal[str | None]):
    """Dismisses with the note as typed ('' to remove it), or None on cancel."""

    DEFAULT_CSS = """
    CheckinNoteScreen #note-help { color: $foreground-muted; height: auto; }
    """

    def __init__(self, name: str, day: date, note: str) -> None:
        super().__init__()
        self.habit_name = name
        self.day = day
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            # Content: a habit's name is plain text, never markup.
            yield Static(Content(f"Note · {self.habit_name} · {self.day:%a %d %b %Y}"), id="title")
            # The cursor at the end, nothing selected: a key typed adds to the note.
            yield Input(self.note, placeholder="knee felt hot", max_length=NOTE.cap, select_on_focus=False, id="note")
            yield Static("Goes with the check-in; empty removes it.", id="note-help")
            with Horizontal(id="buttons"):
                yield Button("Save", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def confirm(self) -> None:
        text = self.query_one("#note", Input).value
        try:
            NOTE.clean(text)  # the domain's rule; the form stays open if it refuses
        except RehabError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss(text)
