"""The settings a person can change: the one table of each one's default, what
it accepts and its help. The store, the command line, the app and `rehab nag`
read defaults and ranges here (nag.py, kept to the standard library, holds a
copy of two that tests/test_nag.py checks against this table)."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass

from .actions import check_keymap
from .errors import InvalidInput, NotFound, RehabError
from .numbers import Range
from .weekdays import FULL_NAMES, weekday
from .words import did_you_mean

#: Up to noon: a day starting later would file a whole morning under yesterday.
DAY_START_HOUR = Range(0, 12, "day_start_hour")
#: From none to every day of the snooze budget's window.
SNOOZE_BUDGET = Range(0, 7, "snooze_budget")
#: A theme's name is a word or two (Textual's are like textual-dark).
THEME_CAP = 60


@dataclass(frozen=True)
class Setting:
    """One setting: its default as stored, its help, and how a typed value is
    read into the value stored (or refused)."""

    key: str
    default: str
    help: str
    read: Callable[[str], str]


def _number(allowed: Range) -> Callable[[str], str]:
    return lambda text: str(allowed.parse(text))


def _week_start(text: str) -> str:
    day = weekday(text)
    if day is None:
        raise InvalidInput("week_start is a weekday, e.g. monday or sunday")
    return FULL_NAMES[day]


def _theme(text: str) -> str:
    if not text or len(text) > THEME_CAP:
        raise InvalidInput("theme needs a theme name")
    return text


SETTINGS: dict[str, Setting] = {
    setting.key: setting
    for setting in (
        Setting(
            "day_start_hour",
            "0",
            f"hour ({DAY_START_HOUR.words()}) at which a new day begins; at 3, 01:30 still counts as yesterday",
            _number(DAY_START_HOUR),
        ),
        Setting("week_start", "monday", "first day of the week for weekly quotas: monday or sunday", _week_start),
        Setting(
            "snooze_budget",
            "2",
            f"snoozed days allowed in any 7 days ({SNOOZE_BUDGET.words()})",
            _number(SNOOZE_BUDGET),
        ),
        Setting("theme", "textual-dark", "the TUI's colour theme (chosen from the command palette)", _theme),
        Setting("keymap", "", "the TUI's keys of your own, action=key pairs, e.g. tick=x,undo=z", check_keymap),
    )
}


def check_key(key: str) -> Setting:
    """The setting named `key`, or a refusal that lists them."""
    if key not in SETTINGS:
        hint = did_you_mean(key, list(SETTINGS)) or f"settings: {', '.join(SETTINGS)}"
        raise NotFound(f"unknown setting '{key}' ({hint})")
    return SETTINGS[key]


def validate(key: str, value: str) -> str:
    """The value as stored, or a clear error."""
    return check_key(key).read(value.strip())


@dataclass(frozen=True)
class Settings:
    """The user's settings, each within its rule (the table above)."""

    day_start_hour: int
    week_start: int
    snooze_budget: int
    theme: str
    #: `id=key` pairs over the app's default keys (domain/actions.py).
    keymap: str

    @classmethod
    def read(cls, stored: dict[str, str]) -> tuple[Settings, list[str]]:
        """The settings from stored values; a value that breaks its rule gives
        its default and a warning that says how to mend it."""
        merged = {key: setting.default for key, setting in SETTINGS.items()}
        warnings = []
        for key, value in stored.items():
            if key not in SETTINGS:
                continue
            try:
                merged[key] = validate(key, str(value))
            except RehabError as exc:
                default = SETTINGS[key].default
                warnings.append(
                    f"settings: {key} is {value!r} ({exc}); using {shlex.quote(default)}. "
                    # Quoted as the shell needs it: the empty keymap is typed ''.
                    f"Mend it with: rehab settings {key} {shlex.quote(default)}"
                )
        settings = cls(
            day_start_hour=int(merged["day_start_hour"]),
            week_start=FULL_NAMES.index(merged["week_start"]),
            snooze_budget=int(merged["snooze_budget"]),
            theme=merged["theme"],
            keymap=merged["keymap"],
        )
        return settings, warnings

    def values(self) -> dict[str, str]:
        """Each setting as text, as `rehab settings` shows it."""
        return {
            "day_start_hour": str(self.day_start_hour),
            "week_start": FULL_NAMES[self.week_start],
            "snooze_budget": str(self.snooze_budget),
            "theme": self.theme,
            "keymap": self.keymap,
        }


#: Every setting at its default: what a new database holds.
DEFAULT_SETTINGS = Settings.read({})[0]
