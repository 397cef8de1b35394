"""An empty or blank `--db` or `REHAB_DB` is refused (docs/architecture.md,
"Files rehab writes"; issue #23): `--db "$DB"` with DB unset once used, and
wrote to, the user's own default database. Only a variable that is not set at
all means the default file."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import TODAY, assert_error, run_process

from rehab_tui.nagline import Fallback, fast_line


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--db", ""], {}),
        (["--db", "   "], {}),
        ([], {"REHAB_DB": ""}),
        ([], {"REHAB_DB": " "}),
    ],
    ids=["--db empty", "--db blank", "REHAB_DB empty", "REHAB_DB blank"],
)
@pytest.mark.parametrize("command", [["done", "stick"], ["today"], ["nag"]], ids=" ".join)
def test_a_blank_database_choice_is_refused_and_the_default_file_untouched(
    tmp_path: Path, args: list[str], env: dict[str, str], command: list[str]
) -> None:
    home = tmp_path / "home"
    ran = run_process(*args, "--today", TODAY, *command, env={"HOME": str(home), "XDG_DATA_HOME": "", **env})
    message = assert_error(ran, contains="empty")
    assert ("--db" if args else "REHAB_DB") in message
    assert not home.exists()  # no default database was made, let alone written


def test_the_nag_fast_path_leaves_a_blank_choice_to_the_full_command(tmp_path: Path) -> None:
    for environ, args in (({"REHAB_DB": ""}, ["nag"]), ({"REHAB_DB": " "}, ["nag"]), ({}, ["--db", " ", "nag"])):
        with pytest.raises(Fallback):
            fast_line(args, environ={"HOME": str(tmp_path), **environ})
