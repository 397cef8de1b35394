"""The guided session, `m` on the checklist and the drop-off note, driven through
Pilot on real database files with a monotonic clock the test moves."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from datetime import date, timedelta

import pytest
from conftest import TODAY
from session_helpers import FakeMonotonic
from sqlite_utils import Database
from textual.widgets import Digits, Static

from rehab_tui.domain.drop_off import drop_off
from rehab_tui.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.drop_off import DropOffNote
from rehab_tui.tui.screens.session import SessionScreen
from rehab_tui.tui.screens.session_summary import SessionSummary
from rehab_tui.tui.widgets.checklist import MIN_BOX, ChecklistView

STICK, BALL, PLANK, GLUTES = 1, 2, 3, 5  # the default routine's ids (4, Acupuncture, is off on Saturdays)


def doses(store: Store) -> dict[int, str]:
    """Today's check-ins as the file holds them: habit id -> dose."""
    rows = Database(store.path)["checkins"].rows_where("day = ?", [TODAY.isoformat()])
    return {row["habit_id"]: row["dose"] for row in rows}


@pytest.fixture
def routine(fresh_store):
    """The default routine, with Plank hip dips turned into held sets with rests:
    three habits with holds and sides, one of them with sets and rests."""
    fresh_store.edit_habit(PLANK, TODAY, prescription={"sets": 2, "reps": None, "hold": 20, "rest": 15})
    return fresh_store


def shown(app: RehabApp, name: str) -> str:
    return str(app.screen.query_one(f"#{name}", Static).render())


def digits(app: RehabApp) -> str:
    return app.screen.query_one(Digits).value


async def advance(pilot, clock: FakeMonotonic, seconds: float) -> None:
    """Let time pass and redraw once (the interval only triggers redraws)."""
    clock.advance(seconds)
    pilot.app.screen.tick()
    await pilot.pause()


async def start_session(pilot) -> SessionScreen:
    await pilot.pause()
    await pilot.press("g")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    return pilot.app.screen


async def test_a_session_walks_the_open_items_in_order_and_checks_each_in_as_it_ends(routine):
    clock = FakeMonotonic()
    app = RehabApp(routine, today=TODAY, monotonic=clock)
    bells = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.bell = lambda: bells.append(clock.now)
        screen = await start_session(pilot)
        # The due items, then the weekly quota still open this week.
        assert [h.name for h in screen.habits] == [
            "Stick rolling",
            "Lacrosse ball glute release",
            "Plank hip dips",
            "Glute and hip strength",
        ]
        assert shown(app, "name") == "Stick rolling"
        assert shown(app, "plan") == "after every run, or before bed"
        assert shown(app, "progress") == "item 1 of 4 · left side"
        assert shown(app, "next") == "next: right side"
        assert digits(app) == "60"

        await pilot.press("space")
        await advance(pilot, clock, 60)
        assert (digits(app), shown(app, "step")) == ("60", "hold 60 s, right side")
        assert bells == [clock.now]  # a bell as the side changed
        assert doses(routine) == {}
        await advance(pilot, clock, 60)
        assert doses(routine) == {STICK: "full"}  # in the file the moment it ended
        assert shown(app, "name") == "Lacrosse ball glute release"

        # One redraw long after the whole item has run still ends it: time, not ticks, counts.
        await pilot.press("space")
        await advance(pilot, clock, 200)
        assert doses(routine) == {STICK: "full", BALL: "full"}

        assert shown(app, "progress") == "item 3 of 4 · set 1 of 2 · left side"
        await pilot.press("space")
        await advance(pilot, clock, 40)
        assert shown(app, "progress") == "item 3 of 4 · rest, then set 2 of 2"
        assert (digits(app), shown(app, "step"), shown(app, "next")) == (
            "15",
            "rest 15 s",
            "next: set 2 of 2, left side",
        )
        await advance(pilot, clock, 15 + 20)
        assert shown(app, "next") == "next: check-in, then Glute and hip strength"
        await advance(pilot, clock, 20)
        assert doses(routine) == {STICK: "full", BALL: "full", PLANK: "full"}

        # `n` passes the quota habit by; the session ends on a summary.
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SessionSummary)
        summary = str(app.screen.query_one(Static).render())
        assert "Glute and hip strength" in summary and "skipped" in summary
        assert "3 of 4 checked in" in summary
        assert "Routine" in summary and "0 → 1 day" in summary
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(ChecklistView).border_subtitle == "all 3 done today ✔"
    assert GLUTES not in doses(routine)


async def test_the_countdown_shows_the_second_the_clock_says(routine):
    clock = FakeMonotonic()
    app = RehabApp(routine, today=TODAY, monotonic=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("space")
        await pilot.pause()
        assert (digits(app), shown(app, "progress")) == ("60", "item 1 of 4 · left side")
        await advance(pilot, clock, 45)
        assert (digits(app), shown(app, "progress")) == ("15", "item 1 of 4 · left side")
        await advance(pilot, clock, 45)
        assert (digits(app), shown(app, "progress")) == ("30", "item 1 of 4 · right side")


async def test_pause_holds_the_countdown_and_space_goes_on(routine):
    clock = FakeMonotonic()
    app = RehabApp(routine, today=TODAY, monotonic=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("space")
        await advance(pilot, clock, 10)
        await pilot.press("space")
        await advance(pilot, clock, 300)
        assert digits(app) == "50"
        assert shown(app, "hint").startswith("paused")
        await pilot.press("space")
        await advance(pilot, clock, 5)
        assert digits(app) == "45"
    assert doses(routine) == {}


async def test_reps_are_finished_with_enter_and_the_rest_then_runs(fresh_store):
    clock = FakeMonotonic()
    app = RehabApp(fresh_store, today=TODAY, monotonic=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("n", "n")  # on to Plank hip dips: 3 × 12 each side, rest 30 s
        await pilot.pause()
        assert shown(app, "step") == "12 reps, left side — enter when done"
        assert digits(app) == "12"
        await advance(pilot, clock, 500)  # reps wait for the person
        assert shown(app, "step") == "12 reps, left side — enter when done"
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app, "step") == "12 reps, right side — enter when done"
        await pilot.press("enter")
        await advance(pilot, clock, 10)
        assert (shown(app, "step"), digits(app)) == ("rest 30 s", "20")
        assert PLANK not in doses(fresh_store)
        # Enter on a timed step: the whole item is done.
        await pilot.press("enter")
        await pilot.pause()
        assert doses(fresh_store) == {PLANK: "full"}


async def test_m_records_the_minimum_or_first_runs_a_shorter_one(routine):
    clock = FakeMonotonic()
    app = RehabApp(routine, today=TODAY, monotonic=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        # Stick rolling's minimum is in words only: `m` records it and moves on.
        await pilot.press("m")
        await pilot.pause()
        assert doses(routine) == {STICK: "min"}
        assert shown(app, "name") == "Lacrosse ball glute release"
        # Its minimum is a 30 s hold: `m` before starting runs that instead.
        assert "m runs the minimum" in shown(app, "hint")
        await pilot.press("m")
        await pilot.pause()
        assert digits(app) == "30" and shown(app, "dose").startswith("minimum dose")
        assert BALL not in doses(routine)
        await pilot.press("space")
        await advance(pilot, clock, 60)
        assert doses(routine) == {STICK: "min", BALL: "min"}
        # Under way, `m` records the minimum at once.
        await pilot.press("space")
        await advance(pilot, clock, 5)
        await pilot.press("m")
        await pilot.pause()
        assert doses(routine)[PLANK] == "min"
        await pilot.press("escape")
        await pilot.pause()
        summary = str(app.screen.query_one(Static).render())
        assert summary.count("minimum") == 3 and "not done" in summary


async def test_escape_ends_the_session_and_keeps_what_was_done(routine):
    clock = FakeMonotonic()
    app = RehabApp(routine, today=TODAY, monotonic=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("enter")  # Stick rolling done without the timer
        await pilot.press("space")
        await advance(pilot, clock, 30)  # Lacrosse ball half-way
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionSummary)
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(ChecklistView).border_subtitle == "1 of 3 done"
    assert doses(routine) == {STICK: "full"}


async def test_an_enter_too_many_after_the_summary_ticks_nothing_and_space_then_ticks_the_next(routine):
    clock = FakeMonotonic()
    app = RehabApp(routine, today=TODAY, monotonic=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("enter", "escape")  # Stick rolling done, then the session ends
        await pilot.pause()
        assert isinstance(app.screen, SessionSummary)
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        checklist = app.query_one(ChecklistView)
        # The cursor rests on the next open habit; the extra enters ticked nothing on or off.
        assert doses(routine) == {STICK: "full"} and checklist.highlighted == 1
        await pilot.press("space")
        await pilot.pause()
        assert doses(routine) == {STICK: "full", BALL: "full"}
        clock.advance(1)  # a moment later, enter is a tick again
        await pilot.press("enter")
        await pilot.pause()
    assert doses(routine) == {STICK: "full", BALL: "full", PLANK: "full"}


async def test_back_returns_to_an_item_and_n_skips_without_ticking(routine):
    app = RehabApp(routine, today=TODAY, monotonic=FakeMonotonic())
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("n", "n")
        await pilot.pause()
        assert shown(app, "name") == "Plank hip dips"
        await pilot.press("b")
        await pilot.pause()
        assert shown(app, "name") == "Lacrosse ball glute release"
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app, "name") == "Plank hip dips"
    assert doses(routine) == {BALL: "full"}


async def test_names_cues_and_plans_show_as_typed_never_as_markup(routine):
    routine.edit_habit(
        STICK, TODAY, name="[b]Stick[/b] rolling", cue="[@click=app.quit]roll[/]", when="[red]after[/red] a run"
    )
    app = RehabApp(routine, today=TODAY, monotonic=FakeMonotonic())
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        assert shown(app, "name") == "[b]Stick[/b] rolling"
        assert shown(app, "cue") == "[@click=app.quit]roll[/]"
        assert shown(app, "plan") == "[red]after[/red] a run"
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert "[b]Stick[/b] rolling" in str(app.screen.query_one(Static).render())


async def test_g_with_nothing_open_opens_nothing(routine):
    routine.check_in([STICK, BALL, PLANK, GLUTES], TODAY, TODAY)
    app = RehabApp(routine, today=TODAY, monotonic=FakeMonotonic())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert not isinstance(app.screen, SessionScreen)


async def test_m_on_the_checklist_ticks_the_minimum_and_shows_it_apart(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert doses(fresh_store) == {STICK: "min"}
        checklist = app.query_one(ChecklistView)
        first = str(checklist.get_option_at_index(0).prompt)
        assert first.startswith(MIN_BOX) and "minimum dose" in first
        assert checklist.border_subtitle == "1 of 3 done"
        # A full tick on the next one keeps the full box.
        await pilot.press("space")
        await pilot.pause()
        assert doses(fresh_store) == {STICK: "min", BALL: "full"}
        assert str(checklist.get_option_at_index(1).prompt).startswith("✔")
        # `m` on a full tick makes it a minimum one.
        await pilot.press("up", "m")
        await pilot.pause()
        assert doses(fresh_store) == {STICK: "min", BALL: "min"}


# ------------------------------------------------------------ the drop-off note


@pytest.fixture
def fallen_off(tmp_path):
    """Three good weeks, then a week with one check-in."""
    store = Store.open(tmp_path / "fallen.db", TODAY - timedelta(days=40))
    good = [TODAY - timedelta(days=n) for n in range(7, 35)]
    for habit_id in (STICK, BALL, PLANK):
        store.record_checkins(habit_id, dict.fromkeys(good), TODAY)
    store.check_in([STICK], TODAY - timedelta(days=3), TODAY)
    yield store
    store.close()


async def test_a_fall_off_shows_the_note_in_numbers_and_g_starts_a_minimum_session(fallen_off):
    dropped = drop_off(fallen_off.journal(), TODAY)
    assert dropped is not None
    clock = FakeMonotonic()
    app = RehabApp(fallen_off, today=TODAY, monotonic=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DropOffNote)
        words = str(app.screen.query_one("#words", Static).render())
        assert words == dropped.words()
        assert f"{dropped.recent:.0f} %" in words and f"{dropped.before:.0f} %" in words
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.minimum_session
        # Only what is due today; each at its minimum plan.
        assert [h.id for h in screen.habits] == [STICK, BALL, PLANK]
        # Stick rolling's minimum is words alone: nothing counts down its full hold.
        assert digits(app) == "" and screen.has_class("-counted")
        await pilot.press("enter")
        await pilot.pause()
        assert doses(fallen_off) == {STICK: "min"}
        assert digits(app) == "30"  # Lacrosse ball's minimum hold
        await pilot.press("space")
        await advance(pilot, clock, 60)
        assert doses(fallen_off) == {STICK: "min", BALL: "min"}
        await pilot.press("escape", "escape")
        await pilot.pause()
        # Shown at most once a day.
        app.offer_drop_off()
        await pilot.pause()
        assert not isinstance(app.screen, DropOffNote)


async def test_escape_dismisses_the_note(fallen_off):
    app = RehabApp(fallen_off, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DropOffNote)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (DropOffNote, SessionScreen))
    assert doses(fallen_off) == {}


async def test_a_steady_history_shows_no_note(tmp_path):
    store = Store.open(tmp_path / "steady.db", TODAY - timedelta(days=40))
    for habit_id in (STICK, BALL, PLANK):
        store.record_checkins(habit_id, dict.fromkeys(TODAY - timedelta(days=n) for n in range(1, 35)), TODAY)
    assert drop_off(store.journal(), TODAY) is None
    app = RehabApp(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, DropOffNote)
    store.close()


# ------------------------------------------------------------ a kill mid-session

KILLED = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import date
    from rehab_tui.store import Store
    from rehab_tui.tui.app import RehabApp

    class Clock:
        now = 1000.0
        def __call__(self):
            return self.now

    async def main():
        clock = Clock()
        store = Store.open(sys.argv[1], date(2026, 11, 8))
        app = RehabApp(store, today=date.fromisoformat(sys.argv[2]), monotonic=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("g")
            await pilot.pause()
            await pilot.press("space")
            clock.now += 120  # Stick rolling's two 60 s holds run out
            app.screen.tick()
            await pilot.pause()
            await pilot.press("space")
            clock.now += 30  # half-way through the next hold
            app.screen.tick()
            print("one done", flush=True)
            await asyncio.sleep(60)

    asyncio.run(main())
    """
)


@pytest.mark.slow
def test_a_kill_mid_session_keeps_every_item_finished_before_it(tmp_path):
    db = tmp_path / "killed.db"
    script = tmp_path / "session.py"
    script.write_text(KILLED)
    proc = subprocess.Popen(
        [sys.executable, str(script), str(db), TODAY.isoformat()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line == "one done\n", proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
    assert proc.returncode == -signal.SIGKILL
    store = Store.open(db, TODAY)
    try:
        assert doses(store) == {STICK: "full"}
    finally:
        store.close()


async def test_the_note_names_an_item_without_a_minimum_plainly(fallen_off):
    """An item with no prescription is listed by name alone, no dangling dot."""
    plank = fallen_off.habit(PLANK)
    fallen_off.edit_habit(
        PLANK, TODAY, prescription={"sets": None, "reps": None, "sides": False, "rest": None, "min_sets": None}
    )
    app = RehabApp(fallen_off, today=TODAY, monotonic=FakeMonotonic())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DropOffNote)
        items = str(app.screen.query_one("#items", Static).render()).splitlines()
        assert f"• {plank.name}" in items
        assert all(not line.rstrip().endswith("·") for line in items)


async def test_the_note_is_shown_once_a_day_however_often_the_app_opens(fallen_off):
    async def shown(today: date) -> bool:
        app = RehabApp(fallen_off, today=today)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            seen = isinstance(app.screen, DropOffNote)
            await pilot.press("escape")
        return seen

    assert await shown(TODAY)
    assert not await shown(TODAY)  # a second start the same day
    assert await shown(TODAY + timedelta(days=1))  # still fallen off the next day
