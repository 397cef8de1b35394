"""Starting the app (the only door into Textual); it knows nothing of the command line."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

from .. import collector

if TYPE_CHECKING:
    from ..store import Store


def launch(store: Store, today: date | None, subtitle: str) -> None:
    """Run the app on `store` (with `today` fixed, if given) until it quits."""
    # Textual's imports and the first screen are start-up too: RehabApp
    # releases the collector once its first frame is up (on_ready).
    collector.hold()
    from .app import RehabApp

    app = RehabApp(store, today=today, subtitle=subtitle)
    app.run()
    # Textual prints a crash's traceback and returns; the process must still
    # say it failed (a shell, a script or a terminal multiplexer looks at it).
    if app.return_code:
        sys.exit(app.return_code)
