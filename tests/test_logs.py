"""Logging is set up in one place (parallax.logs) for the GUI, the command line and the
self-test: one log folder, one crash file, and a host's own set-up left alone."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import parallax
from parallax.logs import CRASH_FILE_NAME, configure_logging


def _run(code: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {"PARALLAX_HOME": str(home), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True, timeout=120)


def test_without_stderr_logs_and_faults_go_to_files(tmp_path: Path) -> None:
    """What a windowed frozen app gets: `sys.stderr is None`, even for the command line."""
    out = _run(
        "import faulthandler, logging, sys\n"
        "sys.stderr = None\n"
        "from parallax.logs import configure_logging, crash_file\n"
        "path = configure_logging(to_file=False)\n"
        "logging.getLogger('parallax.test').warning('written without a console')\n"
        "print(path, crash_file(), faulthandler.is_enabled(), sep='\\n')\n",
        tmp_path).stdout.split("\n")
    log_file, crash = Path(out[0]), Path(out[1])
    assert log_file.parent == tmp_path / "logs" == crash.parent
    assert "written without a console" in log_file.read_text(encoding="utf-8")
    assert crash.name == CRASH_FILE_NAME and crash.exists()
    assert out[2] == "True"


def test_a_console_run_logs_to_stderr_only_from_its_level_and_once(tmp_path: Path) -> None:
    result = _run(
        "import logging\n"
        "from parallax.logs import configure_logging\n"
        "print(configure_logging(to_file=False))\n"
        "configure_logging(to_file=False, console_level=logging.DEBUG)  # changes nothing\n"
        "log = logging.getLogger('parallax.test')\n"
        "log.info('a detail')\n"
        "log.warning('worth seeing')\n",
        tmp_path)
    assert result.stdout.strip() == "None"
    assert result.stderr == "WARNING parallax.test: worth seeing\n"
    assert not (tmp_path / "logs" / "parallax.log").exists()


def test_the_gui_logs_to_a_file_and_warnings_to_the_console(tmp_path: Path) -> None:
    result = _run(
        "import logging\n"
        "from parallax.logs import configure_logging\n"
        "configure_logging()\n"
        "log = logging.getLogger('parallax.test')\n"
        "log.info('kept in the file')\n"
        "log.warning('shown and kept')\n",
        tmp_path)
    text = (tmp_path / "logs" / "parallax.log").read_text(encoding="utf-8")
    assert "INFO parallax.test: kept in the file" in text
    assert "WARNING parallax.test: shown and kept" in text
    assert result.stderr == "WARNING parallax.test: shown and kept\n"


def test_a_host_that_set_up_logging_keeps_its_own(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    handler = logging.FileHandler(tmp_path / "host.log")
    root.addHandler(handler)
    try:
        assert configure_logging() is None
        assert root.handlers == [*before, handler]
    finally:
        root.removeHandler(handler)
        handler.close()


def test_no_other_module_sets_logging_or_faulthandler_up() -> None:
    package = Path(parallax.__file__).parent
    setting_up = re.compile(r"basicConfig\(|faulthandler\.enable\(|FileHandler\(|"
                            r"\.addHandler\(|sys\.excepthook\s*=")
    found = [f"{path.relative_to(package)}:{number}"
             for path in sorted(package.rglob("*.py")) if path.name != "logs.py"
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if setting_up.search(line)]
    assert found == ["ui/app.py:" + str(_excepthook_line(package / "ui" / "app.py"))]


def _excepthook_line(path: Path) -> int:
    """The GUI's own last-resort handler (it shows a dialog, so it stays with the GUI)."""
    lines = path.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if "sys.excepthook = " in line)
