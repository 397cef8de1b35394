"""Names fitted into columns by terminal cells (rehab_tui/tui/cells.py)."""

from __future__ import annotations

from rich.cells import cell_len

from rehab_tui.cells import column_width, fit


def test_a_wide_name_takes_its_cells_and_pads_to_the_column() -> None:
    assert cell_len("右股関節") == 8
    assert fit("右股関節", 10) == "右股関節  "
    assert column_width(["knee", "右股関節"], 4, 22) == 8


def test_a_name_too_long_is_cut_with_an_ellipsis_in_exactly_the_width() -> None:
    assert fit("left IT band", 6) == "left …"
    # Cut in the middle of a wide character: a space keeps the width.
    assert fit("右股関節", 6) == "右股 …"
    assert all(cell_len(fit(name, 6)) == 6 for name in ("右股関節", "🦵 knee", "é", ""))


def test_the_column_is_capped_and_has_a_width_without_names() -> None:
    assert column_width(["x" * 40], 8, 22) == 22
    assert column_width([], 8, 22) == 8
    assert column_width(["ab", "abc"]) == 3
