"""Translation models: installed Argos pairs, install from file, download, remove; GGUF models.

All file and network work runs in `Task`s; results and errors appear inline in the dialog
(`status_label`), never as a traceback. Downloads first read the index with a short timeout, so
a machine without network answers in seconds with a clear message.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from parallax.core.errors import ParallaxError
from parallax.ui.plain import Button, ask, plain_tooltip
from parallax.ui.tasks import Task, TaskContext, user_message
from parallax.ui.wording import for_the_window

log = logging.getLogger(__name__)

INDEX_TIMEOUT_S = 8.0  # offline must answer quickly
DOWNLOAD_TIMEOUT_S = 60.0
DATA_ROLE = Qt.ItemDataRole.UserRole + 1


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def _optional(module: str) -> Any | None:
    """A core module that may not exist in this build (returns None then)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def _models_api() -> Any:
    return importlib.import_module("parallax.core.translate.models")


def engines_summary() -> str:
    """One line per engine: ready, or why not and how to fix it (e.g. the LLM extra).

    May import optional engines: run it off the GUI thread.
    """
    engines = _optional("parallax.core.translate.engines")
    if engines is None:
        return ""
    try:
        available = engines.available_engines()
    except Exception as exc:  # a diagnostic line must never break the dialog
        log.info("engine availability failed", exc_info=True)
        return QCoreApplication.translate(
            "ModelManagerDialog", "Engines: unknown ({0}).").format(exc)
    lines = []
    names = set()
    for entry in available if isinstance(available, list | tuple) else []:
        names.add(str(getattr(entry, "name", "")))
        label = str(getattr(entry, "label", "") or getattr(entry, "name", entry))
        ok = bool(getattr(entry, "available", True))
        hint = for_the_window(str(getattr(entry, "reason", "") or ""))
        state = (QCoreApplication.translate("ModelManagerDialog", "ready") if ok
                 else QCoreApplication.translate("ModelManagerDialog", "not available"))
        lines.append(f"{label}: {state}" + (f" – {hint}" if hint and not ok else ""))
    if "llm" not in names:
        lines.append(QCoreApplication.translate(
            "ModelManagerDialog",
            "Local LLM (llama.cpp): not part of this installation of Parallax."))
    return "\n".join(lines)


class ModelManagerDialog(QDialog):
    """Lists and manages translation models; `work_finished(ok, message)` after each action."""

    work_finished = Signal(bool, str)

    def __init__(self, parent: QWidget | None = None, models_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Translation models"))
        self.resize(640, 480)
        self._models_dir = models_dir
        self._task: Task[Any] | None = None

        self.models_tree = QTreeWidget(self)
        self.models_tree.setHeaderLabels([self.tr("Languages"), self.tr("Version"),
                                          self.tr("Size"), self.tr("Folder")])
        self.models_tree.setRootIsDecorated(False)
        self.models_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.models_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.install_button = QPushButton(self.tr("Install from file…"), self)
        self.download_button = QPushButton(self.tr("Download…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.install_button.clicked.connect(self._choose_package)
        self.download_button.clicked.connect(self.download)
        self.remove_button.clicked.connect(self.remove_selected)
        self.models_tree.itemSelectionChanged.connect(self._update_buttons)

        self.gguf_tree = QTreeWidget(self)
        self.gguf_tree.setHeaderLabels([self.tr("Name"), self.tr("Size"), self.tr("File")])
        self.gguf_tree.setRootIsDecorated(False)
        self.add_gguf_button = QPushButton(self.tr("Add GGUF model…"), self)
        self.remove_gguf_button = QPushButton(self.tr("Forget"), self)
        self.remove_gguf_button.setToolTip(self.tr("Remove from the list; the file is kept"))
        self.add_gguf_button.clicked.connect(self._choose_gguf)
        self.remove_gguf_button.clicked.connect(self.remove_selected_gguf)
        self.gguf_tree.itemSelectionChanged.connect(self._update_buttons)

        self.engines_label = QLabel(self)
        self.engines_label.setWordWrap(True)
        self.engines_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)

        argos_box = QGroupBox(self.tr("Argos Translate language pairs"), self)
        argos_layout = QVBoxLayout(argos_box)
        argos_layout.addWidget(self.models_tree)
        row = QHBoxLayout()
        row.addWidget(self.install_button)
        row.addWidget(self.download_button)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        argos_layout.addLayout(row)
        gguf_box = QGroupBox(self.tr("Local LLM models (GGUF)"), self)
        gguf_layout = QVBoxLayout(gguf_box)
        gguf_layout.addWidget(self.gguf_tree)
        row = QHBoxLayout()
        row.addWidget(self.add_gguf_button)
        row.addStretch(1)
        row.addWidget(self.remove_gguf_button)
        gguf_layout.addLayout(row)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(argos_box, 2)
        layout.addWidget(gguf_box, 1)
        layout.addWidget(self.engines_label)
        layout.addWidget(self.status_label)
        layout.addLayout(progress_row)
        layout.addWidget(buttons)

        self._gguf_api = _optional("parallax.core.translate.gguf_models")
        gguf_box.setVisible(self._gguf_api is not None)
        self.refresh()

    # ---- listing -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read installed models (a folder listing: quick enough for the GUI thread)."""
        self.models_tree.clear()
        try:
            models = _models_api().list_models(self._models_dir)
        except (ImportError, ParallaxError, OSError) as exc:
            models = []
            self._say(for_the_window(user_message(exc)), ok=False)
        for model in models:
            item = QTreeWidgetItem([str(model.pair), model.version or "–",
                                    human_size(model.size_bytes), str(model.path)])
            item.setData(0, DATA_ROLE, str(model.pair))
            item.setToolTip(3, plain_tooltip(str(model.path)))
            self.models_tree.addTopLevelItem(item)
        if not models:
            item = QTreeWidgetItem([self.tr("No model installed yet: install an .argosmodel "
                                            "file or download one.")])
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            item.setFirstColumnSpanned(True)
            self.models_tree.addTopLevelItem(item)
        self.gguf_tree.clear()
        if self._gguf_api is not None:
            try:
                ggufs = self._gguf_api.list_gguf()
            except (ParallaxError, OSError) as exc:
                ggufs = []
                self._say(for_the_window(user_message(exc)), ok=False)
            for gguf in ggufs:
                item = QTreeWidgetItem([gguf.name, human_size(gguf.size), str(gguf.path)])
                item.setData(0, DATA_ROLE, gguf.name)
                self.gguf_tree.addTopLevelItem(item)
        Task(self, lambda ctx: engines_summary(), self.engines_label.setText,
                    key=f"model-manager-engines-{id(self)}").run()
        self._update_buttons()

    def installed_pairs(self) -> list[str]:
        return _keys(self.models_tree)

    def gguf_names(self) -> list[str]:
        return _keys(self.gguf_tree)

    # ---- actions -------------------------------------------------------------------------
    def install_file(self, path: str | Path) -> None:
        """Validate and install an .argosmodel file in the background."""
        package = Path(path)
        models_dir = self._models_dir
        self._start(
            self.tr("Installing {0}…").format(package.name),
            lambda ctx: _models_api().install_model(package, models_dir),
            lambda model: self.tr("Installed {0} (version {1}).").format(
                model.pair, model.version or "–"),
            cancellable=False,
        )

    def download(self) -> None:
        """Read the Argos index (short timeout), let the user pick a pair, download it."""
        self._start(self.tr("Reading the model index…"),
                    lambda ctx: _models_api().load_index(INDEX_TIMEOUT_S),
                    self._index_ready, cancellable=True, quiet=True)

    def download_pair(self, pair: str) -> None:
        models_dir = self._models_dir

        def op(ctx: TaskContext) -> Any:
            return _models_api().download_model(pair, on_progress=ctx.progress,
                                                cancel=ctx.cancel, timeout=DOWNLOAD_TIMEOUT_S,
                                                models_dir=models_dir)

        self._start(self.tr("Downloading {0}…").format(pair), op,
                    lambda model: self.tr("Downloaded and installed {0}.").format(model.pair),
                    cancellable=True)

    def remove_selected(self) -> None:
        item = self.models_tree.currentItem()
        pair = item.data(0, DATA_ROLE) if item is not None else None
        if not pair:
            return
        if not self.confirm(self.tr("Remove the {0} model? Translations already made are kept.")
                            .format(pair)):
            return
        models_dir = self._models_dir
        self._start(self.tr("Removing {0}…").format(pair),
                    lambda ctx: _models_api().remove_model(str(pair), models_dir),
                    lambda removed: self.tr("Removed {0}.").format(pair), cancellable=False)

    def add_gguf(self, path: str | Path) -> None:
        api = self._gguf_api
        if api is None:
            return
        file = Path(path)
        self._start(self.tr("Checking {0}…").format(file.name),
                    lambda ctx: api.add_gguf(file, on_progress=ctx.progress, cancel=ctx.cancel),
                    lambda model: self.tr("Added {0}.").format(model.name), cancellable=True)

    def remove_selected_gguf(self) -> None:
        item = self.gguf_tree.currentItem()
        api = self._gguf_api
        if item is None or api is None:
            return
        name = str(item.data(0, DATA_ROLE))
        if not self.confirm(self.tr("Forget the GGUF model {0}? The file itself is kept.")
                            .format(name)):
            return
        self._start(self.tr("Forgetting {0}…").format(name),
                    lambda ctx: api.remove_gguf(name),
                    lambda model: self.tr("Forgot {0}.").format(name), cancellable=False)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def is_busy(self) -> bool:
        return self._task is not None

    def reject(self) -> None:
        # Closing mid-download stops it; what finished (an installed model) stays installed.
        self.cancel()
        super().reject()

    def choose_pair(self, pairs: list[str]) -> str | None:
        """Ask which of the index's pairs to download (None: the user declined)."""
        pair, ok = QInputDialog.getItem(self, self.tr("Download a model"),
                                        self.tr("Language pair:"), pairs, 0, False)
        return pair if ok and pair else None

    def confirm(self, question: str) -> bool:
        # Questions quote package names and metadata: plain text only.
        return ask(self, self.windowTitle(), question) == Button.Yes

    # ---- internals -----------------------------------------------------------------------
    def _choose_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Install a translation model"), "",
            self.tr("Argos model packages (*.argosmodel);;All files (*)"))
        if path:
            self.install_file(path)

    def _choose_gguf(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add a GGUF model"), "",
                                              self.tr("GGUF models (*.gguf);;All files (*)"))
        if path:
            self.add_gguf(path)

    def _index_ready(self, index: Any) -> str:
        note = str(index.describe())  # fetched now, or the cached list offline, and its age
        installed = set(self.installed_pairs())
        pairs = sorted({str(m.pair) for m in index.models} - installed)
        if not pairs:
            return self.tr("Every model in the index is already installed.") + " " + note
        self._say(note, ok=not index.from_cache)
        pair = self.choose_pair(pairs)
        if pair:
            # Chained after this task's clean-up so the new task owns the progress bar.
            QTimer.singleShot(0, lambda: self.download_pair(pair))
        return ""

    def _start(self, message: str, op: Callable[[TaskContext], Any],
               done: Callable[[Any], str], cancellable: bool, quiet: bool = False) -> None:
        if self._task is not None:
            self._say(self.tr("Please wait for the current operation to finish."), ok=False)
            return
        self._say(message, ok=True)
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.progress.show()
        self.cancel_button.setVisible(cancellable)
        self._set_actions_enabled(False)

        def success(result: Any) -> None:
            text = done(result)
            self.refresh()
            if text or not quiet:  # a quiet step with nothing to say hands over to the next
                self._say(text, ok=True)
                self.work_finished.emit(True, text)

        def failure(exc: BaseException) -> None:
            text = for_the_window(user_message(exc))
            self.refresh()
            self._say(text, ok=False)
            self.work_finished.emit(False, text)

        def cancelled() -> None:
            text = self.tr("Cancelled.")
            self._say(text, ok=False)
            self.work_finished.emit(False, text)

        def progressed(done_count: int, total: int) -> None:
            if total > 0:
                self.progress.setRange(0, total)
                self.progress.setValue(min(done_count, total))

        self._task = (Task(self, op, success, key=f"model-manager-{id(self)}")
                      .failure(failure)
                      .on_progress(progressed)
                      .on_cancelled(cancelled)
                      .always(self._finished).run())

    def _finished(self) -> None:
        self._task = None
        self.progress.hide()
        self.cancel_button.hide()
        self._set_actions_enabled(True)

    def _set_actions_enabled(self, enabled: bool) -> None:
        for button in (self.install_button, self.download_button, self.add_gguf_button):
            button.setEnabled(enabled)
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = self._task is None if hasattr(self, "_task") else True
        item = self.models_tree.currentItem()
        self.remove_button.setEnabled(idle and item is not None
                                      and bool(item.data(0, DATA_ROLE)))
        self.remove_gguf_button.setEnabled(idle and self.gguf_tree.currentItem() is not None)

    def _say(self, text: str, ok: bool) -> None:
        self.status_label.setText(text)
        self.status_label.setProperty("error", not ok)
        self.status_label.setStyleSheet("" if ok else "color: #D55E00;")


def _keys(tree: QTreeWidget) -> list[str]:
    """The DATA_ROLE of every real row (placeholder rows have none)."""
    keys = []
    for n in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(n)
        value = item.data(0, DATA_ROLE) if item is not None else None
        if value:
            keys.append(str(value))
    return keys
