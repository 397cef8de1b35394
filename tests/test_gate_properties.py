"""Random sequences of writes through the gate keep every invariant, and the
app's board after each write equals one built fresh from the file (issue 9)."""

from __future__ import annotations

import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from rehab_tui.domain.errors import RehabError
from rehab_tui.domain.rules import MINUTES, NAME
from rehab_tui.domain.snoozing import budget_left
from rehab_tui.formats.export import export_data
from rehab_tui.formats.export_reader import check_export
from rehab_tui.store import Store
from rehab_tui.store.merge import import_data
from rehab_tui.tui.board import Board

START = date(2026, 10, 1)
TODAY = date(2026, 11, 21)
days = st.integers(min_value=-10, max_value=60).map(lambda n: START + timedelta(days=n))
habits = st.integers(min_value=1, max_value=5)
schedules = st.sampled_from(
    ["daily", "tue,fri", "every 3 days", "2/week", "weekdays", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15"]
)


class Gate(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="rehab-gate-"))
        self.store = Store.open(self.folder / "rehab.db", START)
        self.board = Board(self.store.journal(), TODAY)
        self.exports: list[dict] = []

    def teardown(self) -> None:
        self.store.close()

    def attempt(self, action, *args, **kwargs):
        try:
            return action(*args, **kwargs)
        except RehabError:
            return None

    @rule(habit=habits, day=days)
    def tick(self, habit, day):
        ticks = self.attempt(self.store.check_in, [habit], day, TODAY)
        if ticks is not None:
            for log in ticks.logs:
                self.board.replace_log(log)
            self.board.checklist(day)

    @rule(habit=habits, day=days)
    def untick(self, habit, day):
        for log in self.store.undo([habit], day).logs:
            self.board.replace_log(log)

    @rule(habit=st.one_of(st.none(), habits), day=days)
    def snooze(self, habit, day):
        if self.attempt(self.store.snooze, day, TODAY, habit) is not None:
            self.board = Board(self.store.journal(), TODAY)

    @rule(habit=habits, start=days, length=st.integers(0, 10))
    def pause(self, habit, start, length):
        paused = self.attempt(self.store.pause, habit, start + timedelta(days=length), today=TODAY, start=start)
        if paused is not None:
            self.board = Board(self.board.journal.with_log(paused.log), TODAY)

    @rule(habit=habits)
    def resume(self, habit):
        if self.attempt(self.store.resume, habit, TODAY) is not None:
            self.board = Board(self.store.journal(), TODAY)

    @rule(habit=habits, schedule=schedules, since=days)
    def change_schedule(self, habit, schedule, since):
        if self.attempt(self.store.edit_habit, habit, TODAY, schedule=schedule, since=since) is not None:
            self.board = Board(self.store.journal(), TODAY)

    @rule(habit=habits, start=days)
    def move_start(self, habit, start):
        if self.attempt(self.store.edit_habit, habit, TODAY, start=start) is not None:
            self.board = Board(self.store.journal(), TODAY)

    @rule()
    def export(self):
        self.exports.append(json.loads(json.dumps(export_data(self.store.contents()), default=str)))

    @precondition(lambda self: self.exports)
    @rule(which=st.integers(min_value=0))
    def import_an_earlier_export(self, which):
        data = self.exports[which % len(self.exports)]
        if self.attempt(lambda: import_data(self.store, check_export(data, TODAY), TODAY)) is not None:
            self.board = Board(self.store.journal(), TODAY)

    @invariant()
    def every_record_keeps_the_rules(self):
        journal = self.store.journal()
        snoozed = journal.budget_days
        for log in journal.logs:
            habit = log.habit
            assert len(habit.name) <= NAME.cap
            assert habit.minutes is None or MINUTES.low <= habit.minutes <= MINUTES.high
            assert all(habit.start <= d <= TODAY for d in log.done)
            spans = sorted((p.start, p.until) for p in log.pauses)
            # Pauses never share a day: a pause is changed in place, or refused (pausing.plan_pause).
            assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))
            sinces = [v.since for v in habit.schedule_history]
            assert sinces == sorted(set(sinces))
        for day in snoozed:
            assert budget_left(snoozed, day, journal.snooze_budget) >= 0

    @invariant()
    def the_board_equals_a_fresh_one(self):
        fresh = Board(self.store.journal(), TODAY)
        assert self.board.journal == fresh.journal
        assert self.board.streak_rows() == fresh.streak_rows()
        assert self.board.routine() == fresh.routine()
        assert self.board.checklist(TODAY) == fresh.checklist(TODAY)


Gate.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestGate = Gate.TestCase


def test_the_boards_routine_adherence_is_the_domains():
    from rehab_tui.domain.streaks import routine_adherence
    from rehab_tui.history import synthesize

    folder = Path(tempfile.mkdtemp(prefix="rehab-adherence-"))
    store = synthesize(folder / "h.db", TODAY, 120, habits=8, seed=5)
    journal = store.journal()
    for today in (TODAY, TODAY - timedelta(days=40)):
        assert Board(journal, today).routine_adherence() == routine_adherence(journal, today)
    store.close()


def test_a_tick_on_a_habit_whose_schedule_changed_updates_the_board_as_a_fresh_one():
    """Found by the state machine: a quota turned daily the next day, ticked on the quota day."""
    folder = Path(tempfile.mkdtemp(prefix="rehab-versions-"))
    store = Store.open(folder / "rehab.db", START)
    board = Board(store.journal(), TODAY)
    board.streak_rows()
    store.edit_habit(5, TODAY, schedule="daily", since=START + timedelta(days=1))
    board = Board(store.journal(), TODAY)
    board.streak_rows()
    board.routine()
    for log in store.check_in([5], START, TODAY).logs:
        board.replace_log(log)
    fresh = Board(store.journal(), TODAY)
    assert board.streak_rows() == fresh.streak_rows()
    assert board.routine() == fresh.routine()
    store.close()
