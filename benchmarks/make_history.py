"""Write a made-up rehab history to a new database file, for the benchmarks.

    python benchmarks/make_history.py --db /tmp/ten.db --habits 12 --years 10 --today 2026-11-21

The history ends on --today and starts --years calendar years before it (leap
days included), so 10 years is 3,652 or 3,653 days. It goes through
rehab_tui.history.synthesize, in one transaction.
"""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import click
from dateutil.relativedelta import relativedelta

from rehab_tui.history import EXTRA_HABITS

MAX_HABITS = 5 + len(EXTRA_HABITS)  # the default routine, then the extra ones


def history_days(today: date, years: int) -> int:
    """Days from the same date `years` years back (exclusive) through today."""
    return (today - (today - relativedelta(years=years))).days


def make_history(path: str | os.PathLike, today: date, years: int, habits: int, seed: int = 7):
    """Synthesize a history of `years` years; returns the open Store."""
    from rehab_tui.history import synthesize

    return synthesize(Path(path), today, days=history_days(today, years), habits=habits, seed=seed)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The new database file (must not exist yet).",
)
@click.option(
    "--habits",
    type=click.IntRange(5, MAX_HABITS),
    default=12,
    show_default=True,
    help=f"Habits: the 5 of the default routine, then extra ones (at most {MAX_HABITS}).",
)
@click.option("--years", type=click.IntRange(min=1), required=True, help="Years of history.")
@click.option("--today", "today_text", required=True, metavar="YYYY-MM-DD", help="The last day of the history.")
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed (same seed, same history).")
def main(db_path: Path, habits: int, years: int, today_text: str, seed: int) -> None:
    """Write a synthesized history of HABITS habits over YEARS years to a new --db file."""
    try:
        today = date.fromisoformat(today_text)
    except ValueError:
        raise click.BadParameter(f"'{today_text}' is not a YYYY-MM-DD date", param_hint="--today") from None
    if os.path.lexists(db_path):
        raise click.UsageError(f"{db_path} already exists: choose a new path (this script never overwrites)")
    if not db_path.parent.is_dir():
        raise click.UsageError(f"folder {db_path.parent} does not exist")
    started = time.perf_counter()
    store = make_history(db_path, today, years, habits, seed)
    try:
        checkins = store.db.execute("SELECT count(*) FROM checkins").fetchone()[0]
    finally:
        store.close()
    days = history_days(today, years)
    click.echo(
        f"{db_path}: {habits} habits, {days} days ({years} years to {today.isoformat()}), "
        f"{checkins} check-ins in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
