"""The differences navigator: every flag, filterable by kind and source, stepped with keys."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from parallax.core.comparison import FLAG_KINDS, Comparison, Flag
from parallax.core.review import FlagKey
from parallax.core.workspace import ORIGINAL, Workspace
from parallax.ui.flags_model import FlagsFilter, FlagsModel, flag_label
from parallax.ui.views.unchanged import same_comparison_view

_ALL_KINDS = "*"


def _on_sentence(flag: Flag, key: str, sentence_id: str) -> bool:
    if key == ORIGINAL:
        return flag.original == sentence_id
    return flag.source == key and flag.sentence == sentence_id


class _FlagsTree(QTreeView):
    """Enter/Return activates the current row, like a double-click."""

    enter_pressed = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enter_pressed.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class FlagsNavigator(QWidget):
    """All flags of a comparison, most serious first (or in document order: `set_order`).

    `next_flag()` / `previous_flag()` walk the flags that pass the filters and that the
    analyst has not dismissed (a dismissed flag stays listed, greyed), wrapping around at
    either end (with a hint in the status label). Activating a flag (double-click, Enter, next,
    previous) emits `flag_activated(Flag)` and `sentence_activated(key, sentence_id)` for the
    sentence it sits on.
    """

    flag_activated = Signal(object)
    sentence_activated = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace: Workspace | None = None
        self._comparison: Comparison | None = None
        self.model = FlagsModel(self)
        self.proxy = FlagsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.kind_combo = QComboBox(self)
        # Combos as narrow as the panel needs, not as wide as their longest entry.
        self.kind_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind_combo.setMinimumContentsLength(5)
        self.kind_combo.setAccessibleName(self.tr("Kind of difference"))
        self.kind_combo.addItem(self.tr("All kinds"), _ALL_KINDS)
        for kind in FLAG_KINDS:
            self.kind_combo.addItem(flag_label(kind), kind)
        self.kind_combo.currentIndexChanged.connect(self._kind_chosen)

        self.source_combo = QComboBox(self)
        self.source_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source_combo.setMinimumContentsLength(4)
        self.source_combo.setAccessibleName(self.tr("Source"))
        self.source_combo.currentIndexChanged.connect(self._source_chosen)
        self._fill_sources()

        # The order is a small menu button: the panel must stay narrow on a laptop screen.
        self.order_button = QToolButton(self)
        self.order_button.setText("⇅")
        self.order_button.setAccessibleName(self.tr("Order of the differences"))
        self.order_button.setToolTip(self.tr("Order of the differences"))
        self.order_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        order_menu = QMenu(self.order_button)
        order_group = QActionGroup(order_menu)
        self.order_actions: dict[str, QAction] = {}
        for value, text in (("severity", self.tr("Most serious first")),
                            ("reading", self.tr("Reading order"))):
            action = order_menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(value == "severity")
            order_group.addAction(action)
            action.triggered.connect(lambda _checked=False, v=value: self.set_order(v))
            self.order_actions[value] = action
        self.order_button.setMenu(order_menu)

        self.previous_button = QToolButton(self)
        self.previous_button.setText("▲")
        self.previous_button.setToolTip(self.tr("Previous difference (Shift+F8)"))
        self.previous_button.clicked.connect(self.previous_flag)
        self.next_button = QToolButton(self)
        self.next_button.setText("▼")
        self.next_button.setToolTip(self.tr("Next difference (F8)"))
        self.next_button.clicked.connect(self.next_flag)

        self.view = _FlagsTree(self)
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(False)  # the order combo chooses the order
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.header()
        # Widths are fitted in `_fit_columns` from the labels, not by ResizeToContents, which
        # asks the model for every row's size hint at each change: seconds on a long article.
        header.setMinimumSectionSize(24)
        header.setStretchLastSection(False)  # Detail gets the rest in `_apply_widths`
        # The four columns share the panel's width (long kinds and places are elided, in full
        # in their tooltips), so Words and Detail never hide behind a horizontal scroll bar.
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.viewport().installEventFilter(self)
        self._wanted_widths: tuple[int, int] | None = None
        # The window adds the review actions (confirm, dismiss, note) as the context menu.
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.doubleClicked.connect(self._activate_index)
        self.view.enter_pressed.connect(self._activate_index)

        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        # A long count wraps instead of widening the panel past a laptop screen.
        self.count_label.setWordWrap(True)
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                       QSizePolicy.Policy.Preferred)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("flagsStatus")

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.kind_combo, 2)
        filters.addWidget(self.source_combo, 1)
        filters.addWidget(self.previous_button)
        filters.addWidget(self.next_button)
        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 0, 0)
        footer.addWidget(self.count_label)
        footer.addStretch(1)
        footer.addWidget(self.status_label)
        footer.addWidget(self.order_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)

        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._update_count()

    # ---- the widget contract -------------------------------------------------------------
    def set_data(self, workspace: Workspace, comparison: Comparison | None) -> None:
        if same_comparison_view(self._workspace, workspace, self._comparison, comparison):
            self._workspace = workspace  # e.g. a translation arrived: the same flags
            return
        current = self.current_flag()
        self._workspace = workspace
        self._comparison = comparison
        self.model.set_data(workspace, comparison)
        if current is not None:
            # The same flag stays current through a re-run (e.g. after a decision on it).
            wanted = FlagKey.of(current)
            for row in range(self.proxy.rowCount()):
                if FlagKey.of(self.proxy.flag(row)) == wanted:
                    self.view.setCurrentIndex(self.proxy.index(row, 0))
                    break
        self._fit_columns()
        self._fill_sources()
        self._count_kinds()
        self.status_label.clear()
        self._update_count()

    @Slot(str, str)
    def show_selection(self, key: str, sentence_id: str) -> None:
        """Select (without activating) the first visible flag on that sentence.

        When the current flag already sits on that sentence it stays current, so stepping
        through several flags of one sentence is not pulled back by the selection echo.
        """
        current = self.current_flag()
        if current is not None and _on_sentence(current, key, sentence_id):
            return
        for row in range(self.proxy.rowCount()):
            if _on_sentence(self.proxy.flag(row), key, sentence_id):
                self._select_row(row)
                return

    # ---- filters -------------------------------------------------------------------------
    def set_kind_filter(self, kinds: Iterable[str] | None) -> None:
        """Show only these kinds (None: all). A single kind is mirrored in the combo."""
        chosen = None if kinds is None else frozenset(kinds)
        self.proxy.set_kinds(chosen)
        value = _ALL_KINDS if chosen is None else (next(iter(chosen)) if len(chosen) == 1 else None)
        if value is not None:
            self.kind_combo.blockSignals(True)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(value)))
            self.kind_combo.blockSignals(False)
        self._filters_changed()

    def set_source_filter(self, source: str) -> None:
        """"" for every source, "original" for flags on the original alone, or a source id."""
        self.proxy.set_source(source)
        self.source_combo.blockSignals(True)
        self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(source)))
        self.source_combo.blockSignals(False)
        self._filters_changed()

    def visible_flags(self) -> list[Flag]:
        return self.proxy.visible_flags()

    def current_flag(self) -> Flag | None:
        index = self.view.currentIndex()
        return self.proxy.flag(index.row()) if index.isValid() else None

    # ---- stepping ------------------------------------------------------------------------
    @Slot()
    def next_flag(self) -> Flag | None:
        return self._step(+1)

    @Slot()
    def previous_flag(self) -> Flag | None:
        return self._step(-1)

    def _step(self, delta: int) -> Flag | None:
        count = self.proxy.rowCount()
        rows = [row for row in range(count) if not self.proxy.flag(row).dismissed]
        if not rows:
            self.status_label.setText(self.tr("No differences to show.") if count == 0 else
                                      self.tr("Every difference shown is dismissed."))
            return None
        current = self.view.currentIndex()
        if not current.isValid():
            row = rows[0] if delta > 0 else rows[-1]
            self.status_label.clear()
        else:
            here = current.row()
            ahead = [r for r in rows if r > here] if delta > 0 else [r for r in rows if r < here]
            if ahead:
                row = ahead[0] if delta > 0 else ahead[-1]
                self.status_label.clear()
            elif delta > 0:
                row = rows[0]
                self.status_label.setText(self.tr("Wrapped to the first difference."))
            else:
                row = rows[-1]
                self.status_label.setText(self.tr("Wrapped to the last difference."))
        self._select_row(row)
        return self._emit(row)

    # ---- internals -----------------------------------------------------------------------
    def _select_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _activate_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if index.isValid():
            self.status_label.clear()
            self._emit(index.row())

    def _emit(self, row: int) -> Flag:
        flag = self.proxy.flag(row)
        self.flag_activated.emit(flag)
        if flag.original is not None:
            self.sentence_activated.emit(ORIGINAL, flag.original)
        elif flag.source is not None and flag.sentence is not None:
            self.sentence_activated.emit(flag.source, flag.sentence)
        return flag

    def _fill_sources(self) -> None:
        previous = self.source_combo.currentData()
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        self.source_combo.addItem(self.tr("All sources"), FlagsFilter.ALL)
        self.source_combo.addItem(self.tr("Original only"), FlagsFilter.ORIGINAL_ONLY)
        if self._workspace is not None:
            for source in self._workspace.sources:
                self.source_combo.addItem(source.display_name, source.id)
        found = self.source_combo.findData(previous) if previous is not None else -1
        self.source_combo.setCurrentIndex(max(0, found))
        self.source_combo.blockSignals(False)
        self.proxy.set_source(str(self.source_combo.currentData()))

    def _fit_columns(self) -> None:
        """Kind and place columns as wide as their longest text (measured once per distinct
        kind, and for the longest few place names)."""
        flags = self.model.all_flags()
        if not flags:
            return
        metrics = self.view.fontMetrics()
        padding = 16  # the cell's margins on both sides, as the style draws them
        icon = metrics.height() + 4  # the kind's colour swatch
        kinds = {flag.kind for flag in flags}
        kind_width = max(metrics.horizontalAdvance(flag_label(k)) for k in kinds)
        places = sorted({self.model.where(flag) for flag in flags}, key=len, reverse=True)[:20]
        place_width = max(metrics.horizontalAdvance(p) for p in places)
        self._wanted_widths = (kind_width + icon + padding, place_width + padding)
        self._apply_widths()

    def _apply_widths(self) -> None:
        """Kind and place at their text's width when the panel has room; otherwise at most
        a third and a fifth of it, leaving Words and Detail in view."""
        if self._wanted_widths is None:
            return
        room = self.view.viewport().width()
        kind, place = self._wanted_widths
        header = self.view.header()
        widths = [max(24, min(kind, room * 32 // 100)), max(24, min(place, room * 18 // 100)),
                  max(24, room * 20 // 100)]
        widths.append(max(24, room - sum(widths)))
        for section, width in enumerate(widths):
            header.resizeSection(section, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._apply_widths()
        return False

    def _count_kinds(self) -> None:
        """Each kind's entry says how many flags it has, so empty kinds are not tried."""
        counts: dict[str, int] = {}
        for flag in self.model.all_flags():
            counts[flag.kind] = counts.get(flag.kind, 0) + 1
        for index in range(1, self.kind_combo.count()):
            kind = str(self.kind_combo.itemData(index))
            self.kind_combo.setItemText(index, f"{flag_label(kind)} ({counts.get(kind, 0)})")

    def _kind_chosen(self, _index: int) -> None:
        value = self.kind_combo.currentData()
        self.proxy.set_kinds(None if value == _ALL_KINDS else [str(value)])
        self._filters_changed()

    def _source_chosen(self, _index: int) -> None:
        self.proxy.set_source(str(self.source_combo.currentData()))
        self._filters_changed()

    def set_order(self, order: str) -> None:
        """"severity" (the default: most serious first) or "reading" (document order)."""
        self.model.set_order(order)
        self.order_actions[order].setChecked(True)
        self._filters_changed()

    def order(self) -> str:
        return self.model.order()

    def _filters_changed(self) -> None:
        self.status_label.clear()
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            text = self.tr("%n difference(s)", "", total)
        else:
            text = self.tr("%1 of %2 differences").replace("%1", str(shown)).replace(
                "%2", str(total))
        report_only = len(self._comparison.report_only) if self._comparison is not None else 0
        if report_only:
            # Claims only a report makes are listed apart (the coverage map shows them), not
            # as one difference each.
            text += " · " + self.tr("%n claim(s) only a report makes", "", report_only)
        self.count_label.setText(text)
