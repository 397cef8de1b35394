"""The net under the fall-off: the routine's drop said in numbers, never as
blame, with one key to a minimum session of today's due items."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from ...domain.drop_off import DropOff
from ...domain.model import Habit
from ...domain.session import minimum_dose_words
from ..keys import bindings
from .note import NoteModal


class DropOffNote(NoteModal):
    """Dismissed with True to start the minimum session."""

    DEFAULT_CSS = """
    DropOffNote #words { margin-bottom: 1; }
    """

    BINDINGS = bindings("drop_off")

    def __init__(self, dropped: DropOff, habits: Sequence[Habit]) -> None:
        super().__init__()
        self.dropped = dropped
        self.habits = tuple(habits)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "A quieter week"
            yield Static(Content(self.dropped.words()), id="words")
            if self.habits:
                yield Static(Content("The minimum of today's items, a few minutes:"), id="offer")
                yield Static(self._items(), id="items")
            else:
                yield Static(Content("Nothing is left for today: that already counts."), id="offer")
            with Horizontal(id="buttons"):
                if self.habits:
                    yield Button("Minimum session (g)", variant="primary", id="start")
                yield Button("Not now (esc)", id="later")

    def _items(self) -> Content:
        # No-break spaces: a plain space at a style boundary is dropped.
        lines = []
        for habit in self.habits:
            least = minimum_dose_words(habit.prescription)
            lines.append(
                Content.assemble(
                    ("• ", "$text-primary"),
                    (habit.name, "bold"),
                    *(((f"\u00a0·\u00a0{least}", "$foreground-muted"),) if least else ()),
                )
            )
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        self.query_one("#start" if self.habits else "#later", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing due today: no session to offer.
        return bool(self.habits) or parameters != (True,)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "start")

    def action_answer(self, start: bool) -> None:
        self.dismiss(start)
