"""Starting the app from the command line (the only door into Textual)."""

from __future__ import annotations

import gc
import tempfile
from datetime import date
from pathlib import Path

DEMO_DAYS = 70
#: A history that shows everything: a single miss, a pause, sore days.
DEMO_SEED = 39


def launch(session, demo: bool = False) -> None:
    # Keep the collector out of start-up: Textual allocates many long-lived
    # objects while importing and composing, and a full collection then is pure cost.
    gc.disable()
    if demo:
        store, subtitle = _demo_store(session.fixed_today or date.today())
        today = session.fixed_today or date.today()
    else:
        store, subtitle, today = session.store, str(session.db_path), session.fixed_today
    from .app import RehabApp

    # RehabApp freezes what start-up made and turns the collector back on once
    # its first frame is up (on_ready).
    app = RehabApp(store, today=today, subtitle=subtitle)
    app.run()


def _demo_store(today: date):
    from ..history import synthesize

    folder = Path(tempfile.mkdtemp(prefix="rehab-demo-"))
    return synthesize(folder / "demo.db", today, DEMO_DAYS, seed=DEMO_SEED), "demo (a throwaway copy)"
