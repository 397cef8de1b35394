"""Starting the app from the command line (the only door into Textual)."""

from __future__ import annotations

import gc
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cli.session import Session
    from ..store import Store

DEMO_DAYS = 70
#: A history that shows everything: a single miss, a pause, sore days.
DEMO_SEED = 39


def launch(session: Session, demo: bool = False) -> None:
    # Keep the collector out of start-up: Textual allocates many long-lived
    # objects while importing and composing, and a full collection then is pure
    # cost. RehabApp freezes what start-up made and turns the collector back on
    # once its first frame is up (on_ready).
    gc.disable()
    if not demo:
        _run(session.store, session.fixed_today, str(session.db_path))
        return
    from ..history import synthesize

    today = session.fixed_today or date.today()
    with tempfile.TemporaryDirectory(prefix="rehab-demo-") as folder:
        store = synthesize(Path(folder) / "demo.db", today, DEMO_DAYS, seed=DEMO_SEED)
        try:
            _run(store, today, "demo (a throwaway copy)")
        finally:
            store.close()


def _run(store: Store, today: date | None, subtitle: str) -> None:
    from .app import RehabApp

    app = RehabApp(store, today=today, subtitle=subtitle)
    app.run()
    # Textual prints a crash's traceback and returns; the process must still
    # say it failed (a shell, a script or a terminal multiplexer looks at it).
    if app.return_code:
        sys.exit(app.return_code)
