"""The report over long periods (docs/formats.md, "The report"; issue #22): a
year of weeks still prints on A4 without losing a column, its charts label no
more than fits, its ids are unique, it never starts before the routine did,
and a change in pain is stated over the days the readings span."""

from __future__ import annotations

import asyncio
import base64
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from browser_helpers import chromium, devtools, load
from cli_helpers import TODAY, new_db, ok

from rehab_tui.history import synthesize
from rehab_tui.report.charts import LABEL_CHAR, LABEL_GAP, PLOT_WIDTH
from rehab_tui.report.sections import Table

YEAR_END = date(2026, 12, 6)
#: An A4 page's width less the report's print margins (14 mm each side), in CSS px.
A4_PRINTED_WIDTH_PX = (210 - 2 * 14) / 25.4 * 96


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A year and a month of history, and its report over 52 weeks."""
    folder = tmp_path_factory.mktemp("year")
    synthesize(folder / "rehab.db", YEAR_END, 400).close()
    ok(folder / "rehab.db", "report", "--weeks", "52", "-o", folder / "report.html", today=YEAR_END.isoformat())
    return folder


def test_a_wide_table_is_printed_in_parts_that_keep_every_column() -> None:
    weeks = [f"{i:02} Dec 2025" for i in range(1, 14)]  # 11 characters: 13 with the padding
    table = Table(
        ("Habit", *weeks, "All", "Done", "Minimum"),
        (("Plank hip dips", *(f"{i} %" for i in range(13)), "80 %", "40", "2"),),
        frozenset(range(1, 17)),
        summary=3,
    )
    parts = table.parts(15 + 5 * 13)  # the habit's name and five weeks
    assert [part.headers for part in parts] == [
        ("Habit", *weeks[:5]),
        ("Habit", *weeks[5:10]),
        ("Habit", *weeks[10:], "All", "Done", "Minimum"),  # the sums join the last part when they fit
    ]
    assert [cell for part in parts for cell in part.rows[0][1:]] == list(table.rows[0][1:])
    assert all(part.figures == frozenset(range(1, len(part.headers))) for part in parts)
    # Sums that do not fit beside the last weeks make a part of their own.
    assert [p.headers for p in table.parts(15 + 7 * 13)][-1] == ("Habit", "All", "Done", "Minimum")
    # A table that fits is one part, itself.
    assert table.parts(1000) == (table,)


def test_every_id_on_the_page_is_unique(year: Path) -> None:
    html = (year / "report.html").read_text()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert ids and all(count == 1 for count in ids.values()), [i for i, n in ids.items() if n > 1]
    assert len(re.findall(r"<svg", html)) >= 3  # the routine's chart and several areas' charts


def test_the_charts_write_no_more_labels_than_fit(year: Path) -> None:
    html = (year / "report.html").read_text()
    for svg in re.findall(r"<svg.*?</svg>", html, re.S):
        axis = re.search(r'<g class="axis x[^"]*">(.*?)</g>\s*</g>|<g class="axis x[^"]*">(.*)', svg, re.S)
        assert axis
        labels = re.findall(r"<text[^>]*>([^<]+)</text>", axis.group(0))
        assert 2 <= len(labels)
        widest = max(map(len, labels)) * LABEL_CHAR + LABEL_GAP
        assert len(labels) * widest <= PLOT_WIDTH + widest, labels


def test_a_zero_week_s_value_is_written_above_its_bar(tmp_path: Path) -> None:
    db = new_db(tmp_path)  # the routine from 1 Oct, nothing done: every week 0 %
    ok(db, "report", "--weeks", "4", "-o", tmp_path / "r.html")
    svg = re.search(r"<svg.*?</svg>", (tmp_path / "r.html").read_text(), re.S).group(0)
    values = re.findall(r'<text[^>]*\sy="([\d.]+)"[^>]*class="value"[^>]*>0 %', svg)
    bars = re.findall(r'<rect[^>]*\sy="([\d.]+)"[^>]*height="0.0"', svg)
    assert len(values) == 4 and len(bars) == 4
    # Above the bar, in the text's colour (it was white, inside the bar: nothing to see at 0 %).
    assert all(float(v) < float(b) for v, b in zip(values, bars, strict=True))
    assert re.search(r"\.text-overlay \.color-0 text\{fill:#1d2329\}", svg)


def test_the_period_never_starts_before_the_routine(tmp_path: Path) -> None:
    db = new_db(tmp_path)  # every habit of the example starts on 1 Oct 2026
    ok(db, "report", "--weeks", "52", "-o", tmp_path / "r.md")
    markdown = (tmp_path / "r.md").read_text()
    assert "**27 Sep – 21 Nov 2026 · 8 weeks**" in markdown  # TODAY is Saturday 21 Nov
    assert "The routine began on 1 Oct 2026: the report starts with that week." in markdown
    # A period the routine fills says nothing of the kind.
    ok(db, "report", "--weeks", "4", "-o", tmp_path / "r4.md", today=TODAY)
    assert "The routine began" not in (tmp_path / "r4.md").read_text()


@pytest.mark.slow
def test_a_year_prints_on_a4_with_every_column_inside_the_page(year: Path) -> None:
    browser = chromium()
    url = (year / "report.html").as_uri()

    async def look() -> tuple[dict, bytes]:
        width = round(A4_PRINTED_WIDTH_PX)
        async with devtools(browser, year / "profile", (width, 1000)) as call:
            await call(
                "Emulation.setDeviceMetricsOverride", width=width, height=1000, deviceScaleFactor=1, mobile=False
            )
            await call("Emulation.setEmulatedMedia", media="print")
            await load(call, url)
            measure = """({
                width: window.innerWidth,
                right: Math.max(...[...document.querySelectorAll('#habits th, #habits td')]
                    .map(c => c.getBoundingClientRect().right)),
                headers: [...document.querySelectorAll('#habits thead th')].map(c => c.textContent),
            })"""
            laid_out = (await call("Runtime.evaluate", expression=measure, returnByValue=True))["result"]["value"]
            pdf = await call("Page.printToPDF", preferCSSPageSize=True, printBackground=True)
            return laid_out, base64.b64decode(pdf["data"])

    laid_out, pdf = asyncio.run(asyncio.wait_for(look(), 60))
    assert laid_out["right"] <= laid_out["width"], laid_out
    headers = [h for h in laid_out["headers"] if h != "Habit"]
    assert len(headers) == 52 + 3 and headers[-3:] == ["All", "Done", "Minimum"]
    assert headers[0] == "8 Dec 2025" and headers[51] == "30 Nov 2026"
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in boxes)
