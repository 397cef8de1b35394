"""The drop-off net for a new routine (docs/architecture.md, "The drop-off
note"): a good first week, then days well below it, give the note in week two,
in `streaks --json` and in the app; a steady routine with one bad day, a
routine's first week and a resting day give none."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_helpers import ok

from rehab_tui.domain.drop_off import drop_off
from rehab_tui.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.drop_off import DropOffNote

DAY_1 = date(2026, 11, 2)  # a Monday: the routine's first day


def day(n: int) -> date:
    """The routine's n-th day (day 1 is its first)."""
    return DAY_1 + timedelta(days=n - 1)


def newcomer(path: Path, *, full_days: range, one_item_days: range) -> Path:
    """The example routine started on day 1: every habit done on `full_days`,
    only the first habit on `one_item_days`."""
    store = Store.open(path, DAY_1)
    habits = store.habits()
    last = max([*full_days, *one_item_days])
    for habit in habits:
        store.record_checkins(habit.id, dict.fromkeys(day(n) for n in full_days), day(last))
    store.record_checkins(habits[0].id, dict.fromkeys(day(n) for n in one_item_days), day(last))
    store.close()
    return path


def drop_json(db: Path, n: int) -> dict | None:
    return ok(db, "streaks", "--json", today=day(n).isoformat()).json["drop_off"]


def test_a_perfect_first_week_then_single_items_gives_the_note_by_day_12(tmp_path: Path) -> None:
    db = newcomer(tmp_path / "rehab.db", full_days=range(1, 8), one_item_days=range(8, 12))
    # Days 8 and 9 are too few to call a fall; from day 11 three days count.
    assert drop_json(db, 9) is None
    assert drop_json(db, 10) is None
    fell = drop_json(db, 12)
    assert fell == {"rule": "first_week", "recent": 0.0, "recent_days": 5, "before": 100.0, "before_days": 7}
    assert drop_json(db, 11) == {**fell, "recent_days": 4}


async def test_the_app_shows_the_note_on_day_12(tmp_path: Path) -> None:
    db = newcomer(tmp_path / "rehab.db", full_days=range(1, 8), one_item_days=range(8, 12))
    store = Store.open(db, day(12))
    app = RehabApp(store, today=day(12))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DropOffNote)
        assert "in its first week" in app.screen.dropped.words()
    store.close()


@pytest.mark.parametrize("n", range(9, 15))
def test_a_steady_routine_with_one_bad_day_gets_none(tmp_path: Path, n: int) -> None:
    db = newcomer(tmp_path / "rehab.db", full_days=range(1, 15), one_item_days=range(8, 8))
    store = Store.open(db, day(n))
    # Day 8: one item of the routine; every other day complete.
    for habit in store.habits()[1:]:
        store.undo([habit.id], day(8))
    assert drop_off(store.journal(), day(n)) is None
    store.close()


def test_the_first_week_itself_never_gives_the_note(tmp_path: Path) -> None:
    db = newcomer(tmp_path / "rehab.db", full_days=range(1, 2), one_item_days=range(2, 8))
    for n in range(1, 8):
        assert drop_json(db, n) is None


def test_a_snoozed_day_gives_no_note(tmp_path: Path) -> None:
    db = newcomer(tmp_path / "rehab.db", full_days=range(1, 8), one_item_days=range(8, 11))
    assert drop_json(db, 11) is not None
    ok(db, "snooze", "--date", day(11).isoformat(), today=day(11).isoformat())
    assert drop_json(db, 11) is None
