"""The `rehab` command: global options, one error line on failure, and the subcommands."""

from __future__ import annotations

import importlib
import os
import sys
from datetime import date
from typing import NoReturn

import click

from .. import __version__, collector
from ..domain.errors import RehabError
from ..store.failures import storage_error
from .groups import SuggestingGroup
from .session import Session, check_db_choice

#: Each command and the module (in this package) that defines it. A module is
#: imported when one of its commands runs or --help lists them, so the app and
#: `rehab today` do not load export, import and the habit editor.
COMMANDS: dict[str, tuple[str, str]] = {
    **{name: ("days", name) for name in ("today", "snooze", "unsnooze", "streaks", "calendar", "nag")},
    **{name: ("checkins", name) for name in ("done", "undo")},
    **{name: ("pauses", name) for name in ("pause", "pauses", "resume", "unpause")},
    "note": ("notes", "note"),
    "habit": ("habits", "habit"),
    "remind": ("remind", "remind"),
    **{
        name: ("data", attribute)
        for name, attribute in (
            ("settings", "settings"),
            ("export", "export"),
            ("import", "import_"),
            ("backup", "backup"),
            ("restore", "restore"),
            ("check", "check"),
        )
    },
    "serve": ("serve", "serve"),
    "pain": ("body", "pain"),
    "report": ("report", "report"),
    "sync": ("sync", "sync"),
}


class RehabGroup(SuggestingGroup):
    """Turns every failure a user can cause into one `error:` line and exit status 1,
    and loads a command's module only when it is needed (see COMMANDS)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute = COMMANDS[cmd_name]
        return getattr(importlib.import_module(f".{module}", __package__), attribute)

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra
    ) -> click.Context:
        # The group's own options (`rehab --bogus`) are parsed here, before invoke.
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            usage_fail(exc)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            # An unknown command, a subcommand's bad option or argument.
            usage_fail(exc)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except RehabError as exc:
            fail(str(exc), session=ctx.obj)
        except OSError as exc:
            # A file the command reads or writes itself (the store words its own failures).
            fail(str(storage_error(exc)), session=ctx.obj)
        except OverflowError:
            # Date arithmetic past year 1 or 9999 after a date typed near either end
            # (--today 9999-12-31, snooze --date 0001-01-01): bad input, not a crash.
            fail("that date is too near the ends of the calendar (years 1 and 9999) to work with", session=ctx.obj)


def fail(message: str, status: int = 1, session: object = None) -> NoReturn:
    # A database this run made is still said, inside the one error line.
    if isinstance(session, Session) and (note := session.created_note()):
        message += f" ({note})"
    # What the user typed may hold line breaks; the error stays one line.
    click.echo("error: " + " ".join(message.splitlines()), err=True)
    sys.exit(status)


def usage_fail(exc: click.UsageError) -> NoReturn:
    """Click's usage error as our one `error:` line, with exit status 2 as click
    gives it (click itself would print the usage and a help hint around it)."""
    where = exc.ctx.command_path if exc.ctx else "rehab"
    fail(f"{exc.format_message().rstrip('.')} (see '{where} --help')", status=2)


@click.group(cls=RehabGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    envvar="REHAB_DB",
    metavar="PATH",
    help="The database file (env REHAB_DB; default: your user data folder).",
)
@click.option(
    "--today",
    "today",
    envvar="REHAB_TODAY",
    metavar="YYYY-MM-DD",
    help="Act as if today were this date (env REHAB_TODAY).",
)
@click.option("--demo", is_flag=True, help="Open the app on a demo database with ten weeks of history.")
@click.version_option(__version__, prog_name="rehab")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None, today: str | None, demo: bool) -> None:
    """Keep a daily mobility and rehab routine alive.

    Run without a command to open the app on today's checklist.
    """
    from_variable = ctx.get_parameter_source("db_path") is click.core.ParameterSource.ENVIRONMENT
    check_db_choice(db_path, from_variable, os.environ)
    state = Session(db_path, today)
    ctx.obj = state
    ctx.call_on_close(state.close)
    if ctx.invoked_subcommand is not None:
        if demo:
            raise click.UsageError("--demo opens the app; it does not go with a command")
        # Click has imported the command's module by now (the app releases
        # the collector itself, after its first frame).
        collector.release()
    else:
        from ..tui.launch import launch

        if demo:
            from ..history import demo_store

            day = state.fixed_today or date.today()
            with demo_store(day) as store:
                launch(store, day, "demo (a throwaway copy)", demo=True)
        else:
            launch(state.store, state.fixed_today, str(state.db_path))


def main() -> None:
    # A name the terminal's encoding cannot show becomes "?" instead of a crash
    # (UnicodeEncodeError) after the command has already written its change.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    cli(prog_name="rehab")
