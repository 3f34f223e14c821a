"""Add a source: from a file (or a drop), pasted text or a URL, with its role, outlet and date.

Loading runs in a `Task` (files can be large, URLs slow); errors appear inline in the dialog.
The article is loaded before OK closes the dialog, so what the user accepts is what they saw.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from parallax.core.article import Article
from parallax.core.errors import InputError
from parallax.core.loaders import fetch_url, load_path, load_text
from parallax.core.workspace import ROLES, Role
from parallax.ui.tasks import Task, TaskContext, user_message

URL_TIMEOUT_S = 15.0
PAGES = ("file", "paste", "url")


class SourceChoice(NamedTuple):
    """What the dialog produces: unpack as `(article, role, label)`."""

    article: Article
    role: Role
    label: str


class AddSourceDialog(QDialog):
    """Pick where a source comes from and what it is; `result_source()` after Accepted."""

    loaded = Signal(object)  # the Article, after a successful load
    load_failed = Signal(str)  # the message shown

    def __init__(self, parent: QWidget | None = None, role: Role = "report") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a source"))
        self.setAcceptDrops(True)
        self.resize(560, 460)
        self._article: Article | None = None
        self._task: Task[Article] | None = None
        self._accept_after_load = False

        # -- where from
        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText(self.tr("A .txt, .md, .html or .docx file"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        file_page = QWidget(self)
        file_layout = QVBoxLayout(file_page)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        file_layout.addLayout(row)
        hint = QLabel(self.tr("…or drop a file on this window."), file_page)
        file_layout.addWidget(hint)
        file_layout.addStretch(1)
        self.paste_edit = QPlainTextEdit(self)
        self.paste_edit.setPlaceholderText(self.tr(
            "Paste the article: headline on the first line, then the text."))
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("https://")
        url_page = QWidget(self)
        url_layout = QVBoxLayout(url_page)
        url_layout.addWidget(self.url_edit)
        url_note = QLabel(self.tr(
            "The page is downloaded only when you press OK, with a {0:.0f} s time limit; "
            "its text is extracted and never displayed as a web page.").format(URL_TIMEOUT_S),
            url_page)
        url_note.setWordWrap(True)
        url_layout.addWidget(url_note)
        url_layout.addStretch(1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(file_page, self.tr("File"))
        self.tabs.addTab(self.paste_edit, self.tr("Paste"))
        self.tabs.addTab(url_page, self.tr("URL"))

        # -- what it is
        self.role_combo = QComboBox(self)
        role_names = {"translation": self.tr("Translation of the original"),
                      "report": self.tr("Report by another outlet")}
        for value in ROLES:
            self.role_combo.addItem(role_names[value], value)
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(role)))
        self.outlet_edit = QLineEdit(self)
        self.outlet_edit.setPlaceholderText(self.tr("Outlet or translator (optional)"))
        self.date_check = QCheckBox(self.tr("Published"), self)
        self.date_edit = QDateTimeEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.date_edit.setDateTime(QDateTime.currentDateTime())
        self.date_edit.setEnabled(False)
        self.date_check.toggled.connect(self.date_edit.setEnabled)
        form = QFormLayout()
        form.addRow(self.tr("Role"), self.role_combo)
        form.addRow(self.tr("Outlet"), self.outlet_edit)
        form.addRow(self.date_check, self.date_edit)

        self.preview_label = QLabel(self)
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_label.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #D55E00;")
        self.error_label.hide()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(form)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

        self.path_edit.textChanged.connect(self._input_changed)
        self.paste_edit.textChanged.connect(self._input_changed)
        self.url_edit.textChanged.connect(self._input_changed)
        self.tabs.currentChanged.connect(self._input_changed)

    # ---- public --------------------------------------------------------------------------
    def set_page(self, page: str) -> None:
        self.tabs.setCurrentIndex(PAGES.index(page))

    def page(self) -> str:
        return PAGES[self.tabs.currentIndex()]

    def article(self) -> Article | None:
        """The loaded article as it will be added (outlet and date from the fields)."""
        if self._article is None:
            return None
        outlet = self.outlet_edit.text().strip() or self._article.outlet
        published = self._article.published
        if self.date_check.isChecked():
            published = _to_datetime(self.date_edit.dateTime())
        return dataclasses.replace(self._article, outlet=outlet, published=published)

    def result_source(self) -> SourceChoice | None:
        article = self.article()
        if article is None:
            return None
        role: Role = "translation" if self.role_combo.currentData() == "translation" \
            else "report"
        return SourceChoice(article, role, self.outlet_edit.text().strip())

    def load(self) -> None:
        """Load from the current page in the background; the result shows in the preview."""
        try:
            op = self._loader()
        except InputError as exc:
            self._fail(str(exc))
            return
        self.error_label.hide()
        self.progress.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self._task = (Task(self, op, self._loaded, key=f"add-source-{id(self)}")
                      .failure(lambda exc: self._fail(user_message(exc)))
                      .always(self._load_finished)
                      .run())

    def is_loading(self) -> bool:
        return self._task is not None

    # ---- drag and drop -------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if len(urls) != 1 or not urls[0].isLocalFile():
            event.ignore()
            return
        event.acceptProposedAction()
        self.set_page("file")
        self.path_edit.setText(urls[0].toLocalFile())
        self.load()

    # ---- internals -----------------------------------------------------------------------
    def _loader(self) -> Callable[[TaskContext], Article]:
        page = self.page()
        if page == "file":
            text = self.path_edit.text().strip()
            if not text:
                raise InputError(self.tr("Choose a file first."))
            path = Path(text).expanduser()
            return lambda ctx: load_path(path)
        if page == "paste":
            pasted = self.paste_edit.toPlainText()
            if not pasted.strip():
                raise InputError(self.tr("Paste the article's text first."))
            return lambda ctx: load_text(pasted, source="clipboard")
        url = self.url_edit.text().strip()
        if not url:
            raise InputError(self.tr("Enter the address of the article."))
        return lambda ctx: fetch_url(url, timeout=URL_TIMEOUT_S)

    def _loaded(self, article: Article) -> None:
        self._article = article
        sentences = article.sentence_count
        details = [self.tr("“{0}”").format(article.title),
                   self.tr("{0} sentences, language {1}").format(sentences, article.lang)]
        if article.outlet:
            details.append(article.outlet)
        if article.published:
            details.append(article.published.strftime("%Y-%m-%d %H:%M"))
        self.preview_label.setText(" · ".join(details))
        if not self.outlet_edit.text().strip() and article.outlet:
            self.outlet_edit.setText(article.outlet)
        if article.published and not self.date_check.isChecked():
            self.date_edit.setDateTime(_to_qdatetime(article.published))
        self.loaded.emit(article)
        if self._accept_after_load:
            self._accept_after_load = False
            self.accept()

    def _fail(self, message: str) -> None:
        self._accept_after_load = False
        self._article = None
        self.preview_label.clear()
        self.error_label.setText(message)
        self.error_label.show()
        self.load_failed.emit(message)

    def _load_finished(self) -> None:
        self._task = None
        self.progress.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def _input_changed(self) -> None:
        self._article = None
        self.preview_label.clear()
        self.error_label.hide()

    def _ok(self) -> None:
        if self._task is not None:
            return
        if self._article is not None:
            self.accept()
            return
        self._accept_after_load = True
        self.load()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add a source"), "",
            self.tr("Articles (*.txt *.md *.html *.htm *.docx);;All files (*)"))
        if path:
            self.path_edit.setText(path)
            self.load()

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()
        super().reject()


def _to_datetime(value: QDateTime) -> datetime:
    """A naive local datetime, as the loaders produce for bylines."""
    date, time = value.date(), value.time()
    return datetime(date.year(), date.month(), date.day(), time.hour(), time.minute(),
                    time.second())


def _to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, value.second)
