"""A JSON export read back into the domain's objects and checked, before any
file is opened: a damaged export must not even create a new database."""

from __future__ import annotations

from collections import Counter
from dataclasses import fields
from datetime import date
from typing import Any

from ..domain.body import PainReading
from ..domain.contents import Incoming, IncomingHabit
from ..domain.dates import parse_iso
from ..domain.errors import InvalidInput, RehabError
from ..domain.model import Habit, Pause, ScheduleVersion
from ..domain.prescription import Dose, Prescription
from ..domain.reminders import Timing
from ..domain.rules import (
    AREA,
    NOTE,
    PAIN,
    REASON,
    check_checkin,
    check_habit,
    check_pause,
    check_reading,
    check_reminder_days,
    check_reminder_target,
    check_reminder_time,
    check_snooze_day,
)
from ..domain.schedules import load_schedule
from ..domain.settings import validate
from .export import FORMAT, VERSION


def check_export(data: Any, today: date) -> Incoming:
    """The export read into the domain's objects and checked against the
    gate's rules. (The store checks them again as it writes, with what only
    the file knows: names taken, the snooze budget.)"""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput("this is not a rehab-tui JSON export")
    version = data.get("version", 0)
    # Checked before comparing: a version that is not a number would raise TypeError.
    if not isinstance(version, int):
        raise InvalidInput(f"the export is damaged (its version {version!r} is not a number)")
    if version > VERSION:
        raise InvalidInput("this export comes from a newer rehab-tui; upgrade to import it")
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise InvalidInput("the export is damaged (its settings are not keys with values)")
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
        reminders = [_timing(r) for r in data.get("reminders", [])]
    except RehabError as exc:
        # A bad date, name or schedule: say that it is in the export, not in the database.
        raise InvalidInput(f"the export is damaged ({exc})") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InvalidInput(f"the export is damaged ({type(exc).__name__}: {exc})") from None
    # Habits are matched by slug: a second habit with the same slug would
    # silently overwrite the first.
    twice = next((slug for slug, n in Counter(h.habit.slug for h in habits).items() if n > 1), None)
    if twice is not None:
        raise InvalidInput(f"the export is damaged (two habits have the slug '{twice}')")
    return Incoming(checked_settings, habits, rest_days, readings, reminders)


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
        raise InvalidInput(f"'{h['name']}' has no schedule")
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
    checkins: dict[date, str | None] = {parse_iso(d): None for d in h.get("checkins", [])}
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
        raise InvalidInput(f"'{habit.name}' has a minimum dose on a day it was not done")
    snoozes = [_checked_snooze(s, today) for s in h.get("snoozes", [])]
    reminders = [_timing(r) for r in h.get("reminders", [])]
    return IncomingHabit(habit, checkins, snoozes, pauses, doses, reminders)


def _timing(r: dict) -> Timing:
    """A reminder of an export: its time, days and target, by the rules `remind add` keeps."""
    return Timing(
        check_reminder_time(_text(r["at"])),
        check_reminder_days(_text(r["days"])),
        check_reminder_target(_text(r["to"]) if r.get("to") is not None else None),
    )


def _prescription(p: Any) -> Prescription:
    """A prescription from an export: the known keys, typed (the gate checks the ranges)."""
    if not isinstance(p, dict):
        raise InvalidInput("a prescription is not keys with values")
    known = {f.name for f in fields(Prescription)}
    unknown = p.keys() - known
    if unknown:
        raise InvalidInput(f"a prescription has unknown keys: {', '.join(sorted(map(str, unknown)))}")
    values: dict[str, Any] = {}
    for key, value in p.items():
        if key == "sides":
            if not isinstance(value, bool):
                raise InvalidInput(f"sides is true or false ({value!r} given)")
            values[key] = value
        elif key == "min_text":
            values[key] = _text(value or "")
        else:
            values[key] = _number(value)
    return Prescription(**values)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{value!r} is not text")
    return value


def _number(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{value!r} is not a whole number")
    return value


def _checked_snooze(s: dict, today: date) -> dict:
    return {
        "day": check_snooze_day(parse_iso(s["day"]), today),
        "reason": REASON.clean(_text(s.get("reason") or "sore")) or "sore",
        "area": AREA.clean(_text(s["area"])) or None if s.get("area") is not None else None,
        "pain": PAIN.check(_number(s.get("pain"))),
        "exempt": bool(s.get("exempt", False)),
    }
