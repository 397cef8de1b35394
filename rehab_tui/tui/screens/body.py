"""The body form (`b`): each remembered area on the 0-10 scale, started from its last reading."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from ...cells import fit
from ...domain.body import PainReading, area_key, areas, last_readings
from ...domain.errors import RehabError
from ...domain.rules import AREA, PAIN
from ..keys import bindings, key_shown
from ..widgets.body import pain_style
from .form import FormModal

NAME_WIDTH = 22  # longer areas are cut with an ellipsis
#: The scale as the row shows it: "0 1 2 … 9 10", each level one column apart.
SCALE = " ".join(str(n) for n in range(PAIN.low, PAIN.high + 1))


def keys_hint(screen: Screen) -> Content:
    """The form's keys as bound now, said above the areas (the digits are no
    binding, so help cannot list them)."""

    def key(*ids: str) -> str:
        return "".join(key_shown(screen, action_id) for action_id in ids)

    return Content("\n").join(
        Content("   ").join(Content.assemble((f"{keys} ", "bold $text-accent"), what) for keys, what in line)
        for line in (
            (
                (key("area_above", "area_below"), "area"),
                (f"{key('pain_less', 'pain_more')} 0–9", "level (1 then 0 is 10)"),
            ),
            ((key("pain_keep"), "keep as is"), (key("body_save"), "record"), (key("form_cancel"), "cancel")),
        )
    )


@dataclass(frozen=True)
class BodyRating:
    """What to record: (area, pain) for each area the person set or confirmed."""

    day: date
    pains: tuple[tuple[str, int], ...]


class PainRow(Widget, can_focus=True):
    """One area: its name, the scale with its level, and whether saving records it.

    A row starts at the area's last reading and records nothing until the level
    is changed (arrows, a digit, a click) or kept as it is (space).
    """

    DEFAULT_CSS = """
    PainRow {
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: clip;
        &:focus { background: $primary 30%; }
        &:hover { background: $primary 15%; }
    }
    """

    #: With the form's arrows too: the scrolling list around the rows would take them.
    BINDINGS = bindings("pain_row")

    pain: reactive[int | None] = reactive(None)
    marked: reactive[bool] = reactive(False)

    def __init__(self, area: str, last: PainReading | None, day: date) -> None:
        super().__init__()
        self.area = area
        self.last = last
        self.day = day
        self.set_reactive(PainRow.pain, last.pain if last else None)
        #: The digit typed just before, so "1" then "0" reads as 10.
        self._typed = ""

    def set_pain(self, pain: int) -> None:
        self.pain = pain
        self.marked = True

    def action_step(self, step: int) -> None:
        self._typed = ""
        if self.pain is None:
            self.set_pain(PAIN.low)  # an unrated area starts at the scale's start, whichever way
        else:
            self.set_pain(min(PAIN.high, max(PAIN.low, self.pain + step)))

    def action_keep(self) -> None:
        """Space: record the level shown as it is; again, forget the change."""
        self._typed = ""
        if self.marked:
            self.pain = self.last.pain if self.last else None
            self.marked = False
        elif self.pain is not None:
            self.marked = True

    def on_key(self, event: events.Key) -> None:
        character = event.character or ""
        if len(character) == 1 and "0" <= character <= "9":
            event.stop()
            event.prevent_default()
            digit = int(character)
            self.set_pain(PAIN.high if digit == 0 and self._typed == "1" else digit)
            self._typed = character

    def on_blur(self) -> None:
        self._typed = ""

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        scale_at = NAME_WIDTH + 2
        if offset is not None and scale_at <= offset.x < scale_at + len(SCALE):
            self.set_pain(min(PAIN.high, (offset.x - scale_at) // 2))

    def _status(self) -> Content:
        if self.marked:
            return Content.styled("✔ to record", "$text-success bold")
        if self.last is None:
            return Content.styled("not rated", "$foreground-muted")
        if self.last.day == self.day:
            return Content.styled("recorded", "$foreground-muted")
        return Content.styled(f"last {self.last.day:%d %b}", "$foreground-muted")

    def render(self) -> Content:
        pain = self.pain
        levels = []
        for n in range(PAIN.low, PAIN.high + 1):
            if n == pain:
                style = f"bold reverse {pain_style(n)}" if self.marked else f"bold underline {pain_style(n)}"
            elif pain is not None and n < pain:
                style = pain_style(n)
            else:
                style = "$foreground-muted"
            levels.append(Content.styled(str(n), style))
        return Content.assemble(
            (fit(self.area, NAME_WIDTH), "bold" if self.marked else ""),
            "  ",
            Content(" ").join(levels),
            "  ",
            self._status(),
        )


class BodyScreen(FormModal[BodyRating | None]):
    DEFAULT_CSS = """
    BodyScreen > Vertical { width: 70; max-width: 100%; border: thick $success; }
    BodyScreen #title { color: $text-success; margin-bottom: 0; }
    BodyScreen #hint { color: $foreground-muted; margin-bottom: 1; }
    BodyScreen #scale { color: $foreground-muted; padding: 0 1; text-wrap: nowrap; }
    BodyScreen #areas { height: auto; max-height: 12; scrollbar-size-vertical: 1; }
    BodyScreen #none { color: $foreground-muted; padding: 0 1; }
    BodyScreen #add { height: auto; margin-top: 1; }
    BodyScreen #add > Label { padding: 1 1 0 0; }
    BodyScreen #new-area { width: 1fr; }
    """

    BINDINGS = bindings("body")

    def __init__(self, day: date, today: date, readings: Sequence[PainReading]) -> None:
        super().__init__()
        self.day = day
        self.today = today
        # The form starts from what was known on the shown day, not from later readings.
        last = last_readings(r for r in readings if r.day <= day)
        self.rows = [PainRow(area, last.get(area_key(area)), day) for area in areas(readings)]
        #: The areas remembered when the form opened; the rest were added here.
        self._known = len(self.rows)
        #: Where the arrows last sent the focus, until it gets there.
        self._moving_to: Widget | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"How does the body feel? · {self._day_words()}", id="title")
            yield Static(keys_hint(self), id="hint")
            if self.rows:
                yield Static(
                    Content.assemble(
                        " " * (NAME_WIDTH + 2),
                        ("0 none", pain_style(PAIN.low)),
                        " " * (len(SCALE) - len("0 none") - len("10 worst")),
                        (f"{PAIN.high} worst", pain_style(PAIN.high)),
                    ),
                    id="scale",
                )
            yield Static("No areas yet: name the first one below.", id="none")
            with VerticalScroll(id="areas", can_focus=False):
                yield from self.rows
            with Horizontal(id="add"):
                yield Label("Add an area")
                yield Input(placeholder="e.g. left IT band, then enter", max_length=AREA.cap, id="new-area")
            with Horizontal(id="buttons"):
                yield Button("Record", variant="success", id="ok")
                yield Button("Cancel", id="cancel")

    def _day_words(self) -> str:
        label = {0: "today, ", 1: "yesterday, "}.get((self.today - self.day).days, "")
        return f"{label}{self.day:%a %d %b}"

    def on_mount(self) -> None:
        self.query_one("#none").display = not self.rows
        (self.rows[0] if self.rows else self.query_one("#new-area", Input)).focus()

    def _stops(self) -> list[Widget]:
        return [*self.rows, self.query_one("#new-area", Input)]

    def action_move(self, step: int) -> None:
        stops = self._stops()
        # Focus moves on the next turn of the loop: two arrows typed at once
        # (a key held down) step from where the first one is going.
        current = self._moving_to if self._moving_to in stops else self.focused
        at = stops.index(current) if current in stops else len(stops)
        self._moving_to = stops[max(0, min(len(stops) - 1, at + step))]
        self._moving_to.focus()

    def on_descendant_focus(self) -> None:
        self._moving_to = None

    def action_save(self) -> None:
        self.confirm()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Not FormModal's too (Textual runs a handler of each class up the MRO
        # unless the default is prevented): enter after a new name adds it.
        event.prevent_default()
        event.stop()
        if event.value.strip():
            self._add(event.input)
        else:
            self.confirm()

    def _add(self, field: Input) -> None:
        try:
            area = AREA.clean(field.value, required=True)
        except RehabError as exc:
            self.notify(str(exc), severity="error")
            return
        field.value = ""
        row = next((r for r in self.rows if area_key(r.area) == area_key(area)), None)
        if row is None:
            row = PainRow(area, None, self.day)
            self.rows.append(row)
            self.query_one("#areas").mount(row)
            self.query_one("#none").display = False
        row.focus()

    def changed(self) -> bool:
        return super().changed() or len(self.rows) > self._known or any(row.marked for row in self.rows)

    def confirm(self) -> None:
        # An area added here has no reading to fall back on: recording without
        # it would drop the name typed, so the form stays open and says so.
        unrated = next((row for row in self.rows[self._known :] if not row.marked), None)
        if unrated is not None:
            self.notify(
                f"Rate {unrated.area} first (←→ or a digit): an area is kept with its first level.",
                severity="warning",
                markup=False,
            )
            unrated.focus()
            return
        pains = tuple((row.area, row.pain) for row in self.rows if row.marked and row.pain is not None)
        if not pains:
            self.notify(
                "Nothing to record yet: set a level (←→ or a digit), or space to keep the one shown.",
                severity="warning",
            )
            return
        self.dismiss(BodyRating(self.day, pains))
