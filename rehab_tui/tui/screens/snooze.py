"""The snooze modal: rest the whole day or one habit, with a reason, area and pain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.validation import Integer
from textual.widgets import Button, Input, Label, Select, Static

from ...domain.model import Habit
from ...domain.rules import PAIN
from ...domain.snoozing import Budget
from .form import FormModal

WHOLE_DAY = -1


@dataclass(frozen=True)
class SnoozeRequest:
    day: date
    habit_id: int | None
    reason: str
    area: str | None
    pain: int | None


@dataclass(frozen=True)
class PauseInstead:
    """The budget is spent; the person chose to pause a habit instead."""

    habit_id: int | None


class SnoozeScreen(FormModal[SnoozeRequest | PauseInstead | None]):
    DEFAULT_CSS = """
    SnoozeScreen > Vertical { border: thick $accent; }
    SnoozeScreen #title { color: $text-accent; }
    SnoozeScreen #budget { margin: 1 0 0 0; }
    SnoozeScreen #budget.spent { color: $warning; }
    SnoozeScreen .row > Vertical { width: 1fr; }
    """

    def __init__(self, day: date, habits: list[Habit], highlighted: int | None, budget: Budget) -> None:
        super().__init__()
        self.day = day
        self.habits = habits
        self.highlighted = highlighted
        #: Asked of the domain (snoozing.budget_for), never counted here.
        self.budget = budget

    @property
    def spent(self) -> bool:
        return self.budget.spent

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Snooze {self.day:%A %d %B}", id="title")
            yield Label("What rests")
            # Content: a Select reads a str prompt as markup; a name is plain text.
            options = [(Content("The whole day"), WHOLE_DAY)] + [(Content(h.name), h.id) for h in self.habits]
            yield Select(options, value=WHOLE_DAY, allow_blank=False, id="target")
            yield Label("Reason")
            yield Input(value="sore", id="reason")
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label("Body area (optional)")
                    yield Input(placeholder="left IT band", id="area")
                with Vertical():
                    yield Label("Pain 0–10 (optional)")
                    yield Input(
                        placeholder="0 to 10",
                        id="pain",
                        type="integer",
                        validators=[
                            Integer(
                                minimum=PAIN.low,
                                maximum=PAIN.high,
                                failure_description=f"pain is {PAIN.low} to {PAIN.high}",
                            )
                        ],
                    )
            yield Static(self._budget_text(), id="budget", classes="spent" if self.spent else "")
            with Horizontal(id="buttons"):
                if self.spent:
                    yield Button("Pause instead", variant="warning", id="pause")
                else:
                    yield Button("Snooze", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def _budget_text(self) -> str:
        budget = self.budget
        if budget.already:
            return "This day is already snoozed: snoozing a habit on it costs nothing."
        if budget.spent:
            return (
                f"The snooze budget is spent: {budget.budget} snoozed day{'s' if budget.budget != 1 else ''} "
                "in any 7. For a longer break, pause a habit until a date instead."
            )
        return f"{budget.left} of {budget.budget} snoozes left in these 7 days. Streaks freeze, they don't break."

    def _target(self) -> int | None:
        value = self.query_one("#target", Select).value
        # allow_blank=False: a habit's id or WHOLE_DAY, never Select.BLANK.
        return value if isinstance(value, int) and value != WHOLE_DAY else None

    def confirm(self) -> None:
        if self.spent:
            self.dismiss(PauseInstead(self._target()))
            return
        pain_input = self.query_one("#pain", Input)
        pain_text = pain_input.value.strip()
        if pain_text and not pain_input.is_valid:
            self.notify(f"Pain is a level from {PAIN.low} to {PAIN.high}.", severity="error")
            pain_input.focus()
            return
        self.dismiss(
            SnoozeRequest(
                self.day,
                self._target(),
                self.query_one("#reason", Input).value.strip() or "sore",
                self.query_one("#area", Input).value.strip() or None,
                int(pain_text) if pain_text else None,
            )
        )
