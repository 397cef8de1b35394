"""What every form modal does alike: Enter confirms, Escape or Cancel closes."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen
from textual.widgets import Button, Input

from ..keys import bindings

Result = TypeVar("Result")


class FormModal(ModalScreen[Result]):
    """A modal form; subclasses say what `confirm` dismisses with."""

    DEFAULT_CSS = """
    FormModal { align: center middle; background: $background 60%; }
    FormModal > Vertical {
        width: 60; height: auto; max-height: 100%;
        border: thick $primary; background: $panel; padding: 0 1;
    }
    FormModal #title { text-style: bold; color: $text-primary; margin-bottom: 1; }
    FormModal Label { color: $foreground-muted; }
    FormModal .row { height: auto; }
    FormModal .row > Vertical { height: auto; }
    FormModal #buttons { height: auto; align-horizontal: right; margin-top: 1; }
    FormModal Button { margin-left: 1; }
    """

    BINDINGS = bindings("form")

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
