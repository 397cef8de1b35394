"""What every command shares: the database path, the store, and which day it is."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..domain.dates import logical_today, parse_day, parse_iso
from ..domain.errors import InvalidInput, NotFound
from ..domain.lookup import find_habit
from ..store import Store, default_db_path
from .output import terminal_text

if TYPE_CHECKING:
    from ..store.refs import HabitRef


#: The commands that only read: on a read-only database they open it read-only
#: and work; every other command needs to write and is refused up front.
READING: frozenset[tuple[str, ...]] = frozenset(
    {
        ("today",),
        ("streaks",),
        ("calendar",),
        ("nag",),
        ("pauses",),
        ("export",),
        ("backup",),
        ("check",),
        ("report",),
        ("habit", "list"),
        ("habit", "show"),
        ("remind", "list"),
        ("sync", "status"),
    }
)


#: The commands that fill a new file themselves: it starts without the
#: example routine, so it holds only what they bring.
STARTS_EMPTY: frozenset[tuple[str, ...]] = frozenset({("import",), ("restore",), ("sync", "init")})


def _command_path() -> tuple[str, ...]:
    ctx = click.get_current_context(silent=True)
    return tuple(ctx.command_path.split()[1:]) if ctx is not None else ()


def starts_empty() -> bool:
    """Whether the command running now makes a new file without the example."""
    return _command_path() in STARTS_EMPTY


def reads_only() -> bool:
    """Whether the command running now is one of READING."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return False
    path = _command_path()
    # `settings` only shows unless it is given a value to set; `import --dry-run`
    # only reads; `note` without a text (or --clear) shows or lists.
    return (
        path in READING
        or (path == ("settings",) and ctx.params.get("value") is None)
        or (path == ("import",) and bool(ctx.params.get("dry_run")))
        or (path == ("note",) and ctx.params.get("text") is None and not ctx.params.get("clear"))
    )


def check_db_choice(db_path: str | None, from_variable: bool, environ: Mapping[str, str]) -> None:
    """Refuse an empty or blank --db or REHAB_DB: an unset variable in a script
    (`--db "$DB"`) must not quietly mean the default file, the user's own.
    Only a variable that is not set at all means the default."""
    if db_path is None and "REHAB_DB" in environ:
        db_path, from_variable = environ["REHAB_DB"], True  # click reads an empty variable as unset
    if db_path is not None and not db_path.strip():
        if from_variable:
            raise InvalidInput("REHAB_DB is set but empty; give it a database file, or unset it for the default one")
        raise InvalidInput("--db is empty; give a database file, or leave --db out for the default one")


class Session:
    def __init__(self, db_path: str | None, today: str | None) -> None:
        self.db_path = Path(db_path).expanduser() if db_path else default_db_path()
        #: Given with --db or REHAB_DB, so perhaps mistyped.
        self.chosen_path = bool(db_path)
        #: This run made the database file, and has not said so yet.
        self.created = False
        #: The file this run made holds the example routine.
        self.example = False
        self._today_text = today

    @cached_property
    def fixed_today(self) -> date | None:
        """The --today override, if given."""
        return parse_iso(self._today_text) if self._today_text else None

    @cached_property
    def store(self) -> Store:
        new = not os.path.lexists(self.db_path)
        if new:
            self._check_folder()
        store = Store.open(
            self.db_path, self.fixed_today or date.today(), read_only_ok=reads_only(), example=not starts_empty()
        )
        self.created = new
        self.example = store.made_with_example
        return store

    def created_note(self) -> str:
        """Said once, at the end (close) or in a failed command's one error
        line: a mistyped --db would otherwise pass for an empty routine."""
        if not self.created:
            return ""
        self.created = False
        if self.example and self.store.made_with_example:  # the app may have started it empty
            return (
                f"new database at {terminal_text(self.db_path)}, with an example routine to make your own "
                "(rehab habit list; in the app, h)"
            )
        return f"new empty database at {terminal_text(self.db_path)}"

    def _check_folder(self) -> None:
        """Refuse to make folders for a chosen path: a typo in one folder's name
        would otherwise grow a tree of them. The default data folder is made."""
        folder = self.db_path.parent
        # A path under a file is left to Store.open, which says it cannot create it.
        if self.chosen_path and not os.path.lexists(folder) and folder != default_db_path().parent:
            raise NotFound(f"folder {folder} does not exist; create it first, or check the --db path")

    @cached_property
    def today(self) -> date:
        if self.fixed_today:
            return self.fixed_today
        return logical_today(datetime.now(), self.store.settings().day_start_hour)

    def day(self, text: str | None, ahead: bool = False, nearest: bool = False) -> date:
        """The day `text` names (today if None). `ahead` for an option about the
        future, where a bare weekday or month-day is the next one; `nearest` for
        a view, where a month-day is the nearer one (docs/architecture.md, "Dates")."""
        return self.today if text is None else parse_day(text, self.today, ahead=ahead, nearest=nearest)

    @cached_property
    def all_habits(self) -> list[HabitRef]:
        """Read once: a command looks its habits up before it writes. Only
        names and slugs are read, so the commands that mend a damaged row
        can still find its habit."""
        return self.store.habit_refs()

    def habit(self, query: str, archived: bool = False) -> HabitRef:
        """Find an active habit (or, with `archived`, an archived one)."""
        pool = [h for h in self.all_habits if h.archived_on(self.today) == archived]
        if archived and not pool:
            raise NotFound("no habit is archived")
        return find_habit(pool, query)

    def close(self) -> None:
        if note := self.created_note():
            click.echo(note, err=True)
        if "store" in self.__dict__:
            for warning in self.store.warnings:
                click.echo(f"warning: {warning}", err=True)
            self.store.close()


pass_session = click.make_pass_decorator(Session)
