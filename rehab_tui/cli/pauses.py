"""Commands about a habit's longer breaks: pause, pauses (the list), resume (and unpause)."""

from __future__ import annotations

import sys
from datetime import date

import click

from ..domain.errors import LongPause, RehabError
from ..domain.model import Pause
from ..domain.pausing import ahead, planned, span_text
from . import render
from .output import echo_json, say, terminal_text
from .session import Session, pass_session


@click.command()
@click.argument("habit_name", metavar="HABIT")
@click.option("--until", "until", required=True, metavar="DATE", help="The last paused day (included).")
@click.option(
    "--from", "start", metavar="DATE", help="The first paused day (default: today, or the changed pause's own)."
)
@click.option(
    "--reason",
    default=None,
    help="Why, e.g. 'no running until the physio' (a changed pause keeps its own unless given).",
)
@click.option("--yes", is_flag=True, help="Confirm a pause of more than eight weeks without being asked.")
@pass_session
def pause(s: Session, habit_name: str, until: str, start: str | None, reason: str | None, yes: bool) -> None:
    """Pause a habit for a longer break (no budget; streaks freeze).

    On a habit already paused (or with a pause planned) it changes that pause's
    last day, shorter or longer; --from moves its first day. A pause that shares
    no day with another is added apart. `rehab pauses` lists them.
    """
    habit = s.habit(habit_name)
    first = None if start is None else s.day(start, ahead=True)
    last = s.day(until, ahead=True)

    def write(confirmed: bool):
        return s.store.pause(habit.id, last, today=s.today, start=first, reason=reason, confirmed=confirmed)

    try:
        paused = write(yes)
    except LongPause as exc:
        _ask_long(exc)
        paused = write(True)
    now, before = paused.pause, paused.before
    if before is None:
        say(f"‖ {habit.name} paused from {render.day_text(now.start)} through {render.day_text(now.until)}{_tail(now)}")
    elif before == now:
        say(f"‖ {habit.name} is already paused {span_text(now)}; nothing changed")
    else:
        changes = [
            f"{word} {render.day_text(old)} → {render.day_text(new)}"
            for word, old, new in (("from", before.start, now.start), ("through", before.until, now.until))
            if old != new
        ]
        if before.reason != now.reason:
            changes.append(f"reason '{before.reason}' → '{now.reason}'")
        say(f"‖ {habit.name} changed: {', '.join(changes)}; paused {span_text(now)}")


def _tail(pause: Pause) -> str:
    days = f", {pause.days} day{'' if pause.days == 1 else 's'}"
    return days + (f" ({pause.reason})" if pause.reason else "")


def _ask_long(exc: LongPause) -> None:
    """A long pause is written only after a yes: asked on a terminal; without
    one (a script, a pipe) it needs --yes, since a typo'd month-day reads as
    next year's."""
    if not sys.stdin.isatty():
        raise RehabError(f"{exc} with --yes; nothing written")
    try:
        agreed = click.confirm(f"{terminal_text(exc)}. Pause for {exc.days} days?", default=False)
    except click.Abort:
        agreed = False
    if not agreed:
        raise RehabError("not confirmed; nothing written (--yes skips the question)")


@click.command()
@click.argument("habit_name", metavar="HABIT", required=False)
@click.option("--all", "show_all", is_flag=True, help="Ended pauses too.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_session
def pauses(s: Session, habit_name: str | None, show_all: bool, as_json: bool) -> None:
    """List the current and planned pauses (of one habit, or all), first day first:
    dates, length, reason. --all adds the ended ones."""
    if habit_name is not None:
        logs = [s.store.log(s.habit(habit_name).id)]
    else:
        logs = [log for log in s.store.journal().logs if log.habit.archived is None]
    # First day first across habits: the list reads as a timeline.
    listed = sorted(
        (
            (log.habit, p, _state(p, s.today))
            for log in logs
            for p in (log.pauses if show_all else ahead(log.pauses, s.today))
        ),
        key=lambda row: row[1].start,
    )
    if as_json:
        echo_json(
            [
                {
                    "habit": h.name,
                    "slug": h.slug,
                    "state": state,
                    "start": p.start.isoformat(),
                    "until": p.until.isoformat(),
                    "days": p.days,
                    "reason": p.reason,
                }
                for h, p, state in listed
            ]
        )
        return
    if not listed:
        click.echo("No pauses." if show_all else "No pause now or planned.")
        return
    from ..cells import column_width, fit

    width = column_width((terminal_text(h.name) for h, _, _ in listed), 10, render.NAME_CAP) + 2
    for h, p, state in listed:
        say(
            f"{fit(h.name, width)}{state:<8}{render.day_text(p.start)} – {render.day_text(p.until)}  "
            f"{p.days:>3} day{'' if p.days == 1 else 's'}  {p.reason}".rstrip()
        )


def _state(pause: Pause, today: date) -> str:
    return "now" if pause.covers(today) else ("planned" if pause.start > today else "ended")


def _resume_command(name: str) -> click.Command:
    @click.command(name)
    @click.argument("habit_name", metavar="HABIT")
    @click.option("--planned", "cancel", is_flag=True, help="Cancel the next planned pause instead.")
    @pass_session
    def command(s: Session, habit_name: str, cancel: bool) -> None:
        habit = s.habit(habit_name)
        if cancel:
            gone = s.store.cancel_planned(habit.id, s.today).pause
            say(f"✕ {habit.name}: the pause planned {span_text(gone)} is cancelled")
            return
        log = s.store.resume(habit.id, s.today).log
        later = "; ".join(f"paused {span_text(p)}" for p in planned(log.pauses, s.today))
        say(
            f"▶ {habit.name} is active again from {render.day_text(s.today)}"
            + (f"; still planned: {later}" if later else "")
        )

    command.help = (
        "End a habit's current pause so today counts again; a pause planned later stays "
        "(--planned cancels the next one)." + (" Same as resume." if name == "unpause" else "")
    )
    return command


resume = _resume_command("resume")
unpause = _resume_command("unpause")
