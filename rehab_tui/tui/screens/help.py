"""Every key, in one place."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, str], ...] = (
    ("space enter click", "tick or untick the highlighted habit on the shown day"),
    ("u", "take the highlighted check-in back"),
    ("↑ ↓", "move in the checklist (a week, in the calendar)"),
    ("← →", "the day before / after"),
    ("[ ]", "the month before / after"),
    ("t", "back to today"),
    ("tab", "between the checklist and the calendar"),
    ("s", "snooze the shown day, or one habit on it"),
    ("p", "pause the highlighted habit until a date"),
    ("r", "resume the highlighted habit's pause"),
    ("h", "habits: add, edit, archive, restore, reorder"),
    ("ctrl+p", "command palette: every action, and the theme"),
    ("?", "this help"),
    ("q", "quit"),
)

ABOUT = (
    "A snooze freezes streaks for a sore day instead of breaking them, within a budget "
    "of snoozed days in any seven. A pause is for longer breaks and has no budget. "
    "After a single miss the streaks panel says so: one miss is fine, never miss twice."
)


def help_content() -> Content:
    width = max(len(k) for k, _ in KEYS) + 2
    rows = [Content.assemble((key.ljust(width), "bold $text-accent"), (what, "")) for key, what in KEYS]
    return Content("\n").join([*rows, Content(""), Content.styled(ABOUT, "$foreground-muted")])


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; border-title-style: bold; background: $panel; padding: 0 1;
    }
    """

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "escape to close"
            yield Static(help_content())

    def action_close(self) -> None:
        self.dismiss(None)
