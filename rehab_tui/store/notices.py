"""The once-a-day notes the app showed, and on which day (domain/notices.py)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..domain.dates import iso
from .gate import Gate

if TYPE_CHECKING:
    from ..domain.notices import Notice


class Notices(Gate):
    def notice_shown(self, notice: Notice, day: date) -> bool:
        """Whether `notice` was already shown on `day`."""
        return self.db.table("notices").count_where("notice = ? AND day = ?", [notice.value, iso(day)]) > 0

    def record_notice(self, notice: Notice, day: date) -> None:
        """Remember that `notice` was shown on `day` (it is not history: the
        nag and the export leave it alone)."""
        with self._write(nag=False) as db:
            db.table("notices").upsert({"notice": notice.value, "day": iso(day)}, pk="notice")
