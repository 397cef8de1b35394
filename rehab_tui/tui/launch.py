"""Starting the app (the only door into Textual); it knows nothing of the command line."""

from __future__ import annotations

import gc
import sys
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store


def launch(store: Store, today: date | None, subtitle: str) -> None:
    """Run the app on `store` (with `today` fixed, if given) until it quits."""
    # Keep the collector out of start-up: Textual allocates many long-lived
    # objects while importing and composing, and a full collection then is pure
    # cost. RehabApp freezes what start-up made and turns the collector back on
    # once its first frame is up (on_ready).
    gc.disable()
    from .app import RehabApp

    app = RehabApp(store, today=today, subtitle=subtitle)
    app.run()
    # Textual prints a crash's traceback and returns; the process must still
    # say it failed (a shell, a script or a terminal multiplexer looks at it).
    if app.return_code:
        sys.exit(app.return_code)
