"""What every form modal does alike: Enter confirms, Escape or Cancel closes."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Input

Result = TypeVar("Result")


class FormModal(ModalScreen[Result]):
    """A modal form; subclasses say what `confirm` dismisses with."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def confirm(self) -> None:
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
        else:
            self.confirm()

    def action_cancel(self) -> None:
        self.dismiss(None)
