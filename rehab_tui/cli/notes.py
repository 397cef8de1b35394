"""`rehab note`: the note written with a check-in ("knee felt hot"), added,
changed, removed, shown, or listed."""

from __future__ import annotations

import click

from ..domain.errors import InvalidInput, NotDone
from . import render
from .output import echo_json, say
from .session import Session, pass_session


@click.command()
@click.argument("habit", required=False, metavar="HABIT")
@click.argument("text", required=False, metavar="TEXT")
@click.option("--date", "when", metavar="DATE", help="The day of the check-in (default today).")
@click.option("--clear", is_flag=True, help="Remove the day's note (an empty TEXT does too).")
@click.option("--list", "listing", is_flag=True, help="List the notes, of HABIT or of every habit.")
@click.option("--json", "as_json", is_flag=True, help="With --list: print JSON.")
@pass_session
def note(
    s: Session, habit: str | None, text: str | None, when: str | None, clear: bool, listing: bool, as_json: bool
) -> None:
    """Add, change or remove the note of a day's check-in (HABIT "TEXT");
    HABIT alone shows it, --list lists them."""
    if listing:
        if text is not None or clear or when is not None:
            raise InvalidInput("--list takes at most a habit: rehab note --list [HABIT]")
        _list(s, habit, as_json)
        return
    if habit is None:
        raise InvalidInput('name a habit: rehab note plank "knee felt hot" (or rehab note --list)')
    if as_json:
        raise InvalidInput("--json goes with --list")
    if clear and text:
        raise InvalidInput("give a note or --clear, not both")
    found = s.habit(habit)
    day = s.day(when)
    on = f"{found.name} on {render.day_text(day)}"
    if text is None and not clear:
        held = s.store.log(found.id).notes.get(day)
        say(f"✎ {on}: {held}" if held else f"{on}: no note")
        return
    try:
        before = s.store.set_note(found.id, day, text or "")
    except NotDone as exc:
        if not text:
            raise
        raise NotDone(f"{exc}: rehab done {found.slug} --date {day.isoformat()} --note '…' records both") from None
    now = s.store.log(found.id).notes.get(day, "")
    if now == before:
        say(f"{on} already has this note; nothing changed" if now else f"{on} had no note; nothing to remove")
    elif not now:
        say(f"✎ note removed from {on} (it was: {before})")
    else:
        say(f"✎ note saved for {on}: {now}" + (f" (it was: {before})" if before else ""))


def _list(s: Session, habit: str | None, as_json: bool) -> None:
    wanted = s.habit(habit).id if habit is not None else None
    rows = sorted(
        (day, log.habit.name, log.habit.slug, text)
        for log in s.store.journal().logs
        if wanted is None or log.habit.id == wanted
        for day, text in log.notes.items()
    )
    if as_json:
        echo_json([{"date": d.isoformat(), "habit": n, "slug": slug, "note": t} for d, n, slug, t in rows])
    elif not rows:
        click.echo('No notes yet: rehab note HABIT "…" writes one on a day it was done.')
    else:
        for day, name, _, text in rows:
            say(f"{render.day_text(day)}  {name}: {text}")
