"""A month of days, each marked by how much of its routine was done."""

from __future__ import annotations

import calendar as calendar_module
from datetime import date, timedelta

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ...domain.checklist import DaySummary
from ...domain.marks import LEGEND, SYMBOLS, Mark

#: Each mark's style; the symbol (domain/marks.py) keeps marks apart without colour.
STYLES: dict[Mark, str] = {
    Mark.FULL: "$text-success",
    Mark.PARTIAL: "$text-warning",
    Mark.MISSED: "$text-error",
    Mark.PENDING: "$foreground",
    Mark.SNOOZED: "$text-primary",
    Mark.PAUSED: "$text-secondary",
    Mark.FUTURE: "$foreground-muted",
    Mark.NONE: "$foreground-muted",
}
LEGEND_ROWS = (LEGEND[:3], LEGEND[3:])
CELL = 4  # "●21" and a space
HEADER_ROWS = 2  # the month's name and the weekday names


class MonthCalendar(Widget, can_focus=True):
    DEFAULT_CSS = """
    MonthCalendar {
        border: round $primary 50%;
        border-title-color: $text-primary;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
        width: 34;
        height: 12;
        &:focus { border: round $primary; }
    }
    """

    BINDINGS = [
        Binding("up", "move(-7)", "Week back", show=False),
        Binding("down", "move(7)", "Week on", show=False),
        Binding("left", "move(-1)", "Day back", show=False),
        Binding("right", "move(1)", "Day on", show=False),
    ]

    selected: reactive[date] = reactive(date(2000, 1, 1))

    class DaySelected(Message):
        """The person picked a day (arrows or a click)."""

        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, week_start: int = 0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.week_start = week_start
        self.today = date(2000, 1, 1)
        self.summaries: dict[date, DaySummary] = {}
        self.border_title = "Calendar"

    def show(self, selected: date, today: date, summaries: dict[date, DaySummary], week_start: int) -> None:
        self.today = today
        self.summaries = summaries
        self.week_start = week_start
        self.selected = selected
        self.refresh()

    def _weeks(self) -> list[list[date]]:
        """The selected month's weeks, whole, starting on the week's first day."""
        month = calendar_module.Calendar(self.week_start)
        return month.monthdatescalendar(self.selected.year, self.selected.month)

    def render(self) -> Content:
        first = self.selected.replace(day=1)
        width = CELL * 7 - 1
        names = " ".join(calendar_module.day_abbr[(self.week_start + i) % 7][:2].rjust(3) for i in range(7))
        lines = [
            Content.styled(f"{first:%B %Y}".center(width), "bold"),
            Content.styled(names, "$foreground-muted"),
        ]
        for week in self._weeks():
            lines.append(Content(" ").join(self._cell(day, first.month) for day in week))
        for row in LEGEND_ROWS:
            lines.append(
                Content("  ").join(Content.styled(f"{SYMBOLS[mark]} {mark}", STYLES[mark]) for mark in row)
            )
        return Content("\n").join(lines)

    def _cell(self, day: date, month: int) -> Content:
        if day.month != month:
            return Content(" " * (CELL - 1))
        summary = self.summaries.get(day)
        mark = summary.mark if summary else Mark.NONE
        symbol, style = SYMBOLS[mark], STYLES[mark]
        if day == self.today:
            style += " underline bold"
        if day == self.selected:
            style += " reverse"
        return Content.styled(f"{symbol}{day.day:>2}", style)

    def action_move(self, days: int) -> None:
        self.post_message(self.DaySelected(self.selected + timedelta(days=days)))

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER_ROWS:
            return
        row, column = offset.y - HEADER_ROWS, offset.x // CELL
        weeks = self._weeks()
        if row >= len(weeks) or column > 6:
            return
        day = weeks[row][column]
        if day.month == self.selected.month:
            self.post_message(self.DaySelected(day))
