"""The report as Markdown: the same sections and tables as the HTML page, without charts."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..domain.report import Report
from ..domain.rules import is_control
from .sections import TITLE, Section, Table, period_label, sections

#: What Markdown would read as markup in a cell: emphasis, code, links, raw
#: HTML, and the pipe that ends a cell. A backslash before each keeps it literal.
_MARKUP = re.compile(r"([\\`*_\[\]<>|])")


def text(value: str) -> str:
    """User text as literal Markdown on one line (a line break would end a table row)."""
    plain = " ".join("".join(ch for ch in value if not is_control(ch) or ch.isspace()).split())
    return _MARKUP.sub(r"\\\1", plain)


def render_markdown(report: Report) -> str:
    lines = [f"# {TITLE}", "", f"**{text(period_label(report))}**", ""]
    for section in sections(report):
        lines += _section(section)
    return "\n".join(lines)


def _section(section: Section) -> list[str]:
    lines = [f"## {text(section.title)}", ""]
    for line in section.lines:
        lines += [text(line), ""]
    if section.points:
        lines += [*(f"- {text(point)}" for point in section.points), ""]
    if section.table and section.table.rows:
        lines += [*_table(section.table), ""]
    elif section.empty:
        lines += [f"_{text(section.empty)}_", ""]
    return lines


def _table(table: Table) -> list[str]:
    lines = [
        _row(map(text, table.headers)),
        _row("---:" if i in table.figures else "---" for i in range(len(table.headers))),
    ]
    lines += [_row(map(text, cells)) for cells in table.rows]
    if table.total:
        lines.append(_row(f"**{text(value)}**" for value in table.total))
    return lines


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"
