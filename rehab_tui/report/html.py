"""The report as one self-contained HTML page: inline CSS, inline SVG charts,
no script and nothing fetched, readable on a phone and printable to A4."""

from __future__ import annotations

from ..domain.report import Report
from .charts import pain_charts, routine_chart
from .sections import TITLE, Part, day_label, period_label, sections

#: How many characters of table fit across the page: an A4 page less its
#: margins at the print size (a phone held sideways shows as many). A table
#: wider than that (a week per column, over many weeks) is printed in parts
#: (Table.parts); tests/test_report_at_length.py measures the printed page.
PAGE_CHARACTERS = 88


def render_html(report: Report) -> str:
    # Imported here: only this command renders HTML.
    from jinja2 import Environment, PackageLoader, StrictUndefined
    from markupsafe import Markup

    # Autoescaping: every name, area, reason and note reaches the page as text.
    env = Environment(
        loader=PackageLoader("rehab_tui.report"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # pygal writes the SVG through an XML serializer, which escapes the text in
    # it (an area's name in a title): it goes in as markup.
    charts = {Part.ROUTINE: [Markup(routine_chart(report))], Part.PAIN: [Markup(svg) for svg in pain_charts(report)]}
    return env.get_template("report.html.j2").render(
        title=TITLE,
        period=period_label(report),
        sections=sections(report),
        charts=charts,
        width=PAGE_CHARACTERS,
        made=day_label(report.last, year=True),
    )
