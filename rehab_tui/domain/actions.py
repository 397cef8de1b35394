"""Every action the app offers on a key, in one table: its id, its keys, its words,
where it works. The app's bindings, its command palette and its help are built
from this table (rehab_tui/tui/keys.py); the `keymap` setting names its ids.

Pure data on purpose: `rehab settings keymap ...` checks a keymap against it
without loading Textual. Keys are written as Textual names them ("space",
"question_mark", "ctrl+t", "S"). See docs/architecture.md, "The TUI".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import InvalidInput, NotFound

#: Works on every screen but the dialogs.
APP = "app"

#: Each screen's places: its own, a base class's (the forms', the reading
#: modals'), its widgets'; and APP where the app's keys reach it (a dialog is
#: modal: they do not). One key runs one action on a screen.
SCREENS: dict[str, tuple[str, ...]] = {
    "main": ("main", "checklist", "calendar", APP),
    "habits": ("habits", APP),
    "session": ("session", APP),
    "progress": ("progress", APP),
    "confirm": ("confirm",),
    "drop_off": ("drop_off",),
    "new_file": ("new_file",),
    "form": ("form",),  # the snooze, pause, snoozed and habit forms
    "body": ("form", "body", "pain_row"),
    "help": ("reading", "help"),
    "summary": ("reading", "summary"),
}

#: The places that are widgets, not screens: help says "(in the calendar)"; the
#: palette finds the checklist and the calendar by these ids.
WIDGETS = frozenset({"checklist", "calendar", "pain_row"})


@dataclass(frozen=True)
class Action:
    """One action and its default keys."""

    #: The binding id: what a keymap names.
    id: str
    #: Default keys, comma separated; "" for an action only the palette offers.
    keys: str
    #: The footer's word for it.
    words: str
    #: Where its binding lives: a screen's (or a screen base class's) name, a widget's (WIDGETS), or APP.
    place: str
    #: The Textual action it runs; its id when empty.
    run: str = ""
    #: Shown in the footer (the rest are in help and the palette).
    show: bool = True
    #: Longer words for help, where the footer's need more.
    more: str = ""
    #: Its command palette title; not in the palette when empty.
    title: str = ""
    #: The palette's line under the title.
    hint: str = ""
    key_display: str | None = None
    #: Before the focused widget's own keys (a scrolling page would take the arrows).
    priority: bool = False
    #: Footer group: bindings of one group share one footer entry.
    group: str = ""
    #: Other places that bind it too (a widget whose scrolling parent would take the key).
    also: tuple[str, ...] = ()

    @property
    def action(self) -> str:
        return self.run or self.id

    @property
    def places(self) -> tuple[str, ...]:
        return (self.place, *self.also)


ACTIONS: tuple[Action, ...] = (
    Action("help", "question_mark", "Help", APP, run="help", key_display="?", title="Help", hint="Every key"),
    # The day: the main screen runs the app's actions (the App owns the store).
    Action(
        "session",
        "g",
        "Session",
        "main",
        run="app.session",
        more="Guided session: today's open items, with a countdown",
        title="Guided session",
        hint="Today's open items one by one, with a countdown for holds and rests",
    ),
    Action(
        "minimum_session",
        "",
        "Minimum session",
        "main",
        run="app.session(True)",
        title="Minimum session",
        hint="Today's due items, each at its minimum dose",
    ),
    Action(
        "undo", "u", "Undo", "main", run="app.undo", title="Undo check-in", hint="Take the highlighted check-in back"
    ),
    Action(
        "undo_last",
        "ctrl+z",
        "Undo the last change",
        "main",
        run="app.undo_last",
        show=False,
        title="Undo the last change",
        hint="Take back the last tick, dose change or snooze made in this session",
    ),
    Action(
        "snooze",
        "s",
        "Snooze",
        "main",
        run="app.snooze",
        title="Snooze the day",
        hint="Rest the shown day (or one habit) without breaking streaks",
    ),
    Action(
        "pause",
        "p",
        "Pause",
        "main",
        run="app.pause",
        title="Pause a habit",
        hint="A longer break for the highlighted habit, until a date",
    ),
    Action(
        "resume",
        "r",
        "Resume",
        "main",
        run="app.resume",
        show=False,
        title="Resume a habit",
        hint="End the highlighted habit's pause so today counts",
    ),
    Action(
        "note",
        "n",
        "Note",
        "main",
        run="app.note",
        show=False,
        more="Note on the highlighted check-in (empty removes it)",
        title="Note on the check-in",
        hint="Add or edit the note of the highlighted habit's check-in on the shown day",
    ),
    Action(
        "unsnooze",
        "S",
        "Unsnooze",
        "main",
        run="app.unsnooze",
        show=False,
        title="Unsnooze the day",
        hint="Take the shown day's snooze back so it counts again",
    ),
    Action("prev_day", "left", "Day before", "main", run="app.day(-1)", show=False),
    Action("next_day", "right", "Day after", "main", run="app.day(1)", show=False),
    # Out of the footer to make room for `g` at 80 columns; help and the palette list them.
    Action(
        "prev_month",
        "left_square_bracket",
        "Month before",
        "main",
        run="app.month(-1)",
        show=False,
        key_display="[",
        group="Month",
        title="Previous month",
        hint="Show the month before",
    ),
    Action(
        "next_month",
        "right_square_bracket",
        "Month after",
        "main",
        run="app.month(1)",
        show=False,
        key_display="]",
        group="Month",
        title="Next month",
        hint="Show the month after",
    ),
    Action("today", "t", "Today", "main", run="app.today", title="Go to today", hint="Show today's checklist"),
    Action(
        "habits",
        "h",
        "Habits",
        "main",
        run="app.habits",
        title="Habits",
        hint="Add, edit, archive, restore and reorder habits",
    ),
    # No room left in an 80-column footer: help and the palette list these.
    Action(
        "body",
        "b",
        "Rate how the body feels (pain 0–10 by area)",
        "main",
        run="app.body",
        show=False,
        title="Record how the body feels",
        hint="Pain 0 to 10 for each body area on the shown day",
    ),
    Action(
        "progress",
        "v",
        "Progress: pain by area beside the routine",
        "main",
        run="app.progress",
        show=False,
        title="Progress",
        hint="Pain by area beside the routine's adherence, per habit figures, a year of days",
    ),
    Action("quit", "q", "Quit", "main", run="app.quit", show=False),
    # The checklist's own keys. The arrows are the option list's, and so is enter: it
    # selects the row, which ticks it as a click does (ChecklistView).
    Action(
        "tick",
        "space",
        "Tick",
        "checklist",
        run="tick",
        title="Tick or untick",
        hint="Flip the highlighted habit on the shown day",
    ),
    Action(
        "minimum",
        "m",
        "Tick as the minimum dose",
        "checklist",
        show=False,
        title="Tick as the minimum dose",
        hint="Record the highlighted habit as done at its minimum",
    ),
    # The calendar's up and down (left and right are the screen's day keys).
    Action("week_back", "up", "Week back", "calendar", run="move(-7)", show=False),
    Action("week_on", "down", "Week on", "calendar", run="move(7)", show=False),
    # The habits screen.
    Action("habit_add", "a", "Add", "habits", run="add", title="Add a habit", hint="A new habit at the list's end"),
    Action("habit_edit", "e,enter", "Edit", "habits", run="edit", title="Edit the habit", hint="Change the habit"),
    Action(
        "habit_archive",
        "x",
        "Archive/restore",
        "habits",
        run="archive",
        title="Archive or restore the habit",
        hint="An archived habit keeps its history",
    ),
    Action("habit_up", "shift+up,K", "Up", "habits", run="move(-1)", key_display="⇧↑", title="Move the habit up"),
    Action(
        "habit_down", "shift+down,J", "Down", "habits", run="move(1)", key_display="⇧↓", title="Move the habit down"
    ),
    Action("habits_back", "escape,h", "Back", "habits", run="close", key_display="esc", title="Back to the day"),
    # The guided session.
    Action("session_start_pause", "space", "Start/pause", "session", run="start_pause"),
    Action("session_done", "enter", "Done", "session", run="done"),
    Action("session_minimum", "m", "Min dose", "session", run="minimum"),
    Action("session_next", "n", "Next", "session", run="skip"),
    Action("session_back", "b", "Back", "session", run="back"),
    Action("session_end", "escape", "End", "session", run="end", title="End the session", hint="What was done stays"),
    # Progress: priority, or the scrolling page would take the arrows for sideways scrolling.
    Action("area_before", "left", "Area before", "progress", run="area(-1)", key_display="←", priority=True),
    Action("area_after", "right", "Area after", "progress", run="area(1)", key_display="→", priority=True),
    Action("progress_back", "escape,v", "Back", "progress", run="close", key_display="esc", title="Back to the day"),
    # The dialogs.
    Action("confirm_yes", "y", "Yes", "confirm", run="answer(True)"),
    Action("confirm_no", "n,escape", "No", "confirm", run="answer(False)"),
    Action("drop_off_start", "g", "Minimum session", "drop_off", run="answer(True)"),
    Action("drop_off_later", "escape", "Not now", "drop_off", run="answer(False)"),
    Action("new_file_keep", "k,escape", "Keep the example", "new_file", run="answer(False)"),
    Action("new_file_empty", "e", "Start empty", "new_file", run="answer(True)"),
    Action("form_cancel", "escape", "Cancel", "form", run="cancel"),
    Action("body_save", "enter", "Save", "body", run="save"),
    # On each area's row too: the scrolling list around the rows would take the arrows.
    Action("area_above", "up", "Area above", "body", run="screen.move(-1)", show=False, also=("pain_row",)),
    Action("area_below", "down", "Area below", "body", run="screen.move(1)", show=False, also=("pain_row",)),
    Action("pain_less", "left", "Less pain", "pain_row", run="step(-1)"),
    Action("pain_more", "right", "More pain", "pain_row", run="step(1)"),
    Action("pain_keep", "space", "Keep the level, or undo", "pain_row", run="keep"),
    Action("reading_close", "escape", "Close", "reading", run="close"),
    Action("help_close", "question_mark,q", "Close", "help", run="close"),
    Action("summary_close", "enter", "Close", "summary", run="close"),
)

BY_ID: dict[str, Action] = {action.id: action for action in ACTIONS}

#: The ids a keymap may name: the actions that have keys.
REMAPPABLE: tuple[str, ...] = tuple(action.id for action in ACTIONS if action.keys)


def at(place: str) -> list[Action]:
    """The actions bound at `place`, in the table's order."""
    return [action for action in ACTIONS if place in action.places]


def on_screen(screen: str) -> list[Action]:
    """Every action that works on `screen` (its places'), in the table's order."""
    places = SCREENS.get(screen, ())
    return [action for action in ACTIONS if any(place in places for place in action.places)]


# ---------------------------------------------------------------- the keymap

Keymap = dict[str, str]

#: Keys Textual itself binds on every screen: focus, quit, copy, the command palette.
TEXTUAL_KEYS = frozenset({"tab", "shift+tab", "ctrl+q", "ctrl+c", "ctrl+p"})

#: A key by its Textual name: "x", "f5", "ctrl+t", "shift+up", "left_square_bracket".
KEY_NAME = re.compile(r"[a-z][a-z0-9_]*(\+[a-zA-Z0-9_]+)*|[A-Za-z0-9]")


def key_name(key: str) -> str:
    """A key as Textual names it: a lone sign by its Unicode name ("?" is question_mark)."""
    if len(key) == 1 and not key.isalnum():
        try:
            return unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
        except ValueError:
            pass
    if not KEY_NAME.fullmatch(key):
        raise InvalidInput(f"keymap: {key!r} is not a key (a letter, a sign, or a name such as ctrl+t or f5)")
    if key in TEXTUAL_KEYS:
        raise InvalidInput(f"keymap: {key} is kept for focus, quit, copy and the command palette")
    return key


def parse_keymap(text: str) -> Keymap:
    """`tick=x,undo=z` as {action id: its keys, comma separated}; an id named
    twice gets both keys. Unknown ids and clashes are refused (check_keymap)."""
    keymap: Keymap = {}
    for pair in (p.strip() for p in text.split(",")):
        if not pair:
            continue
        name, equals, key = (part.strip() for part in pair.partition("="))
        if not equals or not name or not key:
            raise InvalidInput(f"keymap takes action=key pairs, e.g. tick=x,undo=z ({pair!r} is not one)")
        if name not in REMAPPABLE:
            raise NotFound(f"keymap: no action '{name}' (actions: {', '.join(REMAPPABLE)})")
        keys = keymap.get(name, "").split(",") if name in keymap else []
        keymap[name] = ",".join(dict.fromkeys([*keys, key_name(key)]))
    return keymap


def keys_of(action: Action, keymap: Keymap) -> list[str]:
    """An action's keys once `keymap` is applied."""
    return [k for k in keymap.get(action.id, action.keys).split(",") if k]


def clashes(keymap: Keymap) -> Iterator[tuple[str, str, list[str]]]:
    """(screen, key, the action ids it would run) wherever one key would run two actions."""
    for screen in SCREENS:
        taken: dict[str, list[str]] = {}
        for action in on_screen(screen):
            for key in keys_of(action, keymap):
                taken.setdefault(key, []).append(action.id)
        for key, ids in taken.items():
            if len(ids) > 1:
                yield screen, key, ids


def check_keymap(text: str) -> str:
    """The keymap as stored (`id=key` pairs, keys by their Textual names), or a clear error."""
    keymap = parse_keymap(text)
    for screen, key, ids in clashes(keymap):
        raise InvalidInput(f"keymap: {key} would run both {' and '.join(ids)} on the {screen} screen")
    return ",".join(f"{name}={key}" for name, keys in keymap.items() for key in keys.split(","))
