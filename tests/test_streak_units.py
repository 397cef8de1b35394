"""Counts in their unit (docs/architecture.md, "Streaks"): a fixed schedule
that is not daily counts its sessions and says so, a daily one its days, a
quota its weeks; on the command line, in JSON and in the app."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from cli_helpers import new_db, ok
from conftest import TODAY
from domain_helpers import make_log

from rehab_tui.domain.habits import with_schedule
from rehab_tui.domain.schedules import StreakUnit
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.widgets.checklist import ChecklistView
from rehab_tui.tui.widgets.streaks import StreaksPanel

MON, THU = "2026-11-16", "2026-11-19"


def mon_thu(tmp_path: Path) -> Path:
    """A Mon/Thu habit from Mon 16 Nov (today is Sat 21)."""
    db = new_db(tmp_path)
    ok(db, "habit", "add", "Knee acupressure", "--schedule", "mon,thu", "--start", MON)
    return db


def test_a_mon_thu_streak_reads_sessions_in_done_streaks_and_today(tmp_path: Path) -> None:
    db = mon_thu(tmp_path)
    # As of today: Thursday is still missed, so no run yet, in sessions.
    assert ok(db, "done", "knee", "--date", MON).out.strip().endswith("streak 0 sessions")
    assert ok(db, "done", "knee", "--date", THU).out.strip().endswith("streak 2 sessions")
    table = ok(db, "streaks").out
    row = next(line for line in table.splitlines() if line.startswith("Knee acupressure"))
    assert row.split()[2:6] == ["2", "sessions", "2", "sessions"]
    listed = {h["slug"]: h for h in ok(db, "streaks", "--json").json["habits"]}
    assert (listed["knee-acupressure"]["unit"], listed["knee-acupressure"]["current_streak"]) == ("sessions", 2)
    # Daily keeps days, a quota weeks, the default routine's tue,fri sessions.
    assert listed["stick-rolling"]["unit"] == "days"
    assert listed["glute-and-hip-strength"]["unit"] == "weeks"
    assert listed["acupuncture"]["unit"] == "sessions"
    items = {i["slug"]: i for i in ok(db, "today", "--date", THU, "--json").json["items"]}
    assert (items["knee-acupressure"]["unit"], items["knee-acupressure"]["streak"]) == ("sessions", 2)
    assert "streak 2 sessions" in ok(db, "today", "--date", THU).out


def test_every_n_days_and_a_raw_rule_count_sessions_too() -> None:
    start = date(2026, 10, 1)
    assert make_log("every 3 days", start=start).habit.schedule.unit is StreakUnit.SESSIONS
    assert make_log("RRULE:FREQ=MONTHLY;BYMONTHDAY=1", start=start).habit.schedule.unit is StreakUnit.SESSIONS
    assert make_log("daily", start=start).habit.schedule.unit is StreakUnit.DAYS
    assert StreakUnit.SESSIONS.short(16) == "16×"


def test_a_daily_habit_turned_tue_fri_says_days_before_the_change_and_sessions_after() -> None:
    start = date(2026, 10, 1)
    habit = make_log("daily", start=start).habit
    changed = with_schedule(habit, "tue,fri", date(2026, 11, 3), keep_history=True)
    # Up to the change a run holds only days; after it, days and sessions.
    assert changed.streak_unit(date(2026, 11, 2)) is StreakUnit.DAYS
    assert changed.streak_unit(date(2026, 11, 6)) is StreakUnit.SESSIONS
    # Back to daily: a run may still hold the tue,fri sessions, so not "days".
    back = with_schedule(changed, "daily", date(2026, 11, 16), keep_history=True)
    assert back.streak_unit(date(2026, 11, 20)) is StreakUnit.SESSIONS
    # A quota now counts weeks, whatever came before.
    quota = with_schedule(changed, "2/week", date(2026, 11, 16), keep_history=True)
    assert quota.streak_unit(date(2026, 11, 20)) is StreakUnit.WEEKS


async def test_the_app_says_sessions_in_the_checklist_and_the_panel(fresh_store) -> None:
    habit = fresh_store.add_habit("Knee acupressure", "mon,thu", TODAY, start=TODAY - timedelta(days=19))
    for day in (date(2026, 11, 16), date(2026, 11, 19)):
        fresh_store.check_in([habit.id], day, TODAY)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("left", "left")  # Thursday 19 Nov
        await pilot.pause()
        checklist = app.query_one(ChecklistView)
        assert checklist.listing.day == date(2026, 11, 19)
        row = next(
            str(checklist.get_option_at_index(n).prompt)
            for n, item in enumerate(checklist.listing.items)
            if item.log.habit.id == habit.id
        )
        assert "2-session streak" in row
        assert "day streak" not in row
        panel = next(line for line in app.query_one(StreaksPanel).text.splitlines() if "Knee acupressure" in line)
        assert panel.split()[2:4] == ["2×", "2×"]
