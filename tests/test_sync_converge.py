"""Three machines that write while apart and sync in any order, any subset,
end with the same file (issue 24, "Must show"; docs/architecture.md, "Sync").

Each replica is a real rehab file written only through the store's public
write methods (the gate); a command the gate refuses is skipped, as the app
or a command would refuse it. After a random run, every replica syncs in two
full rounds: every export is then identical (apart from its time) and
`rehab check` finds nothing wrong in any of the files."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehab_tui.domain.errors import RehabError
from rehab_tui.domain.prescription import Dose, Prescription
from rehab_tui.formats.export import export_data
from rehab_tui.store import Store
from rehab_tui.store.health import check_database
from rehab_tui.sync import engine

START = date(2026, 11, 1)
TODAY = date(2026, 11, 21)
NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
NAMES = ("laptop", "desktop", "work")


class Replicas:
    """Three files syncing through one folder; the first made the routine."""

    def __init__(self, root: Path) -> None:
        self.today = TODAY
        folder = root / "shared"
        self.stores = [Store.open(root / f"{name}.db", TODAY, example=False) for name in NAMES]
        first = self.stores[0]
        first.add_habit(
            "Calf raises", "daily", TODAY, start=START, prescription=Prescription(sets=3, reps=15, min_text="one set")
        )
        first.add_habit("Plank", "mon,wed,fri", TODAY, start=START, cue="after coffee")
        first.add_habit("Foam roll", "every 2 days", TODAY, start=START)
        for store, name in zip(self.stores, NAMES, strict=True):
            engine.init(store, folder, TODAY, NOW, name=name)

    def close(self) -> None:
        for store in self.stores:
            store.close()

    def sync(self, replica: int) -> engine.Outcome:
        return engine.sync(self.stores[replica], self.today, NOW)

    def settle(self) -> None:
        """Two full rounds: each replica has then seen every other's last state."""
        for _ in range(2):
            for replica in range(len(self.stores)):
                self.sync(replica)

    def habit_id(self, replica: int, pick: int) -> int | None:
        """A habit picked the same way on any machine (by slug, not by row id)."""
        habits = sorted(self.stores[replica].habits(), key=lambda h: h.slug)
        return habits[pick % len(habits)].id if habits else None

    def export(self, replica: int) -> dict:
        data = export_data(self.stores[replica].contents())
        data.pop("exported_at")
        return data

    def problems(self, replica: int) -> list[str]:
        store = self.stores[replica]
        return check_database(store.db, store.path)


@contextmanager
def replicas() -> Iterator[Replicas]:
    with tempfile.TemporaryDirectory(prefix="rehab-converge-") as root:
        made = Replicas(Path(root))
        try:
            yield made
        finally:
            made.close()


# ------------------------------------------------------------ the commands

replica = st.integers(0, 2)
pick = st.integers(0, 5)
past = st.integers(0, 12)  # days before today
ahead = st.integers(-6, 3)  # a snooze's day: before today, or a little ahead
texts = st.sampled_from(["", "easy", "sore calf", "felt good"])
areas = st.sampled_from(["left calf", "right knee", "Left Calf"])
schedules = st.sampled_from(["daily", "tue,fri", "every 3 days", "2/week", "weekdays"])

commands = st.one_of(
    st.tuples(st.just("sync"), replica),
    st.tuples(st.just("tick"), replica, pick, past, st.booleans(), st.none() | texts),
    st.tuples(st.just("undo"), replica, pick, past),
    st.tuples(st.just("note"), replica, pick, past, texts),
    st.tuples(st.just("snooze"), replica, st.none() | pick, ahead, st.none() | areas, st.none() | st.integers(0, 10)),
    st.tuples(st.just("unsnooze"), replica, st.none() | pick, ahead),
    st.tuples(st.just("pause"), replica, pick, st.integers(0, 3), st.integers(0, 6)),
    st.tuples(st.just("resume"), replica, pick),
    st.tuples(st.just("schedule"), replica, pick, schedules, st.none() | past),
    st.tuples(st.just("cue"), replica, pick, texts),
    st.tuples(st.just("minimum"), replica, pick, texts),
    st.tuples(st.just("rename"), replica, pick, st.sampled_from(["Plank", "Side plank", "Bridges"])),
    st.tuples(st.just("move"), replica, pick, st.integers(1, 4)),
    st.tuples(st.just("delete"), replica, pick),
    st.tuples(st.just("add"), replica, st.sampled_from(["Bridges", "Clamshells", "Plank"]), schedules),
    st.tuples(st.just("pain"), replica, past, areas, st.integers(0, 10), st.none() | texts),
    st.tuples(
        st.just("remind"),
        replica,
        st.none() | pick,
        st.sampled_from(["07:30", "18:00"]),
        st.sampled_from([None, "mon,thu"]),
    ),
    st.tuples(st.just("unremind"), replica, pick),
    st.tuples(st.just("next day"), replica),
)


def run(r: Replicas, command: tuple) -> None:
    """One command on one replica; one the gate refuses is skipped."""
    what, at, *args = command
    store, today = r.stores[at], r.today
    if what == "sync":
        r.sync(at)
        return
    if what == "next day":  # every machine's clock moves on together
        r.today += timedelta(days=1)
        return
    if what == "add":
        name, schedule = args
        attempt(store.add_habit, name, schedule, today)
        return
    if what == "pain":
        back, area, pain, note = args
        attempt(store.record_pain, today - timedelta(days=back), area, pain, today, note)
        return
    if what == "unremind":
        held = store.reminders()
        if held:
            attempt(store.remove_reminder, held[args[0] % len(held)].id)
        return
    if what in ("snooze", "unsnooze", "remind") and args[0] is None:
        habit = None
    else:
        habit = r.habit_id(at, args[0])
        if habit is None:
            return
    if what == "tick":
        _, back, minimum, note = args
        attempt(store.check_in, [habit], today - timedelta(days=back), today, note, Dose.MIN if minimum else Dose.FULL)
    elif what == "undo":
        attempt(store.undo, [habit], today - timedelta(days=args[1]))
    elif what == "note":
        attempt(store.set_note, habit, today - timedelta(days=args[1]), args[2])
    elif what == "snooze":
        _, shift, area, pain = args
        attempt(store.snooze, today + timedelta(days=shift), today, habit, "sore", area, pain if area else None)
    elif what == "unsnooze":
        attempt(store.unsnooze, today + timedelta(days=args[1]), habit)
    elif what == "pause":
        _, start, length = args
        first = today + timedelta(days=start)
        attempt(store.pause, habit, first + timedelta(days=length), today=today, start=first)
    elif what == "resume":
        attempt(store.resume, habit, today)
    elif what == "schedule":
        _, schedule, back = args
        since = None if back is None else today - timedelta(days=back)
        attempt(store.edit_habit, habit, today, schedule=schedule, since=since)
    elif what == "cue":
        attempt(store.edit_habit, habit, today, cue=args[1])
    elif what == "minimum":
        attempt(store.edit_habit, habit, today, prescription={"min_text": args[1]})
    elif what == "rename":
        attempt(store.edit_habit, habit, today, name=args[1])
    elif what == "move":
        attempt(store.move_habit, habit, args[1])
    elif what == "remind":
        attempt(store.add_reminder, args[1], args[2], None, habit)
    elif what == "delete":
        attempt(store.delete_habit, habit, keep_copy=True)


def attempt(write, *args, **kwargs) -> None:  # noqa: ANN001 - any gate method
    try:
        write(*args, **kwargs)
    except RehabError:
        pass


def converges(steps: list[tuple]) -> None:
    with replicas() as r:
        for step in steps:
            run(r, step)
        r.settle()
        first = r.export(0)
        for other in (1, 2):
            assert r.export(other) == first, f"{NAMES[other]} differs from {NAMES[0]}"
        for each in range(3):
            assert r.problems(each) == [], NAMES[each]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(commands, max_size=30))
def test_replicas_converge(steps):
    converges(steps)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(commands, min_size=20, max_size=60))
def test_replicas_converge_at_length(steps):
    converges(steps)


# ------------------------------------------------- merges pinned by example


def ids(r: Replicas, slug: str) -> list[int]:
    """The row id of a habit on each replica (None where it is not held)."""
    return [next((h.id for h in store.habits() if h.slug == slug), None) for store in r.stores]


def test_a_deleted_tick_and_a_note_written_elsewhere_end_the_same():
    with replicas() as r:
        day = TODAY - timedelta(days=2)
        calf = ids(r, "calf-raises")
        r.stores[0].check_in([calf[0]], day, TODAY)
        r.settle()
        r.stores[1].undo([calf[1]], day)
        r.stores[2].set_note(calf[2], day, "felt good")
        r.sync(1)
        r.sync(2)
        r.settle()
        first = r.export(0)
        assert r.export(1) == first == r.export(2)
        # The engine keeps a value set while another machine took the key away.
        calf_raises = next(h for h in first["habits"] if h["slug"] == "calf-raises")
        assert (calf_raises["checkins"], calf_raises["notes"]) == ([day.isoformat()], {day.isoformat(): "felt good"})


def test_one_field_changed_on_two_machines_ends_equal_and_is_named():
    with replicas() as r:
        plank = ids(r, "plank")
        r.stores[0].edit_habit(plank[0], TODAY, cue="before bed")
        r.stores[1].edit_habit(plank[1], TODAY, cue="at lunch")
        assert not r.sync(0).conflicts  # nothing else changed it yet
        second = r.sync(1)
        r.settle()
        cues = {next(h.cue for h in store.habits() if h.slug == "plank") for store in r.stores}
        assert len(cues) == 1 and cues <= {"before bed", "at lunch"}
        assert r.export(0) == r.export(1) == r.export(2)
        named = {c["key"]: c for c in second.conflicts}
        assert named["habit/plank/cue"]["mine"] == '"at lunch"'
        assert named["habit/plank/cue"]["theirs"] == '"before bed"'
        assert named["habit/plank/cue"]["kept"] == f'"{cues.pop()}"'


def test_a_habit_deleted_on_one_machine_and_edited_on_another_is_deleted():
    with replicas() as r:
        plank = ids(r, "plank")
        r.stores[0].delete_habit(plank[0], keep_copy=True)
        r.stores[1].edit_habit(plank[1], TODAY, cue="at lunch", schedule="daily", since=TODAY)
        r.sync(0)
        r.sync(1)
        r.settle()
        assert ids(r, "plank") == [None, None, None]
        assert r.export(0) == r.export(1) == r.export(2)
        assert [r.problems(i) for i in range(3)] == [[], [], []]


def test_one_habit_added_on_two_machines_is_one_habit():
    with replicas() as r:
        r.stores[0].add_habit("Bridges", "daily", TODAY)
        r.stores[1].add_habit("Bridges", "tue,fri", TODAY, cue="after the run")
        r.sync(0)
        r.sync(1)
        r.settle()
        for store in r.stores:
            assert [h.slug for h in store.habits()].count("bridges") == 1
        assert r.export(0) == r.export(1) == r.export(2)


def test_habits_added_apart_at_the_same_position_show_in_one_order():
    with replicas() as r:
        r.stores[0].add_habit("Bridges", "daily", TODAY)
        r.stores[1].add_habit("Clamshells", "daily", TODAY)
        r.sync(0)
        r.sync(1)
        r.settle()
        orders = [[h.slug for h in store.habits()] for store in r.stores]
        assert orders[0] == orders[1] == orders[2]
        assert r.export(0) == r.export(1) == r.export(2)


def test_readings_of_one_day_from_two_machines_show_in_one_order():
    with replicas() as r:
        day = TODAY - timedelta(days=1)
        r.stores[1].record_pain(day, "right knee", 2, TODAY)
        r.stores[0].record_pain(day, "left calf", 3, TODAY)
        r.sync(0)
        r.sync(1)
        r.settle()
        assert r.export(0) == r.export(1) == r.export(2)


def test_a_minimum_tick_stays_when_another_machine_took_the_minimum_away():
    with replicas() as r:
        calf = ids(r, "calf-raises")
        r.stores[0].check_in([calf[0]], TODAY, TODAY, dose=Dose.MIN)
        r.stores[1].edit_habit(calf[1], TODAY, prescription={"min_text": ""})
        r.sync(0)
        r.sync(1)
        r.settle()
        assert r.export(0) == r.export(1) == r.export(2)
        calf_raises = next(h for h in r.export(2)["habits"] if h["slug"] == "calf-raises")
        assert calf_raises["minimum_doses"] == [TODAY.isoformat()]
        assert calf_raises["prescription"]["min_text"] == ""


def test_a_habit_renamed_to_the_name_of_one_deleted_elsewhere_takes_it():
    with replicas() as r:
        plank, calf = ids(r, "plank"), ids(r, "calf-raises")
        r.stores[1].delete_habit(plank[1], keep_copy=True)
        r.stores[1].edit_habit(calf[1], TODAY, name="Plank")
        r.sync(1)
        assert r.sync(0).held == []  # in one sync, not after a retry
        assert sorted(h.name for h in r.stores[0].habits()) == ["Foam roll", "Plank"]
        r.settle()
        assert [sorted(h.name for h in store.habits()) for store in r.stores] == [["Foam roll", "Plank"]] * 3
        assert r.export(0) == r.export(1) == r.export(2)


def test_two_habits_given_one_name_apart_are_told_apart_by_slug():
    with replicas() as r:
        calf = ids(r, "calf-raises")
        r.stores[0].edit_habit(calf[0], TODAY, name="Bridges")
        r.stores[1].add_habit("Bridges", "daily", TODAY)
        r.sync(0)
        outcome = r.sync(1)
        r.settle()
        names = [{h.slug: h.name for h in store.habits()} for store in r.stores]
        assert names[0]["bridges"] == "Bridges"
        assert names[0]["calf-raises"] == "Bridges (calf-raises)"
        assert names[0] == names[1] == names[2]
        assert r.export(0) == r.export(1) == r.export(2)
        assert "habit/calf-raises/name" in outcome.sent  # settled in the document


def test_a_start_moved_past_a_day_ticked_elsewhere_moves_back_to_it():
    with replicas() as r:
        foam, day = ids(r, "foam-roll"), START + timedelta(days=2)
        r.stores[0].check_in([foam[0]], day, TODAY)
        r.stores[1].edit_habit(foam[1], TODAY, start=START + timedelta(days=5))
        r.sync(0)
        r.sync(1)
        r.settle()
        assert [store.habit(i).start for store, i in zip(r.stores, ids(r, "foam-roll"), strict=True)] == [day] * 3
        assert r.export(0) == r.export(1) == r.export(2)
        assert [r.problems(i) for i in range(3)] == [[], [], []]


def test_two_snoozes_of_a_day_naming_one_area_on_two_machines_share_one_reading():
    with replicas() as r:
        calf = ids(r, "calf-raises")
        r.stores[0].snooze(TODAY, TODAY, calf[0], "sore", "left calf")
        r.stores[1].snooze(TODAY, TODAY, None, "sore", "Left calf", 4)
        r.sync(0)
        r.sync(1)
        r.settle()
        assert r.export(0) == r.export(1) == r.export(2)
        data = r.export(0)
        assert [(s["area"], s["pain"]) for s in data["rest_days"]] == [("Left calf", 4)]
        calf_raises = next(h for h in data["habits"] if h["slug"] == "calf-raises")
        assert [(s["area"], s["pain"]) for s in calf_raises["snoozes"]] == [(None, None)]


def test_two_reminders_alike_on_one_machine_are_two_on_every_machine():
    with replicas() as r:
        r.stores[0].add_reminder("07:30")
        r.stores[0].add_reminder("07:30")
        r.sync(0)
        r.settle()
        assert [len(store.reminders()) for store in r.stores] == [2, 2, 2]
        r.stores[1].remove_reminder(r.stores[1].reminders()[0].id)
        r.sync(1)
        r.settle()
        assert [len(store.reminders()) for store in r.stores] == [1, 1, 1]
        assert r.export(0) == r.export(1) == r.export(2)


def test_reminders_added_on_two_machines_export_in_one_order():
    with replicas() as r:
        r.stores[0].add_reminder("07:30", "mon,thu")
        r.stores[1].add_reminder("07:30")
        r.sync(0)
        r.sync(1)
        r.settle()
        assert r.export(0) == r.export(1) == r.export(2)
