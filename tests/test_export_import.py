"""`rehab export --format json` and `rehab import` (docs/formats.md, "JSON export"): a JSON export
imports back to the same state, twice changes nothing, a damaged one writes nothing."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import (
    DEFAULT_SLUGS,
    TEMPLATE_START,
    TODAY,
    assert_error,
    dump,
    file_bytes,
    folder_state,
    new_db,
    ok,
    rows,
    run,
)

# Days to look at when comparing two databases: a snooze, a pause, a quota week,
# the day a habit was archived, today and the future.
DAYS = ["2026-10-27", "2026-11-04", "2026-11-09", "2026-11-12", "2026-11-15", "2026-11-20", TODAY, "2026-11-24"]


def build_history(db: Path) -> None:
    """A month of varied history, made through the CLI."""
    ok(
        db,
        "habit",
        "add",
        "Calf raises",
        "--schedule",
        "every 2 days",
        "--cue",
        "Slow, 3 x 15",
        "--minutes",
        "5",
        today="2026-11-01",
    )
    ok(db, "habit", "add", "Hamstring stretch", "--schedule", "2/week", today="2026-11-01")
    ok(db, "habit", "add", "Ankle rocks", "--schedule", "RRULE:FREQ=WEEKLY;BYDAY=MO,TH", today="2026-11-02")
    for n in range(26, 32):
        ok(db, "done", "stick", "lacrosse", "plank", "--date", f"2026-10-{n}")
    for n in (1, 2, 3, 5, 6, 7, 11, 13, 14, 16, 17, 18, 19, 20, 21):
        ok(db, "done", "stick", "plank", "--date", f"2026-11-{n:02d}")
    for day in ("2026-11-03", "2026-11-06", "2026-11-13", "2026-11-17", "2026-11-20"):
        ok(db, "done", "acupuncture", "calf", "--date", day)
    for day in ("2026-11-02", "2026-11-05", "2026-11-16"):
        ok(db, "done", "glute", "hamstring", "ankle", "--date", day)
    ok(db, "snooze", "--date", "2026-11-04", "--reason", "IT band flare", "--area", "left IT band", "--pain", "6")
    ok(db, "snooze", "--date", "2026-11-12", "--habit", "plank", "--reason", "wrist")
    ok(
        db,
        "pause",
        "lacrosse",
        "--from",
        "2026-11-08",
        "--until",
        "2026-11-10",
        "--reason",
        "physio",
        today="2026-11-08",
    )
    ok(db, "pause", "lacrosse", "--from", "2026-11-23", "--until", "2026-11-30")
    ok(db, "habit", "archive", "hamstring", "--date", "2026-11-15")
    ok(db, "habit", "move", "calf", "1")
    ok(db, "habit", "edit", "plank", "--cue", "Slower on the way down", "--minutes", "6")
    ok(
        db,
        "habit",
        "edit",
        "calf",
        "--sets",
        "3",
        "--reps",
        "15",
        "--hold",
        "2",
        "--rest",
        "40",
        "--sides",
        "--min",
        "one set",
        "--min-sets",
        "1",
        "--when",
        "after the kettle boils",
    )
    ok(db, "done", "stick", "plank", "--min", "--date", "2026-11-19")
    for day, pain in (("2026-11-02", 6), ("2026-11-09", 5), ("2026-11-16", 3), (TODAY, 2)):
        ok(db, "pain", str(pain), "--area", "right hip flexor", "--date", day)
    ok(db, "pain", "4", "--area", "Left IT band", "--date", "2026-11-10", "--note", "after the hills")
    ok(db, "settings", "week_start", "sunday")
    ok(db, "settings", "snooze_budget", "3")


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A database with history and its JSON export (neither changed by the tests)."""
    folder = tmp_path_factory.mktemp("source")
    db = new_db(folder)
    build_history(db)
    export = folder / "export.json"
    ok(db, "export", "--format", "json", "-o", export)
    return db, export


NOTHING_NEW = ["nothing new to import: this file already holds it all"]


def export_of(db: Path) -> dict:
    """The JSON export of a database, apart from when it was made."""
    data = ok(db, "export").json
    assert isinstance(data.pop("exported_at"), str)
    return data


def views(db: Path) -> dict[str, object]:
    """Everything a person sees of a database through the CLI."""
    seen: dict[str, object] = {
        "streaks": ok(db, "streaks", "--json").json,
        "streaks text": ok(db, "streaks").out,
        "habits": ok(db, "habit", "list", "--all", "--json").json,
        "settings": ok(db, "settings").out,
        "calendar 10": ok(db, "calendar", "--month", "2026-10").out,
        "calendar 11": ok(db, "calendar", "--month", "2026-11").out,
        "export": export_of(db),
        "pain": ok(db, "pain", "--weeks", "12", "--json").json,
    }
    for day in DAYS:
        seen[f"today {day}"] = ok(db, "today", "--date", day, "--json").json
    return seen


def test_the_history_is_worth_comparing(source: tuple[Path, Path]) -> None:
    db, _ = source
    streaks = {h["slug"]: h for h in ok(db, "streaks", "--json").json["habits"]}
    assert streaks["stick-rolling"]["best_streak"] > 5
    assert streaks["glute-and-hip-strength"]["unit"] == "weeks"
    assert {ok(db, "today", "--date", d, "--json").json["snoozed"] for d in DAYS} == {True, False}
    statuses = {i["status"] for d in DAYS for i in ok(db, "today", "--date", d, "--json").json["items"]}
    assert statuses >= {"done", "missed", "off", "paused", "snoozed", "pending", "upcoming"}
    data = export_of(db)
    assert len(data["readings"]) == 6  # five recorded, one with a snooze
    assert next(h for h in data["habits"] if h["slug"] == "stick-rolling")["minimum_doses"] == ["2026-11-19"]
    assert next(h for h in data["habits"] if h["slug"] == "calf-raises")["prescription"]["rest"] == 40


def test_an_export_imports_into_a_new_file_as_the_same_state(source: tuple[Path, Path], tmp_path: Path) -> None:
    db, export = source
    copy = tmp_path / "restored.db"
    said = ok(copy, "import", export).lines
    assert len(said) == 1 and said[0].startswith("imported ") and "2 settings" in said[0]
    # Its own export is the export it was made from.
    original = json.loads(export.read_text(encoding="utf-8"))
    original.pop("exported_at")
    assert export_of(copy) == original
    # The two checks the contract names, then everything else the CLI shows.
    assert ok(copy, "streaks", "--json").out == ok(db, "streaks", "--json").out
    assert ok(copy, "today", "--json").out == ok(db, "today", "--json").out
    assert views(copy) == views(db)


def test_importing_the_same_export_twice_changes_nothing(source: tuple[Path, Path], tmp_path: Path) -> None:
    _, export = source
    target = new_db(tmp_path)
    ok(target, "done", "stick", "--date", "2026-10-05")  # history of its own, kept by the merge
    assert ok(target, "import", export).lines != NOTHING_NEW
    once = dump(target)
    assert ok(target, "import", export).lines == NOTHING_NEW
    assert dump(target) == once
    assert "2026-10-05" in [r["day"] for r in rows(target, "checkins")]


def test_importing_an_export_into_its_own_database_changes_nothing(source: tuple[Path, Path], tmp_path: Path) -> None:
    db, export = source
    mine = tmp_path / "mine.db"
    shutil.copy(db, mine)
    before = dump(mine)
    assert ok(mine, "import", export).lines == NOTHING_NEW
    assert dump(mine) == before


def test_import_merges_into_an_existing_database(source: tuple[Path, Path], tmp_path: Path) -> None:
    _, export = source
    target = new_db(tmp_path)
    ok(target, "settings", "snooze_budget", "1")
    ok(target, "habit", "edit", "stick", "--cue", "my own cue")
    ok(target, "habit", "add", "Ice the knee", "--schedule", "daily")
    ok(target, "import", export)
    settings = {r["key"]: r["value"] for r in rows(target, "settings")}
    assert settings == {"snooze_budget": "1", "week_start": "sunday"}  # added only where missing
    slugs = [h["slug"] for h in rows(target, "habits")]
    assert set(slugs) == {*DEFAULT_SLUGS, "ice-the-knee", "calf-raises", "hamstring-stretch", "ankle-rocks"}
    by_slug = {h["slug"]: h for h in rows(target, "habits")}
    # Matched by slug; the copy changed last wins. Stick rolling was edited here
    # after the export was made (and never in the export's file): kept.
    assert by_slug["stick-rolling"]["cue"] == "my own cue"
    assert by_slug["stick-rolling"]["start"] == TEMPLATE_START
    # Plank hip dips was edited in the export's file, never here: updated.
    assert (by_slug["plank-hip-dips"]["cue"], by_slug["plank-hip-dips"]["minutes"]) == (
        "Slower on the way down",
        6,
    )


def test_csv_export_has_a_row_per_event(source: tuple[Path, Path]) -> None:
    db, export = source
    data = json.loads(export.read_text(encoding="utf-8"))
    lines = ok(db, "export", "--format", "csv").lines
    events = sum(len(h["checkins"]) + len(h["snoozes"]) + len(h["pauses"]) for h in data["habits"])
    assert len(lines) == 1 + events + len(data["rest_days"]) + len(data["readings"])


# ------------------------------------------------------------ damaged exports


def _habit(data: dict, slug: str) -> dict:
    return next(h for h in data["habits"] if h["slug"] == slug)


def _set(key: str, value: object) -> Callable[[dict], None]:
    return lambda data: data.__setitem__(key, value)


DAMAGED: dict[str, Callable[[dict], None]] = {
    "not an export": lambda d: d.__setitem__("format", "something else"),
    "from a newer version": _set("version", 99),
    "version not a number": _set("version", "1"),
    "settings not a mapping": _set("settings", ["week_start", "sunday"]),
    "settings null": _set("settings", None),
    "unknown setting": _set("settings", {"colour": "red"}),
    "bad setting value": _set("settings", {"snooze_budget": "99"}),
    "no habits": lambda d: d.pop("habits"),
    "habits not a list": _set("habits", "Stick rolling"),
    "a habit null": lambda d: d["habits"].append(None),
    "a habit without a slug": lambda d: d["habits"][-1].pop("slug"),
    "a habit without a name": lambda d: d["habits"][-1].__setitem__("name", "   "),
    "an unknown schedule": lambda d: d["habits"][-1]["schedules"][-1].__setitem__("schedule", "sometimes"),
    "a start that is no date": lambda d: d["habits"][-1].__setitem__("start", "soon"),
    "minutes not a number": lambda d: d["habits"][-1].__setitem__("minutes", "ten"),
    # Damage in the last habit: the earlier ones must not be written either.
    "a check-in on 30 February": lambda d: d["habits"][-1]["checkins"].append("2026-02-30"),
    "a pain of 11": lambda d: d["habits"][-1]["snoozes"].append({"day": "2026-11-01", "pain": 11}),
    "a pause without an end": lambda d: d["habits"][-1]["pauses"].append({"start": "2026-11-01"}),
    "a pause ending before it starts": lambda d: d["habits"][-1]["pauses"].append(
        {"start": "2026-11-10", "until": "2026-11-01"}
    ),
    "21 sets": lambda d: d["habits"][-1].__setitem__("prescription", {"sets": 21}),
    "a hold of '45'": lambda d: d["habits"][-1].__setitem__("prescription", {"hold": "45"}),
    "sides not true or false": lambda d: d["habits"][-1].__setitem__("prescription", {"sides": "yes"}),
    "an unknown prescription key": lambda d: d["habits"][-1].__setitem__("prescription", {"tempo": 3}),
    "a minimum dose on a day not done": lambda d: d["habits"][-1]["minimum_doses"].append("2026-10-02"),
    "a when with a line break": lambda d: d["habits"][-1].__setitem__("when", "after\nrunning"),
    "a reading of 11": lambda d: d["readings"].append({"day": "2026-11-01", "area": "hip", "pain": 11}),
    "a reading tomorrow": lambda d: d["readings"].append({"day": "2026-11-22", "area": "hip", "pain": 3}),
    "a reading without an area": lambda d: d["readings"].append({"day": "2026-11-01", "area": " ", "pain": 3}),
    "a rest day without a day": lambda d: d["rest_days"].append({"reason": "sore"}),
    "rest days null": _set("rest_days", None),
    "two habits with one slug": lambda d: d["habits"].append(dict(_habit(d, "stick-rolling"), name="Another stick")),
    # Only found while writing: the transaction must roll everything back.
    "a name taken here by another slug": lambda d: d["habits"].append(
        dict(_habit(d, "calf-raises"), slug="calves", name="ICE THE KNEE")
    ),
}


@pytest.fixture
def target(tmp_path: Path) -> Path:
    db = new_db(tmp_path, "target.db")
    ok(db, "habit", "add", "Ice the knee", "--schedule", "daily")
    ok(db, "done", "stick")
    return db


def write_damaged(export: Path, damage: Callable[[dict], None], folder: Path) -> Path:
    data = json.loads(export.read_text(encoding="utf-8"))
    damage(data)
    path = folder / "damaged.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("damage", list(DAMAGED.values()), ids=list(DAMAGED))
def test_a_damaged_export_writes_nothing(
    source: tuple[Path, Path], target: Path, tmp_path: Path, damage: Callable[[dict], None]
) -> None:
    damaged = write_damaged(source[1], damage, tmp_path)
    before, raw, files = dump(target), file_bytes(target), folder_state(tmp_path)
    line = assert_error(run(target, "import", damaged))
    # Damage found reading the file names the export; a clash found while
    # writing says nothing was imported.
    assert "export" in line or line.startswith("error: nothing was imported: "), line
    assert dump(target) == before
    assert file_bytes(target) == raw
    assert folder_state(tmp_path) == files


@pytest.mark.parametrize("damage", list(DAMAGED.values())[:-1], ids=list(DAMAGED)[:-1])
def test_a_damaged_export_creates_no_database(
    source: tuple[Path, Path], tmp_path: Path, damage: Callable[[dict], None]
) -> None:
    damaged = write_damaged(source[1], damage, tmp_path)
    assert_error(run(tmp_path / "new.db", "import", damaged))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.json"]


@pytest.mark.parametrize(
    "text",
    ["", "not json", '{"format": "rehab-tui export", "habits": [', "[]", "null", '"rehab"', "\ufeff{}"],
    ids=["empty", "text", "truncated", "a list", "null", "a string", "bom"],
)
def test_a_file_that_is_no_export_writes_nothing(target: Path, tmp_path: Path, text: str) -> None:
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    before, raw = dump(target), file_bytes(target)
    assert_error(run(target, "import", path))
    assert dump(target) == before and file_bytes(target) == raw


def test_a_truncated_real_export_writes_nothing(source: tuple[Path, Path], target: Path, tmp_path: Path) -> None:
    text = source[1].read_text(encoding="utf-8")
    path = tmp_path / "half.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    before = dump(target)
    assert_error(run(target, "import", path), contains="not a JSON export")
    assert dump(target) == before
