"""The pause form (`p`): a first day, the habit's pauses shown and changed, a
long pause asked twice (docs/architecture.md, "Snoozes and pauses")."""

from __future__ import annotations

from datetime import date

from conftest import TODAY
from sqlite_utils import Database
from textual.widgets import Static

from rehab_tui.domain.model import Pause
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.pause import PauseScreen


def pauses(store) -> list[tuple[int, str, str, str]]:
    return [(r["habit_id"], r["start"], r["until"], r["reason"]) for r in Database(store.path)["pauses"].rows]


def shown(app: RehabApp, widget_id: str) -> str:
    return str(app.screen.query_one(widget_id, Static).render())


async def test_a_pause_from_a_later_day_then_changed_from_the_form(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        assert shown(app, "#held") == "Not paused, nothing planned."
        await pilot.press("tab", *"mon", "tab", *"Nov 27", "tab", *"physio")
        await pilot.pause()
        assert shown(app, "#until-help") == "New pause: 2026-11-23 (Mon) – 2026-11-27 (Fri), 5 days (physio)"
        await pilot.press("enter")
        await pilot.pause()
        assert pauses(fresh_store) == [(1, "2026-11-23", "2026-11-27", "physio")]

        await pilot.press("p")
        await pilot.pause()
        assert shown(app, "#held") == "Planned: 2026-11-23 (Mon) – 2026-11-27 (Fri), 5 days (physio)"
        await pilot.press("tab", "tab", *"Dec 4")  # no first day: the planned pause's own
        await pilot.pause()
        assert shown(app, "#until-help") == (
            "Changes the planned pause to: 2026-11-23 (Mon) – 2026-12-04 (Fri), 12 days (physio)"
        )
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PauseScreen)
        assert pauses(fresh_store) == [(1, "2026-11-23", "2026-12-04", "physio")]


async def test_a_long_pause_needs_a_second_press(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("tab", "tab", *"Nov 1", "enter")  # the next Nov 1 is in 2027
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        assert pauses(fresh_store) == []
        assert "346 days, more than 8 weeks" in shown(app, "#until-help")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PauseScreen)
        assert pauses(fresh_store) == [(1, TODAY.isoformat(), "2027-11-01", "")]


async def test_end_pause_cancels_the_planned_pause(fresh_store):
    fresh_store.pause(1, date(2026, 11, 27), today=TODAY, start=date(2026, 11, 25), reason="physio")
    fresh_store.bring_pause(1, Pause(date(2026, 11, 1), date(2026, 11, 3), "flu"))  # over: not listed
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert shown(app, "#held") == "Planned: 2026-11-25 (Wed) – 2026-11-27 (Fri), 3 days (physio)"
        await pilot.click("#end")
        await pilot.pause()
        assert not isinstance(app.screen, PauseScreen)
        assert pauses(fresh_store) == [(1, "2026-11-01", "2026-11-03", "flu")]
