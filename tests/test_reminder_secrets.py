"""A reminder's URL may hold a token or a password: it is kept whole in the
database and masked wherever it is shown (docs/architecture.md, "Reminders";
issue #23), unless its owner asks (`remind list --show-secrets`)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from cli_helpers import assert_error, new_db, ok, rows, run

SECRETS = {
    "mailtos://me:app-passw0rd@gmail.com": "app-passw0rd",
    "tgram://123456:ABCdefSECRETtoken/98765": "ABCdefSECRETtoken",
    "ntfys://user:s3cr3t-pass@ntfy.example.org/rehab": "s3cr3t-pass",
}


@pytest.mark.parametrize("url", SECRETS, ids=lambda u: u.split(":")[0])
def test_add_list_and_remove_never_print_the_secret(tmp_path: Path, url: str) -> None:
    secret = SECRETS[url]
    db = new_db(tmp_path)
    said = [ok(db, "remind", "add", "07:30", "--to", url)]
    assert rows(db, "reminders")[0]["target"] == url  # kept whole where it is used
    said.append(ok(db, "remind", "list"))
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE reminders SET last_error = ?, last_error_at = '2026-11-21T07:30'", [f"{url}: refused"])
    said.append(ok(db, "remind", "list"))
    said.append(ok(db, "remind", "remove", "1"))
    for ran in said:
        assert secret not in ran.out + ran.err
    assert "→ " in said[1].out and url.split("://")[0] in said[1].out  # the service is still named


def test_the_owner_may_see_it_whole(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    ok(db, "remind", "add", "07:30", "--to", "mailtos://me:app-passw0rd@gmail.com")
    assert "mailtos://me:app-passw0rd@gmail.com" in ok(db, "remind", "list", "--show-secrets").out


def test_a_mistyped_url_is_not_repeated_in_the_error(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    line = assert_error(run(db, "remind", "add", "07:30", "--to", "mailtos//me:app-passw0rd@gmail.com"))
    assert "app-passw0rd" not in line and "not a notification URL" in line
    assert rows(db, "reminders") == []
