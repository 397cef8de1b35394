"""Starting the app from the command line (the only door into Textual)."""

from __future__ import annotations

import click


def launch(session, demo: bool = False) -> None:
    click.echo("The TUI is not built yet; try `rehab today`.")
