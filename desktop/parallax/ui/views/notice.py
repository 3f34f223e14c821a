"""A bar above the columns that says when a comparison is rougher than it looks.

Without a translation model the original (or a source) is compared through a word-by-word
dictionary gloss, and a source with no pivot text is compared by numbers and names only; the
comparison says so in `Comparison.notes`. The bar sums that up in one line, lists every note on
request, offers the model manager, and can be dismissed (it comes back when the notes change).
Notes are shown as plain text: they quote source names, which come from article files.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from parallax.ui.plain import plain_tooltip


class ComparisonNotice(QFrame):
    """What the user should know about the comparison on screen; hidden when nothing."""

    model_manager_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparisonNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Comparison notice"))
        self._notes: tuple[str, ...] = ()
        self._glossed = False
        self._dismissed: tuple[tuple[str, ...], bool] | None = None

        self.summary = QLabel(self)
        self.summary.setObjectName("noticeSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setObjectName("noticeDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.hide()
        self.details_button = QPushButton(self)
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._show_details)
        self.models_button = QPushButton(self.tr("Model Manager…"), self)
        self.models_button.setToolTip(self.tr("Install a translation model"))
        self.models_button.clicked.connect(self.model_manager_requested)
        self.dismiss_button = QToolButton(self)
        self.dismiss_button.setText("\u2715")
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.setToolTip(self.tr("Dismiss until the comparison changes"))
        self.dismiss_button.setAccessibleName(self.tr("Dismiss"))
        self.dismiss_button.clicked.connect(self.dismiss)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.summary, 1)
        row.addWidget(self.details_button)
        row.addWidget(self.models_button)
        row.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.details)
        self.hide()

    def set_notes(self, notes: Sequence[str], glossed: bool) -> None:
        """The comparison's notes, and whether any of its pivot texts is a dictionary gloss."""
        self._notes = tuple(dict.fromkeys(n for n in notes if n.strip()))
        self._glossed = glossed
        count = len(self._notes)
        if glossed:
            text = self.tr("Compared through a dictionary gloss, not a translation: alignment "
                           "is rougher. Install a translation model for better results.")
        elif count:
            text = self.tr("Something was missing when the sources were compared: some results "
                           "are rougher or incomplete.")
        else:
            text = ""
        self.summary.setText(text)
        self.details.setText("\n".join(f"• {note}" for note in self._notes))
        self.details_button.setText(self.tr("%n note(s)", "", count))
        self.details_button.setVisible(count > 0)
        self.setToolTip(plain_tooltip("\n".join(self._notes)))
        if not count:
            self.details_button.setChecked(False)
        self._update_visibility()

    def notes(self) -> tuple[str, ...]:
        return self._notes

    def glossed(self) -> bool:
        return self._glossed

    def has_news(self) -> bool:
        """Something to say, whether or not it was dismissed."""
        return bool(self._notes) or self._glossed

    def dismiss(self) -> None:
        self._dismissed = (self._notes, self._glossed)
        self._update_visibility()

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)

    def _update_visibility(self) -> None:
        dismissed = self._dismissed == (self._notes, self._glossed)
        self.setVisible(self.has_news() and not dismissed)


class MessageBar(QFrame):
    """A one-message bar (plain text) with a dismiss button, e.g. for a missing font."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_button = QToolButton(self)
        self.dismiss_button.setText("\u2715")
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.setToolTip(self.tr("Dismiss"))
        self.dismiss_button.setAccessibleName(self.tr("Dismiss"))
        self.dismiss_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss_button)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(bool(text))
