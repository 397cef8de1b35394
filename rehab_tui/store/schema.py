"""The schema, built and changed only through sqlite-utils' Migrations.

A migration is frozen once released: it runs on files written years apart and
must do the same to each, so it holds everything it needs (plain SQL and
Python here) and calls no live code of the domain, whose rules change.
"""

from __future__ import annotations

import unicodedata

from sqlite_utils import Database, Migrations

MIGRATION_SET = "rehab"
migrations = Migrations(MIGRATION_SET)


@migrations()
def m001_initial(db: Database) -> None:
    db.table("habits").create(
        {
            "id": int,
            "name": str,
            "slug": str,
            "cue": str,
            "minutes": int,
            "schedule": str,
            "schedule_anchor": str,
            "start": str,
            "archived": str,
            "position": int,
            "created_at": str,
        },
        pk="id",
        not_null={"name", "slug", "schedule", "schedule_anchor", "start", "position"},
        defaults={"cue": "", "position": 0},
    )
    db.table("habits").create_index(["slug"], unique=True)
    db.table("checkins").create(
        {"habit_id": int, "day": str, "created_at": str},
        pk=("habit_id", "day"),
        foreign_keys=[("habit_id", "habits", "id")],
    )
    db.table("snoozes").create(
        {
            "id": int,
            "day": str,
            "habit_id": int,
            "reason": str,
            "area": str,
            "pain": int,
            "created_at": str,
        },
        pk="id",
        not_null={"day", "reason"},
        foreign_keys=[("habit_id", "habits", "id")],
    )
    db.table("pauses").create(
        {"id": int, "habit_id": int, "start": str, "until": str, "reason": str},
        pk="id",
        not_null={"habit_id", "start", "until"},
        foreign_keys=[("habit_id", "habits", "id")],
    )
    db.table("settings").create({"key": str, "value": str}, pk="key", not_null={"value"})


@migrations()
def m002_day_indexes(db: Database) -> None:
    # The calendar and the day checklist read check-ins and snoozes by day.
    db.table("checkins").create_index(["day"], if_not_exists=True)
    db.table("snoozes").create_index(["day", "habit_id"], if_not_exists=True)
    db.table("pauses").create_index(["habit_id", "start"], if_not_exists=True)


@migrations()
def m003_schedule_history(db: Database) -> None:
    # A schedule change takes effect from a day and leaves the days before it
    # alone, so each habit keeps every schedule it had. Its schedule until now
    # becomes its first version, in force from its start.
    db.table("schedules").create(
        {"habit_id": int, "since": str, "rule": str, "anchor": str},
        pk=("habit_id", "since"),
        not_null={"rule", "anchor"},
        foreign_keys=[("habit_id", "habits", "id")],
    )
    db.table("schedules").insert_all(
        {"habit_id": r["id"], "since": r["start"], "rule": r["schedule"], "anchor": r["schedule_anchor"]}
        for r in db.table("habits").rows
    )
    # When a habit last changed, so an import never undoes a later edit; the
    # rows kept so far changed last when they were made.
    db.table("habits").add_column("updated_at", str)
    db.execute("UPDATE habits SET updated_at = created_at")
    db.table("habits").transform(drop={"schedule", "schedule_anchor"})
    # A check-in may carry a note (brought over from other trackers), and a
    # snooze carried over from another tracker's history is exempt from the
    # budget, which limits new rest days, not the past.
    db.table("checkins").add_column("note", str)
    db.table("snoozes").add_column("exempt", int, not_null_default=0)


@migrations()
def m004_reminders(db: Database) -> None:
    # `rehab remind` (docs/architecture.md, "Reminders"): a time of day, the weekdays (day names,
    # Monday first), where it goes (an apprise URL; NULL is the desktop), the
    # last day it notified (at most once a day) and its last failure.
    db.table("reminders").create(
        {
            "id": int,
            "at": str,
            "days": str,
            "target": str,
            "last_sent": str,
            "last_error": str,
            "last_error_at": str,
            "created_at": str,
        },
        pk="id",
        not_null={"at", "days"},
    )


@migrations()
def m005_nag(db: Database) -> None:
    # What is left on a day if that day is today, for `rehab nag` to read with
    # the standard library at prompt speed (rehab_tui/nagline.py; docs/architecture.md, "The nag table").
    db.table("nag").create(
        {"day": str, "pending": int, "total": int, "done": int, "names": str, "rest_day": int, "stamp": str},
        pk="day",
        not_null={"pending", "total", "done", "names", "rest_day", "stamp"},
    )
    # The tables whose rows decide what `rehab nag` says: any write to one of
    # them empties the nag table (triggers), so a row there is never older than
    # the data, whoever wrote it; the gate then refills it in the same
    # transaction. (A table rebuilt by `transform` loses its triggers: a later
    # step that rebuilds one adds them back, as m006 does.)
    add_nag_triggers(db, ("habits", "schedules", "checkins", "snoozes", "pauses", "settings"))


def add_nag_triggers(db: Database, tables: tuple[str, ...]) -> None:
    for table in tables:
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER IF NOT EXISTS nag_stale_after_{event.lower()}_{table} "
                f"AFTER {event} ON [{table}] BEGIN DELETE FROM nag; END"
            )


@migrations()
def m006_prescriptions_and_body(db: Database) -> None:
    def area_key(area: str) -> str:
        # domain/body.py's area_key as it was when this step was written.
        return " ".join(unicodedata.normalize("NFC", area).casefold().split())

    # rules.UNNAMED_AREA then: the area of a snooze's pain that named none.
    unnamed_area = "general"
    # docs/architecture.md, "Prescriptions and plans": a habit's plan ("after my morning coffee") and its
    # prescription, and how much each check-in recorded (the minimum dose
    # counts as done, shown apart).
    for column, kind in (
        ("intention", str),
        ("sets", int),
        ("reps", int),
        ("hold_s", int),
        ("sides", int),
        ("rest_s", int),
        ("min_dose", str),
        ("min_sets", int),
        ("min_hold_s", int),
    ):
        db.table("habits").add_column(column, kind)
    db.execute("UPDATE habits SET intention = '', sides = 0, min_dose = ''")
    db.table("checkins").add_column("dose", str, not_null_default="full")
    # docs/architecture.md, "Pain readings": pain by body area, one reading per area per day (areas
    # are one whatever their case: area_key). A snooze's pain and area were
    # kept on the snooze; they become readings linked to it.
    moved: dict[tuple[str, str], dict] = {}
    # The highest pain of a day and area wins when two snoozes name it.
    snoozes = db.table("snoozes").rows_where("area IS NOT NULL OR pain IS NOT NULL", order_by="coalesce(pain, -1), id")
    for r in snoozes:
        area = " ".join((r["area"] or "").split()) or unnamed_area
        moved[(r["day"], area_key(area))] = {
            "day": r["day"],
            "area": area,
            "area_key": area_key(area),
            "pain": r["pain"],
            "note": "",
            "snooze_id": r["id"],
            "created_at": r["created_at"],
        }
    # Rebuilt before the readings point at it; the rebuild drops its triggers,
    # which the nag needs back.
    db.table("snoozes").transform(drop={"area", "pain"})
    add_nag_triggers(db, ("snoozes",))
    db.table("readings").create(
        {
            "id": int,
            "day": str,
            "area": str,
            "area_key": str,
            "pain": int,
            "note": str,
            "snooze_id": int,
            "created_at": str,
        },
        pk="id",
        not_null={"day", "area", "area_key"},
        foreign_keys=[("snooze_id", "snoozes", "id")],
    )
    db.table("readings").create_index(["day", "area_key"], unique=True)
    db.table("readings").insert_all(moved.values())


@migrations()
def m007_notices(db: Database) -> None:
    # The last day each once-a-day note was shown (domain/notices.py), so a
    # second start of the app that day does not show it again.
    db.table("notices").create({"notice": str, "day": str}, pk="notice", not_null={"day"})


@migrations()
def m008_reminders_per_habit(db: Database) -> None:
    # A reminder may be for one habit (docs/architecture.md, "Reminders"): NULL is
    # the whole routine. Deleting a habit deletes its reminders in the same
    # transaction (store/habit_writes.py); the key keeps a row from outliving it.
    db.table("reminders").add_column("habit_id", int, fk="habits", fk_col="id")


@migrations()
def m009_sync(db: Database) -> None:
    # docs/architecture.md, "Sync": this machine's side of `rehab sync`. One
    # row: the folder, this device, the CRDT document as merged at the last
    # sync, and what that sync saw (the change count below, the folder's files).
    db.table("sync").create(
        {
            "id": int,
            "folder": str,
            "device": str,
            "name": str,
            "client": int,
            "doc": bytes,
            "seen_changes": int,
            "seen_files": str,
            "held": str,
            "held_day": str,
            "devices": str,
            "unwritten": int,
            "synced_at": str,
        },
        pk="id",
        not_null={"folder", "device", "name", "client"},
    )
    # The records as this file held them right after the last sync: what
    # changed here since is what differs from them.
    db.table("sync_base").create({"key": str, "value": str}, pk="key", not_null={"value"})
    # A count that a write to the synced tables moves (triggers, whoever
    # writes): a sync that finds it where it left it (sync.seen_changes) has
    # nothing of this machine's to send. It moves once after a sync, not once
    # a row: the first write finds it equal to what the sync saw and moves it,
    # the rest find it moved and write nothing (an import of 200,000 rows
    # would otherwise write this row 200,000 times). A file that does not
    # sync has no sync row, and nothing moves.
    db.table("sync_changes").create({"id": int, "n": int}, pk="id", not_null={"n"})
    db.table("sync_changes").insert({"id": 1, "n": 0})
    for table in ("habits", "schedules", "checkins", "snoozes", "pauses", "readings", "reminders", "settings"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            # A reminder's sending (last_sent, last_error) is this machine's alone.
            of = " OF at, days, target, habit_id" if table == "reminders" and event == "UPDATE" else ""
            db.execute(
                f"CREATE TRIGGER IF NOT EXISTS sync_count_{event.lower()}_{table} "
                f"AFTER {event}{of} ON [{table}] BEGIN UPDATE sync_changes SET n = n + 1 "
                "WHERE id = 1 AND n = (SELECT seen_changes FROM sync WHERE id = 1); END"
            )


def known_migrations() -> frozenset[str]:
    """Every migration this version knows: all of them are pending on an empty database."""
    # execute_plugins=False: the plugin scan costs more than the whole command.
    return frozenset(m.name for m in migrations.pending(Database(memory=True, execute_plugins=False)))
