"""Manage a workspace's sources: reorder, remove, change role and label.

The dialog edits a copy (workspaces are immutable); `workspace()` after Accepted is the result,
which the window applies as one undoable change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from parallax.core.workspace import ROLES, Source, Workspace
from parallax.ui.plain import Button, ask, plain_tooltip

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SourceListDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sources"))
        self.resize(520, 360)
        self._workspace = workspace

        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        # Rebuild after the view has finished its own move, never inside it.
        self.list.model().rowsMoved.connect(lambda *_: QTimer.singleShot(0, self._dragged))
        self.list.currentRowChanged.connect(self._selected)
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        self.remove_button.clicked.connect(lambda: self.remove_current())

        self.role_combo = QComboBox(self)
        names = {"translation": self.tr("Translation"), "report": self.tr("Report")}
        for role in ROLES:
            self.role_combo.addItem(names[role], role)
        self.role_combo.activated.connect(self._role_chosen)
        self.label_edit = QLineEdit(self)
        self.label_edit.setPlaceholderText(self.tr("Name shown on its column"))
        self.label_edit.editingFinished.connect(self._label_edited)

        side = QVBoxLayout()
        side.addWidget(self.up_button)
        side.addWidget(self.down_button)
        side.addStretch(1)
        side.addWidget(self.remove_button)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(side)
        form = QFormLayout()
        form.addRow(self.tr("Role"), self.role_combo)
        form.addRow(self.tr("Name"), self.label_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._fill(select=0)

    # ---- public --------------------------------------------------------------------------
    def workspace(self) -> Workspace:
        return self._workspace

    def source_ids(self) -> list[str]:
        return [s.id for s in self._workspace.sources]

    def select(self, source_id: str) -> None:
        self.list.setCurrentRow(self.source_ids().index(source_id))

    def move_current(self, delta: int) -> None:
        row = self.list.currentRow()
        ids = self.source_ids()
        target = row + delta
        if row < 0 or not 0 <= target < len(ids):
            return
        ids[row], ids[target] = ids[target], ids[row]
        self._workspace = self._workspace.with_source_order(ids)
        self._fill(select=target)

    def remove_current(self, confirm: bool = True) -> None:
        source = self._current()
        if source is None:
            return
        if confirm and not self.confirm(self.tr(
                "Remove {0}? Its translations and edits are removed with it.").format(
                source.display_name)):
            return
        row = self.list.currentRow()
        self._workspace = self._workspace.without_source(source.id)
        self._fill(select=min(row, len(self._workspace.sources) - 1))

    def set_current_role(self, role: str) -> None:
        source = self._current()
        if source is not None and role in ROLES and role != source.role:
            self._workspace = self._workspace.with_updated_source(source.id, role=role)
            self._fill(select=self.list.currentRow())

    def set_current_label(self, label: str) -> None:
        source = self._current()
        if source is not None and label != source.label:
            self._workspace = self._workspace.with_updated_source(source.id, label=label)
            self._fill(select=self.list.currentRow())

    def confirm(self, question: str) -> bool:
        # The question quotes a source's name, taken from its file: plain text only.
        return ask(self, self.windowTitle(), question) == Button.Yes

    # ---- internals -----------------------------------------------------------------------
    def _current(self) -> Source | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return self._workspace.source(str(item.data(ID_ROLE)))

    def _fill(self, select: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for source in self._workspace.sources:
            role = self.tr("translation") if source.role == "translation" else self.tr("report")
            text = self.tr("{0} — {1}, {2} sentences, {3}").format(
                source.display_name, role, source.article.sentence_count, source.article.lang)
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, source.id)
            item.setToolTip(plain_tooltip(source.article.title))
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(max(0, select))
        self._selected(self.list.currentRow())

    def _selected(self, row: int) -> None:
        source = self._current()
        has = source is not None
        for widget in (self.role_combo, self.label_edit, self.remove_button):
            widget.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.list.count() - 1)
        if source is not None:
            self.role_combo.setCurrentIndex(self.role_combo.findData(source.role))
            self.label_edit.setText(source.label)
        else:
            self.label_edit.clear()

    def _role_chosen(self, index: int) -> None:
        self.set_current_role(str(self.role_combo.itemData(index)))

    def _label_edited(self) -> None:
        self.set_current_label(self.label_edit.text().strip())

    def _dragged(self) -> None:
        ids = [str(self.list.item(n).data(ID_ROLE)) for n in range(self.list.count())]
        if sorted(ids) == sorted(self.source_ids()) and ids != self.source_ids():
            moved = self.list.currentItem()
            self._workspace = self._workspace.with_source_order(ids)
            row = ids.index(str(moved.data(ID_ROLE))) if moved is not None else 0
            self._fill(select=row)
