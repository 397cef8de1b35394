"""`rehab pain` and the gate behind it (docs/architecture.md, "Pain readings", Store.record_pain and
rules.check_reading): one reading per body area per day, 0-10; a snooze's area
and pain are readings too, linked to the snooze.

All runs act on Saturday 2026-11-21; the database is the default routine made
on 2026-10-01 (cli_helpers.new_db), so past days have something to snooze.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_helpers import TODAY, YESTERDAY, assert_error, assert_usage_error, dump, new_db, ok, rows, run, snooze_rows

from rehab_tui.domain.body import PainReading
from rehab_tui.domain.errors import RehabError
from rehab_tui.store import Store

THU = "2026-11-19"
WED = "2026-11-18"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return new_db(tmp_path)


def readings(db: Path) -> list[tuple]:
    return [(r["day"], r["area"], r["area_key"], r["pain"], r["note"], r["snooze_id"]) for r in rows(db, "readings")]


def snoozes(db: Path) -> list[tuple]:
    """Each snooze's day, habit, area and pain (ids and times aside), by day, latest first."""
    return sorted(((s["day"], s["habit_id"], s["area"], s["pain"]) for s in snooze_rows(db)), reverse=True)


def listed(db: Path, *args: str) -> list[dict]:
    return ok(db, "pain", "--json", *args).json


# --------------------------------------------------------------- the numbers


def test_0_and_10_are_recorded(db: Path) -> None:
    assert ok(db, "pain", "0", "--area", "hip").out == "• hip: 0/10 on 2026-11-21 (Sat)\n"
    assert ok(db, "pain", "10", "--area", "calf").out == "• calf: 10/10 on 2026-11-21 (Sat)\n"
    assert readings(db) == [(TODAY, "hip", "hip", 0, "", None), (TODAY, "calf", "calf", 10, "", None)]


def test_11_is_one_error_line_and_writes_nothing(db: Path) -> None:
    before = dump(db)
    assert_error(run(db, "pain", "11", "--area", "hip"), contains="pain goes from 0 to 10 (11 given)")
    assert dump(db) == before


def test_minus_1_is_refused_and_writes_nothing(db: Path) -> None:
    before = dump(db)
    # Typed plainly it reads as an option; after `--` it reaches the gate.
    assert_usage_error(run(db, "pain", "-1", "--area", "hip"), contains="-1")
    assert_error(run(db, "pain", "--area", "hip", "--", "-1"), contains="pain goes from 0 to 10 (-1 given)")
    assert dump(db) == before


def test_a_pain_that_is_not_a_whole_number_is_a_usage_error(db: Path) -> None:
    before = dump(db)
    for text in ("3.5", "three", "５"):
        assert_usage_error(run(db, "pain", text, "--area", "hip"), contains="not a whole number")
    assert dump(db) == before


@pytest.mark.parametrize("pain", [-1, 11, None])
def test_the_store_refuses_a_pain_out_of_range(db: Path, pain: int | None) -> None:
    before = dump(db)
    store = Store.open(db, date(2026, 11, 21))
    try:
        with pytest.raises(RehabError):
            store.record_pain(date(2026, 11, 21), "hip", pain, date(2026, 11, 21))  # type: ignore[arg-type]
    finally:
        store.close()
    assert dump(db) == before


# ------------------------------------------------------------ area and note


def test_an_area_of_100_characters_is_kept_and_of_101_refused(db: Path) -> None:
    ok(db, "pain", "3", "--area", "a" * 100)
    before = dump(db)
    assert_error(run(db, "pain", "3", "--area", "b" * 101), contains="at most 100 characters (101 given)")
    assert dump(db) == before
    assert [r[1] for r in readings(db)] == ["a" * 100]


@pytest.mark.parametrize("bad", ["left\nknee", "left\x07knee", "\x1b[31mknee", "left\u2029knee"])
def test_a_control_character_in_the_area_or_note_is_refused(db: Path, bad: str) -> None:
    before = dump(db)
    assert_error(run(db, "pain", "3", "--area", bad), contains="control characters")
    assert_error(run(db, "pain", "3", "--area", "knee", "--note", bad), contains="control characters")
    assert dump(db) == before


def test_a_note_over_300_characters_is_refused(db: Path) -> None:
    before = dump(db)
    assert_error(run(db, "pain", "3", "--area", "knee", "--note", "n" * 301), contains="at most 300")
    assert dump(db) == before


def test_an_area_is_trimmed_and_a_blank_one_refused(db: Path) -> None:
    ok(db, "pain", "3", "--area", "  left knee  ", "--note", " stairs ")
    assert readings(db) == [(TODAY, "left knee", "left knee", 3, "stairs", None)]
    before = dump(db)
    assert_error(run(db, "pain", "3", "--area", "   "), contains="needs a body area")
    assert dump(db) == before


# -------------------------------------------------------------------- dates


def test_a_future_date_is_refused(db: Path) -> None:
    before = dump(db)
    assert_error(run(db, "pain", "3", "--area", "hip", "--date", "2026-11-22"), contains="in the future")
    assert_error(run(db, "pain", "3", "--area", "hip", "--date", "tomorrow"), contains="in the future")
    assert dump(db) == before


def test_yesterday_and_a_weekday_name_face_the_past(db: Path) -> None:
    assert "on 2026-11-20 (Fri)" in ok(db, "pain", "2", "--area", "hip", "--date", "yesterday").out
    # Saturday today: `fri` is yesterday, `sun` six days ago, never a day ahead.
    ok(db, "pain", "4", "--area", "calf", "--date", "fri")
    ok(db, "pain", "5", "--area", "knee", "--date", "sun")
    assert [(r[0], r[1]) for r in readings(db)] == [(YESTERDAY, "hip"), (YESTERDAY, "calf"), ("2026-11-15", "knee")]


# ----------------------------------------------------- one per area per day


def test_recording_again_the_same_day_and_area_in_any_case_replaces_it_and_keeps_the_note(db: Path) -> None:
    ok(db, "pain", "6", "--area", "Left IT band", "--note", "long run")
    assert (
        ok(db, "pain", "3", "--area", "left it  band").out == "• left it  band: 3/10 on 2026-11-21 (Sat) (long run)\n"
    )
    assert readings(db) == [(TODAY, "left it  band", "left it band", 3, "long run", None)]
    assert listed(db) == [{"date": TODAY, "area": "left it  band", "pain": 3, "note": "long run", "snooze": False}]
    ok(db, "pain", "2", "--area", "left it band", "--note", "eased off")
    assert readings(db) == [(TODAY, "left it band", "left it band", 2, "eased off", None)]
    ok(db, "pain", "2", "--area", "left it band", "--note", "")
    assert readings(db) == [(TODAY, "left it band", "left it band", 2, "", None)]


def test_another_day_or_area_is_another_reading(db: Path) -> None:
    ok(db, "pain", "6", "--area", "hip", "--date", "yesterday")
    ok(db, "pain", "5", "--area", "hip")
    ok(db, "pain", "4", "--area", "calf")
    assert [(r[0], r[1], r[3]) for r in readings(db)] == [(YESTERDAY, "hip", 6), (TODAY, "hip", 5), (TODAY, "calf", 4)]


# ------------------------------------------------------------------- listing


def test_pain_lists_the_readings_by_area_with_the_change(db: Path) -> None:
    ok(db, "pain", "6", "--area", "Left IT band", "--date", WED, "--note", "long run")
    ok(db, "pain", "4", "--area", "left it band", "--date", YESTERDAY)
    ok(db, "pain", "2", "--area", "calf")
    assert ok(db, "pain").out == (
        "calf\n"
        "  2026-11-21 (Sat)   2/10\n"
        "left it band: 6.0 → 4.0\n"
        "  2026-11-18 (Wed)   6/10  long run\n"
        "  2026-11-20 (Fri)   4/10\n"
    )


def test_pain_with_no_readings_says_how_to_record_one(db: Path) -> None:
    assert ok(db, "pain").out == (
        "no pain readings in the last 4 weeks; record one with: rehab pain 3 --area 'left IT band'\n"
    )


def test_pain_json_shape(db: Path) -> None:
    ok(db, "pain", "6", "--area", "hip", "--date", WED, "--note", "stairs")
    ok(db, "snooze", "--date", THU, "--area", "Left IT band", "--pain", "5")
    ran = ok(db, "pain", "--json")
    assert json.loads(ran.out) == [
        {"date": WED, "area": "hip", "pain": 6, "note": "stairs", "snooze": False},
        {"date": THU, "area": "Left IT band", "pain": 5, "note": "", "snooze": True},
    ]


def test_weeks_says_how_far_back_the_list_goes(db: Path) -> None:
    # --weeks 1 is today and the six days before (from Sun 15); the default 4
    # weeks reach back to Sun 25 October.
    for when, pain in (("2026-10-24", 9), ("2026-10-25", 8), ("2026-11-14", 7), ("2026-11-15", 6), (TODAY, 5)):
        ok(db, "pain", str(pain), "--area", "hip", "--date", when)
    assert [r["date"] for r in listed(db, "--weeks", "1")] == ["2026-11-15", TODAY]
    assert [r["date"] for r in listed(db)] == ["2026-10-25", "2026-11-14", "2026-11-15", TODAY]
    assert len(listed(db, "--weeks", "520")) == 5
    assert_usage_error(run(db, "pain", "--weeks", "0"), contains="0")


def test_no_area_is_an_error_that_lists_the_known_areas(db: Path) -> None:
    before = dump(db)
    assert_error(run(db, "pain", "3"), contains="e.g. --area 'left IT band'")
    ok(db, "pain", "4", "--area", "left IT band", "--date", WED)
    ok(db, "pain", "2", "--area", "Right hip", "--date", YESTERDAY)
    ok(db, "pain", "3", "--area", "LEFT IT BAND", "--date", THU)
    after = dump(db)
    line = assert_error(run(db, "pain", "3"))
    assert line == "error: say where it hurts with --area; so far: Right hip, LEFT IT BAND"
    assert dump(db) == after != before


def test_date_or_note_without_a_number_is_an_error(db: Path) -> None:
    before = dump(db)
    assert_error(run(db, "pain", "--date", "yesterday"), contains="go with a number")
    assert_error(run(db, "pain", "--note", "sore"), contains="go with a number")
    assert dump(db) == before


# ---------------------------------------------------------------- snoozes


def test_a_snooze_with_pain_and_area_makes_a_reading_linked_to_it(db: Path) -> None:
    ok(db, "snooze", "--date", THU, "--pain", "5", "--area", "hip")
    (snooze,) = rows(db, "snoozes")
    assert readings(db) == [(THU, "hip", "hip", 5, "", snooze["id"])]
    assert listed(db) == [{"date": THU, "area": "hip", "pain": 5, "note": "", "snooze": True}]
    assert [(s["area"], s["pain"]) for s in snooze_rows(db)] == [("hip", 5)]


def test_unsnoozing_keeps_the_pain_but_unlinks_it(db: Path) -> None:
    ok(db, "snooze", "--date", THU, "--pain", "5", "--area", "hip")
    ok(db, "unsnooze", "--date", THU)
    assert rows(db, "snoozes") == []
    assert readings(db) == [(THU, "hip", "hip", 5, "", None)]
    assert listed(db) == [{"date": THU, "area": "hip", "pain": 5, "note": "", "snooze": False}]


def test_a_snooze_naming_an_area_without_pain_is_a_reading_unsnooze_removes(db: Path) -> None:
    ok(db, "snooze", "--habit", "plank", "--date", THU, "--area", "wrist")
    (snooze,) = rows(db, "snoozes")
    assert readings(db) == [(THU, "wrist", "wrist", None, "", snooze["id"])]
    assert listed(db) == [{"date": THU, "area": "wrist", "pain": None, "note": "", "snooze": True}]
    # Without a number it has no line of its own in the list.
    assert ok(db, "pain").out == "wrist\n"
    ok(db, "unsnooze", "--habit", "plank", "--date", THU)
    assert readings(db) == []


def test_a_snooze_with_pain_and_no_area_files_it_under_general(db: Path) -> None:
    ok(db, "snooze", "--date", THU, "--pain", "4")
    (snooze,) = rows(db, "snoozes")
    assert readings(db) == [(THU, "general", "general", 4, "", snooze["id"])]


def test_a_snooze_naming_an_area_already_rated_that_day_keeps_the_rating(db: Path) -> None:
    ok(db, "pain", "6", "--area", "Hip", "--date", THU, "--note", "stairs")
    ok(db, "snooze", "--date", THU, "--area", "hip")
    (snooze,) = rows(db, "snoozes")
    assert readings(db) == [(THU, "Hip", "hip", 6, "stairs", snooze["id"])]
    # The pain was felt before the snooze: unsnoozing keeps it.
    ok(db, "unsnooze", "--date", THU)
    assert readings(db) == [(THU, "Hip", "hip", 6, "stairs", None)]


def test_a_snoozes_pain_replaces_the_days_reading_of_that_area(db: Path) -> None:
    ok(db, "pain", "3", "--area", "hip", "--date", THU, "--note", "stairs")
    ok(db, "snooze", "--date", THU, "--area", "HIP", "--pain", "7")
    (snooze,) = rows(db, "snoozes")
    assert readings(db) == [(THU, "HIP", "hip", 7, "stairs", snooze["id"])]


def test_pain_with_a_snooze_of_a_day_already_snoozed_is_recorded(db: Path) -> None:
    ok(db, "snooze", "--date", THU)
    assert ok(db, "snooze", "--date", THU, "--pain", "7", "--area", "knee").out == (
        "the whole day was already snoozed on 2026-11-19 (Thu); the pain is recorded\n"
    )
    (snooze,) = rows(db, "snoozes")
    assert readings(db) == [(THU, "knee", "knee", 7, "", snooze["id"])]


def test_a_snooze_ahead_names_its_area_but_not_its_pain(db: Path) -> None:
    before = dump(db)
    assert_error(
        run(db, "snooze", "--date", "2026-11-23", "--pain", "6", "--area", "knee"),
        contains="record pain on the day itself",
    )
    assert dump(db) == before
    ok(db, "snooze", "--date", "2026-11-23", "--area", "knee")
    (snooze,) = rows(db, "snoozes")
    assert readings(db) == [("2026-11-23", "knee", "knee", None, "", snooze["id"])]


def test_a_refused_snooze_records_no_pain(db: Path) -> None:
    before = dump(db)
    assert_error(run(db, "snooze", "--date", THU, "--area", "hip", "--pain", "11"), contains="pain goes from 0 to 10")
    assert_error(run(db, "snooze", "--date", THU, "--area", "x" * 101, "--pain", "3"), contains="at most 100")
    ok(db, "done", "stick", "lacrosse", "plank", "--date", THU)
    after = dump(db)
    # Nothing left to rest that day: no snooze, and no reading with it.
    assert_error(run(db, "snooze", "--date", THU, "--area", "hip", "--pain", "3"), contains="nothing to rest")
    assert dump(db) == after != before
    assert readings(db) == []


# ----------------------------------------------------------- export, import


def some_readings(db: Path) -> None:
    ok(db, "pain", "6", "--area", "Left IT band", "--date", WED, "--note", "long run")
    ok(db, "pain", "4", "--area", "left it band", "--date", YESTERDAY)
    ok(db, "pain", "0", "--area", "calf")
    ok(db, "snooze", "--date", THU, "--area", "hip", "--pain", "5")
    ok(db, "snooze", "--habit", "plank", "--date", "2026-11-12", "--area", "wrist")


def test_export_and_import_carry_the_readings_once(db: Path, tmp_path: Path) -> None:
    some_readings(db)
    exported = tmp_path / "export.json"
    ok(db, "export", "-o", exported)
    data = json.loads(exported.read_text())
    assert data["version"] == 4
    # Every rated reading, a snooze's too; an area a snooze named without a
    # number travels with the snooze alone.
    assert sorted(data["readings"], key=lambda r: r["day"]) == sorted(
        [
            {"day": WED, "area": "Left IT band", "pain": 6, "note": "long run"},
            {"day": THU, "area": "hip", "pain": 5, "note": ""},
            {"day": YESTERDAY, "area": "left it band", "pain": 4, "note": ""},
            {"day": TODAY, "area": "calf", "pain": 0, "note": ""},
        ],
        key=lambda r: r["day"],
    )

    copy = new_db(tmp_path, "copy.db")
    said = ok(copy, "import", exported).out
    assert "4 pain readings" in said and "2 snoozes" in said
    assert listed(copy) == listed(db)
    assert snoozes(copy) == snoozes(db) == [(THU, None, "hip", 5), ("2026-11-12", 3, "wrist", None)]

    # Twice is once; and the file it came from holds it all already.
    before = dump(copy)
    assert ok(copy, "import", exported).out == "nothing new to import: this file already holds it all\n"
    assert dump(copy) == before
    assert ok(db, "import", exported).out == "nothing new to import: this file already holds it all\n"


def test_an_import_keeps_the_reading_held_here_for_that_day_and_area(db: Path, tmp_path: Path) -> None:
    # Recorded here after the export was made: an import never goes back in time.
    ok(db, "pain", "6", "--area", "hip", "--date", WED)
    ok(db, "snooze", "--date", THU, "--area", "knee", "--pain", "6", "--reason", "flare")
    exported = tmp_path / "export.json"
    ok(db, "export", "-o", exported)
    copy = new_db(tmp_path, "copy.db")
    ok(copy, "pain", "2", "--area", "HIP", "--date", WED, "--note", "mine")
    ok(copy, "pain", "3", "--area", "Knee", "--date", THU, "--note", "better")
    said = ok(copy, "import", exported).out
    assert "1 snooze" in said and "pain reading" not in said
    (snooze,) = rows(copy, "snoozes")
    # The imported snooze is there, linked to the knee's reading as it stands here.
    assert readings(copy) == [(WED, "HIP", "hip", 2, "mine", None), (THU, "Knee", "knee", 3, "better", snooze["id"])]


def test_an_export_naming_one_area_twice_in_a_day_counts_it_once(db: Path, tmp_path: Path) -> None:
    data = ok(db, "export").json
    data["readings"] = [
        {"day": WED, "area": "knee", "pain": 4, "note": ""},
        {"day": WED, "area": "KNEE", "pain": 5, "note": ""},
    ]
    twice = tmp_path / "twice.json"
    twice.write_text(json.dumps(data))
    copy = new_db(tmp_path, "copy.db")
    assert "1 pain reading" in ok(copy, "import", twice).out
    assert readings(copy) == [(WED, "knee", "knee", 4, "", None)]


def test_an_export_with_a_pain_out_of_range_imports_nothing(db: Path, tmp_path: Path) -> None:
    ok(db, "pain", "6", "--area", "hip", "--date", WED)
    data = ok(db, "export").json
    data["readings"].append({"day": YESTERDAY, "area": "calf", "pain": 11, "note": ""})
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    copy = new_db(tmp_path, "copy.db")
    before = dump(copy)
    assert_error(run(copy, "import", bad), contains="pain goes from 0 to 10")
    assert dump(copy) == before


def test_the_note_of_a_snoozes_reading_survives_the_round_trip(db: Path, tmp_path: Path) -> None:
    # The pain was rated with a note, then the day was snoozed naming the same
    # area: one reading, linked to the snooze, keeping its note.
    ok(db, "pain", "6", "--area", "hip", "--date", THU, "--note", "after the long run")
    ok(db, "snooze", "--date", THU, "--area", "hip", "--pain", "7")
    assert listed(db) == [{"date": THU, "area": "hip", "pain": 7, "note": "after the long run", "snooze": True}]
    exported = tmp_path / "export.json"
    ok(db, "export", "-o", exported)
    copy = new_db(tmp_path, "copy.db")
    ok(copy, "import", exported)
    assert listed(copy) == listed(db)


def test_store_readings_are_the_domains_objects(db: Path) -> None:
    some_readings(db)
    store = Store.open(db, date(2026, 11, 21))
    try:
        assert store.readings(since=date(2026, 11, 19)) == [
            PainReading(date(2026, 11, 19), "hip", 5, "", True),
            PainReading(date(2026, 11, 20), "left it band", 4, "", False),
            PainReading(date(2026, 11, 21), "calf", 0, "", False),
        ]
    finally:
        store.close()
