"""`rehab sync`: two machines, one history, through a shared folder (docs/architecture.md, "Sync")."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..domain.dates import day_text, parse_iso
from ..formats.records import kind_of, slug_of
from .groups import SuggestingGroup
from .output import echo_json, say
from .session import Session, pass_session

if TYPE_CHECKING:
    from ..sync.engine import Outcome

#: How many changes a message names before it counts the rest.
NAMED = 6
#: A record's kind in words, one and many.
KIND_WORDS = {
    "setting": ("setting", "settings"),
    "habit": ("habit field", "habit fields"),
    "schedule": ("schedule", "schedules"),
    "checkin": ("check-in", "check-ins"),
    "snooze": ("snooze", "snoozes"),
    "pause": ("pause", "pauses"),
    "reading": ("pain reading", "pain readings"),
    "reminder": ("reminder", "reminders"),
}


@click.group(cls=SuggestingGroup, invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print what the sync did as JSON.")
@click.pass_context
def sync(ctx: click.Context, as_json: bool) -> None:
    """Send this machine's changes to the shared folder and merge every other machine's.

    `rehab sync init DIR` names the folder first (one a file-sync tool keeps
    in step: Syncthing, Dropbox, Nextcloud, a git repository).
    """
    if ctx.invoked_subcommand is None:
        s = ctx.find_object(Session)
        assert s is not None
        from ..sync.engine import sync as run

        _said(s, run(s.store, s.today, datetime.now(UTC)), as_json)


@sync.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--name", help="This machine's name in `sync status` (default: its host name).")
@click.option("--json", "as_json", is_flag=True, help="Print what the first sync did as JSON.")
@pass_session
def init(s: Session, folder: Path, name: str | None, as_json: bool) -> None:
    """Sync through FOLDER: give this machine a device id, back the file up,
    then merge its history with what the folder holds."""
    from ..sync.engine import init as start

    outcome, kept = start(s.store, folder, s.today, datetime.now(UTC), name)
    state = s.store.sync_state()
    assert state is not None
    if not as_json:
        say(f"syncing through {state.folder} as '{state.name}' (device {state.device}); a copy was kept at {kept}")
    _said(s, outcome, as_json)


@sync.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_session
def status(s: Session, as_json: bool) -> None:
    """The folder, this device, the other devices with the last change seen from each, and what is waiting."""
    from ..sync.folder import others

    state = s.store.sync_state()
    if state is None:
        say("this file does not sync: `rehab sync init DIR` names the shared folder")
        return
    here = s.store.sync_changes() != state.seen_changes
    present = others(state.folder, state.device) if state.folder.is_dir() else {}
    new_files = sorted(n for n, seen in present.items() if state.seen_files.get(n) != seen)
    devices = [
        {"device": d, "name": info.get("name", "?"), "last_change": info.get("synced_at")}
        for d, info in sorted(state.devices.items(), key=lambda item: item[1].get("name", ""))
        if d != state.device
    ]
    data = {
        "folder": str(state.folder),
        "folder_found": state.folder.is_dir(),
        "device": state.device,
        "name": state.name,
        "last_sync": state.synced_at,
        "devices": devices,
        "waiting": {"changes_here": here, "new_files": new_files, "held": state.held},
    }
    if as_json:
        echo_json(data)
        return
    say(f"folder: {state.folder}" + ("" if state.folder.is_dir() else "  (not there: a drive not mounted?)"))
    say(f"this device: {state.name} ({state.device}), last sync {state.synced_at or 'never'}")
    say("other devices:" if devices else "other devices: none seen yet")
    for d in devices:
        say(f"  {d['name']} ({d['device']}): last change seen {d['last_change'] or '?'}")
    waiting = []
    if here:
        waiting.append("changes made here since the last sync")
    if new_files:
        waiting.append("new in the folder: " + ", ".join(new_files))
    if state.held:
        waiting.append(f"{len(state.held)} held back (`rehab sync` names them)")
    say("waiting: " + ("; ".join(waiting) if waiting else "nothing: `rehab sync` would find nothing new"))


def _said(s: Session, outcome: Outcome, as_json: bool) -> None:
    names = {h.slug: h.name for h in s.store.habits()}
    if as_json:
        echo_json(
            {
                "nothing_new": outcome.nothing_new,
                "sent": outcome.sent,
                "received": outcome.received,
                "conflicts": outcome.conflicts,
                "held": outcome.held,
                "unreadable": outcome.unreadable,
                "newer": outcome.newer,
                "newer_devices": outcome.newer_devices,
            }
        )
        return
    if outcome.nothing_new and not outcome.held:
        say("nothing new: this machine and the folder are in step")
    # What the file holds now: a key sent or brought in that it no longer
    # holds was taken away (an undo, an unsnooze, a deleted habit), not added.
    held = _held_now(s) if outcome.sent or outcome.received else set()
    if outcome.sent:
        say(f"sent {_counted(outcome.sent)}: {_listed(outcome.sent, names, held)}")
    if outcome.received:
        say(f"brought in {_counted(outcome.received)}: {_listed(outcome.received, names, held)}")
    if not outcome.nothing_new and not outcome.sent and not outcome.received:
        say("nothing new to send or bring in")
    for c in outcome.conflicts:
        if c["key"].endswith("/updated_at"):
            continue  # when a habit was last edited: bookkeeping, not a choice anyone made
        who = "this machine's" if c["kept"] == c["mine"] else "the other machine's"
        say(
            f"changed on both machines while apart: {_words(c['key'], names)}; kept {who} "
            f"{_value(c['kept'])} over {_value(c['theirs'] if c['kept'] == c['mine'] else c['mine'])}"
        )
    for h in outcome.held[:NAMED]:
        say(f"held back (kept, not applied here): {_words(h['key'], names)}: {h['why']}")
    if len(outcome.held) > NAMED:
        # A whole history held (a habit's start later here) is thousands of lines.
        say(f"and {len(outcome.held) - NAMED} more held back (`rehab sync --json` lists them all)")
    if outcome.unreadable:
        files = ", ".join(outcome.unreadable)
        say(f"skipped {len(outcome.unreadable)} file(s) not readable yet (half-synced?): {files}")
    if outcome.newer or outcome.newer_devices:
        who = ", ".join(outcome.newer_devices) or "another machine"
        say(f"{who} runs a newer rehab: {len(outcome.newer)} record(s) this version cannot read are kept, not applied")


def _counted(keys: list[str]) -> str:
    """How many of each kind; a habit's fields and schedules count as one habit."""
    counts = Counter(kind_of(k) for k in keys if kind_of(k) not in ("habit", "schedule"))
    habits = len({slug_of(k) for k in keys if kind_of(k) in ("habit", "schedule")})
    parts = [f"{habits} habit{'' if habits == 1 else 's'}"] if habits else []
    for kind, n in sorted(counts.items()):
        one, many = KIND_WORDS.get(kind, ("record", "records"))
        parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


def _held_now(s: Session) -> set[str]:
    from ..formats.export import export_data
    from ..formats.records import records_of

    return set(records_of(export_data(s.store.contents())))


def _listed(keys: list[str], names: dict[str, str], held: set[str]) -> str:
    """The changes named, a habit's changed fields together ("Plank hip dips: cue, schedule");
    a record this file no longer holds as taken away."""
    fields: dict[str, list[str]] = {}
    entries: list[str] = []
    for key in keys:
        if kind_of(key) in ("habit", "schedule"):
            slug = slug_of(key)
            if slug not in fields:
                fields[slug] = []
                entries.append(slug)
            field = "schedule" if kind_of(key) == "schedule" else key.split("/")[2].replace("_", " ")
            if field not in fields[slug] and field != "updated at":
                fields[slug].append(field)
        else:
            entries.append(key)
    said = [
        (
            f"{names.get(e, e)}: {_fields(fields[e]) if f'habit/{e}/name' in held else 'deleted'}"
            if e in fields
            else _words(e, names) + ("" if e in held else " taken away")
        )
        for e in entries[:NAMED]
    ]
    return "; ".join(said) + (f"; and {len(entries) - NAMED} more" if len(entries) > NAMED else "")


def _fields(fields: list[str]) -> str:
    if {"name", "start", "schedule"} <= set(fields):
        return "the whole habit"
    return ", ".join(fields) or "changed"


def _words(key: str, names: dict[str, str]) -> str:
    """A record's key as a person names it: "Stick rolling: check-in 2026-11-21 (Sat)"."""
    kind = kind_of(key)
    parts = key.split("/")
    if kind == "setting":
        return f"setting {parts[1]}"
    if kind == "reading":
        return f"pain reading {_day(parts[1])}, {parts[2]}"
    slug = slug_of(key)
    who = names.get(slug, slug) if slug else "the whole day"
    if kind == "habit":
        return f"{who}: {parts[2].replace('_', ' ')}"
    if kind == "reminder":
        return f"{who}: reminder at {parts[2]}"
    return f"{who}: {KIND_WORDS.get(kind, (kind,))[0]} {_day(parts[2])}"


def _day(text: str) -> str:
    try:
        return day_text(parse_iso(text))
    except Exception:  # a newer rehab's key: shown as it is
        return text


def _value(text: str | None) -> str:
    return "(deleted)" if text is None else text
