"""A restore of an older backup on a machine that syncs (docs/decisions.md,
"Sync merges records, not rows, with a real CRDT"): the file's document goes
back, but this device's client id has written more since. Its own file in the
folder is merged first, so what it writes next is new to every machine rather
than a reuse of writes they already hold."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from conftest import TODAY

from rehab_tui.formats.export import export_data
from rehab_tui.store import Store
from rehab_tui.sync import engine

NOW = datetime(2026, 11, 21, 8, tzinfo=UTC)


def exported(store: Store) -> dict:
    data = export_data(store.contents())
    data.pop("exported_at")
    return data


def done_today(store: Store) -> set[str]:
    return {log.habit.slug for log in store.journal().logs if TODAY in log.done}


def test_a_tick_after_restoring_an_older_backup_reaches_the_other_machine(tmp_path: Path) -> None:
    laptop = Store.open(tmp_path / "laptop.db", TODAY)
    desktop = Store.open(tmp_path / "desktop.db", TODAY, example=False)
    engine.init(laptop, tmp_path / "share", TODAY, NOW, name="laptop")
    engine.init(desktop, tmp_path / "share", TODAY, NOW, name="desktop")
    ids = {h.slug: h.id for h in laptop.habits()}
    older = laptop.backup(tmp_path / "older.db")
    laptop.check_in([ids["stick-rolling"]], TODAY, TODAY)
    engine.sync(laptop, TODAY, NOW)
    laptop.restore(older)  # the document in the file goes back with it
    laptop.check_in([ids["plank-hip-dips"]], TODAY, TODAY)
    engine.sync(laptop, TODAY, NOW)
    engine.sync(desktop, TODAY, NOW)
    # The tick made after the restore arrives; the one synced before it stays synced.
    assert done_today(desktop) == {"stick-rolling", "plank-hip-dips"}
    engine.sync(laptop, TODAY, NOW)
    assert exported(laptop) == exported(desktop)
