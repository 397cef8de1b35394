"""Finding a habit from what a person typed, and naming new ones."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable
from typing import Protocol, TypeVar

from .errors import Ambiguous, InvalidInput, NotFound
from .rules import NAME
from .words import did_you_mean


class _HasName(Protocol):
    """A habit, or the store's HabitRef: read-only, so a frozen dataclass fits."""

    @property
    def name(self) -> str: ...

    @property
    def slug(self) -> str: ...


Named = TypeVar("Named", bound=_HasName)


def clean_name(name: str) -> str:
    """A habit name as stored: trimmed, one line, no control characters."""
    return NAME.clean(name, required=True)


def slugify(name: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-") or "habit"


def unique_slug(name: str, taken: Container[str]) -> str:
    """The name's slug, numbered past those `taken` (a set keeps many calls cheap: it is not copied)."""
    base = slugify(name)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def find_habit(habits: Iterable[Named], query: str) -> Named:
    """A name, a slug, or an unambiguous prefix of either, case-insensitive.

    An exact name or slug wins over a prefix.
    """
    key = query.strip().casefold()
    pool = list(habits)
    if not key:
        raise InvalidInput("name a habit")
    exact = [h for h in pool if h.name.casefold() == key or h.slug == key]
    if len(exact) == 1:
        return exact[0]
    prefixed = [h for h in pool if h.name.casefold().startswith(key) or h.slug.startswith(key)]
    if len(prefixed) == 1:
        return prefixed[0]
    if not prefixed:
        hint = did_you_mean(query, _forms(pool)) or f"habits: {', '.join(h.slug for h in pool) or 'none'}"
        raise NotFound(f"no habit matches '{query}' ({hint})")
    names = ", ".join(h.name for h in prefixed)
    raise Ambiguous(f"'{query}' could be any of: {names}; type more of the name")


def _forms(habits: Iterable[_HasName]) -> dict[str, str]:
    """What a mistyped habit is compared against → the slug suggested: its
    name, its slug, each word of it and each slug up to a hyphen, so that
    "lacrose" finds "lacrosse-ball-glute-release" by its first word."""
    forms: dict[str, str] = {}
    for h in habits:
        parts = h.slug.split("-")
        words = [h.name.casefold(), h.slug, *h.name.casefold().split()]
        words += ["-".join(parts[: n + 1]) for n in range(len(parts))]
        # A short word ("and", "up") would be a near match of too much.
        for word in words:
            if len(word) >= 3:
                forms.setdefault(word, h.slug)
    return forms


def names_apart(names: dict[str, str]) -> dict[str, str]:
    """Habits' names by slug, no two alike (ignoring case): of the habits one
    name is given to, the first by slug keeps it and each other is told apart
    by its slug ("Bridges (calf-raises)"). Two machines each gave a habit the
    same name while apart; every machine, deciding from the same names, gives
    the same ones (docs/architecture.md, "Sync")."""
    first: dict[str, str] = {}
    apart = {}
    for slug, name in sorted(names.items()):
        owner = first.setdefault(name.casefold(), slug)
        tail = f" ({slug})"
        apart[slug] = name if owner == slug else name[: NAME.cap - len(tail)].rstrip() + tail
    return apart
