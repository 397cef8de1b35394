"""A month of days, each marked by how much of its routine was done."""

from __future__ import annotations

import calendar as calendar_module
from datetime import date, timedelta

from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ...domain.calendar_days import DaySummary
from ...domain.marks import LEGEND, SYMBOLS, Mark
from ..keys import bindings

#: Each mark's style; the symbol (domain/marks.py) keeps marks apart without colour.
STYLES: dict[Mark, str] = {
    Mark.FULL: "$text-success",
    Mark.MINIMUM: "$text-success",
    Mark.PARTIAL: "$text-warning",
    Mark.MISSED: "$text-error",
    Mark.PENDING: "$foreground",
    Mark.SNOOZED: "$text-primary",
    Mark.PAUSED: "$text-secondary",
    Mark.FUTURE: "$foreground-muted",
    Mark.NONE: "$foreground-muted",
}
CELL = 4  # "●21" and a space
HEADER_ROWS = 2  # the month's name and the weekday names


def mark_legend() -> list[Content]:
    """Each mark's symbol and name in its style, in the legend's order."""
    return [Content.styled(f"{SYMBOLS[mark]} {mark}", STYLES[mark]) for mark in LEGEND]


class MonthCalendar(Widget, can_focus=True):
    DEFAULT_CSS = """
    MonthCalendar {
        width: 34;
        height: 13;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    #: Up and down; left and right are the main screen's day keys.
    BINDINGS = bindings("calendar")

    selected: reactive[date] = reactive(date(2000, 1, 1))

    class DaySelected(Message):
        """The person picked a day (arrows or a click)."""

        def __init__(self, calendar: MonthCalendar, day: date) -> None:
            super().__init__()
            self.calendar = calendar
            self.day = day

        @property
        def control(self) -> MonthCalendar:
            return self.calendar

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

    @property
    def cell(self) -> int:
        """Columns a day takes, its gap included: wider when the widget is."""
        return max(CELL, (self.content_size.width + 1) // 7)

    @property
    def week_rows(self) -> int:
        """Lines a week takes: two (the day's count under its mark) when there is room."""
        spare = self.content_size.height - HEADER_ROWS - len(self._legend())
        return 2 if spare >= 12 else 1

    def _legend(self) -> list[Content]:
        """The marks, packed into as few lines as the width allows; today's mark too."""
        width = max(self.content_size.width, CELL * 7 - 1)
        entries = mark_legend()
        entries.append(Content.assemble((f"{self.today.day:>2}", "underline bold"), ("\u00a0today", "")))
        lines: list[Content] = []
        for entry in entries:
            if lines and len(lines[-1]) + 2 + len(entry) <= width:
                lines[-1] = Content.assemble(lines[-1], ("  "), entry)
            else:
                lines.append(entry)
        return lines

    def render(self) -> Content:
        first = self.selected.replace(day=1)
        cell = self.cell
        width = cell * 7 - 1
        names = " ".join(calendar_module.day_abbr[(self.week_start + i) % 7][:2].rjust(cell - 1) for i in range(7))
        lines = [
            Content.styled((f"{first:%B %Y}".center(width)), "bold"),
            Content.styled((names), "$foreground-muted"),
        ]
        rows = self.week_rows
        for week in self._weeks():
            lines.append(Content(" ").join(self._cell(day, first.month, cell) for day in week))
            if rows == 2:
                lines.append(Content(" ").join(self._count(day, first.month, cell) for day in week))
        lines.extend(self._legend())
        return Content("\n").join(lines)

    def _count(self, day: date, month: int, cell: int) -> Content:
        summary = self.summaries.get(day)
        if day.month != month or summary is None or not summary.total or day > self.today:
            return Content(" " * (cell - 1))
        return Content.styled((f"{summary.done}/{summary.total}".rjust(cell - 1)), "$foreground-muted")

    def _cell(self, day: date, month: int, cell: int = CELL) -> Content:
        if day.month != month:
            return Content(" " * (cell - 1))
        summary = self.summaries.get(day)
        mark = summary.mark if summary else Mark.NONE
        symbol, style = SYMBOLS[mark], STYLES[mark]
        number = f"{day.day:>2}"
        if day == self.today:
            style += " underline bold"
        if day == self.selected:
            style += " reverse"
        return Content.assemble((" " * (cell - 4)), Content.styled((f"{symbol}{number}"), style))

    def on_resize(self) -> None:
        self.refresh()

    def action_move(self, days: int) -> None:
        self.post_message(self.DaySelected(self, self.selected + timedelta(days=days)))

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER_ROWS:
            return
        row, column = (offset.y - HEADER_ROWS) // self.week_rows, offset.x // self.cell
        weeks = self._weeks()
        if row >= len(weeks) or column > 6:
            return
        day = weeks[row][column]
        if day.month == self.selected.month:
            self.post_message(self.DaySelected(self, day))
