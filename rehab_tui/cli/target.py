"""A file the user names with -o (an export, a report): never the database, a
folder, anything but a plain file, or without --force a file already there;
written whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import click

from ..domain.errors import AlreadyExists, InvalidInput
from ..store import files
from .output import terminal_text
from .session import Session

#: The option that lets -o replace a file.
force_option = click.option("--force", is_flag=True, help="Replace the file given with -o if it exists.")


def check_target(s: Session, output: str, force: bool) -> None:
    """Refuse to write over the database (by any path) or, without --force, any file.

    Called before the database is opened (or created): an error writes nothing.
    """
    if not output.strip():
        raise InvalidInput("-o needs a file name")
    target = Path(output).expanduser()
    if files.is_database_file(target, s.db_path):
        raise InvalidInput(f"{output} is the database or one of its own files; write elsewhere")
    if target.is_dir():
        raise InvalidInput(f"{output} is a folder; give a file name")
    if os.path.lexists(target):
        if not force:
            raise AlreadyExists(f"{output} already exists; add --force to replace it")
        if not stat.S_ISREG(os.lstat(target).st_mode):
            # --force swaps in a new file under the name: a link would lose its
            # target, a device or a pipe would become a plain file.
            raise InvalidInput(f"{output} is not a plain file (a link, a device or a pipe); name the file itself")


def write_target(output: str, text: str, force: bool, what: str) -> None:
    """Write `text` to the file, 0600, made whole beside it and then renamed (a
    kill or a full disk leaves the old file as it was), and say so on stderr."""
    files.write_file(Path(output).expanduser(), text.encode("utf-8"), overwrite=force)
    click.echo(f"{what} {terminal_text(output)}", err=True)
