"""The colours of day states, shared so a state looks the same in every widget."""

from __future__ import annotations

from ...domain.states import DayState

STATE_STYLES: dict[DayState, str] = {
    DayState.DONE: "$text-success",
    DayState.PENDING: "$foreground",
    DayState.UPCOMING: "$foreground-muted",
    DayState.MISSED: "$text-error",
    DayState.SNOOZED: "$text-primary",
    DayState.PAUSED: "$text-secondary",
    DayState.OFF: "$foreground-muted",
    DayState.OPEN: "$foreground-muted",
}


def marks(symbols: dict[DayState, str]) -> dict[DayState, tuple[str, str]]:
    """(symbol, style) for each state, from a widget's own symbols."""
    return {state: (symbols[state], style) for state, style in STATE_STYLES.items()}
