"""`b`: the body form, driven through Pilot on real database files, and the
line under the checklist that shows the day's readings."""

from __future__ import annotations

from datetime import timedelta

from conftest import TODAY
from sqlite_utils import Database

from rehab_tui.domain.body import area_key, areas, last_readings
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.body import BodyScreen, PainRow
from rehab_tui.tui.screens.help import HelpScreen
from rehab_tui.tui.widgets.body import BodyLine

EARLIER = TODAY - timedelta(days=3)


def readings_table(store) -> set[tuple[str, str, int]]:
    """(day, area, pain) of every row of the readings table."""
    return {(r["day"], r["area"], r["pain"]) for r in Database(store.path)["readings"].rows}


def rows(app: RehabApp) -> list[PainRow]:
    return list(app.screen.query(PainRow))


def body_line(app: RehabApp) -> str | None:
    """The line under the checklist, or None while it is hidden."""
    line = app.query_one(BodyLine)
    return str(line.render()) if line.display else None


def rated(store) -> None:
    """Three areas rated on earlier days, the hip flexor twice."""
    store.record_pain(EARLIER - timedelta(days=7), "right hip flexor", 6, TODAY)
    store.record_pain(EARLIER, "left IT band", 4, TODAY)
    store.record_pain(EARLIER + timedelta(days=1), "right hip flexor", 5, TODAY)
    store.record_pain(EARLIER - timedelta(days=2), "lower back", 2, TODAY)


async def test_b_offers_the_remembered_areas_with_their_last_reading(demo_store):
    readings = demo_store.readings()
    app = RehabApp(demo_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")  # the demo opens on its drop-off note
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BodyScreen)
        shown = rows(app)
        assert [row.area for row in shown] == areas(readings)  # the most recently rated first
        last = last_readings(readings)
        assert [row.pain for row in shown] == [last[area_key(row.area)].pain for row in shown]
        assert not any(row.marked for row in shown)
        # Each row says where its number came from.
        texts = [str(row.render()) for row in shown]
        for row, text in zip(shown, texts, strict=False):
            reading = last[area_key(row.area)]
            assert text.startswith(row.area)
            assert ("recorded" if reading.day == TODAY else f"last {reading.day:%d %b}") in text
        assert app.focused is shown[0]


async def test_changing_one_area_records_exactly_that_reading(fresh_store):
    rated(fresh_store)
    before = readings_table(fresh_store)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        assert body_line(app) is None  # nothing rated today yet
        await pilot.press("b")
        await pilot.pause()
        assert [row.area for row in rows(app)] == ["right hip flexor", "left IT band", "lower back"]
        assert [row.pain for row in rows(app)] == [5, 4, 2]
        await pilot.press("down", "left")  # the IT band eased a point
        await pilot.pause()
        assert rows(app)[1].pain == 3 and rows(app)[1].marked
        assert "to record" in str(rows(app)[1].render())
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, BodyScreen)
        assert readings_table(fresh_store) - before == {(TODAY.isoformat(), "left IT band", 3)}
        assert before <= readings_table(fresh_store)
        assert body_line(app) == "body: left IT band 3"


async def test_recording_again_the_same_day_replaces_the_reading(fresh_store):
    rated(fresh_store)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("right", "right", "enter")  # hip flexor 5 -> 7
        await pilot.pause()
        assert (TODAY.isoformat(), "right hip flexor", 7) in readings_table(fresh_store)
        await pilot.press("b")
        await pilot.pause()
        first = rows(app)[0]
        assert (first.area, first.pain) == ("right hip flexor", 7)  # today's reading, as recorded
        assert "recorded" in str(first.render())
        await pilot.press("1", "0", "enter")  # two digits: 1 then 0 is 10
        await pilot.pause()
        today = {(area, pain) for day, area, pain in readings_table(fresh_store) if day == TODAY.isoformat()}
        assert today == {("right hip flexor", 10)}
        assert body_line(app) == "body: right hip flexor 10"


async def test_space_records_the_level_shown_and_again_takes_it_back(fresh_store):
    rated(fresh_store)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("down", "down", "space")  # the back: the same as last time
        await pilot.press("up", "right", "space")  # the IT band: changed, then thought better of it
        await pilot.pause()
        assert [(row.pain, row.marked) for row in rows(app)] == [(5, False), (4, False), (2, True)]
        await pilot.press("enter")
        await pilot.pause()
        today = {(area, pain) for day, area, pain in readings_table(fresh_store) if day == TODAY.isoformat()}
        assert today == {("lower back", 2)}


async def test_a_new_area_can_be_added_and_rated(fresh_store):
    rated(fresh_store)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("down", "down", "down")  # past the three areas, into "Add an area"
        await pilot.press(*"left [b]calf[/b]", "enter")
        await pilot.pause()
        new = rows(app)[-1]
        assert new.area == "left [b]calf[/b]" and new.pain is None and app.focused is new
        assert str(new.render()).startswith("left [b]calf[/b]")  # the name as typed, not markup
        await pilot.press("6", "enter")
        await pilot.pause()
        assert (TODAY.isoformat(), "left [b]calf[/b]", 6) in readings_table(fresh_store)
        assert body_line(app) == "body: left [b]calf[/b] 6"
        # Remembered from now on, most recent first.
        await pilot.press("b")
        await pilot.pause()
        assert rows(app)[0].area == "left [b]calf[/b]" and rows(app)[0].pain == 6


async def test_enter_after_a_new_name_adds_it_and_records_nothing_yet(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("b", *"knee", "enter", "4", "tab", *"hip", "enter")
        await pilot.pause()
        # A level set on one area, then a second area named: the form stays open on it.
        assert isinstance(app.screen, BodyScreen)
        assert [(r.area, r.pain) for r in rows(app)] == [("knee", 4), ("hip", None)]
        assert app.focused is rows(app)[1] and not app._notifications
        assert readings_table(fresh_store) == set()
        await pilot.press("2", "enter")
        await pilot.pause()
        assert readings_table(fresh_store) == {(TODAY.isoformat(), "knee", 4), (TODAY.isoformat(), "hip", 2)}


async def test_a_wide_area_name_keeps_the_scale_in_line(fresh_store):
    from rich.cells import cell_len

    fresh_store.record_pain(EARLIER, "knee", 3, TODAY)
    fresh_store.record_pain(EARLIER, "右股関節 🦵", 5, TODAY)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        lines = [str(row.render()) for row in rows(app)]
        assert [cell_len(line[: line.index("0 1 2")]) for line in lines] == [24, 24]


async def test_adding_an_area_already_listed_goes_to_its_row(fresh_store):
    rated(fresh_store)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("down", "down", "down", *"Left  IT Band", "enter")
        await pilot.pause()
        assert len(rows(app)) == 3
        assert app.focused is rows(app)[1]


async def test_escape_writes_nothing(fresh_store):
    rated(fresh_store)
    before = readings_table(fresh_store)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("right", "down", "7", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, BodyScreen)
        assert readings_table(fresh_store) == before
        assert body_line(app) is None


async def test_saving_with_nothing_set_says_so_and_stays(fresh_store):
    rated(fresh_store)
    before = readings_table(fresh_store)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BodyScreen)
        assert any("Nothing to record yet" in n.message for n in app._notifications)
        assert readings_table(fresh_store) == before


async def test_the_form_records_for_the_shown_day(fresh_store):
    rated(fresh_store)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("left", "left")  # Thursday
        await pilot.press("b")
        await pilot.pause()
        assert "Thu 19 Nov" in str(app.screen.query_one("#title").render())
        # Started from what was known that day: the hip flexor's 5 came on the 19th itself.
        assert [(row.area, row.pain) for row in rows(app)] == [
            ("right hip flexor", 5),
            ("left IT band", 4),
            ("lower back", 2),
        ]
        await pilot.press("down", "down", "3", "enter")
        await pilot.pause()
        assert ((TODAY - timedelta(days=2)).isoformat(), "lower back", 3) in readings_table(fresh_store)
        assert body_line(app) == "body: right hip flexor 5 · lower back 3"
        await pilot.press("t")
        await pilot.pause()
        assert body_line(app) is None


async def test_a_day_to_come_cannot_be_rated(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("right", "b")
        await pilot.pause()
        assert not isinstance(app.screen, BodyScreen)
        assert any("hasn't come yet" in n.message for n in app._notifications)


async def test_a_first_area_on_an_empty_form(fresh_store):
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert rows(app) == [] and app.focused is app.screen.query_one("#new-area")
        assert "No areas yet" in str(app.screen.query_one("#none").render())
        await pilot.press(*"right hip flexor", "enter", "right", "right", "enter")
        await pilot.pause()
        assert readings_table(fresh_store) == {(TODAY.isoformat(), "right hip flexor", 1)}


async def test_help_and_the_palette_offer_body_and_progress(fresh_store):
    rated(fresh_store)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Record how the body feels" in titles and "Progress" in titles
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("Static").render())
        assert "Rate how the body feels (pain 0–10 by area)" in text
        assert "Progress: pain by area beside the routine" in text


async def test_arrows_move_through_a_long_list_of_areas(fresh_store):
    names = [f"area {n:02d}" for n in range(16)]
    for n, name in enumerate(names):
        fresh_store.record_pain(TODAY - timedelta(days=30 - n), name, n % 11, TODAY)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        listing = app.screen.query_one("#areas")
        assert listing.max_scroll_y > 0  # more areas than fit: the list scrolls inside the form
        await pilot.press(*["down"] * 15)
        await pilot.pause()
        last = rows(app)[-1]
        assert app.focused is last and last.area == "area 00"
        assert listing.scroll_y > 0  # scrolled to the row with the focus
        await pilot.press("down")
        assert app.focused is app.screen.query_one("#new-area")
        await pilot.press("up", "5", "enter")
        await pilot.pause()
        assert (TODAY.isoformat(), "area 00", 5) in readings_table(fresh_store)


async def test_two_arrows_at_once_move_two_stops(fresh_store):
    rated(fresh_store)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        screen = app.screen
        # Both before the focus has moved, as a held-down arrow key delivers them.
        screen.action_move(1)
        screen.action_move(1)
        await pilot.pause()
        assert app.focused is rows(app)[2]


async def test_a_click_on_the_scale_sets_the_level(fresh_store):
    rated(fresh_store)
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        back = rows(app)[2]
        # The row's padding, the name column and its gap, then two columns a level.
        await pilot.click(back, offset=(1 + 22 + 2 + 2 * 7, 0))
        await pilot.pause()
        assert app.focused is back and (back.pain, back.marked) == (7, True)
        await pilot.click("#ok")
        await pilot.pause()
        assert (TODAY.isoformat(), "lower back", 7) in readings_table(fresh_store)
