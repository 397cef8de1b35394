"""Other trackers' files built from their documented formats (docs/formats.md, "Moving in"), and a
check that what `rehab_tui.moving.convert` returns is our export, version 2."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from rehab_tui.domain.schedules import parse_schedule

TODAY = date(2026, 11, 21)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

# --- Loop's backup: its schema at database version 25 --------------------------

LOOP_HABITS = {
    "id": int,
    "archived": int,
    "color": int,
    "description": str,
    "freq_den": int,
    "freq_num": int,
    "highlight": int,
    "name": str,
    "position": int,
    "reminder_hour": int,
    "reminder_min": int,
    "reminder_days": int,
    "type": int,
    "target_type": int,
    "target_value": float,
    "unit": str,
    "question": str,
    "uuid": str,
}
LOOP_REPETITIONS = {"id": int, "habit": int, "timestamp": int, "value": int, "notes": str}


def loop_ts(day: date) -> int:
    """Loop's timestamp for a local date: milliseconds at 00:00 UTC of that date."""
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000)


def loop_habit(hid: int, name: str, num: int = 1, den: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        "id": hid,
        "archived": 0,
        "color": 8,
        "description": "",
        "freq_den": den,
        "freq_num": num,
        "highlight": 0,
        "name": name,
        "position": hid - 1,
        "reminder_hour": None,
        "reminder_min": None,
        "reminder_days": 127,
        "type": 0,
        "target_type": 0,
        "target_value": 0.0,
        "unit": "",
        "question": "",
        "uuid": f"{hid:032x}",
        **extra,
    }


def loop_backup(
    path: Path,
    habits: list[dict[str, Any]],
    reps: list[tuple[int, date, int, str | None]],
    user_version: int = 25,
    with_value: bool = True,
) -> Path:
    """A Loop backup file: Habits, Repetitions (habit, day, value, notes) and the rest."""
    db = Database(path)
    db["Habits"].create(LOOP_HABITS, pk="id")
    columns = dict(LOOP_REPETITIONS)
    if not with_value:
        columns.pop("value")
        columns.pop("notes")
    db["Repetitions"].create(columns, pk="id", foreign_keys=[("habit", "Habits", "id")])
    db["Repetitions"].create_index(["habit", "timestamp"], unique=True)
    db["Events"].create({"id": int, "timestamp": int, "message": str, "server_id": int}, pk="id")
    db["android_metadata"].insert({"locale": "en_US"})
    db["Habits"].insert_all(habits)
    rows = []
    for habit, day, value, notes in reps:
        row = {"habit": habit, "timestamp": loop_ts(day)}
        if with_value:
            row |= {"value": value, "notes": notes}
        rows.append(row)
    db["Repetitions"].insert_all(rows)
    db.execute(f"PRAGMA user_version = {user_version}")
    db.close()
    return path


# --- Loop's CSV export ----------------------------------------------------------

HABITS_CSV_HEADER = [
    "Position",
    "Name",
    "Type",
    "Question",
    "Description",
    "FrequencyNumerator",
    "FrequencyDenominator",
    "Color",
    "Unit",
    "Target Type",
    "Target Value",
    "Archived?",
]


def loop_csv_habit(position: int, name: str, num: int = 1, den: int = 1, **extra: str) -> dict[str, str]:
    return {
        "Position": f"{position:03d}",
        "Name": name,
        "Type": "YES_NO",
        "Question": "",
        "Description": "",
        "FrequencyNumerator": str(num),
        "FrequencyDenominator": str(den),
        "Color": "#FF8F00",
        "Unit": "",
        "Target Type": "",
        "Target Value": "",
        "Archived?": "false",
        **extra,
    }


def loop_csv_zip(
    path: Path, habits: list[dict[str, str]], checkmarks: dict[str, list[tuple[str, str, str]]], root: str = ""
) -> Path:
    """A Loop CSV export; `checkmarks` maps a habit's name to its (date, value, notes) rows."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            root + "Habits.csv", _csv([HABITS_CSV_HEADER, *[[h[k] for k in HABITS_CSV_HEADER] for h in habits]])
        )
        for h in habits:
            if h["Name"] not in checkmarks:
                continue
            folder = f"{h['Position']} {re.sub(r'[^A-Za-z0-9 ._-]', '', h['Name'])}"
            rows = sorted(checkmarks[h["Name"]], reverse=True)  # newest first, as Loop writes them
            zf.writestr(f"{root}{folder}/Checkmarks.csv", _csv([["Date", "Value", "Notes"], *rows]))
            zf.writestr(f"{root}{folder}/Scores.csv", _csv([["Date", "Score"], *[[r[0], "0.5000"] for r in rows]]))
        zf.writestr(root + "Checkmarks.csv", "Date," + ",".join(h["Name"] for h in habits) + ",\n")
    return path


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


# --- harsh ------------------------------------------------------------------------


def harsh_folder(path: Path, habits: str, log: str | None = None) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "habits").write_text(habits, encoding="utf-8")
    if log is not None:
        (path / "log").write_text(log, encoding="utf-8")
    return path


# --- what every conversion must give ------------------------------------------------

HABIT_KEYS = {
    "name",
    "slug",
    "cue",
    "minutes",
    "start",
    "archived",
    "position",
    "updated_at",
    "schedules",
    "checkins",
    "notes",
    "snoozes",
    "pauses",
    "reminders",  # issue 21: Loop's reminder of a habit, to the desktop
}


def assert_valid_export(data: dict[str, Any], today: date = TODAY) -> None:
    """Our export format, version 2, exactly as the brief of issue 15 defines it."""
    assert set(data) == {"format", "version", "exported_at", "settings", "rest_days", "habits"}
    assert data["format"] == "rehab-tui export" and data["version"] == 2
    assert data["exported_at"] is None and data["settings"] == {} and data["rest_days"] == []
    slugs = [h["slug"] for h in data["habits"]]
    assert len(set(slugs)) == len(slugs)
    for position, h in enumerate(data["habits"], start=1):
        assert set(h) == HABIT_KEYS, h.keys()
        assert h["position"] == position
        assert 0 < len(h["name"]) <= 100 and h["name"].isprintable()
        assert _SLUG.match(h["slug"]), h["slug"]
        assert len(h["cue"]) <= 300 and h["cue"].isprintable()
        assert h["minutes"] is None and h["updated_at"] is None and h["pauses"] == []
        start = _day(h["start"])
        assert start <= today
        [schedule] = h["schedules"]
        assert schedule["from"] == h["start"]
        parse_schedule(schedule["schedule"], start)
        days = [_day(d) for d in h["checkins"]]
        assert days == sorted(set(days))
        skipped = [_day(s["day"]) for s in h["snoozes"]]
        assert skipped == sorted(set(skipped))
        assert not set(days) & set(skipped)
        for s in h["snoozes"]:
            assert set(s) == {"day", "reason", "area", "pain", "exempt"}
            # A skip's note is its reason (a reason's cap is 100); without one, where it came from.
            assert 0 < len(s["reason"]) <= 100 and s["reason"].isprintable()
            assert s["area"] is None and s["pain"] is None and s["exempt"] is True
        for day in days + skipped:
            assert start <= day <= today
        for r in h["reminders"]:
            assert set(r) == {"at", "days", "to"} and r["to"] is None
            assert _TIME.match(r["at"]) and r["days"]
        for day, note in h["notes"].items():
            # Notes are check-ins' (a note on a skipped day would make it one).
            assert _day(day) in set(days)
            assert 0 < len(note) <= 300 and note.isprintable()
        if h["archived"] is not None:
            archived = _day(h["archived"])
            assert archived > start
            assert all(d < archived for d in days + skipped)


def _day(text: str) -> date:
    assert _ISO.match(text), text
    return date.fromisoformat(text)


def by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {h["name"]: h for h in data["habits"]}


def schedule_of(habit: dict[str, Any]) -> str:
    return habit["schedules"][0]["schedule"]


def loop_many(path: Path, habits: int) -> Path:
    """A Loop backup of `habits` habits (the scale test, benchmark figure i),
    each with 20 entries over 60 days: done, and every seventh a skip."""
    first = TODAY - timedelta(days=60)
    days = [(first + timedelta(days=d), 3 if d % 7 == 0 else 2) for d in range(0, 60, 3)]
    reps = [(h, day, value, None) for h in range(1, habits + 1) for day, value in days]
    return loop_backup(path, [loop_habit(i, f"Habit {i}") for i in range(1, habits + 1)], reps)
