"""Asked once, when the app made the file it opened: keep the example routine
it holds, or start empty (docs/architecture.md, "The TUI")."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from ..keys import bindings, key_shown
from .note import NoteModal


class NewFileNote(NoteModal):
    """Dismissed with True to start empty."""

    BINDINGS = bindings("new_file")

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__()
        self.names = tuple(names)

    def compose(self) -> ComposeResult:
        count = len(self.names)
        # The names are the example's, but shown as text all the same.
        words = Content.assemble(
            f"It holds an example routine ({count} habit{'s' if count != 1 else ''}: ",
            (", ".join(self.names), "bold"),
            f"). Keep it to make it your own ({key_shown(self, 'habits')} edits), or start empty?",
        )
        with Vertical() as box:
            box.border_title = "A new routine file"
            yield Static(words, id="words")
            with Horizontal(id="buttons"):
                yield Button(f"Keep ({key_shown(self, 'new_file_keep')})", variant="primary", id="keep")
                yield Button(f"Start empty ({key_shown(self, 'new_file_empty')})", id="empty")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "empty")

    def action_answer(self, empty: bool) -> None:
        self.dismiss(empty)
