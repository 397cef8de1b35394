"""A sync's records in words: what `rehab sync` and the app say came and went
("2 habits, 1 check-in: Stick rolling: check-in 2026-11-21 (Sat); ...")."""

from __future__ import annotations

from collections import Counter

from ..domain.dates import day_text, parse_iso
from ..formats.records import kind_of, slug_of

#: How many changes a message names before it counts the rest.
NAMED = 6
#: A record's kind in words, one and many.
KIND_WORDS = {
    "setting": ("setting", "settings"),
    "habit": ("habit field", "habit fields"),
    "schedule": ("schedule", "schedules"),
    "checkin": ("check-in", "check-ins"),
    "snooze": ("snooze", "snoozes"),
    "pause": ("pause", "pauses"),
    "reading": ("pain reading", "pain readings"),
    "reminder": ("reminder", "reminders"),
}


def counted(keys: list[str]) -> str:
    """How many of each kind; a habit's fields and schedules count as one habit."""
    counts = Counter(kind_of(k) for k in keys if kind_of(k) not in ("habit", "schedule"))
    habits = len({slug_of(k) for k in keys if kind_of(k) in ("habit", "schedule")})
    parts = [f"{habits} habit{'' if habits == 1 else 's'}"] if habits else []
    for kind, n in sorted(counts.items()):
        one, many = KIND_WORDS.get(kind, ("record", "records"))
        parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


def listed(keys: list[str], names: dict[str, str], gone: set[str]) -> str:
    """The changes named, a habit's changed fields together ("Plank hip dips: cue, schedule");
    a record this file no longer holds as taken away."""
    fields: dict[str, list[str]] = {}
    entries: list[str] = []
    for key in keys:
        if kind_of(key) in ("habit", "schedule"):
            slug = slug_of(key)
            if slug not in fields:
                fields[slug] = []
                entries.append(slug)
            field = "schedule" if kind_of(key) == "schedule" else key.split("/")[2].replace("_", " ")
            if field not in fields[slug] and field != "updated at":
                fields[slug].append(field)
        else:
            entries.append(key)
    named = [
        (
            f"{names.get(e, e)}: {'deleted' if f'habit/{e}/name' in gone else habit_fields(fields[e])}"
            if e in fields
            else words(e, names) + (" taken away" if e in gone else "")
        )
        for e in entries[:NAMED]
    ]
    return "; ".join(named) + (f"; and {len(entries) - NAMED} more" if len(entries) > NAMED else "")


def habit_fields(changed: list[str]) -> str:
    """A habit's changed fields; all of them (a habit new here) as the whole habit."""
    if {"name", "start", "schedule"} <= set(changed):
        return "the whole habit"
    return ", ".join(changed) or "changed"


def words(key: str, names: dict[str, str]) -> str:
    """A record's key as a person names it: "Stick rolling: check-in 2026-11-21 (Sat)"."""
    kind = kind_of(key)
    parts = key.split("/")
    if kind == "setting":
        return f"setting {parts[1]}"
    if kind == "reading":
        return f"pain reading {day(parts[1])}, {parts[2]}"
    slug = slug_of(key)
    who = names.get(slug, slug) if slug else "the whole day"
    if kind == "habit":
        return f"{who}: {parts[2].replace('_', ' ')}"
    if kind == "reminder":
        return f"{names.get(slug, slug) if slug else 'the routine'}: reminder at {parts[2]}"
    return f"{who}: {KIND_WORDS.get(kind, (kind,))[0]} {day(parts[2])}"


def day(text: str) -> str:
    try:
        return day_text(parse_iso(text))
    except Exception:  # a newer rehab's key: shown as it is
        return text


def value(text: str | None) -> str:
    return "(deleted)" if text is None else text
