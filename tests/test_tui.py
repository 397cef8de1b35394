"""The app driven as a person would, through Pilot, on real database files."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from conftest import TODAY
from sqlite_utils import Database

from rehab_tui.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.confirm import ConfirmScreen
from rehab_tui.tui.screens.habit_form import HabitForm
from rehab_tui.tui.screens.habits import HabitsScreen
from rehab_tui.tui.screens.help import HelpScreen
from rehab_tui.tui.screens.pause import PauseScreen
from rehab_tui.tui.screens.snooze import SnoozeScreen
from rehab_tui.tui.widgets.calendar import MonthCalendar
from rehab_tui.tui.widgets.checklist import ChecklistView
from rehab_tui.tui.widgets.streaks import StreaksPanel


def checkins(store: Store) -> set[tuple[int, str]]:
    db = Database(store.path)
    return {(r["habit_id"], r["day"]) for r in db["checkins"].rows}


def streaks_text(app: RehabApp) -> str:
    return app.query_one(StreaksPanel).text


def calendar_mark(app: RehabApp, day: date) -> str:
    return app.query_one(MonthCalendar).summaries[day].mark


async def test_opens_on_todays_checklist(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        checklist = app.query_one(ChecklistView)
        assert checklist.border_title == "Today · Sat 21 Nov 2026"
        names = [item.log.habit.name for item in checklist.listing.items]
        assert names[:3] == ["Stick rolling", "Lacrosse ball glute release", "Plank hip dips"]
        assert checklist.border_subtitle == "0 of 3 done"  # the 1/week habit is open on Saturday
        assert app.focused is checklist


async def test_space_ticks_writes_and_updates_streaks_and_calendar(fresh_store):
    fresh_store.check_in([1], TODAY - timedelta(days=1), TODAY)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Stick rolling" in streaks_text(app)
        assert calendar_mark(app, TODAY) == "pending"
        await pilot.press("space")
        await pilot.pause()
        assert (1, TODAY.isoformat()) in checkins(fresh_store)
        assert app.query_one(ChecklistView).border_subtitle == "1 of 3 done"
        assert calendar_mark(app, TODAY) == "partial"
        row = next(r for r in app.board.streak_rows() if r.log.habit.id == 1)
        assert row.streak.current == 2
        assert "2d" in streaks_text(app).splitlines()[1]
        # The tick moved the cursor on; back up and toggle again to take it back.
        assert app.query_one(ChecklistView).highlighted == 1
        await pilot.press("up", "space")
        await pilot.pause()
        assert (1, TODAY.isoformat()) not in checkins(fresh_store)
        assert calendar_mark(app, TODAY) == "pending"


async def test_ticking_the_whole_routine_fills_the_day(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        # Each tick moves on to the next open row (past Acupuncture, not due on a Saturday).
        await pilot.press("space", "space", "space", "space")
        await pilot.pause()
        assert app.query_one(ChecklistView).border_subtitle == "all 4 done today ✔"
        assert calendar_mark(app, TODAY) == "full"
        assert app.board.routine()[0] == 1


async def test_u_undoes_the_highlighted_checkin(fresh_store):
    fresh_store.check_in([1], TODAY, TODAY)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The cursor starts on the first habit still to do; up brings it to the ticked one.
        assert app.query_one(ChecklistView).highlighted == 1
        await pilot.press("up", "u")
        await pilot.pause()
        assert checkins(fresh_store) == set()


async def test_click_toggles(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click(ChecklistView, offset=(4, 1))
        await pilot.pause()
        assert (1, TODAY.isoformat()) in checkins(fresh_store)


async def test_day_and_month_navigation(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = app.query_one(ChecklistView)
        calendar = app.query_one(MonthCalendar)
        await pilot.press("left")
        assert checklist.border_title == "Yesterday · Fri 20 Nov 2026"
        assert calendar.selected == TODAY - timedelta(days=1)
        await pilot.press("left_square_bracket")
        assert calendar.selected == date(2026, 10, 20)
        assert "October 2026" in str(calendar.render())
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert calendar.selected == date(2026, 12, 20)
        await pilot.press("t")
        assert calendar.selected == TODAY
        # In the calendar, up and down move by a week.
        await pilot.press("tab")
        assert app.focused is calendar
        await pilot.press("up")
        assert checklist.listing.day == TODAY - timedelta(days=7)


async def test_click_on_a_calendar_day_selects_it(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        calendar = app.query_one(MonthCalendar)
        # November 2026 starts on a Sunday: the week of the 2nd is the third grid row.
        region = calendar.content_region
        await pilot.click(offset=(region.x + 1, region.y + 3))
        await pilot.pause()
        assert calendar.selected == date(2026, 11, 2)
        assert app.query_one(ChecklistView).listing.day == date(2026, 11, 2)


async def test_past_day_can_be_filled_in_but_not_a_future_one(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("left", "left", "space")
        await pilot.pause()
        assert (1, (TODAY - timedelta(days=2)).isoformat()) in checkins(fresh_store)
        await pilot.press("t", "right", "space")
        await pilot.pause()
        assert all(day <= TODAY.isoformat() for _, day in checkins(fresh_store))
        assert any("hasn't come yet" in n.message for n in app._notifications)


async def test_snooze_modal_freezes_the_streak(fresh_store):
    for back in range(1, 4):
        fresh_store.check_in([1, 2, 3], TODAY - timedelta(days=back), TODAY)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeScreen)
        await pilot.press("tab", "tab")  # from what rests, past the reason, to the area
        await pilot.press(*"left IT band")
        await pilot.press("tab", "5", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, SnoozeScreen)
        assert [(s.day, s.habit_id, s.reason, s.area, s.pain) for s in fresh_store.snoozes()] == [
            (TODAY, None, "sore", "left IT band", 5)
        ]
        assert app.query_one(ChecklistView).border_subtitle == "rest day (snoozed)"
        assert calendar_mark(app, TODAY) == "snoozed"
        assert [r.streak.current for r in app.board.streak_rows()][:3] == [3, 3, 3]


async def test_snooze_escape_cancels(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, SnoozeScreen)
        assert Database(fresh_store.path)["snoozes"].count == 0


async def test_snooze_past_the_budget_offers_a_pause(fresh_store):
    fresh_store.snooze(TODAY - timedelta(days=1), TODAY)
    fresh_store.snooze(TODAY - timedelta(days=2), TODAY)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert "budget is spent" in str(app.screen.query_one("#budget").render())
        await pilot.press("tab", "enter")  # enter in the reason (on What rests it opens the list)
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        assert Database(fresh_store.path)["snoozes"].count == 2


async def test_pause_modal_pauses_the_highlighted_habit(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "p")
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        await pilot.press("tab", "tab", *"2026-11-30", "enter")  # past the first day (today) to the last
        await pilot.pause()
        rows = list(Database(fresh_store.path)["pauses"].rows)
        assert [(r["habit_id"], r["start"], r["until"]) for r in rows] == [(2, "2026-11-21", "2026-11-30")]
        item = app.query_one(ChecklistView).listing.items[1]
        assert item.state == "paused"
        # The cursor moved on to the next habit still to do; back up to resume the paused one.
        assert app.query_one(ChecklistView).highlighted == 2
        await pilot.press("up", "r")
        await pilot.pause()
        assert Database(fresh_store.path)["pauses"].count == 0


async def test_rollover_at_midnight_with_an_injected_clock(fresh_store):
    now = [datetime(2026, 11, 21, 23, 59, 58)]
    app = RehabApp(fresh_store, clock=lambda: now[0], poll_seconds=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.query_one(ChecklistView).listing.day == TODAY
        now[0] = datetime(2026, 11, 22, 0, 0, 1)
        await pilot.pause(0.3)
        assert app.today == TODAY + timedelta(days=1)
        assert app.query_one(ChecklistView).border_title == "Today · Sun 22 Nov 2026"
        assert app.query_one(MonthCalendar).selected == TODAY + timedelta(days=1)


async def test_day_start_hour_keeps_late_night_on_yesterday(fresh_store):
    fresh_store.set_setting("day_start_hour", "3")
    app = RehabApp(fresh_store, clock=lambda: datetime(2026, 11, 22, 1, 30))
    async with app.run_test(size=(80, 24)):
        assert app.today == TODAY


async def test_a_tick_before_the_start_asks_to_move_the_start(fresh_store):
    # The routine starts 13 days before TODAY; the store refuses a check-in
    # before a habit's start, so ticking such a day asks first.
    start = TODAY - timedelta(days=13)
    before = start - timedelta(days=1)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["left"] * 14)
        await pilot.pause()
        assert app.selected == before
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        # No: nothing changes, the start stays where it was.
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert fresh_store.habit(1).start == start
        assert list(Database(fresh_store.path)["checkins"].rows) == []
        # Yes: the start moves back to that day and the day is ticked.
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert fresh_store.habit(1).start == before
        assert [h.start for h in fresh_store.habits()[1:]] == [start] * 4  # only that habit moved
        rows = [(r["habit_id"], r["day"]) for r in Database(fresh_store.path)["checkins"].rows]
        assert rows == [(1, before.isoformat())]
        assert app.query_one(ChecklistView).listing.items[0].state == "done"


async def test_external_write_appears(fresh_store):
    app = RehabApp(fresh_store, today=TODAY, poll_seconds=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        other = Store.open(fresh_store.path, TODAY)
        other.check_in([2], TODAY, TODAY)
        other.close()
        await pilot.pause(0.3)
        assert app.query_one(ChecklistView).listing.items[1].state == "done"
        assert calendar_mark(app, TODAY) == "partial"


async def test_habits_screen_round_trip(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HabitsScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, HabitForm)
        await pilot.press(*"Hamstring stretch", "tab", *"Heel on a step", "tab")
        schedule = app.screen.query_one("#schedule")
        schedule.value = "every 2 days"
        await pilot.pause()
        assert "every 2 days, counting from 2026-11-21" in str(app.screen.query_one("#parsed").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HabitsScreen)
        db = Database(fresh_store.path)
        added = next(db["habits"].rows_where("name = ?", ["Hamstring stretch"]))
        assert added["cue"] == "Heel on a step"
        # Its schedule is its first version in `schedules`, in force from its start.
        versions = list(db["schedules"].rows_where("habit_id = ?", [added["id"]]))
        assert [(v["since"], v["rule"], v["anchor"]) for v in versions] == [
            (TODAY.isoformat(), "RRULE:FREQ=DAILY;INTERVAL=2", TODAY.isoformat())
        ]
        # Move it to the top, then archive it, then restore it.
        for _ in range(5):
            await pilot.press("K")
        await pilot.pause()
        assert [h.name for h in fresh_store.habits()][0] == "Hamstring stretch"
        await pilot.press("x")
        await pilot.pause()
        assert db["habits"].get(added["id"])["archived"] == TODAY.isoformat()
        await pilot.press("x")
        await pilot.pause()
        assert db["habits"].get(added["id"])["archived"] is None
        # Edit: a new name.
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#name").value = "Hamstring stretch (long)"
        await pilot.press("enter")
        await pilot.pause()
        assert db["habits"].get(added["id"])["name"] == "Hamstring stretch (long)"
        # Only the changed field is written: the schedule keeps its one version.
        assert list(db["schedules"].rows_where("habit_id = ?", [added["id"]])) == versions
        await pilot.press("escape")
        await pilot.pause()
        names = [i.log.habit.name for i in app.query_one(ChecklistView).listing.items]
        assert names[0] == "Hamstring stretch (long)"


async def test_habit_form_refuses_a_bad_schedule(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h", "a")
        await pilot.pause()
        app.screen.query_one("#name").value = "Mystery"
        app.screen.query_one("#schedule").value = "sometimes"
        await pilot.pause()
        assert "is not a schedule" in str(app.screen.query_one("#parsed").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HabitForm)
        assert Database(fresh_store.path)["habits"].count == 5


async def test_duplicate_name_is_a_notification_not_a_crash(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("h", "a")
        await pilot.pause()
        app.screen.query_one("#name").value = "stick ROLLING"
        await pilot.press("enter")
        await pilot.pause()
        assert any("already exists" in n.message for n in app._notifications)
        assert Database(fresh_store.path)["habits"].count == 5


async def test_help_lists_every_key(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("Static").render())
        # Generated from the main screen's live bindings: every one of them (in its
        # longer words where the footer's need a tooltip), and the about paragraph.
        main = app.screen_stack[0]
        for binding in [*main.BINDINGS, *app.BINDINGS, *ChecklistView.BINDINGS, *MonthCalendar.BINDINGS]:
            words = binding.tooltip or binding.description
            assert words in text, words
        assert "Unsnooze" in text and "command palette" in text
        assert "never miss twice" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_lists_what_works_on_the_screen_it_was_opened_from(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("Static").render())
        for wanted in ("Add", "Edit", "Archive/restore", "esc h", "Back"):
            assert wanted in text, wanted
        for gone in ("Snooze", "Pause", "Month before", "Quit", "Today"):
            assert gone not in text, gone


async def test_every_binding_has_a_description(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)):
        for binding in [*app.BINDINGS, *ChecklistView.BINDINGS, *HabitsScreen.BINDINGS]:
            assert binding.description


async def test_command_palette_offers_the_actions(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("Tick or untick", "Snooze the day", "Pause a habit", "Habits", "Go to today", "Theme", "Help"):
            assert wanted in titles
        # Through the real palette: ctrl+p, type, enter.
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"snooze the day")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SnoozeScreen)


async def test_theme_choice_is_remembered(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert fresh_store.setting_values()["theme"] == "nord"
    again = RehabApp(fresh_store, today=TODAY)
    async with again.run_test(size=(80, 24)):
        assert again.theme == "nord"


async def test_a_clock_that_goes_backwards_follows_without_a_crash(fresh_store):
    now = [datetime(2026, 11, 22, 0, 0, 30)]
    app = RehabApp(fresh_store, clock=lambda: now[0], poll_seconds=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.today == TODAY + timedelta(days=1)
        now[0] = datetime(2026, 11, 21, 23, 59, 50)  # the clock was corrected
        await pilot.pause(0.3)
        assert app.today == TODAY
        await pilot.press("space")
        await pilot.pause()
        assert (1, TODAY.isoformat()) in checkins(fresh_store)


# ---------------------------------------------------------------- issue 11: screen-scoped keys


async def test_day_keys_do_nothing_on_the_habits_screen(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        habits = app.screen
        assert isinstance(habits, HabitsScreen)
        await pilot.press("p", "left_square_bracket", "left", "t", "s", "u", "q")
        await pilot.pause()
        # No pause modal, the hidden day did not move, the app is still running.
        assert app.screen is habits
        assert app.selected == TODAY
        assert app.is_running and not app.exiting
        assert Database(fresh_store.path)["pauses"].count == 0
        # The habits screen's Footer offers its own keys, not the day's.
        shown = {b.binding.description for b in habits.active_bindings.values() if b.binding.show}
        assert {"Add", "Edit", "Back"} <= shown
        assert not shown & {"Undo", "Snooze", "Pause", "Today", "Quit"}
        titles = [c.title for c in app.get_system_commands(habits)]
        assert "Snooze the day" not in titles and "Unsnooze the day" not in titles
        # escape closes it; q quits from the main screen.
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HabitsScreen)
        await pilot.press("q")
        await pilot.pause()
        assert app.exiting


async def test_the_main_screen_footer_offers_the_day_keys(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)):
        shown = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"Undo", "Snooze", "Pause", "Today", "Habits", "Help"} <= shown


# ---------------------------------------------------------------- issue 11: snoozed days


async def test_s_on_a_snoozed_day_shows_it_and_unsnoozes(fresh_store):
    from rehab_tui.tui.screens.snoozed import SnoozedScreen

    fresh_store.snooze(TODAY, TODAY, None, "sore [b]calf[/b]", "left [red]IT[/] band", 6)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SnoozedScreen)
        text = " ".join(str(w.render()) for w in app.screen.query(".snooze"))
        assert "sore [b]calf[/b]" in text and "left [red]IT[/] band" in text and "6/10" in text
        await pilot.click("#ok")
        await pilot.pause()
        assert not isinstance(app.screen, SnoozedScreen)
        assert Database(fresh_store.path)["snoozes"].count == 0
        # Saturday: the 1/week habit is open, outside the day's total.
        assert app.query_one(ChecklistView).border_subtitle == "0 of 3 done"
        assert calendar_mark(app, TODAY) == "pending"
        # Not snoozed any more: `s` opens the blank form.
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeScreen)


async def test_unsnooze_from_the_palette_and_its_key(fresh_store):
    fresh_store.snooze(TODAY, TODAY)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Unsnooze the day" in titles
        await pilot.press("S")
        await pilot.pause()
        assert Database(fresh_store.path)["snoozes"].count == 0
        await pilot.press("S")
        await pilot.pause()
        assert any("Nothing to unsnooze" in n.message for n in app._notifications)


# ---------------------------------------------------------------- issue 11: small things


async def test_u_on_an_unticked_row_says_nothing_to_take_back(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert any("nothing to take back" in n.message for n in app._notifications)


async def test_titles_and_subtitles_say_what_the_day_is(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = app.query_one(ChecklistView)
        await pilot.press("left", "left")
        assert checklist.border_title == "Thursday 19 Nov 2026"
        # A future day: nothing to tick, no "0 of 0 done".
        await pilot.press("t", "right", "right")
        assert checklist.border_subtitle != "0 of 0 done" and "0 of" not in checklist.border_subtitle
        assert "☐" not in str(checklist.get_option_at_index(0).prompt)
        # Before any habit existed: it says so, not "not today" on every row.
        await pilot.press("t", *["left"] * 14)
        assert checklist.border_subtitle == "before your routine began"
        assert "not today" not in str(checklist.get_option_at_index(0).prompt)
        assert "starts" in str(checklist.get_option_at_index(0).prompt)


async def test_the_calendar_legend_marks_today(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)):
        assert "today" in str(app.query_one(MonthCalendar).render())
