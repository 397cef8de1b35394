"""The pure domain: schedules, day states, streaks, strength. No I/O, no clock."""
