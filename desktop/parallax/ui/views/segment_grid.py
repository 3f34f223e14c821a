"""Segments mode: one row per original sentence, its translations and its best match per report.

A `QTableView` over `SegmentTableModel`. The delegate lays each cell out as a `QTextDocument`
filled with plain text through `QTextCursor` and coloured with `QTextCharFormat`s (article text
is never parsed as markup), wraps words and gives rows their height. Selecting a sentence
selects every row where it or its counterparts appear; the MT cell (and a foreign report's
pivot translation) is edited through `edit_requested`, which the window performs.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Iterable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from parallax.core.comparison import Comparison
from parallax.core.workspace import ORIGINAL, Workspace
from parallax.ui.models import SegmentRole, SegmentTableModel
from parallax.ui.palette import diff_colours
from parallax.ui.presentation import Presentation, Presenter
from parallax.ui.views.column_text import CHECK_MARKER, EDIT_MARKER, UNMATCHED_MARKER, Mark
from parallax.ui.views.reading_pane import FIND_COLOUR_DARK, FIND_COLOUR_LIGHT, apply_mark

log = logging.getLogger(__name__)
ModelIndex = QModelIndex | QPersistentModelIndex
CELL_MARGIN = 4
SYNC_ROWS = 150  # tables up to this long measure rows at once, longer ones in slices
SIZE_SLICE_MS = 8  # GUI-thread time per slice of measuring rows


class _RowNumbers(QHeaderView):
    """The row-number header, with a size hint measured from its widest number.

    A table asks its header for a size hint after every row resize, and Qt's computes it from
    200 sections' header data (Python calls each): measuring a long table row by row spent
    most of its time there.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._hint: QSize | None = None
        self.setSectionsClickable(True)  # as a table's own vertical header
        self.setHighlightSections(True)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802
        super().setModel(model)
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
                signal.connect(self.forget_hint)
        self.forget_hint()

    def forget_hint(self) -> None:
        self._hint = None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:
            self._hint = None
        super().changeEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802
        if self._hint is None:
            model = self.model()
            count = model.rowCount() if model is not None else 0
            self._hint = self.sectionSizeFromContents(count - 1) if count else super().sizeHint()
        return self._hint


_CellKey = tuple[int, int, bool, str]  # column, width, dark, font


class SegmentDelegate(QStyledItemDelegate):
    """Paints a cell's text with its diff marks; wraps words; reports the wrapped height."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dark = False
        self.hovered_rows: frozenset[int] = frozenset()
        self.found: frozenset[tuple[int, int]] = frozenset()
        # Layouts by row, then (column, width, theme, font): a changed row drops its own
        # without scanning the others (a translation arriving changes every row). Painted
        # cells keep their document; measured ones only their height (building a document
        # object per cell of a long table costs more than laying its text out).
        self._cache: dict[int, dict[_CellKey, QTextDocument]] = {}
        self._heights: dict[tuple[object, ...], int] = {}  # by what a cell shows
        self._cached = 0
        self._stale: set[int] = set()  # rows whose layouts are out of date
        self._scratch: QTextDocument | None = None  # reused to measure cells

    def clear_cache(self) -> None:
        """Every layout is out of date (new rows, theme or font); see `forget_rows`."""
        self._stale.update(self._cache)

    def forget_rows(self, top: int, bottom: int) -> None:
        """Drop the layouts of changed rows only; the rest stay valid. They are dropped when
        next needed: deleting thousands of documents at once (every row changes when a
        translation arrives) stalls the window as much as building them."""
        self._stale.update(range(top, bottom + 1))

    def _refresh_row(self, row: int) -> None:
        if row in self._stale:
            self._stale.discard(row)
            self._cached -= len(self._cache.pop(row, {}))

    def cached_document(self, index: ModelIndex, font: QFont, width: float) -> QTextDocument:
        """Layouts are reused between measuring rows and painting them."""
        key = (index.column(), round(width), self.dark, font.key())
        self._refresh_row(index.row())
        row = self._cache.setdefault(index.row(), {})
        document = row.get(key)
        if document is None:
            # Past the limit the oldest rows go, a few at a time: clearing thousands of
            # documents at once stalls the window as much as building them.
            for old in list(itertools.islice(self._cache, 8)) if self._cached > 4000 else ():
                if old != index.row():
                    self._cached -= len(self._cache.pop(old))
            document = row[key] = self.document(index, font, width)
            self._cached += 1
        return document

    def cell_height(self, index: ModelIndex, font: QFont, width: float) -> int:
        """The cell's word-wrapped height, from its painted layout or measured on the side.

        Heights are remembered by what the cell shows, not where: when a translation arrives
        every row changes, but only its translation cell needs measuring again.
        """
        key = (index.column(), round(width), self.dark, font.key())
        self._refresh_row(index.row())
        document = self._cache.get(index.row(), {}).get(key)
        if document is not None:
            return round(document.size().height())
        model = index.model()
        content = (model.cell(index.row(), index.column())
                   if isinstance(model, SegmentTableModel) else None)
        measured = None if content is None else (
            content.text, content.marks, content.unmatched, content.edited, content.missing,
            round(width), font.key())
        height = None if measured is None else self._heights.get(measured)
        if height is None:
            if self._scratch is None:
                self._scratch = QTextDocument(self)
            scratch = self._scratch
            scratch.clear()
            self._fill(scratch, index, font, width)
            height = round(scratch.size().height())
            if measured is not None:
                if len(self._heights) > 50000:
                    self._heights.clear()  # plain numbers: cheap to drop
                self._heights[measured] = height
        return height

    def document(self, index: ModelIndex, font: QFont, width: float) -> QTextDocument:
        """The cell as a laid-out document (also what tests read formats back from)."""
        document = QTextDocument()
        self._fill(document, index, font, width)
        return document

    def _fill(self, document: QTextDocument, index: ModelIndex, font: QFont,
              width: float) -> None:
        document.setDefaultFont(font)
        document.setDocumentMargin(CELL_MARGIN)
        document.setTextWidth(max(20.0, width))
        colours = diff_colours(self.dark)
        cursor = QTextCursor(document)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        edited = bool(index.data(SegmentRole.EDITED))
        if edited and text.endswith(f" {EDIT_MARKER}"):
            text = text[: -len(EDIT_MARKER) - 1]
        base = QTextCharFormat()
        if index.data(SegmentRole.UNMATCHED):
            base.setBackground(colours.unmatched)
            prefix = QTextCharFormat()
            prefix.setFontWeight(QFont.Weight.Bold)
            cursor.insertText(f"{UNMATCHED_MARKER} ", prefix)
        if index.data(SegmentRole.CHECKS):
            # The reading columns' mark: this translation failed a check (the tooltip says which).
            warning = QTextCharFormat()
            warning.setFontWeight(QFont.Weight.Bold)
            warning.setForeground(QColor(190, 110, 0))
            cursor.insertText(f"{CHECK_MARKER} ", warning)
        if edited:
            base.setFontItalic(True)
        if index.data(SegmentRole.MISSING):
            grey = QTextCharFormat()
            grey.setForeground(QColor(128, 128, 128))
            cursor.insertText("—", grey)
            return
        start = cursor.position()
        cursor.insertText(text, base)
        marks: Iterable[Mark] = index.data(SegmentRole.MARKS) or ()
        for mark in marks:
            apply_mark(document, start, text, mark, colours)
        if edited:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(f" {EDIT_MARKER}", QTextCharFormat())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        painter.save()
        rect = opt.rect
        colours = diff_colours(self.dark)
        # The selected row is a light tint and an outline, not the style's solid highlight,
        # which would hide the diff marks' colours.
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        opt.state &= ~QStyle.StateFlag.State_Selected
        if selected:  # the view has filled the row with the highlight colour: undo that
            alternate = bool(opt.features & QStyleOptionViewItem.ViewItemFeature.Alternate)
            painter.fillRect(rect, opt.palette.color(
                QPalette.ColorRole.AlternateBase if alternate else QPalette.ColorRole.Base))
        if (index.row(), index.column()) in self.found:
            painter.fillRect(rect, FIND_COLOUR_DARK if self.dark else FIND_COLOUR_LIGHT)
        elif index.row() in self.hovered_rows:
            painter.fillRect(rect, colours.hover)
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if selected:
            painter.fillRect(rect, colours.selection)
        document = self.cached_document(index, opt.font, rect.width())
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text,
                                 opt.palette.color(QPalette.ColorRole.Text))
        document.documentLayout().draw(painter, context)
        if selected:
            painter.setClipping(False)
            painter.setPen(QPen(colours.outline, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.translated(-rect.topLeft()).adjusted(1, 1, -2, -2))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        view = self.parent()
        width = 240.0
        if isinstance(view, QTableView):
            width = float(view.columnWidth(index.column()))
        return QSize(round(width), self.cell_height(index, option.font, width))


_ROW_KEYS = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
                       Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Left, Qt.Key.Key_Right})


class SegmentGrid(QTableView):
    """Segments mode of the workbench (column ids as in Reading mode)."""

    sentence_activated = Signal(str, str)
    sentence_hovered = Signal(str, str)
    edit_requested = Signal(str, str)
    retranslate_requested = Signal(str, str)
    sized = Signal()  # every row has its wrapped height

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.segment_model = SegmentTableModel(self)
        self.setModel(self.segment_model)
        self.delegate = SegmentDelegate(self)
        self.setItemDelegate(self.delegate)
        self.segment_model.modelReset.connect(self.delegate.clear_cache)
        self.segment_model.dataChanged.connect(
            lambda top, bottom, *_: self.delegate.forget_rows(top.row(), bottom.row()))
        self.setWordWrap(True)
        self.setMouseTracking(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(260)
        # Re-measuring every row on each pixel of a column drag would stall: wait for a pause.
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(80)
        self._resize_timer.timeout.connect(self._measure_all_rows)
        # Rows waiting for their wrapped height (an ordered set), measured in slices.
        self._unsized: dict[int, None] = {}
        self._size_timer = QTimer(self)
        self._size_timer.setSingleShot(True)
        self._size_timer.setInterval(0)
        self._size_timer.timeout.connect(self._size_slice)
        header.sectionResized.connect(lambda *_: self._resize_timer.start())
        self.setVerticalHeader(_RowNumbers(self))
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.clicked.connect(self._activate)
        self.doubleClicked.connect(self._edit)
        self.entered.connect(self._hover)
        self._workspace: Workspace | None = None
        self._comparison: Comparison | None = None
        self._present: Presenter = Presentation
        self._hidden: set[str] = set()
        self._find_matches: list[tuple[int, int]] = []
        self._find_position: int | None = None
        self._find_text = ""
        self._selection: tuple[str, str] | None = None

    # ---- data ------------------------------------------------------------------------------
    def set_data(self, workspace: Workspace, comparison: Comparison | None) -> None:
        order = self.column_order()
        self._workspace, self._comparison = workspace, comparison
        changed = self.segment_model.set_data(
            workspace, comparison, presentation=self._present(workspace, comparison))
        if not self.segment_model.last_update_reset:
            self._measure_rows(changed)  # e.g. one sentence translated: only its row
            if self._find_text:
                self.find(self._find_text)
            return
        header = self.horizontalHeader()
        position = 0
        for column_id in order:  # keep the user's column order and hidden columns
            logical = self.segment_model.column_of(column_id)
            if logical >= 0:
                header.moveSection(header.visualIndex(logical), position)
                position += 1
        for column in self.segment_model.columns():
            self.setColumnHidden(self.segment_model.column_of(column.id), column.id in self._hidden)
        self._find_matches, self._find_position, self._find_text = [], None, ""
        self.delegate.found = frozenset()
        self._unsized.clear()  # row numbers of the previous rows
        self._measure_all_rows()
        if self._selection is not None:
            self.show_selection(*self._selection)

    def set_presentations(self, present: Presenter) -> None:
        """Where the cells come from: the document's presentations, made ahead on a worker
        thread (without it, a fresh one per `set_data`)."""
        self._present = present

    def column_order(self) -> list[str]:
        """Column ids in their on-screen order."""
        header = self.horizontalHeader()
        columns = self.segment_model.columns()
        return [columns[header.logicalIndex(v)].id for v in range(header.count())]

    def set_column_visible(self, column_id: str, visible: bool) -> None:
        column = self.segment_model.column_of(column_id)
        if column < 0:
            return
        if visible:
            self._hidden.discard(column_id)
        else:
            self._hidden.add(column_id)
        self.setColumnHidden(column, not visible)

    def move_column(self, column_id: str, delta: int) -> None:
        header = self.horizontalHeader()
        logical = self.segment_model.column_of(column_id)
        if logical < 0:
            return
        visual = header.visualIndex(logical)
        header.moveSection(visual, max(0, min(header.count() - 1, visual + delta)))

    def set_dark(self, dark: bool) -> None:
        self.delegate.dark = dark
        self.delegate.clear_cache()
        self.viewport().update()

    def set_font(self, font: QFont) -> None:
        self.setFont(font)
        self.delegate.clear_cache()
        self._measure_all_rows()

    # ---- row heights -------------------------------------------------------------------------
    def _measure_all_rows(self) -> None:
        self._measure_rows(range(self.segment_model.rowCount()))

    def _measure_rows(self, rows: Iterable[int]) -> None:
        """Give rows their word-wrapped height: at once when there are few, otherwise in
        slices between events, the rows on screen first. Measuring a row lays out each of its
        cells; doing a long article's rows in one go froze the window for seconds."""
        for row in rows:
            self._unsized[row] = None
        if self.segment_model.rowCount() <= SYNC_ROWS:
            for row in list(self._unsized):
                self.resizeRowToContents(row)
            self._unsized.clear()
            self._size_timer.stop()
        elif not self._size_timer.isActive():
            self._size_timer.start()

    def sizing(self) -> bool:
        """True while rows are still waiting for their height."""
        return bool(self._unsized)

    def stop_sizing(self) -> None:
        """Leave the waiting rows as they are (the view is going away)."""
        self._size_timer.stop()
        self._unsized.clear()

    def _size_slice(self) -> None:
        deadline = time.perf_counter() + SIZE_SLICE_MS / 1000
        count = self.segment_model.rowCount()
        top = max(0, self.rowAt(0))
        bottom = self.rowAt(self.viewport().height() - 1)
        on_screen = range(top, (bottom if bottom >= 0 else top + 40) + 1)
        queue = [r for r in on_screen if r in self._unsized] + list(self._unsized)
        for row in queue:
            if time.perf_counter() >= deadline:
                break
            if row in self._unsized:
                del self._unsized[row]
                if row < count:
                    self.resizeRowToContents(row)
        if self._unsized:
            self._size_timer.start()
        else:
            self.sized.emit()

    # ---- selection and hover -------------------------------------------------------------------
    @Slot(str, str)
    def show_selection(self, key: str, sentence_id: str) -> None:
        """Select every row where the sentence or its counterparts appear; scroll to the first."""
        self._selection = (key, sentence_id)
        rows = self.rows_for(key, sentence_id)
        selection = QItemSelection()
        last = self.segment_model.columnCount() - 1
        for row in rows:
            selection.select(self.segment_model.index(row, 0), self.segment_model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.selectionModel().select(selection, flags)
        if rows:
            current = self.currentIndex()
            if not current.isValid() or current.row() not in rows:
                column = max(0, self.segment_model.column_of(key))
                current = self.segment_model.index(rows[0], column)
                self.selectionModel().setCurrentIndex(
                    current, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(current, QAbstractItemView.ScrollHint.EnsureVisible)

    def rows_for(self, key: str, sentence_id: str) -> list[int]:
        if self._comparison is None or key == ORIGINAL:
            rows = self.segment_model.rows_showing(key, sentence_id)
        else:
            originals = self._comparison.counterparts(key, sentence_id).get(ORIGINAL, ())
            rows = [self.segment_model.row_of(o) for o in originals]
            rows += self.segment_model.rows_showing(key, sentence_id)
        return sorted({r for r in rows if r >= 0})

    def selected_rows(self) -> list[int]:
        return sorted(i.row() for i in self.selectionModel().selectedRows())

    @Slot(str, str)
    def show_hover(self, key: str, sentence_id: str) -> None:
        self.delegate.hovered_rows = frozenset(self.rows_for(key, sentence_id))
        self.viewport().update()

    def _target(self, index: QModelIndex) -> tuple[str, str] | None:
        if not index.isValid():
            return None
        sid = index.data(SegmentRole.SENTENCE_ID)
        if sid:
            return str(index.data(SegmentRole.KEY)), str(sid)
        return ORIGINAL, str(index.data(SegmentRole.ORIGINAL_ID))

    def _activate(self, index: QModelIndex) -> None:
        target = self._target(index)
        if target is not None:
            self.show_selection(*target)
            self.sentence_activated.emit(*target)

    def _hover(self, index: QModelIndex) -> None:
        target = self._target(index)
        if target is not None:
            self.show_hover(*target)
            self.sentence_hovered.emit(*target)

    def _edit(self, index: QModelIndex) -> None:
        key = index.data(SegmentRole.EDIT_KEY)
        sid = index.data(SegmentRole.SENTENCE_ID)
        if key and sid:
            self.edit_requested.emit(str(key), str(sid))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate(self.currentIndex())
            return
        if event.key() == Qt.Key.Key_F2:
            self._edit(self.currentIndex())
            return
        modifiers = event.modifiers()
        extending = modifiers & (Qt.KeyboardModifier.ShiftModifier
                                 | Qt.KeyboardModifier.ControlModifier)
        if event.key() in _ROW_KEYS and not extending:
            # Moving the cell cursor moves the selection (and the detail pane) with it.
            before = self.currentIndex()
            if modifiers & Qt.KeyboardModifier.AltModifier:
                if event.key() not in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                    super().keyPressEvent(event)
                    return
                row = before.row() + (1 if event.key() == Qt.Key.Key_Down else -1)
                row = max(0, min(self.segment_model.rowCount() - 1, row))
                self.setCurrentIndex(self.segment_model.index(row, max(0, before.column())))
            else:
                super().keyPressEvent(event)
            after = self.currentIndex()
            if after.isValid() and (after.row(), after.column()) != (before.row(),
                                                                     before.column()):
                self._activate(after)
            return
        super().keyPressEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        super().leaveEvent(event)
        self.delegate.hovered_rows = frozenset()
        self.viewport().update()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.build_context_menu(self.indexAt(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def build_context_menu(self, index: QModelIndex) -> QMenu:
        menu = QMenu(self)
        key = index.data(SegmentRole.EDIT_KEY) if index.isValid() else None
        sid = index.data(SegmentRole.SENTENCE_ID) if index.isValid() else None
        edit = QAction(self.tr("Edit translation…"), menu)
        retry = QAction(self.tr("Translate this sentence again"), menu)
        for action in (edit, retry):
            action.setEnabled(bool(key and sid))
            menu.addAction(action)
        if key and sid:
            edit.triggered.connect(lambda: self.edit_requested.emit(str(key), str(sid)))
            retry.triggered.connect(lambda: self.retranslate_requested.emit(str(key), str(sid)))
        menu.addSeparator()
        copy = QAction(self.tr("Copy sentence"), menu)
        text = index.data(Qt.ItemDataRole.AccessibleTextRole) if index.isValid() else None
        copy.setEnabled(bool(text))
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(str(text or "")))
        menu.addAction(copy)
        return menu

    # ---- find -------------------------------------------------------------------------------
    def find(self, text: str) -> int:  # type: ignore[override]  # QWidget.find(id) is unrelated
        """Mark cells containing `text` (ignoring case); return the number of matches."""
        needle = text.casefold()
        self._find_text = text
        self._find_matches, self._find_position = [], None
        total = 0
        if needle:
            model = self.segment_model
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    if self.isColumnHidden(column):
                        continue
                    haystack = model.cell(row, column).text.casefold()
                    count = haystack.count(needle)
                    if count:
                        total += count
                        self._find_matches.append((row, column))
        self._find_matches.sort(key=lambda rc: (rc[0], self.horizontalHeader().visualIndex(rc[1])))
        self.delegate.found = frozenset(self._find_matches)
        self.viewport().update()
        return total

    def find_next(self, backwards: bool = False) -> bool:
        if not self._find_matches:
            return False
        if self._find_position is None:
            self._find_position = len(self._find_matches) - 1 if backwards else 0
        else:
            step = -1 if backwards else 1
            self._find_position = (self._find_position + step) % len(self._find_matches)
        row, column = self._find_matches[self._find_position]
        index = self.segment_model.index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def find_previous(self) -> bool:
        return self.find_next(backwards=True)

    def current_find(self) -> tuple[int, int] | None:
        if self._find_position is None:
            return None
        return self._find_matches[self._find_position]
