"""Add or edit one habit; the schedule is read back as it was understood."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, Static

from ...domain.dates import parse_day
from ...domain.errors import RehabError
from ...domain.model import Habit
from ...domain.prescription import Prescription
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
    HabitForm > Vertical { overflow-y: auto; }
    HabitForm .number { width: 11; margin-right: 1; }
    HabitForm .number Input { width: 11; }
    HabitForm #sides { margin-top: 1; }
    HabitForm #min-box { width: 1fr; margin-right: 1; }
    """

    #: The prescription's number fields: (Prescription field, label). Their
    #: placeholder is NONE: an example number there read as a value already set.
    NUMBERS = (("sets", "Sets"), ("reps", "Reps"), ("hold", "Hold s"), ("rest", "Rest s"))
    MINIMUM_NUMBERS = (("min_sets", "Min sets"), ("min_hold", "Min hold s"))
    NONE = "none"

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
            "when": h.when if h else "",
            "min_text": h.prescription.min_text if h else "",
            **{
                key: str(getattr(h.prescription, key) or "") if h else ""
                for key, _ in (*self.NUMBERS, *self.MINIMUM_NUMBERS)
            },
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
                    yield Input(value=loaded["minutes"], placeholder=self.NONE, id="minutes")
            yield Static("", id="parsed")
            yield Label("When: your plan, in your words")
            yield Input(value=loaded["when"], placeholder="after my morning coffee", id="when")
            with Horizontal(classes="row"):
                yield from self._numbers(self.NUMBERS, loaded)
                yield Checkbox("each side", self.habit.prescription.sides if self.habit else False, id="sides")
            with Horizontal(classes="row"):
                with Vertical(id="min-box"):
                    yield Label("Minimum dose: the least that still counts")
                    yield Input(value=loaded["min_text"], placeholder="one set, 60 seconds", id="min_text")
                yield from self._numbers(self.MINIMUM_NUMBERS, loaded)
            with Horizontal(id="buttons"):
                yield Button("Save", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def _numbers(self, fields: tuple[tuple[str, str], ...], loaded: dict[str, str]) -> ComposeResult:
        for key, label in fields:
            with Vertical(classes="number"):
                yield Label(label)
                yield Input(value=loaded[key], placeholder=self.NONE, id=key)

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

    def _number(self, key: str) -> int | None:
        """A number field as typed: blank is none; the gate checks the range."""
        text = self._value(key)
        if not text:
            return None
        if not (text.isascii() and text.isdigit() and len(text) <= 4):
            label = dict((*self.NUMBERS, *self.MINIMUM_NUMBERS), minutes="Minutes")[key]
            raise RehabError(f"{label} is a whole number, like 5")
        return int(text)

    def _draft(self) -> HabitDraft:
        loaded = self._loaded()
        typed = {key: self._value(key) for key in ("name", "cue", "schedule", "minutes", "when")}
        changes: dict[str, Any] = {k: v for k, v in typed.items() if not self.habit or v != loaded[k]}
        if "minutes" in changes:
            changes["minutes"] = self._number("minutes")
        if self.habit and "schedule" in changes:
            changes["since"] = self._since()
        prescription: dict[str, Any] = {
            key: self._number(key)
            for key, _ in (*self.NUMBERS, *self.MINIMUM_NUMBERS)
            if not self.habit or self._value(key) != loaded[key]
        }
        if not self.habit or self._value("min_text") != loaded["min_text"]:
            prescription["min_text"] = self._value("min_text")
        sides = self.query_one("#sides", Checkbox).value
        if not self.habit or sides != self.habit.prescription.sides:
            prescription["sides"] = sides
        if prescription:
            changes["prescription"] = prescription if self.habit else Prescription(**prescription)
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
