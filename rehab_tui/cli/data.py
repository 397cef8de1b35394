"""Settings, export, import, backup, restore and check."""

from __future__ import annotations

import json
import math
import os
import re
from datetime import date, datetime
from itertools import accumulate
from pathlib import Path

import click

from ..domain.errors import Damaged, InvalidInput, NotFound, StorageError
from ..domain.settings import SETTINGS, check_key
from ..formats.export import export_csv, export_data, travels
from ..formats.export_reader import check_export
from ..store.merge import import_data, starts_to_move
from .output import terminal_text
from .session import Session, pass_session
from .target import check_target, force_option, write_target

#: An export of ten years of twelve habits is about half a megabyte.
MAX_IMPORT_BYTES = 64 * 1024 * 1024
#: An export nests five deep (the export, habits, a habit, its snoozes, a snooze).
MAX_IMPORT_DEPTH = 32
#: No count, level or position in an export needs more digits than this.
MAX_NUMBER_DIGITS = 18


@click.command()
@click.argument("key", required=False)
@click.argument("value", required=False)
@pass_session
def settings(s: Session, key: str | None, value: str | None) -> None:
    """Show settings, or set KEY to VALUE."""
    if key is not None:
        check_key(key)
    if key is not None and value is not None:  # a VALUE always comes after a KEY
        if key == "theme":
            check_theme(value)
        stored = s.store.set_setting(key, value).values()[key]
        click.echo(f"{key} = {stored}")
        return
    values = s.store.setting_values()
    if key is not None:
        click.echo(terminal_text(values[key]))
        return
    for name, current in values.items():
        # An empty value (no keymap) is shown as the shell would type it.
        shown = terminal_text(current) or "''"
        click.echo(f"{name:<15} {shown:<14} " + click.style(SETTINGS[name].help, dim=True))


def check_theme(value: str) -> None:
    """Refuse a theme Textual does not have, which the app would drop at start."""
    # Imported here only: every other headless command must not load Textual.
    from textual.theme import BUILTIN_THEMES

    if value.strip() and value.strip() not in BUILTIN_THEMES:
        raise NotFound(f"theme '{value.strip()}' is not one of: {', '.join(sorted(BUILTIN_THEMES))}")


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "ics"]),
    default="json",
    show_default=True,
    help="json (imports back), csv (for spreadsheets) or ics (the routine for a calendar app).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file.")
@force_option
@pass_session
def export(s: Session, fmt: str, output: str | None, force: bool) -> None:
    """Export everything (a JSON export imports back to the same state).

    With --format ics, each habit is a recurring all-day event for a calendar app.
    """
    if output is not None:
        # Checked before the database is opened (or created): an error writes nothing.
        check_target(s, output, force)
    if fmt == "ics":
        # Imported here only: icalendar is for this export alone.
        from ..formats.ics import export_ics

        text = export_ics(s.store.journal()).decode("utf-8")
    elif fmt == "csv":
        text = export_csv(s.store.contents())
    else:
        contents = s.store.contents()
        text = json.dumps(export_data(contents), ensure_ascii=False, indent=2) + "\n"
        behind = [r for r in contents.reminders if not travels(r)]
        if behind:
            numbers = ", ".join(f"#{r.id}" for r in behind)
            click.echo(
                f"note: reminders to a URL ({numbers}) are not in the export: a URL may hold a token or a password",
                err=True,
            )
    if output:
        write_target(output, text, force, "exported to")
    else:
        click.echo(text, nl=False)


@click.command("import")
@click.argument("file", type=click.Path(exists=True))
@click.option(
    "--from",
    "tracker",
    type=click.Choice(["loop", "harsh"]),
    help="Another tracker's files: Loop's backup .db or CSV .zip, or harsh's folder.",
)
@click.option("--dry-run", is_flag=True, help="Say what would be imported; write nothing.")
@pass_session
def import_(s: Session, file: str, tracker: str | None, dry_run: bool) -> None:
    """Merge a JSON export (or, with --from, another tracker's history) into this database.

    Importing the same file twice changes nothing.
    """
    today = s.fixed_today or date.today()
    if tracker:
        from ..moving import convert

        moved = convert(tracker, file, today)
        data: object = moved.data
        notes = moved.notes
    else:
        if Path(file).is_dir():
            raise InvalidInput(f"{file} is a folder; a JSON export is a file (for harsh, use --from harsh)")
        data, notes = read_export(Path(file)), []
    # Refuse a damaged file before the store is opened: opening a new file
    # would create it, and an error must leave nothing written.
    checked = check_export(data, today)
    for note in notes:
        click.echo(f"note: {note}")
    if dry_run:
        # Only a file already here has habits whose start an import would move
        # (and a dry run must not create one).
        if os.path.lexists(s.db_path):
            for start in starts_to_move(s.store, checked):
                click.echo(start.sentence())
        click.echo(checked.summary() + " (a dry run: nothing was written)")
        return
    imported = import_data(s.store, check_export(data, s.today), s.today)
    for start in imported.starts_moved:
        click.echo(start.sentence())
    click.echo(imported.sentence())


def read_export(path: Path) -> object:
    """Parse a JSON export, bounded: its size, how deep it nests, how long its numbers are.

    Python's parser would raise RecursionError on ten thousand '[', ValueError on a
    5,000-digit number, and read 1e999 as infinity (an OverflowError later).
    """
    name = terminal_text(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise StorageError(f"cannot read {name}: {exc.strerror or exc}") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise InvalidInput(f"{name} is larger than {MAX_IMPORT_BYTES // 2**20} MB; that is not a rehab export")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{name} is not a JSON export (not UTF-8 text: {exc.reason})") from None
    if _nesting(text) > MAX_IMPORT_DEPTH:
        raise InvalidInput(f"{name} is not a JSON export (nested more than {MAX_IMPORT_DEPTH} deep)")
    try:
        return json.loads(text, parse_int=_bounded_int, parse_float=_finite_float, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{name} is not a JSON export ({exc})") from None
    except _BadNumber as exc:
        raise InvalidInput(f"{name} is not a JSON export (a number {exc})") from None


class _BadNumber(ValueError):
    pass


def _nesting(text: str) -> int:
    """How deep the brackets nest, outside strings (an upper bound for any valid JSON)."""
    # Strings may hold brackets and escaped quotes; blank them out first.
    bare = re.sub(r'"(?:[^"\\]|\\.)*"', "", text)
    steps = (1 if ch in "[{" else -1 for ch in bare if ch in "[]{}")
    return max(accumulate(steps, initial=0))


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _BadNumber(f"of {len(text)} digits is too long")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or len(text) > 64:
        raise _BadNumber(f"{text[:20]}... is out of range")
    return value


def _no_constant(text: str) -> float:
    raise _BadNumber(f"{text} is not allowed")


@click.command()
@click.argument("path", required=False, type=click.Path())
@pass_session
def backup(s: Session, path: str | None) -> None:
    """Write a consistent copy of the database (safe while the app is open).

    PATH is a new file, or a folder to write the usual name into (default:
    beside the database).
    """
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    name = f"{s.db_path.stem}-backup-{stamp}{s.db_path.suffix}"
    if path is None:
        target = s.db_path.with_name(name)
    elif Path(path).expanduser().is_dir():
        target = Path(path).expanduser() / name
    elif path.endswith(("/", os.sep)):
        # Path() drops the slash, and the backup would take the folder's name.
        raise NotFound(f"folder {path} does not exist")
    else:
        target = Path(path)
    written = s.store.backup(target)
    click.echo(f"backed up to {terminal_text(written)}")


@click.command()
@click.argument("backup_path", metavar="BACKUP", type=click.Path(exists=True, dir_okay=False))
@pass_session
def restore(s: Session, backup_path: str) -> None:
    """Put a backup back in place of the database (safe while the app is open).

    The backup is checked first, and the current database is kept beside it.
    """
    kept = s.store.restore(backup_path)
    click.echo(f"restored {terminal_text(backup_path)}; the database as it was is kept in {terminal_text(kept)}")


@click.command()
@pass_session
def check(s: Session) -> None:
    """Check the database: SQLite's integrity, and every row against the rules."""
    from ..store.health import check_database

    store = s.store
    for removed in store.removed_leftovers:
        click.echo(f"removed {terminal_text(removed.name)}, left over from an interrupted write")
    problems = check_database(store.db, store.path)
    if not problems:
        click.echo(f"{terminal_text(store.path)}: ok")
        return
    for problem in problems:
        click.echo(terminal_text(problem))
    raise Damaged(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {store.path}")
