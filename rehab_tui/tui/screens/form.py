"""What every form modal does alike: Enter confirms; Escape or Cancel closes,
Escape asking first when something was changed.

Focus starts on the first field shown (Textual's AUTO_FOCUS) and tab goes top
to bottom: compose fields in the order they appear, and set no focus of
one's own in on_mount.
"""

from __future__ import annotations

from typing import TypeVar

from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select

from ..keys import bindings

Result = TypeVar("Result")

#: The widgets whose value is what the person typed or chose.
FIELDS = (Input, Select, Checkbox)


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

    def __init__(self) -> None:
        super().__init__()
        #: Each field's value as the form opened, to tell a changed form.
        self._opened_with: dict[Widget, object] = {}

    def _fields(self) -> dict[Widget, object]:
        return {field: field.value for field in self.query("*").results() if isinstance(field, FIELDS)}

    def on_mount(self) -> None:
        self._opened_with = self._fields()

    def changed(self) -> bool:
        """Whether closing now would lose something the person typed or chose."""
        return self._fields() != self._opened_with

    def confirm(self) -> None:
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)  # the button says what it does: no question
        else:
            self.confirm()

    def action_cancel(self) -> None:
        """Escape: closes an unchanged form at once; a changed one asks first
        (escape is easily pressed by mistake, and typing is lost with it)."""
        if not self.changed():
            self.dismiss(None)
            return
        from .confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard your changes?", Content("What you changed in this form is lost."), "Discard"),
            answered,
        )
