"""Starting the app (the only door into Textual); it knows nothing of the command line."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

from .. import collector

if TYPE_CHECKING:
    from ..store import Store
    from .app import RehabApp


def make_app(store: Store, today: date | None, subtitle: str, demo: bool = False) -> RehabApp:
    """The app on `store`. A file this run made with the example routine is
    offered empty once (the demo's never: its history is the point)."""
    from .app import RehabApp

    return RehabApp(store, today=today, subtitle=subtitle, offer_start_empty=store.made_with_example and not demo)


def launch(store: Store, today: date | None, subtitle: str, demo: bool = False) -> None:
    """Run the app on `store` (with `today` fixed, if given) until it quits."""
    # Textual's imports and the first screen are start-up too: RehabApp
    # releases the collector once its first frame is up (on_ready).
    collector.hold()
    app = make_app(store, today, subtitle, demo)
    app.run()
    # Textual prints a crash's traceback and returns; the process must still
    # say it failed (a shell, a script or a terminal multiplexer looks at it).
    if app.return_code:
        sys.exit(app.return_code)
