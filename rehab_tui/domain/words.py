"""Close matches for a word a person mistyped: the one "did you mean" of
commands, habit names and settings (docs/architecture.md, "Errors")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

#: At most this many suggestions: more reads as a list, not a guess.
MOST = 3


def close_matches(typed: str, choices: Iterable[str] | Mapping[str, str]) -> list[str]:
    """The choices nearest to `typed`, best first (none when nothing is close).

    `choices` is either the words themselves or a mapping of forms to compare
    against → the word to suggest, so that a habit is matched by any of its
    words ("lacrose" ~ "lacrosse") and suggested by its slug.
    """
    # Only a mistyped word needs difflib: every command that runs as typed
    # (a prompt's `rehab nag`, `rehab today`) is spared importing it.
    from difflib import get_close_matches

    forms = dict(choices) if isinstance(choices, Mapping) else {c: c for c in choices}
    if not forms:
        return []
    key = typed.strip().casefold()
    found: list[str] = []
    # difflib's own cutoff (0.6), which click uses for its commands too.
    for form in get_close_matches(key, list(forms), n=len(forms)):
        if forms[form] not in found:
            found.append(forms[form])
    return found[:MOST]


def did_you_mean(typed: str, choices: Iterable[str] | Mapping[str, str]) -> str:
    """`did you mean 'x'?` (or `'x' or 'y'`) for a mistyped word, or "" when nothing is close."""
    found = close_matches(typed, choices)
    if not found:
        return ""
    quoted = [f"'{word}'" for word in found]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" or {quoted[-1]}"
    return f"did you mean {listed}?"
