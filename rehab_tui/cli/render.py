"""Plain-text views for the terminal: the checklist, the month, the streaks table."""

from __future__ import annotations

import calendar as calendar_module
from collections.abc import Sequence
from datetime import date

import click

from ..domain.checklist import Checklist
from ..domain.dates import day_text as day_text  # every command's words for a day
from ..domain.encouragement import Nudge
from ..domain.marks import LEGEND, SYMBOLS, Mark
from ..domain.model import Journal
from ..domain.prescription import Dose
from ..domain.rules import CUE
from ..domain.schedules import ScheduleKind, StreakUnit
from ..domain.states import DayState
from ..domain.streaks import Streak
from .output import terminal_text

BOX = {
    DayState.DONE: ("[x]", "green"),
    DayState.PENDING: ("[ ]", None),
    DayState.UPCOMING: ("[ ]", None),
    DayState.MISSED: ("[!]", "red"),
    DayState.SNOOZED: ("[z]", "blue"),
    DayState.PAUSED: (f"[{SYMBOLS[Mark.PAUSED]}]", "magenta"),
    DayState.OFF: ("[-]", None),
    DayState.OPEN: ("[ ]", None),
}

COLOURS: dict[Mark, str | None] = {
    Mark.FULL: "green",
    Mark.MINIMUM: "green",
    Mark.PARTIAL: "yellow",
    Mark.MISSED: "red",
    Mark.PENDING: None,
    Mark.SNOOZED: "blue",
    Mark.PAUSED: "magenta",
    Mark.FUTURE: None,
    Mark.NONE: None,
}


#: A name column is at most this many cells wide; a longer name is cut with "…".
NAME_CAP = 32


def checklist_text(listing: Checklist, today: date, routine: int | None = None) -> str:
    day = listing.day
    when = "today" if day == today else ("yesterday" if (today - day).days == 1 else "")
    title = f"{day:%A %d %B %Y}" + (f" ({when})" if when else "")
    lines = [click.style(title, bold=True) + "  ·  " + listing.summary(today)]
    from ..cells import column_width, fit

    width = column_width((terminal_text(i.log.habit.name) for i in listing.items), 10, NAME_CAP) + 2
    for item in listing.items:
        habit = item.log.habit
        box, colour = BOX[item.state]
        if item.dose is Dose.MIN:
            box = f"[{SYMBOLS[Mark.MINIMUM]}]"
        extra = []
        if item.schedule.kind is not ScheduleKind.DAILY:
            extra.append(item.schedule.describe())
        if habit.minutes:
            extra.append(f"{habit.minutes} min")
        status = {
            DayState.DONE: item.streak_words(),
            DayState.PENDING: item.streak_words(),
            DayState.MISSED: "missed",
            DayState.SNOOZED: "snoozed",
            DayState.PAUSED: _paused_text(item.log, day),
            DayState.OFF: item.off_words(today),
            DayState.UPCOMING: "upcoming",
            DayState.OPEN: "open",
        }[item.state]
        status = item.week_words(today) or status
        if item.dose is Dose.MIN:
            status += " · minimum dose"
        name = fit(terminal_text(habit.name), width)
        lines.append(
            f"  {click.style(box, fg=colour)} {name}{click.style(status, fg=colour)}"
            + (click.style(f"  ({', '.join(extra)})", dim=True) if extra else "")
        )
        if item.note:
            lines.append(f"      ✎ {terminal_text(item.note)}")
        if item.state in (DayState.PENDING, DayState.MISSED, DayState.UPCOMING, DayState.OPEN):
            for text in (item.plan_words(with_minimum=True), habit.cue[: CUE.cap]):
                if text:
                    lines.append("      " + click.style(terminal_text(text), dim=True))
    if routine is not None:
        lines.append(f"Routine streak: {StreakUnit.DAYS.amount(routine)}")
    return "\n".join(lines)


def _paused_text(log, day: date) -> str:
    pause = log.pause_on(day)
    return f"paused until {pause.until:%d %b}" if pause else "paused"


def calendar_text(journal: Journal, year: int, month: int, today: date) -> str:
    first = date(year, month, 1)
    names = [calendar_module.day_abbr[(journal.week_start + i) % 7][:2] for i in range(7)]
    lines = [click.style(f"{first:%B %Y}".center(7 * 5), bold=True), " ".join(f" {n} " for n in names)]
    from ..domain.calendar_days import day_summary  # the month only: `today` never loads it

    for week in calendar_module.Calendar(journal.week_start).monthdatescalendar(year, month):
        cells = [_calendar_cell(day_summary(journal, day, today).mark, day, month, today) for day in week]
        lines.append(" ".join(cells).rstrip())
    legend = "  ".join(f"{SYMBOLS[mark]} {mark}" for mark in LEGEND)
    lines.append("")
    lines.append(click.style(legend, dim=True))
    return "\n".join(lines)


def _calendar_cell(mark: Mark, day: date, month: int, today: date) -> str:
    if day.month != month:
        return "    "
    symbol, colour = SYMBOLS[mark], COLOURS[mark]
    today_style = {"bold": True, "underline": True} if day == today else {}
    return click.style(f"{symbol}{day.day:>2}", fg=colour, **today_style) + " "


def bar(percent: float, width: int = 10) -> str:
    filled = round(percent / 100 * width)
    return "█" * filled + "░" * (width - filled)


def percent(value: float | None) -> str:
    return "    —" if value is None else f"{value:5.1f}%"


def streaks_text(
    rows: list[tuple[str, Streak, float, float | None]],
    routine: tuple[int, int],
    routine_adherence: float | None = None,
    said: Sequence[Nudge] = (),
) -> str:
    """The streaks table: strength (how formed a habit is, slow to move) beside
    adherence (the share of due days done in the last 28, which means
    something from the first week), then the lines for habits fallen off
    (domain.encouragement.nudges: each thing said once)."""
    from ..cells import column_width, fit

    rows = [(terminal_text(name), streak, strength, share) for name, streak, strength, share in rows]
    width = column_width((name for name, *_ in rows), 5, NAME_CAP) + 2
    # Room for "100 sessions" and a gap.
    header = f"{'Habit'.ljust(width)}{'Current':>13}{'Best':>13}  Strength          28 days"
    lines = [click.style(header, bold=True)]
    for name, streak, strength, share in rows:
        lines.append(
            f"{fit(name, width)}{streak.unit.amount(streak.current):>13}{streak.unit.amount(streak.best):>13}"
            f"  {bar(strength)} {strength:5.1f}%  {percent(share)}"
        )
    lines.append("")
    lines.append(
        f"Routine: {StreakUnit.DAYS.amount(routine[0])} in a row, best {StreakUnit.DAYS.amount(routine[1])}"
        f", {percent(routine_adherence).strip()} of due days done in the last 28"
    )
    for nudge in said:
        lines.append(click.style(terminal_text(nudge.text), fg="yellow" if nudge.missed_once else "cyan"))
    return "\n".join(lines)
