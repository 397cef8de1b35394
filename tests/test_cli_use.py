"""A month of real use (issue #11): dates that face the way their command does,
files that are not made by mistake, and deleting a habit."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import TODAY, assert_error, dump, habit_id, new_db, ok, rows, run


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


# ------------------------------------------------------ dates by direction
# TODAY is Saturday 2026-11-21.


def test_snooze_a_month_day_is_the_next_one(db: Path) -> None:
    ran = ok(db, "snooze", "--habit", "plank", "--date", "Dec 3", today="2026-11-30")
    assert "2026-12-03 (Thu)" in ran.out
    assert [r["day"] for r in rows(db, "snoozes")] == ["2026-12-03"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("wed", "2026-11-25"),
        ("sat", TODAY),
        ("tomorrow", "2026-11-22"),
        ("+2", "2026-11-23"),
        ("next sat", "2026-11-28"),
        ("last fri", "2026-11-20"),
        ("-1", "2026-11-20"),
    ],
)
def test_snooze_and_unsnooze_face_ahead(db: Path, text: str, day: str) -> None:
    ran = ok(db, "snooze", "--date", text)
    assert [r["day"] for r in rows(db, "snoozes")] == [day]
    assert day in ran.out
    ok(db, "unsnooze", "--date", text)
    assert rows(db, "snoozes") == []


def test_pause_from_and_until_face_ahead(db: Path) -> None:
    ran = ok(db, "pause", "plank", "--from", "mon", "--until", "Dec 3")
    assert "from 2026-11-23 (Mon) through 2026-12-03 (Thu)" in ran.out
    assert [(r["start"], r["until"]) for r in rows(db, "pauses")] == [("2026-11-23", "2026-12-03")]


def test_habit_edit_from_faces_ahead_and_start_faces_back(db: Path) -> None:
    ran = ok(db, "habit", "edit", "plank", "--schedule", "tue,fri", "--from", "tue")
    assert "from 2026-11-24 (Tue)" in ran.out
    ran = ok(db, "habit", "edit", "acu", "--start", "Oct 2")
    assert "starts 2026-10-02 (Fri)" in ran.out


@pytest.mark.parametrize(
    ("args", "day"),
    [
        (("done", "stick", "--date", "wed"), "2026-11-18"),
        (("done", "stick", "--date", "Nov 20"), "2026-11-20"),
        (("done", "stick", "--date", "last sat"), "2026-11-14"),
        (("done", "stick", "--date", "20 November"), "2026-11-20"),
    ],
)
def test_done_faces_back(db: Path, args: tuple[str, ...], day: str) -> None:
    ran = ok(db, *args)
    assert f"on {day} (" in ran.out
    assert [r["day"] for r in rows(db, "checkins")] == [day]


def test_today_and_undo_face_back(db: Path) -> None:
    ok(db, "done", "stick", "--date", "2026-11-18")
    assert run(db, "today", "--date", "wed", "--json").json["date"] == "2026-11-18"
    ran = ok(db, "undo", "stick", "--date", "wed")
    assert "no longer done on 2026-11-18 (Wed)" in ran.out
    assert rows(db, "checkins") == []


def test_done_tomorrow_is_read_and_then_refused_as_the_future(db: Path) -> None:
    before = dump(db)
    assert_error(run(db, "done", "stick", "--date", "tomorrow"), contains="future")
    assert dump(db) == before


# ------------------------------------------------------------ usage errors


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("today", "--bogus"), "no such option"),
        (("--bogus", "today"), "no such option"),
        (("done",), "missing argument 'HABIT...'"),
        (("export", "--format", "xml"), "'xml' is not one of"),
        (("habit", "frob"), "no such command 'frob'"),
        (("habit", "add"), "missing argument 'NAME'"),
        (("frobnicate",), "no such command 'frobnicate'"),
    ],
)
def test_a_usage_error_is_one_error_line_with_status_2(db: Path, args: tuple[str, ...], words: str) -> None:
    from cli_helpers import assert_usage_error

    line = assert_usage_error(run(db, *args), contains=words)
    assert "--help" in line


# ------------------------------------------------------------ files and setup


def test_a_new_database_is_announced_once(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    first = ok(path, "today")
    assert (
        first.err
        == f"new database at {path}, with an example routine to make your own (rehab habit list; in the app, h)\n"
    )
    assert ok(path, "today").err == ""


def test_a_missing_folder_is_refused_for_a_chosen_path(tmp_path: Path) -> None:
    assert_error(run(tmp_path / "nope" / "rehab.db", "done", "stick"), contains="does not exist")
    assert list(tmp_path.iterdir()) == []


def test_the_default_data_folder_is_made(tmp_path: Path) -> None:
    ran = run(None, "today", env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert ran.code == 0, ran.err
    made = tmp_path / "data" / "rehab-tui" / "rehab.db"
    assert made.is_file()
    assert (
        ran.err
        == f"new database at {made}, with an example routine to make your own (rehab habit list; in the app, h)\n"
    )


@pytest.mark.parametrize("slash", ["/", ""])
def test_backup_into_a_folder_takes_the_usual_name(db: Path, tmp_path: Path, slash: str) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    ran = ok(db, "backup", f"{folder}{slash}")
    [made] = list(folder.iterdir())
    assert made.name.startswith("rehab-backup-") and made.suffix == ".db"
    assert ran.out == f"backed up to {made}\n"
    assert dump(made) == dump(db)


def test_backup_into_a_missing_folder_with_a_slash_is_refused(db: Path, tmp_path: Path) -> None:
    before = sorted(tmp_path.iterdir())
    assert_error(run(db, "backup", f"{tmp_path}/missing/"), contains="does not exist")
    assert sorted(tmp_path.iterdir()) == before


def test_settings_theme_takes_only_textual_themes(db: Path) -> None:
    before = dump(db)
    line = assert_error(run(db, "settings", "theme", "foo"), contains="theme 'foo' is not one of")
    assert "nord" in line and "textual-dark" in line
    assert dump(db) == before
    assert ok(db, "settings", "theme", "gruvbox").lines == ["theme = gruvbox"]


# ------------------------------------------------------------ habit delete


def test_delete_a_habit_without_history(db: Path) -> None:
    ran = ok(db, "habit", "delete", "acu")
    assert ran.out == "x Acupuncture (acupuncture) deleted (it had no history)\n"
    assert "acupuncture" not in [r["slug"] for r in rows(db, "habits")]
    assert list(db.parent.glob("*before-delete*")) == []


def test_delete_with_history_is_refused_without_yes(db: Path) -> None:
    ok(db, "done", "plank", "--date", "-1")
    ok(db, "snooze", "--habit", "plank")
    before = dump(db)
    line = assert_error(run(db, "habit", "delete", "plank"), contains="1 check-in, 1 snooze, 0 pauses")
    assert "--yes" in line and "archive" in line
    assert dump(db) == before


def test_delete_with_yes_backs_up_then_removes_every_row(db: Path) -> None:
    plank = habit_id(db, "plank-hip-dips")
    ok(db, "done", "plank", "stick", "--date", "-1")
    ok(db, "snooze", "--habit", "plank", "--date", "-2")
    ok(db, "pause", "plank", "--until", "+3")
    before = dump(db)
    ran = ok(db, "habit", "delete", "plank", "--yes")
    kept = db.with_name("rehab.before-delete-plank-hip-dips.db")
    assert ran.out == (
        f"x Plank hip dips (plank-hip-dips) deleted with 1 check-in, 1 snooze, 1 pause; "
        f"the database as it was is kept in {kept}\n"
    )
    assert dump(kept) == before
    for table in ("habits", "schedules", "checkins", "snoozes", "pauses"):
        key = "id" if table == "habits" else "habit_id"
        assert rows(db, table, f"{key} = ?", [plank]) == []
    assert len(rows(db, "checkins")) == 1  # stick rolling's stays


def test_delete_finds_an_archived_habit(db: Path) -> None:
    ok(db, "habit", "archive", "acu")
    ok(db, "habit", "delete", "acupuncture")
    assert "acupuncture" not in [r["slug"] for r in rows(db, "habits")]


def test_a_failed_command_on_a_new_database_still_says_so_in_its_one_line(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    line = assert_error(run(path, "done", "nothing"), contains="no habit matches")
    assert line.endswith(
        f"(new database at {path}, with an example routine to make your own (rehab habit list; in the app, h))"
    )
