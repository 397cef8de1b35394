"""A snoozed day: what rests, why, where it hurts and how much; Unsnooze takes it back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label, Select, Static

from ...domain.model import Snooze
from ...domain.rules import PAIN
from .form import FormModal

WHOLE_DAY = -1


@dataclass(frozen=True)
class Unsnooze:
    day: date
    habit_id: int | None  # None: the whole day's snooze


@dataclass(frozen=True)
class SnoozeMore:
    """Leave these as they are and snooze something else on the day (the form)."""


def describe(snooze: Snooze, names: dict[int, str]) -> Content:
    """One snooze as plain text: the names, reasons and areas are the user's."""
    what = "The whole day" if snooze.habit_id is None else names.get(snooze.habit_id, f"habit {snooze.habit_id}")
    parts: list = [(what, "bold"), ("  ", ""), (snooze.reason or "no reason given", "")]
    if snooze.area:
        parts += [("  ·  area ", "$foreground-muted"), (snooze.area, "")]
    if snooze.pain is not None:
        parts += [("  ·  pain ", "$foreground-muted"), (f"{snooze.pain}/{PAIN.high}", "")]
    return Content.assemble(*parts)


class SnoozedScreen(FormModal[Unsnooze | SnoozeMore | None]):
    DEFAULT_CSS = """
    SnoozedScreen > Vertical { border: thick $accent; }
    SnoozedScreen #title { color: $text-accent; }
    SnoozedScreen .snooze { height: auto; }
    SnoozedScreen #hint { color: $foreground-muted; margin-top: 1; height: auto; }
    """

    def __init__(self, day: date, snoozes: list[Snooze], names: dict[int, str], highlighted: int | None) -> None:
        super().__init__()
        self.day = day
        self.snoozes = snoozes
        self.names = names
        ids = [s.habit_id for s in snoozes]
        self.target = None if None in ids else highlighted if highlighted in ids else ids[0]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Snoozed · {self.day:%A %d %B}", id="title")
            for snooze in self.snoozes:
                yield Static(describe(snooze, self.names), classes="snooze")
            if len(self.snoozes) > 1:
                yield Label("Unsnooze")
                options = [
                    (
                        Content("The whole day") if s.habit_id is None else Content(self.names.get(s.habit_id, "?")),
                        WHOLE_DAY if s.habit_id is None else s.habit_id,
                    )
                    for s in self.snoozes
                ]
                yield Select(
                    options, value=WHOLE_DAY if self.target is None else self.target, allow_blank=False, id="target"
                )
            yield Static("Unsnooze and the day counts again: a miss is a miss.", id="hint")
            with Horizontal(id="buttons"):
                yield Button("Unsnooze", variant="primary", id="ok")
                if all(s.habit_id is not None for s in self.snoozes):
                    yield Button("Snooze more", id="more")
                yield Button("Close", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "more":
            event.stop()
            event.prevent_default()  # FormModal's handler would confirm too
            self.dismiss(SnoozeMore())

    def confirm(self) -> None:
        target = self.target
        for select in self.query("#target").results(Select):
            # allow_blank=False: a habit's id or WHOLE_DAY, never Select.BLANK.
            value = select.value
            target = value if isinstance(value, int) and value != WHOLE_DAY else None
        self.dismiss(Unsnooze(self.day, target))
