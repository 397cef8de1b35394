"""Export to JSON (which imports back to the same state) or CSV (for spreadsheets)."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from ..domain.contents import Contents
from ..domain.model import Snooze
from ..domain.prescription import Dose
from ..domain.reminders import Reminder
from ..domain.weekdays import weekday_list

FORMAT = "rehab-tui export"
#: 3 added each habit's plan ("when"), prescription and minimum-dose days, and the pain readings;
#: 4 the reminders (the routine's, and each habit's with the habit).
VERSION = 4


def export_data(contents: Contents) -> dict[str, Any]:
    """Everything in the file, as plain JSON values (format version 3)."""
    # By time and days, not in the order added: two machines a sync joins
    # added them in another order (docs/architecture.md, "Sync").
    reminders = sorted((r for r in contents.reminders if travels(r)), key=lambda r: (r.at, sorted(r.days)))
    habits = []
    for log in contents.journal.logs:
        h = log.habit
        notes = contents.notes.get(h.id, {})
        habits.append(
            {
                "name": h.name,
                "slug": h.slug,
                "cue": h.cue,
                "minutes": h.minutes,
                "start": h.start.isoformat(),
                "archived": h.archived.isoformat() if h.archived else None,
                "position": h.position,
                "updated_at": h.updated_at,
                "when": h.when,
                "prescription": asdict(h.prescription),
                "schedules": [
                    {"from": v.since.isoformat(), "schedule": v.schedule.rule, "anchor": v.schedule.anchor.isoformat()}
                    for v in h.schedule_history
                ],
                "checkins": sorted(d.isoformat() for d in log.done),
                "minimum_doses": sorted(d.isoformat() for d in log.minimum),
                "notes": {d.isoformat(): text for d, text in sorted(notes.items())},
                "snoozes": [_snooze(s) for s in contents.snoozes if s.habit_id == h.id],
                "pauses": [
                    {"start": p.start.isoformat(), "until": p.until.isoformat(), "reason": p.reason} for p in log.pauses
                ],
                "reminders": [_reminder(r) for r in reminders if r.habit_id == h.id],
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": dict(contents.settings),
        "rest_days": [_snooze(s) for s in contents.snoozes if s.habit_id is None],
        "habits": habits,
        # Every rated reading, a snooze's too (with its note); an area a
        # snooze named without a number travels with the snooze alone. A
        # day's by area: two machines a sync joins hold them in another order.
        "readings": [
            {"day": r.day.isoformat(), "area": r.area, "pain": r.pain, "note": r.note}
            for r in sorted(contents.readings, key=lambda r: (r.day, r.key))
            if r.pain is not None
        ],
        "reminders": [_reminder(r) for r in reminders if r.habit_id is None],
    }


def travels(r: Reminder) -> bool:
    """Whether a reminder goes into an export: one to the desktop does; one to
    an apprise URL stays behind, as its URL may hold a token or a password and
    an export is printed and passed around (docs/formats.md, "JSON export")."""
    return r.target is None


def _reminder(r: Reminder) -> dict:
    return {"at": r.at, "days": weekday_list(r.days), "to": r.target}


def _snooze(s: Snooze) -> dict:
    return {"day": s.day.isoformat(), "reason": s.reason, "area": s.area, "pain": s.pain, "exempt": s.exempt}


CSV_COLUMNS = ("kind", "date", "until", "habit", "slug", "reason", "area", "pain", "dose", "note")


def export_csv(contents: Contents) -> str:
    """One row per check-in, snooze, rest day and pause, for spreadsheets."""
    data = export_data(contents)
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    rows = []
    for h in data["habits"]:
        who = {"habit": h["name"], "slug": h["slug"]}
        minimum, notes = set(h["minimum_doses"]), h["notes"]
        rows += [
            {"kind": "done", "date": d, **who, "dose": Dose.MIN if d in minimum else Dose.FULL, "note": notes.get(d)}
            for d in h["checkins"]
        ]
        rows += [{"kind": "snoozed", "date": s.pop("day"), **who, **s} for s in h["snoozes"]]
        rows += [
            {"kind": "paused", "date": p["start"], "until": p["until"], "reason": p["reason"], **who}
            for p in h["pauses"]
        ]
    rows += [{"kind": "rest_day", "date": s.pop("day"), **s} for s in data["rest_days"]]
    rows += [{"kind": "pain", "date": r.pop("day"), **r} for r in data["readings"]]
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
