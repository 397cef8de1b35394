"""The report's sections as titled tables of text: the one source of the HTML
page's and the Markdown's words, so the two never tell different figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ..domain.report import Prescribed, Report, Rest, Week, percent

#: The report's name, at the top of either format.
TITLE = "Rehab report"
NONE = "—"
#: How a table's width is reckoned in characters (Table.parts): a cell's
#: padding, and the most a column of words (which wraps) takes.
CELL_PADDING = 2
WRAPPED = 13


class Part(StrEnum):
    """The sections, in the order the report shows them."""

    PERIOD = "period"
    ROUTINE = "routine"
    HABITS = "habits"
    PAIN = "pain"
    REST = "rest"
    PRESCRIPTIONS = "prescriptions"
    NOTES = "notes"


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: The columns of figures (aligned right).
    figures: frozenset[int] = frozenset()
    #: A last row summing up the others.
    total: tuple[str, ...] = ()
    #: How many last columns sum up each row (kept together when the table
    #: is printed in parts).
    summary: int = 0

    def parts(self, width: int) -> tuple[Table, ...]:
        """The table as several, each with its first column (what the row is)
        and as many others, in order, as fit in `width` characters: a table a
        week wide for a year would not fit a page (the HTML prints each part
        in turn). The summing columns go with the last part, or make one of
        their own."""

        def room(column: int) -> int:
            # Its widest text and the cell's padding; a column of words (a
            # name, a note) wraps, a figure does not.
            widest = max(len(text) for text in (self.headers[column], *(row[column] for row in self.rows)))
            return (widest if column in self.figures else min(widest, WRAPPED)) + CELL_PADDING

        left = width - room(0)
        end = len(self.headers) - self.summary
        chunks: list[list[int]] = [[]]
        for column in range(1, end):
            if chunks[-1] and sum(map(room, chunks[-1])) + room(column) > left:
                chunks.append([])
            chunks[-1].append(column)
        summing = list(range(end, len(self.headers)))
        if sum(map(room, chunks[-1] + summing)) <= left:
            chunks[-1] += summing
        else:
            chunks.append(summing)
        return tuple(
            Table(
                tuple(self.headers[c] for c in (0, *chunk)),
                tuple(tuple(row[c] for c in (0, *chunk)) for row in self.rows),
                frozenset(n for n, c in enumerate((0, *chunk)) if c in self.figures),
                tuple(self.total[c] for c in (0, *chunk)) if self.total else (),
                len(set(chunk) & set(summing)),
            )
            for chunk in chunks
        )


@dataclass(frozen=True)
class Section:
    part: Part
    title: str
    #: Paragraphs, then a list of points, then the table.
    lines: tuple[str, ...] = ()
    points: tuple[str, ...] = ()
    table: Table | None = None
    #: Said instead of the table when it has no rows.
    empty: str = ""


def day_label(day: date, year: bool = False) -> str:
    return f"{day.day} {day:%b}" + (f" {day.year}" if year else "")


def period_label(report: Report) -> str:
    """ "20 Oct – 30 Nov 2026 · 6 weeks"."""
    first, last = report.first, report.last
    count = len(report.weeks)
    return (
        f"{day_label(first, year=first.year != last.year)} – {day_label(last, year=True)}"
        f" · {count} week{'s' if count != 1 else ''}"
    )


def sections(report: Report) -> list[Section]:
    return [
        _period(report),
        _routine(report),
        _habits(report),
        _pain(report),
        _rests(report),
        _prescriptions(report),
        _notes(report),
    ]


def _pain_figure(value: float | None) -> str:
    return NONE if value is None else f"{value:.1f}"


def _week_span(week: Week) -> str:
    return f"{day_label(week.first)} – {day_label(week.last)}"


def _week_labels(report: Report) -> list[str]:
    across_years = report.first.year != report.last.year
    return [day_label(week.first, year=across_years) for week in report.weeks]


def _period(report: Report) -> Section:
    first, last = report.first, report.last
    count = len(report.weeks)
    return Section(
        Part.PERIOD,
        "Period",
        lines=(
            f"{count} week{'s' if count != 1 else ''} of seven days, {first:%A} to {last:%A}, from "
            f"{day_label(first, year=True)} to {day_label(last, year=True)}: the last day is the day of this "
            "report, and counts only for what was already done.",
            *(
                (f"The routine began on {day_label(report.began, year=True)}: the report starts with that week.",)
                if report.began
                else ()
            ),
            "The figures are put side by side; they do not say what caused what.",
        ),
        points=tuple(report.side_by_side()),
    )


def _routine(report: Report) -> Section:
    rows = tuple((_week_span(w), percent(w.routine), str(w.minimum)) for w in report.weeks)
    return Section(
        Part.ROUTINE,
        "Routine adherence by week",
        lines=(
            "The share of the days the routine was due on which every habit due was done. Snoozed and paused "
            "days are left out; a minimum dose counts as done and is also counted on its own.",
        ),
        table=Table(
            ("Week", "Routine", "Minimum doses"),
            rows,
            frozenset({1, 2}),
            total=("All weeks", percent(report.routine), str(report.minimum)),
        ),
    )


def _habits(report: Report) -> Section:
    labels = _week_labels(report)
    rows = tuple(
        (h.habit, *map(percent, h.weekly), percent(h.overall), str(h.done), str(h.minimum)) for h in report.habits
    )
    return Section(
        Part.HABITS,
        "Adherence by habit",
        lines=(
            "Each habit's share of its due days done (a habit with a weekly quota: of its weeks), by week "
            "(named by its first day). Done counts every check-in; minimum, those at the minimum dose.",
        ),
        table=Table(
            ("Habit", *labels, "All", "Done", "Minimum"), rows, frozenset(range(1, len(labels) + 4)), summary=3
        ),
        empty="No habits in this period.",
    )


def _pain(report: Report) -> Section:
    weeks = report.weeks
    rows = (
        tuple((_week_span(w), *(_pain_figure(area.weekly[i]) for area in report.pain)) for i, w in enumerate(weeks))
        if report.pain
        else ()
    )
    return Section(
        Part.PAIN,
        "Pain by area",
        lines=(
            "Pain from 0 (none) to 10 (the worst imaginable), as rated on the day. The table gives each week's "
            f"mean; {NONE} is a week without a rating.",
        ),
        points=tuple(
            f"{area.change.words()} ({area.change.readings} days rated)" for area in report.pain if area.change
        ),
        table=Table(("Week", *(area.area for area in report.pain)), rows, frozenset(range(1, len(report.pain) + 1))),
        empty="No pain ratings in this period.",
    )


def _rest_dates(rest: Rest) -> str:
    if rest.first == rest.last:
        return day_label(rest.first)
    return f"{day_label(rest.first)} – {day_label(rest.last, year=rest.first.year != rest.last.year)}"


def _rests(report: Report) -> Section:
    rows = tuple(
        (
            _rest_dates(r),
            r.kind.value,
            r.habit or "whole routine",
            r.reason or NONE,
            r.area or NONE,
            NONE if r.pain is None else str(r.pain),
        )
        for r in report.rests
    )
    return Section(
        Part.REST,
        "Snoozes and pauses",
        lines=(
            "Rest days and single habits snoozed (with the area and pain given), and habits paused, "
            "with the reasons given.",
        ),
        table=Table(("Dates", "Kind", "Habit", "Reason", "Area", "Pain"), rows, frozenset({5})),
        empty="No snoozes or pauses in this period.",
    )


def _prescriptions(report: Report) -> Section:
    rows = tuple(
        (p.habit, _schedules(p, report.last), p.when or NONE, p.dose or NONE, p.minimum or NONE)
        for p in report.prescriptions
    )
    return Section(
        Part.PRESCRIPTIONS,
        "Prescriptions",
        lines=(
            "The routine as it stands today: when each habit is due (with each change of schedule since the "
            "period began, from its day), the plan for it, the dose and the least of it that still counts.",
        ),
        table=Table(("Habit", "Schedule", "When", "Dose", "Minimum dose"), rows),
        empty="No habits in the routine.",
    )


def _schedules(p: Prescribed, last: date) -> str:
    """`every Monday, Thursday; from 16 Nov: every Tuesday, Friday`."""
    return "; ".join(
        [p.schedule, *(f"from {day_label(day, day.year != last.year)}: {text}" for day, text in p.changes)]
    )


def _notes(report: Report) -> Section:
    rows = tuple((day_label(n.day), n.about, n.text) for n in report.notes)
    return Section(
        Part.NOTES,
        "Notes",
        lines=("Notes written with a check-in (under the habit) or a pain rating (under the area).",),
        table=Table(("Day", "About", "Note"), rows),
        empty="No notes in this period.",
    )
