"""This machine's side of `rehab sync` (docs/architecture.md, "Sync"): where
it syncs, what the last sync saw and left, and the few exact writes a change
from another machine needs that no typed command makes (a pause put back as it
was, not merged; a reading or a setting taken away)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain.body import area_key
from ..domain.dates import iso
from ..domain.errors import NotFound
from ..domain.model import Pause
from ..domain.rules import check_pause
from .pauses import Pauses


@dataclass(frozen=True)
class SyncState:
    """The sync row: this device, its folder, and what the last sync saw."""

    folder: Path
    device: str
    name: str
    #: The CRDT engine's client id for this device, kept (a new one each run
    #: would grow every document's state vector by one entry a sync).
    client: int
    #: The document as merged at the last sync (None before the first).
    doc: bytes | None
    #: The change count (table sync_changes) the last sync left.
    seen_changes: int
    #: Each other device's file as the last sync read it: name -> [mtime_ns, size].
    seen_files: dict[str, list[int]] = field(default_factory=dict)
    #: Records the last sync kept but could not apply here: [{key, why}].
    held: list[dict] = field(default_factory=list)
    held_day: str | None = None
    #: Every device the document names: id -> {name, format, synced_at}.
    devices: dict[str, dict] = field(default_factory=dict)
    #: The last sync committed but had not yet written this device's file.
    unwritten: bool = False
    synced_at: str | None = None


class Synced(Pauses):
    def sync_state(self) -> SyncState | None:
        """How this file syncs, or None when it does not."""
        if "sync" not in self.db.table_names():
            return None
        rows = list(self.db.table("sync").rows_where("id = 1"))
        if not rows:
            return None
        r = rows[0]
        return SyncState(
            Path(r["folder"]),
            r["device"],
            r["name"],
            r["client"],
            r["doc"],
            r["seen_changes"] or 0,
            json.loads(r["seen_files"] or "{}"),
            json.loads(r["held"] or "[]"),
            r["held_day"],
            json.loads(r["devices"] or "{}"),
            bool(r["unwritten"]),
            r["synced_at"],
        )

    def sync_changes(self) -> int:
        """The count every write to a synced table moves."""
        return self.db.execute("SELECT n FROM sync_changes WHERE id = 1").fetchone()[0]

    def start_sync(self, folder: Path, device: str, name: str, client: int) -> SyncState:
        """Name the folder (a second call moves it; the device and the document stay)."""
        with self._write(nag=False) as db:
            held = self.sync_state()
            if held is None:
                db.table("sync").insert(
                    {"id": 1, "folder": str(folder), "device": device, "name": name, "client": client}
                )
            else:
                db.table("sync").update(1, {"folder": str(folder), "name": name, "seen_files": None})
            state = self.sync_state()
            assert state is not None
            return state

    def sync_base(self) -> dict[str, str]:
        """The records as the last sync left this file: key -> JSON text."""
        return {r["key"]: r["value"] for r in self.db.table("sync_base").rows}

    def save_sync(
        self,
        doc: bytes,
        base: Mapping[str, str | None],
        seen_files: dict[str, list[int]],
        held: list[dict],
        today: date,
        devices: dict[str, dict],
        synced_at: str,
    ) -> None:
        """What a sync leaves, in the caller's transaction: the document, the
        base's changed keys (None: gone), and the change count as it now stands."""
        with self._write(nag=False) as db:
            gone = [k for k, v in base.items() if v is None]
            for start in range(0, len(gone), 500):
                chunk = gone[start : start + 500]
                db.execute(f"DELETE FROM sync_base WHERE key IN ({', '.join('?' * len(chunk))})", chunk)
            db.table("sync_base").upsert_all(
                ({"key": k, "value": v} for k, v in base.items() if v is not None), pk="key", batch_size=5000
            )
            db.table("sync").update(
                1,
                {
                    "doc": doc,
                    "seen_changes": self.sync_changes(),
                    "seen_files": json.dumps(seen_files),
                    "held": json.dumps(held),
                    "held_day": iso(today),
                    "devices": json.dumps(devices),
                    "unwritten": 1,
                    "synced_at": synced_at,
                },
            )

    def sync_written(self, seen_files: dict[str, list[int]]) -> None:
        """This device's file is written: nothing is owed to the folder."""
        with self._write(nag=False) as db:
            db.table("sync").update(1, {"unwritten": 0, "seen_files": json.dumps(seen_files)})

    # ------------------------------------------------ exact writes for a sync

    def put_pause(self, habit_id: int, pause: Pause) -> None:
        """A pause exactly as another machine holds it (its start is its key):
        not merged with the pauses it shares days with, as `bring_pause` does,
        so both machines hold the same rows."""
        pause = check_pause(pause)
        with self._write() as db:
            self._habit_row(habit_id)
            db.table("pauses").delete_where("habit_id = ? AND start = ?", [habit_id, iso(pause.start)])
            db.table("pauses").insert(
                {"habit_id": habit_id, "start": iso(pause.start), "until": iso(pause.until), "reason": pause.reason}
            )

    def drop_pause(self, habit_id: int, start: date) -> None:
        with self._write() as db:
            db.table("pauses").delete_where("habit_id = ? AND start = ?", [habit_id, iso(start)])

    def forget_reading(self, day: date, area: str) -> None:
        """Take a day's reading of an area away (another machine no longer holds it)."""
        with self._write() as db:
            db.table("readings").delete_where("day = ? AND area_key = ?", [iso(day), area_key(area)])

    def unset_setting(self, key: str) -> None:
        """Back to the default: the stored value goes."""
        with self._write() as db:
            if not db.table("settings").count_where("key = ?", [key]):
                raise NotFound(f"no setting {key} is stored")
            db.table("settings").delete(key)
