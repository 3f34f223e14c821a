"""`parallax-gui`: QApplication set-up, theme, translations, crash handling, and main().

    parallax-gui [WORKSPACE | FILE ...] [--screenshot OUT.png [--size WxH]]
                 [--mode reading|segments] [--theme light|dark|system] [--lang zh_CN]

With no files it opens the built-in sample. `--screenshot` waits until every background task has
finished and the comparison is on screen, saves a PNG of the window (`--size`, by default
1366x768, a common laptop screen) and exits 0. A screenshot run reads and writes none of the
user's settings (window state, mode, columns): it keeps them in a throwaway file.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from parallax import __version__
from parallax.core.errors import ParallaxError
from parallax.core.paths import resources_dir
from parallax.core.workspace import SUFFIX, Workspace
from parallax.logs import configure_logging, log_file
from parallax.ui.plain import fail, warn

log = logging.getLogger(__name__)

ORGANIZATION = "Parallax"
APPLICATION = "Parallax"
SCREENSHOT_TIMEOUT_MS = 10 * 60 * 1000
SCREENSHOT_SIZE = (1366, 768)
_translators: list[QTranslator] = []


def window_size(text: str) -> tuple[int, int]:
    """`WxH` (e.g. 1366x768) as a pair of pixel counts; argparse reports a bad value."""
    width, sep, height = text.lower().replace("\u00d7", "x").partition("x")
    try:
        size = (int(width), int(height)) if sep else None
    except ValueError:
        size = None
    if size is None or not (200 <= size[0] <= 10000 and 200 <= size[1] <= 10000):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT in pixels, e.g. 1366x768, "
                                         f"not {text!r}")
    return size


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="parallax-gui",
        description="Compare a Chinese news article with its translation and other reports.",
    )
    parser.add_argument("files", nargs="*", type=Path,
                        help="a .parallax workspace, or articles (the first is the original)")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png",
                        help="save a PNG of the window once everything is shown, then exit")
    parser.add_argument("--size", type=window_size, default=SCREENSHOT_SIZE, metavar="WxH",
                        help="window size of a screenshot (default: 1366x768)")
    parser.add_argument("--mode", choices=("reading", "segments"), default=None)
    parser.add_argument("--theme", choices=("system", "light", "dark"), default=None)
    parser.add_argument("--lang", default=None, metavar="LOCALE",
                        help="user-interface language, e.g. zh_CN (default: the system's)")
    parser.add_argument("--no-translate", action="store_true",
                        help="do not machine-translate on open")
    parser.add_argument("--version", action="version", version=f"Parallax {__version__}")
    return parser.parse_args(list(argv))


# ---- crashes (logging itself is set up by parallax.logs) ----------------------------------
def install_crash_handlers() -> None:
    sys.excepthook = _excepthook


def _excepthook(kind: type[BaseException], exc: BaseException,
                tb: TracebackType | None) -> None:
    """An unexpected error: log the traceback, show the user a short message, keep running."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    text = "".join(traceback.format_exception(kind, exc, tb))
    log.error("unexpected error:\n%s", text)
    if QApplication.instance() is None:
        return
    try:
        if isinstance(exc, ParallaxError):
            message = str(exc)
        else:
            message = QCoreApplication.translate(
                "App", "Something unexpected went wrong ({0}). Your work is autosaved; "
                "details are in {1}.").format(type(exc).__name__, log_file())
        from parallax.ui.tasks import report_unattended

        if not report_unattended(message):
            fail(None, "Parallax", message)
    except Exception:  # never recurse from the last-resort handler
        log.exception("could not show the error dialog")


# ---- application set-up --------------------------------------------------------------------
def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def remove_translators(app: QCoreApplication) -> None:
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()


def install_translator(app: QCoreApplication, locale: QLocale) -> bool:
    """Load our translation (and Qt's own) for `locale`; True when ours was found.

    English needs no file: the source strings are English."""
    remove_translators(app)
    ours = QTranslator(app)
    loaded = ours.load(locale, "parallax", "_", str(i18n_dir()))
    if loaded:
        app.installTranslator(ours)
        _translators.append(ours)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _translators.append(qt)
    return loaded


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        list(argv or [sys.argv[0] if sys.argv else "parallax-gui"]))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Parallax")
    app.setApplicationVersion(__version__)
    from parallax.ui.main_window import window_icon

    icon = window_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    return app


class FileOpenHandler(QObject):
    """Opens the files macOS hands over with QFileOpenEvent (a double-click on a .parallax in
    Finder, a file dropped on the Dock icon): there they never arrive in argv. Files that come
    before the window exists wait for `attach`."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.pending: list[Path] = []
        self._window: Any = None
        app.installEventFilter(self)

    def attach(self, window: Any) -> None:
        """From now on open files in `window` (its `open_paths`), starting with those waiting."""
        self._window = window
        waiting, self.pending = self.pending, []
        if waiting:
            window.open_paths(waiting)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        name = event.file() or event.url().toLocalFile()
        if not name:
            return False
        if self._window is None:
            self.pending.append(Path(name))
        else:
            self._window.open_paths([Path(name)])
        return True


def _locale(lang: str | None) -> QLocale:
    return QLocale(lang) if lang else QLocale.system()


def _theme_preference() -> str:
    from parallax.ui.preferences import load_preferences

    return load_preferences().theme


def open_initial(paths: Sequence[Path]) -> tuple[Workspace, Path | None]:
    """The workspace to start with: a .parallax file, articles, or the built-in sample."""
    from parallax.core.loaders import load_path
    from parallax.core.samples import sample_workspace

    if not paths:
        return sample_workspace(), None
    if paths[0].suffix.lower() == SUFFIX:
        return Workspace.load(paths[0]), paths[0]
    articles = [load_path(p) for p in paths]
    workspace = Workspace(articles[0])
    for article in articles[1:]:
        workspace = workspace.with_source(article, "report")
    return workspace, None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    configure_logging()  # a no-op when the entry point (python -m parallax) did it already
    install_crash_handlers()
    app = create_application()
    file_opener = FileOpenHandler(app)  # before anything can spin the event loop
    install_translator(app, _locale(args.lang))
    from parallax.ui.document import WorkspaceDocument
    from parallax.ui.main_window import MainWindow
    from parallax.ui.recovery import ask_to_restore, offer_recovery, tell_set_aside
    from parallax.ui.theme import apply_theme

    theme = args.theme or _theme_preference()
    apply_theme(theme if theme in ("system", "light", "dark") else "system")  # type: ignore[arg-type]
    try:
        workspace, path = open_initial(args.files)
    except ParallaxError as exc:
        if args.screenshot is not None:
            log.error("cannot open %s: %s", [str(f) for f in args.files], exc)
            if sys.stderr is not None:
                sys.stderr.write(f"parallax-gui: {_terminal_text(str(exc))}\n")
            return 2
        warn(None, "Parallax", str(exc))
        try:
            workspace, path = open_initial([])  # the built-in sample instead
        except (ParallaxError, OSError, ValueError) as sample_exc:
            log.error("the built-in sample cannot be opened: %s", sample_exc)
            fail(None, "Parallax", QCoreApplication.translate(
                "App", "The built-in sample is missing or damaged ({0}); please reinstall "
                "Parallax.").format(sample_exc))
            return 2
    errors: list[str] = []
    if args.screenshot is not None:
        from parallax.ui.tasks import run_unattended

        errors = run_unattended()
    # Work a crashed run left behind is offered before anything else starts.
    recovered = None if args.screenshot is not None else offer_recovery(
        ask_to_restore(None), tell_set_aside(None))
    if recovered is not None:
        workspace, path = recovered.workspace, recovered.original_path
    document = WorkspaceDocument(workspace, path, dirty=recovered is not None, start=False)
    # A screenshot run must not remember its mode, geometry or columns as the user's.
    scratch = tempfile.TemporaryDirectory(prefix="parallax-screenshot-") \
        if args.screenshot is not None else None
    settings = None if scratch is None else QSettings(
        str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(document,
                        settings=settings,
                        translate_on_open=False if args.no_translate else None,
                        autosave=args.screenshot is None)
    if args.mode:
        window.set_mode(args.mode)
    if args.screenshot is not None:
        try:
            code = screenshot(app, window, args.screenshot, size=args.size)
        finally:
            if scratch is not None:
                scratch.cleanup()
        for message in errors:  # the picture is saved, but the run did not go cleanly
            if sys.stderr is not None:
                sys.stderr.write(f"parallax-gui: {_terminal_text(message)}\n")
        return code if not errors else max(code, 1)
    window.show()
    file_opener.attach(window)
    return app.exec()


def prepare_screenshot(window: Any, size: tuple[int, int] = SCREENSHOT_SIZE) -> None:
    """Show the window at a screenshot's size (by default a 1366x768 laptop screen)."""
    window.resize(size[0], size[1])
    window.show()
    window.resize(size[0], size[1])


def save_screenshot(window: Any, out: Path) -> bool:
    """Grab the window as it is now into a PNG file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = bool(window.grab().save(str(out), "PNG"))
    if not ok:
        log.error("could not write %s", out)
    return ok


def screenshot(app: QApplication, window: Any, out: Path,
               timeout_ms: int = SCREENSHOT_TIMEOUT_MS,
               size: tuple[int, int] = SCREENSHOT_SIZE) -> int:
    """Show the window at `size`, wait for background work to settle, save it as PNG; 0 on
    success. Runs the application's event loop and quits it when done."""
    prepare_screenshot(window, size)
    result = {"code": 1}

    def grab() -> None:
        result["code"] = 0 if save_screenshot(window, out) else 1
        window.confirm_close = False  # a screenshot run never asks to save
        window.close()
        app.quit()

    def check() -> None:
        if window.is_settled():
            poll.stop()
            # One more turn of the event loop so views repaint with the final data.
            QTimer.singleShot(200, grab)

    poll = QTimer(window)
    poll.setInterval(50)
    poll.timeout.connect(check)
    poll.start()

    def give_up() -> None:
        log.error("background work did not finish in time; saving the window as it is")
        poll.stop()
        grab()

    QTimer.singleShot(timeout_ms, give_up)
    app.exec()
    return result["code"]


def _terminal_text(text: str) -> str:
    """`text` safe to print (the command line's rule), loaded only when there is an error."""
    from parallax.cli.output import terminal_text

    return terminal_text(text)


if __name__ == "__main__":
    raise SystemExit(main())
