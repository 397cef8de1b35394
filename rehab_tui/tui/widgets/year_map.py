"""A year of the routine as a heat map: a column a week, a row a weekday, each
day in the calendar's mark and colour (the one rule: domain day_summary)."""

from __future__ import annotations

import calendar as calendar_module
from datetime import date, timedelta

from textual.content import Content
from textual.widget import Widget

from ...domain.calendar_days import DaySummary
from ...domain.marks import SYMBOLS, Mark
from .calendar import STYLES, mark_legend

LABEL = 3  # "Mo " before each row


class YearMap(Widget):
    DEFAULT_CSS = """
    YearMap {
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, summaries: dict[date, DaySummary], today: date, week_start: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.summaries = summaries  # whole weeks, each from the week's first day
        self.today = today
        self.week_start = week_start

    @property
    def weeks(self) -> list[date]:
        """Each column's first day, oldest first."""
        first, last = min(self.summaries), max(self.summaries)
        return [first + timedelta(weeks=k) for k in range((last - first).days // 7 + 1)]

    @property
    def cell(self) -> int:
        """Columns a week takes: a gap after each mark when the width allows."""
        return 2 if self.content_size.width >= LABEL + 2 * len(self.weeks) else 1

    def _months(self, weeks: list[date], cell: int) -> Content:
        """Each month's name over the week holding its first day; over the first
        week too, when that leaves room for the next month's name."""
        names = [
            (i, day)
            for i, week in enumerate(weeks)
            for day in (week + timedelta(days=d) for d in range(7))
            if day.day == 1
        ]
        if not names or names[0][0] * cell > len("Mon"):
            names.insert(0, (0, weeks[0]))
        line = " " * LABEL
        end = LABEL + len(weeks) * cell
        for i, day in names:
            name = f"{day:%b}"
            # A month that begins in the last weeks has no room for its name.
            if LABEL + i * cell + len(name) <= end:
                line = line.ljust(LABEL + i * cell) + name
        return Content.styled(line, "$foreground-muted")

    def _cell(self, day: date, cell: int) -> Content:
        summary = self.summaries.get(day)
        mark = summary.mark if summary else Mark.NONE
        style = STYLES[mark] + (" underline bold" if day == self.today else "")
        return Content.assemble((SYMBOLS[mark], style), " " * (cell - 1))

    def render(self) -> Content:
        weeks = self.weeks
        cell = self.cell
        lines = [self._months(weeks, cell)]
        for d in range(7):
            # Every other weekday named, as calendars of this shape do.
            name = calendar_module.day_abbr[(self.week_start + d) % 7][:2] if d % 2 == 0 else ""
            cells = [self._cell(week + timedelta(days=d), cell) for week in weeks]
            lines.append(Content.assemble((name.ljust(LABEL), "$foreground-muted"), *cells))
        lines.append(Content("  ").join(mark_legend()))
        return Content("\n").join(lines)
