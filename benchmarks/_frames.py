"""Shared by the benchmark drivers: run Textual headless, but paint every frame.

A headless driver skips turning a compositor update into terminal output;
`patch_app` makes `App._display` do that work anyway (what a real terminal
would cost) and reports each frame's time to a callback.
"""

from __future__ import annotations

import time
from collections.abc import Callable

SIZE = (120, 36)


def patch_app(app_class, on_frame: Callable[[object, float], None] | None = None, size=SIZE) -> None:
    """Make every `app_class.run()` headless at `size`, painting and timing each frame."""
    from textual._compositor import CompositorUpdate

    original_display = app_class._display
    original_run = app_class.run

    def _display(self, screen, renderable) -> None:
        original_display(self, screen, renderable)
        if renderable is None or self._batch_count:
            return
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(self.console)
        else:
            self.console._render_buffer(self.console.render(renderable))
        if on_frame is not None:
            on_frame(self, time.perf_counter())

    def run(self, **kwargs):
        kwargs["headless"] = True
        kwargs["size"] = size
        return original_run(self, **kwargs)

    app_class._display = _display
    app_class.run = run
