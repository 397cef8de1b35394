"""Issue #10 in the app: names are text, never markup; keys during shutdown; exit status.

Each test drives the app through Pilot on a real database file.
"""

from __future__ import annotations

import os
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from conftest import TODAY
from disk_helpers import fill, small_disk  # noqa: F401 (a fixture)
from textual import events
from textual.widgets import DataTable, Select

from rehab_tui.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.habits import HabitsScreen
from rehab_tui.tui.screens.pause import PauseScreen
from rehab_tui.tui.screens.snooze import SnoozeScreen

BROKEN_MARKUP = "Stretch [/]"
LOOKS_LIKE_A_TAG = "Clamshells [left]"
CLICK = "[@click=app.screenshot('victim.txt','{folder}')]Stretch[/]"


def with_names(store: Store, *names: str) -> None:
    for name in names:
        store.add_habit(name, "daily", TODAY)


def cell_texts(table: DataTable) -> list[str]:
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


def select_prompts(select: Select) -> list[str]:
    return [str(prompt) for prompt, _ in select._options]


async def test_habits_screen_shows_bracketed_names_as_typed(fresh_store):
    with_names(fresh_store, BROKEN_MARKUP, LOOKS_LIKE_A_TAG)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HabitsScreen)
        table = app.screen.query_one(DataTable)
        shown = cell_texts(table)
        assert BROKEN_MARKUP in shown and LOOKS_LIKE_A_TAG in shown
        # What is painted, not only what is kept: the brackets reach the screen.
        painted = ["".join(seg.text for seg in table.render_line(y)) for y in range(table.row_count + 1)]
        assert any("Clamshells [left]" in line for line in painted), painted


def painted(widget) -> str:
    """The lines a widget paints, as text."""
    return "\n".join("".join(seg.text for seg in widget.render_line(y)) for y in range(widget.size.height))


async def highlight(pilot, app: RehabApp, name: str) -> None:
    """Put the checklist's cursor on the habit called `name`."""
    names = [item.log.habit.name for item in app.query_one("ChecklistView").listing.items]
    await pilot.press(*["down"] * names.index(name))


@pytest.mark.parametrize("name", [BROKEN_MARKUP, LOOKS_LIKE_A_TAG])
async def test_pause_and_snooze_modals_show_bracketed_names(fresh_store, name):
    with_names(fresh_store, name)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await highlight(pilot, app, name)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        assert name in painted(app.screen.query_one("#habit", Select).query_one("#label"))
        await pilot.click("#habit")  # the list of habits opens
        await pilot.pause()
        assert name in painted(app.screen.query_one("SelectOverlay"))
        await pilot.press("escape", "escape")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeScreen)
        await pilot.click("#target")
        await pilot.pause()
        assert name in painted(app.screen.query_one("SelectOverlay"))


async def test_a_click_action_in_a_name_runs_nothing(fresh_store):
    # A name that, read as markup, would save a screenshot over a file on one click
    # (a short folder: the name has to stay within the 100-character cap).
    victims = Path(tempfile.mkdtemp(prefix="v", dir="/tmp"))
    name = CLICK.format(folder=victims)
    with_names(fresh_store, name)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        await highlight(pilot, app, name)
        await pilot.press("p")
        await pilot.pause()
        label = app.screen.query_one("#habit", Select).query_one("#label")
        await pilot.click(label, offset=(2, 0))  # the one click, on the name the modal shows
        await pilot.pause()
        await pilot.press("escape", "escape", "h")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        await pilot.click(DataTable, offset=(10, cell_texts(table).index(name) + 1))
        await pilot.pause()
    found = list(victims.iterdir())
    for leftover in found:
        leftover.unlink()
    victims.rmdir()
    assert found == []


async def test_notifications_show_names_as_text(fresh_store):
    # A name with a broken tag in a notification (a failed save names the habit).
    with_names(fresh_store, BROKEN_MARKUP)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.attempt(fresh_store.add_habit, BROKEN_MARKUP, "daily", TODAY)  # a duplicate: refused
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(BROKEN_MARKUP in str(m) for m in messages), messages
        assert all(not n.markup for n in app._notifications)


async def test_a_full_disk_is_named_in_the_app(small_disk):
    store = Store.open(small_disk / "rehab.db", TODAY)
    app = RehabApp(store, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        fill(small_disk)
        await pilot.press("space")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("No space left on the device" in m for m in messages), messages
    store.close()


@pytest.mark.parametrize("key", ["s", "p", "h", "question_mark"])
async def test_a_key_right_after_quit_does_not_crash(fresh_store, key):
    # Both keys are queued before the first is handled, as when typed fast.
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.post_message(events.Key("q", "q"))
        app.post_message(events.Key(key, "?" if key == "question_mark" else key))
        await pilot.pause()
    assert app.return_code == 0


CRASHING = textwrap.dedent(
    """
    import sys
    from rehab_tui.tui import app as app_module

    def boom(self):
        raise RuntimeError("a bug in the app")

    app_module.RehabApp.on_ready = boom
    from rehab_tui.cli.main import main
    sys.argv = ["rehab", "--db", sys.argv[1], "--today", "2026-11-21"]
    main()
    """
)


@pytest.mark.slow
def test_a_crash_of_the_app_exits_non_zero(tmp_path: Path):
    # The real `rehab` entry point, under a pseudo-terminal so Textual runs for real.
    import pty

    script = tmp_path / "crash.py"
    script.write_text(CRASHING)
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the app
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, [sys.executable, str(script), str(tmp_path / "rehab.db")])
    output = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) != 0, output[-2000:]
    assert b"a bug in the app" in output


async def test_a_huge_cue_in_the_file_is_cut_on_screen_and_ticks_stay_quick(tmp_path):
    """A 10 MB cue written past the gate (a hand edit) is shown cut to the cap."""
    from datetime import date

    from sqlite_utils import Database

    from rehab_tui.domain.rules import CUE
    from rehab_tui.store import Store
    from rehab_tui.tui.app import RehabApp
    from rehab_tui.tui.widgets.checklist import ChecklistView

    store = Store.open(tmp_path / "rehab.db", date(2026, 11, 1))
    hand = Database(store.path)
    hand["habits"].update(1, {"cue": "x" * 10_000_000})
    hand.close()
    store.close()
    store = Store.open(tmp_path / "rehab.db", date(2026, 11, 1))
    app = RehabApp(store, today=date(2026, 11, 21))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        prompt = app.query_one(ChecklistView).get_option_at_index(0).prompt
        assert len(str(prompt)) < CUE.cap + 200
        assert store.journal().log(1).done
    store.close()


async def test_minutes_that_are_not_a_number_are_refused_in_the_form(tmp_path):
    from datetime import date

    from rehab_tui.store import Store
    from rehab_tui.tui.app import RehabApp
    from rehab_tui.tui.screens.habit_form import HabitForm

    store = Store.open(tmp_path / "rehab.db", date(2026, 11, 1))
    app = RehabApp(store, today=date(2026, 11, 21))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h", "e")
        await pilot.pause()
        app.screen.query_one("#minutes").value = "-"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HabitForm)  # still open, nothing lost
        assert store.habit(1).minutes == 5
    store.close()
