"""Toggle latency: key press to the check-in committed and the last widget repainted.

    python benchmarks/toggle.py DB_PATH YYYY-MM-DD [--toggles N] [--warmup W]

Runs RehabApp headless in `run_test` (120x36) with every frame painted (see
_frames.py), waits for the streaks panel, then presses space on the first habit
of today's checklist N + W times (ticking and unticking in turn). Each sample
is perf_counter() from just before `pilot.press("space")` to the last frame
painted before `pilot.pause()` returned (Pilot's own idle sleeps are not
counted). After every toggle it checks that the row is committed (read through
a second connection) and that the checklist, the calendar and the streaks panel
all show it. Prints one JSON line with the W + N samples in seconds; the
first W are warm-up.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import sys
import time
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


async def measure(db_path: str, today: date, toggles: int, warmup: int) -> list[float]:
    from _frames import SIZE, patch_app
    from textual.app import App

    from rehab_tui.store import Store
    from rehab_tui.tui.app import RehabApp
    from rehab_tui.tui.widgets.calendar import MonthCalendar
    from rehab_tui.tui.widgets.checklist import ChecklistView
    from rehab_tui.tui.widgets.streaks import StreaksPanel

    frames: list[float] = []
    patch_app(App, lambda app, now: frames.append(now))
    store = Store.open(db_path, today)
    check = sqlite3.connect(db_path)
    app = RehabApp(store, today=today)
    samples = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        checklist = app.query_one(ChecklistView)
        panel = app.query_one(StreaksPanel)
        calendar = app.query_one(MonthCalendar)
        while panel.border_title == "Streaks":  # not filled in yet
            await pilot.pause(0.05)
        habit_id = checklist.listing.items[0].log.habit.id

        def state() -> str:
            return next(i.state for i in checklist.listing.items if i.log.habit.id == habit_id)

        for _ in range(warmup + toggles):
            checklist.highlighted = 0  # a tick moves the cursor on to the next open row
            was_done = state() == "done"
            before_panel = panel.text
            before_mark = calendar.summaries[today].done
            frames.clear()
            start = time.perf_counter()
            await pilot.press("space")
            await pilot.pause()
            if not frames:
                raise SystemExit("no frame was painted after the toggle")
            samples.append(frames[-1] - start)
            row = check.execute(
                "SELECT count(*) FROM checkins WHERE habit_id = ? AND day = ?", [habit_id, today.isoformat()]
            ).fetchone()[0]
            if row != (0 if was_done else 1):
                raise SystemExit("the check-in was not committed")
            if (state() == "done") == was_done:
                raise SystemExit("the checklist did not change")
            if calendar.summaries[today].done == before_mark:
                raise SystemExit("the calendar did not change")
            if panel.text == before_panel:
                raise SystemExit("the streaks panel did not change")
    store.close()
    check.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("today", type=date.fromisoformat)
    parser.add_argument("--toggles", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    samples = asyncio.run(measure(args.db, args.today, args.toggles, args.warmup))
    print(json.dumps({"warmup": args.warmup, "samples": samples}))


if __name__ == "__main__":
    main()
