"""The highlighted habit's whole plan, cue and note of the day, under a checklist
too narrow to hold them."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...domain.checklist import Item
from ...domain.rules import CUE
from .checklist import NOTE_MARK, NOTE_STYLE


class HabitDetail(Static):
    """`hold 60 s each side · after every run, or before bed`, the cue, then
    the note of the day's check-in, wrapped, never cut; hidden while no habit
    is highlighted."""

    DEFAULT_CSS = """
    HabitDetail {
        height: auto;
        padding: 0 2;  /* the checklist's text starts after its border and padding */
        background: $surface;
        &.-empty { display: none; }
    }
    """

    def show(self, item: Item | None) -> None:
        parts = []
        if item is not None and (plan := item.plan_words()):
            parts.append(Content.styled(plan, "$text-accent"))
        if item is not None and item.log.habit.cue:
            parts.append(Content.styled(item.log.habit.cue[: CUE.cap], "$foreground-muted italic"))
        if item is not None and item.note:
            parts.append(Content.styled(f"{NOTE_MARK} {item.note}", NOTE_STYLE))
        self.set_class(not parts, "-empty")
        self.update(Content("\n").join(parts))
