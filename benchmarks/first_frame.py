"""One start-up of an app, headless, in this fresh process (run by run.py).

    python benchmarks/first_frame.py rehab DB_PATH YYYY-MM-DD
    python benchmarks/first_frame.py bare
    python benchmarks/first_frame.py bare+stack

`rehab` starts exactly as the `rehab --db DB_PATH --today DATE` command does
(click, the session, the store, launch.py); `bare` runs bare_app.py, a plain
Textual app with a Header, a Static and a Footer; `bare+stack` the same after
`import sqlite_utils`, the floor that rehab's stack sets. The same import hook
makes both run headless at 120x36 and paint every frame (see _frames.py).

Prints one JSON line: `first_frame` is time.perf_counter() when the first
frame showing the app's content (today's checklist with its habits; the Static)
was painted, `cpu` the process's CPU time then, `top` the same clock at the top
of this script, and `max_rss_kb` the process's peak memory once the app has
settled: half a second after the first frame, and for rehab once the streaks
panel is filled, then one more refresh. perf_counter is CLOCK_MONOTONIC on
Linux, so the parent can subtract its own reading from before the spawn.
"""

import time

TOP = time.perf_counter()

import importlib.abc  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402

SETTLE_S = 0.5


class _PatchTextualApp(importlib.abc.MetaPathFinder):
    """Patch textual.app.App right after it is imported, whoever imports it."""

    def __init__(self, ready, settled) -> None:
        self.ready = ready
        self.settled = settled

    def find_spec(self, name, path, target=None):
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        exec_module = spec.loader.exec_module
        ready, settled = self.ready, self.settled

        def exec_and_patch(module) -> None:
            exec_module(module)
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            from _frames import patch_app

            patch_app(module.App, _on_frame(ready, settled))

        spec.loader.exec_module = exec_and_patch
        return spec


def _on_frame(ready, settled):
    state = {"first": None}

    def on_frame(app, now: float) -> None:
        if state["first"] is not None or not ready(app):
            return
        state["first"] = now
        state["cpu"] = time.process_time()
        app.set_timer(SETTLE_S, lambda: wait(app))

    def wait(app) -> None:
        if settled(app):
            app.call_after_refresh(finish)
        else:
            app.set_timer(0.05, lambda: wait(app))

    def finish() -> None:
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        result = {"top": TOP, "first_frame": state["first"], "cpu": state["cpu"], "max_rss_kb": rss}
        print(json.dumps(result), flush=True)
        os._exit(0)

    return on_frame


def _checklist_shown(app) -> bool:
    return any(getattr(w, "option_count", 0) for w in app.screen.query("ChecklistView"))


def _streaks_shown(app) -> bool:
    return all(w.border_title != "Streaks" for w in app.screen.query("StreaksPanel"))


def _static_shown(app) -> bool:
    return bool(app.screen.query("Static"))


def _always(app) -> bool:
    return True


def main() -> None:
    which = sys.argv[1]
    if which == "rehab":
        db, today = sys.argv[2], sys.argv[3]
        sys.meta_path.insert(0, _PatchTextualApp(_checklist_shown, _streaks_shown))
        sys.argv = ["rehab", "--db", db, "--today", today]
        from rehab_tui.entry import main as rehab_main  # the `rehab` script's entry point

        rehab_main()
    elif which in ("bare", "bare+stack"):
        if which == "bare+stack":
            # What rehab cannot do without: sqlite-utils, with what it imports.
            import sqlite_utils  # noqa: F401
        sys.meta_path.insert(0, _PatchTextualApp(_static_shown, _always))
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from bare_app import main as bare_main

        bare_main()
    else:
        raise SystemExit(f"unknown app {which!r}: rehab, bare or bare+stack")
    raise SystemExit("the app exited before its first frame")


if __name__ == "__main__":
    main()
