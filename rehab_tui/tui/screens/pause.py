"""The pause modal: a longer break for one habit, until a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from ...domain.dates import parse_day
from ...domain.errors import RehabError
from ...domain.model import Habit, Pause
from ...domain.rules import check_pause
from .form import FormModal


@dataclass(frozen=True)
class PauseRequest:
    habit_id: int
    start: date
    until: date
    reason: str


class PauseScreen(FormModal[PauseRequest | None]):
    DEFAULT_CSS = """
    PauseScreen > Vertical { border: thick $secondary; }
    PauseScreen #title { color: $text-secondary; }
    PauseScreen #until-help { color: $foreground-muted; height: auto; }
    PauseScreen #until-help.error { color: $error; }
    """

    def __init__(self, habits: list[Habit], habit_id: int | None, start: date, today: date) -> None:
        super().__init__()
        self.habits = habits
        self.habit_id = habit_id if habit_id in {h.id for h in habits} else (habits[0].id if habits else None)
        self.start = start
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Pause a habit from {self.start:%A %d %B}", id="title")
            yield Label("Habit")
            # Content: a Select reads a str prompt as markup; a name is plain text.
            yield Select(
                [(Content(h.name), h.id) for h in self.habits], value=self.habit_id, allow_blank=False, id="habit"
            )
            yield Label("Last paused day")
            yield Input(placeholder="2026-12-05, Dec 5, or fri", id="until")
            yield Static("Streaks and strength freeze while paused; no budget.", id="until-help")
            yield Label("Reason (optional)")
            yield Input(placeholder="no running until the physio", id="reason")
            with Horizontal(id="buttons"):
                yield Button("Pause", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def _until(self) -> date:
        return parse_day(self.query_one("#until", Input).value, self.today, ahead=True)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "until":
            return
        help_text = self.query_one("#until-help", Static)
        if not event.value.strip():
            help_text.update("Streaks and strength freeze while paused; no budget.")
            help_text.remove_class("error")
            return
        try:
            until = self._until()
        except RehabError as exc:
            help_text.update(str(exc))
            help_text.add_class("error")
        else:
            days = (until - self.start).days + 1
            help_text.update(f"until {until:%A %d %B %Y} ({days} day{'s' if days != 1 else ''})")
            help_text.set_class(days < 1, "error")

    def confirm(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        try:
            # The domain's rule says whether the dates make a pause; the form stays open if not.
            pause = check_pause(Pause(self.start, self._until(), reason))
        except RehabError as exc:
            self.notify(str(exc), severity="error")
            return
        habit_id = self.query_one("#habit", Select).value
        if not isinstance(habit_id, int):
            return  # allow_blank=False: never Select.BLANK, a habit's id
        self.dismiss(PauseRequest(habit_id, pause.start, pause.until, reason))
