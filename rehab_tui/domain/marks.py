"""How a calendar day went, as one mark, and the symbol each mark shows as.

One table for the command line and the app, so a paused day looks the same in both.
"""

from __future__ import annotations

from enum import StrEnum


class Mark(StrEnum):
    FULL = "full"
    #: Every habit due done, some of them at the minimum dose.
    MINIMUM = "minimum"
    PARTIAL = "partial"
    MISSED = "missed"
    PENDING = "pending"
    SNOOZED = "snoozed"
    PAUSED = "paused"
    FUTURE = "future"
    NONE = "none"


SYMBOLS: dict[Mark, str] = {
    Mark.FULL: "●",
    Mark.MINIMUM: "◎",
    Mark.PARTIAL: "◐",
    Mark.MISSED: "✗",
    Mark.PENDING: "○",
    Mark.SNOOZED: "z",
    Mark.PAUSED: "‖",
    Mark.FUTURE: "·",
    Mark.NONE: " ",
}

#: The marks a legend explains, in the order it lists them.
LEGEND: tuple[Mark, ...] = (Mark.FULL, Mark.MINIMUM, Mark.PARTIAL, Mark.MISSED, Mark.SNOOZED, Mark.PAUSED, Mark.FUTURE)
