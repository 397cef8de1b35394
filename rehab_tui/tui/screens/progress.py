"""The progress screen (`v`): per body area the pain trend beside the routine's
weekly adherence on one time axis, per habit its adherence and longest streak,
and a year of days. Figures side by side; the screen never says one caused the other.

This module loads only when `v` is pressed: plotext is heavy.
"""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual_plotext import PlotextPlot

from ...cells import column_width, fit
from ...domain.progress import RECENT_WEEKS, TREND_WEEKS, AreaTrend, Progress, percent_words
from ...domain.rules import PAIN
from ..keys import bindings
from ..main_screen import WIDE
from ..widgets.streaks import NAME_WIDTH, percent
from ..widgets.year_map import YearMap

#: The theme colours the charts draw in, and the key under them uses.
POINTS, MEAN, BARS = "foreground", "warning", "primary"
#: Both charts' y labels take this many columns, so their x axes line up.
Y_LABEL = 4


def _y_axis(ticks: list[int], unit: str = "") -> tuple[list[float], list[str]]:
    return [float(tick) for tick in ticks], [f"{tick}{unit}".rjust(Y_LABEL) for tick in ticks]


def _runs(points: list[tuple[int, float | None]]) -> list[list[tuple[int, float]]]:
    """The stretches with a value: a line is drawn through each, the gaps left as gaps."""
    runs: list[list[tuple[int, float]]] = [[]]
    for x, y in points:
        if y is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((x, y))
    return [run for run in runs if run]


class Sentence(Static):
    """One sentence that breaks after its semicolon, between its two figures,
    when the line is too short for it (rather than before a lone "%")."""

    sentence = ""

    def say(self, sentence: str) -> None:
        self.sentence = sentence
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        width = self.content_size.width
        text = self.sentence
        self.update(Content(text.replace("; ", ";\n", 1) if 0 < width < len(text) else text))


class ProgressScreen(Screen):
    DEFAULT_CSS = """
    ProgressScreen #page { padding: 0 1; }
    ProgressScreen #areas { color: $foreground-muted; height: auto; }
    ProgressScreen #sentence { text-style: bold; height: auto; margin-bottom: 1; }
    ProgressScreen .box {
        border: round $primary 50%;
        border-title-color: $text-primary;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
        height: auto;
    }
    ProgressScreen #upper { layout: vertical; height: auto; }
    ProgressScreen #key { height: 1; }
    ProgressScreen #pain { height: 11; }
    ProgressScreen #routine { height: 8; }
    ProgressScreen #side { height: auto; }
    ProgressScreen.wide #upper { layout: horizontal; height: 1fr; min-height: 20; }
    ProgressScreen.wide #trend { width: 1fr; height: 100%; }
    ProgressScreen.wide #pain { height: 3fr; }
    ProgressScreen.wide #routine { height: 2fr; }
    ProgressScreen.wide #side { width: 56; height: 100%; }
    ProgressScreen.wide #every-area { height: 1fr; }
    """

    PLACE = "progress"
    BINDINGS = bindings(PLACE)

    def __init__(self, figures: Progress, week_start: int) -> None:
        super().__init__()
        self.figures = figures
        self.week_start = week_start
        self.area = 0

    @property
    def trend(self) -> AreaTrend | None:
        """The area shown in the chart."""
        return self.figures.areas[self.area] if self.figures.areas else None

    def compose(self) -> ComposeResult:
        figures = self.figures
        yield Header()
        with VerticalScroll(id="page"):
            yield Static(id="areas")
            yield Sentence(id="sentence")
            with Horizontal(id="upper"):
                with Vertical(id="trend", classes="box") as trend:
                    trend.border_title = f"Pain and the routine, the last {TREND_WEEKS} weeks"
                    yield Static(self._key(), id="key")
                    yield PlotextPlot(id="pain")
                    yield PlotextPlot(id="routine")
                with Vertical(id="side"):
                    habits = Static(self._habit_table(), id="habits", classes="box")
                    habits.border_title = "Per habit"
                    yield habits
                    every = Static(self._area_table(), id="every-area", classes="box")
                    every.border_title = f"Every area, the last {TREND_WEEKS} weeks"
                    every.display = bool(figures.areas)
                    yield every
            year = YearMap(figures.year, figures.today, self.week_start, id="year", classes="box")
            year.border_title = "The routine, a year of days"
            yield year
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Progress"
        self._fit()
        self.app.theme_changed_signal.subscribe(self, lambda _: self._draw())
        self._show_area()

    def _fit(self) -> None:
        self.set_class(self.app.size.width >= WIDE, "wide")

    def on_resize(self) -> None:
        self._fit()

    def action_area(self, step: int) -> None:
        if self.figures.areas:
            self.area = (self.area + step) % len(self.figures.areas)
            self._show_area()

    def action_close(self) -> None:
        self.dismiss()

    # ----------------------------------------------------------------- words

    def _show_area(self) -> None:
        figures = self.figures
        trend = self.trend
        if trend is None:
            picker = Content("")
            sentence = (
                f"No pain readings in the last {TREND_WEEKS} weeks (b on the main screen records them); "
                f"routine adherence {percent_words(figures.routine)}"
            )
        else:
            names = [Content.styled(t.area, "bold reverse $text-primary" if t is trend else "") for t in figures.areas]
            picker = Content.assemble(
                ("Areas ", "bold"),
                ("← ", "bold $text-accent"),
                Content(" · ").join(names),
                " ",
                ("→", "bold $text-accent"),
            )
            sentence = figures.words(trend)
        self.query_one("#areas", Static).update(picker)
        self.query_one("#areas", Static).display = trend is not None
        self.query_one(Sentence).say(sentence)
        self._draw()

    def _key(self) -> Content:
        return Content.assemble(
            ("• ", f"bold ${POINTS}"),
            "pain each day   ",
            ("── ", f"bold ${MEAN}"),
            "7-day mean   ",
            ("█ ", f"${BARS}"),
            "routine done, by week",
        )

    def _habit_table(self) -> Content:
        figures = self.figures
        width = column_width((h.log.habit.name for h in figures.habits), 8, NAME_WIDTH)
        lines = [
            Content.styled(
                f"{'habit'.ljust(width)}  {f'{RECENT_WEEKS} wk':>6}  {f'{TREND_WEEKS} wk':>6}  {'best':>5}",
                "$foreground-muted",
            )
        ]
        rows = [(h.log.habit.name, h.recent, h.trend, h.streak.unit.short(h.streak.best), "") for h in figures.habits]
        rows.append(("the routine", figures.routine_recent, figures.routine, f"{figures.routine_best}d", "italic"))
        for name, recent, trend, best, style in rows:
            lines.append(
                Content.assemble(
                    (fit(name, width), style or "bold"),
                    "  ",
                    f"{percent(recent):>6}  {percent(trend):>6}  ",
                    (f"{best:>5}", "$text-warning"),
                )
            )
        return Content("\n").join(lines)

    def _area_table(self) -> Content:
        """Each area's mean pain in its first and its last week with readings, and how many."""
        trends = self.figures.areas
        width = column_width((t.area for t in trends), 4, NAME_WIDTH)
        lines = [Content.styled(f"{'area'.ljust(width)}  {'first → last week':>17}  {'days':>4}", "$foreground-muted")]
        for trend in trends:
            change = trend.change
            moved = f"{change.before:.1f} → {change.after:.1f}" if change else "one reading"
            lines.append(Content.assemble((fit(trend.area, width), "bold"), f"  {moved:>17}  {trend.readings:>4}"))
        return Content("\n").join(lines)

    @property
    def habit_rows(self) -> list[str]:
        """The per-habit table as plain lines (for tests)."""
        return str(self.query_one("#habits", Static).render()).splitlines()

    # ---------------------------------------------------------------- charts

    def _rgb(self, name: str) -> tuple[int, int, int]:
        return Color.parse(self.app.theme_variables[name]).rgb

    def _draw(self) -> None:
        """Both charts on one time axis: day 0 is the period's first day, the last is today."""
        figures = self.figures
        last = figures.days - 1
        ticks = [*range(0, last, RECENT_WEEKS * 7), last]
        labels = [f"{figures.first + timedelta(days=t):%d %b}" for t in ticks]
        pain = self.query_one("#pain", PlotextPlot)
        pain.display = self.trend is not None
        if self.trend is not None:
            plt = pain.plt
            plt.clear_figure()
            readings = [(x, p.pain) for x, p in enumerate(self.trend.points) if p.pain is not None]
            plt.scatter([x for x, _ in readings], [y for _, y in readings], marker="•", color=self._rgb(POINTS))
            # The mean over the readings: the trend is what the chart is for, and a reading it covers lies on it.
            for run in _runs([(x, p.mean) for x, p in enumerate(self.trend.points)]):
                plt.plot([x for x, _ in run], [y for _, y in run], marker="braille", color=self._rgb(MEAN))
            plt.xlim(0, last)
            plt.ylim(PAIN.low, PAIN.high)
            plt.yticks(*_y_axis([PAIN.low, (PAIN.low + PAIN.high) // 2, PAIN.high]))
            plt.xticks(ticks, labels)
            pain.refresh()
        routine = self.query_one("#routine", PlotextPlot)
        plt = routine.plt
        plt.clear_figure()
        # Each bar in the middle of its 7 days; a week with nothing due stays empty.
        plt.bar(
            [(week - figures.first).days + 3 for week in figures.weeks],
            [share or 0 for share in figures.weekly],
            width=0.6,
            color=self._rgb(BARS),
        )
        plt.xlim(0, last)
        plt.ylim(0, 100)
        plt.yticks(*_y_axis([0, 50, 100], "%"))
        plt.xticks(ticks, labels)
        routine.refresh()
