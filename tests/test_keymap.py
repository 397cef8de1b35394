"""Keys of your own: the keymap setting, checked against the one table of actions,
applied by the app to its bindings, its footer and its help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_helpers import assert_error, dump, new_db, ok, run
from conftest import TODAY
from sqlite_utils import Database

from rehab_tui.domain.actions import ACTIONS, REMAPPABLE, clashes
from rehab_tui.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.habits import HabitsScreen
from rehab_tui.tui.screens.help import HelpScreen
from rehab_tui.tui.widgets.calendar import MonthCalendar
from rehab_tui.tui.widgets.checklist import ChecklistView

TUI = Path(__file__).parent.parent / "rehab_tui" / "tui"


def ticked_today(store: Store) -> set[int]:
    return {r["habit_id"] for r in Database(store.path)["checkins"].rows if r["day"] == TODAY.isoformat()}


def footer_keys(app: RehabApp) -> dict[str, str]:
    """What the footer shows: {description: key as shown}."""
    return {key.description: str(key.render()).split()[0] for key in app.screen.query("FooterKey")}


def help_text(app: RehabApp) -> str:
    assert isinstance(app.screen, HelpScreen)
    return str(app.screen.query_one("Static").render())


# ------------------------------------------------------------------ the table


def test_the_table_has_one_id_an_action_and_no_clash_by_default() -> None:
    ids = [action.id for action in ACTIONS]
    assert len(ids) == len(set(ids))
    assert list(clashes({})) == []
    assert {"tick", "undo", "snooze", "pause", "resume", "minimum", "session", "body", "progress", "habits"} <= set(
        REMAPPABLE
    )


def test_no_private_textual_api_in_the_app() -> None:
    for path in TUI.rglob("*.py"):
        text = path.read_text()
        for private in ("_modal_binding_chain", "_check_action_state", "._bindings", "._keymap"):
            assert private not in text, (path.name, private)


def test_every_message_names_the_widget_that_sent_it() -> None:
    messages = [
        ChecklistView.Toggled,
        MonthCalendar.DaySelected,
        *(getattr(HabitsScreen, name) for name in ("Add", "Edit", "Archive", "Restore", "Move")),
    ]
    for message in messages:
        assert "control" in {name for cls in message.__mro__[:-1] for name in vars(cls)}, message
    # and no string is dispatched on any more
    assert not re.search(r"\.kind\b", (TUI / "app.py").read_text() + (TUI / "routine.py").read_text())


# ------------------------------------------------------------ the command line


def test_settings_keymap_is_stored_and_shown(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    assert ok(db, "settings", "keymap", "tick=x, undo=z").lines == ["keymap = tick=x,undo=z"]
    assert ok(db, "settings", "keymap").out == "tick=x,undo=z\n"
    assert ok(db, "settings", "keymap", "").lines == ["keymap = "]


def test_an_unknown_action_is_refused_with_one_line_and_nothing_written(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    before = dump(db)
    line = assert_error(run(db, "settings", "keymap", "bogus=x"), contains="bogus")
    assert "tick" in line and "undo" in line  # the valid ids, named
    assert dump(db) == before


@pytest.mark.parametrize(
    "keymap, said",
    [
        ("tick=t", "t would run both"),  # `t` is today's on the main screen
        ("tick=x,undo=x", "x would run both"),
        ("tick", "action=key pairs"),
        ("tick=two words", "not a key"),
        ("undo=tab", "kept for focus"),
    ],
)
def test_a_clash_or_a_bad_pair_is_refused(tmp_path: Path, keymap: str, said: str) -> None:
    db = new_db(tmp_path)
    before = dump(db)
    assert_error(run(db, "settings", "keymap", keymap), contains=said)
    assert dump(db) == before


def test_one_key_on_two_screens_is_no_clash(tmp_path: Path) -> None:
    # `x` archives on the habits screen; on the main screen it is free.
    db = new_db(tmp_path)
    assert ok(db, "settings", "keymap", "tick=x").lines == ["keymap = tick=x"]


# --------------------------------------------------------------------- the app


async def test_a_remapped_tick_ticks_and_shows_its_new_key(fresh_store):
    fresh_store.set_setting("keymap", "tick=x")
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert footer_keys(app)["Tick"] == "x"
        await pilot.press("space")  # not the tick any more
        await pilot.pause()
        assert ticked_today(fresh_store) == set()
        await pilot.press("x")
        await pilot.pause()
        assert ticked_today(fresh_store) == {1}
        assert app.query_one(ChecklistView).border_subtitle == "1 of 3 done"
        await pilot.press("question_mark")
        await pilot.pause()
        # enter stays the option list's: it selects the row, which ticks it as a click does
        assert re.search(r"^x ⏎ +Tick$", help_text(app), re.MULTILINE)


async def test_help_shows_remapped_keys_of_a_widget_without_the_focus(fresh_store):
    fresh_store.set_setting("keymap", "week_back=k,prev_day=comma")
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = help_text(app)
        assert re.search(r"^k +Week back \(in the calendar\)$", text, re.MULTILINE)
        assert re.search(r"^, +Day before$", text, re.MULTILINE)


async def test_a_keymap_set_while_the_app_is_open_applies(fresh_store):
    app = RehabApp(fresh_store, today=TODAY, poll_seconds=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        other = Store.open(fresh_store.path, TODAY)
        other.set_setting("keymap", "undo=z")
        other.close()
        # The app polls every 0.05 s; under load a poll can come late.
        for _ in range(60):
            await pilot.pause(0.05)
            if footer_keys(app).get("Undo") == "z":
                break
        assert footer_keys(app)["Undo"] == "z"


async def test_the_habits_screen_palette_offers_its_own_actions(fresh_store):
    from rehab_tui.tui.screens.habit_form import HabitForm

    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Add a habit" in commands and "Tick or untick" not in commands
        await commands["Add a habit"].callback()
        await pilot.pause()
        assert isinstance(app.screen, HabitForm)


async def test_the_session_hints_name_the_remapped_keys(fresh_store):
    from textual.widgets import Static

    fresh_store.set_setting("keymap", "session_done=d,session_start_pause=o")
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        hint = str(app.screen.query_one("#hint", Static).render())
        assert hint.startswith("o to start · d if you did it"), hint
        await pilot.press("d")  # the first item done with its new key
        await pilot.pause()
        assert ticked_today(fresh_store) == {1}


async def test_a_dialog_answers_to_its_remapped_key(fresh_store):
    from datetime import timedelta

    from rehab_tui.tui.screens.confirm import ConfirmScreen

    fresh_store.set_setting("keymap", "confirm_yes=j")
    before = TODAY - timedelta(days=14)  # a day before the routine's start
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["left"] * 14, "space")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")  # not the yes any more
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("j")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert fresh_store.habit(1).start == before


async def test_the_body_form_names_its_remapped_keys(fresh_store):
    from textual.widgets import Static

    fresh_store.set_setting("keymap", "body_save=ctrl+s")
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert "^s record" in str(app.screen.query_one("#hint", Static).render())


def test_a_bad_stored_keymap_falls_back_to_the_default_keys_with_a_mend(tmp_path: Path) -> None:
    from rehab_tui.domain.settings import Settings

    settings, warnings = Settings.read({"keymap": "bogus=x"})
    assert settings.keymap == ""
    assert len(warnings) == 1 and warnings[0].endswith("Mend it with: rehab settings keymap ''")
    db = new_db(tmp_path)
    Database(db)["settings"].upsert({"key": "keymap", "value": "tick=t"}, pk="key")  # a clash, by hand
    assert ok(db, "settings", "keymap", "").lines == ["keymap = "]
