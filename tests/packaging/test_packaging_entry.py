"""The one entry point: dispatch between GUI, CLI and self-test; logging without stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from parallax.__main__ import is_cli_invocation


@pytest.mark.parametrize(
    ("argv", "cli"),
    [
        ([], False),
        (["report.parallax"], False),
        (["--screenshot", "out.png"], False),
        (["info", "a.txt"], True),
        (["translate", "a.txt"], True),
        (["--help"], True),
        (["--version"], True),
    ],
)
def test_dispatch(argv: list[str], cli: bool) -> None:
    assert is_cli_invocation(argv) is cli


def test_without_stderr_logs_and_faults_go_to_files(tmp_path: Path) -> None:
    """What a windowed frozen app gets: `sys.stderr is None`."""
    code = (
        "import logging, sys, faulthandler\n"
        "sys.stderr = None\n"
        "from parallax.__main__ import setup_crash_logging\n"
        "path = setup_crash_logging()\n"
        "logging.getLogger('parallax.test').warning('written without a console')\n"
        "print(path)\n"
        "print(faulthandler.is_enabled())\n"
    )
    env = {"PARALLAX_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout.split()
    log_file = Path(out[0])
    assert log_file.parent == tmp_path / "logs"
    assert "written without a console" in log_file.read_text(encoding="utf-8")
    assert out[1] == "True"
    assert log_file.with_suffix(".crash.log").exists()


def test_python_m_parallax_runs_the_cli(seed_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "parallax", "info", str(seed_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Sentences:" in result.stdout
