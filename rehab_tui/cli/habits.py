"""`rehab habit ...`: the routine itself."""

from __future__ import annotations

import click

from ..domain.errors import RehabError
from ..domain.lookup import find_habit
from . import render
from .output import echo_json, say, terminal_text
from .params import WholeNumber
from .session import Session, pass_session


@click.group()
def habit() -> None:
    """Add, list, edit, archive, restore, reorder and delete habits."""


@habit.command("add")
@click.argument("name")
@click.option("--schedule", default="daily", show_default=True,
              help="daily | weekdays | tue,fri | 'every 2 days' | 2/week | RRULE:...")
@click.option("--cue", default="", help="How to do it, in one line.")
@click.option("--minutes", type=WholeNumber(), help="How long it takes.")
@click.option("--start", metavar="DATE", help="First day it is due (default today).")
@pass_session
def add(s: Session, name: str, schedule: str, cue: str, minutes: int | None, start: str | None) -> None:
    """Add a habit to the routine."""
    created = s.store.add_habit(name, schedule, s.today, cue=cue, minutes=minutes, start=s.day(start))
    say(f"+ {created.name} ({created.slug}): {created.schedule.explain()}, from {render.day_text(created.start)}")


@habit.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include archived habits.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_session
def list_habits(s: Session, show_all: bool, as_json: bool) -> None:
    """List the routine."""
    rows = []
    for h in s.store.habits():
        archived = h.archived_on(s.today)
        if archived and not show_all:
            continue
        rows.append((h, archived))
    if as_json:
        echo_json(
            [
                {
                    "habit": h.name, "slug": h.slug, "schedule": h.schedule.describe(),
                    "archived": archived, "cue": h.cue, "minutes": h.minutes,
                    "start": h.start.isoformat(),
                }
                for h, archived in rows
            ]
        )
        return
    width = max((len(h.name) for h, _ in rows), default=5) + 2
    for n, (h, archived) in enumerate(rows, start=1):
        tail = click.style("  (archived)", dim=True) if archived else ""
        click.echo(f"{n:>2}. {terminal_text(h.name).ljust(width)}{h.schedule.describe():<14}{h.slug}{tail}")


@habit.command("edit")
@click.argument("habit_name", metavar="HABIT")
@click.option("--name", help="A new name.")
@click.option("--cue", help="A new cue.")
@click.option("--minutes", type=WholeNumber(), help="New minutes.")
@click.option("--schedule", help="A new schedule, in force from --from; the days before keep theirs.")
@click.option("--from", "since", metavar="DATE", help="The first day of the new schedule (default today).")
@click.option("--start", metavar="DATE", help="A new first day for the habit.")
@pass_session
def edit(
    s: Session, habit_name: str, name: str | None, cue: str | None, minutes: int | None,
    schedule: str | None, since: str | None, start: str | None,
) -> None:
    """Change a habit's name, cue, minutes, schedule or start."""
    if all(v is None for v in (name, cue, minutes, schedule, start)):
        raise RehabError("nothing to change: give --name, --cue, --minutes, --schedule or --start")
    if since is not None and schedule is None:
        raise RehabError("--from says when a new --schedule takes effect; give --schedule too")
    found = s.habit(habit_name)
    extra = {} if minutes is None else {"minutes": minutes}
    changed = s.store.edit_habit(
        found.id, s.today, name=name, cue=cue, schedule=schedule,
        since=s.day(since, ahead=True) if since else None, start=s.day(start) if start else None, **extra,
    )
    said = [f"~ {changed.name} ({changed.slug}): {changed.schedule.explain()}"]
    if schedule is not None:
        said.append(f"from {render.day_text(changed.schedule_history[-1].since)}")
    if start is not None:
        said.append(f"starts {render.day_text(changed.start)}")
    say(", ".join(said))


@habit.command("archive")
@click.argument("habit_name", metavar="HABIT")
@click.option("--date", "when", metavar="DATE", help="First day it is gone (default today).")
@pass_session
def archive(s: Session, habit_name: str, when: str | None) -> None:
    """Retire a habit; its history is kept."""
    found = s.habit(habit_name)
    day = s.day(when)
    s.store.archive_habit(found.id, day)
    say(f"- {found.name} archived from {render.day_text(day)}; `rehab habit restore {found.slug}` brings it back")


@habit.command("restore")
@click.argument("habit_name", metavar="HABIT")
@pass_session
def restore(s: Session, habit_name: str) -> None:
    """Bring an archived habit back."""
    found = s.habit(habit_name, archived=True)
    s.store.restore_habit(found.id)
    say(f"+ {found.name} is back in the routine")


@habit.command("delete")
@click.argument("habit_name", metavar="HABIT")
@click.option("--yes", is_flag=True, help="Delete its history too (check-ins, snoozes, pauses), after a backup.")
@pass_session
def delete(s: Session, habit_name: str, yes: bool) -> None:
    """Remove a habit for good (to keep its history, archive it instead).

    A habit with history goes only with --yes, which first writes a backup
    beside the database. Archived habits can be deleted too.
    """
    # Archived habits too: deleting one retired by mistake is the common case.
    found = find_habit(s.all_habits, habit_name)
    say("x " + s.store.delete_habit(found.id, keep_copy=yes).sentence())


@habit.command("move")
@click.argument("habit_name", metavar="HABIT")
@click.argument("position", type=WholeNumber(1))
@pass_session
def move(s: Session, habit_name: str, position: int) -> None:
    """Move a habit to POSITION (1 is the top of the list)."""
    found = s.habit(habit_name)
    order = [h.name for h in s.store.move_habit(found.id, position) if not h.archived_on(s.today)]
    say(f"{found.name} is now number {order.index(found.name) + 1}")
