"""The `rehab` entry point: a nag answered at prompt speed when it can be, else the CLI.

Imports here: the standard library and rehab_tui/nagline.py only, until the
fast path has given up (tests/test_nag.py checks it).
"""

from __future__ import annotations

import sys

from .nagline import Fallback, fast_line


def main() -> None:
    """The `rehab` command: a nag answered here when it can be, else the CLI."""
    args = sys.argv[1:]
    if "nag" in args:
        try:
            line = fast_line(args)
        except Fallback:
            pass
        else:
            if line is not None:
                if hasattr(sys.stdout, "reconfigure"):
                    sys.stdout.reconfigure(errors="replace")
                print(line)
            return
    from .collector import hold

    hold()  # released by the command line once the command is loaded
    from .cli.main import main as cli_main

    cli_main()
