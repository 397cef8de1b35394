"""The settings a person can change, their defaults and what each accepts."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from .actions import check_keymap
from .errors import RehabError
from .rules import DAY_START_HOUR, SNOOZE_BUDGET
from .schedules import WEEKDAY_FULL_NAMES, WEEKDAY_NAMES

NUMBERS = {"day_start_hour": DAY_START_HOUR, "snooze_budget": SNOOZE_BUDGET}

DEFAULTS: dict[str, str] = {
    "day_start_hour": "0",
    "week_start": "monday",
    "snooze_budget": "2",
    "theme": "textual-dark",
    "keymap": "",
}

HELP: dict[str, str] = {
    "day_start_hour": "hour (0-12) at which a new day begins; at 3, 01:30 still counts as yesterday",
    "week_start": "first day of the week for weekly quotas: monday or sunday",
    "snooze_budget": "snoozed days allowed in any 7 days (0-7)",
    "theme": "the TUI's colour theme (chosen from the command palette)",
    "keymap": "the TUI's keys of your own, action=key pairs, e.g. tick=x,undo=z",
}


def check_key(key: str) -> None:
    if key not in DEFAULTS:
        raise RehabError(f"unknown setting '{key}' (settings: {', '.join(DEFAULTS)})")


def validate(key: str, value: str) -> str:
    """The value as stored, or a clear error."""
    check_key(key)
    text = value.strip()
    if key in NUMBERS:
        # ASCII digits only: str.isdigit() also takes '²' and '٣', which int() refuses or misreads.
        if not (text.isascii() and text.isdigit() and len(text) <= 2):
            raise RehabError(f"{key} is a whole number in digits 0-9, from {NUMBERS[key].low} to {NUMBERS[key].high}")
        return str(NUMBERS[key].check(int(text)))
    if key == "keymap":
        return check_keymap(text)
    if key == "week_start":
        word = text.lower()
        for i, full in enumerate(WEEKDAY_FULL_NAMES):
            if word in (full, WEEKDAY_NAMES[i]):
                return full
        raise RehabError("week_start is a weekday, e.g. monday or sunday")
    if not text or len(text) > 60:
        raise RehabError("theme needs a theme name")
    return text


@dataclass(frozen=True)
class Settings:
    """The user's settings, each within its rule (rules.py)."""

    day_start_hour: int = 0
    week_start: int = 0
    snooze_budget: int = 2
    theme: str = "textual-dark"
    #: `id=key` pairs over the app's default keys (domain/actions.py).
    keymap: str = ""

    @classmethod
    def from_values(cls, values: dict[str, str]) -> Settings:
        return cls.read(values)[0]

    @classmethod
    def read(cls, stored: dict[str, str]) -> tuple[Settings, list[str]]:
        """The settings from stored values; a value that breaks its rule gives
        its default and a warning that says how to mend it."""
        merged = dict(DEFAULTS)
        warnings = []
        for key, value in stored.items():
            if key not in DEFAULTS:
                continue
            try:
                merged[key] = validate(key, str(value))
            except RehabError as exc:
                warnings.append(
                    f"settings: {key} is {value!r} ({exc}); using {shlex.quote(DEFAULTS[key])}. "
                    # Quoted as the shell needs it: the empty keymap is typed ''.
                    f"Mend it with: rehab settings {key} {shlex.quote(DEFAULTS[key])}"
                )
        settings = cls(
            day_start_hour=int(merged["day_start_hour"]),
            week_start=WEEKDAY_FULL_NAMES.index(merged["week_start"]),
            snooze_budget=int(merged["snooze_budget"]),
            theme=merged["theme"],
            keymap=merged["keymap"],
        )
        return settings, warnings

    def values(self) -> dict[str, str]:
        """Each setting as text, as `rehab settings` shows it."""
        return {
            "day_start_hour": str(self.day_start_hour),
            "week_start": WEEKDAY_FULL_NAMES[self.week_start],
            "snooze_budget": str(self.snooze_budget),
            "theme": self.theme,
            "keymap": self.keymap,
        }
