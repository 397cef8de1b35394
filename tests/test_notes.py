"""Notes on check-ins (issue 21; docs/architecture.md, "Notes on check-ins"):
written by `done --note`, `note` and the app's `n`, shown by `today`, the app's
checklist and day view, the export and the report, and kept by export → import.

The command-line runs act on Saturday 2026-11-21 on the default routine made
on 2026-10-01 (cli_helpers.new_db): Stick rolling, Lacrosse ball glute release
and Plank hip dips daily, Acupuncture tue,fri, Glute and hip strength 1/week.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from cli_helpers import TODAY, YESTERDAY, assert_error, dump, habit_id, new_db, ok, rows, run

from rehab_tui.store import Store
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.widgets.checklist import ChecklistView
from rehab_tui.tui.widgets.detail import HabitDetail

PLANK = "plank-hip-dips"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


def note_of(db: Path, slug: str, day: str) -> str | None:
    found = rows(db, "checkins", "habit_id = ? AND day = ?", [habit_id(db, slug), day])
    assert len(found) == 1, found
    return found[0]["note"]


def item(listing: dict, slug: str) -> dict:
    return next(i for i in listing["items"] if i["slug"] == slug)


# ------------------------------------------------------------ the command line


def test_done_with_a_note_writes_it_and_today_shows_it(db: Path) -> None:
    ran = ok(db, "done", "plank", "--note", "knee felt hot")
    assert "✎ note saved with Plank hip dips: knee felt hot" in ran.lines
    assert note_of(db, PLANK, TODAY) == "knee felt hot"
    listing = ok(db, "today", "--json").json
    assert item(listing, PLANK)["note"] == "knee felt hot"
    assert item(listing, "stick-rolling")["note"] is None
    # Under the habit's line in the plain checklist.
    lines = ok(db, "today").lines
    at = next(i for i, line in enumerate(lines) if "Plank hip dips" in line)
    assert lines[at + 1].strip() == "✎ knee felt hot"


def test_done_again_with_a_note_replaces_it_and_says_so(db: Path) -> None:
    ok(db, "done", "plank")
    assert note_of(db, PLANK, TODAY) is None
    ran = ok(db, "done", "plank", "--note", "fine today")
    assert "✎ note saved with Plank hip dips: fine today" in ran.lines
    assert note_of(db, PLANK, TODAY) == "fine today"
    ok(db, "done", "plank", "--note", "knee felt hot")
    assert note_of(db, PLANK, TODAY) == "knee felt hot"
    # A plain `done` keeps the note.
    ok(db, "done", "plank")
    assert note_of(db, PLANK, TODAY) == "knee felt hot"


def test_note_adds_edits_shows_and_removes_a_days_note(db: Path) -> None:
    ok(db, "done", "plank", "--date", YESTERDAY)
    ran = ok(db, "note", "plank", "--date", YESTERDAY, "knee felt hot")
    assert ran.lines == ["✎ note saved for Plank hip dips on 2026-11-20 (Fri): knee felt hot"]
    assert note_of(db, PLANK, YESTERDAY) == "knee felt hot"
    ran = ok(db, "note", "plank", "--date", YESTERDAY, "eased by the evening")
    assert ran.lines == [
        "✎ note saved for Plank hip dips on 2026-11-20 (Fri): eased by the evening (it was: knee felt hot)"
    ]
    assert ok(db, "note", "plank", "--date", YESTERDAY).lines == [
        "✎ Plank hip dips on 2026-11-20 (Fri): eased by the evening"
    ]
    listed = ok(db, "note", "--list", "--json").json
    assert listed == [{"date": YESTERDAY, "habit": "Plank hip dips", "slug": PLANK, "note": "eased by the evening"}]
    ran = ok(db, "note", "plank", "--date", YESTERDAY, "--clear")
    assert ran.lines == ["✎ note removed from Plank hip dips on 2026-11-20 (Fri) (it was: eased by the evening)"]
    assert note_of(db, PLANK, YESTERDAY) is None
    # An empty text removes it too; there is nothing left to remove.
    assert ok(db, "note", "plank", "--date", YESTERDAY, "").lines == [
        "Plank hip dips on 2026-11-20 (Fri) had no note; nothing to remove"
    ]


def test_undo_says_the_note_that_went_with_the_check_in(db: Path) -> None:
    ok(db, "done", "plank", "--note", "hip ok")
    said = ok(db, "undo", "plank").out
    assert "Plank hip dips is no longer done" in said and "its note 'hip ok' went with it" in said
    assert rows(db, "checkins") == []


def test_a_note_on_a_day_not_done_is_refused_and_names_the_command_that_records_both(db: Path) -> None:
    before = dump(db)
    line = assert_error(run(db, "note", "plank", "knee felt hot"))
    assert line == (
        "error: Plank hip dips was not done on 2026-11-21 (Sat); a note goes with a check-in: "
        "rehab done plank-hip-dips --date 2026-11-21 --note '…' records both"
    )
    assert dump(db) == before


@pytest.mark.parametrize(
    "hostile, words",
    [
        ("x" * 301, "a note can be at most 300 characters (301 given)"),
        ("knee\nhot", "a note cannot hold control characters or line breaks"),
        ("\x1b]0;pwned\x07", "a note cannot hold control characters or line breaks"),
    ],
    ids=["too long", "line break", "escape sequence"],
)
def test_a_hostile_note_gets_one_error_line_and_nothing_is_written(db: Path, hostile: str, words: str) -> None:
    before = dump(db)
    # With new check-ins: they are not written either, and the line says so.
    assert assert_error(run(db, "done", "plank", "stick", "--note", hostile)) == f"error: {words}; nothing was recorded"
    assert dump(db) == before
    ok(db, "done", "plank", "--note", "knee felt hot")
    before = dump(db)
    assert assert_error(run(db, "note", "plank", hostile)) == f"error: {words}"
    assert assert_error(run(db, "done", "plank", "--note", hostile)) == f"error: {words}"
    assert dump(db) == before


# ------------------------------------------------------ export, import, report


def test_a_note_survives_export_and_import_into_a_new_file(db: Path, tmp_path: Path) -> None:
    ok(db, "done", "plank", "--date", YESTERDAY, "--note", "knee felt hot")
    exported = tmp_path / "export.json"
    ok(db, "export", "-o", exported)
    fresh = tmp_path / "fresh.db"
    ok(fresh, "import", exported)
    assert note_of(fresh, PLANK, YESTERDAY) == "knee felt hot"
    # The CSV carries it on the check-in's row.
    table = list(csv.DictReader(io.StringIO(ok(db, "export", "--format", "csv").out)))
    done = [r for r in table if r["kind"] == "done" and r["slug"] == PLANK]
    assert [(r["date"], r["note"]) for r in done] == [(YESTERDAY, "knee felt hot")]


def test_the_report_lists_a_note_written_with_done(db: Path) -> None:
    ok(db, "done", "plank", "--note", "knee felt hot after cross-friction")
    report = ok(db, "report").out
    section = report[report.index("Notes written with a check-in") :]
    assert "Plank hip dips" in section and "knee felt hot after cross-friction" in section


# ------------------------------------------------------------------- the app


def shown_text(app: RehabApp) -> str:
    """The checklist's rows and the detail under it, as the screen shows them."""
    checklist = app.query_one(ChecklistView)
    prompts = [str(checklist.get_option_at_index(i).prompt) for i in range(checklist.option_count)]
    return "\n".join([*prompts, str(app.query_one(HabitDetail).render())])


async def test_a_note_written_by_the_cli_shows_in_the_apps_day_view(db: Path) -> None:
    ok(db, "done", "plank", "--date", YESTERDAY, "--note", "knee felt hot")
    store = Store.open(db, date.fromisoformat(TODAY))
    app = RehabApp(store, today=date.fromisoformat(TODAY))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "knee felt hot" not in shown_text(app)  # today has no note
        await pilot.press("left")  # the day before, as picking it on the calendar shows it
        await pilot.pause()
        checklist = app.query_one(ChecklistView)
        checklist.highlighted = 2  # Plank hip dips
        await pilot.pause()
        text = shown_text(app)
        plank = next(line for line in text.splitlines() if "Plank hip dips" in line)
        assert "✎\u00a0knee felt hot" in plank
        assert "✎ knee felt hot" in str(app.query_one(HabitDetail).render())
    store.close()


async def test_the_note_key_writes_the_highlighted_habits_note(db: Path) -> None:
    from rehab_tui.tui.screens.checkin_note import CheckinNoteScreen

    store = Store.open(db, date.fromisoformat(TODAY))
    app = RehabApp(store, today=date.fromisoformat(TODAY))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        checklist = app.query_one(ChecklistView)
        checklist.highlighted = 2  # Plank hip dips, not done yet: no form, nothing written
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, CheckinNoteScreen)
        await pilot.press("space")  # ticked; the cursor moves on
        await pilot.pause()
        checklist.highlighted = 2
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CheckinNoteScreen)
        await pilot.press(*"knee hot", "enter")
        await pilot.pause()
        assert note_of(db, PLANK, TODAY) == "knee hot"
        assert "✎ knee hot" in str(app.query_one(HabitDetail).render())
        # Again: the form opens with the note, and typing adds to it.
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"ter", "enter")
        await pilot.pause()
        assert note_of(db, PLANK, TODAY) == "knee hotter"
    store.close()
