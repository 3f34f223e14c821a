"""A short plain-text note on a sentence or a flag (the analyst's review)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from parallax.core.review import MAX_NOTE_CHARS


class NoteDialog(QDialog):
    """What the note is about (shown as text), the note, and how much room is left.

    OK is disabled while the note is longer than `MAX_NOTE_CHARS`. An empty note removes it.
    """

    def __init__(self, about: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Note"))
        layout = QVBoxLayout(self)
        subject = QLabel(about, self)
        subject.setTextFormat(Qt.TextFormat.PlainText)  # article text is never markup
        subject.setWordWrap(True)
        layout.addWidget(subject)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlainText(current)
        self.editor.setTabChangesFocus(True)
        self.editor.setAccessibleName(self.tr("Note"))
        self.editor.setPlaceholderText(self.tr("A short note, plain text (empty: no note)"))
        layout.addWidget(self.editor)
        self.room_label = QLabel(self)
        self.room_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.room_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.editor.textChanged.connect(self._update_room)
        self._update_room()
        self.resize(460, 260)

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def text(self) -> str | None:
        """The note as typed (trimmed), None when empty."""
        return self.editor.toPlainText().strip() or None

    def _update_room(self) -> None:
        used = len(self.editor.toPlainText().strip())
        if used > MAX_NOTE_CHARS:
            self.room_label.setText(self.tr("%1 characters too long").replace(
                "%1", str(used - MAX_NOTE_CHARS)))
        else:
            self.room_label.setText(self.tr("%1 characters left").replace(
                "%1", str(MAX_NOTE_CHARS - used)))
        self.ok_button().setEnabled(used <= MAX_NOTE_CHARS)
