"""The garbage collector is kept out of start-up and runs again for the command
(rehab_tui/collector.py): held, a long-running command (`serve`) would never
collect its garbage; never held, start-up pays for passes over objects it keeps."""

from __future__ import annotations

import subprocess
import sys

from cli_helpers import TODAY, new_db

# `rehab` as its console script runs it, reporting at exit whether the collector
# runs and how many objects start-up froze out of its passes.
PROBE = (
    "import atexit, gc, sys\n"
    "atexit.register(lambda: print(f'collector {gc.isenabled()} frozen {gc.get_freeze_count()}', file=sys.stderr))\n"
    "sys.argv = ['rehab', *sys.argv[1:]]\n"
    "from rehab_tui.entry import main\n"
    "main()\n"
)


def rehab(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PROBE, *args], check=False, capture_output=True, text=True, timeout=60)


def test_a_command_runs_with_the_collector_and_start_up_frozen(tmp_path):
    ran = rehab("--db", str(new_db(tmp_path)), "--today", TODAY, "today", "--json")
    assert ran.returncode == 0, ran.stderr
    collector, on, frozen, count = ran.stderr.split()
    assert (collector, on, frozen) == ("collector", "True", "frozen")
    # The imports of click, sqlite-utils and the command: tens of thousands of objects.
    assert int(count) > 10_000
