"""Streaks, strength and the last two weeks for each habit, and the routine streak."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...domain.states import DayState
from ..board import StreakRow
from .marks import marks

STRIP = marks(
    {
        DayState.DONE: "●", DayState.MISSED: "✗", DayState.SNOOZED: "z", DayState.PAUSED: "‖",
        DayState.PENDING: "○", DayState.UPCOMING: "·", DayState.OFF: "·", DayState.OPEN: "·",
    }
)
BAR = 8
NAME_WIDTH = 24  # longer names are cut with an ellipsis


def _short(n: int, unit: str) -> str:
    return f"{n}{'w' if unit == 'weeks' else 'd'}"


def strength_bar(percent: float) -> Content:
    filled = round(percent / 100 * BAR)
    style = "$text-success" if percent >= 70 else "$text-warning" if percent >= 40 else "$text-error"
    return Content.assemble(("█" * filled, style), ("▁" * (BAR - filled), "$foreground-muted"))


class StreaksPanel(Static):
    DEFAULT_CSS = """
    StreaksPanel {
        border: round $primary 50%;
        border-title-color: $text-primary;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
        height: 1fr;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("Counting streaks…", **kwargs)
        self.border_title = "Streaks"

    def show(self, rows: list[StreakRow], routine: tuple[int, int]) -> None:
        self.border_title = f"Streaks · routine {routine[0]}d in a row, best {routine[1]}d"
        width = min(max((len(r.log.habit.name) for r in rows), default=8), NAME_WIDTH)
        header = Content.styled(
            f"{'habit'.ljust(width)}  {'now':>4} {'best':>4}  {'strength':<{BAR + 5}}  last 2 weeks",
            "$foreground-muted",
        )
        lines = [header]
        for row in rows:
            name = row.log.habit.name
            name = name if len(name) <= width else name[: width - 1] + "…"
            streak = row.streak
            strip = Content.assemble(*(STRIP[s] for s in row.strip))
            lines.append(
                Content.assemble(
                    (name.ljust(width), "bold" if streak.current else ""),
                    ("  ", ""),
                    (f"{_short(streak.current, streak.unit):>4}", "$text-warning bold" if streak.current else "$foreground-muted"),
                    (f" {_short(streak.best, streak.unit):>4}  ", "$foreground-muted"),
                    strength_bar(row.strength),
                    (f" {row.strength:3.0f}%  ", ""),
                    strip,
                )
            )
        prompts = [r for r in rows if r.streak.misses == 1]
        if prompts:
            names = ", ".join(r.log.habit.name for r in prompts[:2]) + (" …" if len(prompts) > 2 else "")
            lines.append(
                Content.assemble(
                    ("↻ ", "$text-warning bold"),
                    (f"{names}: missed once. That's fine — never miss twice.", "$text-warning"),
                )
            )
        self.update(Content("\n").join(lines))
