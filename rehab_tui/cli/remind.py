"""`rehab remind ...`: reminders at a time of day (docs/architecture.md, "Reminders")."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

import click

from .. import timers
from ..domain.dates import logical_today
from ..domain.errors import RehabError
from ..domain.reminders import Reminder, reminder_says
from ..domain.rules import check_reminder_time, escaped
from ..domain.weekdays import weekdays_in_words
from .groups import SuggestingGroup
from .output import say, terminal_text
from .params import WholeNumber
from .session import Session, pass_session


@click.group(cls=SuggestingGroup)
def remind() -> None:
    """Reminders: at a time of day, say what is left of the routine, or of one habit (desktop or phone)."""


def _describe(r: Reminder, show_secrets: bool = False) -> str:
    """One reminder as a line; a URL's tokens and passwords masked (they are
    kept whole only in the database) unless its owner asks to see them."""
    what = f"  for {r.habit}" if r.habit else ""
    return f"#{r.id}  {r.at}  {weekdays_in_words(r.days)}{what}  → {_where(r, show_secrets)}"


def _where(r: Reminder, show_secrets: bool = False) -> str:
    if r.target is None or show_secrets:
        return r.where
    from ..notify import masked  # apprise, only for a reminder to a URL

    return masked(r.target)


def _without_secret(text: str, r: Reminder) -> str:
    """An error message as it may be shown: the URL in it, if any, masked."""
    return text.replace(r.target, _where(r)) if r.target else text


@remind.command("add")
@click.argument("at", metavar="HH:MM")
@click.option(
    "--days", metavar="DAYS", help="Which days: mon-fri, sat,sun, mon,wed,fri, M/W/F, weekdays (default every day)."
)
@click.option(
    "--to", "target", metavar="URL", help="An apprise URL, e.g. ntfy://my-topic (default: a desktop notification)."
)
@click.option(
    "--habit",
    "habit_name",
    metavar="HABIT",
    help="For this habit alone: it names only that habit, and only while it is due and not yet done.",
)
@pass_session
def add(s: Session, at: str, days: str | None, target: str | None, habit_name: str | None) -> None:
    """Add a reminder at HH:MM (24-hour clock), for the routine or one habit."""
    habit_id = s.habit(habit_name).id if habit_name is not None else None
    created = s.store.add_reminder(at, days, target, habit_id)
    say(f"+ reminder {_describe(created)}")
    click.echo("  it fires while `rehab remind run` runs every few minutes: `rehab remind install` sets that up")


@remind.command("list")
@click.option("--show-secrets", is_flag=True, help="Show each URL whole, tokens and passwords too.")
@pass_session
def list_reminders(s: Session, show_secrets: bool) -> None:
    """List the reminders, with when each last notified and its last error."""
    found = s.store.reminders()
    if not found:
        click.echo("no reminders; add one: rehab remind add 19:30 [--days mon-fri] [--to ntfy://my-topic]")
        return
    for r in found:
        sent = f"  (last sent {r.last_sent.isoformat()})" if r.last_sent else ""
        say(_describe(r, show_secrets) + sent)
        if r.last_error:
            error = r.last_error if show_secrets else _without_secret(r.last_error, r)
            say(f"    last error ({r.last_error_at}): {error}")


@remind.command("remove")
@click.argument("number", type=WholeNumber(1), metavar="N")
@pass_session
def remove(s: Session, number: int) -> None:
    """Remove reminder N (as `remind list` numbers them)."""
    gone = s.store.remove_reminder(number)
    say(f"- reminder {_describe(gone)} removed")


def _now(text: str | None, today: date | None) -> datetime:
    """The time `remind run` acts at: the clock, or --now / REHAB_NOW
    (HH:MM on --today or the calendar's today, or YYYY-MM-DDTHH:MM) for tests
    and trying it out."""
    if not text:
        return datetime.now()
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        pass
    at = check_reminder_time(text)
    return datetime.combine(today or date.today(), time.fromisoformat(at))


@remind.command("run")
@click.option(
    "--now",
    "now_text",
    envvar="REHAB_NOW",
    hidden=True,
    help="Act at this time (HH:MM or YYYY-MM-DDTHH:MM; env REHAB_NOW).",
)
@pass_session
def run(s: Session, now_text: str | None) -> None:
    """Notify for each reminder whose time has come today, if the routine (or,
    for a habit's reminder, that habit) is unfinished (what a timer calls
    every few minutes; see `remind install`)."""
    from ..domain.checklist import checklist
    from ..notify import send

    now = _now(now_text, s.fixed_today)
    store = s.store
    _sync_first(s)
    settings = store.settings()
    day = s.fixed_today or logical_today(now, settings.day_start_hour)
    due = [r for r in store.reminders() if r.due(day, now.time(), settings.day_start_hour)]
    if not due:
        return
    # Reading the day and recording which reminders notify for it are one
    # transaction: a check-in in another process lands before or after both.
    with store.transaction():
        listing = checklist(store.journal_for(day, day, with_streaks=False), day, day, False)
        says = {r.id: text for r in due if (text := reminder_says(r, listing)) is not None}
        claimed = [c for number in says if (c := store.claim_reminder(number, day)) is not None]
    for reminder in claimed:
        body = terminal_text(says[reminder.id])
        where = _where(reminder)
        error = send(reminder.target, "rehab", body)
        store.reminder_outcome(reminder, day, error, now.isoformat(timespec="seconds"))
        if error:
            # Never a failed run: the other reminders still go, the next run tries again.
            shown = _without_secret(error, reminder)
            click.echo(terminal_text(f"error: reminder #{reminder.id} ({where}) failed: {shown}"), err=True)
        else:
            click.echo(terminal_text(f"reminder #{reminder.id} ({where}): {body}"))


def _sync_first(s: Session) -> None:
    """A file that syncs syncs first (the timer that runs `remind run` every
    few minutes keeps it in step, and a habit done on the other machine is not
    nagged about). A failed sync is said and the reminders still go."""
    if s.store.sync_state() is None:
        return
    from datetime import UTC

    from ..sync.engine import sync

    try:
        sync(s.store, s.today, datetime.now(UTC))
    except RehabError as exc:
        click.echo(terminal_text(f"warning: sync failed, reminding from this machine's records: {exc}"), err=True)


# ------------------------------------------------------------ install


def _run_command(s: Session) -> list[str]:
    """How the timer runs `rehab remind run` on this database, with this Python
    (refused if a path in it could steer the timer: timers.check_command)."""
    command = [sys.executable, "-m", "rehab_tui", "--db", str(s.db_path.absolute()), "remind", "run"]
    names = ["Python's path", "an option", "a module", "an option", "the database path", "a command", "a command"]
    timers.check_command(command, names)
    return command


def _via(via: str, unit_dir: str | None, crontab_file: str | None) -> str:
    if via != "auto":
        return via
    if unit_dir:
        return "systemd"
    if crontab_file:
        return "cron"
    return "systemd" if timers.systemd_user_works() else "cron"


def _confirm(yes: bool, question: str) -> None:
    if yes:
        return
    try:
        agreed = click.confirm(question, default=False)
    except click.Abort:
        agreed = False
    if not agreed:
        raise RehabError("not confirmed; nothing written (--yes skips the question)")


def _systemctl(*args: str) -> str | None:
    """Run `systemctl --user ARGS`; None, or what went wrong."""
    try:
        done = subprocess.run(
            ["systemctl", "--user", *args],
            capture_output=True,
            text=True,
            timeout=timers.TOOL_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    return None if done.returncode == 0 else (" ".join(done.stderr.split()) or f"exit status {done.returncode}")


class Crontab:
    """The user's crontab through `crontab -l` / `crontab -`, or a file (tests)."""

    def __init__(self, file: str | None) -> None:
        self.file = Path(file).expanduser() if file else None

    def where(self) -> str:
        return str(self.file) if self.file else "your crontab (crontab -e)"

    def read(self) -> str:
        if self.file:
            return self.file.read_text(encoding="utf-8") if self.file.exists() else ""
        try:
            done = subprocess.run(
                ["crontab", "-l"],
                capture_output=True,
                text=True,
                timeout=timers.TOOL_TIMEOUT_S,
                stdin=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise RehabError(
                "neither `systemctl --user` nor `crontab` works here; run `rehab remind run` "
                "every few minutes from a scheduler of your own"
            ) from None
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RehabError(f"crontab -l failed: {exc}") from None
        if done.returncode != 0:
            if "no crontab" in done.stderr.lower():
                return ""
            raise RehabError(f"crontab -l failed: {' '.join(done.stderr.split())}")
        return done.stdout

    def write(self, text: str) -> None:
        if self.file:
            from ..store import files

            files.write_file(self.file, text.encode("utf-8"), overwrite=True)
            return
        try:
            done = subprocess.run(
                ["crontab", "-"], input=text, capture_output=True, text=True, timeout=timers.TOOL_TIMEOUT_S
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RehabError(f"crontab - failed: {exc}") from None
        if done.returncode != 0:
            raise RehabError(f"crontab - failed: {' '.join(done.stderr.split())}")


VIA = click.Choice(["auto", "systemd", "cron"])
UNIT_DIR_HELP = "Where the systemd units go (env REHAB_SYSTEMD_USER_DIR; default ~/.config/systemd/user)."


@remind.command("install")
@click.option("--yes", is_flag=True, help="Write without asking.")
@click.option(
    "--via",
    type=VIA,
    default="auto",
    show_default=True,
    help="A systemd user timer, or a crontab line (auto: systemd where `systemctl --user` works).",
)
@click.option(
    "--every",
    type=WholeNumber(1, 60),
    default=5,
    show_default=True,
    metavar="MINUTES",
    help="How often reminders are looked at.",
)
@click.option("--unit-dir", envvar="REHAB_SYSTEMD_USER_DIR", metavar="DIR", help=UNIT_DIR_HELP)
@click.option(
    "--crontab-file",
    envvar="REHAB_CRONTAB_FILE",
    hidden=True,
    metavar="FILE",
    help="Edit this file instead of the user's crontab (tests).",
)
@pass_session
def install(s: Session, yes: bool, via: str, every: int, unit_dir: str | None, crontab_file: str | None) -> None:
    """Run `rehab remind run` every few minutes: shows what it writes, then asks."""
    command = _run_command(s)
    if _via(via, unit_dir, crontab_file) == "systemd":
        folder = Path(unit_dir).expanduser() if unit_dir else timers.default_unit_dir()
        units = timers.unit_files(folder, command, every)
        # Shown exactly as written: a control character would show as its escape.
        for path, text in units.items():
            note = " (replacing the one there)" if path.exists() else ""
            click.echo(escaped(f"── {path}{note}"))
            for line in text.splitlines():
                click.echo(escaped(line))
        _confirm(yes, "Write these files?")
        from ..store import files

        folder.mkdir(parents=True, exist_ok=True)
        previous = {path: path.read_bytes() if path.exists() else None for path in units}
        for path, text in units.items():
            files.write_file(path, text.encode("utf-8"), overwrite=True)
        if problem := timers.verify_units(list(units)):
            for path, old in previous.items():  # put back what was there
                if old is None:
                    path.unlink(missing_ok=True)
                else:
                    files.write_file(path, old, overwrite=True)
            raise RehabError(f"systemd-analyze refused the units, so they were not kept: {problem}")
        for path in units:
            click.echo(escaped(f"wrote {path}"))
        if unit_dir:
            click.echo("not enabled (a folder of your choosing): enable the timer with systemctl yourself")
            return
        problem = _systemctl("daemon-reload") or _systemctl("enable", "--now", timers.TIMER)
        if problem:
            click.echo(
                f"warning: could not start the timer ({problem}); "
                f"try: systemctl --user daemon-reload && systemctl --user enable --now {timers.TIMER}",
                err=True,
            )
        else:
            click.echo(f"started {timers.TIMER}: `systemctl --user list-timers {timers.TIMER}` shows it")
        return
    crontab = Crontab(crontab_file)
    before = crontab.read()
    line = timers.cron_line(command, every)
    click.echo(escaped(f"── adds to {crontab.where()} (replacing an earlier rehab line, if any):"))
    click.echo(escaped(line))
    _confirm(yes, "Add this line?")
    wanted = timers.with_ours(before, line)
    crontab.write(wanted)
    if crontab.read() != wanted:
        raise RehabError(f"{crontab.where()} does not read back as written; check it with `crontab -l`")
    click.echo(escaped(f"added to {crontab.where()}"))


@remind.command("uninstall")
@click.option("--yes", is_flag=True, help="Remove without asking.")
@click.option(
    "--via", type=VIA, default="auto", show_default=True, help="Which one to remove (auto: whichever is there)."
)
@click.option("--unit-dir", envvar="REHAB_SYSTEMD_USER_DIR", metavar="DIR", help=UNIT_DIR_HELP)
@click.option("--crontab-file", envvar="REHAB_CRONTAB_FILE", hidden=True, metavar="FILE")
def uninstall(yes: bool, via: str, unit_dir: str | None, crontab_file: str | None) -> None:
    """Remove what `remind install` wrote (the reminders themselves stay)."""
    look_systemd = via == "systemd" or (via == "auto" and not crontab_file)
    look_cron = via == "cron" or (via == "auto" and not unit_dir)
    folder = Path(unit_dir).expanduser() if unit_dir else timers.default_unit_dir()
    named = [p for p in (folder / timers.SERVICE, folder / timers.TIMER) if look_systemd and p.exists()]
    unit_paths = [p for p in named if timers.unit_is_ours(p)]
    for path in set(named) - set(unit_paths):
        click.echo(escaped(f"left alone: {path} was not written by `rehab remind install`"))
    crontab = Crontab(crontab_file)
    text = ""
    if look_cron:
        try:
            text = crontab.read()
        except RehabError:
            if via == "cron":
                raise
    lines = timers.ours(text)
    if not unit_paths and not lines:
        click.echo("nothing to remove: no rehab timer or crontab line found")
        return
    for path in unit_paths:
        click.echo(escaped(f"── removes {path}"))
    for line in lines:
        click.echo(escaped(f"── removes from {crontab.where()}: {line}"))
    _confirm(yes, "Remove?")
    if unit_paths and not unit_dir:
        _systemctl("disable", "--now", timers.TIMER)
    for path in unit_paths:
        os.unlink(path)
        click.echo(terminal_text(f"removed {path}"))
    if unit_paths and not unit_dir:
        _systemctl("daemon-reload")
    if lines:
        crontab.write(timers.without_ours(text))
        click.echo(terminal_text(f"removed the line from {crontab.where()}"))
