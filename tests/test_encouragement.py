"""Falling off kindly and adherence (docs/architecture.md, "Never miss twice"), on hand-built journals."""

from datetime import date, timedelta

from domain_helpers import make_log
from hypothesis import given
from hypothesis import strategies as st

from rehab_tui.domain.encouragement import encouragement, nudges, smallest_step
from rehab_tui.domain.model import Journal
from rehab_tui.domain.streaks import adherence, habit_streak, routine_adherence

TODAY = date(2026, 3, 11)  # a Wednesday
START = date(2026, 1, 5)


def days(a: int, b: int) -> list[date]:
    return [TODAY - timedelta(days=n) for n in range(a, b + 1)]


def test_lines_after_one_and_after_two_misses_name_the_habit_uncut() -> None:
    name = "A very long habit name that a narrow table would want to cut somewhere"
    once = make_log(start=START, done=days(2, 30), name=name, minutes=10)
    twice = make_log(start=START, done=days(3, 30), name=name, minutes=10)
    j1, j2 = Journal((once,)), Journal((twice,))
    assert encouragement(once.habit, habit_streak(j1, once, TODAY)) == f"{name}: missed once — never miss twice."
    line = encouragement(twice.habit, habit_streak(j2, twice, TODAY))
    assert line == f"Two misses on {name}. Start again small today: 2 minutes counts."
    assert smallest_step(make_log(start=START).habit) == "a few minutes counts"
    fine = make_log(start=START, done=days(0, 5))
    assert encouragement(fine.habit, habit_streak(Journal((fine,)), fine, TODAY)) is None


def test_adherence_leaves_snoozed_and_paused_days_out() -> None:
    log = make_log(
        start=START,
        done=days(1, 10),
        snoozed=days(11, 12),
        pauses=[(TODAY - timedelta(days=27), TODAY - timedelta(days=20))],
    )
    # 28 days back: today pending (out), 10 done, 2 snoozed (out), 8 paused (out), 7 missed.
    assert adherence(Journal((log,)), log, TODAY) == round(100 * 10 / 17, 1)
    assert routine_adherence(Journal((log,)), TODAY) == round(100 * 10 / 17, 1)


def test_a_quota_habit_counts_by_weeks() -> None:
    # 1/week: weeks ending inside the last 28 days: four, two of them met.
    log = make_log("1/week", start=START, done=[date(2026, 2, 17), date(2026, 3, 3)])
    assert adherence(Journal((log,)), log, TODAY) == 50.0


@given(st.sets(st.integers(0, 40)))
def test_adherence_is_a_share(done: set[int]) -> None:
    log = make_log(start=TODAY - timedelta(days=40), done=[TODAY - timedelta(days=n) for n in done])
    value = adherence(Journal((log,)), log, TODAY)
    assert value is None or 0 <= value <= 100


def test_misses_are_said_once_for_all_the_habits_they_concern() -> None:
    def fallen(name: str, done_from: int) -> tuple:
        log = make_log(start=START, done=days(done_from, 30), name=name, minutes=10)
        return log.habit, habit_streak(Journal((log,)), log, TODAY)

    once = [fallen(name, 2) for name in ("Stick rolling", "Knee cross-friction", "Plank hip dips")]
    again = [fallen(name, 3) for name in ("Clamshells", "Bridges")]
    said = nudges([once[0], again[0], once[1], again[1], once[2], fallen("Fine", 0)])
    assert [n.text for n in said] == [
        "3 missed once, never miss twice: Stick rolling, Knee cross-friction, Plank hip dips",
        "2 fresh starts, the smallest step counts: Clamshells, 2 minutes; Bridges, 2 minutes.",
    ]
    assert [n.missed_once for n in said] == [True, False]
    # One habit alone keeps its own sentence.
    assert [n.text for n in nudges(once[:1] + again[:1])] == [
        "Stick rolling: missed once — never miss twice.",
        "Two misses on Clamshells. Start again small today: 2 minutes counts.",
    ]
    assert nudges([fallen("Fine", 0)]) == []
