"""The snooze budget counts only snoozes that use it: skips moved in from Loop
or harsh are exempt snoozes, and the app's snooze form and `rehab snooze` ask
the same function (domain/snoozing.py), so they never disagree."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from cli_helpers import assert_error, ok, run, snooze_rows
from sqlite_utils import Database

from rehab_tui.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.snooze import SnoozeScreen

TODAY = date(2026, 11, 21)  # a Saturday


def _moved_in(path: Path) -> None:
    """A routine with two skips brought in from another tracker this week."""
    store = Store.open(path, TODAY - timedelta(days=13))
    store.snooze(TODAY - timedelta(days=1), TODAY, exempt=True, history=True)
    store.snooze(TODAY - timedelta(days=2), TODAY, exempt=True, history=True)
    store.close()


def test_the_command_line_allows_two_snoozes_and_refuses_the_third(tmp_path: Path) -> None:
    db = tmp_path / "rehab.db"
    _moved_in(db)
    ok(db, "snooze", "--date", "today", today=TODAY.isoformat())
    ok(db, "snooze", "--date", "-3", today=TODAY.isoformat())
    before = snooze_rows(db)
    assert_error(run(db, "snooze", "--date", "-4", today=TODAY.isoformat()), contains="snooze budget is spent")
    assert snooze_rows(db) == before


async def test_the_snooze_form_allows_a_snooze_after_two_exempt_ones(tmp_path: Path) -> None:
    db = tmp_path / "rehab.db"
    _moved_in(db)
    store = Store.open(db, TODAY)
    app = RehabApp(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeScreen)
        budget = str(app.screen.query_one("#budget").render())
        assert "2 of 2 snoozes left" in budget
        await pilot.click("#ok")
        await pilot.pause()
        assert not isinstance(app.screen, SnoozeScreen)
    store.close()
    assert Database(db)["snoozes"].count == 3


async def test_the_snooze_form_refuses_the_third_ordinary_snooze(tmp_path: Path) -> None:
    db = tmp_path / "rehab.db"
    _moved_in(db)
    store = Store.open(db, TODAY)
    store.snooze(TODAY - timedelta(days=3), TODAY)
    store.snooze(TODAY - timedelta(days=4), TODAY)
    app = RehabApp(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert "budget is spent" in str(app.screen.query_one("#budget").render())
    store.close()
    assert Database(db)["snoozes"].count == 4
