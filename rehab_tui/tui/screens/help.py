"""Every key that works on the screen help was opened from, from its active bindings."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen

from ...domain.actions import ACTIONS, BY_ID, WIDGETS, Action, on_screen
from ..keys import bindings, keys_now
from .reading import ReadingModal

ABOUT = (
    "A snooze freezes streaks for a sore day instead of breaking them, within a budget "
    "of snoozed days in any seven. A pause is for longer breaks and has no budget. "
    "After a single miss the streaks panel says so: one miss is fine, never miss twice."
)


#: Textual's own bindings worth listing; the rest (scrolling keys, ctrl+q, copy) go unsaid.
TEXTUAL_KEPT = {"focus_next", "focus_previous", "command_palette"}

#: Better words for Textual's own descriptions.
WORDS = {"command_palette": "command palette: every action here, and the theme"}

#: Textual's own actions that do one of ours: the focused list's enter selects
#: its row, which the checklist ticks and the habits screen edits. Listed with
#: that action, after its own keys.
SAME_AS = {("main", "select"): "tick", ("habits", "select_cursor"): "habit_edit"}

#: An action's row in the table, to keep help in the table's order.
ORDER = {action.id: n for n, action in enumerate(ACTIONS)}


@dataclass
class Row:
    action: Action | None  # None: one of Textual's own
    what: str
    keys: list[str] = field(default_factory=list)

    def add(self, binding: Binding, app: App) -> None:
        key = app.get_key_display(binding)
        if key not in self.keys:
            self.keys.append(key)


def _live(screen: Screen) -> dict[str, Row]:
    """What works from where the focus is (the focused widget, the screen, the
    app), with the keys Textual has bound now, the keymap's included; by
    binding id (or action, for Textual's own)."""
    rows: dict[str, Row] = {}
    active = [a.binding for a in screen.active_bindings.values()]
    for binding in active:
        name = binding.action.rpartition(".")[2]
        ours = BY_ID.get(binding.id or "")
        if ours is not None:
            rows.setdefault(ours.id, Row(ours, ours.more or ours.words)).add(binding, screen.app)
        elif name in TEXTUAL_KEPT:
            rows.setdefault(binding.action, Row(None, WORDS.get(name, binding.description))).add(binding, screen.app)
        # the rest are keys Textual binds (scrolling) and lets through when it has nothing to do
    place = getattr(screen, "PLACE", "")
    for binding in active:
        if same := SAME_AS.get((place, binding.action)):
            action = BY_ID[same]
            rows.setdefault(same, Row(action, action.more or action.words)).add(binding, screen.app)
    return rows


def _after(rows: list[Row], action: Action) -> int:
    """Where a row for `action` goes: after the last row of its place that comes
    before it in the table, else at the end."""
    before = [
        n
        for n, row in enumerate(rows)
        if row.action and row.action.place == action.place and ORDER[row.action.id] < ORDER[action.id]
    ]
    return before[-1] + 1 if before else len(rows)


def help_rows(screen: Screen) -> list[tuple[str, str]]:
    """(keys, what they do) for what works on `screen` now.

    First what acts from where the focus is, as Textual has bound it
    (`active_bindings`, the keymap's keys included). Then the rest of the
    screen's actions in the table: those of its other widgets, which work once
    the focus is there (tab), and those a focused widget's own key lets
    through (its scrolling arrows when it has nothing to scroll), with the
    app's keymap applied.
    """
    live = _live(screen)
    rows = list(live.values())
    focused = screen.focused.id if screen.focused else None
    for action in on_screen(getattr(screen, "PLACE", "")):
        if action.id in live or not action.keys:
            continue
        where = f" (in the {action.place})" if action.place in WIDGETS and action.place != focused else ""
        row = Row(action, f"{action.more or action.words}{where}")
        for binding in keys_now(screen.app, action):
            row.add(binding, screen.app)
        rows.insert(_after(rows, action), row)
    return [(" ".join(row.keys), row.what) for row in rows]


def help_content(rows: list[tuple[str, str]]) -> Content:
    width = max((len(k) for k, _ in rows), default=0) + 2
    lines = [Content.assemble((key.ljust(width), "bold $text-accent"), (what, "")) for key, what in rows]
    return Content("\n").join([*lines, Content(""), Content.styled(ABOUT, "$foreground-muted")])


class HelpScreen(ReadingModal):
    TITLE_TEXT = "Keys"
    BINDINGS = bindings("help")

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def content(self) -> Content:
        return help_content(self.rows)
