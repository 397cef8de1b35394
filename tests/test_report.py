"""`rehab report` (docs/formats.md, "The report"): the report for the physio.

The data on a hand-built history; the HTML page parsed (every section, one SVG
per chart, no script, nothing fetched, user text escaped); the Markdown's
tables; the command's errors and safe writing; and, marked slow, the page in
headless Chromium: not blank, no sideways scrolling on a phone, A4 in print.
"""

from __future__ import annotations

import asyncio
import base64
import os
import re
import sqlite3
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser_helpers import chromium, devtools, load, png_colours, screenshot
from cli_helpers import TODAY, assert_error, assert_usage_error, dump, file_bytes, new_db, ok, run
from domain_helpers import make_log

from rehab_tui.domain.body import PainReading
from rehab_tui.domain.errors import RehabError
from rehab_tui.domain.model import Journal, Pause, Snooze
from rehab_tui.domain.prescription import Dose, Prescription
from rehab_tui.domain.report import RestKind, build_report
from rehab_tui.report.charts import pain_charts, routine_chart
from rehab_tui.store import Store

D = date.fromisoformat
#: Words that would claim a cause; the report puts figures side by side only.
CAUSAL = ("because", "thanks to", "improved by", "due to", "caused by", "led to", "as a result")
SECTIONS = ("period", "routine", "habits", "pain", "rest", "prescriptions", "notes")
#: SVG's xmlns attributes name XML namespaces: identifiers a browser never fetches.
NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink")


# -- the data --------------------------------------------------------------------------------

# Saturday 21 Nov; two weeks: Sun 8 - Sat 14 and Sun 15 - Sat 21 Nov.
DAY = D("2026-11-21")


def hand_built() -> tuple[Journal, list[PainReading], list[Snooze], dict]:
    """Two daily habits since 1 Nov.

    Stick rolling: done 8-17 Nov, paused 18-19 ("physio said rest"), missed the
    20th, still open today. Plank: done every day but the 12th (snoozed: "sore",
    left knee 6), three of them at the minimum dose, and today.
    """
    stick = make_log(
        "daily",
        start=D("2026-11-01"),
        habit_id=1,
        name="Stick rolling",
        done=[D("2026-11-08") + timedelta(days=i) for i in range(10)],
    )
    stick = replace(
        stick,
        pauses=(
            Pause(D("2026-11-02"), D("2026-11-03"), "before the period"),
            Pause(D("2026-11-18"), D("2026-11-19"), "physio said rest"),
        ),
    )
    plank_days = [D("2026-11-08") + timedelta(days=i) for i in range(14) if i != 4]
    plank = make_log(
        "daily", start=D("2026-11-01"), habit_id=2, name="Plank hip dips", done=plank_days, snoozed=[D("2026-11-12")]
    )
    prescription = Prescription(sets=3, reps=12, sides=True, rest=30, min_text="one set")
    plank = replace(
        plank,
        habit=replace(plank.habit, when="before my shower", prescription=prescription),
        minimum=frozenset({D("2026-11-09"), D("2026-11-16"), D("2026-11-17")}),
    )
    journal = Journal((stick, plank), rest_days=frozenset({D("2026-11-05")}))
    snoozes = [Snooze(D("2026-11-05"), None, "travel"), Snooze(D("2026-11-12"), 2, "sore", "left knee", 6)]
    readings = [
        PainReading(D("2026-11-01"), "calves", 8),  # before the period
        PainReading(D("2026-11-08"), "left knee", 5),
        PainReading(D("2026-11-09"), "right hip flexor", 6),
        PainReading(D("2026-11-10"), "left knee", 4),
        PainReading(D("2026-11-12"), "left knee", 6, from_snooze=True),
        PainReading(D("2026-11-20"), "right hip flexor", 2, note="sharp on stairs & hills"),
    ]
    notes = {1: {D("2026-11-02"): "before the period", D("2026-11-09"): "felt tight"}, 2: {}}
    return journal, readings, snoozes, notes


def test_the_period_is_whole_weeks_ending_today() -> None:
    journal, readings, snoozes, notes = hand_built()
    report = build_report(journal, readings, snoozes, notes, DAY, weeks=2)
    assert (report.first, report.last) == (D("2026-11-08"), DAY)
    assert [(w.first, w.last) for w in report.weeks] == [(D("2026-11-08"), D("2026-11-14")), (D("2026-11-15"), DAY)]


def test_adherence_by_week_and_habit_with_minimum_doses_apart() -> None:
    report = build_report(*hand_built(), DAY, weeks=2)
    # Week 1: every day both due habits done (the 12th: stick done, plank snoozed).
    # Week 2: 15-17 done; 18-19 stick paused, plank done; 20 stick missed; today open.
    assert [w.routine for w in report.weeks] == [100.0, 83.3]
    assert report.routine == 92.3  # 12 of 13 days
    stick, plank = report.habits
    assert (stick.habit, stick.weekly, stick.overall) == ("Stick rolling", (100.0, 75.0), 90.9)
    assert (stick.done, stick.minimum) == (10, 0)
    assert (plank.habit, plank.weekly, plank.overall) == ("Plank hip dips", (100.0, 100.0), 100.0)
    # Minimum doses count as done, and are counted apart.
    assert (plank.done, plank.minimum) == (13, 3)
    assert [w.minimum for w in report.weeks] == [1, 2]
    assert report.minimum == 3


def test_pain_by_area_with_a_week_without_readings() -> None:
    report = build_report(*hand_built(), DAY, weeks=2)
    by_area = {a.area: a for a in report.pain}
    assert set(by_area) == {"left knee", "right hip flexor"}  # calves were rated before the period
    knee = by_area["left knee"]
    assert knee.weekly == (5.0, None)  # no rating in the second week
    assert len(knee.daily) == 14 and knee.daily[0].pain == 5 and knee.daily[1].pain is None
    assert knee.daily[4].mean == 5.0  # the 12th: (5 + 4 + 6) / 3
    hip = by_area["right hip flexor"]
    assert hip.weekly == (6.0, 2.0)
    # Rated on days 12 days apart: the change is stated over them, not the whole period.
    assert hip.change.words() == "pain in the right hip flexor: 6.0 → 2.0 over 12 days"


def test_the_period_s_snoozes_and_pauses_with_their_reasons() -> None:
    report = build_report(*hand_built(), DAY, weeks=2)
    assert [(r.kind, r.first, r.last, r.habit, r.reason, r.area, r.pain) for r in report.rests] == [
        (RestKind.SNOOZE, D("2026-11-12"), D("2026-11-12"), "Plank hip dips", "sore", "left knee", 6),
        (RestKind.PAUSE, D("2026-11-18"), D("2026-11-19"), "Stick rolling", "physio said rest", None, None),
    ]
    # A week more reaches the rest day of the 5th (the whole routine) and the first pause.
    wider = build_report(*hand_built(), DAY, weeks=3)
    assert [(r.first, r.habit, r.reason) for r in wider.rests][:2] == [
        (D("2026-11-02"), "Stick rolling", "before the period"),
        (D("2026-11-05"), None, "travel"),
    ]


def test_prescriptions_notes_and_the_figures_side_by_side() -> None:
    report = build_report(*hand_built(), DAY, weeks=2)
    plank = report.prescriptions[1]
    assert (plank.habit, plank.schedule, plank.when) == ("Plank hip dips", "every day", "before my shower")
    assert (plank.dose, plank.minimum) == ("3 × 12 each side · rest 30 s", "one set")
    assert report.prescriptions[0].dose == ""
    assert [(n.day, n.about, n.text) for n in report.notes] == [
        (D("2026-11-09"), "Stick rolling", "felt tight"),
        (D("2026-11-20"), "right hip flexor", "sharp on stairs & hills"),
    ]
    lines = report.side_by_side()
    assert lines[0] == ("routine adherence over 2 weeks: 92 %, with 3 check-ins at the minimum dose (counted as done)")
    assert "pain in the right hip flexor: 6.0 → 2.0 over 12 days; routine adherence 92 %" in lines
    assert not [word for word in CAUSAL for line in lines if word in line.lower()]


@pytest.mark.parametrize("weeks", [0, 521])
def test_the_weeks_are_checked(weeks: int) -> None:
    with pytest.raises(RehabError, match="weeks"):
        build_report(*hand_built(), DAY, weeks=weeks)


def test_the_charts_are_svg_without_script_or_comments() -> None:
    report = build_report(*hand_built(), DAY, weeks=2)
    charts = [routine_chart(report), *pain_charts(report)]
    # Both areas were rated on two days or more: one chart each.
    assert len(charts) == 3
    ns = {"svg": NAMESPACES[0]}
    for svg in charts:
        assert "<!--" not in svg and "<script" not in svg and "<?xml" not in svg
        root = ET.fromstring(svg)
        assert root.tag == f"{{{NAMESPACES[0]}}}svg"
        assert not root.findall(".//svg:script", ns)
        assert root.get("viewBox") and root.get("width")
    assert ET.fromstring(charts[0]).find("svg:title", ns).text == "Routine adherence by week"
    # The same report draws the same bytes (no random ids, no date of drawing).
    assert routine_chart(report) == charts[0]


# -- a history in a real file, through the command ------------------------------------------------

ODD_NAME = "<b>x</b>"
PIPE_NAME = "Hip | flexor stretch"
AREA = "knee & <shin>"
NOTE = "stairs & hills"


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """The default routine since 1 Oct, plus habits and records whose text would be markup if not escaped."""
    db = new_db(tmp_path)
    today = D(TODAY)
    store = Store.open(db, today)
    try:
        start = D("2026-10-01")
        odd = store.add_habit(ODD_NAME, "daily", today, start=start, when="after <run>")
        pipe = store.add_habit(
            PIPE_NAME, "daily", today, start=start, prescription=Prescription(sets=2, reps=10, min_text="one | set")
        )
        stick = next(h for h in store.habits() if h.slug == "stick-rolling")
        for offset in range(20):
            day = D("2026-11-01") + timedelta(days=offset)
            # At the minimum only those that have one (the gate refuses it without).
            store.check_in([pipe.id, stick.id], day, today, dose=Dose.MIN if offset in (3, 4) else Dose.FULL)
            store.check_in([odd.id], day, today)
        store.check_in([odd.id], today, today, note=NOTE)
        store.record_pain(D("2026-11-10"), AREA, 6, today, note="sharp | on stairs")
        store.record_pain(D("2026-11-17"), AREA, 3, today)
        store.record_pain(D("2026-11-12"), "left IT band", 4, today)
        store.snooze(D("2026-11-14"), today, reason="flare-up <bad>", area="calves", pain=5)
        store.bring_pause(pipe.id, Pause(D("2026-10-20"), D("2026-10-24"), "physio & rest"))
    finally:
        store.close()
    return db


class Page(HTMLParser):
    """What a browser would read: tags and attributes, the text of each section,
    its tables as rows of cell text, the CSS, and where each <svg> sits."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.sections: dict[str, dict] = {}
        self.css = ""
        self.svgs: list[tuple[str | None, bool]] = []  # (section id, inside a figure.chart)
        self.text = ""
        self._section: str | None = None
        self._stack: list[str] = []
        self._row: list[str] | None = None
        self._cell: str | None = None
        self._in_figure = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("style"):
            self.css += attributes["style"] or ""
        if tag == "section":
            self._section = attributes.get("id")
            self.sections[self._section] = {"title": "", "text": "", "tables": []}
        elif tag == "figure":
            self._in_figure = "chart" in (attributes.get("class") or "")
        elif tag == "svg":
            self.svgs.append((self._section, self._in_figure))
        elif tag == "table" and self._section:
            self.sections[self._section]["tables"].append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""
        if tag not in ("meta", "br"):
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self._section:
            self.sections[self._section]["tables"][-1].append(self._row)
            self._row = None
        elif tag == "figure":
            self._in_figure = False
        elif tag == "section":
            self._section = None
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        inside = self._stack[-1] if self._stack else ""
        if inside == "style":
            self.css += data
            return
        self.text += data
        if self._cell is not None:
            self._cell += data
        if self._section:
            self.sections[self._section]["text"] += data
            if inside == "h2":
                self.sections[self._section]["title"] += data


def report_html(history: Path, *args: str) -> tuple[str, Page]:
    out = history.parent / "report.html"
    ok(history, "report", "-o", out, *args)
    html = out.read_text(encoding="utf-8")
    return html, Page(html)


def test_the_html_has_every_section_and_one_svg_per_chart(history: Path) -> None:
    html, page = report_html(history)
    assert list(page.sections) == list(SECTIONS)
    assert [page.sections[s]["title"] for s in SECTIONS] == [
        "Period",
        "Routine adherence by week",
        "Adherence by habit",
        "Pain by area",
        "Snoozes and pauses",
        "Prescriptions",
        "Notes",
    ]
    # The routine's chart, and one for the area rated twice (the IT band, rated once, has none).
    assert page.svgs == [("routine", True), ("pain", True)]
    assert "Pain: knee & <shin>" in page.sections["pain"]["text"]
    # The header states the period.
    assert "11 Oct – 21 Nov 2026 · 6 weeks" in page.text.split("Period")[0]
    # Minimum doses apart: Stick rolling's two, in its row of the habit table.
    habits = {row[0]: row for row in page.sections["habits"]["tables"][0]}
    assert habits["Stick rolling"][-2:] == ["20", "2"]
    routine = page.sections["routine"]["tables"][0]
    assert routine[0] == ["Week", "Routine", "Minimum doses"] and routine[-1][0] == "All weeks"
    assert routine[-1][2] == "4"  # the two habits with a minimum, at it on two days
    rests = page.sections["rest"]["tables"][0]
    assert ["14 Nov", "snooze", "whole routine", "flare-up <bad>", "calves", "5"] in rests
    assert ["20 Oct – 24 Oct", "pause", PIPE_NAME, "physio & rest", "—", "—"] in rests
    prescriptions = {row[0]: row for row in page.sections["prescriptions"]["tables"][0]}
    assert prescriptions[PIPE_NAME][3:] == ["2 × 10", "one | set"]
    assert prescriptions[ODD_NAME][2] == "after <run>"
    notes = page.sections["notes"]["tables"][0]
    assert notes[1:] == [["10 Nov", AREA, "sharp | on stairs"], ["21 Nov", ODD_NAME, NOTE]]


def test_the_html_runs_nothing_and_fetches_nothing(history: Path) -> None:
    html, page = report_html(history)
    assert "script" not in {tag for tag, _ in page.tags}
    assert "<script" not in html.lower()
    for tag, attributes in page.tags:
        for name, value in attributes.items():
            value = value or ""
            if name == "xmlns" or name.startswith("xmlns:"):
                # A namespace name identifies a vocabulary; it is never fetched.
                assert value in NAMESPACES, (tag, name, value)
            elif name in ("href", "src", "xlink:href", "srcset", "action", "data", "poster"):
                assert value.startswith("#"), (tag, name, value)  # only links inside the page
            else:
                assert "://" not in value, (tag, name, value)
            assert not name.startswith("on"), (tag, name)  # no event handlers either
    assert page.css and "url(" not in page.css and "@import" not in page.css
    assert "@font-face" not in page.css
    # Nothing else names a web address, not even a comment.
    bare = html
    for namespace in NAMESPACES:
        bare = bare.replace(f'"{namespace}"', '""')
    assert "http:" not in bare and "https:" not in bare and "//" not in re.sub(r"/\*.*?\*/", "", page.css)


def test_the_html_fits_a_phone_and_prints_on_a4(history: Path) -> None:
    html, page = report_html(history)
    viewport = [a for tag, a in page.tags if tag == "meta" and a.get("name") == "viewport"]
    assert viewport and "width=device-width" in viewport[0]["content"]
    css = " ".join(page.css.split())
    assert "@page { size: A4;" in css
    assert "@media print" in css and "break-inside: avoid" in css
    assert "overflow-x: auto" in css  # wide tables scroll inside the page
    assert "svg { display: block; width: 100%; max-width: 36rem; height: auto; }" in css  # charts follow the width


def test_user_text_shows_literally(history: Path) -> None:
    html, page = report_html(history)
    # No tag came from a name, an area, a reason or a note.
    assert not {"b", "shin", "bad", "run"} & {tag for tag, _ in page.tags}
    for text in (ODD_NAME, NOTE, AREA, "flare-up <bad>", "after <run>", "physio & rest"):
        assert text in page.text
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "stairs &amp; hills" in html
    assert "Pain: knee &amp; &lt;shin&gt;" in html  # in the chart's title too


def test_no_figure_is_claimed_as_a_cause(history: Path) -> None:
    html, page = report_html(history)
    markdown = ok(history, "report").out
    for text in (page.text.lower(), markdown.lower()):
        assert not [word for word in CAUSAL if word in text]
    assert "they do not say what caused what" in page.text


# -- the Markdown ---------------------------------------------------------------------------------


def tables(markdown: str) -> dict[str, list[list[str]]]:
    """Each section's table as rows of cells, split at the pipes that are not escaped."""
    found: dict[str, list[list[str]]] = {}
    section = ""
    for line in markdown.splitlines():
        if line.startswith("## "):
            section = line[3:]
        elif line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            found.setdefault(section, []).append([cell.strip() for cell in cells])
    return found


def test_the_markdown_has_the_same_tables(history: Path) -> None:
    markdown = ok(history, "report").out  # Markdown on the terminal
    assert markdown.startswith("# Rehab report\n\n**11 Oct – 21 Nov 2026 · 6 weeks**\n")
    assert "<svg" not in markdown
    found = tables(markdown)
    assert list(found) == [
        "Routine adherence by week",
        "Adherence by habit",
        "Pain by area",
        "Snoozes and pauses",
        "Prescriptions",
        "Notes",
    ]
    for rows in found.values():
        header, rule, *body = rows
        assert all(cell in ("---", "---:") for cell in rule)
        assert all(len(row) == len(header) for row in rows), rows  # a pipe in a name split no cell
    routine = found["Routine adherence by week"]
    assert routine[0] == ["Week", "Routine", "Minimum doses"] and routine[1] == ["---", "---:", "---:"]
    assert len(routine) == 2 + 6 + 1 and routine[-1][0] == "**All weeks**"
    habits = found["Adherence by habit"]
    assert habits[0] == ["Habit", "11 Oct", "18 Oct", "25 Oct", "1 Nov", "8 Nov", "15 Nov", "All", "Done", "Minimum"]
    names = [row[0] for row in habits[2:]]
    assert "Hip \\| flexor stretch" in names and "\\<b\\>x\\</b\\>" in names
    # The areas, the most recently rated first (the calves: from the snooze).
    assert found["Pain by area"][0] == ["Week", "knee & \\<shin\\>", "calves", "left IT band"]
    assert ["21 Nov", "\\<b\\>x\\</b\\>", "stairs & hills"] in found["Notes"]
    # Rated on 10 and 17 Nov: the change is stated over those 8 days, not the 6 weeks.
    assert "- pain in the knee & \\<shin\\>: 6.0 → 3.0 over 8 days" in markdown


def test_the_format_follows_the_file_name_unless_given(history: Path) -> None:
    folder = history.parent
    ok(history, "report", "-o", folder / "r.md")
    ok(history, "report", "-o", folder / "r.html")
    ok(history, "report", "-o", folder / "r.txt", "--format", "md", "--weeks", "2")
    assert (folder / "r.md").read_text().startswith("# Rehab report")
    assert (folder / "r.html").read_text().startswith("<!DOCTYPE html>")
    assert "**8 Nov – 21 Nov 2026 · 2 weeks**" in (folder / "r.txt").read_text()
    assert ok(history, "report", "--format", "html").out.startswith("<!DOCTYPE html>")


# -- the command's errors and its file --------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [("--weeks", "0"), ("--weeks", "521"), ("--weeks", "six"), ("--format", "pdf")], ids=" ".join
)
def test_bad_input_is_one_error_line_and_writes_nothing(history: Path, args: tuple[str, ...]) -> None:
    before = dump(history)
    out = history.parent / "report.html"
    assert_usage_error(run(history, "report", "-o", out, *args))
    assert not out.exists()
    assert dump(history) == before


def test_the_report_file_is_private_and_replaced_only_with_force(history: Path) -> None:
    out = history.parent / "report.html"
    ran = ok(history, "report", "-o", out)
    assert ran.out == "" and "written to" in ran.err
    assert os.stat(out).st_mode & 0o777 == 0o600
    out.write_text("mine")
    assert_error(run(history, "report", "-o", out), contains="--force")
    assert out.read_text() == "mine"
    ok(history, "report", "-o", out, "--force")
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_the_report_never_goes_over_the_database_or_through_a_link(history: Path) -> None:
    before = file_bytes(history)
    assert_error(run(history, "report", "-o", history, "--force"), contains="database")
    assert file_bytes(history) == before
    victim = history.parent / "victim.txt"
    victim.write_text("keep me")
    link = history.parent / "link.html"
    link.symlink_to(victim)
    assert_error(run(history, "report", "-o", link), contains="already exists")
    # Not with --force either: replacing the link would lose what it points to.
    assert_error(run(history, "report", "-o", link, "--force"), contains="not a plain file")
    assert victim.read_text() == "keep me" and link.is_symlink()


# -- a real browser -----------------------------------------------------------------------------

PHONE = (390, 844)


@pytest.mark.slow
def test_the_page_in_headless_chromium(demo_store: Store, tmp_path: Path) -> None:
    browser = chromium()
    page = tmp_path / "report.html"
    ok(demo_store.path, "report", "-o", page)
    url = page.as_uri()

    shot = tmp_path / "report.png"
    screenshot(browser, url, shot, tmp_path / "profile1", (1000, 1400))
    # A blank page has one colour; text, tables and the charts' colours give many.
    assert png_colours(shot.read_bytes()) > 50

    async def look() -> tuple[dict, bytes]:
        async with devtools(browser, tmp_path / "profile2", PHONE) as call:
            # A phone: its screen's width, and the page laid out as a phone's browser does.
            await call(
                "Emulation.setDeviceMetricsOverride", width=PHONE[0], height=PHONE[1], deviceScaleFactor=1, mobile=True
            )
            await load(call, url)
            measure = """({
                sideways: document.documentElement.scrollWidth - window.innerWidth,
                widest_chart: Math.max(
                    ...[...document.querySelectorAll('svg')].map(s => s.getBoundingClientRect().right)),
                width: window.innerWidth,
                charts: document.querySelectorAll('figure.chart svg').length,
                font: parseFloat(getComputedStyle(document.body).fontSize),
            })"""
            on_phone = (await call("Runtime.evaluate", expression=measure, returnByValue=True))["result"]["value"]
            pdf = await call("Page.printToPDF", preferCSSPageSize=True, printBackground=True)
            return on_phone, base64.b64decode(pdf["data"])

    on_phone, pdf = asyncio.run(asyncio.wait_for(look(), 60))
    # On a phone the page is laid out at the screen's width (without the viewport
    # meta it would be 980 px, shrunk), never scrolls sideways (wide tables scroll
    # inside their box), and the charts shrink to the screen.
    assert on_phone["width"] == PHONE[0], on_phone
    assert on_phone["sideways"] <= 0, on_phone
    assert on_phone["charts"] == 4 and on_phone["widest_chart"] <= on_phone["width"], on_phone
    assert on_phone["font"] >= 14
    # Printed: A4 pages (595 × 842 points), as the page's CSS asks.
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in boxes), boxes


def test_a_hand_edited_name_or_note_reaches_the_terminal_without_escape_sequences(tmp_path: Path) -> None:
    """Input refuses control characters, but a file edited by hand may hold them."""
    db = new_db(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE habits SET name = 'Stick' || char(27) || '[31m red' WHERE slug = 'stick-rolling'")
        conn.execute(
            "INSERT INTO checkins (habit_id, day, note, dose, created_at) SELECT id, '2026-11-20', "
            "'tight' || char(10) || 'calves' || char(27) || ']0;title', 'full', '2026-11-20T10:00:00' "
            "FROM habits WHERE slug = 'stick-rolling'"
        )
    conn.close()
    for args in ((), ("--format", "html")):
        out = ok(db, "report", *args).out
        assert "\x1b" not in out and "Stick␛[31m red" in out.replace("\\", "")
    notes = tables(ok(db, "report").out)["Notes"]
    assert notes[2:] == [["20 Nov", "Stick␛\\[31m red", "tight␊calves␛\\]0;title"]]  # one row, on one line
