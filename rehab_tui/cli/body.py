"""`rehab pain`: how the body feels, by area (docs/architecture.md, "Pain readings")."""

from __future__ import annotations

from datetime import timedelta

import click

from ..domain.body import area_key, areas, pain_change
from ..domain.errors import InvalidInput, NotFound
from ..domain.rules import PAIN
from ..domain.words import did_you_mean
from . import render
from .output import echo_json, say, terminal_text
from .params import WholeNumber, weeks_option
from .session import Session, pass_session


@click.command()
@click.argument("pain", type=WholeNumber(), required=False, metavar="[0-10]")
@click.option(
    "--area", metavar="AREA", help="The body area, in your words: 'left IT band' (without a number: list its readings)."
)
@click.option("--date", "when", metavar="DATE", help="The day it was felt (default today).")
@click.option("--note", help="A word on it: 'after the long run' (again on a day keeps it; --note '' clears it).")
@weeks_option(4, "How far back the list goes")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@pass_session
def pain(
    s: Session, pain: int | None, area: str | None, when: str | None, note: str | None, weeks: int, as_json: bool
) -> None:
    """Record pain 0-10 in a body area (one a day per area; again replaces it),
    or, without a number, list the readings of the last weeks (of one area with --area)."""
    if pain is None:
        if when is not None or note is not None:
            raise InvalidInput("--date and --note go with a number: rehab pain 3 --area 'left IT band' --date fri")
        _list(s, weeks, as_json, area)
        return
    if not area:
        known = areas(s.store.readings())
        hint = f"; so far: {', '.join(known)}" if known else ", e.g. --area 'left IT band'"
        raise InvalidInput(f"say where it hurts with --area{hint}")
    reading = s.store.record_pain(s.day(when), area, pain, s.today, note)
    say(
        f"• {reading.area}: {reading.pain}/{PAIN.high} on {render.day_text(reading.day)}"
        + (f" ({reading.note})" if reading.note else "")
    )


def _list(s: Session, weeks: int, as_json: bool, area: str | None) -> None:
    first = s.today - timedelta(weeks=weeks) + timedelta(days=1)
    readings = s.store.readings(since=first)
    if area is not None:
        key = _known_area(s, area)
        readings = [r for r in readings if r.key == key]
    if as_json:
        echo_json(
            [
                {"date": r.day.isoformat(), "area": r.area, "pain": r.pain, "note": r.note, "snooze": r.from_snooze}
                for r in readings
            ]
        )
        return
    if not readings:
        which = f"for {terminal_text(area)} " if area is not None else ""
        example = terminal_text(area) if area is not None else "left IT band"
        click.echo(
            f"no pain readings {which}in the last {weeks} weeks; record one with: rehab pain 3 --area '{example}'"
        )
        return
    for name in areas(readings):
        change = pain_change(readings, name, first, s.today)
        head = f"{terminal_text(name)}: {change.before:.1f} → {change.after:.1f}" if change else terminal_text(name)
        click.echo(click.style(head, bold=True))
        for r in readings:
            if r.key == area_key(name) and r.pain is not None:
                note = f"  {terminal_text(r.note)}" if r.note else ""
                click.echo(f"  {render.day_text(r.day)}  {r.pain:>2}/{PAIN.high}{note}")


def _known_area(s: Session, area: str) -> str:
    """The key of an area rated before (as area_key matches: case and spacing
    aside), or a refusal that suggests the nearest ones: a typo lists nothing."""
    key = area_key(area)
    known = areas(s.store.readings())
    if key not in {area_key(a) for a in known}:
        hint = did_you_mean(key, {area_key(a): a for a in known}) or (
            f"areas so far: {', '.join(known)}" if known else "none recorded yet"
        )
        raise NotFound(f"no pain readings for '{area}' ({hint})")
    return key
