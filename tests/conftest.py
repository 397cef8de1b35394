"""Fixtures for the TUI tests: real SQLite files in tmp_path and a fixed date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rehab_tui.store import Store

TODAY = date(2026, 11, 21)  # a Saturday


@pytest.fixture
def fresh_store(tmp_path):
    """The default routine, started two weeks before TODAY, nothing recorded."""
    store = Store.open(tmp_path / "rehab.db", TODAY - timedelta(days=13))
    yield store
    store.close()


@pytest.fixture
def demo_store(tmp_path):
    """Ten weeks of made-up history, the same every run."""
    from rehab_tui.history import DEMO_DAYS, DEMO_SEED, synthesize

    store = synthesize(tmp_path / "demo.db", TODAY, DEMO_DAYS, seed=DEMO_SEED)
    yield store
    store.close()
