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
        habit = item.log.habit if item is not None else None
        parts = []
        if habit is not None and (plan := habit.plan_words()):
            parts.append(Content.styled(plan, "$text-accent"))
        if habit is not None and habit.cue:
            parts.append(Content.styled(habit.cue[: CUE.cap], "$foreground-muted italic"))
        if item is not None and item.note:
            parts.append(Content.styled(f"{NOTE_MARK} {item.note}", NOTE_STYLE))
        self.set_class(not parts, "-empty")
        self.update(Content("\n").join(parts))
