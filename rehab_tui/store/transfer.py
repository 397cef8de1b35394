"""Export to JSON or CSV, and import a JSON export back by merging it in."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..domain.dates import parse_iso
from ..domain.errors import RehabError
from ..domain.lookup import clean_name
from ..domain.schedules import parse_schedule
from ..domain.settings import validate
from .store import Store, _id_param, _snooze_where

FORMAT = "rehab-tui export"
VERSION = 1
#: The columns of a habit that an export carries (its id stays behind).
HABIT_FIELDS = ("name", "slug", "cue", "minutes", "schedule", "schedule_anchor", "start", "archived", "position")


def export_data(store: Store) -> dict[str, Any]:
    db = store.db
    snoozes = list(db["snoozes"].rows_where(order_by="day, id"))
    pauses = list(db["pauses"].rows_where(order_by="start, id"))
    checkins: dict[int, list[str]] = {}
    for row in db["checkins"].rows_where(order_by="day", select="habit_id, day"):
        checkins.setdefault(row["habit_id"], []).append(row["day"])
    habits = []
    for h in db["habits"].rows_where(order_by="position, id"):
        habits.append(
            {
                **{k: h[k] for k in HABIT_FIELDS},
                "checkins": checkins.get(h["id"], []),
                "snoozes": [_snooze(s) for s in snoozes if s["habit_id"] == h["id"]],
                "pauses": [
                    {"start": p["start"], "until": p["until"], "reason": p["reason"]}
                    for p in pauses if p["habit_id"] == h["id"]
                ],
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "settings": {r["key"]: r["value"] for r in db["settings"].rows},
        "rest_days": [_snooze(s) for s in snoozes if s["habit_id"] is None],
        "habits": habits,
    }


def _snooze(row: dict) -> dict:
    return {"day": row["day"], "reason": row["reason"], "area": row["area"], "pain": row["pain"]}


CSV_COLUMNS = ("kind", "date", "until", "habit", "slug", "reason", "area", "pain")


def export_csv(store: Store) -> str:
    """One row per check-in, snooze, rest day and pause, for spreadsheets."""
    data = export_data(store)
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = []
    for h in data["habits"]:
        who = {"habit": h["name"], "slug": h["slug"]}
        rows += [{"kind": "done", "date": d, **who} for d in h["checkins"]]
        rows += [{"kind": "snoozed", "date": s.pop("day"), **who, **s} for s in h["snoozes"]]
        rows += [
            {"kind": "paused", "date": p["start"], "until": p["until"], "reason": p["reason"], **who}
            for p in h["pauses"]
        ]
    rows += [{"kind": "rest_day", "date": s.pop("day"), **s} for s in data["rest_days"]]
    rows.sort(key=lambda r: (r["date"], r["kind"], r.get("slug") or ""))
    writer.writerows({k: spreadsheet_cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


#: What makes a spreadsheet read a cell as a formula (or, for tab and CR, as the
#: start of one once it trims the cell).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made inert by a leading
    apostrophe (which spreadsheets hide and read as "this is text")."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def import_data(store: Store, data: Any) -> dict[str, int]:
    """Merge an export in: one transaction, and importing it twice changes nothing."""
    settings, habits, rest_days = check_export(data)
    counts = {"habits_added": 0, "habits_updated": 0, "checkins": 0, "snoozes": 0, "pauses": 0, "settings": 0}
    with store._write() as db:
        for key, stored in settings.items():
            if not db["settings"].count_where("key = ?", [key]):
                db["settings"].insert({"key": key, "value": stored})
                counts["settings"] += 1
        existing = {r["slug"]: r for r in db["habits"].rows}
        for h in habits:
            row = {k: h[k] for k in HABIT_FIELDS}
            clash = [
                r for r in db["habits"].rows
                if r["name"].casefold() == h["name"].casefold() and r["slug"] != h["slug"]
            ]
            if clash:
                raise RehabError(f"the export's '{h['name']}' clashes with habit '{clash[0]['name']}' here")
            if h["slug"] in existing:
                habit_id = existing[h["slug"]]["id"]
                current = {k: existing[h["slug"]][k] for k in row}
                if current != row:
                    db["habits"].update(habit_id, row)
                    counts["habits_updated"] += 1
            else:
                habit_id = db["habits"].insert(row).last_pk
                counts["habits_added"] += 1
            # INSERT OR IGNORE on the (habit_id, day) key: a check-in already here is
            # skipped, and SQLite's count of changed rows says how many were new.
            before = db.conn.total_changes
            db["checkins"].insert_all(({"habit_id": habit_id, "day": day} for day in h["checkins"]), ignore=True)
            counts["checkins"] += db.conn.total_changes - before
            for s in h["snoozes"]:
                counts["snoozes"] += _add_snooze(db, s, habit_id)
            for p in h["pauses"]:
                where = "habit_id = ? AND start = ? AND until = ?"
                if not db["pauses"].count_where(where, [habit_id, p["start"], p["until"]]):
                    db["pauses"].insert({"habit_id": habit_id, **p})
                    counts["pauses"] += 1
        for s in rest_days:
            counts["snoozes"] += _add_snooze(db, s, None)
    return counts


def _add_snooze(db, snooze: dict, habit_id: int | None) -> int:
    where, params = _snooze_where(habit_id), [snooze["day"], *_id_param(habit_id)]
    if db["snoozes"].count_where(where, params):
        return 0
    db["snoozes"].insert({**snooze, "habit_id": habit_id})
    return 1


def check_export(data: Any) -> tuple[dict[str, str], list[dict], list[dict]]:
    """The export's settings, habits and rest days, every field checked before anything is written."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RehabError("this is not a rehab-tui JSON export")
    version = data.get("version", 0)
    # Checked before comparing: a version that is not a number would raise TypeError.
    if not isinstance(version, int):
        raise RehabError(f"the export is damaged (its version {version!r} is not a number)")
    if version > VERSION:
        raise RehabError("this export comes from a newer rehab-tui; upgrade to import it")
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise RehabError("the export is damaged (its settings are not keys with values)")
    try:
        checked_settings = {str(k): validate(str(k), str(v)) for k, v in settings.items()}
    except RehabError as exc:
        raise RehabError(f"the export has a bad setting: {exc}") from None
    try:
        habits = []
        for h in data["habits"]:
            anchor = parse_iso(h["schedule_anchor"])
            parse_schedule(h["schedule"], anchor)
            habits.append(
                {
                    "name": clean_name(h["name"]),
                    "slug": str(h["slug"]),
                    "cue": str(h.get("cue") or ""),
                    "minutes": None if h.get("minutes") is None else int(h["minutes"]),
                    "schedule": h["schedule"],
                    "schedule_anchor": anchor.isoformat(),
                    "start": parse_iso(h["start"]).isoformat(),
                    "archived": parse_iso(h["archived"]).isoformat() if h.get("archived") else None,
                    "position": int(h.get("position") or 0),
                    "checkins": [parse_iso(d).isoformat() for d in h.get("checkins", [])],
                    "snoozes": [_checked_snooze(s) for s in h.get("snoozes", [])],
                    "pauses": [_checked_pause(p) for p in h.get("pauses", [])],
                }
            )
        rest_days = [_checked_snooze(s) for s in data.get("rest_days", [])]
    except RehabError as exc:
        # A bad date, name or schedule: say that it is in the export, not in the database.
        raise RehabError(f"the export is damaged ({exc})") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RehabError(f"the export is damaged ({type(exc).__name__}: {exc})") from None
    # Habits are matched by slug: a second habit with the same slug would
    # silently overwrite the first (or break the unique index on a new one).
    slugs = [h["slug"] for h in habits]
    twice = next((slug for slug in slugs if slugs.count(slug) > 1), None)
    if twice is not None:
        raise RehabError(f"the export is damaged (two habits have the slug '{twice}')")
    return checked_settings, habits, rest_days


def _checked_pause(p: dict) -> dict:
    start, until = parse_iso(p["start"]), parse_iso(p["until"])
    if until < start:
        raise RehabError(f"a pause that ends ({until}) before it starts ({start})")
    return {"start": start.isoformat(), "until": until.isoformat(), "reason": str(p.get("reason") or "")}


def _checked_snooze(s: dict) -> dict:
    pain = s.get("pain")
    if pain is not None and not 0 <= int(pain) <= 10:
        raise RehabError(f"a pain level of {pain}, not from 0 to 10")
    return {
        "day": parse_iso(s["day"]).isoformat(),
        "reason": str(s.get("reason") or "sore"),
        "area": s.get("area"),
        "pain": None if pain is None else int(pain),
    }
