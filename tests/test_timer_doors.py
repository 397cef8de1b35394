"""`rehab remind install` cannot be steered by a path (docs/architecture.md,
"Reminders"; issue #23): a database path holding a line break once wrote a
second crontab line, a job of the path's choosing, behind a preview that hid
the break. A path with a control character is refused, an awkward one (a
quote, a space, %, $) installs and verifies, and uninstall removes exactly what
install wrote."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import assert_error, file_bytes, new_db, ok, run

from rehab_tui.timers import CRON_MARKER, UNIT_MARKER

HOSTILE = "x\n* * * * * touch PWNED\n#"
USER_CRONTAB = "MAILTO=me\n# nightly\n0 3 * * * backup-things --to '/mnt/b a'\n\n*/10 * * * * fetchmail\n"


def hostile_db(tmp_path: Path) -> Path:
    folder = tmp_path / HOSTILE
    folder.mkdir(parents=True)
    return new_db(folder)


@pytest.mark.parametrize("via", ["cron", "systemd"])
def test_a_path_with_a_line_break_is_refused_and_nothing_written(tmp_path: Path, via: str) -> None:
    db = hostile_db(tmp_path)
    crontab, units = tmp_path / "crontab", tmp_path / "units"
    crontab.write_text(USER_CRONTAB)
    where = ["--crontab-file", crontab] if via == "cron" else ["--unit-dir", units]
    ran = run(db, "remind", "install", "--yes", "--via", via, *where)
    message = assert_error(ran, contains="control character")
    assert "the database path" in message and "\\n" in message  # the character named, as its escape
    assert crontab.read_text() == USER_CRONTAB
    assert not units.exists()
    assert not (tmp_path / "PWNED").exists()


def test_a_path_with_a_quote_a_space_and_signs_installs_and_runs_as_itself(tmp_path: Path) -> None:
    folder = tmp_path / "Jo's data 100% $HOME"
    folder.mkdir()
    db = new_db(folder)
    crontab = tmp_path / "crontab"
    crontab.write_text(USER_CRONTAB)
    shown = ok(db, "remind", "install", "--yes", "--via", "cron", "--crontab-file", crontab)
    written = crontab.read_text()
    (line,) = [line for line in written.splitlines() if line.endswith(CRON_MARKER)]
    assert line in shown.lines  # the preview is the line, byte for byte
    # The shell cron runs gets back exactly the path (cron turns \% into %).
    command = line.split(" ", 5)[5].removesuffix(CRON_MARKER).replace("\\%", "%")
    words = subprocess.run(
        ["sh", "-c", f"printf '%s\\n' {command.replace(sys.executable, 'X', 1)}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert words == ["X", "-m", "rehab_tui", "--db", str(db), "remind", "run"]


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_systemd_units_for_an_awkward_path_verify_and_carry_the_marker(tmp_path: Path) -> None:
    folder = tmp_path / 'Jo\'s "data" 100% $HOME \\ end'
    folder.mkdir()
    db = new_db(folder)
    units = tmp_path / "units"
    ok(db, "remind", "install", "--yes", "--unit-dir", units)
    service = units / "rehab-remind.service"
    assert service.read_text().splitlines()[0] == UNIT_MARKER
    verified = subprocess.run(
        ["systemd-analyze", "verify", *map(str, sorted(units.iterdir()))], capture_output=True, text=True, timeout=60
    )
    assert verified.returncode == 0, verified.stderr


def test_uninstall_after_install_leaves_the_crontab_byte_identical(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    crontab = tmp_path / "crontab"
    crontab.write_text(USER_CRONTAB)
    before = file_bytes(crontab)
    ok(db, "remind", "install", "--yes", "--via", "cron", "--crontab-file", crontab)
    ok(db, "remind", "install", "--yes", "--via", "cron", "--every", "15", "--crontab-file", crontab)
    assert file_bytes(crontab) != before
    ok(db, "remind", "uninstall", "--yes", "--via", "cron", "--crontab-file", crontab)
    assert file_bytes(crontab) == before


def test_uninstall_leaves_a_unit_it_did_not_write(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    units = tmp_path / "units"
    units.mkdir()
    mine = units / "rehab-remind.service"
    mine.write_text("[Service]\nExecStart=/usr/bin/true\n")
    ran = ok(db, "remind", "uninstall", "--yes", "--unit-dir", units)
    assert "left alone" in ran.out and mine.exists()
