"""Rows of the rehab tables read into the domain's objects.

The file is plain SQLite, and README invites people to open it in sqlite-utils
and Datasette, so a row may hold anything. A row that cannot be read gives one
error naming the table, the habit, the field and the command that mends it;
nothing here ever raises a bare ValueError.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..domain.errors import Damaged, RehabError
from ..domain.model import Habit, ScheduleVersion
from ..domain.prescription import Prescription
from ..domain.rules import shown
from ..domain.schedules import load_schedule


class DamagedRow(Damaged):
    """A stored row breaks a rule; the message says how to mend it."""


def sql_fix(path: Path, sql: str) -> str:
    """The sqlite-utils command (installed with rehab) that runs `sql` on the file."""
    import shlex  # only for a damaged row's message

    return f"sqlite-utils query {shlex.quote(str(path))} {shlex.quote(sql)}"


def day_of(text: object, where: str, fix: str) -> date:
    """An ISO day read from a row; `where` names the table, habit and field."""
    try:
        return date.fromisoformat(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise DamagedRow(f"{where} is {text!r}, not a date; mend it with: {fix}") from None


def row_day(path: Path, table: str, row: dict, field: str) -> date:
    """The ISO day in `field` of a row of `table`; a bad one names the row and
    the SQL that deletes it. The fix is worded (and shlex loaded) only then,
    not for every row read."""
    text = row[field]
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        # day_of fails the same way, with the message every damaged day gets.
        return day_of(
            text, f"{table}: row {row['id']}, {field},", sql_fix(path, f"DELETE FROM {table} WHERE id = {row['id']}")
        )


def optional_day(text: object, where: str, fix: str) -> date | None:
    return None if text is None else day_of(text, where, fix)


def habit_of(row: dict, versions: Iterable[dict]) -> Habit:
    """A habit row and its schedule rows (oldest first) as the domain's Habit."""
    slug = row["slug"]
    name = row["name"]
    who = f"habits: '{name}'"
    start = day_of(row["start"], f"{who}, start,", f"rehab habit edit {slug} --start YYYY-MM-DD")
    archived = optional_day(row["archived"], f"{who}, archived,", f"rehab habit archive {slug} --date YYYY-MM-DD")
    history = []
    for v in versions:
        since = day_of(
            v["since"], f"schedules: '{name}', since,", f"rehab habit edit {slug} --schedule daily --from YYYY-MM-DD"
        )
        fix = f"rehab habit edit {slug} --schedule daily --from {since.isoformat()}"
        anchor = day_of(v["anchor"], f"schedules: '{name}', anchor,", fix)
        try:
            schedule = load_schedule(v["rule"], anchor)
        except RehabError:
            raise DamagedRow(
                f"schedules: '{name}' has the unknown schedule {v['rule']!r} from {since.isoformat()}; "
                f"mend it with: {fix}"
            ) from None
        history.append(ScheduleVersion(since, schedule))
    if not history:
        raise DamagedRow(
            f"schedules: '{name}' has no schedule; mend it with: rehab habit edit {slug} "
            f"--schedule daily --from {start.isoformat()}"
        )
    return Habit(
        id=row["id"],
        name=shown(name),
        slug=slug,
        cue=shown(row["cue"] or ""),
        minutes=row["minutes"],
        schedule=history[-1].schedule,
        start=start,
        archived=archived,
        position=row["position"],
        versions=tuple(history) if len(history) > 1 else (),
        updated_at=row["updated_at"],
        when=shown(row["intention"] or ""),
        prescription=Prescription(
            sets=row["sets"],
            reps=row["reps"],
            hold=row["hold_s"],
            sides=bool(row["sides"]),
            rest=row["rest_s"],
            min_text=shown(row["min_dose"] or ""),
            min_sets=row["min_sets"],
            min_hold=row["min_hold_s"],
        ),
    )


def prescription_row(habit: Habit) -> dict:
    """A habit's plan and prescription as the habits table's columns."""
    p = habit.prescription
    return {
        "intention": habit.when,
        "sets": p.sets,
        "reps": p.reps,
        "hold_s": p.hold,
        "sides": int(p.sides),
        "rest_s": p.rest,
        "min_dose": p.min_text,
        "min_sets": p.min_sets,
        "min_hold_s": p.min_hold,
    }
