"""The app's side of `rehab sync` (docs/architecture.md, "Sync"): a file that
syncs syncs when the app opens (a quiet line says what came in, and the
checklist shows it) and shortly after a change made in the app, so the other
machine brings it in. The syncs run in a thread on their own connection; the
tests wait for those workers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from conftest import TODAY

from rehab_tui.store import Store
from rehab_tui.sync import engine
from rehab_tui.tui import syncing
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.widgets.checklist import ChecklistView

NOW = datetime(2026, 11, 21, 8, tzinfo=UTC)


def two_machines(tmp_path: Path) -> tuple[Store, Store]:
    """A laptop with the example routine and a desktop that took it in, both syncing."""
    laptop = Store.open(tmp_path / "laptop.db", TODAY)
    desktop = Store.open(tmp_path / "desktop.db", TODAY, example=False)
    engine.init(laptop, tmp_path / "share", TODAY, NOW, name="laptop")
    engine.init(desktop, tmp_path / "share", TODAY, NOW, name="desktop")
    return laptop, desktop


def done_today(store: Store) -> set[str]:
    return {log.habit.slug for log in store.journal().logs if TODAY in log.done}


async def test_the_app_brings_in_the_other_machines_tick_when_it_opens(tmp_path: Path) -> None:
    laptop, desktop = two_machines(tmp_path)
    stick = next(h.id for h in desktop.habits() if h.slug == "stick-rolling")
    desktop.check_in([stick], TODAY, TODAY)
    engine.sync(desktop, TODAY, NOW)
    app = RehabApp(laptop, today=TODAY, poll_seconds=0.05)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)  # the poll sees the sync's commit and reloads
        assert any(str(n.message) == "Sync brought in 1 check-in." for n in app._notifications)
        items = app.query_one(ChecklistView).listing.items
        assert [i.log.habit.slug for i in items if TODAY in i.log.done] == ["stick-rolling"]


async def test_a_tick_in_the_app_reaches_the_other_machine(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(syncing, "AFTER_A_CHANGE_S", 0.05)
    laptop, desktop = two_machines(tmp_path)
    app = RehabApp(laptop, today=TODAY, poll_seconds=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("space")  # the first item, Stick rolling
        await pilot.pause(0.4)  # the poll sees the change, the timer starts the sync
        await app.workers.wait_for_complete()
    engine.sync(desktop, TODAY, NOW)
    assert done_today(desktop) == {"stick-rolling"}


async def test_a_file_that_does_not_sync_starts_no_sync(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "alone.db", TODAY)
    app = RehabApp(store, today=TODAY, poll_seconds=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        assert not app.syncs and not list(app.workers)
