"""The nag table: what `rehab nag` says for each day around today, refilled by
the gate in every write so the prompt's fast path (rehab_tui/nagline.py) can
read it with the standard library."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from ..domain.checklist import checklist
from ..domain.dates import iso
from ..domain.errors import RehabError
from ..domain.settings import Settings
from ..nagline import STAMP as NAG_STAMP
from ..nagline import names_text
from .gate import BUSY_TIMEOUT_S
from .reads import Reads


class NagTable(Reads):
    #: The nag table holds the day before `today` (a day may start after
    #: midnight) through a week after it, for the real date and for the day
    #: the store was opened for (or last refreshed for).
    NAG_DAYS = range(-1, 8)

    def _nag_days(self) -> list[date]:
        return sorted({centre + timedelta(days=k) for centre in {date.today(), self.nag_centre} for k in self.NAG_DAYS})

    def _keep_nag(self) -> None:
        """Refill the nag table from the data as it stands in this transaction:
        for each day, what `rehab nag` says if that day is today. What cannot be
        computed cleanly (a damaged row, a bad setting) leaves it empty, and the
        nag goes the full way, which says what is wrong."""
        db = self.db
        if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'nag'").fetchone():
            return
        rows = []
        try:
            days = self._nag_days()
            if not Settings.read(self.stored_settings())[1]:
                journal = self.journal(since=days[0] - timedelta(days=7))
                for day in days:
                    listing = checklist(journal, day, day, with_streaks=False)
                    names = names_text([i.log.habit.name for i in listing.pending])
                    rows.append(
                        (
                            iso(day),
                            len(listing.pending),
                            listing.total,
                            listing.done,
                            names,
                            int(listing.rest_day),
                            NAG_STAMP,
                        )
                    )
        except (RehabError, ValueError, OverflowError, TypeError, sqlite3.DatabaseError):
            rows = []
        db.execute("DELETE FROM nag")
        db.conn.executemany(
            "INSERT INTO nag (day, pending, total, done, names, rest_day, stamp) VALUES (?, ?, ?, ?, ?, ?, ?)", rows
        )

    def refresh_nag(self, today: date) -> None:
        """Refill the nag table around `today` (a nag that went the full way).
        Waits for the write lock only briefly: another writer refills it anyway."""
        self.nag_centre = today
        self.db.execute("PRAGMA busy_timeout = 200")
        try:
            with self._write(nag=False):
                self._keep_nag()
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
