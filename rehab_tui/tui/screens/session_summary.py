"""What a guided session came to: each item full, minimum or skipped, and the
streaks that moved (before → after)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content

from ...cells import column_width, fit
from ...domain.model import Habit
from ...domain.prescription import Dose
from ...domain.schedules import StreakUnit
from ...domain.states import DayState
from ..board import Board
from ..keys import bindings
from ..widgets.checklist import BOXES, MIN_BOX
from .reading import ReadingModal
from .session import Outcomes

#: Each habit's current streak by id, and the routine's under None: (name, count, unit).
Currents = dict[int | None, tuple[str, int, StreakUnit]]


def current_streaks(board: Board) -> Currents:
    counts: Currents = {
        row.log.habit.id: (row.log.habit.name, row.streak.current, row.streak.unit) for row in board.streak_rows()
    }
    counts[None] = ("Routine", board.routine()[0], StreakUnit.DAYS)
    return counts


@dataclass(frozen=True)
class StreakMove:
    what: str
    before: int
    after: int
    unit: StreakUnit


def streak_moves(before: Currents, after: Currents) -> list[StreakMove]:
    """The streaks that changed, in the board's order (the routine last)."""
    return [
        StreakMove(name, before[key][1], count, unit)
        for key, (name, count, unit) in after.items()
        if key in before and before[key][1] != count
    ]


#: How an outcome reads: (mark, words, style).
OUTCOME = {
    Dose.FULL: (BOXES[DayState.DONE][0], "full", "$text-success"),
    Dose.MIN: (MIN_BOX, "minimum", "$text-success"),
    None: ("»", "skipped", "$foreground-muted"),
}


def summary_content(habits: Sequence[Habit], outcomes: Outcomes, moves: Sequence[StreakMove]) -> Content:
    width = column_width(h.name for h in habits) + 2
    lines = []
    for habit in habits:
        if habit.id in outcomes:
            mark, words, style = OUTCOME[outcomes[habit.id]]
        else:
            mark, words, style = "·", "not done", "$foreground-muted"
        lines.append(Content.assemble((f"{mark} ", f"bold {style}"), (fit(habit.name, width), "bold"), (words, style)))
    done = sum(1 for dose in outcomes.values() if dose is not None)
    lines += [Content(""), Content.styled(f"{done} of {len(habits)} checked in", "$text-primary bold"), Content("")]
    if moves:
        lines.append(Content.styled("Streaks that moved", "bold"))
        name_width = column_width(m.what for m in moves) + 2
        for move in moves:
            lines.append(
                Content.assemble(
                    (fit(move.what, name_width), ""),
                    (f"{move.before} → ", "$foreground-muted"),
                    (move.unit.amount(move.after), "$text-warning bold"),
                )
            )
    else:
        lines.append(Content.styled("No streak moved this time; what you did still counts.", "$foreground-muted"))
    return Content("\n").join(lines)


class SessionSummary(ReadingModal):
    TITLE_TEXT = "Session done"
    CLOSE = "summary_close"
    BINDINGS = bindings("summary")

    def __init__(self, habits: Sequence[Habit], outcomes: Outcomes, moves: Sequence[StreakMove]) -> None:
        super().__init__()
        self.summary = summary_content(habits, outcomes, moves)

    def content(self) -> Content:
        return self.summary
