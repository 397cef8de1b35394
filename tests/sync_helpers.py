"""Two machines that sync through folders a real program keeps in step (git,
rsync), each machine's `rehab` run as a real process (docs/architecture.md, "Sync").

- `Machine(db, folder)`: `m.rehab(today, *args)` runs `python -m rehab_tui
  --db DB --today TODAY ARGS...` with this tree's code first on the path.
- `GitCarrier` / `RsyncCarrier`: `carrier.folder(name)` makes a machine's
  folder; `carrier.send(folder)` / `carrier.bring(folder)` carry it to the
  "server" and back, as the user's sync tool would.
- `m.view(today)`: the machine's export (minus the export's time) and
  streaks, what a test compares between machines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cli_helpers import Ran, run_process

#: The worktree's code, whichever rehab_tui the venv has installed.
ROOT = Path(__file__).resolve().parent.parent


def rehab_env() -> dict[str, str]:
    path = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": str(ROOT) + (os.pathsep + path if path else "")}


@dataclass
class Machine:
    db: Path
    folder: Path

    def rehab(self, today: str, *args: object, timeout: float = 120) -> Ran:
        """`rehab --db DB --today TODAY ARGS...` in a real process."""
        return run_process("--db", self.db, "--today", today, *args, env=rehab_env(), timeout=timeout)

    def ok(self, today: str, *args: object) -> Ran:
        ran = self.rehab(today, *args)
        assert ran.code == 0, f"rehab {' '.join(map(str, args))} on {self.db.name}: {ran.err}"
        assert "Traceback" not in ran.err
        return ran

    def export(self, today: str) -> dict[str, Any]:
        data = self.ok(today, "export", "--format", "json").json
        data.pop("exported_at")
        return data

    def view(self, today: str) -> tuple[dict[str, Any], Any]:
        """What a user compares between machines: the export and the streaks."""
        return self.export(today), self.ok(today, "streaks", "--json").json


def _run(*args: object, cwd: Path | None = None) -> str:
    proc = subprocess.run([*map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, f"{' '.join(map(str, args))}: {proc.stderr}"
    return proc.stdout


class GitCarrier:
    """A bare repository is the server; each machine's folder is a clone.
    After a sync the machine commits and pushes; before one it pulls."""

    def __init__(self, root: Path) -> None:
        self.server = root / "server.git"
        _run("git", "init", "-q", "--bare", "-b", "main", self.server)

    def _git(self, folder: Path, *args: object) -> str:
        return _run("git", "-c", "user.name=Runner", "-c", "user.email=runner@example.org", *args, cwd=folder)

    def folder(self, path: Path) -> Path:
        _run("git", "clone", "-q", self.server, path)
        self._git(path, "checkout", "-q", "-B", "main")
        return path

    def send(self, folder: Path) -> None:
        self._git(folder, "add", "-A")
        if self._git(folder, "status", "--porcelain").strip():
            self._git(folder, "commit", "-q", "-m", "rehab sync")
        self.bring(folder)  # another machine may have pushed meanwhile: each writes only its own file
        self._git(folder, "push", "-q", "origin", "main")

    def bring(self, folder: Path) -> None:
        if self._git(self.server, "branch", "--list", "main").strip():
            self._git(folder, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")


class RsyncCarrier:
    """A plain folder is the server; rsync copies each way, never a file
    older than the one it would replace."""

    def __init__(self, root: Path) -> None:
        self.server = root / "server"
        self.server.mkdir()
        self.rsync = shutil.which("rsync")
        assert self.rsync is not None

    def folder(self, path: Path) -> Path:
        path.mkdir()
        return path

    def send(self, folder: Path) -> None:
        _run(self.rsync, "-a", "--update", f"{folder}/", f"{self.server}/")

    def bring(self, folder: Path) -> None:
        _run(self.rsync, "-a", "--update", f"{self.server}/", f"{folder}/")
