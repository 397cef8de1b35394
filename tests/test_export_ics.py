"""`rehab export --format ics` (docs/formats.md, "ICS export"; issue #14): each habit a recurring
calendar event whose occurrences, expanded by a calendar library, are exactly the
days the app schedules it, schedule changes and pauses included."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from cli_helpers import TODAY, assert_error, file_bytes, new_db, ok, run

from rehab_tui.domain.dates import parse_iso
from rehab_tui.domain.model import Journal
from rehab_tui.store import Store

#: A year of calendar, from the template's start (2026-10-01).
FIRST = date(2026, 10, 1)
LAST = date(2027, 9, 30)
UID = re.compile(r"^(?P<slug>.+?)(-from-(?P<since>\d{4}-\d{2}-\d{2}))?(?P<first>-first-week)?@rehab-tui$")


def export(db: Path, tmp_path: Path, name: str = "rehab.ics", today: str = TODAY) -> icalendar.Calendar:
    target = tmp_path / name
    ran = ok(db, "export", "--format", "ics", "-o", target, today=today)
    assert ran.out == ""
    return icalendar.Calendar.from_ical(target.read_bytes())


def occurrences(cal: icalendar.Calendar, quota: bool | None = None) -> dict[str, list[date]]:
    """Each habit's days in the year, as a calendar app expands the file (only
    its fixed-schedule events, or only its quota weeks, if `quota` says so)."""
    found: dict[str, list[date]] = defaultdict(list)
    for event in recurring_ical_events.of(cal).between(FIRST, LAST + timedelta(days=1)):
        if quota is not None and str(event["SUMMARY"]).endswith("/week)") != quota:
            continue
        start = event["DTSTART"].dt
        assert type(start) is date, f"{event['SUMMARY']} is not an all-day event"
        assert event["DTEND"].dt == start + timedelta(days=1)
        found[UID.match(str(event["UID"])).group("slug")].append(start)
    return {slug: sorted(days) for slug, days in found.items()}


def journal(db: Path, today: str = TODAY) -> Journal:
    store = Store.open(db, parse_iso(today))
    try:
        return store.journal()
    finally:
        store.close()


def app_days(journal: Journal, slug: str) -> list[date]:
    """The days the app schedules a fixed-schedule habit in the year, minus paused days."""
    log = next(log for log in journal.logs if log.habit.slug == slug)
    habit = log.habit
    days = (FIRST + timedelta(days=i) for i in range((LAST - FIRST).days + 1))
    return [
        d
        for d in days
        if habit.start <= d
        and not habit.archived_on(d)
        and not habit.schedule_on(d).is_quota
        and habit.schedule_on(d).occurs(d)
        and not log.paused_on(d)
    ]


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, icalendar.Calendar]:
    """Fixed schedules of every kind, changed, paused and archived, and its export."""
    folder = tmp_path_factory.mktemp("ics")
    db = new_db(folder)
    # A schedule change: daily, then tue,fri from Monday 2026-11-02 (set on 2026-10-28).
    ok(db, "habit", "edit", "stick", "--schedule", "tue,fri", "--from", "2026-11-02", today="2026-10-28")
    # every 3 days from the start, then every 2 days anchored on its own first day (a Thursday).
    ok(db, "habit", "add", "Calf raises", "--schedule", "every 3 days", "--minutes", "5", today="2026-10-05")
    ok(db, "habit", "edit", "calf", "--schedule", "every 2 days", "--from", "2026-11-19", today="2026-11-12")
    # A raw rule with a time of day, and a monthly one.
    ok(
        db,
        "habit",
        "add",
        "Ankle rocks",
        "--schedule",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;BYHOUR=9",
        today="2026-10-08",
    )
    ok(db, "habit", "add", "Foot check", "--schedule", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15", today="2026-10-02")
    # A rule that ends by itself after six Wednesdays, one of them paused.
    ok(db, "habit", "add", "Physio drills", "--schedule", "RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=6", today="2026-11-10")
    ok(db, "pause", "physio", "--from", "2026-11-25", "--until", "2026-11-25", today=TODAY)
    # Pauses: one inside the tue,fri weeks, one on an every-3-days habit, one open into next year.
    ok(db, "pause", "stick", "--from", "2026-11-24", "--until", "2026-12-04", today=TODAY)
    ok(db, "pause", "calf", "--from", "2026-11-08", "--until", "2026-11-10", today="2026-11-08")
    ok(db, "pause", "lacrosse", "--from", "2026-12-20", "--until", "2027-01-05", today=TODAY)
    ok(db, "pause", "foot", "--from", "2026-12-01", "--until", "2026-12-01", today=TODAY)
    # Archived with a pause running into the archive, and a change after it (not shown).
    ok(db, "habit", "add", "Hamstring stretch", "--schedule", "weekdays", today="2026-10-12")
    ok(db, "pause", "hamstring", "--from", "2026-11-26", "--until", "2026-12-10", today=TODAY)
    ok(db, "habit", "archive", "hamstring", "--date", "2026-12-03", today=TODAY)
    # A future change to a quota: the fixed days stop the day before it.
    ok(db, "habit", "edit", "plank", "--schedule", "3/week", "--from", "2027-02-01", today=TODAY)
    return db, export(db, folder)


FIXED = [
    "stick-rolling",
    "lacrosse-ball-glute-release",
    "plank-hip-dips",
    "acupuncture",
    "calf-raises",
    "ankle-rocks",
    "foot-check",
    "hamstring-stretch",
    "physio-drills",
]


@pytest.mark.parametrize("slug", FIXED)
def test_a_fixed_schedule_falls_on_exactly_the_days_the_app_schedules(history, slug: str) -> None:
    db, cal = history
    expected = app_days(journal(db), slug)
    assert expected, "the habit is scheduled somewhere in the year"
    assert occurrences(cal, quota=False).get(slug, []) == expected


def test_the_history_shows_where_it_should(history) -> None:
    """Spot checks a person would make, beside the comparison with the domain."""
    _, cal = history
    days = occurrences(cal)
    stick = days["stick-rolling"]
    assert date(2026, 11, 1) in stick and date(2026, 11, 2) not in stick  # daily, then tue,fri
    assert date(2026, 11, 3) in stick and date(2026, 11, 4) not in stick
    assert not {date(2026, 11, 24), date(2026, 11, 27), date(2026, 12, 1), date(2026, 12, 4)} & set(stick)
    assert date(2026, 12, 8) in stick  # after the pause
    calf = days["calf-raises"]
    assert calf[0] == date(2026, 10, 5) and date(2026, 11, 19) in calf and date(2026, 11, 21) in calf
    assert max(days["hamstring-stretch"]) == date(2026, 11, 25)  # paused from the 26th, archived on 12-03
    plank = occurrences(cal, quota=False)["plank-hip-dips"]
    assert max(plank) == date(2027, 1, 31)
    assert occurrences(cal, quota=True)["plank-hip-dips"][0] == date(2027, 2, 1)
    assert days["physio-drills"] == [
        date(2026, 11, 11),
        date(2026, 11, 18),
        date(2026, 12, 2),
        date(2026, 12, 9),
        date(2026, 12, 16),
    ]
    assert date(2026, 12, 1) not in days["foot-check"] and date(2026, 12, 15) in days["foot-check"]


def test_each_version_is_one_event_with_a_stable_uid_and_a_stamp(history, tmp_path: Path) -> None:
    db, cal = history
    events = cal.walk("VEVENT")
    stick = [e for e in events if str(e["UID"]).startswith("stick-rolling")]
    assert sorted(str(e["UID"]) for e in stick) == [
        "stick-rolling-from-2026-11-02@rehab-tui",
        "stick-rolling@rehab-tui",
    ]
    first, second = sorted(stick, key=lambda e: e["DTSTART"].dt)
    assert first["DTSTART"].dt == date(2026, 10, 1)
    assert first["RRULE"]["FREQ"] == ["DAILY"] and first["RRULE"]["UNTIL"] == [date(2026, 11, 1)]
    assert second["DTSTART"].dt == date(2026, 11, 3)  # the first Tuesday: DTSTART falls on the rule
    assert second["RRULE"]["BYDAY"] == ["TU", "FR"] and "UNTIL" not in second["RRULE"]
    assert [d.dt for d in second["EXDATE"].dts] == [
        date(2026, 11, 24),
        date(2026, 11, 27),
        date(2026, 12, 1),
        date(2026, 12, 4),
    ]
    assert "BYHOUR" not in next(e for e in events if str(e["UID"]).startswith("ankle-rocks"))["RRULE"]
    assert all(isinstance(e["DTSTAMP"].dt, datetime) for e in events)
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    again = export(db, tmp_path, "again.ics")
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == sorted(uids)


def test_minutes_and_cue_are_in_the_description_as_plain_text(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    cue = 'Heel on a step; 45 s, "slowly" \\ both legs\nthen rest'
    ok(
        db,
        "habit",
        "add",
        "Hamstring, seated; easy",
        "--schedule",
        "daily",
        "--minutes",
        "3",
        "--cue",
        cue.replace("\n", " "),
        today=TODAY,
    )
    cal = export(db, tmp_path)
    event = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("hamstring-seated-easy"))
    assert str(event["SUMMARY"]) == "Hamstring, seated; easy"
    assert str(event["DESCRIPTION"]) == "3 minutes.\n" + cue.replace("\n", " ")
    assert event["TRANSP"] == "TRANSPARENT"
    raw = (tmp_path / "rehab.ics").read_text()
    assert "SUMMARY:Hamstring\\, seated\\; easy" in raw
    assert cal["PRODID"] and cal["VERSION"] == "2.0"


def test_every_uid_survives_edits_that_keep_the_habit_the_same(tmp_path: Path) -> None:
    """A calendar that imports the file again must update its events, not add
    a second copy: moving a start, renaming, a new cue or plan keep every UID."""
    db = new_db(tmp_path)
    ok(db, "habit", "edit", "stick", "--schedule", "tue,fri", "--from", "2026-11-02", today="2026-10-28")
    before = {str(e["UID"]) for e in export(db, tmp_path, "before.ics").walk("VEVENT")}
    ok(db, "habit", "edit", "stick", "--start", "2026-09-20", "--cue", "after the run", today=TODAY)
    ok(db, "habit", "edit", "glute", "--start", "2026-09-01", "--name", "Glutes", today=TODAY)
    ok(db, "habit", "edit", "plank", "--when", "before my shower", "--sets", "3", "--reps", "12", today=TODAY)
    after = {str(e["UID"]) for e in export(db, tmp_path, "after.ics").walk("VEVENT")}
    assert after == before
    assert "stick-rolling@rehab-tui" in after and "stick-rolling-from-2026-11-02@rehab-tui" in after


def test_the_description_carries_the_prescription_and_the_plan(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    ok(db, "habit", "edit", "plank", "--when", "before my shower", "--sets", "3", "--reps", "12", today=TODAY)
    ok(db, "habit", "edit", "plank", "--min", "one set", today=TODAY)
    event = next(e for e in export(db, tmp_path).walk("VEVENT") if str(e["UID"]) == "plank-hip-dips@rehab-tui")
    description = str(event["DESCRIPTION"])
    assert "3 × 12" in description and "before my shower" in description and "one set" in description


def test_a_weekly_quota_is_one_event_on_the_first_day_of_each_week(tmp_path: Path) -> None:
    db = new_db(tmp_path)  # Glute and hip strength, 1/week, from Thursday 2026-10-01
    # A week wholly paused leaves no event; a week paused in part keeps it.
    ok(db, "pause", "glute", "--from", "2026-11-23", "--until", "2026-12-02", today=TODAY)
    ok(db, "habit", "add", "Bike", "--schedule", "2/week", today="2026-10-05")
    ok(db, "habit", "edit", "bike", "--schedule", "sat", "--from", "2026-11-28", today=TODAY)
    days = occurrences(export(db, tmp_path))
    mondays = [FIRST + timedelta(days=i) for i in range(4, 365, 7)]
    assert days["glute-and-hip-strength"] == [FIRST] + [m for m in mondays if m != date(2026, 11, 23)]
    assert date(2026, 11, 30) in days["glute-and-hip-strength"]  # paused Mon and Tue only
    # A quota then a fixed day: the weeks under the quota, then the Saturdays.
    bike = days["bike"]
    assert [d for d in bike if d < date(2026, 11, 28)] == [m for m in mondays if m < date(2026, 11, 28)]
    assert [d for d in bike if d >= date(2026, 11, 28)] == app_days(journal(db), "bike")
    cal = export(db, tmp_path, "again.ics")
    glute = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("glute-and-hip")]
    assert {str(e["SUMMARY"]) for e in glute} == {"Glute and hip strength (1/week)"}
    assert {str(e["UID"]) for e in glute} == {
        "glute-and-hip-strength-first-week@rehab-tui",
        "glute-and-hip-strength@rehab-tui",
    }
    assert all(str(e["DESCRIPTION"]).startswith("Any one day this week.") for e in glute)


def test_a_quota_week_follows_the_week_start_setting(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    ok(db, "settings", "week_start", "sunday")
    days = occurrences(export(db, tmp_path))["glute-and-hip-strength"]
    assert days[:3] == [date(2026, 10, 1), date(2026, 10, 4), date(2026, 10, 11)]
    assert all(d.weekday() == 6 for d in days[1:])


def test_the_file_goes_to_stdout_or_is_written_whole(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    out = ok(db, "export", "--format", "ics").out
    assert out.startswith("BEGIN:VCALENDAR") and out.rstrip().endswith("END:VCALENDAR")
    target = tmp_path / "routine.ics"
    target.write_text("mine")
    assert_error(run(db, "export", "--format", "ics", "-o", target), contains="--force")
    assert file_bytes(target) == b"mine"
    ok(db, "export", "--format", "ics", "-o", target, "--force")
    assert icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


PROBE = """
import json, sys
from rehab_tui.cli.main import cli
try:
    cli(sys.argv[1:], prog_name="rehab")
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("icalendar", "rehab_tui"))))
"""


@pytest.mark.parametrize("command", [("today", "--json"), ("export", "--format", "json")], ids=" ".join)
def test_only_the_ics_export_loads_icalendar(tmp_path: Path, command: tuple[str, ...]) -> None:
    def modules(*args: str) -> list[str]:
        proc = subprocess.run(
            [sys.executable, "-c", PROBE, "--db", str(tmp_path / "r.db"), "--today", TODAY, *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout.splitlines()[-1])

    assert not [m for m in modules(*command) if m.startswith(("icalendar", "rehab_tui.formats.ics"))]
    assert "icalendar" in modules("export", "--format", "ics")
