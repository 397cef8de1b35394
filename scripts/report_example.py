"""Regenerate screenshots/report.html and report.png: `rehab report` on the demo
database on a fixed date, and the page as headless Chromium shows it.

    python scripts/report_example.py

The demo history has no notes and no minimum doses; so that every section shows
something, a few are added first, through the store's gate, on the demo's
throwaway copy: two check-in notes and a pain rating's note (on days already
done or rated, so no figure moves) and three check-ins turned into minimum doses.
"""

from __future__ import annotations

import asyncio
import base64
import sys
import tempfile
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from rehab_tui.cli.main import cli
from rehab_tui.domain.prescription import Dose
from rehab_tui.history import demo_store
from rehab_tui.store import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser_helpers import devtools, find_chromium, load  # noqa: E402

TODAY = date(2026, 11, 30)
OUT = ROOT / "screenshots"
#: Wide enough for the page's column (54rem) with a margin on each side.
WIDTH = 960
NOTES = (
    ("Plank hip dips", date(2026, 11, 6), "Left side shakier than the right on the dips."),
    ("Lacrosse ball glute release", date(2026, 11, 20), "Tender at the attachment point; eased after a minute."),
)
PAIN_NOTE = ("right hip flexor", date(2026, 11, 26), "Stairs at work without a twinge.")
MINIMUM = (
    ("Stick rolling", date(2026, 11, 18)),
    ("Stick rolling", date(2026, 11, 25)),
    ("Plank hip dips", date(2026, 11, 27)),
)


def annotate(store: Store) -> None:
    """The notes and minimum doses the demo lacks, each on the nearest day done (or rated) before the one named."""
    journal = store.journal()
    logs = {log.habit.name: log for log in journal.logs}
    for name, day, note in NOTES:
        log = logs[name]
        done = max(d for d in log.done if d <= day)
        # A check-in keeps its note once made: taken back and made again, with the note.
        store.undo([log.habit.id], done)
        store.check_in([log.habit.id], done, TODAY, note=note)
    for name, day in MINIMUM:
        log = logs[name]
        store.check_in([log.habit.id], max(d for d in log.done if d <= day), TODAY, dose=Dose.MIN)
    area, day, note = PAIN_NOTE
    reading = max(
        (r for r in store.readings() if r.area == area and r.day <= day and r.pain is not None), key=lambda r: r.day
    )
    store.record_pain(reading.day, area, reading.pain, TODAY, note=note)


async def screenshot(page: Path, png: Path) -> None:
    """The whole page, top to bottom, at WIDTH pixels."""
    browser = find_chromium()
    if browser is None:
        sys.exit("no chromium found (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        async with devtools(browser, Path(profile), (WIDTH, 900)) as call:
            await load(call, page.as_uri())
            height = (
                await call("Runtime.evaluate", expression="document.documentElement.scrollHeight", returnByValue=True)
            )["result"]["value"]
            shot = await call(
                "Page.captureScreenshot",
                format="png",
                captureBeyondViewport=True,
                clip={"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1},
            )
    png.write_bytes(base64.b64decode(shot["data"]))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    page = OUT / "report.html"
    with demo_store(TODAY) as store:
        annotate(store)
        ran = CliRunner().invoke(
            cli,
            ["--db", str(store.path), "--today", TODAY.isoformat(), "report", "-o", str(page), "--force"],
            prog_name="rehab",
        )
        if ran.exit_code:
            sys.exit(ran.output)
    asyncio.run(screenshot(page, OUT / "report.png"))
    print(page)
    print(OUT / "report.png")


if __name__ == "__main__":
    main()
