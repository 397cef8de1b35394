"""The pause modal: a longer break for one habit, from a day through a day; or
a change to the habit's current or next planned pause, or its end."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from ...domain.dates import parse_day
from ...domain.errors import RehabError
from ...domain.model import Habit, Pause
from ...domain.pausing import PausePlan, ahead, plan_pause, span_text
from ...domain.rules import LONG_PAUSE
from .form import FormModal

QUIET = "Streaks and strength freeze while paused; no budget."


@dataclass(frozen=True)
class PauseRequest:
    """Pause through `until` (store.pause): from `start`, or today, or the changed pause's own first day."""

    habit_id: int
    start: date | None
    until: date
    reason: str | None
    confirmed: bool = False


@dataclass(frozen=True)
class EndPause:
    """End the habit's current pause (resume), or cancel its next planned one."""

    habit_id: int


class PauseScreen(FormModal[PauseRequest | EndPause | None]):
    DEFAULT_CSS = """
    PauseScreen > Vertical { border: thick $secondary; }
    PauseScreen #title { color: $text-secondary; }
    PauseScreen #held { color: $foreground-muted; height: auto; margin-bottom: 1; }
    PauseScreen #until-help { color: $foreground-muted; height: auto; }
    PauseScreen #until-help.error { color: $error; }
    PauseScreen #until-help.ask { color: $warning; }
    """

    def __init__(
        self, habits: list[Habit], habit_id: int | None, start: date, today: date, pauses: Mapping[int, Sequence[Pause]]
    ) -> None:
        super().__init__()
        self.habits = habits
        self.habit_id = habit_id if habit_id in {h.id for h in habits} else (habits[0].id if habits else None)
        self.start = start
        self.today = today
        self.pauses = pauses
        #: The request a long pause was shown for: the same one again confirms it.
        self._asked: PauseRequest | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Pause a habit, or change its pause", id="title")
            yield Label("Habit")
            # Content: a Select reads a str prompt as markup; a name is plain text.
            yield Select(
                [(Content(h.name), h.id) for h in self.habits], value=self.habit_id, allow_blank=False, id="habit"
            )
            yield Static(self._held_text(self.habit_id), id="held")
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label("First paused day")
                    # A later day shown in the app is where a new pause starts;
                    # blank is today, or the changed pause's own first day.
                    start = self.start.isoformat() if self.start > self.today else ""
                    yield Input(start, placeholder="today", id="from")
                with Vertical():
                    yield Label("Last paused day")
                    yield Input(placeholder="Dec 5, fri, +10", id="until")
            yield Static(QUIET, id="until-help")
            yield Label("Reason (blank keeps a changed pause's own)")
            yield Input(placeholder="no running until the physio", id="reason")
            with Horizontal(id="buttons"):
                yield Button("Pause", variant="primary", id="ok")
                yield Button("End pause", id="end", disabled=not self._ahead(self.habit_id))
                yield Button("Cancel", id="cancel")

    def _ahead(self, habit_id: object) -> list[Pause]:
        return ahead(self.pauses.get(habit_id, ()), self.today) if isinstance(habit_id, int) else []

    def _held_text(self, habit_id: object) -> Content:
        held = self._ahead(habit_id)
        if not held:
            return Content("Not paused, nothing planned.")
        lines = [f"{'Now' if p.covers(self.today) else 'Planned'}: {span_text(p)}" for p in held]
        return Content("\n".join(lines))

    def _request(self, confirmed: bool = False) -> PauseRequest:
        habit_id = self.query_one("#habit", Select).value
        if not isinstance(habit_id, int):
            raise RehabError("pick a habit")  # allow_blank=False: never Select.BLANK
        start_text = self.query_one("#from", Input).value.strip()
        start = parse_day(start_text, self.today, ahead=True) if start_text else None
        until = parse_day(self.query_one("#until", Input).value, self.today, ahead=True)
        reason = self.query_one("#reason", Input).value.strip() or None
        return PauseRequest(habit_id, start, until, reason, confirmed)

    def _plan(self, request: PauseRequest) -> PausePlan:
        # The domain's rule says what the dates do; the store's gate decides again when it writes.
        pauses = self.pauses.get(request.habit_id, ())
        return plan_pause(pauses, self.today, request.until, request.start, request.reason)

    def on_select_changed(self, event: Select.Changed) -> None:
        self.query_one("#held", Static).update(self._held_text(event.value))
        self.query_one("#end", Button).disabled = not self._ahead(event.value)
        self._preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._preview()

    def _preview(self) -> None:
        """Say what pressing Pause will do: a new pause, or which pause changes how."""
        self._asked = None
        help_text = self.query_one("#until-help", Static)
        help_text.remove_class("error", "ask")
        if not self.query_one("#until", Input).value.strip():
            help_text.update(QUIET)
            return
        try:
            plan = self._plan(self._request())
        except RehabError as exc:
            help_text.update(str(exc))
            help_text.add_class("error")
            return
        if plan.before is None:
            what = "New pause"
        else:
            what = f"Changes the {'current' if plan.before.covers(self.today) else 'planned'} pause to"
        help_text.update(Content(f"{what}: {span_text(plan.after)}"))
        help_text.set_class(plan.long, "ask")

    def confirm(self) -> None:
        try:
            request = self._request()
            plan = self._plan(request)
        except RehabError as exc:
            self.notify(str(exc), severity="error")
            return
        if plan.long and request != self._asked:
            # A long pause (a typo'd month reads as next year) needs a second press.
            self._asked = request
            help_text = self.query_one("#until-help", Static)
            help_text.update(
                Content(
                    f"{plan.after.days} days, more than {LONG_PAUSE.days // 7} weeks: check the last day, or "
                    "press Pause (Enter) again to pause that long"
                )
            )
            help_text.add_class("ask")
            return
        self.dismiss(PauseRequest(request.habit_id, request.start, request.until, request.reason, plan.long))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "end":
            event.stop()
            habit_id = self.query_one("#habit", Select).value
            if isinstance(habit_id, int):
                self.dismiss(EndPause(habit_id))
            return
        super().on_button_pressed(event)
