"""One entry point for everything: `python -m parallax` and the packaged `parallax` binary.

- no arguments, or a file to open (`parallax report.parallax`) -> the GUI;
- `--self-test` -> the bundle self-test (`parallax.selftest`);
- a CLI command or option (`info`, `translate`, `--help`, ...) -> the command line.

Logging is set up by `parallax.logs` (a windowed frozen app, which has no stderr, logs to
a file under `paths.log_dir()`).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

from parallax.logs import configure_logging

log = logging.getLogger(__name__)

SELF_TEST_FLAG = "--self-test"
CLI_OPTIONS = frozenset({"-h", "--help", "--version", "-v", "--verbose"})
# Benchmark hooks (bench/bundle.py, bench/startup.py): quit as soon as the main window has
# painted once, or once its first comparison is on screen and nothing runs in the background.
EXIT_AFTER_FIRST_PAINT_ENV = "PARALLAX_EXIT_AFTER_FIRST_PAINT"
EXIT_WHEN_SETTLED_ENV = "PARALLAX_EXIT_WHEN_SETTLED"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def bundle_dir() -> Path | None:
    """The unpacked bundle (PyInstaller's `sys._MEIPASS`), or None when not frozen."""
    root = getattr(sys, "_MEIPASS", None)
    return Path(root) if root else None


def is_cli_invocation(argv: Sequence[str]) -> bool:
    if not argv:
        return False
    from parallax.cli import COMMAND_MODULES

    return argv[0] in COMMAND_MODULES or argv[0] in CLI_OPTIONS


def _attach_windows_console() -> None:
    """A windowed Windows build has no console; borrow the parent's for CLI output."""
    if sys.platform != "win32" or sys.stdout is not None:
        return
    import ctypes

    attach_parent_process = -1
    kernel32 = ctypes.windll.kernel32
    if kernel32.AttachConsole(attach_parent_process):
        sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115 - process-long
        sys.stderr = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115


def _prepare_environment() -> None:
    # Argos reads its folders at import time: point it at ours before anything imports it.
    if "ARGOS_PACKAGES_DIR" not in os.environ:
        from parallax.core.paths import models_dir

        os.environ["ARGOS_PACKAGES_DIR"] = str(models_dir())
    install_bundled_models()


def bundled_models() -> list[Path]:
    """The `.argosmodel` files a build shipped (`make build MODEL=...`) in its models/ folder."""
    root = bundle_dir()
    return sorted((root / "models").glob("*.argosmodel")) if root else []


def _package_pair(package: Path) -> tuple[str, str]:
    """(from_code, to_code) from the package's metadata.json, without unpacking it."""
    with zipfile.ZipFile(package) as zf:
        name = next(n for n in zf.namelist()
                    if n.count("/") == 1 and n.endswith("/metadata.json"))
        data = json.loads(zf.read(name))
    return str(data["from_code"]), str(data["to_code"])


def install_bundled_models() -> list[Path]:
    """Install each bundled model once, unless the user already has a model for its pair.

    A marker file in the models folder records the install, so a model the user removes later
    is not forced back on them. Returns the packages installed now."""
    packages = bundled_models()
    if not packages:
        return []  # the usual case: spare the GUI's start the model modules (urllib, ssl)
    from parallax.core.errors import ParallaxError
    from parallax.core.paths import models_dir
    from parallax.core.translate.engine import LanguagePair
    from parallax.core.translate.models import find_model, install_model

    installed = []
    for package in packages:
        marker = models_dir() / f".bundled-{package.name}"
        if marker.exists():
            continue
        try:
            pair = LanguagePair(*_package_pair(package))
            if find_model(pair) is None:
                install_model(package)
                installed.append(package)
                log.info("installed the bundled model %s (%s)", package.name, pair)
            marker.write_text(f"{pair}\n", encoding="utf-8")
        except (ParallaxError, OSError, KeyError, StopIteration, ValueError,
                zipfile.BadZipFile) as exc:
            log.warning("could not install the bundled model %s: %s", package.name, exc)
    return installed


def run_gui(argv: Sequence[str]) -> int:
    from parallax.ui.app import main as gui_main

    if os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV) == "1":
        _exit_after_first_paint()
    elif os.environ.get(EXIT_WHEN_SETTLED_ENV) == "1":
        _exit_when_settled()
    return int(gui_main(list(argv)) or 0)


def _exit_now() -> None:
    logging.shutdown()
    os._exit(0)


def _exit_after_first_paint() -> None:
    """Create the app early and end the process once a widget of the main window has painted.

    `os._exit`, not `app.exit`: background work started on open (the comparison) would
    otherwise hold the process until it finishes, and that is not part of starting up."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow, QWidget

    from parallax.ui.app import create_application

    app = create_application()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
            if (event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                    and isinstance(watched.window(), QMainWindow)):
                app.removeEventFilter(self)
                QTimer.singleShot(0, _exit_now)
            return False

    app.installEventFilter(FirstPaint(app))


def _exit_when_settled() -> None:
    """Create the app early and end the process once the main window shows a comparison and
    has nothing left to do (refinements included): what a user waits for before working."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from parallax.ui.app import create_application
    from parallax.ui.main_window import MainWindow

    app = create_application()

    def check() -> None:
        for widget in QApplication.topLevelWidgets():
            if (isinstance(widget, MainWindow) and widget.isVisible()
                    and widget.document.comparison is not None and widget.is_settled()):
                if widget.autosaver is not None:
                    widget.autosaver.clear()  # or the next start offers to restore it
                _exit_now()

    poll = QTimer(app)
    poll.setInterval(5)
    poll.timeout.connect(check)
    poll.start()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if is_frozen():
        import multiprocessing

        multiprocessing.freeze_support()
    if args[:1] == [SELF_TEST_FLAG]:
        _attach_windows_console()
        from parallax.selftest import run_self_test  # sets up its own logging

        return run_self_test(sys.stdout)
    if is_cli_invocation(args):
        _attach_windows_console()
        from parallax.cli.output import install_safe_streams

        install_safe_streams()  # before logging holds on to stderr
        verbose = bool({"-v", "--verbose"} & set(args))
        configure_logging(to_file=False,
                          console_level=logging.INFO if verbose else logging.WARNING)
        _prepare_environment()
        from parallax.cli import main as cli_main

        return cli_main(args)
    configure_logging()
    _prepare_environment()
    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
