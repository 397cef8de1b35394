"""Writing habits through the gate: add, edit, archive, move, delete, and the
merge of a habit brought in by an import.

Every write checks its record against the domain's rules (domain/rules.py)
before it writes, in one transaction, and returns the new state of what it wrote.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ..domain.dates import iso
from ..domain.errors import AlreadyExists, NotFound, RuleRefused
from ..domain.habits import same_habit, with_schedule
from ..domain.lookup import unique_slug
from ..domain.model import Habit
from ..domain.prescription import Prescription
from ..domain.rules import check_habit, check_start
from ..domain.schedules import parse_schedule
from .backup import Backup
from .dbfile import keep_path
from .gate import changed_at, inserted_id
from .reads import HISTORY_TABLES, Reads
from .rows import DamagedRow, habit_of, prescription_row

if TYPE_CHECKING:
    # What the writes return: read-only commands skip building those classes.
    from .results import Deleted


class Keep:
    """The value of an edit's field that is not being changed."""


KEEP = Keep()
#: A habit with no prescription (sets, reps, hold, rest all unset).
NO_PRESCRIPTION = Prescription()


class HabitWrites(Reads, Backup):
    def add_habit(
        self,
        name: str,
        schedule: str,
        today: date,
        cue: str = "",
        minutes: int | None = None,
        start: date | None = None,
        when: str = "",
        prescription: Prescription = NO_PRESCRIPTION,
    ) -> Habit:
        first = start or today
        parsed = parse_schedule(schedule, first)
        draft = Habit(
            0, name, "", cue, minutes, parsed, first, updated_at=changed_at(), when=when, prescription=prescription
        )
        return self.put_habit(draft)

    def taken(self) -> Taken:
        """What the habits here hold that another may not repeat, read once."""
        taken = Taken()
        for r in self.db.table("habits").rows_where(select="id, name, slug, position"):
            taken.add(r["id"], r["name"], r["slug"], r["position"])
        return taken

    def put_habit(self, habit: Habit, taken: Taken | None = None) -> Habit:
        """Add a habit (id 0) or replace one whole: the one way a habit row is written.

        A new habit's slug comes from its name unless it brings one; its
        position is the end of the list unless it brings one. `taken` (from
        `taken()`, in the same transaction) spares reading every habit again
        when many are put at once; it is kept up to date here.
        """
        habit = check_habit(habit)
        with self._write() as db:
            if taken is None:
                taken = self.taken()
            clash = taken.name_clash(habit.name, habit.id)
            if clash is not None:
                raise AlreadyExists(f"a habit named '{clash}' already exists")
            row = {
                "name": habit.name,
                "cue": habit.cue,
                "minutes": habit.minutes,
                "start": iso(habit.start),
                "archived": iso(habit.archived) if habit.archived else None,
                "updated_at": habit.updated_at,
                **prescription_row(habit),
            }
            if habit.id:
                held = self._habit_row(habit.id)
                taken.drop(habit.id, held["name"])
                row["position"] = habit.position
                db.table("habits").update(habit.id, row)
                row = {**held, **row}
                habit_id = habit.id
                db.table("schedules").delete_where("habit_id = ?", [habit_id])
            else:
                if habit.slug and habit.slug in taken.slugs:
                    raise AlreadyExists(f"a habit with the slug '{habit.slug}' already exists")
                row |= {
                    "slug": habit.slug or unique_slug(habit.name, taken.slugs),
                    "position": habit.position or taken.last + 1,
                    "created_at": changed_at(),
                }
                habit_id = inserted_id(db.table("habits").insert(row))
            taken.add(habit_id, habit.name, row["slug"], row["position"])
            versions = [
                {"habit_id": habit_id, "since": iso(v.since), "rule": v.schedule.rule, "anchor": iso(v.schedule.anchor)}
                for v in habit.schedule_history
            ]
            db.table("schedules").insert_all(versions)
            # The rows just written, read as a read would read them: an import
            # puts thousands, and reading each back doubled its time.
            return habit_of({**row, "id": habit_id}, versions)

    def edit_habit(
        self,
        habit_id: int,
        today: date,
        name: str | None = None,
        cue: str | None = None,
        minutes: int | None | Keep = KEEP,
        schedule: str | None = None,
        since: date | None = None,
        start: date | None = None,
        when: str | None = None,
        prescription: dict[str, Any] | None = None,
    ) -> Habit:
        """Change only the fields given (of the prescription, only the keys of
        `prescription`; None clears one); a schedule takes effect from `since`
        (default today) and leaves the days before it alone (`with_schedule`:
        with `since` given, the schedule a version already has moves it there)."""
        with self._write():
            row = self._habit_row(habit_id)
            if start is not None:
                row = {**row, "start": iso(start)}
            versions = list(self.db.table("schedules").rows_where("habit_id = ?", [habit_id], order_by="since"))
            if schedule is not None:
                # Mending a damaged schedule row replaces it: drop the row for
                # that day before the habit is read.
                day = since or today
                versions = [v for v in versions if v["since"] != iso(day)]
            current = habit_of(row, versions or [_placeholder(row)])
            changes: dict = {"updated_at": changed_at()}
            if name is not None:
                changes["name"] = name
            if cue is not None:
                changes["cue"] = cue
            if not isinstance(minutes, Keep):
                changes["minutes"] = minutes
            if when is not None:
                changes["when"] = when
            if prescription:
                changes["prescription"] = replace(current.prescription, **prescription)
            if start is not None:
                first = self.db.execute("SELECT min(day) FROM checkins WHERE habit_id = ?", [habit_id]).fetchone()[0]
                check_start(current, start, date.fromisoformat(first) if first else None)
            habit = replace(current, **changes)
            if schedule is not None:
                # A day given on purpose moves a version that already has this schedule.
                habit = with_schedule(
                    habit, schedule, since or today, keep_history=bool(versions), move=since is not None
                )
            return self.put_habit(habit)

    def archive_habit(self, habit_id: int, day: date) -> Habit:
        with self._write():
            habit = self.habit(habit_id) if self._readable(habit_id) else self._mended(habit_id, archived=day)
            return self.put_habit(replace(habit, archived=day, updated_at=changed_at()))

    def restore_habit(self, habit_id: int) -> Habit:
        with self._write():
            return self.put_habit(replace(self.habit(habit_id), archived=None, updated_at=changed_at()))

    def move_habit(self, habit_id: int, position: int) -> list[Habit]:
        """Put a habit at `position` (1-based) in the list; the new order."""
        with self._write() as db:
            order = [r["id"] for r in db.table("habits").rows_where(order_by="position, slug, id")]
            if habit_id not in order:
                raise NotFound(f"no habit with id {habit_id}")
            order.remove(habit_id)
            index = min(max(position, 1), len(order) + 1) - 1
            order.insert(index, habit_id)
            now = changed_at()
            for pos, hid in enumerate(order, start=1):
                if self._habit_row(hid)["position"] != pos:
                    db.table("habits").update(hid, {"position": pos, "updated_at": now})
            return self.habits()

    def delete_habit(self, habit_id: int, keep_copy: bool = False) -> Deleted:
        """Remove a habit, its schedules, its reminders and its history, in one transaction.

        A habit with history goes only with `keep_copy`, which first writes a
        backup beside the file: taken under the write lock, it holds exactly
        what is removed. Archiving keeps the history; this is for a mistake.
        """
        from .results import Deleted, counted

        with self._write() as db:
            row = self._habit_row(habit_id)
            counts = self.history_counts(habit_id)
            if any(counts.values()) and not keep_copy:
                raise RuleRefused(
                    f"{row['name']} has history ({counted(counts)}); `rehab habit delete {row['slug']} --yes` "
                    f"deletes it too, after a backup, and `rehab habit archive {row['slug']}` keeps it"
                )
            kept = self.backup(keep_path(self.path, f"delete-{row['slug']}")) if keep_copy else None
            self._unlink_readings("SELECT id FROM snoozes WHERE habit_id = ?", [habit_id])
            # Its reminders say nothing without it: they go with it (the
            # foreign key would refuse the delete otherwise).
            reminders = db.table("reminders").count_where("habit_id = ?", [habit_id])
            for table in (*HISTORY_TABLES, "schedules", "reminders"):
                db.table(table).delete_where("habit_id = ?", [habit_id])
            db.table("habits").delete(habit_id)
            return Deleted(row["name"], row["slug"], counts, kept, reminders)

    def drop_example(self) -> list[str]:
        """Start empty: remove the example routine this file was made with, in
        one transaction; the names removed. Refused once any of it was used or
        changed (it is the person's routine then: archive keeps its history)."""
        with self._write() as db:
            rows = list(db.table("habits").rows_where(order_by="position, id"))
            used = [
                r["name"] for r in rows if r["updated_at"] is not None or any(self.history_counts(r["id"]).values())
            ]
            if used:
                raise RuleRefused(f"{', '.join(used)} changed since the file was made: archive a habit instead")
            # Nested in this transaction: all of them go, or none.
            names = [self.delete_habit(row["id"]).name for row in rows]
            self.made_with_example = False
            return names

    def _readable(self, habit_id: int) -> bool:
        return self.readable_habit(habit_id) is not None

    def readable_habit(self, habit_id: int) -> Habit | None:
        """The habit, or None while a damaged row (which an edit mends) keeps it from being read."""
        try:
            return self.habit(habit_id)
        except DamagedRow:
            return None

    def _mended(self, habit_id: int, **fields: date) -> Habit:
        row = {**self._habit_row(habit_id), **{k: iso(v) for k, v in fields.items()}}
        return habit_of(row, self.db.table("schedules").rows_where("habit_id = ?", [habit_id], order_by="since"))

    def merge_habit(self, habit: Habit, taken: Taken | None = None) -> tuple[Habit, str]:
        """Bring in a habit from an export, matched by slug: added when missing,
        replaced when the export's copy changed later than this file's (a habit
        never edited here counts as older than any edit), else left alone.
        Returns the habit as it is now and what happened: added, updated, kept.
        (`taken` as for `put_habit`: an import reads it once for all its habits.)"""
        with self._write():
            merged, what = self.merge_plan(habit, taken)
            return (merged, what) if what == "kept" else (self.put_habit(merged, taken), what)

    def merge_plan(self, habit: Habit, taken: Taken | None = None) -> tuple[Habit, str]:
        """What merge_habit would do, only read (a dry run asks this): the habit
        it would write or keep, and added, updated or kept. (With `taken`, a
        slug not held needs no read.)"""
        if taken is not None and habit.slug not in taken.slugs:
            return replace(habit, id=0), "added"
        rows = list(self.db.table("habits").rows_where("slug = ?", [habit.slug]))
        if not rows:
            return replace(habit, id=0), "added"
        mine = rows[0]
        newer = mine["updated_at"] is None or (habit.updated_at or "") > mine["updated_at"]
        current = self.habit(mine["id"])
        incoming = replace(habit, id=mine["id"], position=habit.position or current.position)
        if not newer or same_habit(current, incoming):
            return current, "kept"
        return incoming, "updated"


@dataclass
class Taken:
    """The names (casefolded), slugs and last position the habits here hold:
    what a habit put in must not repeat, and where a new one goes."""

    #: A casefolded name and the habits holding it (a damaged file may hold two).
    names: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    slugs: set[str] = field(default_factory=set)
    last: int = 0

    def add(self, habit_id: int, name: str, slug: str | None, position: int) -> None:
        self.names[name.casefold()][habit_id] = name
        if slug is not None:
            self.slugs.add(slug)
        self.last = max(self.last, position)

    def drop(self, habit_id: int, name: str) -> None:
        """A habit about to be replaced: its old name is free (its slug stays)."""
        self.names[name.casefold()].pop(habit_id, None)

    def name_clash(self, name: str, habit_id: int) -> str | None:
        """The name of another habit with this name, ignoring case."""
        return next((n for hid, n in self.names[name.casefold()].items() if hid != habit_id), None)


def _placeholder(row: dict) -> dict:
    """A daily schedule from the start, for a habit whose every schedule row is being replaced."""
    return {"since": row["start"], "rule": "RRULE:FREQ=DAILY", "anchor": row["start"]}
