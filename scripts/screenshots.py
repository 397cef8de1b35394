"""Regenerate screenshots/*.svg from the demo history on a fixed date.

    python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import date
from pathlib import Path

from textual.widgets import Input

from rehab_tui.history import synthesize
from rehab_tui.tui.app import RehabApp
from rehab_tui.history import DEMO_DAYS, DEMO_SEED

TODAY = date(2026, 11, 21)
OUT = Path(__file__).resolve().parent.parent / "screenshots"
SHOTS = {
    "main": (),
    "snooze": ("s",),
    "pause": ("down", "p"),
    "habits": ("h",),
    "habit-form": ("h", "e"),
    "help": ("question_mark",),
}


async def shoot(name: str, keys: tuple[str, ...], folder: Path) -> Path:
    store = synthesize(folder / f"{name}.db", TODAY, DEMO_DAYS, seed=DEMO_SEED)
    app = RehabApp(store, today=TODAY, subtitle="demo")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # The demo's last week is a quiet one: the drop-off note comes first.
        await pilot.press("escape", *keys)
        for widget in app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.pause()
        path = app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
    store.close()
    return Path(path)


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for name, keys in SHOTS.items():
            print(await shoot(name, keys, Path(folder)))


if __name__ == "__main__":
    asyncio.run(main())
