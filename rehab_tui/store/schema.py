"""The schema, built and changed only through sqlite-utils' Migrations."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATION_SET = "rehab"
migrations = Migrations(MIGRATION_SET)


@migrations()
def m001_initial(db: Database) -> None:
    db["habits"].create(
        {
            "id": int, "name": str, "slug": str, "cue": str, "minutes": int,
            "schedule": str, "schedule_anchor": str, "start": str, "archived": str,
            "position": int, "created_at": str,
        },
        pk="id",
        not_null={"name", "slug", "schedule", "schedule_anchor", "start", "position"},
        defaults={"cue": "", "position": 0},
    )
    db["habits"].create_index(["slug"], unique=True)
    db["checkins"].create(
        {"habit_id": int, "day": str, "created_at": str},
        pk=("habit_id", "day"),
        foreign_keys=[("habit_id", "habits", "id")],
    )
    db["snoozes"].create(
        {
            "id": int, "day": str, "habit_id": int, "reason": str,
            "area": str, "pain": int, "created_at": str,
        },
        pk="id",
        not_null={"day", "reason"},
        foreign_keys=[("habit_id", "habits", "id")],
    )
    db["pauses"].create(
        {"id": int, "habit_id": int, "start": str, "until": str, "reason": str},
        pk="id",
        not_null={"habit_id", "start", "until"},
        foreign_keys=[("habit_id", "habits", "id")],
    )
    db["settings"].create({"key": str, "value": str}, pk="key", not_null={"value"})


@migrations()
def m002_day_indexes(db: Database) -> None:
    # The calendar and the day checklist read check-ins and snoozes by day.
    db["checkins"].create_index(["day"], if_not_exists=True)
    db["snoozes"].create_index(["day", "habit_id"], if_not_exists=True)
    db["pauses"].create_index(["habit_id", "start"], if_not_exists=True)


def known_migrations() -> frozenset[str]:
    """Every migration this version knows: all of them are pending on an empty database."""
    # execute_plugins=False: the plugin scan costs more than the whole command.
    return frozenset(m.name for m in migrations.pending(Database(memory=True, execute_plugins=False)))
