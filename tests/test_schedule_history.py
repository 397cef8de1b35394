"""The schedule's history shown (docs/architecture.md, "Habits and schedules"):
`habit list` and `habit show` give every version with its dates, the save
message names the day, `--from` with the schedule already set moves its day,
and a day under the old schedule never shows the new plan as its own."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from cli_helpers import new_db, ok, rows
from conftest import TODAY
from session_helpers import FakeMonotonic
from textual.widgets import DataTable, Static

from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.habits import HabitsScreen
from rehab_tui.tui.screens.session import SessionScreen
from rehab_tui.tui.widgets.checklist import ChecklistView
from rehab_tui.tui.widgets.detail import HabitDetail

# Today (cli_helpers.TODAY) is Saturday 21 Nov 2026; the default routine starts 1 Oct.
NEXT_MON = "2026-11-23"


def changed(tmp_path: Path) -> tuple[Path, str]:
    """Acupuncture (tue,fri) moved to mon,thu from next Monday, with a new plan."""
    db = new_db(tmp_path)
    said = ok(db, "habit", "edit", "acu", "--schedule", "mon,thu", "--from", "mon", "--when", "Mon and Thu at 8 am")
    return db, said.out


def schedules(db: Path, slug: str = "acupuncture") -> list[tuple[str, str]]:
    return [(r["since"], r["rule"]) for r in rows(db, "schedules") if r["habit_id"] == _id(db, slug)]


def _id(db: Path, slug: str) -> int:
    return rows(db, "habits", "slug = ?", [slug])[0]["id"]


def test_the_save_message_names_the_day_and_the_schedule_before(tmp_path: Path) -> None:
    _, said = changed(tmp_path)
    assert "every Monday, Thursday, from 2026-11-23 (Mon); tue,fri before" in said


def test_habit_list_json_carries_every_version_with_its_from(tmp_path: Path) -> None:
    db, _ = changed(tmp_path)
    acu = next(h for h in ok(db, "habit", "list", "--json").json if h["slug"] == "acupuncture")
    assert acu["schedules"] == [
        {"schedule": "tue,fri", "from": "2026-10-01", "until": "2026-11-22"},
        {"schedule": "mon,thu", "from": NEXT_MON, "until": None},
    ]
    stick = next(h for h in ok(db, "habit", "list", "--json").json if h["slug"] == "stick-rolling")
    assert stick["schedules"] == [{"schedule": "daily", "from": "2026-10-01", "until": None}]


def test_habit_list_shows_the_change_to_come_then_the_day_it_took_effect(tmp_path: Path) -> None:
    db, _ = changed(tmp_path)
    line = next(line for line in ok(db, "habit", "list").lines if "Acupuncture" in line)
    assert "tue,fri → mon,thu from 2026-11-23" in line
    line = next(line for line in ok(db, "habit", "list", today="2026-11-24").lines if "Acupuncture" in line)
    assert "mon,thu from 2026-11-23" in line and "tue,fri" not in line
    # A schedule never changed shows no day.
    stick = next(line for line in ok(db, "habit", "list").lines if "Stick rolling" in line)
    assert "daily" in stick and "from" not in stick


def test_habit_show_lists_every_version_with_its_dates(tmp_path: Path) -> None:
    db, _ = changed(tmp_path)
    ok(db, "pause", "acu", "--from", "2026-11-24", "--until", "2026-11-27")
    ok(db, "done", "acu", "--date", "2026-11-20")
    text = ok(db, "habit", "show", "acu").out
    assert "tue,fri: every Tuesday, Friday, from the start, 2026-10-01 (Thu) to 2026-11-22 (Sun)  (now)" in text
    assert "mon,thu: every Monday, Thursday, from 2026-11-23 (Mon) on" in text
    assert "plan      Mon and Thu at 8 am" in text
    assert "pauses    1" in text and "check-ins 1" in text
    shown = ok(db, "habit", "show", "acu", "--json").json
    versions = [(v["schedule"], v["from"]) for v in shown["schedules"]]
    assert versions == [("tue,fri", "2026-10-01"), ("mon,thu", NEXT_MON)]
    assert (shown["start"], shown["when"], shown["pauses"], shown["check_ins"]) == (
        "2026-10-01",
        "Mon and Thu at 8 am",
        1,
        1,
    )


def test_from_with_the_schedule_it_already_has_moves_that_versions_day(tmp_path: Path) -> None:
    db, _ = changed(tmp_path)
    later = ok(db, "habit", "edit", "acu", "--schedule", "mon,thu", "--from", "2026-11-26")
    assert "from 2026-11-26 (Thu) (moved from 2026-11-23 (Mon)); tue,fri before" in later.out
    assert [since for since, _ in schedules(db)] == ["2026-10-01", "2026-11-26"]
    earlier = ok(db, "habit", "edit", "acu", "--schedule", "mon,thu", "--from", "2026-11-22")
    assert "moved from 2026-11-26 (Thu)" in earlier.out
    assert [since for since, _ in schedules(db)] == ["2026-10-01", "2026-11-22"]
    # The first schedule, in force from the start, has no day to move to: it stays, and it says so.
    before = schedules(db, "stick-rolling")
    same = ok(db, "habit", "edit", "stick", "--schedule", "daily", "--from", "2026-11-25")
    assert "already so from 2026-10-01 (Thu); the schedule is unchanged" in same.out
    assert schedules(db, "stick-rolling") == before == [("2026-10-01", "RRULE:FREQ=DAILY")]
    # Without --from, typing the schedule in force moves nothing.
    ok(db, "habit", "edit", "acu", "--schedule", "mon,thu", today="2026-11-25")
    assert [since for since, _ in schedules(db)] == ["2026-10-01", "2026-11-22"]


def test_a_day_under_the_old_schedule_shows_its_schedule_and_dates_the_new_plan(tmp_path: Path) -> None:
    db, _ = changed(tmp_path)
    friday = {i["slug"]: i for i in ok(db, "today", "--date", "2026-11-20", "--json").json["items"]}
    assert friday["acupuncture"]["schedule"] == "tue,fri"
    text = ok(db, "today", "--date", "2026-11-20").out
    assert "from Mon 23 Nov 2026, mon,thu: Mon and Thu at 8 am" in text
    monday = ok(db, "today", "--date", "2026-11-23", today="2026-11-23").out
    assert "Mon and Thu at 8 am" in monday and "from Mon 23 Nov" not in monday


def test_the_report_shows_a_change_of_schedule_in_the_period(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    ok(db, "habit", "edit", "acu", "--schedule", "mon,thu", "--from", "2026-11-16")
    report = ok(db, "report", "--format", "md").out
    row = next(line for line in report.splitlines() if line.startswith("| Acupuncture") and "every" in line)
    assert "every Tuesday, Friday; from 16 Nov: every Monday, Thursday" in row


async def test_the_app_shows_the_day_of_a_schedule_and_never_the_new_plan_as_the_old_days(fresh_store) -> None:
    acu = next(h for h in fresh_store.habits() if h.slug == "acupuncture")
    monday = TODAY + timedelta(days=2)
    fresh_store.edit_habit(acu.id, TODAY, schedule="mon,thu", since=monday, when="Mon and Thu at 8 am")
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("left")  # Friday 20 Nov, under tue,fri
        await pilot.pause()
        checklist = app.query_one(ChecklistView)
        n = next(n for n, item in enumerate(checklist.listing.items) if item.log.habit.id == acu.id)
        checklist.highlighted = n
        await pilot.pause()
        row = str(checklist.get_option_at_index(n).prompt)
        assert "tue,fri" in row and "from Mon 23 Nov 2026, mon,thu: Mon and Thu at 8 am" in row
        assert "from Mon 23 Nov 2026, mon,thu: Mon and Thu at 8 am" in str(app.query_one(HabitDetail).render())
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HabitsScreen)
        table = app.screen.query_one(DataTable)
        cells = [str(c) for c in table.get_row(str(acu.id))]
        assert "tue,fri → mon,thu from 23 Nov 2026" in cells


async def test_the_habit_form_save_message_names_the_day(fresh_store) -> None:
    acu = next(h for h in fresh_store.habits() if h.slug == "acupuncture")
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        screen.query_one(DataTable).move_cursor(row=[h.id for h in screen.habits].index(acu.id))
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#schedule").value = "mon,thu"
        app.screen.query_one("#since").value = "2026-11-23"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert any(
            "Saved Acupuncture: every Monday, Thursday, from Mon 23 Nov 2026; tue,fri before." == n.message
            for n in app._notifications
        )
    assert fresh_store.habit(acu.id).schedule_history[-1].since == date(2026, 11, 23)


async def test_the_guided_session_on_a_day_under_the_old_schedule_dates_the_new_plan(fresh_store) -> None:
    monday = TODAY + timedelta(days=2)
    fresh_store.edit_habit(1, TODAY, schedule="tue,fri", since=monday, when="before work on Tue and Fri")
    app = RehabApp(fresh_store, today=TODAY, monotonic=FakeMonotonic())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.habit.id == 1  # Stick rolling, daily today
        plan = str(app.screen.query_one("#plan", Static).render())
        assert plan == "from Mon 23 Nov 2026, tue,fri: before work on Tue and Fri"
