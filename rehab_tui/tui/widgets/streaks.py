"""Streaks, strength and the last weeks (as many as the width holds) for each habit, and the routine streak."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...cells import column_width, fit
from ...domain.encouragement import nudges
from ...domain.marks import SYMBOLS, Mark
from ...domain.prescription import Dose
from ...domain.states import DayState
from ..board import STRIP_DAYS, StreakRow
from .marks import STATE_STYLES, marks

# From the pairs (not **): a dict keyed by DayState alone is not one keyed by DayState | Dose.
STRIP: dict[DayState | Dose, tuple[str, str]] = dict(
    marks(
        {
            DayState.DONE: "●",
            DayState.MISSED: "✗",
            DayState.SNOOZED: "z",
            DayState.PAUSED: "‖",
            DayState.PENDING: "○",
            DayState.UPCOMING: "·",
            DayState.OFF: "·",
            DayState.OPEN: "·",
        }
    ).items()
)
# Done, at the minimum dose: the calendar's mark for it.
STRIP[Dose.MIN] = (SYMBOLS[Mark.MINIMUM], STATE_STYLES[DayState.DONE])
BAR = 8
#: The never-miss-twice lines take at most this many lines; more is cut with "…".
PROMPT_LINES = 3
NAME_WIDTH = 24  # longer names are cut with an ellipsis
#: The cells of a row before its strip, besides the name: the columns and their gaps.
BEFORE_STRIP = 2 + 4 + 1 + 4 + 2 + 4 + 2 + BAR + 7
#: The shortest strip, in weeks: shown even when it makes the row scroll sideways.
MIN_WEEKS = 2


def _at_most(text: Content, width: int, lines: int) -> Content:
    """`text` wrapped to `width`, in at most `lines` lines, the last cut with
    "…" when more was said: never cut at the panel's edge without a sign."""
    if width <= 1:
        return text
    wrapped = [line for part in text.split("\n") for line in part.wrap(width)]
    if len(wrapped) <= lines:
        return text
    kept = wrapped[:lines]
    kept[-1] = kept[-1].truncate(width - 1) + Content("…")
    return Content("\n").join(kept)


def percent(value: float | None) -> str:
    """Adherence as the panel shows it; a dash while nothing was due."""
    return "–" if value is None else f"{value:.0f}%"


def strength_bar(percent: float) -> Content:
    filled = round(percent / 100 * BAR)
    style = "$text-success" if percent >= 70 else "$text-warning" if percent >= 40 else "$text-error"
    return Content.assemble(("█" * filled, style), ("▁" * (BAR - filled), "$foreground-muted"))


class StreaksPanel(Vertical):
    """The streak table scrolls inside the panel; the never-miss-twice lines stay
    in view and take at most three lines, so at 80x24 half of six habits show beside them."""

    DEFAULT_CSS = """
    StreaksPanel {
        height: 1fr;
        & > #streak-rows { height: 1fr; scrollbar-size-vertical: 1; }
        & > #streak-rows > Static { width: auto; }
        & > #prompt { height: auto; max-height: 3; }
        & > #prompt.-empty { display: none; }
    }
    """

    #: From this many columns of content on, names run longer.
    WIDE_CONTENT = 100

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Streaks"
        self.rows: list[StreakRow] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="streak-rows"):
            yield Static("Counting streaks…", id="streak-table")
        yield Static("", id="prompt", classes="-empty")

    @property
    def text(self) -> str:
        """What the panel says, as plain text (for tests)."""
        return "\n".join(str(self.query_one(f"#{id_}", Static).render()) for id_ in ("streak-table", "prompt"))

    def show(self, rows: list[StreakRow], routine: tuple[int, int], routine_adherence: float | None = None) -> None:
        done = f" · {routine_adherence:.0f}% of 28 days" if routine_adherence is not None else ""
        self.border_title = f"Streaks · routine {routine[0]}d in a row, best {routine[1]}d{done}"
        self.rows = rows
        self._render_rows()

    def on_resize(self) -> None:
        if self.rows is not None:
            self._render_rows()

    def _render_rows(self) -> None:
        rows = self.rows or []
        wide = self.content_size.width >= self.WIDE_CONTENT
        cap = NAME_WIDTH * 2 if wide else NAME_WIDTH
        width = column_width((r.log.habit.name for r in rows), 8, cap)
        # Whole weeks, as many as the width holds (up to what the board keeps).
        weeks = (self.content_size.width - width - BEFORE_STRIP) // 7
        days = 7 * min(max(weeks, MIN_WEEKS), STRIP_DAYS // 7)
        header = Content.styled(
            f"{'habit'.ljust(width)}  {'now':>4} {'best':>4}  {'28d':>4}  "
            f"{'strength':<{BAR + 5}}  last {days // 7} weeks",
            "$foreground-muted",
        )
        lines = [header]
        for row in rows:
            streak = row.streak
            strip = Content.assemble(*(STRIP[s] for s in row.strip[-days:]))
            lines.append(
                Content.assemble(
                    (fit(row.log.habit.name, width), "bold" if streak.current else ""),
                    ("  ", ""),
                    (
                        f"{streak.unit.short(streak.current):>4}",
                        "$text-warning bold" if streak.current else "$foreground-muted",
                    ),
                    (f" {streak.unit.short(streak.best):>4}  ", "$foreground-muted"),
                    (f"{percent(row.adherence):>4}  ", ""),
                    strength_bar(row.strength),
                    (f" {row.strength:3.0f}%  ", ""),
                    strip,
                )
            )
        self.query_one("#streak-table", Static).update(Content("\n").join(lines))
        prompt = self.query_one("#prompt", Static)
        # Each thing said once (names whole: the line wraps instead).
        said = nudges((r.log.habit, r.streak) for r in rows)
        prompt.set_class(not said, "-empty")
        if said:
            text = Content("\n").join(
                Content.assemble(("↻ ", "$text-warning bold"), (nudge.text, "$text-warning")) for nudge in said
            )
            prompt.update(_at_most(text, self.content_size.width, PROMPT_LINES))
