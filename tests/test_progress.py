"""`v`: the progress screen on the demo history, its figures checked against the
domain's own functions, and plotext kept out of start-up."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, timedelta

import pytest
from conftest import TODAY

from rehab_tui.domain.body import area_key, areas, pain_change
from rehab_tui.domain.calendar_days import day_summary
from rehab_tui.domain.dates import week_start_of
from rehab_tui.domain.marks import SYMBOLS
from rehab_tui.domain.streaks import adherence, habit_streak, routine_adherence, routine_share, routine_streak
from rehab_tui.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.main_screen import MainScreen
from rehab_tui.tui.screens.progress import ProgressScreen, Sentence
from rehab_tui.tui.widgets.calendar import MonthCalendar
from rehab_tui.tui.widgets.year_map import LABEL, YearMap

FIRST = TODAY - timedelta(days=12 * 7 - 1)  # twelve weeks, today the last day
SENTENCE = re.compile(r"^pain in the (.+): (\d+\.\d) → (\d+\.\d) over \d+ (?:weeks|days); routine adherence (\d+) %$")


def rated_areas(readings) -> list[str]:
    """The areas with a rated reading in the twelve weeks, the most recently rated first."""
    keys = {r.key for r in readings if r.pain is not None and FIRST <= r.day <= TODAY}
    return [area for area in areas(readings) if area_key(area) in keys]


def expected_sentence(store, area: str) -> str:
    change = pain_change(store.readings(), area, FIRST, TODAY)
    return f"{change.words()}; routine adherence {routine_share(store.journal(), FIRST, TODAY, TODAY):.0f} %"


def shown_sentence(app: RehabApp) -> str:
    """The sentence as the screen shows it, its line break (if any) read as a space."""
    return " ".join(str(app.screen.query_one(Sentence).render()).split())


def picker(app: RehabApp) -> str:
    return str(app.screen.query_one("#areas").render())


async def open_progress(pilot) -> None:
    await pilot.pause()
    await pilot.press("v")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProgressScreen)


async def test_v_shows_each_area_and_the_side_by_side_sentence(demo_store):
    expected = rated_areas(demo_store.readings())
    assert len(expected) >= 3  # the demo rates three areas most days, and snoozes name others
    app = RehabApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("escape")  # the demo opens on its drop-off note
        await open_progress(pilot)
        assert re.findall("|".join(map(re.escape, expected)), picker(app)) == expected
        sentence = shown_sentence(app)
        assert sentence == expected_sentence(demo_store, expected[0])
        match = SENTENCE.match(sentence)
        assert match and match.group(1) == expected[0]
        assert float(match.group(3)) < float(match.group(2))  # the demo's pain eases
        # Nothing claims the routine did it: the two figures stand side by side.
        assert not re.search(r"because|thanks|caused|so that|led to", sentence)


async def test_arrows_step_through_the_areas(demo_store):
    readings = demo_store.readings()
    expected = rated_areas(readings)
    app = RehabApp(demo_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")  # the demo opens on its drop-off note
        await open_progress(pilot)
        await pilot.press("right")
        await pilot.pause()
        assert shown_sentence(app) == expected_sentence(demo_store, expected[1])
        await pilot.press("left", "left")  # before the first comes the last
        await pilot.pause()
        # The last area was named once, by a snooze: one reading, no trend to state.
        last = expected[-1]
        assert pain_change(readings, last, FIRST, TODAY) is None
        share = routine_share(demo_store.journal(), FIRST, TODAY, TODAY)
        assert (
            shown_sentence(app)
            == f"{last}: 1 reading in 12 weeks, too few for a trend; routine adherence {share:.0f} %"
        )


async def test_the_per_habit_table_has_4_and_12_week_adherence_and_the_best_streak(demo_store):
    journal = demo_store.journal()
    app = RehabApp(demo_store, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("escape")  # the demo opens on its drop-off note
        await open_progress(pilot)
        header, *rows = app.screen.habit_rows
        assert header.split() == ["habit", "4", "wk", "12", "wk", "best"]
        logs = journal.active_on(TODAY)
        assert len(rows) == len(logs) + 1
        for row, log in zip(rows, logs, strict=False):
            streak = habit_streak(journal, log, TODAY)
            # Days, sessions (×: the Tue/Fri habit) or weeks, docs/architecture.md, "Streaks".
            unit = {"weeks": "w", "sessions": "×", "days": "d"}[streak.unit]
            figures = [
                f"{adherence(journal, log, TODAY, 28):.0f}%",
                f"{adherence(journal, log, TODAY, 84):.0f}%",
                f"{streak.best}{unit}",
            ]
            name = log.habit.name
            assert row.startswith(name if len(name) <= 24 else name[:23] + "…")
            assert row.split()[-3:] == figures, name
        routine = [
            f"{routine_adherence(journal, TODAY, 28):.0f}%",
            f"{routine_share(journal, FIRST, TODAY, TODAY):.0f}%",
            f"{routine_streak(journal, TODAY)[1]}d",
        ]
        assert rows[-1].startswith("the routine") and rows[-1].split()[-3:] == routine


@pytest.mark.parametrize("size, cell", [((80, 24), 1), ((120, 36), 2)], ids=["80x24", "120x36"])
async def test_the_heat_map_has_a_column_a_week_marked_as_the_calendar_marks_days(demo_store, size, cell):
    journal = demo_store.journal()
    app = RehabApp(demo_store, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.press("escape")  # the demo opens on its drop-off note
        month = app.query_one(MonthCalendar).summaries  # the main screen's calendar, this month
        await open_progress(pilot)
        heat = app.screen.query_one(YearMap)
        this_week = week_start_of(TODAY, journal.week_start)
        assert heat.weeks == [this_week - timedelta(weeks=52 - k) for k in range(53)]
        assert heat.cell == cell
        lines = str(heat.render()).splitlines()
        days = lines[1:8]
        assert [len(line) for line in days] == [LABEL + 53 * cell] * 7
        # The calendar's rule and symbols, day by day: every day of this month, and today's cell.
        shared = [d for d in month if d in heat.summaries]
        assert len(shared) >= TODAY.day
        assert [heat.summaries[d].mark for d in shared] == [month[d].mark for d in shared]
        row = days[(TODAY - this_week).days]
        assert row[LABEL + 52 * cell] == SYMBOLS[day_summary(journal, TODAY, TODAY).mark]
        for k, week in enumerate(heat.weeks):
            assert days[0][LABEL + k * cell] == SYMBOLS[day_summary(journal, week, TODAY).mark]


@pytest.mark.parametrize("size, cell", [((80, 24), 1), ((120, 36), 2)], ids=["80x24", "120x36"])
async def test_a_month_beginning_in_the_last_week_has_no_name_past_the_map(tmp_path, size, cell):
    today = date(2026, 12, 1)  # its week (from Monday 30 November) holds the 1st
    store = Store.open(tmp_path / "rehab.db", today - timedelta(days=60))
    app = RehabApp(store, today=today)
    async with app.run_test(size=size) as pilot:
        await open_progress(pilot)
        months = str(app.screen.query_one(YearMap).render()).splitlines()[0]
        assert len(months) <= LABEL + 53 * cell
        assert months.split()[-1] == "Nov"
    store.close()


async def test_small_terminals_scroll_inside_and_wide_ones_sit_side_by_side(demo_store):
    app = RehabApp(demo_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")  # the demo opens on its drop-off note
        await open_progress(pilot)
        page = app.screen.query_one("#page")
        assert page.max_scroll_y > 0
        assert app.screen.query_one("#trend").region.y < app.screen.query_one("#side").region.y
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        trend, side = app.screen.query_one("#trend").region, app.screen.query_one("#side").region
        assert trend.y == side.y and trend.right <= side.x
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_without_readings_the_screen_says_so(fresh_store):
    fresh_store.check_in([1, 2, 3], TODAY - timedelta(days=1), TODAY)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_progress(pilot)
        share = routine_share(fresh_store.journal(), FIRST, TODAY, TODAY)
        assert shown_sentence(app) == (
            "No pain readings in the last 12 weeks (b on the main screen records them); "
            f"routine adherence {share:.0f} %"
        )
        assert not app.screen.query_one("#pain").display
        assert app.screen.query_one("#routine").display


PROBE = """
import asyncio, sys
from datetime import date
from rehab_tui.store import Store
from rehab_tui.tui.app import RehabApp

def loaded():
    return sorted(m for m in sys.modules if m.split(".")[0] in ("plotext", "textual_plotext"))

async def main():
    store = Store.open(sys.argv[1], date(2026, 11, 1))
    app = RehabApp(store, today=date(2026, 11, 21))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print(len(loaded()), app.screen.__class__.__name__)
        await pilot.press("v")
        await pilot.pause()
        print(len(loaded()), app.screen.__class__.__name__)

asyncio.run(main())
"""


def test_plotext_loads_when_progress_opens_not_at_start(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "rehab.db")], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    (before, first), (after, second) = out[0].split(), out[1].split()
    assert (before, first) == ("0", "MainScreen")
    assert int(after) > 0 and second == "ProgressScreen"


async def test_area_names_show_as_typed_not_as_markup(fresh_store):
    for days_ago, pain in ((20, 6), (1, 3)):
        fresh_store.record_pain(TODAY - timedelta(days=days_ago), "left [red]IT[/] band", pain, TODAY)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_progress(pilot)
        assert "left [red]IT[/] band" in picker(app)
        assert shown_sentence(app).startswith("pain in the left [red]IT[/] band: 6.0 → 3.0 over 3 weeks;")
        assert "left [red]IT[/] band" in str(app.screen.query_one("#every-area").render())
