"""The guided session's step plan and countdown, without Textual."""

from __future__ import annotations

import pytest

from rehab_tui.domain.prescription import Prescription
from rehab_tui.domain.session import Countdown, Side, Step, StepKind, plan, runs_shorter, shown_seconds

HOLD, REPS, REST = StepKind.HOLD, StepKind.REPS, StepKind.REST
LEFT, RIGHT = Side.LEFT, Side.RIGHT
T0 = 5000.0  # a monotonic clock starts anywhere


def test_a_hold_with_sides_sets_and_rests_gives_every_step_in_order():
    steps = plan(Prescription(sets=3, hold=45, sides=True, rest=30))
    assert steps == (
        Step(HOLD, 1, 3, LEFT, seconds=45),
        Step(HOLD, 1, 3, RIGHT, seconds=45),
        Step(REST, 2, 3, seconds=30),
        Step(HOLD, 2, 3, LEFT, seconds=45),
        Step(HOLD, 2, 3, RIGHT, seconds=45),
        Step(REST, 3, 3, seconds=30),
        Step(HOLD, 3, 3, LEFT, seconds=45),
        Step(HOLD, 3, 3, RIGHT, seconds=45),
    )


def test_reps_are_counted_steps_and_only_holds_and_rests_are_timed():
    steps = plan(Prescription(sets=2, reps=12, sides=True, rest=30))
    assert [(s.kind, s.side, s.seconds) for s in steps] == [
        (REPS, LEFT, None),
        (REPS, RIGHT, None),
        (REST, None, 30),
        (REPS, LEFT, None),
        (REPS, RIGHT, None),
    ]
    assert steps[0].words() == "12 reps, left side"
    assert not steps[0].timed and steps[2].timed


def test_a_hold_on_each_rep_is_said_but_counted_by_the_person():
    (step,) = plan(Prescription(reps=10, hold=5))
    assert (step.kind, step.seconds) == (REPS, None)
    assert step.words() == "10 reps, hold 5 s each"


def test_a_single_hold_and_an_empty_prescription():
    assert plan(Prescription(hold=90)) == (Step(HOLD, 1, 1, seconds=90),)
    (step,) = plan(Prescription())
    assert (step.kind, step.timed, step.words()) == (REPS, False, "as the cue says")


def test_no_rest_between_sets_when_none_is_prescribed():
    assert [s.kind for s in plan(Prescription(sets=2, hold=20))] == [HOLD, HOLD]


def test_steps_name_themselves_and_the_next_one_by_what_changes():
    steps = plan(Prescription(sets=2, hold=45, sides=True, rest=30))
    left, right, rest, left2, _ = steps
    assert left.words() == "hold 45 s, left side"
    assert left.progress() == "set 1 of 2 · left side"
    assert rest.progress() == "rest, then set 2 of 2"
    assert right.coming(left) == "right side"
    assert rest.coming(right) == "rest 30 s"
    assert left2.coming(rest) == "set 2 of 2, left side"
    assert plan(Prescription(hold=60, sides=True))[0].progress() == "left side"


def test_the_minimum_runs_on_its_own_only_when_it_is_shorter():
    assert runs_shorter(Prescription(hold=90, sides=True, min_hold=30))
    assert runs_shorter(Prescription(sets=3, reps=12, min_sets=1))
    words_only = Prescription(hold=60, sides=True, min_text="one slow pass each leg")
    assert not runs_shorter(words_only)  # `m` records it at once
    # A minimum session runs it as one step the person ends, not the full hold again.
    assert plan(words_only.minimum()) == (Step(StepKind.REPS, 1, 1, None),)


def test_remaining_follows_the_clock_across_steps():
    countdown = Countdown(plan(Prescription(sets=2, hold=45, sides=True, rest=30)))
    assert countdown.position(T0) == (0, 45)  # not started: the first step, whole
    countdown.start(T0)
    assert countdown.position(T0) == (0, 45)
    assert countdown.position(T0 + 44.5) == (0, 0.5)
    assert countdown.position(T0 + 45) == (1, 45)  # the right side begins as the left ends
    assert countdown.position(T0 + 100) == (2, 20)  # 10 s into the rest
    assert countdown.position(T0 + 150) == (3, 15)
    assert not countdown.done(T0 + 209.9)
    assert countdown.position(T0 + 210) == (5, None) and countdown.done(T0 + 210)


def test_pause_freezes_and_resume_goes_on_where_it_stopped():
    countdown = Countdown(plan(Prescription(hold=60)))
    countdown.start(T0)
    countdown.pause(T0 + 20)
    assert countdown.paused and countdown.remaining(T0 + 500) == 40
    countdown.resume(T0 + 500)
    assert countdown.remaining(T0 + 500) == 40
    assert countdown.remaining(T0 + 530) == 10
    countdown.pause(T0 + 525)
    countdown.resume(T0 + 600)  # a second pause adds to the first
    assert countdown.remaining(T0 + 605) == 10


def test_a_counted_step_waits_for_the_person_then_the_run_goes_on():
    countdown = Countdown(plan(Prescription(sets=2, reps=12, rest=30)))
    countdown.start(T0)
    assert countdown.position(T0 + 300) == (0, None)  # reps wait, however long
    countdown.finish_step(T0 + 300)
    assert countdown.position(T0 + 310) == (1, 20)  # the rest runs from the moment the reps ended
    assert countdown.position(T0 + 330) == (2, None)
    countdown.finish_step(T0 + 400)
    assert countdown.done(T0 + 400)


def test_a_long_session_does_not_drift():
    # A hold after 90 s of a 600 s one leaves 510 s, whether read once or many times.
    countdown = Countdown(plan(Prescription(hold=600)))
    countdown.start(T0)
    for tick in range(1, 901):
        countdown.remaining(T0 + tick * 0.1)
    assert countdown.remaining(T0 + 90) == pytest.approx(510)


@pytest.mark.parametrize(("remaining", "shown"), [(60.0, 60), (59.5, 60), (15.0, 15), (0.2, 1)])
def test_the_shown_second_is_the_one_under_way(remaining, shown):
    assert shown_seconds(remaining) == shown
