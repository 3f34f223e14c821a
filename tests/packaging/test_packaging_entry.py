"""The one entry point: dispatch between GUI, CLI and self-test (logging: tests/test_logs.py)."""

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


def test_python_m_parallax_runs_the_cli(seed_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "parallax", "info", str(seed_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Sentences:" in result.stdout
