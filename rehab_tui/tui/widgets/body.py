"""The shown day's pain readings in one line under the checklist, and how a pain level looks."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from ...domain.body import PainReading


def pain_style(pain: int) -> str:
    """A level's colour on the 0-10 scale: mild, moderate, severe (the usual NRS bands)."""
    return "$text-success" if pain <= 3 else "$text-warning" if pain <= 6 else "$text-error"


class BodyLine(Static):
    """`body: right hip flexor 3 · left IT band 2`; hidden on a day with no readings."""

    DEFAULT_CSS = """
    BodyLine {
        height: 1;
        padding: 0 2;  /* the checklist's text starts after its border and padding */
        background: $surface;
        color: $foreground-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        &.-empty { display: none; }
    }
    """

    def show(self, readings: Sequence[PainReading]) -> None:
        rated = [(r.area, r.pain) for r in readings if r.pain is not None]
        self.set_class(not rated, "-empty")
        parts = [
            Content.assemble((f"{area} ", "$foreground"), (str(pain), f"bold {pain_style(pain)}"))
            for area, pain in rated
        ]
        self.update(Content.assemble(("body: ", "bold"), Content(" · ").join(parts)))
