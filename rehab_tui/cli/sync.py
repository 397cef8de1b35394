"""`rehab sync`: two machines, one history, through a shared folder (docs/architecture.md, "Sync")."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..sync import said
from .groups import SuggestingGroup
from .output import echo_json, say
from .session import Session, pass_session

if TYPE_CHECKING:
    from ..sync.engine import Outcome


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
    names = outcome.names | {h.slug: h.name for h in s.store.habits()}
    if as_json:
        echo_json(
            {
                "nothing_new": outcome.nothing_new,
                "sent": outcome.sent,
                "received": outcome.received,
                "taken": outcome.taken,
                "gone": outcome.gone,
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
    if outcome.sent:
        say(f"sent {said.counted(outcome.sent)}: {said.listed(outcome.sent, names, set(outcome.taken))}")
    if outcome.received:
        say(f"brought in {said.counted(outcome.received)}: {said.listed(outcome.received, names, set(outcome.gone))}")
    if not outcome.nothing_new and not outcome.sent and not outcome.received:
        say("nothing new to send or bring in")
    for c in outcome.conflicts:
        if c["key"].endswith("/updated_at"):
            continue  # when a habit was last edited: bookkeeping, not a choice anyone made
        who = "this machine's" if c["kept"] == c["mine"] else "the other machine's"
        say(
            f"changed on both machines while apart: {said.words(c['key'], names)}; kept {who} "
            f"{said.value(c['kept'])} over {said.value(c['theirs'] if c['kept'] == c['mine'] else c['mine'])}"
        )
    for h in outcome.held[: said.NAMED]:
        say(f"held back (kept, not applied here): {said.words(h['key'], names)}: {h['why']}")
    if len(outcome.held) > said.NAMED:
        # A whole history held (a habit's start later here) is thousands of lines.
        say(f"and {len(outcome.held) - said.NAMED} more held back (`rehab sync --json` lists them all)")
    if outcome.unreadable:
        files = ", ".join(outcome.unreadable)
        say(f"skipped {len(outcome.unreadable)} file(s) not readable yet (half-synced?): {files}")
    if outcome.newer or outcome.newer_devices:
        who = ", ".join(outcome.newer_devices) or "another machine"
        say(f"{who} runs a newer rehab: {len(outcome.newer)} record(s) this version cannot read are kept, not applied")
