"""The selected day's habits, each with its cue and streak; space or enter toggles.

Roomy (150 columns and more), a habit takes three lines: its name, its streak and
plan, its cue. Compact, one line, cut at the edge; the highlighted habit's
whole plan and cue then show under the list (widgets/detail.py, fed by
`shown`).
"""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...domain.checklist import Checklist, Item
from ...domain.marks import SYMBOLS, Mark
from ...domain.prescription import Dose
from ...domain.rules import CUE
from ...domain.schedules import ScheduleKind
from ...domain.states import DayState
from ..keys import bindings, key_shown
from .marks import STATE_STYLES, marks

BOXES = marks(
    {
        # A future day has nothing to tick yet: no box, a dotted circle.
        DayState.DONE: "✔",
        DayState.PENDING: "☐",
        DayState.UPCOMING: "◌",
        DayState.MISSED: "✗",
        DayState.SNOOZED: "z",
        DayState.PAUSED: "‖",
        DayState.OFF: "·",
        DayState.OPEN: "☐",
    }
)

#: A habit done at its minimum dose: done, and shown apart, with the calendar's mark for it.
MIN_BOX = SYMBOLS[Mark.MINIMUM]

#: A check-in's note: the mark before it, and its look.
NOTE_MARK = "✎"
NOTE_STYLE = "$text-secondary"

#: What a tick can still do something for: due, open (a quota not yet due) or missed.
OPEN = frozenset({DayState.PENDING, DayState.OPEN, DayState.MISSED})


class ChecklistView(OptionList):
    """A list of habit rows; posts `Toggled` when one is ticked or unticked."""

    DEFAULT_CSS = """
    ChecklistView {
        text-wrap: nowrap;
        text-overflow: ellipsis;
        /* Roomy, nothing is cut: a cue longer than the width goes on below. */
        &.-roomy { text-wrap: wrap; }
        /* The theme's cursor, solid: a blend of $primary with the panel is lost
           when colours are reduced (256: 23 on 235; 16: black on black). */
        & > .option-list--option-highlighted {
            background: $block-cursor-blurred-background; text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .option-list--option-highlighted {
            color: $block-cursor-foreground; background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """

    BINDINGS = bindings("checklist")

    class Toggled(Message):
        """The person asked to flip a habit on the shown day (a tick at `dose`);
        `picked`: by selecting the row (enter, a click), not by a tick key."""

        def __init__(
            self,
            checklist: ChecklistView,
            habit_id: int,
            day: date,
            done: bool,
            dose: Dose = Dose.FULL,
            picked: bool = False,
        ) -> None:
            super().__init__()
            self.checklist = checklist
            self.habit_id = habit_id
            self.day = day
            self.done = done
            self.dose = dose
            self.picked = picked

        @property
        def control(self) -> ChecklistView:
            return self.checklist

    #: Three lines a habit, nothing cut (set by the screen when it is wide enough); else one line.
    roomy: reactive[bool] = reactive(False)
    #: The highlighted habit's row as last shown, None while no row is highlighted.
    shown: reactive[Item | None] = reactive(None)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.listing: Checklist | None = None
        self.today: date | None = None

    def show(self, listing: Checklist, today: date) -> None:
        """Show a day's checklist; the cursor rests where the next tick belongs (`_rest`)."""
        before = self.listing
        keep = self.current
        self.listing = listing
        self.today = today
        self.border_title = self._title(listing, today)
        self.border_subtitle = listing.summary(today)
        if not listing.items:
            self.set_options([self._no_habits()])
            self.shown = None
            return
        self.set_options(Option(self._prompt(item, today), id=str(item.log.habit.id)) for item in listing.items)
        same_day = before is not None and before.day == listing.day
        self.highlighted = self._rest(listing.items, keep, same_day)
        self.shown = self.current

    def watch_roomy(self, roomy: bool) -> None:
        self.set_class(roomy, "-roomy")
        if self.listing is not None and self.today is not None:
            self.show(self.listing, self.today)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Not stopped: the screen may listen too.
        if event.control is self:
            self.shown = self.current

    @staticmethod
    def _rest(items: tuple[Item, ...], keep: Item | None, same_day: bool) -> int:
        """Where the cursor rests after a redraw (a tick, a closed modal, a
        session, another process's write): on the habit it was on, unless that
        one stopped being open just now (ticked, snoozed, paused), then on the
        next open one after it (else before it), else it stays on the one just
        touched. With nothing highlighted before, on the first open one."""
        ids = [item.log.habit.id for item in items]
        if keep is None or keep.log.habit.id not in ids:
            return next((i for i, item in enumerate(items) if item.state in OPEN), 0)
        at = ids.index(keep.log.habit.id)
        if not same_day or keep.state not in OPEN or items[at].state in OPEN:
            return at  # put there by the person (an arrow key), or still to do
        order = [*range(at + 1, len(items)), *range(at)]
        return next((i for i in order if items[i].state in OPEN), at)

    def _no_habits(self) -> Option:
        """The one row of an empty routine: how to add a habit, in the keys bound now."""
        habits, add = key_shown(self.screen, "habits"), key_shown(self.screen, "habit_add")
        return Option(Content(f"No habits yet: {habits}, then {add}, adds one."), disabled=True)

    @staticmethod
    def _title(listing: Checklist, today: date) -> str:
        gap = (today - listing.day).days
        label = {0: "Today", 1: "Yesterday", -1: "Tomorrow"}.get(gap)
        if label is None:
            return f"{listing.day:%A %d %b %Y}"
        return f"{label} · {listing.day:%a %d %b %Y}"

    def _prompt(self, item: Item, today: date) -> Content:
        habit = item.log.habit
        box, colour = BOXES[item.state]
        if item.log.dose_on(item.day) is Dose.MIN:
            box = MIN_BOX
        name_style = "$foreground-muted strike" if item.state is DayState.DONE else "bold"
        parts: list = [(f"{box} ", f"bold {colour}"), (habit.name, name_style)]
        if item.schedule.kind is not ScheduleKind.DAILY:
            # No-break spaces: the option list drops plain spaces at a style boundary.
            parts.append((f"\u00a0·\u00a0{item.schedule.describe()}", "$foreground-muted"))
        gap = ("\u00a0\u00a0", "")
        plan = item.plan_words()
        # The note of the day's check-in, after its status: compact, cut at
        # the edge (the detail under the list holds it whole); roomy, a line.
        note = (f"{NOTE_MARK}\u00a0{item.note}", NOTE_STYLE) if item.note else None
        status = [
            self._status(item, today),
            *((gap, note) if note and not self.roomy else ()),
            *((gap, (plan, "$text-accent")) if plan else ()),
        ]
        cue = (habit.cue[: CUE.cap], "$foreground-muted italic")
        if not self.roomy:
            return Content.assemble(*parts, gap, *status, *((gap, cue) if habit.cue else ()))
        lines = [Content.assemble(*parts), Content.assemble(gap, *status)]
        if habit.cue:
            lines.append(Content.assemble(gap, cue))
        if note:
            lines.append(Content.assemble(gap, note))
        return Content("\n").join(lines)

    def _status(self, item: Item, today: date) -> Content:
        state = item.state
        week = item.week_words(today)
        if week is not None:
            style = STATE_STYLES[state] if state is DayState.MISSED else "$foreground-muted"
            return Content.styled(week, style)
        if state is DayState.SNOOZED:
            return Content.styled("snoozed", STATE_STYLES[state])
        if state is DayState.PAUSED:
            pause = item.log.pause_on(self.listing.day) if self.listing else None
            until = f" until {pause.until:%d %b}" if pause else ""
            return Content.styled(f"paused{until}", STATE_STYLES[state])
        if state is DayState.UPCOMING:
            return Content.styled("due then", "$foreground-muted")
        if state is DayState.OFF:
            return Content.styled(item.off_words(today), "$foreground-muted")
        if state is DayState.MISSED:
            return Content.styled("missed", STATE_STYLES[state])
        minutes = f"{item.log.habit.minutes} min · " if item.log.habit.minutes else ""
        if item.log.dose_on(item.day) is Dose.MIN:
            minutes = "minimum dose · "
        if not item.streak:
            words = item.streak_words() if item.last_run else "no streak yet"
            return Content.assemble((minutes, "$foreground-muted"), (words, "$foreground-muted"))
        streak = item.unit.run(item.streak)
        return Content.assemble((minutes, "$foreground-muted"), (streak, "$text-warning bold"))

    def item_at(self, index: int | None) -> Item | None:
        if self.listing is None or index is None or not 0 <= index < len(self.listing.items):
            return None
        return self.listing.items[index]

    @property
    def current(self) -> Item | None:
        """The highlighted habit's row."""
        return self.item_at(self.highlighted)

    def action_tick(self, picked: bool = False) -> None:
        """Space: tick the highlighted habit, or untick it (not `toggle`: DOMNode's own action)."""
        item = self.current
        if item is not None and self.listing is not None:
            done = item.state is not DayState.DONE
            self.post_message(self.Toggled(self, item.log.habit.id, self.listing.day, done, picked=picked))

    def action_minimum(self) -> None:
        """`m`: tick the highlighted habit as done at its minimum dose (a full tick becomes one)."""
        item = self.current
        if item is not None and self.listing is not None:
            self.post_message(self.Toggled(self, item.log.habit.id, self.listing.day, True, Dose.MIN))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # A click selects; make it toggle like space does.
        event.stop()
        self.highlighted = event.option_index
        self.action_tick(picked=True)
