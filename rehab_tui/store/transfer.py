"""Export to JSON or CSV, and import a JSON export back by merging it in."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime
from typing import Any

from ..domain.body import PainReading
from ..domain.dates import parse_iso
from ..domain.errors import RehabError
from ..domain.model import Habit, Pause, ScheduleVersion
from ..domain.prescription import Dose, Prescription
from ..domain.rules import (
    AREA,
    NOTE,
    PAIN,
    REASON,
    check_checkin,
    check_habit,
    check_pause,
    check_reading,
    check_snooze_day,
)
from ..domain.schedules import load_schedule
from ..domain.settings import validate
from .store import Store

FORMAT = "rehab-tui export"
#: 3 added each habit's plan ("when"), prescription and minimum-dose days, and the pain readings.
VERSION = 3


def export_data(store: Store) -> dict[str, Any]:
    """Everything in the file, as plain JSON values (format version 3)."""
    journal = store.journal()
    snoozes = store.snoozes()
    habits = []
    for log in journal.logs:
        h = log.habit
        notes = store.notes(h.id)
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
                "snoozes": [_snooze(s) for s in snoozes if s.habit_id == h.id],
                "pauses": [
                    {"start": p.start.isoformat(), "until": p.until.isoformat(), "reason": p.reason} for p in log.pauses
                ],
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": store.stored_settings(),
        "rest_days": [_snooze(s) for s in snoozes if s.habit_id is None],
        "habits": habits,
        # Every rated reading, a snooze's too (with its note); an area a
        # snooze named without a number travels with the snooze alone.
        "readings": [
            {"day": r.day.isoformat(), "area": r.area, "pain": r.pain, "note": r.note}
            for r in store.readings()
            if r.pain is not None
        ],
    }


def _snooze(s) -> dict:
    return {"day": s.day.isoformat(), "reason": s.reason, "area": s.area, "pain": s.pain, "exempt": s.exempt}


CSV_COLUMNS = ("kind", "date", "until", "habit", "slug", "reason", "area", "pain", "dose", "note")


def export_csv(store: Store) -> str:
    """One row per check-in, snooze, rest day and pause, for spreadsheets."""
    data = export_data(store)
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    rows = []
    for h in data["habits"]:
        who = {"habit": h["name"], "slug": h["slug"]}
        minimum = set(h["minimum_doses"])
        rows += [
            {"kind": "done", "date": d, **who, "dose": Dose.MIN if d in minimum else Dose.FULL} for d in h["checkins"]
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


@dataclass(frozen=True)
class Imported:
    """What an import added or changed, counted."""

    habits_added: int = 0
    habits_updated: int = 0
    checkins: int = 0
    snoozes: int = 0
    pauses: int = 0
    readings: int = 0
    settings: int = 0

    def sentence(self) -> str:
        parts = [
            _count(self.habits_added, "new habit"),
            _count(self.habits_updated, "habit updated", "habits updated"),
            _count(self.checkins, "check-in"),
            _count(self.snoozes, "snooze"),
            _count(self.pauses, "pause"),
            _count(self.readings, "pain reading"),
            _count(self.settings, "setting"),
        ]
        said = [p for p in parts if p]
        return "imported " + ", ".join(said) if said else "nothing new to import: this file already holds it all"


def _count(n: int, one: str, many: str | None = None) -> str:
    if not n:
        return ""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def import_data(store: Store, data: Any, today: date) -> Imported:
    """Merge an export in through the store's gate, in one transaction: all
    of it or, on the first row that breaks a rule, none. Importing the same
    export twice changes nothing; a habit is replaced only by a copy that
    changed later than this file's."""
    checked = check_export(data, today)
    counts = dict.fromkeys(Imported.__dataclass_fields__, 0)
    try:
        with store.transaction():
            stored = store.stored_settings()
            for key, value in checked.settings.items():
                if key not in stored:
                    store.set_setting(key, value)
                    counts["settings"] += 1
            # A day and area held here keep their reading: an import never goes
            # back in time. (Before the snoozes, which link to the readings.)
            held = {(r.day, r.key) for r in store.readings()}
            for r in checked.readings:
                if (r.day, r.key) not in held:
                    store.record_pain(r.day, r.area, r.pain, today, r.note)
                    held.add((r.day, r.key))
                    counts["readings"] += 1
            for incoming in checked.habits:
                habit, what = store.merge_habit(incoming.habit)
                if what != "kept":
                    counts[f"habits_{what}"] += 1
                counts["checkins"] += store.record_checkins(habit.id, incoming.checkins, today, incoming.doses)
                for s in incoming.snoozes:
                    counts["snoozes"] += _snoozed(store, s, today, habit.id)
                pauses = store.log(habit.id).pauses
                for p in incoming.pauses:
                    if any(q.start <= p.start and p.until <= q.until for q in pauses):
                        continue  # already held: writing it again would only rewrite the row
                    # Merged with the pauses it overlaps or touches, as `pause` does.
                    now = store.pause(habit.id, p.start, p.until, p.reason, today=today, history=True).log.pauses
                    counts["pauses"] += now != pauses
                    pauses = now
            for s in checked.rest_days:
                counts["snoozes"] += _snoozed(store, s, today, None)
    except RehabError as exc:
        raise RehabError(f"nothing was imported: {exc}") from None
    return Imported(**counts)


def _snoozed(store: Store, s: dict, today: date, habit_id: int | None) -> int:
    return int(
        store.snooze(s["day"], today, habit_id, s["reason"], s["area"], s["pain"], s["exempt"], history=True).changed
    )


@dataclass(frozen=True)
class IncomingHabit:
    habit: Habit
    checkins: dict[date, str | None]
    snoozes: list[dict]
    pauses: list[Pause]
    doses: dict[date, Dose]


@dataclass(frozen=True)
class Checked:
    settings: dict[str, str]
    habits: list[IncomingHabit]
    rest_days: list[dict]
    readings: list[PainReading]

    def summary(self) -> str:
        """What the file holds, in a sentence (before it is merged)."""
        checkins = sum(len(h.checkins) for h in self.habits)
        snoozes = sum(len(h.snoozes) for h in self.habits) + len(self.rest_days)
        names = ", ".join(h.habit.name for h in self.habits)
        return (
            f"{_count(len(self.habits), 'habit') or 'no habits'} ({names}), "
            f"{_count(checkins, 'check-in') or 'no check-ins'}, {_count(snoozes, 'snooze') or 'no snoozes'}"
        )


def check_export(data: Any, today: date) -> Checked:
    """The export read into the domain's objects and checked against the
    gate's rules before any file is opened: a damaged export must not even
    create a new database. (The store checks them again as it writes, with
    what only the file knows: names taken, the snooze budget.)"""
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
        habits = [_incoming(h, version, today) for h in data["habits"]]
        rest_days = [_checked_snooze(s, today) for s in data.get("rest_days", [])]
        readings = [
            check_reading(
                PainReading(parse_iso(r["day"]), _text(r["area"]), _number(r["pain"]), _text(r.get("note") or "")),
                today,
            )
            for r in data.get("readings", [])
        ]
    except RehabError as exc:
        # A bad date, name or schedule: say that it is in the export, not in the database.
        raise RehabError(f"the export is damaged ({exc})") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RehabError(f"the export is damaged ({type(exc).__name__}: {exc})") from None
    # Habits are matched by slug: a second habit with the same slug would
    # silently overwrite the first.
    slugs = [h.habit.slug for h in habits]
    twice = next((slug for slug in slugs if slugs.count(slug) > 1), None)
    if twice is not None:
        raise RehabError(f"the export is damaged (two habits have the slug '{twice}')")
    return Checked(checked_settings, habits, rest_days, readings)


def _incoming(h: dict, version: int, today: date) -> IncomingHabit:
    start = parse_iso(h["start"])
    if version < 2:
        # Version 1 kept one schedule a habit, in force from its start.
        versions = [ScheduleVersion(start, load_schedule(h["schedule"], parse_iso(h["schedule_anchor"])))]
    else:
        versions = [
            ScheduleVersion(parse_iso(v["from"]), load_schedule(v["schedule"], parse_iso(v.get("anchor") or v["from"])))
            for v in h["schedules"]
        ]
    if not versions:
        raise RehabError(f"'{h['name']}' has no schedule")
    notes = h.get("notes") or {}
    habit = check_habit(
        Habit(
            id=0,
            name=_text(h["name"]),
            slug=_text(h["slug"]),
            cue=_text(h.get("cue") or ""),
            minutes=_number(h.get("minutes")),
            schedule=versions[-1].schedule,
            start=start,
            archived=parse_iso(h["archived"]) if h.get("archived") else None,
            position=_number(h.get("position")) or 0,
            versions=tuple(versions) if len(versions) > 1 else (),
            updated_at=_text(h["updated_at"]) if h.get("updated_at") else None,
            when=_text(h.get("when") or ""),
            prescription=_prescription(h.get("prescription") or {}),
        )
    )
    checkins = {parse_iso(d): None for d in h.get("checkins", [])}
    for day, note in notes.items():
        checkins[parse_iso(day)] = NOTE.clean(_text(note))
    for day in checkins:
        check_checkin(habit, day, today)
    pauses = [
        check_pause(Pause(parse_iso(p["start"]), parse_iso(p["until"]), _text(p.get("reason") or "")))
        for p in h.get("pauses", [])
    ]
    doses = {parse_iso(d): Dose.MIN for d in h.get("minimum_doses", [])}
    if not doses.keys() <= checkins.keys():
        raise RehabError(f"'{habit.name}' has a minimum dose on a day it was not done")
    snoozes = [_checked_snooze(s, today) for s in h.get("snoozes", [])]
    return IncomingHabit(habit, checkins, snoozes, pauses, doses)


def _prescription(p: Any) -> Prescription:
    """A prescription from an export: the known keys, typed (the gate checks the ranges)."""
    if not isinstance(p, dict):
        raise RehabError("a prescription is not keys with values")
    known = {f.name for f in fields(Prescription)}
    unknown = p.keys() - known
    if unknown:
        raise RehabError(f"a prescription has unknown keys: {', '.join(sorted(map(str, unknown)))}")
    values: dict[str, Any] = {}
    for key, value in p.items():
        if key == "sides":
            if not isinstance(value, bool):
                raise RehabError(f"sides is true or false ({value!r} given)")
            values[key] = value
        elif key == "min_text":
            values[key] = _text(value or "")
        else:
            values[key] = _number(value)
    return Prescription(**values)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise RehabError(f"{value!r} is not text")
    return value


def _number(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RehabError(f"{value!r} is not a whole number")
    return value


def _checked_snooze(s: dict, today: date) -> dict:
    return {
        "day": check_snooze_day(parse_iso(s["day"]), today),
        "reason": REASON.clean(_text(s.get("reason") or "sore")) or "sore",
        "area": AREA.clean(_text(s["area"])) or None if s.get("area") is not None else None,
        "pain": PAIN.check(_number(s.get("pain"))),
        "exempt": bool(s.get("exempt", False)),
    }
