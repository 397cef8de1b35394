"""A modal to read and close: a titled, scrolling panel of text (help, a session's summary)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class ReadingModal(ModalScreen[None]):
    """Subclasses give the title, the closing hint, the keys that close it and the text."""

    DEFAULT_CSS = """
    ReadingModal { align: center middle; background: $background 60%; }
    ReadingModal > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; border-title-style: bold; background: $panel; padding: 0 1;
    }
    """

    TITLE_TEXT = ""
    HINT = "escape to close"
    BINDINGS = [Binding("escape", "close", "Close")]

    def content(self) -> Content:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = self.TITLE_TEXT
            scroll.border_subtitle = self.HINT
            yield Static(self.content())

    def action_close(self) -> None:
        self.dismiss(None)
