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
#: The drawing's own units; the page scales it to its width (on a phone to
#: about two thirds, where its 14-unit labels still read at about 10 px).
WIDTH = 520
#: Beyond this many labels along an axis only every so many are written.
MAX_LABELS = 12
#: Values are written on the bars only while they fit.
MAX_VALUES = 16


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
        print_values=len(weeks) <= MAX_VALUES,
        show_legend=False,
        style=_style((ROUTINE_COLOUR,), value_colours=("#ffffff",)),
    )
    chart.x_labels = [day_label(week.first) for week in weeks]
    _thin_labels(chart, len(weeks))
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
    chart.x_labels = [day_label(point.day) for point in area.daily]
    # A label on the first day of each week, as in the tables.
    chart.x_labels_major_every = 7 * max(1, ceil(len(area.daily) / 7 / MAX_LABELS))
    chart.show_minor_x_labels = False
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
        foreground_strong="#1d2329",
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


def _thin_labels(chart: pygal.graph.graph.Graph, count: int) -> None:
    if count > MAX_LABELS:
        chart.x_labels_major_every = ceil(count / MAX_LABELS)
        chart.show_minor_x_labels = False


def _svg(chart: pygal.graph.graph.Graph, chart_id: str) -> str:
    """The chart as an <svg> element: no script, no comments, a fixed id (the
    page holds several charts, and pygal scopes each one's CSS by its id)."""
    from pygal.etree import etree

    chart.uuid = chart_id
    chart.add_xml_filter(_without_script_or_comments)
    return etree.tostring(chart.render_tree(), encoding="unicode")


def _without_script_or_comments(root: Element) -> Element:
    from pygal.etree import etree

    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag is etree.Comment or (isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script"):
                parent.remove(child)
    return root
