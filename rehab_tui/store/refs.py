"""Habits as the commands that look them up by name see them.

A command that names a habit (`done`, `habit edit`, ...) reads these; the
checklist and the nag never do, so the store imports this module in
`Store.habit_refs` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class HabitRef:
    """Enough of a habit to find it by name, even when its other fields are damaged."""

    id: int
    name: str
    slug: str
    archived: date | None

    def archived_on(self, day: date) -> bool:
        return self.archived is not None and day >= self.archived


def ref_of(row: dict) -> HabitRef:
    try:
        archived = date.fromisoformat(row["archived"]) if row["archived"] else None
    except (TypeError, ValueError):
        archived = None  # found as active, so `habit archive --date` and `edit` can mend it
    return HabitRef(row["id"], row["name"], row["slug"], archived)
