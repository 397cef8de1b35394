"""A modal to read and close: a titled, scrolling panel of text (help, a session's summary)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import bindings, key_of


class ReadingModal(ModalScreen[None]):
    """Subclasses give the title, the text, and the action that closes it (CLOSE,
    whose key the hint names)."""

    DEFAULT_CSS = """
    ReadingModal { align: center middle; background: $background 60%; }
    ReadingModal > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; border-title-style: bold; background: $panel; padding: 0 1;
    }
    """

    TITLE_TEXT = ""
    #: The action whose key the closing hint names.
    CLOSE = "reading_close"
    BINDINGS = bindings("reading")

    def content(self) -> Content:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = self.TITLE_TEXT
            scroll.border_subtitle = f"{key_of(self, self.CLOSE)} to close"
            yield Static(self.content())

    def action_close(self) -> None:
        self.dismiss(None)
