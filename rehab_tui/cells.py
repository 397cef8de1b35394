"""Names fitted into table columns by terminal cells, not characters: a wide
character (CJK, most emoji) takes two cells, and counting it as one pushed
every column after it out of line."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len, set_cell_size


def column_width(texts: Iterable[str], empty: int = 0, cap: int | None = None) -> int:
    """The cells the widest of `texts` takes, at most `cap` (`empty` when there are none)."""
    widest = max((cell_len(text) for text in texts), default=empty)
    return widest if cap is None else min(widest, cap)


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells: cut with an ellipsis when longer."""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return text


def fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells: cut with an ellipsis, or padded with spaces."""
    return set_cell_size(cut(text, width), width)
