"""harsh's folder (docs/formats.md, "harsh"): the `habits` file and the `log` file, read into our export.

Decisions, each said again in the notes where it applies:
- frequency 0 ("tracked only, never due") becomes a 1/week quota, the lightest
  schedule here, with a note to change or archive it;
- a log line for a name the habits file does not list is skipped with a note
  (harsh keeps old lines of habits that were removed), not an error;
- `n` lines carry nothing (a miss is no check-in here); amounts are not kept;
- `s` lines become exempt snoozes, never check-ins; a comment on one is the snooze's reason;
- an end date is the last active day: archived from the day after; one not yet
  passed leaves the habit active.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from ..domain.errors import InvalidInput
from ._bounds import MAX_HARSH_BYTES, MAX_HARSH_LINE, read_lines_capped
from ._common import Draft, Moved, assemble, check_day, one_line, plural

_FREQUENCY = re.compile(r"(\d+)(w?)(?:/(\d+)(w?))?")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_SEPARATOR = re.compile(r"(?<=\s):(?=\s|$)")
_NOTE_CAP = 300
_DAY = timedelta(days=1)


def read_harsh(path: Path, today: date) -> Moved:
    """A harsh folder: its `habits` file (required) and its `log` (may be missing)."""
    if not path.is_dir():
        raise InvalidInput(f"{path} is not a folder; harsh keeps its 'habits' and 'log' files in one")
    habits_file = path / "habits"
    if not habits_file.is_file():
        raise InvalidInput(f"{path} has no 'habits' file, so it is not a harsh folder")
    drafts = _read_habits(_text(habits_file), today)
    extra: list[str] = []
    log_file = path / "log"
    if log_file.is_file():
        extra = _read_log(_text(log_file), drafts, today)
    else:
        extra.append("the folder has no 'log' file, so the habits come without history")
    return assemble(list(drafts.values()), today, "harsh", extra)


def _text(file: Path) -> str:
    # Line by line, each capped: parsing one huge line would take minutes.
    raw = read_lines_capped(file, MAX_HARSH_BYTES, MAX_HARSH_LINE, "a harsh file", f"harsh's {file.name}")
    try:
        # utf-8-sig: a byte order mark (some editors write one) is read as nothing,
        # not as the start of the first habit's name.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"harsh's '{file.name}' file is not UTF-8 text") from None


def _read_habits(text: str, today: date) -> dict[str, Draft]:
    drafts: dict[str, Draft] = {}
    heading = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        where = f"line {number} of harsh's habits file"
        if not line or line.startswith("#"):
            continue
        if line.startswith("!"):
            heading = line[1:].strip()
            continue
        parts = line.split(": ")
        if len(parts) not in (2, 3) or not parts[0].strip():
            raise InvalidInput(f"{where} is not 'Name: frequency' or 'Name: frequency: YYYY-MM-DD': {line!r}")
        name, frequency = parts[0].strip(), parts[1].strip()
        if name in drafts:
            raise InvalidInput(f"{where} names '{name}' a second time; the log could not tell them apart")
        draft = Draft(name=name, cue=f"Group: {heading}" if heading else "")
        _frequency(draft, frequency, where)
        if len(parts) == 3:
            end = _date(parts[2].strip(), f"{where} has an end date")
            # harsh's end date is the habit's last active day; ours is the first archived one.
            if end >= today:
                draft.remarks.append(f"its end date {end.isoformat()} has not passed, so it is not archived")
            else:
                draft.archived = end + _DAY
                draft.remarks.append(
                    f"its end date {end.isoformat()} is its last active day: archived from {draft.archived.isoformat()}"
                )
        drafts[name] = draft
    return drafts


def _frequency(draft: Draft, text: str, where: str) -> None:
    m = _FREQUENCY.fullmatch(text.lower())
    if not m:
        raise InvalidInput(f"{where} has the frequency {text!r}; harsh writes N, Nw, T/I or T/Iw")
    times = int(m.group(1)) * (7 if m.group(2) else 1)
    if m.group(3) is None:
        times, days = (1, times) if times else (0, 1)
    else:
        days = int(m.group(3)) * (7 if m.group(4) else 1)
        if days == 0:
            raise InvalidInput(f"{where} has the frequency {text!r}: 'in 0 days' cannot be met")
        if times > days:
            raise InvalidInput(f"{where} has the frequency {text!r}: more times than days")
    if times == 0:
        draft.schedule = "1/week"
        draft.remarks.append(
            f"harsh frequency {text} means tracked only, never due; imported as 1/week, "
            "the lightest schedule here (change it or archive the habit if that is wrong)"
        )
        return
    draft.rate = (times, days)
    draft.rate_label = f"harsh frequency {text}"


def _date(text: str, what: str) -> date:
    try:
        if not _ISO.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{what} {text!r}, not a date YYYY-MM-DD") from None


def _read_log(text: str, drafts: dict[str, Draft], today: date) -> list[str]:
    """Apply the log to the drafts; return notes about lines that could not be used."""
    entries: dict[tuple[str, date], tuple[str, str, str]] = {}
    strangers: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"line {number} of harsh's log"
        # Fields are split on a colon with space (or the line's end) on both sides:
        # harsh writes "y :  : " for an empty comment and amount, an editor may
        # trim that to "y : :", and a comment may hold "a: b".
        fields = [f.strip() for f in _SEPARATOR.split(line)]
        if len(fields) < 3:
            raise InvalidInput(f"{where} is not 'YYYY-MM-DD : Habit : y|n|s': {raw.strip()!r}")
        day = _date(fields[0], f"{where} starts with")
        name, result = fields[1], fields[2].lower()
        if result not in ("y", "n", "s"):
            raise InvalidInput(f"{where} has the result {fields[2]!r}; harsh writes y, n or s")
        if len(fields) >= 5:
            comment, amount = " : ".join(fields[3:-1]), fields[-1]
        else:
            comment, amount = (fields[3] if len(fields) == 4 else ""), ""
        if name not in drafts:
            strangers[name] = strangers.get(name, 0) + 1
            continue
        check_day(day, today, f"{where} ({name})")
        # A later line for the same day and habit replaces an earlier one.
        entries[(name, day)] = (result, comment, amount)
    missed: dict[str, int] = {}
    amounts: dict[str, int] = {}
    for (name, day), (result, comment, amount) in sorted(entries.items(), key=lambda kv: kv[0][1]):
        draft = drafts[name]
        draft.history_start = min(day, draft.history_start or day)
        if result == "y":
            draft.checkins.add(day)
        elif result == "s":
            draft.skips.add(day)
        else:
            missed[name] = missed.get(name, 0) + 1
        note = one_line(comment, _NOTE_CAP)
        if note:
            draft.notes[day] = note
        if amount:
            amounts[name] = amounts.get(name, 0) + 1
    for name, count in missed.items():
        drafts[name].remarks.append(
            f"{plural(count, 'day')} logged 'n' carried nothing (a miss is a day without a check-in here)"
        )
    for name, count in amounts.items():
        drafts[name].remarks.append(f"the amounts of {plural(count, 'day')} were not carried over")
    return [
        f"the log names '{name}' ({plural(count, 'line')}), which the habits file does not list; "
        "those lines were skipped"
        for name, count in strangers.items()
    ]
