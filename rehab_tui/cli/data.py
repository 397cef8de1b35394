"""Settings, export, import, backup."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import click

from ..domain.errors import RehabError
from ..domain.settings import HELP, check_key
from ..store.transfer import check_export, export_csv, export_data, import_data
from .output import echo_json
from .session import Session, pass_session


@click.command()
@click.argument("key", required=False)
@click.argument("value", required=False)
@pass_session
def settings(s: Session, key: str | None, value: str | None) -> None:
    """Show settings, or set KEY to VALUE."""
    if key is not None:
        check_key(key)
    if value is not None:
        stored = s.store.set_setting(key, value).values()[key]
        click.echo(f"{key} = {stored}")
        return
    values = s.store.setting_values()
    if key is not None:
        click.echo(values[key])
        return
    for name, current in values.items():
        click.echo(f"{name:<15} {current:<14} " + click.style(HELP[name], dim=True))


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to a file.")
@pass_session
def export(s: Session, fmt: str, output: str | None) -> None:
    """Export everything (a JSON export imports back to the same state)."""
    text = export_csv(s.store) if fmt == "csv" else json.dumps(export_data(s.store), ensure_ascii=False, indent=2) + "\n"
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"exported to {output}", err=True)
    else:
        click.echo(text, nl=False)


@click.command("import")
@click.argument("file", type=click.Path(exists=True))
@click.option("--from", "tracker", type=click.Choice(["loop", "harsh"]),
              help="Another tracker's files: Loop's backup .db or CSV .zip, or harsh's folder.")
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
        data, notes = moved.data, moved.notes
    else:
        if Path(file).is_dir():
            raise RehabError(f"{file} is a folder; a JSON export is a file (for harsh, use --from harsh)")
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise RehabError(f"{file} is not a JSON export ({exc})") from None
        notes = []
    # Refuse a damaged file before the store is opened: opening a new file
    # would create it, and an error must leave nothing written.
    checked = check_export(data, today)
    for note in notes:
        click.echo(f"note: {note}")
    if dry_run:
        click.echo(checked.summary() + " (a dry run: nothing was written)")
        return
    click.echo(import_data(s.store, data, s.today).sentence())


@click.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@pass_session
def backup(s: Session, path: str | None) -> None:
    """Write a consistent copy of the database (safe while the app is open)."""
    if path is None:
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
        path = str(s.db_path.with_name(f"{s.db_path.stem}-backup-{stamp}{s.db_path.suffix}"))
    written = s.store.backup(path)
    click.echo(f"backed up to {written}")

