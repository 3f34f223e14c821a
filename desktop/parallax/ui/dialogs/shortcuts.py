"""Help › Keyboard Shortcuts: every shortcut, read from the window's actions when it opens.

The list is generated, not written down: an action's shortcut changed (or translated) is what
the dialog shows. Keys that belong to a view rather than to an action (stepping through
sentences, activating, editing in place) are listed after them.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Keys of the views themselves (not actions): (what, keys), translated when shown.
VIEW_KEYS: tuple[tuple[object, object], ...] = (
    (QT_TRANSLATE_NOOP("ShortcutsDialog",
                       "Next / previous sentence, with its counterparts and the selected pair"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Alt+Down / Alt+Up")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog",
                       "Segments mode: move the selection (and the selected pair)"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Up / Down / Left / Right / Page Up / Page Down")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Select the sentence under the cursor"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Enter")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Segments mode: edit the translation in this cell"),
     "F2"),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Differences list: go to the difference"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Enter")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Coverage map: move between cells / open the pair"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Arrow keys / Enter")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog",
                       "Column menu (move, hide, compare) of the focused column title"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Space")),
)


def _view_keys() -> list[tuple[str, str]]:
    def translated(text: object) -> str:
        return QCoreApplication.translate("ShortcutsDialog", str(text))

    return [(translated(what), translated(keys)) for what, keys in VIEW_KEYS]


def _label(action: QAction) -> str:
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("…").removesuffix("...").strip()


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(what it does, its keys) for every action with a shortcut, then the views' own keys."""
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        if not keys:
            continue
        row = (_label(action), ", ".join(keys))
        if row not in seen:
            seen.add(row)
            rows.append(row)
    return rows + _view_keys()


class ShortcutsDialog(QDialog):
    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        rows = shortcut_rows(actions)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for n, (what, keys) in enumerate(rows):
            self.table.setItem(n, 0, QTableWidgetItem(what))
            item = QTableWidgetItem(keys)
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(n, 1, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 520)

    def rows(self) -> list[tuple[str, str]]:
        """The table as shown: (command, keys) per row."""
        def cell(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(cell(n, 0), cell(n, 1)) for n in range(self.table.rowCount())]
