"""Add or edit one habit; the schedule is read back as it was understood."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from ...domain.dates import parse_day
from ...domain.errors import RehabError
from ...domain.model import Habit
from ...domain.schedules import parse_schedule
from .form import FormModal


@dataclass(frozen=True)
class HabitDraft:
    """What the person typed: for a new habit every field, for an edit only
    the fields they changed (a change made elsewhere meanwhile is kept)."""

    habit_id: int | None
    changes: dict[str, Any] = field(default_factory=dict)


class HabitForm(FormModal[None]):
    """The app's `save` carries a draft out and returns an error to show, or
    None; the form stays open on an error so nothing typed is lost."""

    DEFAULT_CSS = """
    HabitForm > Vertical { width: 74; }
    HabitForm #parsed { color: $text-success; height: auto; }
    HabitForm #parsed.error { color: $error; }
    HabitForm #schedule-box { width: 1fr; }
    HabitForm #from-box { width: 20; margin-left: 1; }
    HabitForm #minutes-box { width: 12; margin-left: 1; }
    """

    def __init__(self, today: date, habit: Habit | None, save: Callable[[HabitDraft], str | None]) -> None:
        super().__init__()
        self.today = today
        self.habit = habit
        self.save = save

    def _loaded(self) -> dict[str, str]:
        h = self.habit
        return {
            "name": h.name if h else "",
            "cue": h.cue if h else "",
            "schedule": h.schedule.describe() if h else "daily",
            "minutes": str(h.minutes) if h and h.minutes else "",
            "since": "today",
        }

    def compose(self) -> ComposeResult:
        loaded = self._loaded()
        with Vertical():
            title = Content.assemble("Edit ", (self.habit.name, "bold")) if self.habit else Content("New habit")
            yield Static(title, id="title")
            yield Label("Name")
            yield Input(value=loaded["name"], placeholder="Hamstring stretch", id="name")
            yield Label("Cue: how to do it, in one line")
            yield Input(value=loaded["cue"], placeholder="Heel on a step, hinge at the hips, 45 s", id="cue")
            with Horizontal(classes="row"):
                with Vertical(id="schedule-box"):
                    yield Label("Schedule")
                    yield Input(
                        value=loaded["schedule"],
                        placeholder="daily · weekdays · tue,fri · every 2 days · 2/week",
                        id="schedule",
                    )
                if self.habit:
                    with Vertical(id="from-box"):
                        yield Label("From")
                        yield Input(value=loaded["since"], placeholder="today, mon, Dec 1", id="since")
                with Vertical(id="minutes-box"):
                    yield Label("Minutes")
                    yield Input(value=loaded["minutes"], placeholder="5", id="minutes")
            yield Static("", id="parsed")
            with Horizontal(id="buttons"):
                yield Button("Save", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._explain()
        self.query_one("#name", Input).focus()

    def _value(self, key: str) -> str:
        return self.query_one(f"#{key}", Input).value.strip()

    def _since(self) -> date:
        return parse_day(self._value("since"), self.today, ahead=True) if self.habit else self.today

    def _explain(self) -> bool:
        """Show how the schedule (and its first day) was understood; False if it was not."""
        parsed = self.query_one("#parsed", Static)
        try:
            since = self._since()
            schedule = parse_schedule(self._value("schedule"), since)
        except RehabError as exc:
            parsed.update(Content(str(exc)))
            parsed.add_class("error")
            return False
        when = f", from {since:%a %d %b %Y}" if self.habit and self._schedule_changed() else ""
        parsed.update(Content(f"→ {schedule.explain()}{when}"))
        parsed.remove_class("error")
        return True

    def _schedule_changed(self) -> bool:
        return self._value("schedule") != self._loaded()["schedule"]

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("schedule", "since"):
            self._explain()

    def _minutes(self) -> int | None:
        text = self._value("minutes")
        if not text:
            return None
        if not (text.isascii() and text.isdigit() and len(text) <= 4):
            raise RehabError("minutes are a whole number, like 5")
        return int(text)

    def _draft(self) -> HabitDraft:
        loaded = self._loaded()
        typed = {key: self._value(key) for key in ("name", "cue", "schedule", "minutes")}
        changes: dict[str, Any] = {k: v for k, v in typed.items() if not self.habit or v != loaded[k]}
        if "minutes" in changes:
            changes["minutes"] = self._minutes()
        if self.habit and "schedule" in changes:
            changes["since"] = self._since()
        return HabitDraft(self.habit.id if self.habit else None, changes)

    def confirm(self) -> None:
        if not self._value("name"):
            self.notify("A habit needs a name.", severity="error")
            self.query_one("#name", Input).focus()
            return
        if not self._explain():
            self.query_one("#schedule", Input).focus()
            return
        try:
            draft = self._draft()
        except RehabError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        error = self.save(draft) if draft.changes else None
        if error is not None:
            self.notify(error, title="Not saved", severity="error", markup=False)
            return
        self.dismiss(None)
