"""Forms that keep what was typed: focus in screen order, an added area not
dropped, escape asking before it discards changes (Pilot on real files)."""

from __future__ import annotations

from conftest import TODAY
from sqlite_utils import Database

from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.body import BodyScreen, PainRow
from rehab_tui.tui.screens.confirm import ConfirmScreen
from rehab_tui.tui.screens.habit_form import HabitForm
from rehab_tui.tui.screens.habits import HabitsScreen
from rehab_tui.tui.screens.pause import PauseScreen
from rehab_tui.tui.screens.snooze import SnoozeScreen


def focused_id(app: RehabApp) -> str | None:
    return app.focused.id if app.focused else None


async def test_snooze_focus_starts_on_what_rests_and_tab_goes_down_the_form(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeScreen)
        assert focused_id(app) == "target"  # "What rests", the first field shown
        await pilot.press("tab", *"stiff", "tab")
        assert focused_id(app) == "area"  # the field under Reason
        await pilot.press(*"knee", "tab")
        assert focused_id(app) == "pain"
        await pilot.press("3", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, SnoozeScreen)
    db = Database(fresh_store.path)
    assert [r["reason"] for r in db["snoozes"].rows] == ["stiff"]
    assert [(r["area"], r["pain"]) for r in db["readings"].rows] == [("knee", 3)]


async def test_pause_focus_starts_on_the_habit(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        assert focused_id(app) == "habit"
        await pilot.press("tab")
        assert focused_id(app) == "from"
        await pilot.press("tab")
        assert focused_id(app) == "until"


async def test_an_added_area_without_a_level_keeps_the_form_open(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BodyScreen)
        await pilot.press(*"left knee", "enter")  # added, focus on its row
        await pilot.press("enter")  # record, without a level
        await pilot.pause()
        assert isinstance(app.screen, BodyScreen)
        assert [row.area for row in app.screen.query(PainRow)] == ["left knee"]
        assert any("Rate left knee first" in n.message for n in app._notifications)
        await pilot.press("4", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, BodyScreen)
    assert [(r["area"], r["pain"]) for r in Database(fresh_store.path)["readings"].rows] == [("left knee", 4)]


async def open_edit_form(pilot) -> None:
    await pilot.press("h")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HabitsScreen)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HabitForm)


async def test_escape_on_a_changed_habit_form_asks_before_discarding(fresh_store):
    name = fresh_store.habit(1).name
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_edit_form(pilot)
        await pilot.press("end", *" twice")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no: back to the form, the typing kept
        await pilot.pause()
        assert isinstance(app.screen, HabitForm)
        assert app.screen.query_one("#name").value == f"{name} twice"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, HabitsScreen)
    assert fresh_store.habit(1).name == name


async def test_escape_on_an_unchanged_form_closes_at_once(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_edit_form(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HabitsScreen)
        await pilot.press("escape", "s")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SnoozeScreen | ConfirmScreen)


async def test_escape_on_a_body_form_with_a_level_set_asks(fresh_store):
    fresh_store.record_pain(TODAY, "lower back", 2, TODAY)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("5", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, BodyScreen | ConfirmScreen)
    assert [r["pain"] for r in Database(fresh_store.path)["readings"].rows] == [2]
