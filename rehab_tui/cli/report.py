"""`rehab report`: the report to bring to the physio (docs/formats.md, "The report")."""

from __future__ import annotations

import click

from ..domain.report import build_report
from ..report import ReportFormat, render
from ..report.sections import period_label
from .output import terminal_text
from .params import weeks_option
from .session import Session, pass_session
from .target import check_target, force_option, write_target


@click.command()
@weeks_option(6, "How many weeks, the last ending today")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in ReportFormat]),
    help="html (one file with charts, for a browser or to print) or md (Markdown, no charts). "
    "Default: md on the terminal or into a .md file, html into any other file.",
)
@force_option
@pass_session
def report(s: Session, weeks: int, output: str | None, fmt: str | None, force: bool) -> None:
    """Write a report for the physio: adherence by week and habit, pain by area,
    snoozes and pauses with their reasons, prescriptions and notes.

    Without -o it is printed (`rehab report --format html > report.html`).
    """
    if output is not None:
        check_target(s, output, force)
    chosen = ReportFormat(fmt) if fmt else ReportFormat.for_output(output)
    store = s.store
    journal = store.journal()
    data = build_report(
        journal,
        store.readings(),
        store.snoozes(),
        {log.habit.id: log.notes for log in journal.logs},
        s.today,
        weeks,
    )
    text = render(data, chosen)
    if output:
        write_target(output, text, force, f"report of {period_label(data)} written to")
    else:
        # A name or note from a hand-edited file may hold escape sequences.
        click.echo("\n".join(map(terminal_text, text.split("\n"))), nl=False)
