"""Find in all columns (Ctrl+F): a slim bar under the columns, like a browser's.

The bar only collects the query; the window passes it to the view in front (`find(text)`
returns the number of matches, `find_next()` moves to the next one) and shows the count here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    find_requested = Signal(str)  # the query changed (empty: clear highlights)
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel(self.tr("Find:")))
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Text in any column"))
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        layout.addWidget(self.edit, 1)
        self.next_button = QToolButton(self)
        self.next_button.setText(self.tr("Next"))
        self.next_button.setToolTip(self.tr("Next match (Enter)"))
        self.next_button.clicked.connect(self._next)
        self.previous_button = QToolButton(self)
        self.previous_button.setText(self.tr("Previous"))
        self.previous_button.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.previous_button.clicked.connect(self._previous)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(90)
        layout.addWidget(self.count_label)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(self.tr("Close (Esc)"))
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)
        # Typing fast should not search on every key in a long article.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self._emit_find)
        self.edit.textChanged.connect(lambda _t: self._debounce.start())
        self.edit.returnPressed.connect(self._next)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self._debounce.stop()
        self.hide()
        self.find_requested.emit("")
        self.closed.emit()

    def query(self) -> str:
        return self.edit.text()

    def set_count(self, count: int | None) -> None:
        if count is None or not self.edit.text():
            self.count_label.setText("")
        elif count == 0:
            self.count_label.setText(self.tr("No matches"))
        else:
            self.count_label.setText(self.tr("%n match(es)", "", count))

    def search_now(self) -> None:
        """Search without waiting for the typing pause (tests, Enter)."""
        self._debounce.stop()
        self._emit_find()

    def _emit_find(self) -> None:
        self.find_requested.emit(self.edit.text())

    def _next(self) -> None:
        if self._debounce.isActive():
            self.search_now()
        elif self.edit.text():
            self.next_requested.emit()

    def _previous(self) -> None:
        if self._debounce.isActive():
            self.search_now()
        elif self.edit.text():
            self.previous_requested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # Esc closes the bar even where a window-wide action (Cancel) also uses Esc.
        if (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self._previous()
            return True
        if (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and event.key() == Qt.Key.Key_Escape
        ):
            if event.type() == QEvent.Type.KeyPress:
                self.close_bar()
            event.accept()
            return event.type() == QEvent.Type.KeyPress
        return super().eventFilter(watched, event)
