"""Add or edit one habit; the schedule is read back as it was understood."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from ...domain.errors import RehabError
from ...domain.model import Habit
from ...domain.schedules import parse_schedule
from .form import FormModal


@dataclass(frozen=True)
class HabitDraft:
    habit_id: int | None
    name: str
    schedule: str
    cue: str
    minutes: int | None


class HabitForm(FormModal[HabitDraft | None]):
    DEFAULT_CSS = """
    HabitForm > Vertical { width: 70; }
    HabitForm #parsed { color: $text-success; height: auto; }
    HabitForm #parsed.error { color: $error; }
    HabitForm #schedule-box { width: 1fr; }
    HabitForm #minutes-box { width: 14; margin-left: 1; }
    """

    def __init__(self, today: date, habit: Habit | None = None) -> None:
        super().__init__()
        self.today = today
        self.habit = habit

    def compose(self) -> ComposeResult:
        h = self.habit
        with Vertical():
            yield Static(f"Edit {h.name}" if h else "New habit", id="title")
            yield Label("Name")
            yield Input(value=h.name if h else "", placeholder="Hamstring stretch", id="name")
            yield Label("Cue: how to do it, in one line")
            yield Input(value=h.cue if h else "", placeholder="Heel on a step, hinge at the hips, 45 s", id="cue")
            with Horizontal(classes="row"):
                with Vertical(id="schedule-box"):
                    yield Label("Schedule")
                    yield Input(
                        value=h.schedule.describe() if h else "daily",
                        placeholder="daily · tue,fri · every 2 days · 2/week · RRULE:…",
                        id="schedule",
                    )
                with Vertical(id="minutes-box"):
                    yield Label("Minutes")
                    yield Input(value=str(h.minutes) if h and h.minutes else "", type="integer", id="minutes")
            yield Static("", id="parsed")
            with Horizontal(id="buttons"):
                yield Button("Save", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._explain(self.query_one("#schedule", Input).value)
        self.query_one("#name", Input).focus()

    def _explain(self, text: str) -> bool:
        parsed = self.query_one("#parsed", Static)
        try:
            schedule = parse_schedule(text, self.today)
        except RehabError as exc:
            parsed.update(str(exc))
            parsed.add_class("error")
            return False
        parsed.update(f"→ {schedule.explain()}")
        parsed.remove_class("error")
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "schedule":
            self._explain(event.value)

    def confirm(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        schedule = self.query_one("#schedule", Input).value.strip()
        if not name:
            self.notify("A habit needs a name.", severity="error")
            self.query_one("#name", Input).focus()
            return
        if not self._explain(schedule):
            self.query_one("#schedule", Input).focus()
            return
        minutes = self.query_one("#minutes", Input).value.strip()
        self.dismiss(
            HabitDraft(
                self.habit.id if self.habit else None,
                name,
                schedule,
                self.query_one("#cue", Input).value.strip(),
                int(minutes) if minutes else None,
            )
        )
