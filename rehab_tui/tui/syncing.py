"""The app's side of `rehab sync` (docs/architecture.md, "Sync"): once this file
syncs (`rehab sync init`), the app syncs when it opens, shortly after each
change made in it, and every few minutes while open, so the other machine's
changes come in without a command.

A part of RehabApp (it inherits this class). A sync runs in a thread on its
own connection: the app stays responsive, and what the sync writes reaches
the screen the way another process's writes do (the data_version poll). When
a sync brought something in, one quiet line says so; a failed sync says why
once and the app goes on.
"""

from __future__ import annotations

from datetime import UTC, datetime

from textual.worker import get_current_worker

from ..domain.errors import RehabError
from .app_base import AppBase

#: How long after a change the app waits before it syncs (changes in a row go together).
AFTER_A_CHANGE_S = 2.0
#: How often an open app looks for the other machines' changes.
EVERY_S = 300.0


class Syncing(AppBase):
    #: Whether this file syncs (read at mount; `rehab sync init` while the app is open counts from the next start).
    syncs: bool = False
    #: The change count the last sync left: a change made since is sent shortly.
    _sync_count: int = -1
    _sync_failed: str = ""

    def start_syncing(self) -> None:
        try:
            self.syncs = self.store.path is not None and self.store.sync_state() is not None
        except RehabError:
            self.syncs = False
        if not self.syncs:
            return
        self._sync_count = self.store.sync_changes()
        self.sync_now()
        self.set_interval(EVERY_S, self.sync_now)

    def sync_after_changes(self) -> None:
        """Called by the poll: a change made here since the last sync is sent shortly."""
        if not self.syncs:
            return
        count = self.attempt(self.store.sync_changes)
        if count is not None and count != self._sync_count:
            self._sync_count = count
            self.set_timer(AFTER_A_CHANGE_S, self.sync_now)

    def sync_now(self) -> None:
        self.run_worker(self._sync, thread=True, exclusive=True, group="sync", exit_on_error=False)

    def _sync(self) -> None:
        # Loaded here, off the start-up path (the export's modules come with them).
        from ..store import Store
        from ..sync.engine import sync
        from ..sync.said import counted

        assert self.store.path is not None
        try:
            store = Store.open(self.store.path, self.today, example=False)
            try:
                outcome = sync(store, self.today, datetime.now(UTC))
                count = store.sync_changes()
            finally:
                store.close()
        except RehabError as exc:
            if not get_current_worker().is_cancelled:
                self.call_from_thread(self._sync_failed_with, str(exc))
            return
        self.call_from_thread(self._synced, counted(outcome.received), len(outcome.held), count)

    def _synced(self, received: str, held: int, count: int) -> None:
        self._sync_failed = ""
        self._sync_count = count  # what the sync itself wrote is not a change to send
        if received:
            kept = f" ({held} kept back: `rehab sync` says why)" if held else ""
            self.notify(f"Sync brought in {received}{kept}.", timeout=4, markup=False)

    def _sync_failed_with(self, why: str) -> None:
        if why != self._sync_failed:  # said once, not every five minutes
            self._sync_failed = why
            self.notify(f"Sync failed: {why}", severity="warning", markup=False)
