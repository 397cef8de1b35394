"""One sync: this machine's changes into the document, every other machine's
merged in, the result written to this file through the gate, and this
device's file written to the folder (docs/architecture.md, "Sync").

The document is pycrdt's (Yjs): one map of records, key -> canonical JSON
text, and one map of devices. Yjs merges updates in any order, any number of
times, to the same state; two machines that set one key while apart end
with the same value, chosen by Yjs (the higher client id's write wins)."""

from __future__ import annotations

import json
import secrets
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.dates import iso
from ..domain.errors import InvalidInput, NotFound
from ..domain.rules import DEVICE_NAME
from ..formats.export import export_data
from ..formats.records import KINDS, kind_of, records_of, slug_of
from ..store.dbfile import keep_path
from ..store.failures import storage_error
from .folder import others, own_file, write_own

if TYPE_CHECKING:
    from pycrdt import Doc

    from ..store import Store
    from ..store.synced import SyncState

#: The document's own format: a device that writes a higher one runs a newer
#: rehab, whose records of kinds this one does not know are kept, not applied.
FORMAT = 1


@dataclass
class Outcome:
    """What a sync did, for `rehab sync` to say and the app to show."""

    #: Keys this machine sent, and keys another machine's changes set or took away here.
    sent: list[str] = field(default_factory=list)
    received: list[str] = field(default_factory=list)
    #: Of the sent, those taken away here since the last sync (an undo, an
    #: unsnooze, a deleted habit); of the received, those this sync took away.
    taken: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    #: The names of habits taken away, by slug (the file no longer holds them).
    names: dict[str, str] = field(default_factory=dict)
    #: Keys both sides changed while apart: [{key, kept, lost}] (values as JSON text).
    conflicts: list[dict] = field(default_factory=list)
    held: list[dict] = field(default_factory=list)
    #: Files in the folder that could not be read (half-synced or damaged).
    unreadable: list[str] = field(default_factory=list)
    #: Keys of kinds a newer rehab wrote, kept in the document.
    newer: list[str] = field(default_factory=list)
    #: Devices that write a newer format than this one.
    newer_devices: list[str] = field(default_factory=list)
    nothing_new: bool = False


def init(store: Store, folder: Path, today: date, now: datetime, name: str | None = None) -> tuple[Outcome, Path]:
    """Name the folder and give this machine its device id (kept if it has
    one), after a backup of the file; then the first sync, which merges this
    machine's history with what the folder holds."""
    # Everything checked before anything is made: a refused init leaves no folder behind.
    name = DEVICE_NAME.clean(name or socket.gethostname()[: DEVICE_NAME.cap] or "this machine", required=True)
    folder = Path(folder).expanduser().absolute()
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_error(exc, folder) from exc
    kept = store.backup(keep_path(store.path, "sync-init")) if store.path else Path()
    state = store.sync_state()
    # A client id of 31 bits: Yjs keeps them below 2**53, and 0 is nobody's.
    store.start_sync(folder, state.device if state else secrets.token_hex(6), name, secrets.randbits(31) or 1)
    return sync(store, today, now), kept


def sync(store: Store, today: date, now: datetime) -> Outcome:
    state = store.sync_state()
    if state is None:
        raise NotFound("this file does not sync yet: `rehab sync init DIR` names the shared folder")
    if not state.folder.is_dir():
        raise NotFound(f"the sync folder {state.folder} is not there (a drive not mounted?); nothing was synced")
    seen = others(state.folder, state.device)
    quiet = (
        state.doc is not None
        and seen == state.seen_files
        and store.sync_changes() == state.seen_changes
        and (not state.held or state.held_day == iso(today))
    )
    if quiet:
        if state.unwritten or not own_file(state.folder, state.device).exists():
            _write_own(store, state, state.doc, seen)  # type: ignore[arg-type]
        return Outcome(held=state.held, nothing_new=True)
    return _merge(store, state, seen, today, now)


def _merge(store: Store, state: SyncState, seen: dict[str, list[int]], today: date, now: datetime) -> Outcome:
    from pycrdt import Map

    from .apply import apply_records

    out = Outcome()
    doc = _doc(state)
    try:
        # This device's own file first: after a restore of an older backup it
        # holds more of this client id's writes than the file's document, and
        # a write made after fewer of them would reuse their numbers.
        doc.apply_update(own_file(state.folder, state.device).read_bytes())
    except (OSError, ValueError):
        pass  # not there yet, or half-written by a kill: the document in the file is whole
    records = doc.get("records", type=Map)
    devices = doc.get("devices", type=Map)
    with store.transaction():
        base = store.sync_base()
        current = records_of(export_data(store.contents()))
        here = _texts(current)
        sent = {k: v for k, v in here.items() if base.get(k) != v}
        taken = [k for k in base if k not in here]
        out.sent = sorted([*sent, *taken])
        with doc.transaction():
            for key, text in sent.items():
                records[key] = text
            for key in taken:
                if key in records:
                    del records[key]
            devices[state.device] = json.dumps(
                {"name": state.name, "format": FORMAT, "synced_at": now.isoformat(timespec="seconds")}
            )
        updates = _read_updates(doc, state.folder, seen, out)
        # The others' records alone, read once for both uses below.
        theirs = _theirs(state, updates) if updates and (not base or out.sent) else {}
        if not base and updates:
            _earliest_starts(theirs, sent, doc)
        merged: dict[str, str] = dict(records.items())
        if out.sent and updates:
            out.conflicts = _conflicts(theirs, sent, taken, base, merged)
        out.newer = sorted(k for k in merged if kind_of(k) not in KINDS)
        target = {k: json.loads(v) for k, v in merged.items() if kind_of(k) in KINDS}
        out.held, settled = apply_records(store, current, target, today)
        after = _texts(records_of(export_data(store.contents())))
        # What this file holds otherwise than before: a held change is not in it.
        out.received = sorted(k for k in set(after) | set(here) if after.get(k) != here.get(k))
        # A field put otherwise than the records have it (a name that tells
        # two habits apart) goes into the document now: every machine puts the
        # same value, so it is settled here, not sent as a change later.
        given = {k: t for k, t in _texts(settled).items() if after.get(k) == t and merged.get(k) != t}
        if given:
            with doc.transaction():
                for key, text in given.items():
                    records[key] = text
            out.sent = sorted({*out.sent, *given})
        out.taken = sorted(taken)
        out.gone = sorted(k for k in out.received if k not in after)
        # A habit gone from this file is still named by its name, not its slug.
        out.names = {
            slug_of(k): json.loads(here.get(k) or base[k])
            for k in {*out.taken, *out.gone}
            if kind_of(k) == "habit" and k.endswith("/name")
        }
        base_changes: dict[str, str | None] = {k: v for k, v in after.items() if base.get(k) != v}
        base_changes |= {k: None for k in base if k not in after}
        known = {k: json.loads(v) for k, v in devices.items()}
        out.newer_devices = sorted(d["name"] for d in known.values() if d.get("format", 0) > FORMAT)
        update = doc.get_update()
        store.save_sync(update, base_changes, seen, out.held, today, known, now.isoformat(timespec="seconds"))
    _write_own(store, state, update, seen)
    return out


def _doc(state: SyncState) -> Doc:
    from pycrdt import Doc

    doc: Doc = Doc(client_id=state.client)
    if state.doc:
        doc.apply_update(state.doc)
    return doc


def _texts(records: Mapping[str, Any]) -> dict[str, str]:
    """Each record as the canonical JSON text the document holds (one value, one text)."""
    return {k: json.dumps(v, sort_keys=True, ensure_ascii=False, separators=(",", ":")) for k, v in records.items()}


def _read_updates(doc: Doc, folder: Path, seen: Mapping[str, list[int]], out: Outcome) -> list[bytes]:
    """Merge every other device's file that reads as an update; those merged.
    A half-synced or damaged one is named and skipped (the engine decodes an
    update whole before it changes the document): a later sync reads it whole."""
    updates = []
    for name in seen:
        try:
            data = (folder / name).read_bytes()
            doc.apply_update(data)
        except (OSError, ValueError):
            out.unreadable.append(name)
            continue
        updates.append(data)
    return updates


def _theirs(state: SyncState, updates: list[bytes]) -> dict[str, str]:
    """The last sync's records with only the other machines' changes merged in."""
    from pycrdt import Map

    doc = _doc(state)
    for update in updates:
        doc.apply_update(update)
    return dict(doc.get("records", type=Map).items())


def _earliest_starts(theirs: Mapping[str, str], sent: Mapping[str, str], doc: Doc) -> None:
    """A machine's first sync joins two histories: a habit both hold starts on
    the earlier of its two starts, as an import's merge has it, whichever
    write the engine favours; else the other's check-ins before the later
    start would be held. Set after the merge, so the write wins everywhere."""
    from pycrdt import Map

    records = doc.get("records", type=Map)
    starts = {
        k: min(v, theirs[k]) for k, v in sent.items() if kind_of(k) == "habit" and k.endswith("/start") and k in theirs
    }
    with doc.transaction():
        for key, start in starts.items():
            if records.get(key) != start:
                records[key] = start


def _conflicts(
    theirs: Mapping[str, str],
    sent: Mapping[str, str],
    taken: list[str],
    base: Mapping[str, str],
    merged: Mapping[str, str],
) -> list[dict]:
    """Keys this machine changed that another machine also changed while
    apart, to another value: what each wanted and what the engine kept."""
    found = []
    for key in sorted([*sent, *taken]):
        mine = sent.get(key)
        if theirs.get(key) != base.get(key) and theirs.get(key) != mine:
            found.append({"key": key, "mine": mine, "theirs": theirs.get(key), "kept": merged.get(key)})
    return found


def _write_own(store: Store, state: SyncState, update: bytes, seen: dict[str, list[int]]) -> None:
    """This device's file, then the note that it is written (a kill between
    the two leaves the note unwritten: the next sync writes the file again)."""
    write_own(state.folder, state.device, update)
    store.sync_written(seen)
