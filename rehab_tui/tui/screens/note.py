"""The look the app's notes share (the drop-off note, the new-file question): a
framed box in the middle over a dimmed screen, its buttons on the right."""

from __future__ import annotations

from textual.screen import ModalScreen


class NoteModal(ModalScreen[bool]):
    """A note that asks one thing; dismissed with True for its first choice."""

    DEFAULT_CSS = """
    NoteModal { align: center middle; background: $background 60%; }
    NoteModal > Vertical {
        width: 66; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; border-title-style: bold; border-title-color: $text-primary;
        background: $panel; padding: 1 2;
    }
    NoteModal #buttons { height: auto; align-horizontal: right; margin-top: 1; }
    NoteModal Button { margin-left: 1; }
    """
