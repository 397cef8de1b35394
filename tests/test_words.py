"""The one "did you mean" of commands, habits and settings (docs/architecture.md, "Errors")."""

from rehab_tui.domain.words import close_matches, did_you_mean


def test_one_near_word() -> None:
    assert did_you_mean("don", ["done", "undo", "today", "snooze"]) == "did you mean 'done'?"
    assert did_you_mean("SNOOZE_BUDGT", ["snooze_budget", "theme"]) == "did you mean 'snooze_budget'?"


def test_several_near_words_best_first_at_most_three() -> None:
    assert did_you_mean("plank", ["planks", "plank-up", "planke", "planker", "yoga"]) == (
        "did you mean 'planks', 'planke' or 'planker'?"
    )


def test_nothing_near_is_no_guess() -> None:
    assert did_you_mean("frobnicate", ["done", "undo"]) == ""
    assert did_you_mean("x", []) == ""


def test_forms_map_to_the_word_suggested_once() -> None:
    forms = {"lacrosse": "lacrosse-ball", "lacrosse-ball": "lacrosse-ball", "ball": "lacrosse-ball"}
    assert close_matches("lacrose", forms) == ["lacrosse-ball"]
