"""The routine: add, edit, archive, restore and reorder habits."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ...cells import column_width, cut
from ...domain.habits import schedule_now
from ...domain.model import Habit
from ..keys import bindings


class HabitsScreen(Screen):
    """Lists every habit, archived ones too; the app carries out what is asked."""

    DEFAULT_CSS = """
    HabitsScreen #hint { color: $foreground-muted; padding: 0 1; height: auto; }
    HabitsScreen DataTable { height: 1fr; border: round $primary 50%; }
    HabitsScreen DataTable:focus { border: round $primary; }
    """

    PLACE = "habits"
    BINDINGS = bindings(PLACE)

    class Asked(Message):
        """Something asked of the routine from this screen; the app carries it out."""

        def __init__(self, asker: HabitsScreen, habit_id: int | None = None) -> None:
            super().__init__()
            self.asker = asker
            self.habit_id = habit_id

        @property
        def control(self) -> HabitsScreen:
            """The habits screen that asked (it shows the routine again after)."""
            return self.asker

    class Add(Asked):
        """A new habit, through the habit form."""

    class Edit(Asked):
        """The habit `habit_id`, through the habit form."""

    class Archive(Asked):
        """Archive `habit_id` from today; its history stays."""

    class Restore(Asked):
        """Bring an archived `habit_id` back."""

    class Move(Asked):
        """Put `habit_id` at `position` (1 is the top)."""

        def __init__(self, asker: HabitsScreen, habit_id: int, position: int) -> None:
            super().__init__(asker, habit_id)
            self.position = position

    def __init__(self, habits: list[Habit], today: date) -> None:
        super().__init__()
        self.habits = habits
        self.today = today

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Your routine in checklist order. Archived habits keep their history.", id="hint")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="habits")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Habits"
        table = self.query_one(DataTable)
        table.add_columns("#", "Habit", "Schedule", "Min", "Since", "State")
        self.show(self.habits)

    def on_resize(self) -> None:
        # The names are cut to the width there is: a new width cuts them anew.
        self.show(self.habits)

    def show(self, habits: list[Habit], keep: int | None = None) -> None:
        """Refill the table, keeping the cursor on habit `keep` (or where it was)."""
        table = self.query_one(DataTable)
        current = keep if keep is not None else self.current_id
        self.habits = habits
        table.clear()
        rows = [
            (
                str(n),
                h.name,
                schedule_now(h, self.today, lambda day: f"{day:%d %b %Y}"),
                str(h.minutes or ""),
                f"{h.start:%d %b %Y}",
                "archived" if h.archived_on(self.today) else "active",
            )
            for n, h in enumerate(habits, start=1)
        ]
        # A long name is cut with an ellipsis (by cells: an emoji takes two)
        # so the columns after it stay on the screen.
        others = sum(column_width((row[c] for row in rows), 1) + 2 for c in (0, 2, 3, 4, 5))
        name_width = column_width((row[1] for row in rows), 8, max(12, self.app.size.width - others - 6))
        for h, (n, name, schedule, minutes, since, state) in zip(habits, rows, strict=True):
            # Text, not str: DataTable reads a str cell as markup, and a name is
            # the user's text ("Stretch [/]" would crash it, "[@click=...]" run an action).
            table.add_row(n, Text(cut(name, name_width)), Text(schedule), minutes, since, state, key=str(h.id))
        ids = [h.id for h in habits]
        if current in ids:
            table.move_cursor(row=ids.index(current))

    @property
    def current_id(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.habits or table.cursor_row is None or table.cursor_row >= len(self.habits):
            return None
        return self.habits[table.cursor_row].id

    def action_add(self) -> None:
        self.post_message(self.Add(self))

    def action_edit(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Edit(self, self.current_id))

    def action_archive(self) -> None:
        habit_id = self.current_id
        if habit_id is None:
            return
        habit = next(h for h in self.habits if h.id == habit_id)
        self.post_message((self.Restore if habit.archived_on(self.today) else self.Archive)(self, habit_id))

    def action_move(self, step: int) -> None:
        habit_id = self.current_id
        if habit_id is None:
            return
        position = [h.id for h in self.habits].index(habit_id) + 1 + step
        if 1 <= position <= len(self.habits):
            self.post_message(self.Move(self, habit_id, position))

    def action_close(self) -> None:
        self.dismiss()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()
