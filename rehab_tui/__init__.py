"""rehab-tui: a terminal habit tracker for mobility and rehab routines."""

__version__ = "0.1.0"
