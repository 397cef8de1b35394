"""Notes the app shows at most once a day, however often it is opened."""

from __future__ import annotations

from enum import StrEnum


class Notice(StrEnum):
    """A note the store remembers the last day of (docs/architecture.md, "The drop-off note": the drop-off
    note is shown at most once a day, not once per start of the app)."""

    DROP_OFF = "drop_off"
