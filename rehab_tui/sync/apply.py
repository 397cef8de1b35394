"""Making this file hold the merged records: each change another machine made
goes through the gate's own write methods, checked as a typed command is
(docs/architecture.md, "Sync": rules on arrival).

A change the gate refuses here (a check-in on a day that is still in the
future on this machine, a habit's record whose habit is gone) is kept in the
document, left out of this file and reported as held; the next sync tries it
again. Every machine decides from the same merged records, so all of them
hold the same rows."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from ..domain.body import area_key
from ..domain.errors import NotFound, RehabError
from ..domain.lookup import names_apart
from ..domain.model import Pause
from ..domain.prescription import Dose
from ..domain.weekdays import weekday_list
from ..formats.export_reader import check_export
from ..formats.records import export_of, kind_of, slug_of

if TYPE_CHECKING:
    from ..store import Store

#: The order kinds are put in: a habit before its records, a snooze before
#: the reading it names.
ORDER = ("setting", "checkin", "snooze", "pause", "reading", "reminder")


def apply_records(
    store: Store, here: Mapping[str, Any], target: Mapping[str, Any], today: date
) -> tuple[list[dict], dict[str, Any]]:
    """Make the store hold `target` (records of known kinds) where it holds
    `here`, in the caller's transaction; each change in a savepoint of its
    own. What could not be applied ([{key, why}]), and the records put
    otherwise than `target` has them, alike on every machine (key -> value:
    a habit's field, _Habits.settled; a snooze without its area)."""
    held: list[dict] = []
    given = _one_snooze_an_area(target)
    target = {**target, **given}

    def attempt(key: str, write: Callable[[], object]) -> None:
        if why := _refusal(store, write):
            held.append({"key": key, "why": why})

    changed = sorted(k for k, v in target.items() if k not in here or here[k] != v)
    gone = sorted(k for k in here if k not in target)
    habits = _Habits(store, export_of(target), today)

    # Habits first. One held here but not whole in the target was deleted
    # elsewhere (its records go with it): deleted before any is put, as its
    # name may be the one another habit is renamed to.
    slugs = sorted({slug_of(k) for k in changed + gone if kind_of(k) in ("habit", "schedule")} | set(habits.settled))
    for slug in slugs:
        if slug not in habits.wanted and slug in habits.ids:
            attempt(f"habit/{slug}", partial(habits.delete, slug))
    # One whole in the target and changed is put; in passes, as a habit may
    # take the name another gives up in a put after it. What is refused in a
    # pass that puts nothing is held.
    waiting = [slug for slug in slugs if slug in habits.wanted]
    while waiting:
        refused = {slug: why for slug in waiting if (why := _refusal(store, partial(habits.put, slug)))}
        if len(refused) == len(waiting):
            held.extend({"key": f"habit/{slug}", "why": why} for slug, why in refused.items())
            break
        waiting = list(refused)
    settled = {f"habit/{slug}/{k}": v for slug, fields in habits.settled.items() for k, v in fields.items()} | given
    for key in gone:
        kind = kind_of(key)
        if kind in ORDER and (not slug_of(key) or slug_of(key) in habits.ids):
            attempt(key, partial(_take_away, store, habits, key, here[key]))
    # Check-ins new here (a year of another machine's, at a first sync) go in
    # as one write, each still checked; only if one is refused are they put
    # one by one, so that one alone is held.
    new = [k for k in changed if kind_of(k) == "checkin" and k not in here and slug_of(k) in habits.ids]
    if new and _refusal(store, partial(_put_checkins, store, habits, new, target, today)) is None:
        changed = [k for k in changed if k not in set(new)]
    for kind in ORDER:
        for key in changed:
            if kind_of(key) == kind:
                attempt(key, partial(_put, store, habits, key, here.get(key), target[key], today))
    return held, settled


def _put_checkins(store: Store, habits: _Habits, keys: list[str], target: Mapping[str, Any], today: date) -> None:
    days: dict[str, dict[date, str | None]] = {}
    doses: dict[str, dict[date, Dose]] = {}
    for key in keys:
        slug, day = slug_of(key), _day(key, 2)
        days.setdefault(slug, {})[day] = target[key]["note"]
        doses.setdefault(slug, {})[day] = Dose(target[key]["dose"])
    store.record_histories([(store.habit(habits.ids[slug]), days[slug], doses[slug]) for slug in days], today)


def _one_snooze_an_area(target: Mapping[str, Any]) -> dict[str, Any]:
    """A day's snoozes that name one area (each named it on its own machine):
    the day's one reading of that area is the first's by key; the others are
    put without it, as a later snooze here takes the reading over. Those
    snoozes' records as put (key -> value)."""
    claimed: set[tuple[str, str]] = set()
    given = {}
    for key in sorted(k for k in target if kind_of(k) == "snooze"):
        value = target[key]
        if value.get("area"):
            claim = (key.rsplit("/", 1)[1], area_key(value["area"]))
            if claim in claimed:
                given[key] = {**value, "area": None, "pain": None}
            claimed.add(claim)
    return given


def _refusal(store: Store, write: Callable[[], object]) -> str | None:
    """Write in a savepoint of its own; why it was refused (None: it was written)."""
    try:
        with store.transaction():
            write()
    except (RehabError, KeyError, TypeError, ValueError) as exc:
        return str(exc) or type(exc).__name__
    return None


class _Habits:
    """The habits by slug, as the target wants them and as the store holds them."""

    def __init__(self, store: Store, target: dict[str, Any], today: date) -> None:
        self.store = store
        self.today = today
        self.wanted = {h["slug"]: h for h in target["habits"]}
        #: Fields put otherwise than the target has them, by slug, as the target
        #: breaks a rule no machine broke alone; every machine decides the same.
        self.settled: dict[str, dict[str, str]] = {}
        apart = names_apart({slug: h["name"] for slug, h in self.wanted.items()})
        for slug, h in self.wanted.items():
            fields = {"name": apart[slug]}  # two habits given one name apart
            # A start moved later on one machine, a day before it ticked on
            # another: the start moves back to it, as an import moves it.
            fields["start"] = min([h["start"], *h["checkins"]])
            self.settled[slug] = {k: v for k, v in fields.items() if v != h[k]}
            self.wanted[slug] = {**h, **self.settled[slug]}
        self.settled = {slug: fields for slug, fields in self.settled.items() if fields}
        self.ids = {h.slug: h.id for h in store.habits()}

    def put(self, slug: str) -> None:
        h = {k: v for k, v in self.wanted[slug].items() if k not in ("checkins", "minimum_doses", "notes", "snoozes")}
        data = {"format": "rehab-tui export", "version": 4, "settings": {}, "habits": [{**h, "pauses": []}]}
        habit = check_export(data, self.today).habits[0].habit
        put = self.store.put_habit(replace(habit, id=self.ids.get(slug, 0)))
        self.ids[slug] = put.id

    def delete(self, slug: str) -> None:
        # A copy of the file is kept first when it has history (Store.delete_habit).
        self.store.delete_habit(self.ids.pop(slug), keep_copy=True)

    def id(self, slug: str) -> int | None:
        """A record's habit (None: the routine's own record); refused when it is gone."""
        if not slug:
            return None
        if slug not in self.ids:
            raise NotFound(f"this file has no habit {slug} (deleted on a machine?)")
        return self.ids[slug]


def _day(key: str, part: int) -> date:
    return date.fromisoformat(key.split("/")[part])


def _take_away(store: Store, habits: _Habits, key: str, was: Any) -> None:
    kind, slug = kind_of(key), slug_of(key)
    if kind == "setting":
        store.unset_setting(key.split("/", 1)[1])
    elif kind == "checkin":
        store.undo([habits.id(slug)], _day(key, 2))  # type: ignore[list-item]
    elif kind == "snooze":
        store.unsnooze(_day(key, 2), habits.id(slug))
    elif kind == "pause":
        store.drop_pause(habits.id(slug), _day(key, 2))  # type: ignore[arg-type]
    elif kind == "reading":
        store.forget_reading(_day(key, 1), was["area"])
    elif kind == "reminder":
        habit_id = habits.id(slug)
        for r in store.reminders():
            if (r.habit_id, r.at, r.target, weekday_list(r.days)) == (habit_id, was["at"], was["to"], was["days"]):
                store.remove_reminder(r.id)
                break


def _put(store: Store, habits: _Habits, key: str, was: Any, value: Any, today: date) -> None:
    kind, slug = kind_of(key), slug_of(key)
    if kind == "setting":
        store.set_setting(key.split("/", 1)[1], value)
    elif kind == "checkin":
        habit_id, day = habits.id(slug), _day(key, 2)
        if was is not None:
            store.undo([habit_id], day)  # type: ignore[list-item]  # a check-in is written whole
        # History, as an import brings it: its dose was checked where it was
        # ticked, and a minimum taken away since (here or there) leaves it be.
        store.record_checkins(habit_id, {day: value["note"]}, today, Dose(value["dose"]))  # type: ignore[arg-type]
    elif kind == "snooze":
        habit_id, day = habits.id(slug), _day(key, 2)
        if was is not None:
            store.unsnooze(day, habit_id)  # a snooze is written whole
        reason, area, pain, exempt = value["reason"], value["area"], value["pain"], value["exempt"]
        store.snooze(day, today, habit_id, reason, area, pain, exempt, history=True, synced=True)
    elif kind == "pause":
        start = _day(key, 2)
        store.put_pause(habits.id(slug), Pause(start, date.fromisoformat(value["until"]), value["reason"]))  # type: ignore[arg-type]
    elif kind == "reading":
        store.record_pain(_day(key, 1), value["area"], value["pain"], today, value["note"] or "")
    elif kind == "reminder":
        store.add_reminder(value["at"], value["days"], value["to"], habits.id(slug))
