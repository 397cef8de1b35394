"""Reading the history: habits, check-ins, snoozes and pauses, in grouped
queries, into the domain's Journal."""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from ..domain.checklist import RECENT_PAST, exact_from
from ..domain.dates import iso
from ..domain.errors import NotFound
from ..domain.model import Habit, HabitLog, Journal, Pause, Snooze
from ..domain.prescription import Dose
from ..domain.rules import shown
from .body import Body
from .reminders import Reminders
from .rows import DamagedRow, habit_of, row_day, sql_fix
from .settings import SettingsRoom

if TYPE_CHECKING:
    from ..domain.contents import Contents
    from .refs import HabitRef

#: The tables holding a habit's history (its schedules are part of the habit).
HISTORY_TABLES = ("checkins", "snoozes", "pauses")


class Reads(SettingsRoom, Body, Reminders):
    """The history read whole (it needs the settings for the week and the budget)."""

    def habit_refs(self) -> list[HabitRef]:
        """Every habit's id, name, slug and archive day, readable even when
        other fields of a row are damaged (the commands that mend them use it)."""
        from .refs import ref_of

        return [ref_of(row) for row in self.db.table("habits").rows_where(order_by="position, slug, id")]

    def habits(self) -> list[Habit]:
        """All habits, archived ones too, in list order. Two habits at one
        position (each added on another machine while apart) go by slug, which
        every machine agrees on, as row ids differ (docs/architecture.md, "Sync")."""
        versions: dict[int, list[dict]] = defaultdict(list)
        for row in self.db.table("schedules").rows_where(order_by="habit_id, since"):
            versions[row["habit_id"]].append(row)
        return [
            habit_of(row, versions[row["id"]])
            for row in self.db.table("habits").rows_where(order_by="position, slug, id")
        ]

    def habit(self, habit_id: int) -> Habit:
        row = self._habit_row(habit_id)
        return habit_of(row, self.db.table("schedules").rows_where("habit_id = ?", [habit_id], order_by="since"))

    def journal(self, since: date | None = None, until: date | None = None) -> Journal:
        """Everything recorded (or, with `since`, what touches that day and
        later; with `until`, nothing after that day), in grouped queries, for
        the domain to read."""
        settings = self.settings()
        habits = self.habits()
        snoozes, rest_days, budget_days = self._snoozes(since, until=until)
        done, minimum, notes = self._checkins(since, until=until)
        pauses = self._pauses(since, until=until)
        logs = tuple(
            HabitLog(
                h,
                done.get(h.id, frozenset()),
                frozenset(snoozes.get(h.id, ())),
                tuple(pauses.get(h.id, ())),
                minimum.get(h.id, frozenset()),
                notes.get(h.id, {}),
            )
            for h in habits
        )
        return Journal(logs, rest_days, settings.week_start, settings.snooze_budget, budget_days, since)

    def journal_for(self, day: date, today: date, with_streaks: bool = True) -> Journal:
        """The journal `day`'s checklist needs: the recent past alone when it
        gives the same answer as the whole record (checklist.exact_from), which
        spares reading years of history; else the whole record."""
        since = day - RECENT_PAST
        journal = self.journal(since=since)
        return journal if exact_from(journal, day, today, since, with_streaks) else self.journal()

    def log(self, habit_id: int) -> HabitLog:
        """One habit with everything recorded for it."""
        habit = self.habit(habit_id)
        snoozes, _, _ = self._snoozes(None, habit_id)
        done, minimum, notes = self._checkins(None, habit_id)
        return HabitLog(
            habit,
            done.get(habit_id, frozenset()),
            frozenset(snoozes.get(habit_id, ())),
            self.pauses_of(habit_id),
            minimum.get(habit_id, frozenset()),
            notes.get(habit_id, {}),
        )

    def pauses_of(self, habit_id: int) -> tuple[Pause, ...]:
        """One habit's pauses, oldest first (found through its index, not a whole log)."""
        return tuple(self._pauses(None, habit_id).get(habit_id, ()))

    def rest_days(self) -> frozenset[date]:
        return self._snoozes(None, None, rest_days_only=True)[1]

    def _checkins(
        self, since: date | None, habit_id: int | None = None, until: date | None = None
    ) -> tuple[dict[int, frozenset[date]], dict[int, frozenset[date]], dict[int, dict[date, str]]]:
        """Each habit's check-in days, those of them at the minimum dose, and
        the notes written with them, in one pass over the table."""
        where, params = _scope("day >= ?", since, habit_id, "day <= ?", until)
        done: dict[int, frozenset[date]] = {}
        minimum: dict[int, frozenset[date]] = {}
        notes: dict[int, dict[date, str]] = {}
        # Twelve habits checked in on the same days share one date object per
        # day: ten years of check-ins take half a megabyte less this way.
        day = functools.cache(date.fromisoformat)
        # Grouped by habit, SQLite walks the whole table in key order; the
        # whole history reads fastest that way, but a recent part (`today`
        # reads 400 days of ten years) is found through the day index, which
        # `+habit_id` (an expression, not the key) lets the planner choose.
        group = "+habit_id" if since else "habit_id"
        for hid, days, least, noted in self.db.execute(
            # group_concat leaves out the NULLs: only the minimum-dose days. A
            # note may hold any character but a control one, so the notes come
            # as JSON pairs ('[]' when the habit has none).
            f"SELECT habit_id, group_concat(day), group_concat(CASE WHEN dose = ? THEN day END), "
            f"json_group_array(json_array(day, note)) FILTER (WHERE note <> '') "
            f"FROM checkins WHERE {where} GROUP BY {group}",
            [Dose.MIN.value, *params],
        ):
            try:
                done[hid] = frozenset(map(day, days.split(",")))
            except (TypeError, ValueError):
                self._report_bad_checkin(hid, days)
            if least:
                minimum[hid] = frozenset(map(day, least.split(",")))
            if noted != "[]":
                # The days are good: the check-in days above were read from the same rows.
                notes[hid] = {day(d): shown(str(text)) for d, text in json.loads(noted)}
        return done, minimum, notes

    def _report_bad_checkin(self, habit_id: int, days: str) -> None:
        for text in days.split(","):
            try:
                date.fromisoformat(text)
            except ValueError:
                name = self._habit_row(habit_id)["name"]
                fix = sql_fix(self.path, f"DELETE FROM checkins WHERE habit_id = {habit_id} AND day = '{text}'")
                raise DamagedRow(f"checkins: '{name}', day, is {text!r}, not a date; mend it with: {fix}") from None

    def _snoozes(
        self, since: date | None, habit_id: int | None = None, rest_days_only: bool = False, until: date | None = None
    ) -> tuple[dict[int, set[date]], frozenset[date], frozenset[date]]:
        """Each habit's snoozed days, the rest days (whole-day snoozes), and
        the days holding a snooze that uses the budget (exempt = 0)."""
        where, params = _scope("day >= ?", since, habit_id, "day <= ?", until)
        if rest_days_only:
            where += " AND habit_id IS NULL"
        habit_days: dict[int, set[date]] = defaultdict(set)
        rest: set[date] = set()
        budget: set[date] = set()
        for r in self.db.table("snoozes").rows_where(where, params, select="id, day, habit_id, exempt"):
            day = row_day(self.path, "snoozes", r, "day")
            (rest if r["habit_id"] is None else habit_days[r["habit_id"]]).add(day)
            if not r["exempt"]:
                budget.add(day)
        return habit_days, frozenset(rest), frozenset(budget)

    def _pauses(
        self, since: date | None, habit_id: int | None = None, until: date | None = None
    ) -> dict[int, list[Pause]]:
        where, params = _scope("until >= ?", since, habit_id, "start <= ?", until)
        pauses: dict[int, list[Pause]] = defaultdict(list)
        for r in self.db.table("pauses").rows_where(where, params, order_by="start"):
            pauses[r["habit_id"]].append(
                Pause(
                    row_day(self.path, "pauses", r, "start"),
                    row_day(self.path, "pauses", r, "until"),
                    shown(r["reason"] or ""),
                )
            )
        return pauses

    def snoozes(self, day: date | None = None) -> list[Snooze]:
        """Every snooze (or, with `day`, that day's) with its reason, area and pain, oldest first."""
        where, params = ("day = ?", [iso(day)]) if day else (None, [])
        felt = {
            r["snooze_id"]: r
            for r in self.db.table("readings").rows_where(
                f"snooze_id IS NOT NULL{' AND day = ?' if day else ''}", params, select="snooze_id, area, pain"
            )
        }
        return [
            Snooze(
                row_day(self.path, "snoozes", r, "day"),
                r["habit_id"],
                shown(r["reason"]),
                None if (area := felt.get(r["id"], {}).get("area")) is None else shown(area),
                felt.get(r["id"], {}).get("pain"),
                bool(r["exempt"]),
            )
            for r in self.db.table("snoozes").rows_where(where, params, order_by="day, id")
        ]

    def contents(self) -> Contents:
        """Everything an export carries (formats/export.py writes it)."""
        from ..domain.contents import Contents  # only an export needs it

        journal = self.journal()
        return Contents(
            journal,
            tuple(self.snoozes()),
            {log.habit.id: dict(log.notes) for log in journal.logs},
            self.stored_settings(),
            tuple(self.readings()),
            tuple(self.reminders()),
        )

    def history_counts(self, habit_id: int) -> dict[str, int]:
        """How many rows of each kind of history a habit has (check-ins, snoozes, pauses)."""
        return {table: self.db[table].count_where("habit_id = ?", [habit_id]) for table in HISTORY_TABLES}

    def _habit_row(self, habit_id: int) -> dict:
        rows = list(self.db.table("habits").rows_where("id = ?", [habit_id]))
        if not rows:
            raise NotFound(f"no habit with id {habit_id}")
        return rows[0]


def _scope(
    since_clause: str, since: date | None, habit_id: int | None, until_clause: str = "", until: date | None = None
) -> tuple[str, list]:
    """A WHERE clause for rows from `since` on (all when None), through
    `until` (when given), of one habit or all."""
    where = since_clause
    params: list[str | int] = [iso(since) if since else ""]  # every ISO day sorts after ""
    if until is not None:
        where, params = f"{where} AND {until_clause}", params + [iso(until)]
    if habit_id is not None:
        where, params = where + " AND habit_id = ?", params + [habit_id]
    return where, params
