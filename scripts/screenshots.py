"""Regenerate screenshots/*.svg from the demo history on a fixed date.

python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import date
from pathlib import Path

from textual.widgets import Input

from rehab_tui.history import DEMO_DAYS, DEMO_SEED, synthesize
from rehab_tui.tui.app import RehabApp

TODAY = date(2026, 11, 21)
OUT = Path(__file__).resolve().parent.parent / "screenshots"
#: The keys pressed before each shot. The demo's last week is a quiet one, so
#: the app opens on its drop-off note: `escape` first, but for the note itself.
SHOTS = {
    "main": ("escape",),
    "main-wide": ("escape",),
    "drop-off": (),
    "snooze": ("escape", "s"),
    "pause": ("escape", "down", "p"),
    "habits": ("escape", "h"),
    "habit-form": ("escape", "h", "e"),
    "help": ("escape", "question_mark"),
    "session": ("escape", "g", "space"),
    "body": ("escape", "b"),
    "progress": ("escape", "v"),
}
#: Terminal sizes other than 100x30: the wide main screen holds every plan and cue on its rows.
SIZES = {"progress": (120, 36), "main-wide": (160, 45)}
#: Seconds into the session's first hold when it is shot.
SESSION_AT = 15


class Clock:
    """A monotonic clock that moves only when told, so the countdown shows one second."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def shoot(name: str, keys: tuple[str, ...], folder: Path) -> Path:
    store = synthesize(folder / f"{name}.db", TODAY, DEMO_DAYS, seed=DEMO_SEED)
    clock = Clock()
    app = RehabApp(store, today=TODAY, subtitle="demo", monotonic=clock)
    size = SIZES.get(name, (100, 30))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        if name == "session":
            clock.now += SESSION_AT
            app.screen.tick()
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
