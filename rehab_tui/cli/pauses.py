"""Commands about a habit's longer breaks: pause, resume."""

from __future__ import annotations

import click

from . import render
from .output import say
from .session import Session, pass_session


@click.command()
@click.argument("habit_name", metavar="HABIT")
@click.option("--until", "until", required=True, metavar="DATE", help="The last paused day (included).")
@click.option("--from", "start", metavar="DATE", help="The first paused day (default today).")
@click.option("--reason", default="", help="Why, e.g. 'no running until the physio'.")
@pass_session
def pause(s: Session, habit_name: str, until: str, start: str | None, reason: str) -> None:
    """Pause a habit for a longer break (no budget; streaks freeze)."""
    habit = s.habit(habit_name)
    first = s.day(start, ahead=True)
    last = s.day(until, ahead=True)
    span = s.store.pause(habit.id, first, last, reason, today=s.today).pause
    say(f"‖ {habit.name} paused from {render.day_text(span.start)} through {render.day_text(span.until)}")


@click.command()
@click.argument("habit_name", metavar="HABIT")
@pass_session
def resume(s: Session, habit_name: str) -> None:
    """End a habit's current pause so today counts again."""
    habit = s.habit(habit_name)
    s.store.resume(habit.id, s.today)
    say(f"▶ {habit.name} is active again from {render.day_text(s.today)}")
