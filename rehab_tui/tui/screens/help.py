"""Every key that works on the screen help was opened from, from its live bindings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen

from .reading import ReadingModal

ABOUT = (
    "A snooze freezes streaks for a sore day instead of breaking them, within a budget "
    "of snoozed days in any seven. A pause is for longer breaks and has no budget. "
    "After a single miss the streaks panel says so: one miss is fine, never miss twice."
)


#: Textual's own bindings worth listing; the rest (scrolling keys, ctrl+q, copy) go unsaid.
TEXTUAL_KEPT = {"focus_next", "focus_previous", "command_palette"}


def _ours(node: DOMNode) -> set[tuple[str, str]]:
    """(key, action) of the bindings this app's own classes declare on `node`."""
    found = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("rehab_tui"):
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", ())):
                found.add((binding.key, binding.action))
    return found


#: Better words for Textual's own descriptions.
WORDS = {"command_palette": "command palette: every action here, and the theme"}


def _rows(pairs: Iterable[tuple[DOMNode, Binding]], app: App) -> dict[str, tuple[str, list[str]]]:
    """action: (what it does, its keys), for the bindings worth listing, a key once."""
    rows: dict[str, tuple[str, list[str]]] = {}
    taken: set[str] = set()
    for node, binding in pairs:
        if not binding.description or binding.key in taken:
            continue
        if (binding.key, binding.action) not in _ours(node) and binding.action.rpartition(".")[2] not in TEXTUAL_KEPT:
            continue  # a key Textual binds (scrolling) and lets through when it has nothing to do
        taken.add(binding.key)
        # A footer word that needs more to say what it does carries it as its tooltip.
        what = WORDS.get(binding.action.rpartition(".")[2], binding.tooltip or binding.description)
        _, keys = rows.setdefault(f"{id(node)}:{binding.action}", (what, []))
        key = app.get_key_display(binding)
        if key in keys:  # "escape,h" with key_display "esc": the second key by its own name
            key = app.get_key_display(replace(binding, key_display=None))
        if key not in keys:
            keys.append(key)
    return rows


def help_rows(screen: Screen) -> list[tuple[str, str]]:
    """(keys, what they do) for what works on `screen` now, from its live bindings.

    First the bindings that act from where the focus is (the focused widget, the
    screen, the app: the chain `screen.active_bindings` is made from); then
    those of the screen's other focusable widgets, which work once the focus is
    there (tab).
    """
    app = screen.app
    chain = (
        (node, binding)
        for node, bindings in screen._modal_binding_chain
        for _, binding in bindings
        if app._check_action_state(binding.action, node) is not False
    )
    lines = [(" ".join(keys), what) for what, keys in _rows(chain, app).values()]
    focused = screen.focused
    for widget in screen.focus_chain:
        if widget is focused:
            continue
        where = str(widget.border_title or type(widget).__name__).lower()
        for what, keys in _rows(((widget, b) for _, b in widget._bindings), app).values():
            lines.append((" ".join(keys), f"{what} (in the {where})"))
    return lines


def help_content(rows: list[tuple[str, str]]) -> Content:
    width = max((len(k) for k, _ in rows), default=0) + 2
    lines = [Content.assemble((key.ljust(width), "bold $text-accent"), (what, "")) for key, what in rows]
    return Content("\n").join([*lines, Content(""), Content.styled(ABOUT, "$foreground-muted")])


class HelpScreen(ReadingModal):
    TITLE_TEXT = "Keys"
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def content(self) -> Content:
        return help_content(self.rows)
