"""Finding a habit from what a person typed, and naming new ones (docs/architecture.md, "Naming habits")."""

from datetime import date

import pytest

from rehab_tui.domain.errors import RehabError
from rehab_tui.domain.lookup import clean_name, find_habit, slugify, unique_slug
from rehab_tui.domain.model import Habit
from rehab_tui.domain.rules import NAME
from rehab_tui.domain.schedules import parse_schedule

MAX_NAME = NAME.cap

START = date(2026, 3, 2)


def habit(habit_id: int, name: str, slug: str | None = None) -> Habit:
    return Habit(
        id=habit_id,
        name=name,
        slug=slug or slugify(name),
        cue="",
        minutes=None,
        schedule=parse_schedule("daily", START),
        start=START,
    )


ROUTINE = [
    habit(1, "Stick rolling"),
    habit(2, "Lacrosse ball glute release"),
    habit(3, "Plank hip dips"),
    habit(4, "Acupuncture"),
    habit(5, "Glute and hip strength"),
    habit(6, "Plank"),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Stick rolling", 1),
        ("stick rolling", 1),
        ("STICK ROLLING", 1),
        ("stick-rolling", 1),
        ("  Acupuncture  ", 4),
        ("lacrosse-ball-glute-release", 2),
        # Unambiguous prefixes of a name or a slug.
        ("stick", 1),
        ("St", 1),
        ("lac", 2),
        ("acu", 4),
        ("glute", 5),
        ("glute-and", 5),
        ("plank-", 3),
        ("plank h", 3),
        # An exact name wins over a prefix of another: "Plank" vs "Plank hip dips".
        ("plank", 6),
        ("PLANK", 6),
    ],
)
def test_find_habit(query: str, expected: int) -> None:
    assert find_habit(ROUTINE, query).id == expected


def test_exact_slug_wins_over_a_prefix() -> None:
    habits = [habit(1, "Hip", slug="hip"), habit(2, "Hip flexor stretch")]
    assert find_habit(habits, "hip").id == 1
    assert find_habit(habits, "hip-").id == 2
    assert find_habit(habits, "hip f").id == 2


def test_exact_slug_of_a_renamed_habit() -> None:
    habits = [habit(1, "Morning rolls", slug="stick-rolling"), habit(2, "Stick rolling evening")]
    assert find_habit(habits, "stick-rolling").id == 1


def test_ambiguous_prefix_names_the_candidates() -> None:
    with pytest.raises(RehabError) as err:
        find_habit(ROUTINE, "pl")
    assert str(err.value) == "'pl' could be any of: Plank hip dips, Plank; type more of the name"


def test_ambiguous_between_a_name_and_a_slug() -> None:
    habits = [habit(1, "Plank hip dips"), habit(2, "Plantar fascia roll", slug="plan-b")]
    with pytest.raises(RehabError, match="Plantar fascia roll"):
        find_habit(habits, "plan")
    assert find_habit(habits, "plan-").id == 2


def test_unknown_habit_lists_the_known_slugs() -> None:
    with pytest.raises(RehabError, match="no habit matches 'yoga'") as err:
        find_habit(ROUTINE, "yoga")
    assert "stick-rolling" in str(err.value)


def test_empty_query_is_refused() -> None:
    with pytest.raises(RehabError):
        find_habit(ROUTINE, "   ")


def test_nothing_to_find_in_an_empty_list() -> None:
    with pytest.raises(RehabError, match="none"):
        find_habit([], "stick")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Stick rolling", "stick-rolling"),
        ("Lacrosse ball glute release", "lacrosse-ball-glute-release"),
        ("  Plank   hip dips!! ", "plank-hip-dips"),
        ("Café stretch", "cafe-stretch"),
        ("90/90 hip switch", "90-90-hip-switch"),
        ("!!!", "habit"),
        ("", "habit"),
        ("ストレッチ", "habit"),
        ("a" * 80, "a" * 60),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_slugify_does_not_end_on_a_dash_when_cut() -> None:
    slug = slugify("x" * 59 + " tail")
    assert slug == "x" * 59
    assert len(slugify("word " * 30)) <= 60


def test_unique_slug() -> None:
    assert unique_slug("Stick rolling", []) == "stick-rolling"
    assert unique_slug("Stick rolling", ["stick-rolling"]) == "stick-rolling-2"
    assert unique_slug("Stick rolling", ["stick-rolling", "stick-rolling-2"]) == "stick-rolling-3"
    assert unique_slug("Stick Rolling!", {"plank"}) == "stick-rolling"


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("  Stick rolling  ", "Stick rolling"),
        ("Café", "Café"),
        ("Cafe\u0301", "Café"),  # normalised to NFC
        ("a" * MAX_NAME, "a" * MAX_NAME),
    ],
)
def test_clean_name(name: str, cleaned: str) -> None:
    assert clean_name(name) == cleaned


@pytest.mark.parametrize(
    "name",
    [
        "",
        "   ",
        "Stick\nrolling",
        "Stick\trolling",
        "Stick\x00rolling",
        "Stick\u200brolling",  # zero-width space, a format character
        "a" * (MAX_NAME + 1),
    ],
)
def test_clean_name_refusals(name: str) -> None:
    with pytest.raises(RehabError):
        clean_name(name)
