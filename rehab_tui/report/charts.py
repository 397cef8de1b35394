"""The report's charts as inline SVG, drawn by pygal: the routine's adherence by
week (bars) and each area's pain over the period (a line).

The SVG goes into a page that must run no script and fetch nothing. pygal is
told so where it can be (`js=[]`: no tooltip script; its CSS files inlined,
no web font), but it always writes a small <script> holding its config for that
script, and comments naming its web site and the day the chart was drawn;
neither can be configured away. Both are taken out of the element tree through
pygal's own hook for that (`add_xml_filter`) before the tree is written, and
that also makes the same report give the same bytes.
"""

from __future__ import annotations

from functools import partial
from math import ceil
from typing import TYPE_CHECKING

from ..domain.report import AreaPain, Report, percent
from ..domain.rules import PAIN
from .sections import day_label

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    import pygal

#: The same stack as the page's text: fonts already on the reader's device.
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
ROUTINE_COLOUR = "#2f7d6d"
DAILY_COLOUR = "#e3a06b"
MEAN_COLOUR = "#b4461f"
TEXT_COLOUR = "#1d2329"
#: The drawing's own units; the page scales it to its width (on a phone to
#: about two thirds, where its 14-unit labels still read at about 10 px).
WIDTH = 520
#: The room an axis label takes, in the drawing's units: about this much per
#: character at the 14-unit label size, and a gap to the next label; and the
#: width left for the plot beside the y axis's labels and the margins. Labels
#: are thinned to what fits side by side (_thin_labels).
LABEL_CHAR = 8
LABEL_GAP = 16
PLOT_WIDTH = WIDTH - 80
#: Values are written above the bars only while the widest ("100 %") fits
#: above each bar.
VALUE_ROOM = len(percent(100)) * LABEL_CHAR


def routine_chart(report: Report) -> str:
    """Bars: the share of the routine done in each week."""
    import pygal

    weeks = report.weeks
    chart = pygal.Bar(
        _config(),
        title="Routine adherence by week",
        height=280,
        range=(0, 100),
        y_labels=[0, 25, 50, 75, 100],
        value_formatter=percent,
        print_values=len(weeks) * VALUE_ROOM <= PLOT_WIDTH,
        # Above each bar, in the text's colour: a label inside the bar would
        # be white on white for a week at 0 %.
        print_values_position="top",
        show_legend=False,
        style=_style((ROUTINE_COLOUR,), value_colours=(TEXT_COLOUR,)),
    )
    _thin_labels(chart, [day_label(week.first) for week in weeks])
    chart.add("routine", [week.routine for week in weeks])
    return _svg(chart, "report-routine")


def pain_chart(area: AreaPain, number: int) -> str:
    """Dots for each day's rating, a line for the 7-day mean; gaps stay gaps."""
    import pygal

    chart = pygal.Line(
        _config(),
        title=f"Pain: {area.area}",
        height=260,
        range=(PAIN.low, PAIN.high),
        y_labels=list(range(PAIN.low, PAIN.high + 1, 2)),
        allow_interruptions=True,
        legend_at_bottom=True,
        dots_size=3,
        value_formatter=lambda value: f"{value:g}",
        style=_style((DAILY_COLOUR, MEAN_COLOUR), line_width=3),
    )
    # A label on the first day of a week only, as in the tables.
    _thin_labels(chart, [day_label(point.day) for point in area.daily], step=7)
    chart.add("rating that day", [point.pain for point in area.daily], stroke=False)
    chart.add("7-day mean", [point.mean for point in area.daily], show_dots=False)
    return _svg(chart, f"report-pain-{number}")


def pain_charts(report: Report) -> list[str]:
    """A chart for each area rated on two days or more (one rating has no trend)."""
    return [pain_chart(area, number) for number, area in enumerate(report.pain, 1) if area.change]


def _config() -> pygal.Config:
    import pygal

    config = pygal.Config()
    config.js = []
    config.disable_xml_declaration = True
    config.explicit_size = True
    config.width = WIDTH
    config.margin = 12
    config.truncate_label = -1
    config.show_x_guides = False
    return config


def _style(colours: tuple[str, ...], value_colours: tuple[str, ...] = (), line_width: int = 1) -> pygal.style.Style:
    from pygal.style import Style

    return Style(
        background="transparent",
        plot_background="#ffffff",
        foreground="#3b4148",
        foreground_strong=TEXT_COLOUR,
        foreground_subtle="#c9ced4",
        opacity="0.9",
        opacity_hover="0.9",
        transition="0ms",
        colors=colours,
        value_colors=value_colours,
        stroke_width=str(line_width),
        stroke_width_hover=str(line_width),
        font_family=FONT,
        title_font_size=17,
        label_font_size=14,
        major_label_font_size=14,
        legend_font_size=14,
        value_font_size=13,
        guide_stroke_color="#c9ced4",
        major_guide_stroke_color="#c9ced4",
    )


def _thin_labels(chart: pygal.graph.graph.Graph, labels: list[str], step: int = 1) -> None:
    """Give the chart its x labels, writing only as many as fit side by side:
    every `step`-th at most, and then every so many of those."""
    chart.x_labels = labels
    room = max(map(len, labels), default=0) * LABEL_CHAR + LABEL_GAP
    fit = max(1, PLOT_WIDTH // room)
    every = step * ceil(ceil(len(labels) / step) / fit)
    if every > 1:
        chart.x_labels_major_every = every
        chart.show_minor_x_labels = False


def _svg(chart: pygal.graph.graph.Graph, chart_id: str) -> str:
    """The chart as an <svg> element: no script, no comments, a fixed id (the
    page holds several charts, and pygal scopes each one's CSS by its id)."""
    from pygal.etree import etree

    chart.uuid = chart_id
    chart.add_xml_filter(partial(_cleaned, chart_id=chart_id))
    return etree.tostring(chart.render_tree(), encoding="unicode")


def _cleaned(root: Element, chart_id: str) -> Element:
    """No script, no comments, and ids unique on the page: pygal gives every
    chart's legend the same ids (`activate-serie-0`), so each is prefixed with
    the chart's own (nothing refers to them once the script is gone)."""
    from pygal.etree import etree

    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag is etree.Comment or (isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script"):
                parent.remove(child)
    for element in root.iter():
        given = element.get("id")
        if given and not given.startswith(f"chart-{chart_id}"):
            element.set("id", f"{chart_id}-{given}")
    return root
