"""Logging for every entry point (the GUI, the command line, the self-test), set up in one place.

Log files and the crash file live in `paths.log_dir()`. A windowed frozen app has no stderr
(`sys.stderr is None`): it always logs to a file then, and faulthandler writes the Python stack
of a hard crash (a segfault in a native library) to the crash file. No Qt here: the command line
and the self-test use it too.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import logging.handlers
import sys
from pathlib import Path
from typing import TextIO

from parallax.core.paths import log_dir

LOG_FILE_NAME = "parallax.log"
CRASH_FILE_NAME = "crash.log"
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
CONSOLE_FORMAT = "%(levelname)s %(name)s: %(message)s"
_MAX_BYTES = 1_000_000
_BACKUPS = 2

_crash_stream: TextIO | None = None  # kept open for the life of the process
_log_path: Path | None = None  # the file this module set up, if any


def log_file(name: str = LOG_FILE_NAME) -> Path:
    return log_dir() / name


def crash_file() -> Path:
    return log_dir() / CRASH_FILE_NAME


def configure_logging(*, to_file: bool = True, file_name: str = LOG_FILE_NAME,
                      file_level: int = logging.INFO,
                      console_level: int | None = logging.WARNING) -> Path | None:
    """Send records to a rotating log file (`to_file`, or whenever there is no stderr) and to
    stderr from `console_level` up (None: not at all); point faulthandler at the crash file
    when logging to a file, else at stderr. Returns the log file set up here, if any.

    Only the first set-up counts: when the root logger already has handlers (an earlier call,
    or a host such as a test runner that configured logging itself) nothing changes, as with
    `logging.basicConfig`.
    """
    global _log_path
    root = logging.getLogger()
    if root.handlers:
        return _log_path
    to_file = to_file or sys.stderr is None
    levels = []
    path = None
    if to_file:
        path = log_file(file_name)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8")
        handler.setFormatter(logging.Formatter(FILE_FORMAT))
        handler.setLevel(file_level)
        root.addHandler(handler)
        levels.append(file_level)
        _log_path = path
    if console_level is not None and sys.stderr is not None:
        console = logging.StreamHandler(sys.stderr)
        console.setFormatter(logging.Formatter(CONSOLE_FORMAT))
        console.setLevel(console_level)
        root.addHandler(console)
        levels.append(console_level)
    root.setLevel(min(levels, default=logging.WARNING))
    _enable_faulthandler(to_file)
    return path


def _enable_faulthandler(to_file: bool) -> None:
    global _crash_stream
    if not to_file:
        # To sys.stderr, which needs a real file descriptor: a wrapped one gets no report.
        with contextlib.suppress(AttributeError, ValueError, OSError):
            faulthandler.enable()
        return
    if _crash_stream is None:
        _crash_stream = open(crash_file(), "a", encoding="utf-8")  # noqa: SIM115 - process-long
    faulthandler.enable(file=_crash_stream)
