"""The window's file actions: open (files, a workspace, the clipboard, a URL, dropped files),
add a source, save, save as, export, and the recent files.

Input is read off the GUI thread; bad input shows a dialog and leaves the open workspace as it
was. The window hears of a workspace about to be replaced (`replacing`) and of new articles once
they are in (`loaded`), and does its own part there (column layouts, translation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSettings, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMainWindow, QMenu, QMessageBox

from parallax.core.article import Article
from parallax.core.errors import ParallaxError
from parallax.core.export import DESCRIPTIONS, FORMATS, SUFFIXES, export_workspace
from parallax.core.loaders import fetch_url, load_path, load_text
from parallax.core.paths import sample_article_path
from parallax.core.workspace import SUFFIX, Role, Workspace
from parallax.ui.dialogs.add_source import AddSourceDialog
from parallax.ui.document import WorkspaceDocument
from parallax.ui.recovery import Autosaver
from parallax.ui.tasks import Task, TaskContext, show_error

MAX_RECENT = 8
URL_TIMEOUT_S = 20.0
# The Export menu's name for each format of core's one table (core.export.FORMATS), marked
# for the catalogue here and translated when the menu is built; a format without one here
# shows core's description.
EXPORT_LABELS: dict[str, str] = {
    "html": str(QT_TRANSLATE_NOOP("FileActions", "HTML report")),
    "pdf": str(QT_TRANSLATE_NOOP("FileActions", "PDF")),
    "tmx": str(QT_TRANSLATE_NOOP("FileActions", "TMX translation memory")),
    "csv": str(QT_TRANSLATE_NOOP("FileActions", "CSV table")),
    "xlsx": str(QT_TRANSLATE_NOOP("FileActions", "Excel workbook")),
    "json": str(QT_TRANSLATE_NOOP("FileActions", "JSON")),
}


class FileActions(QObject):
    replacing = Signal()  # another workspace is about to replace the open one
    loaded = Signal()  # articles came in (a workspace opened, or sources added)

    def __init__(self, window: QMainWindow, document: WorkspaceDocument, settings: QSettings,
                 autosaver: Autosaver | None) -> None:
        super().__init__(window)
        self._window = window
        self._document = document
        self._settings = settings
        self._autosaver = autosaver

    def _status(self, message: str, timeout_ms: int = 0) -> None:
        self._window.statusBar().showMessage(message, timeout_ms)

    def _article_filter(self) -> str:
        return self.tr("Articles (*.txt *.md *.markdown *.html *.htm *.docx);;All files (*)")

    def _workspace_filter(self) -> str:
        return self.tr("Parallax workspaces (*.parallax)")

    # ---- opening -------------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """True when the open workspace may be replaced (saved, discarded or clean)."""
        if not self._document.dirty or self.showing_pristine_sample():
            return True  # the sample's machine output alone is not worth a question
        answer = QMessageBox.question(
            self._window,
            self.tr("Unsaved changes"),
            self.tr("The workspace has unsaved changes. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def showing_pristine_sample(self) -> bool:
        """The built-in sample as it opened: nothing of the user's would be replaced."""
        document = self._document
        return (document.path is None and not document.undo_stack.count()
                and document.workspace.original.source == str(sample_article_path()))

    def _run_loader(self, what: str, op: Callable[[TaskContext], Any],
                    success: Callable[[Any], None]) -> None:
        """Read input off the GUI thread; bad input -> a dialog and nothing changes."""
        self._status(self.tr("Opening {0}…").format(what))
        (Task(self._window, op, success, key="open")
         .failure(lambda exc: show_error(self._window, exc))
         .always(self._window.statusBar().clearMessage)
         .run())

    def open_paths(self, paths: Iterable[str | Path], *, confirm: bool = True) -> None:
        """Open files: a workspace, or articles (the first the original, the rest reports)."""
        files = [Path(p) for p in paths]
        if not files:
            return
        if files[0].suffix.lower() == SUFFIX:
            self.open_workspace(files[0])
            return
        if confirm and not self.confirm_discard():
            return

        def op(ctx: TaskContext) -> Workspace:
            articles = [load_path(p) for p in files]
            workspace = Workspace(articles[0])
            for article in articles[1:]:
                workspace = workspace.with_source(article, "report")
            return workspace

        def done(workspace: Workspace) -> None:
            self._replace(workspace, None)
            for p in files:
                self.add_recent(p)

        self._run_loader(files[0].name, op, done)

    def open_workspace(self, path: str | Path) -> None:
        path = Path(path)
        if not self.confirm_discard():
            return

        def done(workspace: Workspace) -> None:
            self._replace(workspace, path)
            self.add_recent(path)

        self._run_loader(path.name, lambda ctx: Workspace.load(path), done)

    def open_article(self, article: Article) -> None:
        if self.confirm_discard():
            self._replace(Workspace(article), None)

    def _replace(self, workspace: Workspace, path: Path | None) -> None:
        self.replacing.emit()
        if self._autosaver is not None:
            self._autosaver.clear()
        self._document.reset(workspace, path)
        self.loaded.emit()

    def add_source(self, article: Article, role: Role = "report", label: str = "") -> None:
        self._document.change(self._document.workspace.with_source(article, role, label),
                              self.tr("Add source"))
        self.loaded.emit()

    def add_source_paths(self, paths: Iterable[str | Path], role: Role = "report") -> None:
        files = [Path(p) for p in paths]

        def done(articles: list[Article]) -> None:
            workspace = self._document.workspace
            for article in articles:
                workspace = workspace.with_source(article, role)
            self._document.change(workspace, self.tr("Add source"))
            self.loaded.emit()

        self._run_loader(files[0].name, lambda ctx: [load_path(p) for p in files], done)

    def drop_paths(self, paths: list[Path]) -> None:
        """A workspace replaces the open one; articles join it as reports, except on the
        untouched built-in sample, where the first becomes the original of a new comparison."""
        if paths[0].suffix.lower() == SUFFIX or self.showing_pristine_sample():
            self.open_paths(paths)
        else:
            self.add_source_paths(paths)

    def open_article_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._window, self.tr("Open article"),
                                              self.last_dir(), self._article_filter())
        if path:
            self.open_paths([path])

    def open_workspace_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._window, self.tr("Open workspace"),
                                              self.last_dir(), self._workspace_filter())
        if path:
            self.open_workspace(path)

    def add_source_dialog(self) -> None:
        dialog = AddSourceDialog(self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted.value:
            return
        choice = dialog.result_source()
        if choice is not None:
            self.add_source(choice.article, choice.role, choice.label)

    def paste_article(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            show_error(self._window,
                       ParallaxError(self.tr("The clipboard holds no text to open.")))
            return
        self._run_loader(self.tr("the pasted text"),
                         lambda ctx: load_text(text, source="clipboard"), self.open_article)

    def open_url_dialog(self) -> None:
        url, ok = QInputDialog.getText(self._window, self.tr("Open URL"),
                                       self.tr("Address of the article (http or https):"))
        if ok and url.strip():
            self.open_url(url.strip())

    def open_url(self, url: str) -> None:
        self._run_loader(url, lambda ctx: fetch_url(url, timeout=URL_TIMEOUT_S),
                         self.open_article)

    # ---- saving and exporting ------------------------------------------------------------
    def save(self) -> bool:
        if self._document.path is None:
            return self.save_as()
        return self.save_to(self._document.path)

    def save_as(self) -> bool:
        start = str(Path(self.last_dir()) / (self._document.display_name[:60] + SUFFIX))
        path, _ = QFileDialog.getSaveFileName(self._window, self.tr("Save workspace"), start,
                                              self._workspace_filter())
        if not path:
            return False
        if not path.endswith(SUFFIX):
            path += SUFFIX
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        try:
            self._document.save(path)
        except ParallaxError as exc:
            show_error(self._window, exc)
            return False
        if self._autosaver is not None:
            self._autosaver.clear()
        self.add_recent(path)
        self._status(self.tr("Saved {0}").format(path.name), 4000)
        return True

    def export_actions(self) -> list[QAction]:
        """One action per export format, for the File › Export menu (names `export_<fmt>`)."""
        actions = []
        for fmt in FORMATS:
            label = EXPORT_LABELS.get(fmt)
            text = (QCoreApplication.translate("FileActions", label) if label
                    else DESCRIPTIONS[fmt])
            act = QAction(text + "…", self._window)
            act.setObjectName(f"export_{fmt}")
            act.triggered.connect(lambda _c=False, fmt=fmt: self.export_dialog(fmt))
            actions.append(act)
        return actions

    def export_dialog(self, fmt: str) -> None:
        pattern = f"*{SUFFIXES[fmt]}"
        start = str(Path(self.last_dir()) / f"{self._document.display_name[:60]}.{fmt}")
        path, _ = QFileDialog.getSaveFileName(self._window, self.tr("Export"), start, pattern)
        if path:
            self.export(fmt, Path(path))

    def export(self, fmt: str, path: Path) -> None:
        workspace, comparison = self._document.workspace, self._document.comparison
        if comparison is None:
            show_error(self._window, ParallaxError(self.tr(
                "The sources are still being aligned; export again in a moment.")))
            return

        # Never over the workspace file itself or an article it was built from.
        inputs = [self._document.path] if self._document.path is not None else []
        inputs += [Path(a.source) for a in (workspace.original,
                                            *(s.article for s in workspace.sources))
                   if a.source and "://" not in a.source]

        def op(ctx: TaskContext) -> Path:
            written = export_workspace(workspace, comparison, fmt, path,
                                       on_progress=ctx.progress, cancel=ctx.cancel,
                                       inputs=inputs)
            return Path(written)

        self._status(self.tr("Exporting {0}…").format(path.name))
        (Task(self._window, op,
              lambda p: self._status(self.tr("Exported {0}").format(p.name), 5000),
              key="export")
         .failure(lambda exc: show_error(self._window, exc))
         .run())

    # ---- recent files --------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self._settings.value("recent_files", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def add_recent(self, path: Path) -> None:
        entry = str(path.resolve())
        recent = [entry] + [p for p in self.recent_files() if p != entry]
        self._settings.setValue("recent_files", recent[:MAX_RECENT])
        self._settings.setValue("last_dir", str(path.resolve().parent))

    def last_dir(self) -> str:
        return str(self._settings.value("last_dir", str(Path.home())))

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        for entry in self.recent_files():
            act = menu.addAction(entry)
            act.triggered.connect(lambda _c=False, p=entry: self.open_paths([p]))
        if not self.recent_files():
            menu.addAction(self.tr("(none)")).setEnabled(False)
