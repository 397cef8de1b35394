"""A rehab file as records: one key for each thing that changes on its own,
so two machines' changes merge key by key (docs/architecture.md, "Sync").

Built from the JSON export (formats/export.py), which already names every
record by what it is rather than by a row id: a habit by its slug, a
check-in by habit and day. A habit's fields are keys of their own (a cue
changed on one machine and a plan on the other both stay); any other
record is one value (its dose and note change together).

    setting/<key>                    the stored text
    habit/<slug>/<field>             name, cue, minutes, start, archived, position, updated_at, when, prescription
    schedule/<slug>/<from>           {schedule, anchor}
    checkin/<slug>/<day>             {dose, note}
    snooze/<slug, or empty: the whole day>/<day>   {reason, area, pain, exempt}
    pause/<slug>/<start>             {until, reason}
    reading/<day>/<area key>         {area, pain, note}
    reminder/<slug, or empty>/<at>/<days>/<to>[/<n>]   {at, days, to}  (n: the n-th alike, from 2)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from ..domain.body import area_key
from .export import FORMAT, VERSION

#: The kinds this version reads; a key of another kind came from a newer rehab.
KINDS = frozenset({"setting", "habit", "schedule", "checkin", "snooze", "pause", "reading", "reminder"})
#: A habit's own fields: a habit is whole (and put in) only with all of them.
HABIT_FIELDS = ("name", "cue", "minutes", "start", "archived", "position", "updated_at", "when", "prescription")


def kind_of(key: str) -> str:
    return key.split("/", 1)[0]


def slug_of(key: str) -> str:
    """The habit a key belongs to ('' for the routine's own: rest days, settings, readings)."""
    kind, rest = key.split("/", 1)
    return "" if kind in ("setting", "reading") else rest.split("/", 1)[0]


def records_of(data: Mapping[str, Any]) -> dict[str, Any]:
    """An export (export_data) as records, by key."""
    out: dict[str, Any] = {f"setting/{k}": v for k, v in data["settings"].items()}
    alike: Counter[str] = Counter()
    for s in data["rest_days"]:
        out[f"snooze//{s['day']}"] = _snooze(s)
    for h in data["habits"]:
        slug = h["slug"]
        for field in HABIT_FIELDS:
            out[f"habit/{slug}/{field}"] = h[field]
        for v in h["schedules"]:
            out[f"schedule/{slug}/{v['from']}"] = {"schedule": v["schedule"], "anchor": v["anchor"]}
        minimum = set(h["minimum_doses"])
        for day in h["checkins"]:
            out[f"checkin/{slug}/{day}"] = {"dose": "min" if day in minimum else "full", "note": h["notes"].get(day)}
        for s in h["snoozes"]:
            out[f"snooze/{slug}/{s['day']}"] = _snooze(s)
        for p in h["pauses"]:
            out[f"pause/{slug}/{p['start']}"] = {"until": p["until"], "reason": p["reason"]}
        for r in h["reminders"]:
            out[_reminder_key(slug, r, alike)] = r
    for r in data["readings"]:
        out[f"reading/{r['day']}/{area_key(r['area'])}"] = {"area": r["area"], "pain": r["pain"], "note": r["note"]}
    for r in data["reminders"]:
        out[_reminder_key("", r, alike)] = r
    return out


def export_of(records: Mapping[str, Any]) -> dict[str, Any]:
    """Records (of known kinds) back as an export, to be read by
    formats/export_reader.check_export as any import is: a habit only with
    every field and a schedule; the rest of a habit that is not whole is left
    out. Habits in list order (position, then slug, which two machines agree on)."""
    habits: dict[str, dict[str, Any]] = defaultdict(
        lambda: {
            "schedules": [],
            "checkins": [],
            "minimum_doses": [],
            "notes": {},
            "snoozes": [],
            "pauses": [],
            "reminders": [],
        }
    )
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "settings": {}, "rest_days": [], "readings": []}
    data["reminders"] = []
    for key in sorted(records):
        value = records[key]
        kind, rest = key.split("/", 1)
        if kind == "setting":
            data["settings"][rest] = value
            continue
        if kind == "reading":
            data["readings"].append({"day": rest.split("/", 1)[0], **value})
            continue
        slug, tail = rest.split("/", 1)
        if kind == "snooze" and not slug:
            data["rest_days"].append({"day": tail, **value})
        elif kind == "reminder" and not slug:
            data["reminders"].append(value)
        else:
            h = habits[slug]
            if kind == "habit":
                h[tail] = value
            elif kind == "schedule":
                h["schedules"].append({"from": tail, **value})
            elif kind == "checkin":
                h["checkins"].append(tail)
                if value.get("dose") == "min":
                    h["minimum_doses"].append(tail)
                if value.get("note"):
                    h["notes"][tail] = value["note"]
            elif kind == "snooze":
                h["snoozes"].append({"day": tail, **value})
            elif kind == "pause":
                h["pauses"].append({"start": tail, **value})
            elif kind == "reminder":
                h["reminders"].append(value)
    whole = [{"slug": slug, **h} for slug, h in habits.items() if whole_habit(h)]
    data["habits"] = sorted(whole, key=lambda h: (h["position"] or 0, h["slug"]))
    return data


def whole_habit(fields: Mapping[str, Any]) -> bool:
    """Whether a habit's records hold every field and a schedule. One that is
    not was deleted on one machine while another changed a field of it: the
    delete wins, and the field left over is not a habit."""
    return all(field in fields for field in HABIT_FIELDS) and bool(fields.get("schedules"))


def _snooze(s: Mapping[str, Any]) -> dict[str, Any]:
    return {"reason": s["reason"], "area": s["area"], "pain": s["pain"], "exempt": s["exempt"]}


def _reminder_key(slug: str, r: Mapping[str, Any], alike: Counter[str]) -> str:
    """A reminder's key; a second one alike (a file may hold two) is a record
    of its own, so every machine holds as many as this one."""
    key = f"reminder/{slug}/{r['at']}/{r['days']}/{r['to'] or ''}"
    alike[key] += 1
    return key if alike[key] == 1 else f"{key}/{alike[key]}"
