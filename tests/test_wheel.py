"""The built wheel is the app: it installs into a fresh virtual environment and
`rehab --version` runs from it, with the files the app reads at run time (its
stylesheet, the report's template) inside the wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from rehab_tui import __version__

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_built_wheel_installs_and_runs_in_a_fresh_venv(tmp_path: Path) -> None:
    # Built from a copy: setuptools leaves a build/ folder beside the sources.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__"))
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", wheels, source],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("rehab_tui-*.whl")
    assert wheel.name.startswith(f"rehab_tui-{__version__}-")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"rehab_tui/tui/app.tcss", "rehab_tui/report/templates/report.html.j2"} <= names
    assert not any(name.startswith("tests/") for name in names)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # The wheel alone (its dependencies are this test run's own, on PYTHONPATH,
    # so that the test needs no network): what `pip install rehab-tui` puts in.
    installed = subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "--no-index", wheel], capture_output=True, text=True, timeout=300
    )
    assert installed.returncode == 0, installed.stderr
    # Only the dependencies' folder: the editable install of this checkout is
    # reached through a .pth file, which PYTHONPATH does not read.
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    ran = subprocess.run(
        [env_dir / "bin" / "rehab", "--version"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip().endswith(__version__)
    where = subprocess.run(
        [python, "-c", "import rehab_tui; print(rehab_tui.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert str(env_dir) in where.stdout, "rehab_tui was not imported from the wheel"
