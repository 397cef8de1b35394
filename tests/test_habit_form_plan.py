"""The habit form carries a habit's plan and prescription (docs/architecture.md, "Prescriptions and plans")."""

from __future__ import annotations

from conftest import TODAY
from textual.widgets import Checkbox, Input

from rehab_tui.domain.prescription import Prescription
from rehab_tui.tui.app import RehabApp
from rehab_tui.tui.screens.habit_form import HabitForm


def _fill(form: HabitForm, **values: str) -> None:
    for key, value in values.items():
        form.query_one(f"#{key}", Input).value = value


async def test_a_new_habit_keeps_its_plan_and_prescription(fresh_store) -> None:
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, HabitForm)
        _fill(
            form,
            name="Clamshells",
            sets="3",
            reps="15",
            rest="30",
            when="after my run",
            min_text="one set",
            min_sets="1",
        )
        form.query_one("#sides", Checkbox).value = True
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, HabitForm)
    [habit] = [h for h in fresh_store.habits() if h.name == "Clamshells"]
    assert habit.when == "after my run"
    assert habit.prescription == Prescription(sets=3, reps=15, sides=True, rest=30, min_text="one set", min_sets=1)


async def test_an_edit_changes_only_the_fields_touched(fresh_store) -> None:
    plank = next(h for h in fresh_store.habits() if h.slug == "plank-hip-dips")
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "down", "down", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, HabitForm)
        # The form starts from the habit's prescription and plan.
        assert [form.query_one(f"#{k}", Input).value for k in ("sets", "reps", "rest", "min_sets", "when")] == [
            "3",
            "12",
            "30",
            "1",
            plank.when,
        ]
        _fill(form, sets="4", hold="")
        await pilot.press("enter")
        await pilot.pause()
    after = fresh_store.habit(plank.id)
    assert after.prescription == Prescription(sets=4, reps=12, sides=True, rest=30, min_sets=1)
    assert after.when == plank.when


async def test_a_prescription_out_of_range_keeps_the_form_open(fresh_store) -> None:
    app = RehabApp(fresh_store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "a")
        await pilot.pause()
        _fill(app.screen, name="Wall sit", hold="900")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HabitForm)  # nothing typed is lost
        assert "600" in " ".join(str(n.message) for n in app._notifications)
    assert "Wall sit" not in [h.name for h in fresh_store.habits()]
