"""Figure g of benchmarks/run.py: a whole history written through the gate."""

from __future__ import annotations

import time
from pathlib import Path

from _figures import HABITS, TODAY, Figure, log, median
from make_history import history_days


def history_writes(folder: Path, repeats: int) -> Figure:
    """g: a whole history written through the gate in one transaction
    (`Store.load_history`, what the demo and the benchmarks' histories use),
    CPU time per row written, 50 years against 5."""
    from rehab_tui.history import synthesize
    from rehab_tui.store import Store

    # Only the write is timed, not the drawing of the made-up history: the
    # store's own method, wrapped for this run.
    spent: list[float] = []
    load_history = Store.load_history

    def timed(self: Store, *args: object, **kwargs: object) -> None:
        started = time.process_time()
        load_history(self, *args, **kwargs)  # type: ignore[arg-type]
        spent.append(time.process_time() - started)

    sizes = (5, 50)
    per_row: dict[int, list[float]] = {years: [] for years in sizes}
    rows: dict[int, int] = {}
    order = list(sizes)
    Store.load_history = timed  # type: ignore[method-assign]
    try:
        for i in range(repeats + 1):  # the first round warms caches and is dropped
            for years in order:
                for n in range(max(1, round(10 / years))):  # 5 years twice a round
                    path = folder / f"g-{years}y-{i}-{n}.db"
                    store = synthesize(path, TODAY, days=history_days(TODAY, years), habits=HABITS)
                    rows[years] = sum(
                        store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                        for t in ("checkins", "snoozes", "pauses", "readings")
                    )
                    store.close()
                    path.unlink()
                    if i:
                        per_row[years].append(spent[-1] / rows[years])
            order.reverse()
    finally:
        Store.load_history = load_history  # type: ignore[method-assign]
    us = {years: median(values) * 1e6 for years, values in per_row.items()}
    for years in sizes:
        samples = [round(v * 1e6, 1) for v in per_row[years]]
        log(f"  history {years:>2} years: {rows[years]} rows, {us[years]:.1f} us a row {samples}")
    return Figure(
        "g",
        "whole-history write per row, 50y vs 5y",
        us[50],
        us[5],
        "us",
        1.5,
        f"CPU per row, medians; {rows[50]:,} rows in {us[50] * rows[50] / 1e6:.1f} s vs "
        f"{rows[5]:,} in {us[5] * rows[5] / 1e6:.2f} s",
    )
