"""A habit's prescription and plan through the gate (docs/architecture.md, "Prescriptions and plans"; issue 12).

The limits live in rehab_tui/domain/rules.py (check_prescription): sets 1-20,
reps 1-100, a hold and the rest between sets 1-600 s; a minimum dose's own
sets and hold fit inside the full dose's. They are tried here through the
store (Store.add_habit / edit_habit) and the command line (`rehab habit add /
edit`), where a number 0 means "clear it".

The command-line runs act on Saturday 2026-11-21; the database is the default
routine made on 2026-10-01 (cli_helpers.new_db).
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

import pytest
from cli_helpers import assert_error, assert_usage_error, dump, habit_row, new_db, ok, run
from domain_helpers import make_log
from hypothesis import given, settings
from hypothesis import strategies as st

from rehab_tui.domain.errors import RehabError
from rehab_tui.domain.prescription import Prescription
from rehab_tui.domain.rules import check_prescription
from rehab_tui.store import Store

TODAY = date(2026, 11, 21)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


@pytest.fixture
def store(db: Path):
    opened = Store.open(db, TODAY)
    yield opened
    opened.close()


def listed(db: Path, slug: str) -> dict:
    return next(h for h in ok(db, "habit", "list", "--json").json if h["slug"] == slug)


# ------------------------------------------------------------ the bounds, store


#: Each number field, its lowest and highest accepted value.
BOUNDS = {"sets": (1, 20), "reps": (1, 100), "hold": (1, 600), "rest": (1, 600)}


@pytest.mark.parametrize("field", list(BOUNDS))
def test_the_edges_of_each_range_are_accepted_by_the_store(store: Store, field: str) -> None:
    low, high = BOUNDS[field]
    for n, value in enumerate((low, high)):
        added = store.add_habit(f"Edge {field} {n}", "daily", TODAY, prescription=Prescription(**{field: value}))
        assert getattr(store.habit(added.id).prescription, field) == value


@pytest.mark.parametrize("field", list(BOUNDS))
def test_one_past_each_edge_is_refused_by_the_store_and_nothing_is_written(store: Store, db: Path, field: str) -> None:
    low, high = BOUNDS[field]
    before = dump(db)
    for value in (low - 1, high + 1):
        with pytest.raises(RehabError, match=f"goes from {low} to {high}"):
            store.add_habit("Too much", "daily", TODAY, prescription=Prescription(**{field: value}))
    assert dump(db) == before


def test_an_edit_past_an_edge_is_refused_and_the_habit_keeps_its_prescription(store: Store, db: Path) -> None:
    plank = next(h for h in store.habits() if h.slug == "plank-hip-dips")
    before = dump(db)
    for field, value in (("sets", 21), ("reps", 101), ("hold", 601), ("rest", 601), ("sets", 0), ("rest", -1)):
        with pytest.raises(RehabError):
            store.edit_habit(plank.id, TODAY, prescription={field: value})
    assert dump(db) == before
    assert store.habit(plank.id).prescription == plank.prescription


def test_a_minimum_hold_needs_a_hold_at_least_as_long(store: Store) -> None:
    with pytest.raises(RehabError, match="hold needs a hold at least as long"):
        store.add_habit("No hold", "daily", TODAY, prescription=Prescription(min_hold=10))
    with pytest.raises(RehabError, match="hold needs a hold at least as long"):
        store.add_habit("Short hold", "daily", TODAY, prescription=Prescription(hold=30, min_hold=31))
    same = store.add_habit("Same hold", "daily", TODAY, prescription=Prescription(hold=30, min_hold=30))
    assert same.prescription.min_hold == 30


def test_minimum_sets_need_as_many_sets_or_more(store: Store) -> None:
    with pytest.raises(RehabError, match="sets need as many sets or more"):
        store.add_habit("No sets", "daily", TODAY, prescription=Prescription(min_sets=1))
    with pytest.raises(RehabError, match="sets need as many sets or more"):
        store.add_habit("Few sets", "daily", TODAY, prescription=Prescription(sets=2, min_sets=3))
    same = store.add_habit("Same sets", "daily", TODAY, prescription=Prescription(sets=3, min_sets=3))
    assert same.prescription.min_sets == 3


def test_clearing_the_hold_under_a_minimum_hold_is_refused(store: Store) -> None:
    # The lacrosse ball release holds 90 s with a 30 s minimum: the minimum
    # cannot be left holding a hold that is gone.
    ball = next(h for h in store.habits() if h.slug == "lacrosse-ball-glute-release")
    with pytest.raises(RehabError, match="hold needs a hold"):
        store.edit_habit(ball.id, TODAY, prescription={"hold": None})
    assert store.habit(ball.id).prescription.hold == 90


@settings(max_examples=300, deadline=None)
@given(
    sets=st.one_of(st.none(), st.integers(-3, 25)),
    reps=st.one_of(st.none(), st.integers(-3, 105)),
    hold=st.one_of(st.none(), st.integers(-3, 605)),
    rest=st.one_of(st.none(), st.integers(-3, 605)),
    min_sets=st.one_of(st.none(), st.integers(1, 20)),
    min_hold=st.one_of(st.none(), st.integers(1, 600)),
)
def test_the_gate_refuses_exactly_what_breaks_a_rule(sets, reps, hold, rest, min_sets, min_hold) -> None:
    p = Prescription(sets=sets, reps=reps, hold=hold, rest=rest, min_sets=min_sets, min_hold=min_hold)
    in_range = all(
        v is None or low <= v <= high for v, (low, high) in zip((sets, reps, hold, rest), BOUNDS.values(), strict=False)
    )
    minimum_fits = (min_hold is None or (hold is not None and min_hold <= hold)) and (
        min_sets is None or (sets is not None and min_sets <= sets)
    )
    if in_range and minimum_fits:
        checked = check_prescription(p)
        assert checked == p
        assert check_prescription(checked) == checked
        assert "None" not in checked.words() + checked.minimum_words()
    else:
        with pytest.raises(RehabError):
            check_prescription(p)


# -------------------------------------------------------------- the bounds, CLI


def test_habit_add_takes_every_field_at_its_edge(db: Path) -> None:
    ok(
        db,
        "habit",
        "add",
        "Calf raises",
        "--sets",
        "20",
        "--reps",
        "100",
        "--hold",
        "600",
        "--rest",
        "600",
        "--min-sets",
        "20",
        "--min-hold",
        "600",
    )
    row = habit_row(db, "calf-raises")
    assert (row["sets"], row["reps"], row["hold_s"], row["rest_s"], row["min_sets"], row["min_hold_s"]) == (
        20,
        100,
        600,
        600,
        20,
        600,
    )
    ok(db, "habit", "add", "Toe yoga", "--sets", "1", "--reps", "1", "--hold", "1", "--rest", "1")
    row = habit_row(db, "toe-yoga")
    assert (row["sets"], row["reps"], row["hold_s"], row["rest_s"]) == (1, 1, 1, 1)


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--sets", "21", "sets goes from 1 to 20 (21 given)"),
        ("--reps", "101", "reps goes from 1 to 100 (101 given)"),
        ("--hold", "601", "a hold goes from 1 to 600 seconds (601 given)"),
        ("--rest", "601", "rest between sets goes from 1 to 600 seconds (601 given)"),
        ("--min-sets", "21", "min sets goes from 1 to 20 (21 given)"),
        ("--min-hold", "601", "a minimum hold goes from 1 to 600 seconds (601 given)"),
    ],
)
def test_habit_add_past_an_edge_is_one_error_line_and_writes_nothing(
    db: Path, option: str, value: str, words: str
) -> None:
    before = dump(db)
    assert_error(run(db, "habit", "add", "Calf raises", "--sets", "3", option, value), contains=words)
    assert dump(db) == before


def test_a_negative_number_is_a_usage_error_and_writes_nothing(db: Path) -> None:
    before = dump(db)
    assert_usage_error(run(db, "habit", "add", "Calf raises", "--sets", "-1"), contains="-1")
    assert dump(db) == before


def test_zero_on_habit_add_means_no_value(db: Path) -> None:
    ok(db, "habit", "add", "Calf raises", "--sets", "0", "--reps", "10")
    row = habit_row(db, "calf-raises")
    assert (row["sets"], row["reps"]) == (None, 10)


def test_habit_edit_hold_0_clears_the_hold(db: Path) -> None:
    ok(db, "habit", "edit", "stick", "--hold", "0")
    assert habit_row(db, "stick-rolling")["hold_s"] is None
    assert listed(db, "stick-rolling")["prescription"]["hold"] is None
    # The rest of the prescription stays.
    assert listed(db, "stick-rolling")["prescription"]["sides"] is True
    assert listed(db, "stick-rolling")["prescribed"] == "each side"


def test_habit_edit_clears_each_number_with_0_and_sides_with_no_sides(db: Path) -> None:
    ok(
        db,
        "habit",
        "edit",
        "plank",
        "--sets",
        "0",
        "--min-sets",
        "0",
        "--reps",
        "0",
        "--rest",
        "0",
        "--no-sides",
        "--min",
        "",
    )
    p = listed(db, "plank-hip-dips")["prescription"]
    assert p == {
        "sets": None,
        "reps": None,
        "hold": None,
        "sides": False,
        "rest": None,
        "min_text": "",
        "min_sets": None,
        "min_hold": None,
    }
    assert listed(db, "plank-hip-dips")["prescribed"] == ""


def test_habit_edit_past_an_edge_is_refused_and_changes_nothing(db: Path) -> None:
    before = dump(db)
    assert_error(run(db, "habit", "edit", "plank", "--reps", "101"), contains="reps goes from 1 to 100")
    assert_error(run(db, "habit", "edit", "plank", "--min-sets", "4"), contains="as many sets or more")
    assert_error(run(db, "habit", "edit", "lacrosse", "--min-hold", "91"), contains="at least as long")
    assert_error(run(db, "habit", "edit", "lacrosse", "--hold", "0"), contains="at least as long")
    assert dump(db) == before


def test_a_minimum_on_the_command_line_needs_its_full_dose(db: Path) -> None:
    before = dump(db)
    assert_error(run(db, "habit", "add", "Wall sit", "--min-hold", "20"), contains="--hold")
    assert_error(run(db, "habit", "add", "Wall sit", "--hold", "19", "--min-hold", "20"), contains="--hold")
    assert_error(run(db, "habit", "add", "Wall sit", "--min-sets", "1"), contains="--sets")
    assert dump(db) == before
    ok(db, "habit", "add", "Wall sit", "--sets", "2", "--hold", "20", "--min-hold", "20", "--min-sets", "2")
    row = habit_row(db, "wall-sit")
    assert (row["min_sets"], row["min_hold_s"]) == (2, 20)


# ------------------------------------------------------------------- the plan


def test_when_of_100_characters_is_kept_and_of_101_refused(db: Path) -> None:
    ok(db, "habit", "add", "Calf raises", "--when", "w" * 100)
    assert habit_row(db, "calf-raises")["intention"] == "w" * 100
    before = dump(db)
    assert_error(run(db, "habit", "add", "Toe yoga", "--when", "w" * 101), contains="at most 100 characters")
    assert_error(run(db, "habit", "edit", "calf", "--when", "w" * 101), contains="at most 100 characters")
    assert dump(db) == before


@pytest.mark.parametrize("text", ["after\ncoffee", "after\tcoffee", "after\x1b[31mcoffee", "after\u2028coffee"])
def test_when_with_a_control_character_is_refused(db: Path, text: str) -> None:
    before = dump(db)
    assert_error(run(db, "habit", "add", "Calf raises", "--when", text), contains="control characters")
    assert_error(run(db, "habit", "edit", "plank", "--when", text), contains="control characters")
    assert dump(db) == before


def test_a_minimum_dose_text_with_a_line_break_or_too_long_is_refused(db: Path) -> None:
    before = dump(db)
    assert_error(run(db, "habit", "edit", "plank", "--min", "one\nset"), contains="control characters")
    assert_error(run(db, "habit", "edit", "plank", "--min", "x" * 101), contains="at most 100 characters")
    assert dump(db) == before


def test_when_is_trimmed_and_an_empty_when_clears_it(db: Path) -> None:
    ok(db, "habit", "edit", "plank", "--when", "  after the long run  ")
    assert listed(db, "plank-hip-dips")["when"] == "after the long run"
    ok(db, "habit", "edit", "plank", "--when", "")
    assert listed(db, "plank-hip-dips")["when"] == ""


def test_habit_list_json_carries_the_plan_and_the_prescription(db: Path) -> None:
    ok(
        db,
        "habit",
        "add",
        "Calf raises",
        "--sets",
        "3",
        "--reps",
        "15",
        "--hold",
        "2",
        "--sides",
        "--rest",
        "45",
        "--min",
        "one set, slowly",
        "--min-sets",
        "1",
        "--when",
        "while the kettle boils",
    )
    entry = listed(db, "calf-raises")
    assert entry["when"] == "while the kettle boils"
    assert entry["prescription"] == {
        "sets": 3,
        "reps": 15,
        "hold": 2,
        "sides": True,
        "rest": 45,
        "min_text": "one set, slowly",
        "min_sets": 1,
        "min_hold": None,
    }
    assert entry["prescribed"] == "3 × 15 each side · hold 2 s · rest 45 s"
    assert entry["minimum"] == "one set, slowly"
    # A habit with none has empty words, not nulls.
    acupuncture = listed(db, "acupuncture")
    assert (acupuncture["prescribed"], acupuncture["minimum"]) == ("", "")
    assert acupuncture["prescription"] == asdict(Prescription())


def test_habit_add_says_the_plan_it_stored(db: Path) -> None:
    said = ok(
        db,
        "habit",
        "add",
        "Calf raises",
        "--sets",
        "3",
        "--reps",
        "12",
        "--sides",
        "--rest",
        "30",
        "--when",
        "after coffee",
    ).out
    assert said.rstrip().endswith("[3 × 12 each side · rest 30 s · after coffee]")


# ------------------------------------------------------------------ the words


@pytest.mark.parametrize(
    ("prescription", "words"),
    [
        (Prescription(sets=3, reps=12, sides=True, rest=30), "3 × 12 each side · rest 30 s"),
        (Prescription(hold=45, sides=True), "hold 45 s each side"),
        (Prescription(sets=3, hold=30, rest=20), "3 × 30 s hold · rest 20 s"),
        (Prescription(sets=3, reps=10, hold=5), "3 × 10 · hold 5 s"),
        # One set has nothing to rest between.
        (Prescription(sets=1, reps=10, rest=30), "1 × 10"),
        (Prescription(sets=3), "3 sets"),
        (Prescription(sets=1), "1 set"),
        (Prescription(reps=12), "12 reps"),
        (Prescription(sides=True), "each side"),
        (Prescription(), ""),
    ],
)
def test_the_words_of_a_prescription(prescription: Prescription, words: str) -> None:
    assert prescription.words() == words


@pytest.mark.parametrize(
    ("prescription", "words"),
    [
        (Prescription(sets=3, reps=12, sides=True, rest=30, min_sets=1), "1 × 12 each side"),
        (Prescription(hold=90, sides=True, min_hold=30), "1 × 30 s hold each side"),
        (Prescription(sets=3, hold=30, rest=20, min_sets=2, min_hold=15), "2 × 15 s hold"),
        (Prescription(sets=3, reps=10, hold=5, min_hold=3), "1 × 10 · hold 3 s"),
        # The user's own words win over the numbers.
        (Prescription(sets=3, reps=15, min_text="one round", min_sets=1), "one round"),
        (Prescription(sets=3, reps=15), ""),
    ],
)
def test_the_words_of_a_minimum_dose(prescription: Prescription, words: str) -> None:
    assert prescription.minimum_words() == words


def test_the_minimum_a_session_runs() -> None:
    full = Prescription(sets=3, reps=12, hold=5, sides=True, rest=30, min_text="one set", min_hold=3)
    assert full.minimum() == Prescription(sets=1, reps=12, hold=3, sides=True, rest=30)
    assert Prescription(sets=3, hold=60, min_sets=2).minimum() == Prescription(sets=2, hold=60)
    assert Prescription(hold=60).minimum() == Prescription(hold=60)
    # A minimum in words alone is not the full hold again: one untimed step.
    words_only = Prescription(hold=60, sides=True, min_text="one slow pass each leg")
    assert words_only.minimum() == Prescription()
    assert Prescription(hold=60, min_text="30 s", min_hold=30).minimum() == Prescription(hold=30)


def test_a_habits_plan_words_join_prescription_minimum_and_when() -> None:
    habit = replace(
        make_log(start=TODAY).habit,
        when="before my shower",
        prescription=Prescription(sets=3, reps=12, sides=True, rest=30, min_sets=1),
    )
    assert habit.plan_words() == "3 × 12 each side · rest 30 s · before my shower"
    assert habit.plan_words(with_minimum=True) == (
        "3 × 12 each side · rest 30 s · at least 1 × 12 each side · before my shower"
    )
    assert replace(habit, prescription=Prescription()).plan_words(with_minimum=True) == "before my shower"
    assert replace(habit, when="").plan_words() == "3 × 12 each side · rest 30 s"
    assert replace(habit, when="", prescription=Prescription()).plan_words(with_minimum=True) == ""


# -------------------------------------------------------------- the checklist


def test_the_checklist_shows_the_plan_under_a_pending_item_until_it_is_done(db: Path) -> None:
    ok(
        db,
        "habit",
        "add",
        "Calf raises",
        "--sets",
        "3",
        "--reps",
        "12",
        "--sides",
        "--rest",
        "30",
        "--min",
        "one set",
        "--when",
        "while the kettle boils",
        "--cue",
        "Slow on the way down",
    )
    lines = ok(db, "today").lines
    at = next(i for i, line in enumerate(lines) if "Calf raises" in line)
    assert lines[at].lstrip().startswith("[ ]")
    assert lines[at + 1].strip() == "3 × 12 each side · rest 30 s · at least one set · while the kettle boils"
    assert lines[at + 2].strip() == "Slow on the way down"

    ok(db, "done", "calf")
    lines = ok(db, "today").lines
    at = next(i for i, line in enumerate(lines) if "Calf raises" in line)
    assert lines[at].lstrip().startswith("[x]")
    # Done, the item stands alone: no plan, no cue under it.
    assert lines[at + 1 :] == []  # it is the last habit in the list


def test_the_checklist_plan_follows_an_edit(db: Path) -> None:
    ok(db, "habit", "edit", "plank", "--sets", "4", "--min-sets", "2", "--when", "after the run")
    text = ok(db, "today").out
    assert "4 × 12 each side · rest 30 s · at least 2 × 12 each side · after the run" in text
    assert "before my shower" not in text
