"""The report for the physio (docs/formats.md, "The report"), rendered from domain.report's data."""

from __future__ import annotations

from enum import StrEnum
from pathlib import PurePath

from ..domain.report import Report

#: File names that ask for Markdown when --format does not say.
MARKDOWN_SUFFIXES = (".md", ".markdown")


class ReportFormat(StrEnum):
    HTML = "html"
    MARKDOWN = "md"

    @classmethod
    def for_output(cls, output: str | None) -> ReportFormat:
        """Without --format: Markdown on the terminal or into a .md file, HTML into any other file."""
        if output is None or PurePath(output).suffix.lower() in MARKDOWN_SUFFIXES:
            return cls.MARKDOWN
        return cls.HTML


def render(report: Report, fmt: ReportFormat) -> str:
    # Each renderer is imported only when used: HTML brings jinja2 and pygal.
    if fmt is ReportFormat.HTML:
        from .html import render_html

        return render_html(report)
    from .markdown import render_markdown

    return render_markdown(report)
