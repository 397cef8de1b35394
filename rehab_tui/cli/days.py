"""Commands about days: the checklist, check-ins, snoozes, pauses, streaks, the month."""

from __future__ import annotations

from datetime import date

import click

from ..domain.checklist import Checklist, checklist
from ..domain.dates import parse_month
from ..domain.encouragement import encouragement, nudges
from ..domain.errors import RehabError
from ..domain.streaks import adherence, habit_streak, routine_adherence, routine_streak
from ..domain.strength import strength
from ..nagline import format_problem, nag_line, names_text
from . import render
from .output import echo_json, say
from .params import WholeNumber
from .session import Session, pass_session


def _checklist(s: Session, day: date, with_streaks: bool = True) -> Checklist:
    return checklist(s.store.journal_for(day, s.today, with_streaks), day, s.today, with_streaks)


@click.command()
@click.option(
    "--date",
    "when",
    metavar="DATE",
    help="Another day: 2026-11-20, yesterday, fri, -3, 'Nov 20' (the nearer one), 'Dec 25 2026'.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_session
def today(s: Session, when: str | None, as_json: bool) -> None:
    """Show the checklist of today (or another day, past or ahead)."""
    # A view, not a record: 'Nov 24' on 16 Nov is next week, not last year.
    day = s.day(when, nearest=True)
    listing = _checklist(s, day)
    if as_json:
        echo_json(listing.to_json())
    else:
        click.echo(render.checklist_text(listing, s.today))


@click.command()
@click.option(
    "--date", "when", metavar="DATE", help="The day to rest (default today; up to 7 days ahead; 'wed' is the next one)."
)
@click.option("--habit", "habit_name", metavar="HABIT", help="Snooze one habit instead of the whole day.")
@click.option("--reason", default="sore", show_default=True, help="Why.")
@click.option("--area", help="The body area, e.g. 'left IT band'.")
@click.option("--pain", type=WholeNumber(), metavar="0-10", help="Pain level from 0 to 10.")
@pass_session
def snooze(
    s: Session, when: str | None, habit_name: str | None, reason: str, area: str | None, pain: int | None
) -> None:
    """Rest a sore day without breaking streaks (a budget per 7 days)."""
    habit = s.habit(habit_name) if habit_name else None
    day = s.day(when, ahead=True)
    added = s.store.snooze(day, s.today, habit.id if habit else None, reason, area, pain).changed
    what = habit.name if habit else "the whole day"
    if added:
        say(f"z {what} snoozed on {render.day_text(day)} ({reason}); streaks are frozen, not broken")
    else:
        felt = "; the pain is recorded" if pain is not None else ""
        say(f"{what} was already snoozed on {render.day_text(day)}{felt}")


@click.command()
@click.option("--date", "when", metavar="DATE", help="The day (default today).")
@click.option("--habit", "habit_name", metavar="HABIT", help="Take back one habit's snooze.")
@pass_session
def unsnooze(s: Session, when: str | None, habit_name: str | None) -> None:
    """Take a snooze back."""
    habit = s.habit(habit_name) if habit_name else None
    # Faces the way `snooze` does, so `unsnooze --date wed` takes back `snooze --date wed`.
    day = s.day(when, ahead=True)
    removed = s.store.unsnooze(day, habit.id if habit else None).changed
    what = habit.name if habit else "The day"
    say(f"{what} {'is no longer' if removed else 'was not'} snoozed on {render.day_text(day)}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_session
def streaks(s: Session, as_json: bool) -> None:
    """Current and best streaks, and strength, for each habit and the routine."""
    from ..domain.drop_off import drop_off  # `today` has no use for it

    journal = s.store.journal()
    rows = []
    for log in journal.active_on(s.today):
        streak = habit_streak(journal, log, s.today)
        rows.append(
            (
                log.habit,
                streak,
                strength(journal, log, s.today),
                adherence(journal, log, s.today),
                encouragement(log.habit, streak),
            )
        )
    routine = routine_streak(journal, s.today)
    routine_share = routine_adherence(journal, s.today)
    if as_json:
        echo_json(
            {
                "routine": {"current_streak": routine[0], "best_streak": routine[1], "adherence_28d": routine_share},
                "habits": [
                    {
                        "habit": habit.name,
                        "slug": habit.slug,
                        "unit": streak.unit,
                        "current_streak": streak.current,
                        "best_streak": streak.best,
                        "strength": value,
                        "adherence_28d": share,
                        "missed_in_a_row": streak.missed_in_a_row,
                        "missed_once": streak.misses == 1,
                        "last_run": streak.last_run,
                        "encouragement": line,
                    }
                    for habit, streak, value, share, line in rows
                ],
                "drop_off": fell.to_json() if (fell := drop_off(journal, s.today)) else None,
            }
        )
    else:
        named = [(h.name, streak, value, share) for h, streak, value, share, _ in rows]
        said = nudges((h, streak) for h, streak, *_ in rows)
        click.echo(render.streaks_text(named, routine, routine_share, said))


@click.command()
@click.option(
    "--month",
    metavar="MONTH",
    help="The month to show: 2026-11, 'Nov 2026', or nov (the latest November, this one included; default this month).",
)
@pass_session
def calendar(s: Session, month: str | None) -> None:
    """A month at a glance: full, partial, missed, snoozed and paused days."""
    first = parse_month(month, s.today) if month else s.today.replace(day=1)
    click.echo(render.calendar_text(s.store.journal(), first.year, first.month, s.today))


@click.command()
@click.option(
    "--format",
    "fmt",
    metavar="FORMAT",
    help="The line to print, with {left}, {total}, {done} and {names}, e.g. '{left}/{total}'.",
)
@pass_session
def nag(s: Session, fmt: str | None) -> None:
    """One line if today's routine is unfinished, nothing otherwise (for a prompt).

    The usual case is answered by rehab_tui/nagline.py from the nag table, without
    loading this module; this is the full computation it falls back to."""
    if fmt is not None and (problem := format_problem(fmt)):
        raise click.UsageError(problem)
    listing = _checklist(s, s.today, with_streaks=False)
    names = names_text([i.log.habit.name for i in listing.pending])
    try:
        line = nag_line(len(listing.pending), listing.total, listing.done, names, listing.rest_day, fmt)
    except ValueError as exc:
        raise click.UsageError(f"--format does not fit its values: {exc}") from None
    if line is not None:
        click.echo(line)
    if not s.store.read_only:
        # The next prompt reads the table again; a busy or full file only
        # means the next nag computes once more.
        try:
            s.store.refresh_nag(s.today)
        except RehabError:
            pass
