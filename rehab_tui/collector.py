"""The garbage collector kept out of start-up.

Importing the command line, sqlite-utils and Textual, and building the first
screen, makes hundreds of thousands of long-lived objects and almost no
garbage: the collector's passes over them then are pure cost (a third of what
`rehab today` spent beyond importing its libraries). Start-up holds it; once
start-up is over, what it made is frozen out of later passes and the collector
runs as usual, so long-running commands (`serve`, the app) collect their garbage.
"""

from __future__ import annotations

import gc


def hold() -> None:
    """Start-up begins: no collections until `release`."""
    gc.disable()


def release() -> None:
    """Start-up is over (a no-op when nothing held the collector)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
