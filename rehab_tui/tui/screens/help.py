"""Every key, in one place."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# rehab: keys

| Key | What it does |
| --- | --- |
| `space` / `enter` / click | tick or untick the highlighted habit on the shown day |
| `u` | take the highlighted check-in back |
| `↑` `↓` | move in the checklist (or by a week in the calendar) |
| `←` `→` | the day before / after |
| `[` `]` | the month before / after |
| `t` | back to today |
| `tab` | move between the checklist and the calendar |
| `s` | snooze the shown day, or one habit on it ("sore today") |
| `p` | pause the highlighted habit until a date |
| `r` | resume the highlighted habit's pause |
| `h` | the habits screen: add, edit, archive, restore, reorder |
| `ctrl+p` | the command palette: every action, and the theme |
| `?` | this help |
| `q` | quit |

**Snooze** freezes streaks for a day instead of breaking them; you get a budget
of a few snoozed days in any seven. **Pause** is for longer breaks, with no
budget. After a single miss the streaks panel says so: one miss is fine, never
miss twice.

Press `escape` to close.
"""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen > VerticalScroll {
        width: 80; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $panel;
    }
    """

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP)

    def action_close(self) -> None:
        self.dismiss(None)
