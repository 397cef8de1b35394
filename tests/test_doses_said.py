"""Doses said and undoable; refusals of what rests or ticks nothing (issue 21).

docs/architecture.md, "The minimum dose", "Snoozes and pauses" and "The TUI":
a `done` that changes a day's dose says so, the app's `u` and ctrl+z put back
what was there before (the dose included), a minimum dose nobody set is
refused, so is a snooze of a habit on a day it is not due, and a tick on a
paused day is noted (command line) or asked about (app).

The command-line runs act on Saturday 2026-11-21 (cli_helpers.TODAY); the app
tests on the same day (conftest.TODAY). The default routine: Stick rolling,
Lacrosse ball glute release and Plank hip dips daily (each with a minimum),
Acupuncture tue,fri (no minimum), Glute and hip strength 1/week.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from cli_helpers import assert_error, dump, new_db, ok, rows, run
from conftest import TODAY
from sqlite_utils import Database

from rehab_tui.domain.prescription import Dose
from rehab_tui.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.confirm import ConfirmScreen
from rehab_tui.tui.screens.snooze import SnoozeScreen
from rehab_tui.tui.widgets.checklist import ChecklistView

STICK, BALL, PLANK, ACUPUNCTURE = 1, 2, 3, 4


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


def doses(store: Store) -> dict[int, str]:
    """Today's check-ins: habit id → dose, read straight from the file."""
    found = Database(store.path)["checkins"].rows_where("day = ?", [TODAY.isoformat()])
    return {r["habit_id"]: r["dose"] for r in found}


def said(app: RehabApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def highlight(app: RehabApp, habit_id: int) -> None:
    checklist = app.query_one(ChecklistView)
    checklist.highlighted = next(n for n, item in enumerate(checklist.listing.items) if item.log.habit.id == habit_id)


# ------------------------------------------------- the command line: refusals


def test_done_min_on_a_habit_without_a_minimum_is_refused_and_says_how_to_set_one(db: Path) -> None:
    before = dump(db)
    message = assert_error(run(db, "done", "acu", "--min", "--date", "2026-11-20"))
    assert message == (
        "error: Acupuncture has no minimum dose; set one with: rehab habit edit acupuncture --min 'one set'"
    )
    # With others named alongside: nothing at all is recorded.
    assert_error(run(db, "done", "stick", "acu", "--min", "--date", "2026-11-20"), contains="no minimum dose")
    assert dump(db) == before
    # Once it has one, the minimum is taken.
    ok(db, "habit", "edit", "acu", "--min", "half a session")
    assert "at the minimum dose (half a session)" in ok(db, "done", "acu", "--min", "--date", "2026-11-20").out


def test_snoozing_a_habit_on_a_day_it_is_not_due_is_refused_with_the_next_due_day(db: Path) -> None:
    before = dump(db)
    message = assert_error(run(db, "snooze", "--habit", "acu", "--date", "2026-11-22"))
    assert "Acupuncture is not due on 2026-11-22 (Sun); next due 2026-11-24 (Tue)" in message
    assert "no snooze used" in message
    assert dump(db) == before
    # On a day it is due, and the whole of that Sunday, a snooze is taken as before.
    ok(db, "snooze", "--habit", "acu", "--date", "2026-11-24")
    ok(db, "snooze", "--date", "2026-11-22")
    assert [(r["day"], r["habit_id"]) for r in rows(db, "snoozes")] == [("2026-11-24", 4), ("2026-11-22", None)]


def test_a_tick_on_a_paused_day_is_recorded_and_says_the_habit_is_paused(db: Path) -> None:
    ok(db, "pause", "plank", "--until", "2026-11-27", "--reason", "physio")
    out = ok(db, "done", "plank").out
    assert out.startswith("✔ Plank hip dips done on 2026-11-21 (Sat)")
    assert out.rstrip().endswith("; note: Plank hip dips is paused through 2026-11-27 (Fri) (physio)")
    assert [r["day"] for r in rows(db, "checkins")] == ["2026-11-21"]
    # A habit that is not paused says nothing of pauses.
    assert "paused" not in ok(db, "done", "stick").out


# ---------------------------------------------------------------- the app


async def test_u_and_ctrl_z_put_back_the_dose_a_tick_replaced(fresh_store: Store) -> None:
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        highlight(app, STICK)
        await pilot.press("space")
        await pilot.pause()
        highlight(app, STICK)
        await pilot.press("m")
        await pilot.pause()
        assert doses(fresh_store) == {STICK: "min"}
        assert "Stick rolling: full → minimum on Sat 21 Nov" in said(app)
        # `u` on the row puts back the full tick `m` replaced, not nothing.
        highlight(app, STICK)
        await pilot.press("u")
        await pilot.pause()
        assert doses(fresh_store) == {STICK: "full"}
        # ctrl+z then takes back the tick itself.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert doses(fresh_store) == {}
        assert "Undone: the tick of Stick rolling on Sat 21 Nov." in said(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert doses(fresh_store) == {}
        assert said(app)[-1].startswith("Nothing to undo")


async def test_ctrl_z_gives_a_minimum_dose_back_after_an_untick(fresh_store: Store) -> None:
    fresh_store.check_in([PLANK], TODAY, TODAY, dose=Dose.MIN)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        highlight(app, PLANK)
        await pilot.press("space")  # a done row unticks
        await pilot.pause()
        assert doses(fresh_store) == {}
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert doses(fresh_store) == {PLANK: "min"}
        assert app.query_one(ChecklistView).border_subtitle == "1 of 3 done"


async def test_ctrl_z_after_an_untick_gives_the_note_back_too(fresh_store: Store) -> None:
    """An untick deletes the check-in with its note; taking it back loses nothing."""
    fresh_store.check_in([PLANK], TODAY, TODAY, note="left side tight", dose=Dose.MIN)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        highlight(app, PLANK)
        await pilot.press("space")
        await pilot.pause()
        assert doses(fresh_store) == {}
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert doses(fresh_store) == {PLANK: "min"}
        assert fresh_store.journal().log(PLANK).notes == {TODAY: "left side tight"}


async def test_ctrl_z_takes_a_snooze_back(fresh_store: Store) -> None:
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeScreen)
        await pilot.press("tab", "enter")  # enter in the reason confirms
        await pilot.pause()
        assert [s.day for s in fresh_store.snoozes()] == [TODAY]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert fresh_store.snoozes() == []
        assert app.query_one(ChecklistView).border_subtitle == "0 of 3 done"


async def test_m_on_a_habit_without_a_minimum_is_refused_and_records_nothing(fresh_store: Store) -> None:
    tuesday = TODAY + timedelta(days=3)
    app = RehabApp(fresh_store, today=tuesday)
    async with app.run_test(size=(80, 24)) as pilot:
        highlight(app, ACUPUNCTURE)
        await pilot.press("m")
        await pilot.pause()
        assert Database(fresh_store.path)["checkins"].count == 0
        assert any("Acupuncture has no minimum dose; set one with" in text for text in said(app))


async def test_a_tick_on_a_paused_day_asks_first(fresh_store: Store) -> None:
    fresh_store.pause(STICK, TODAY + timedelta(days=6), start=TODAY, reason="physio", today=TODAY)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        highlight(app, STICK)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "paused through Fri 27 Nov (physio)" in str(app.screen.query_one("#question").render())
        await pilot.press("n")
        await pilot.pause()
        assert doses(fresh_store) == {}
        highlight(app, STICK)
        await pilot.press("space", "y")
        await pilot.pause()
        assert doses(fresh_store) == {STICK: "full"}
