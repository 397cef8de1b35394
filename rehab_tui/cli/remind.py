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
from ..domain.reminders import Reminder, left_text
from ..domain.rules import check_reminder_time
from ..domain.weekdays import weekdays_in_words
from .groups import SuggestingGroup
from .output import say, terminal_text
from .params import WholeNumber
from .session import Session, pass_session


@click.group(cls=SuggestingGroup)
def remind() -> None:
    """Reminders: at a time of day, say what is left of the routine (desktop or phone)."""


def _describe(r: Reminder) -> str:
    return f"#{r.id}  {r.at}  {weekdays_in_words(r.days)}  → {r.where}"


@remind.command("add")
@click.argument("at", metavar="HH:MM")
@click.option(
    "--days", metavar="DAYS", help="Which days: mon-fri, sat,sun, mon,wed,fri, M/W/F, weekdays (default every day)."
)
@click.option(
    "--to", "target", metavar="URL", help="An apprise URL, e.g. ntfy://my-topic (default: a desktop notification)."
)
@pass_session
def add(s: Session, at: str, days: str | None, target: str | None) -> None:
    """Add a reminder at HH:MM (24-hour clock)."""
    created = s.store.add_reminder(at, days, target)
    say(f"+ reminder {_describe(created)}")
    click.echo("  it fires while `rehab remind run` runs every few minutes: `rehab remind install` sets that up")


@remind.command("list")
@pass_session
def list_reminders(s: Session) -> None:
    """List the reminders, with when each last notified and its last error."""
    found = s.store.reminders()
    if not found:
        click.echo("no reminders; add one: rehab remind add 19:30 [--days mon-fri] [--to ntfy://my-topic]")
        return
    for r in found:
        sent = f"  (last sent {r.last_sent.isoformat()})" if r.last_sent else ""
        say(_describe(r) + sent)
        if r.last_error:
            say(f"    last error ({r.last_error_at}): {r.last_error}")


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
    """Notify for each reminder whose time has come today, if the routine is
    unfinished (what a timer calls every few minutes; see `remind install`)."""
    from ..domain.checklist import checklist
    from ..notify import masked, send

    now = _now(now_text, s.fixed_today)
    store = s.store
    settings = store.settings()
    day = s.fixed_today or logical_today(now, settings.day_start_hour)
    due = [r for r in store.reminders() if r.due(day, now.time(), settings.day_start_hour)]
    if not due:
        return
    # Reading the day and recording which reminders notify for it are one
    # transaction: a check-in in another process lands before or after both.
    with store.transaction():
        listing = checklist(store.journal_for(day, day, with_streaks=False), day, day, False)
        left = [i.log.habit.name for i in listing.pending]
        if listing.rest_day or not left:
            return
        claimed = [c for r in due if (c := store.claim_reminder(r.id, day)) is not None]
    body = terminal_text(left_text(left))
    for reminder in claimed:
        where = masked(reminder.target) if reminder.target else "desktop"
        error = send(reminder.target, "rehab", body)
        store.reminder_outcome(reminder, day, error, now.isoformat(timespec="seconds"))
        if error:
            # Never a failed run: the other reminders still go, the next run tries again.
            click.echo(terminal_text(f"error: reminder #{reminder.id} ({where}) failed: {error}"), err=True)
        else:
            click.echo(terminal_text(f"reminder #{reminder.id} ({where}): {body}"))


# ------------------------------------------------------------ install


def _run_command(s: Session) -> list[str]:
    """How the timer runs `rehab remind run` on this database, with this Python."""
    return [sys.executable, "-m", "rehab_tui", "--db", str(s.db_path.absolute()), "remind", "run"]


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

    def write(self, lines: list[str]) -> None:
        text = "".join(f"{line}\n" for line in lines)
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
        for path, text in units.items():
            note = " (replacing the one there)" if path.exists() else ""
            click.echo(terminal_text(f"── {path}{note}"))
            for line in text.splitlines():
                click.echo(terminal_text(line))
        _confirm(yes, "Write these files?")
        from ..store import files

        folder.mkdir(parents=True, exist_ok=True)
        for path, text in units.items():
            files.write_file(path, text.encode("utf-8"), overwrite=True)
            click.echo(terminal_text(f"wrote {path}"))
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
    kept = timers.without_ours(crontab.read())
    line = timers.cron_line(command, every)
    click.echo(terminal_text(f"── adds to {crontab.where()} (replacing an earlier rehab line, if any):"))
    click.echo(terminal_text(line))
    _confirm(yes, "Add this line?")
    crontab.write([*kept, line])
    click.echo(terminal_text(f"added to {crontab.where()}"))


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
    unit_paths = [p for p in (folder / timers.SERVICE, folder / timers.TIMER) if look_systemd and p.exists()]
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
        click.echo(terminal_text(f"── removes {path}"))
    for line in lines:
        click.echo(terminal_text(f"── removes from {crontab.where()}: {line}"))
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
