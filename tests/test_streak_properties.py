"""Streaks against a brute-force reading of docs/architecture.md, "Streaks", on random histories.

The reference below is written from the text of the design, not from the code:
it spells out each rule day by day (or week by week) with no shortcuts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from rehab_tui.domain.checklist import checklist, exact_from
from rehab_tui.domain.model import Habit, HabitLog, Journal, Pause
from rehab_tui.domain.schedules import parse_schedule
from rehab_tui.domain.states import day_state
from rehab_tui.domain.streaks import current_streak, habit_streak, last_run, reach_back, routine_streak, run_break

BASE = date(2024, 1, 1)  # a Monday
SPAN = 42  # six weeks of history
ONE = timedelta(days=1)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
BIWEEKLY = "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"


def at(n: int) -> date:
    return BASE + timedelta(days=n)


# ------------------------------------------------------------------ the world


@dataclass(frozen=True)
class Spec:
    """One habit as the reference sees it."""

    kind: str  # daily, weekdays, interval, quota, rrule
    start: date
    anchor: date
    archived: date | None
    weekdays: frozenset[int]
    interval: int
    quota: int
    done: frozenset[date]
    snoozed: frozenset[date]
    pauses: tuple[tuple[date, date], ...]

    def text(self) -> str:
        if self.kind == "daily":
            return "daily"
        if self.kind == "weekdays":
            return ",".join(WEEKDAYS[d] for d in sorted(self.weekdays))
        if self.kind == "interval":
            return f"every {self.interval} days"
        if self.kind == "quota":
            return f"{self.quota}/week"
        return BIWEEKLY


@dataclass(frozen=True)
class World:
    specs: tuple[Spec, ...]
    rest_days: frozenset[date]
    week_start: int
    today: date
    as_of: date

    def journal(self) -> Journal:
        logs = []
        for i, s in enumerate(self.specs, start=1):
            habit = Habit(
                id=i,
                name=f"Habit {i}",
                slug=f"habit-{i}",
                cue="",
                minutes=None,
                schedule=parse_schedule(s.text(), s.anchor),
                start=s.start,
                archived=s.archived,
            )
            logs.append(
                HabitLog(
                    habit,
                    done=s.done,
                    snoozed=s.snoozed,
                    pauses=tuple(Pause(a, b) for a, b in s.pauses),
                )
            )
        return Journal(tuple(logs), rest_days=self.rest_days, week_start=self.week_start)


offsets = st.integers(0, SPAN - 1)


@st.composite
def specs(draw: st.DrawFn, today: date) -> Spec:
    kind = draw(st.sampled_from(["daily", "weekdays", "interval", "quota", "rrule"]))
    start = at(draw(st.integers(0, 20)))
    # `every N days` stays anchored where it was set, also after the start moved back.
    anchor = start + timedelta(days=draw(st.integers(0, 6))) if kind == "interval" else start
    archived = None
    if draw(st.booleans()) and draw(st.booleans()):
        archived = start + timedelta(days=draw(st.integers(1, 30)))
    # Check-ins are never in the future and never before the start. Most histories
    # are nearly every day with a few gaps, so that long streaks happen.
    picked = draw(st.sets(offsets, max_size=SPAN))
    if draw(st.booleans()):
        picked = set(range(SPAN)) - set(draw(st.sets(offsets, max_size=4)))
    done = frozenset(at(n) for n in picked if start <= at(n) <= today)
    snoozed = frozenset(at(n) for n in draw(st.sets(offsets, max_size=6)))
    pauses = tuple(
        (at(a), at(a) + timedelta(days=length))
        for a, length in draw(st.lists(st.tuples(offsets, st.integers(0, 8)), max_size=2))
    )
    return Spec(
        kind=kind,
        start=start,
        anchor=anchor,
        archived=archived,
        weekdays=frozenset(draw(st.sets(st.integers(0, 6), min_size=1, max_size=6))),
        interval=draw(st.integers(2, 4)),
        quota=draw(st.integers(1, 4)),
        done=done,
        snoozed=snoozed,
        pauses=pauses,
    )


@st.composite
def worlds(draw: st.DrawFn) -> World:
    today = at(draw(st.integers(0, SPAN - 1)))
    habits = tuple(draw(st.lists(specs(today), min_size=1, max_size=3)))
    return World(
        specs=habits,
        rest_days=frozenset(at(n) for n in draw(st.sets(st.integers(0, SPAN + 6), max_size=8))),
        week_start=draw(st.sampled_from([0, 6])),
        today=today,
        as_of=at(draw(st.integers(0, SPAN + 6))),
    )


# -------------------------------------------------------------- the reference


def occurs(s: Spec, day: date) -> bool:
    if s.kind in ("daily", "quota"):
        return True
    if s.kind == "weekdays":
        return day.weekday() in s.weekdays
    if s.kind == "interval":
        return (day - s.anchor).days % s.interval == 0
    # Every other week from the anchor's week (weeks start on Monday), Mon and Thu.
    monday = day - timedelta(days=day.weekday())
    anchor_monday = s.anchor - timedelta(days=s.anchor.weekday())
    return day >= s.anchor and day.weekday() in (0, 3) and ((monday - anchor_monday).days // 7) % 2 == 0


def in_life(s: Spec, day: date) -> bool:
    return s.start <= day and (s.archived is None or day < s.archived)


def paused(s: Spec, day: date) -> bool:
    return any(a <= day <= b for a, b in s.pauses)


def snoozed(w: World, s: Spec, day: date) -> bool:
    return day in w.rest_days or day in s.snoozed


def week_of(w: World, day: date) -> date:
    while day.weekday() != w.week_start:
        day -= ONE
    return day


def week_status(w: World, s: Spec, first: date) -> str:
    """met, frozen or open, for the quota week starting on `first`."""
    days = [first + timedelta(days=i) for i in range(7)]
    done = sum(1 for d in days if d in s.done)
    # Unavailable: before the start, from the archive date, snoozed or paused
    # (a day checked in is done, whatever else it was).
    available = sum(1 for d in days if d in s.done or (in_life(s, d) and not paused(s, d) and not snoozed(w, s, d)))
    needed = min(s.quota, available)
    if available == 0 and done == 0:
        return "frozen"
    return "met" if done >= needed else "open"


def available_days(w: World, s: Spec, first: date) -> list[date]:
    """The days of a quota week it could be met on (the whole week, in order)."""
    days = [first + timedelta(days=i) for i in range(7)]
    return [d for d in days if d in s.done or (in_life(s, d) and not paused(s, d) and not snoozed(w, s, d))]


def quota_due(w: World, s: Spec, day: date) -> bool:
    """Due: the available days left in the week, this one included, are no
    more than the check-ins still needed (those before this day counted)."""
    first = week_of(w, day)
    days = available_days(w, s, first)
    needed = min(s.quota, len(days))
    still = needed - sum(1 for d in s.done if first <= d < day)
    return still > 0 and sum(1 for d in days if d >= day) <= still


def state(w: World, s: Spec, day: date) -> str:
    if day in s.done:
        return "done"
    if not in_life(s, day) or not occurs(s, day):
        return "off"
    if s.kind == "quota" and week_status(w, s, week_of(w, day)) == "met":
        return "off"
    if paused(s, day):
        return "paused"
    if snoozed(w, s, day):
        return "snoozed"
    if s.kind == "quota":
        if day < w.today:
            # A missed week shows on its last available day; earlier days are off.
            return "missed" if day == available_days(w, s, week_of(w, day))[-1] else "off"
        if not quota_due(w, s, day):
            return "open"
    if day == w.today:
        return "pending"
    if day > w.today:
        return "upcoming"
    return "missed"


def scheduled(s: Spec, day: date) -> bool:
    return in_life(s, day) and occurs(s, day)


def day_step(w: World, s: Spec, day: date) -> str:
    st_ = state(w, s, day)
    if st_ == "done":
        return "count" if scheduled(s, day) else "skip"
    return "break" if st_ == "missed" else "skip"


def week_step(w: World, s: Spec, first: date) -> str:
    status = week_status(w, s, first)
    if status == "met":
        return "count"
    if status == "frozen" or first + timedelta(days=6) >= w.today:
        return "skip"  # frozen, in progress, or still to come
    return "break"


def steps_back(w: World, s: Spec, as_of: date) -> list[str]:
    if s.kind == "quota":
        out, week = [], week_of(w, as_of)
        while week + timedelta(days=6) >= s.start:
            out.append(week_step(w, s, week))
            week -= timedelta(days=7)
        return out
    out, day = [], as_of
    while day >= s.start:
        out.append(day_step(w, s, day))
        day -= ONE
    return out


def streak_back(steps: list[str]) -> int:
    count = 0
    for step in steps:
        if step == "break":
            break
        count += step == "count"
    return count


def longest_run(steps_forward: list[str]) -> int:
    runs = [0]
    for step in steps_forward:
        if step == "break":
            runs.append(0)
        elif step == "count":
            runs[-1] += 1
    return max(runs)


def ref_current(w: World, s: Spec, as_of: date) -> int:
    return streak_back(steps_back(w, s, as_of))


def ref_break(w: World, s: Spec, as_of: date) -> date | None:
    """The day (or week) of the first break going back from `as_of`."""
    steps = steps_back(w, s, as_of)
    if "break" not in steps:
        return None
    i = steps.index("break")
    return week_of(w, as_of) - timedelta(days=7 * i) if s.kind == "quota" else as_of - timedelta(days=i)


def ref_best(w: World, s: Spec) -> int:
    return longest_run(list(reversed(steps_back(w, s, w.today))))


def ref_misses(w: World, s: Spec) -> int:
    misses = 0
    for step in steps_back(w, s, w.today):
        if step == "count":
            break
        misses += step == "break"
    return misses


def routine_step(w: World, day: date) -> str:
    if day in w.rest_days:
        return "skip"
    # Every habit, a quota one on its due days only (docs/architecture.md, "Weekly quotas"): a check-in
    # on a day it was not due neither adds nor breaks.
    states = [(s, state(w, s, day)) for s in w.specs]
    if any(st_ == "missed" for _, st_ in states):
        return "break"
    due = [
        st_
        for s, st_ in states
        if st_ not in ("off", "paused", "snoozed", "open")
        and (st_ != "done" or (scheduled(s, day) and (s.kind != "quota" or quota_due(w, s, day))))
    ]
    if not due:
        return "skip"
    if any(st_ in ("pending", "upcoming") for st_ in due):
        return "skip"
    return "count"


def ref_routine(w: World, as_of: date) -> tuple[int, int]:
    back = []
    day = as_of
    while day >= BASE:
        back.append(routine_step(w, day))
        day -= ONE
    forward = []
    day = BASE
    while day <= w.today:
        forward.append(routine_step(w, day))
        day += ONE
    return streak_back(back), longest_run(forward)


# ------------------------------------------------------------------ properties

SETTINGS = settings(max_examples=200, deadline=None)


@SETTINGS
@given(worlds())
def test_day_states_match_the_reference(w: World) -> None:
    journal = w.journal()
    for log, s in zip(journal.logs, w.specs, strict=True):
        for n in range(SPAN + 7):
            day = at(n)
            assert str(day_state(journal, log, day, w.today)) == state(w, s, day), (s.kind, day)


@SETTINGS
@given(worlds())
def test_current_and_best_streaks_match_the_reference(w: World) -> None:
    journal = w.journal()
    for log, s in zip(journal.logs, w.specs, strict=True):
        assert current_streak(journal, log, w.today) == ref_current(w, s, w.today), s.kind
        streak = habit_streak(journal, log, w.today)
        assert (streak.current, streak.best) == (ref_current(w, s, w.today), ref_best(w, s)), s.kind
        assert current_streak(journal, log, w.today, as_of=w.as_of) == ref_current(w, s, w.as_of)


@SETTINGS
@given(worlds())
def test_best_is_never_below_current(w: World) -> None:
    journal = w.journal()
    for log in journal.logs:
        assert habit_streak(journal, log, w.today).best >= current_streak(journal, log, w.today)


@SETTINGS
@given(worlds())
def test_recent_misses_match_the_reference(w: World) -> None:
    journal = w.journal()
    for log, s in zip(journal.logs, w.specs, strict=True):
        assert habit_streak(journal, log, w.today).misses == ref_misses(w, s), s.kind


@SETTINGS
@given(worlds())
def test_routine_streak_matches_the_reference(w: World) -> None:
    journal = w.journal()
    current, best = routine_streak(journal, w.today)
    assert (current, best) == ref_routine(w, w.today)
    as_of_current, as_of_best = routine_streak(journal, w.today, as_of=w.as_of)
    assert as_of_current == ref_routine(w, w.as_of)[0]
    assert as_of_best == best


@SETTINGS
@given(worlds())
def test_run_break_matches_the_reference(w: World) -> None:
    journal = w.journal()
    for log, s in zip(journal.logs, w.specs, strict=True):
        assert run_break(journal, log, w.today, as_of=w.as_of) == ref_break(w, s, w.as_of), s.kind


@SETTINGS
@given(worlds())
def test_reach_back_is_the_run_break_or_the_last_runs_start(w: World) -> None:
    # exact_from's one walk: the miss that ended the streak, or at 0 the one before the last run.
    journal = w.journal()
    for log in journal.logs:
        if current_streak(journal, log, w.today, as_of=w.as_of):
            expected = run_break(journal, log, w.today, as_of=w.as_of)
        else:
            expected = last_run(journal, log, w.today, as_of=w.as_of)[1]
        assert reach_back(journal, log, w.today, as_of=w.as_of) == expected


def read_from(w: World, since: date) -> World:
    """The world as a journal read from `since` sees it: earlier check-ins,
    snoozes and pauses are not there."""
    specs = tuple(
        replace(
            s,
            done=frozenset(d for d in s.done if d >= since),
            snoozed=frozenset(d for d in s.snoozed if d >= since),
            pauses=tuple((a, b) for a, b in s.pauses if b >= since),
        )
        for s in w.specs
    )
    return replace(w, specs=specs, rest_days=frozenset(d for d in w.rest_days if d >= since))


@SETTINGS
@given(worlds(), st.integers(0, SPAN), st.booleans())
def test_a_checklist_said_exact_from_a_day_is_the_whole_record_s(w: World, n: int, with_streaks: bool) -> None:
    # `today` and `nag` read recent history first and trust it only when
    # exact_from says so: then it must give what the whole record gives.
    since = at(n)
    part = read_from(w, since).journal()
    if exact_from(part, w.as_of, w.today, since, with_streaks):
        full = checklist(w.journal(), w.as_of, w.today, with_streaks)
        seen = checklist(part, w.as_of, w.today, with_streaks)
        assert seen.rest_day == full.rest_day
        assert [(i.log.habit.id, i.state, i.streak, i.last_run) for i in seen.items] == [
            (i.log.habit.id, i.state, i.streak, i.last_run) for i in full.items
        ]


@SETTINGS
@given(worlds())
def test_a_checklist_is_always_exact_from_the_first_day(w: World) -> None:
    assert exact_from(w.journal(), w.as_of, w.today, BASE - timedelta(days=7))
