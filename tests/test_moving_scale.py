"""Issue 22: an import's work grows with its rows, not with their square.

Counted, not timed (timings belong in benchmarks/, figure g): SQLite reports
its virtual machine's steps through a progress handler, and an import that
re-reads every habit, or a habit's whole log, for each row it writes takes
steps in proportion to the square of the rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from moving_helpers import TODAY, loop_many

from rehab_tui.formats.export_reader import check_export
from rehab_tui.moving import convert
from rehab_tui.store import Store
from rehab_tui.store.merge import import_data

#: SQLite calls the progress handler once every this many VM steps.
STEP = 1000


def steps_per_habit(folder: Path, habits: int) -> float:
    """SQLite's steps (in thousands) to import a Loop file of `habits` habits, per habit."""
    checked = check_export(convert("loop", loop_many(folder / f"loop{habits}.db", habits), TODAY).data, TODAY)
    store = Store.open(folder / f"rehab{habits}.db", TODAY)
    try:
        ticks = [0]

        def tick() -> int:
            ticks[0] += 1
            return 0  # go on

        store.db.conn.set_progress_handler(tick, STEP)
        imported = import_data(store, checked, TODAY)
        store.db.conn.set_progress_handler(None, STEP)
        assert (imported.habits_added, imported.checkins, imported.snoozes) == (habits, 17 * habits, 3 * habits)
    finally:
        store.close()
    return ticks[0] / habits


@pytest.mark.slow
def test_importing_2000_loop_habits_takes_no_more_work_per_habit_than_500(tmp_path):
    small, large = steps_per_habit(tmp_path, 500), steps_per_habit(tmp_path, 2000)
    print(f"thousands of SQLite steps per habit: {small:.1f} at 500 habits, {large:.1f} at 2,000")
    # Linear: the same work per habit (index depth adds a little).
    assert large <= 1.25 * small, (small, large)
    # A generous bound that reading all habits for each one breaks by far.
    assert large <= 20, large
