"""`rehab habit ...`: the routine itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

import click

from ..domain.errors import InvalidInput
from ..domain.habits import schedule_edit, schedule_now
from ..domain.lookup import find_habit
from ..domain.model import Habit
from ..domain.prescription import Prescription
from . import render
from .groups import SuggestingGroup
from .output import echo_json, say, terminal_text
from .params import WholeNumber
from .session import Session, pass_session


@click.group(cls=SuggestingGroup)
def habit() -> None:
    """Add, list, show, edit, archive, restore, reorder and delete habits."""


#: The prescription's options: (option, Prescription field, metavar, help). For
#: a number, 0 clears it in `habit edit`.
PRESCRIPTION_OPTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("--sets", "sets", "N", "Sets, 1-20."),
    ("--reps", "reps", "N", "Reps in a set, 1-100."),
    ("--hold", "hold", "SECONDS", "A hold, 1-600 s (a stretch, a ball on a tender spot)."),
    ("--rest", "rest", "SECONDS", "Rest between sets, 1-600 s."),
    ("--min-sets", "min_sets", "N", "The minimum dose's sets (with --sets)."),
    ("--min-hold", "min_hold", "SECONDS", "The minimum dose's hold (with --hold)."),
)


def plan_options(command: Callable) -> Callable:
    """The options for a habit's plan and prescription, shared by add and edit."""
    for option, field, metavar, text in reversed(PRESCRIPTION_OPTIONS):
        command = click.option(option, field, type=WholeNumber(0), metavar=metavar, help=text)(command)
    command = click.option(
        "--sides/--no-sides", "sides", default=None, help="Done on each side, left then right (or not)."
    )(command)
    command = click.option(
        "--min", "min_text", metavar="TEXT", help="The minimum dose that still counts, e.g. 'one set' or '60 seconds'."
    )(command)
    return click.option("--when", metavar="TEXT", help="When you do it, in your words: 'after my morning coffee'.")(
        command
    )


def prescription_changes(options: dict[str, Any]) -> dict[str, Any]:
    """The prescription fields given on the command line (0 for a number clears it)."""
    numbers = {field for _, field, _, _ in PRESCRIPTION_OPTIONS}
    return {
        field: (value or None) if field in numbers else value
        for field, value in options.items()
        if value is not None and (field in numbers or field in ("sides", "min_text"))
    }


def plan_words(habit: Habit) -> str:
    """The plan and prescription after a habit's line, when it has them."""
    said = terminal_text(habit.plan_words(with_minimum=True))
    return f" [{said}]" if said else ""


@habit.command("add")
@click.argument("name")
@click.option(
    "--schedule",
    default="daily",
    show_default=True,
    help="daily | weekdays | tue,fri | 'every 2 days' | 2/week | RRULE:...",
)
@click.option("--cue", default="", help="How to do it, in one line.")
@click.option("--minutes", type=WholeNumber(), help="How long it takes.")
@click.option("--start", metavar="DATE", help="First day it is due (default today).")
@plan_options
@pass_session
def add(
    s: Session,
    name: str,
    schedule: str,
    cue: str,
    minutes: int | None,
    start: str | None,
    when: str | None,
    **prescription: Any,
) -> None:
    """Add a habit to the routine, with its prescription if it has one."""
    created = s.store.add_habit(
        name,
        schedule,
        s.today,
        cue=cue,
        minutes=minutes,
        start=s.day(start),
        when=when or "",
        prescription=Prescription(**prescription_changes(prescription)),
    )
    say(
        f"+ {created.name} ({created.slug}): {created.schedule.explain()}, from {render.day_text(created.start)}"
        f"{plan_words(created)}"
    )


#: `habit list` fits 80 columns: long names, schedules and slugs are cut with
#: "…" (`habit list --json` has them whole).
LIST_WIDTH = 80
LIST_NAME_CAP = 30
#: Room for a change to come: `mon,thu → tue,fri from 2026-11-16`.
LIST_SCHEDULE_CAP = 34
LIST_SLUG_LEAST = 12


def schedules_json(h: Habit) -> list[dict[str, str | None]]:
    """Every schedule version with the days it is in force (`until` None: still)."""
    return [
        {"schedule": v.schedule.describe(), "from": v.since.isoformat(), "until": until.isoformat() if until else None}
        for v, until in h.schedule_spans()
    ]


def habit_json(h: Habit, archived: bool) -> dict[str, Any]:
    """A habit as `habit list --json` and `habit show --json` print it."""
    return {
        "habit": h.name,
        "slug": h.slug,
        "schedule": h.schedule.describe(),
        "schedules": schedules_json(h),
        "archived": archived,
        "cue": h.cue,
        "minutes": h.minutes,
        "start": h.start.isoformat(),
        "when": h.when,
        "prescription": asdict(h.prescription),
        "prescribed": h.prescription.words(),
        "minimum": h.prescription.minimum_words(),
    }


@habit.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include archived habits.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_session
def list_habits(s: Session, show_all: bool, as_json: bool) -> None:
    """List the routine, each habit with its schedule and the day it took effect."""
    rows = []
    for h in s.store.habits():
        archived = h.archived_on(s.today)
        if archived and not show_all:
            continue
        rows.append((h, archived))
    if as_json:
        echo_json([habit_json(h, archived) for h, archived in rows])
        return
    from ..cells import column_width, fit  # here: `rehab today` and the rest need no cell widths

    names = [terminal_text(h.name) for h, _ in rows]
    schedules = [schedule_now(h, s.today) for h, _ in rows]
    schedule_width = column_width(schedules, 5, LIST_SCHEDULE_CAP)
    # "NN. ", two gaps, and "  (archived)" when a row has it; a long schedule
    # (a change to come) narrows the names so the slug keeps 12 cells.
    archived_width = len("  (archived)") if any(archived for _, archived in rows) else 0
    room = LIST_WIDTH - 4 - schedule_width - 4 - archived_width
    name_width = column_width(names, 5, min(LIST_NAME_CAP, room - LIST_SLUG_LEAST))
    slug_width = max(room - name_width, LIST_SLUG_LEAST)
    for n, ((h, archived), name, schedule) in enumerate(zip(rows, names, schedules, strict=True), start=1):
        tail = click.style("  (archived)", dim=True) if archived else ""
        slug = fit(h.slug, slug_width).rstrip()
        click.echo(f"{n:>2}. {fit(name, name_width)}  {fit(schedule, schedule_width)}  {slug}{tail}")


@habit.command("show")
@click.argument("habit_name", metavar="HABIT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_session
def show(s: Session, habit_name: str, as_json: bool) -> None:
    """One habit whole: every schedule it had with its dates, its plan,
    prescription, start, and how many check-ins and pauses it has."""
    # Archived habits too: their history is still theirs.
    log = s.store.log(find_habit(s.all_habits, habit_name).id)
    h = log.habit
    archived = h.archived_on(s.today)
    if as_json:
        echo_json(habit_json(h, archived) | {"check_ins": len(log.done), "pauses": len(log.pauses)})
        return
    lines = [f"{terminal_text(h.name)} ({h.slug})" + ("  (archived)" if archived else "")]
    in_force = h.version_on(s.today)
    for n, (v, until) in enumerate(h.schedule_spans()):
        first = render.day_text(v.since) if n else f"the start, {render.day_text(v.since)}"
        last = f" to {render.day_text(until)}" if until else " on"
        now = "  (now)" if v == in_force else ""
        lines.append(f"  schedule  {v.schedule.describe()}: {v.schedule.explain()}, from {first}{last}{now}")
    details = (
        ("start", render.day_text(h.start)),
        ("archived", render.day_text(h.archived) if h.archived else ""),
        ("minutes", str(h.minutes or "")),
        ("cue", terminal_text(h.cue)),
        ("plan", terminal_text(h.when)),
        ("dose", h.prescription.words()),
        ("minimum", h.prescription.minimum_words()),
        ("check-ins", str(len(log.done))),
        ("pauses", str(len(log.pauses))),
    )
    lines += [f"  {label:<9} {value}" for label, value in details if value]
    click.echo("\n".join(lines))


@habit.command("edit")
@click.argument("habit_name", metavar="HABIT")
@click.option("--name", help="A new name.")
@click.option("--cue", help="A new cue.")
@click.option("--minutes", type=WholeNumber(), help="New minutes.")
@click.option("--schedule", help="A new schedule, in force from --from; the days before keep theirs.")
@click.option("--from", "since", metavar="DATE", help="The first day of the new schedule (default today).")
@click.option("--start", metavar="DATE", help="A new first day for the habit.")
@plan_options
@pass_session
def edit(
    s: Session,
    habit_name: str,
    name: str | None,
    cue: str | None,
    minutes: int | None,
    schedule: str | None,
    since: str | None,
    start: str | None,
    when: str | None,
    **prescription: Any,
) -> None:
    """Change a habit's name, cue, minutes, schedule, start, plan or prescription
    (a number 0 and a text '' clear it)."""
    changes = prescription_changes(prescription)
    if all(v is None for v in (name, cue, minutes, schedule, start, when)) and not changes:
        raise InvalidInput(
            "nothing to change: give --name, --cue, --minutes, --schedule, --start, --when "
            "or a prescription (--sets, --reps, --hold, --sides, --rest, --min)"
        )
    if since is not None and schedule is None:
        raise InvalidInput("--from says when a new --schedule takes effect; give --schedule too")
    found = s.habit(habit_name)
    # The habit as it was, to say what a schedule edit did.
    before = s.store.readable_habit(found.id) if schedule is not None else None
    first = s.day(since, ahead=True) if since else None
    extra = {} if minutes is None else {"minutes": minutes}
    changed = s.store.edit_habit(
        found.id,
        s.today,
        name=name,
        cue=cue,
        schedule=schedule,
        since=first,
        start=s.day(start) if start else None,
        when=when,
        prescription=changes,
        **extra,
    )
    if schedule is not None:
        done = schedule_edit(before, changed, first or s.today)
        said = [f"~ {changed.name} ({changed.slug}): {done.words(render.day_text)}"]
    else:
        said = [f"~ {changed.name} ({changed.slug}): {changed.schedule.explain()}"]
    if start is not None:
        said.append(f"starts {render.day_text(changed.start)}")
    say(", ".join(said) + (plan_words(changed) if when is not None or changes else ""))


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
