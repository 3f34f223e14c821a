"""Coverage picture: original sentences (rows) × sources (columns), coloured by best link score.

Cells with no link are hatched, so "nobody else reports this" reads without colour. Geometry is
exposed (`cell_rect`, `cell_at`) so callers and tests never guess where a cell is drawn. The map
asks for the height of all its rows (the window puts it in a scroll area), and source names
that do not fit a cell are written upwards, so they stay legible however many sources there are.
`CoverageLegend` says what the shading and the hatching mean.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolTip, QWidget

from parallax.core.comparison import Comparison, Link
from parallax.core.workspace import ORIGINAL, TITLE, Workspace
from parallax.ui.palette import coverage_colour, diff_colours
from parallax.ui.plain import plain_tooltip
from parallax.ui.views.unchanged import same_comparison_view

CELL_W = 34
CELL_H = 9
HEADER_MAX = 130  # longest upright source name, in pixels (longer ones are elided)
_TOOLTIP_CHARS = 160


def _palette_is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _shorten(text: str, limit: int = _TOOLTIP_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CoverageMap(QWidget):
    """A heat map of who reports what; click (or Enter) a cell to jump to that pair."""

    cell_activated = Signal(str, str)  # original sentence id, source id
    sentence_activated = Signal(str, str)  # "original", sentence id (row header clicks)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace: Workspace | None = None
        self._comparison: Comparison | None = None
        self._rows: list[str] = []  # original sentence ids, title first when linked
        self._columns: list[str] = []  # source ids
        self._current: tuple[int, int] | None = None
        self._selected_row: int | None = None
        self._dark: bool | None = None  # None: follow the palette
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("Coverage map"))

    # ---- the widget contract -------------------------------------------------------------
    def set_data(self, workspace: Workspace, comparison: Comparison | None) -> None:
        if same_comparison_view(self._workspace, workspace, self._comparison, comparison):
            self._workspace = workspace  # e.g. a translation arrived: the same picture
            return
        self._workspace = workspace
        self._comparison = comparison
        rows = [s.id for s in workspace.original.iter_sentences()]
        if comparison is not None and comparison.links_for(TITLE):
            rows.insert(0, TITLE)
        self._rows = rows
        self._columns = [s.id for s in workspace.sources]
        self._current = None
        self._selected_row = None
        self.updateGeometry()
        self.update()

    @Slot(str, str)
    def show_selection(self, key: str, sentence_id: str) -> None:
        """Mark the row(s) of the selected sentence's original counterpart."""
        original: str | None = sentence_id if key == ORIGINAL else None
        if original is None and self._comparison is not None:
            linked = self._comparison.counterparts(key, sentence_id).get(ORIGINAL, ())
            original = linked[0] if linked else None
        self._selected_row = self._rows.index(original) if original in self._rows else None
        self.update()

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        self.update()

    def is_dark(self) -> bool:
        return self._dark if self._dark is not None else _palette_is_dark(self)

    # ---- geometry ------------------------------------------------------------------------
    def rows(self) -> list[str]:
        return list(self._rows)

    def columns(self) -> list[str]:
        return list(self._columns)

    def _names(self) -> list[str]:
        if self._workspace is None:
            return []
        names = {s.id: s.display_name for s in self._workspace.sources}
        return [names.get(c, c) for c in self._columns]

    def _column_width(self) -> int:
        area = self.contentsRect()
        width = (area.width() - self._row_label_width()) // max(1, len(self._columns))
        return max(CELL_W, min(width, 120))

    def _upright_headers(self, column_width: int | None = None) -> bool:
        """Names written upwards: some name does not fit its cell's width."""
        metrics = QFontMetrics(self.font())
        room = (self._column_width() if column_width is None else column_width) - 4
        return any(metrics.horizontalAdvance(name) > room for name in self._names())

    def _header_height(self, column_width: int | None = None) -> int:
        """The header's height at the current cell width (or at `column_width`)."""
        metrics = QFontMetrics(self.font())
        if not self._upright_headers(column_width):
            return metrics.height() + 6
        longest = max((metrics.horizontalAdvance(n) for n in self._names()), default=0)
        return min(longest, HEADER_MAX) + 10

    def _row_label_width(self) -> int:
        return QFontMetrics(self.font()).horizontalAdvance("S000") + 6

    def _cell_size(self) -> tuple[int, int]:
        """Cells stretch to fill the widget but never shrink below the minimum."""
        area = self.contentsRect()
        rows = max(1, len(self._rows))
        height = (area.height() - self._header_height()) // rows
        return self._column_width(), max(CELL_H, min(height, 28))

    def cell_rect(self, row: int, column: int) -> QRect:
        """Where the cell of `rows()[row]` × `columns()[column]` is drawn."""
        width, height = self._cell_size()
        area = self.contentsRect()
        return QRect(
            area.left() + self._row_label_width() + column * width,
            area.top() + self._header_height() + row * height,
            width,
            height,
        )

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        width, height = self._cell_size()
        area = self.contentsRect()
        x = pos.x() - area.left() - self._row_label_width()
        y = pos.y() - area.top() - self._header_height()
        if x < 0 or y < 0:
            return None
        column, row = x // width, y // height
        if row < len(self._rows) and column < len(self._columns):
            return row, column
        return None

    def _row_at(self, pos: QPoint) -> int | None:
        """A click on a row label (left of the cells)."""
        area = self.contentsRect()
        if pos.x() - area.left() >= self._row_label_width():
            return None
        y = pos.y() - area.top() - self._header_height()
        row = y // self._cell_size()[1] if y >= 0 else -1
        return row if 0 <= row < len(self._rows) else None

    def sizeHint(self) -> QSize:  # noqa: N802
        margins = self.contentsMargins()
        width = self._row_label_width() + max(1, len(self._columns)) * CELL_W + 2
        height = self._header_height(CELL_W) + max(1, len(self._rows)) * (CELL_H + 1) + 2
        return QSize(width + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """Every row at its smallest height: in a scroll area, every row stays reachable."""
        margins = self.contentsMargins()
        return QSize(self._row_label_width() + CELL_W * max(1, len(self._columns))
                     + margins.left() + margins.right(),
                     self._header_height(CELL_W) + CELL_H * max(4, len(self._rows))
                     + margins.top() + margins.bottom())

    # ---- data per cell -------------------------------------------------------------------
    def link(self, row: int, column: int) -> Link | None:
        if self._comparison is None:
            return None
        return self._comparison.best_link(self._rows[row], self._columns[column])

    def tooltip_text(self, row: int, column: int) -> str:
        if self._workspace is None:
            return ""
        original_id, source_id = self._rows[row], self._columns[column]
        source = self._workspace.source(source_id)
        name = self._row_name(original_id)
        link = self.link(row, column)
        if link is None:
            return self.tr("%1 – %2: no counterpart").replace("%1", name).replace(
                "%2", source.display_name)
        counterpart = self._sentence_text(source_id, link.sentence)
        return (
            self.tr("%1 – %2: score %3").replace("%1", name).replace(
                "%2", source.display_name).replace("%3", f"{link.score:.2f}")
            + "\n" + _shorten(counterpart)
        )

    def _sentence_text(self, source_id: str, sentence_id: str) -> str:
        assert self._workspace is not None
        article = self._workspace.article(source_id)
        if sentence_id == TITLE:
            return article.title
        return article.sentence(sentence_id).text if article.has_sentence(sentence_id) else ""

    def _row_name(self, original_id: str) -> str:
        return self.tr("Headline") if original_id == TITLE else original_id.upper()

    # ---- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        dark = self.is_dark()
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        if not self._rows or not self._columns:
            painter.setPen(text_colour)
            painter.drawText(self.contentsRect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No sources to compare yet."))
            painter.end()
            return
        width, height = self._cell_size()
        area = self.contentsRect()
        metrics = QFontMetrics(self.font())
        hatch = QBrush(QColor("#999999" if dark else "#888888"), Qt.BrushStyle.BDiagPattern)
        # Column headers: each source's name, across the cell when every name fits, else
        # upwards (elided only past HEADER_MAX).
        painter.setPen(text_colour)
        upright = self._upright_headers()
        header_height = self._header_height()
        for column, name in enumerate(self._names()):
            rect = self.cell_rect(0, column)
            header = QRect(rect.left(), area.top(), rect.width(), header_height)
            if not upright:
                painter.drawText(header.adjusted(1, 0, -1, 0), Qt.AlignmentFlag.AlignCenter,
                                 metrics.elidedText(name, Qt.TextElideMode.ElideRight,
                                                    header.width() - 2))
                continue
            painter.save()
            painter.translate(header.center().x() + metrics.ascent() // 2 - 1,
                              header.bottom() - 4)
            painter.rotate(-90)
            painter.drawText(0, 0, metrics.elidedText(name, Qt.TextElideMode.ElideRight,
                                                      header_height - 8))
            painter.restore()
        show_labels = height >= metrics.height() - 2
        selection = diff_colours(dark).selection
        # Only the rows the paint event exposes, with the geometry computed once: a long
        # article has thousands of cells, and every Qt call from Python on the GUI thread
        # may wait for the interpreter lock while the comparison runs in the background.
        label_width = self._row_label_width()
        left = area.left() + label_width
        top = area.top() + self._header_height()
        exposed = event.rect()
        first_row = max(0, (exposed.top() - top) // height)
        last_row = min(len(self._rows) - 1, (exposed.bottom() - top) // height)
        painter.setPen(text_colour)
        for row in range(first_row, last_row + 1):
            original_id = self._rows[row]
            y = top + row * height
            label = QRect(area.left(), y, label_width - 4, height)
            if row == self._selected_row:
                painter.fillRect(label.adjusted(0, 0, 4, 0), selection)
            if show_labels or row % 5 == 0:
                text = "T" if original_id == TITLE else original_id[1:]
                painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 text)
            for column in range(len(self._columns)):
                rect = QRect(left + column * width, y, width - 1, height - 1)
                link = self.link(row, column)
                painter.fillRect(rect, coverage_colour(None if link is None else link.score, dark))
                if link is None:
                    painter.fillRect(rect, hatch)
        if self._selected_row is not None:
            rect = self.cell_rect(self._selected_row, 0)
            band = QRect(rect.left(), rect.top(), width * len(self._columns), height)
            painter.setPen(QPen(text_colour, 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(band.adjusted(0, 0, -1, -1))
        if self._current is not None and self.hasFocus():
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.cell_rect(*self._current).adjusted(1, 1, -2, -2))
        painter.end()

    # ---- interaction ---------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), plain_tooltip(self.tooltip_text(*cell)), self)
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position().toPoint()
        cell = self.cell_at(pos)
        if cell is not None:
            self._current = cell
            self._activate(*cell)
            return
        row = self._row_at(pos)
        if row is not None:
            self.sentence_activated.emit(ORIGINAL, self._rows[row])
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self._rows or not self._columns:
            super().keyPressEvent(event)
            return
        row, column = self._current if self._current is not None else (0, 0)
        key = event.key()
        moves = {
            Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0),
            Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1),
            Qt.Key.Key_PageUp: (-10, 0), Qt.Key.Key_PageDown: (10, 0),
        }
        if key in moves and self._current is not None:
            d_row, d_col = moves[Qt.Key(key)]
            row = max(0, min(len(self._rows) - 1, row + d_row))
            column = max(0, min(len(self._columns) - 1, column + d_col))
        elif key == Qt.Key.Key_Home:
            row = 0
        elif key == Qt.Key.Key_End:
            row = len(self._rows) - 1
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._current = (row, column)
            self._activate(row, column)
            return
        elif key not in moves:
            super().keyPressEvent(event)
            return
        self._current = (row, column)
        self.update()

    def current_cell(self) -> tuple[int, int] | None:
        return self._current

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        if self._current is None and self._rows and self._columns:
            self._current = (0, 0)
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.update()
        super().focusOutEvent(event)

    def _activate(self, row: int, column: int) -> None:
        self._selected_row = row
        self.update()
        self.cell_activated.emit(self._rows[row], self._columns[column])


class CoverageLegend(QWidget):
    """What the map's cells mean: shading by link score, hatching for no counterpart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dark: bool | None = None
        layout = QGridLayout(self)  # one entry a row: the panel may be narrow
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setHorizontalSpacing(4)
        layout.setVerticalSpacing(2)
        self.swatches: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        entries = (("weak", self.tr("weak match")), ("strong", self.tr("strong match")),
                   ("none", self.tr("no counterpart")))
        for n, (kind, text) in enumerate(entries):
            swatch = QLabel(self)
            label = QLabel(text, self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(swatch, n, 0)
            layout.addWidget(label, n, 1)
            self.swatches[kind], self.labels[kind] = swatch, label
        layout.setColumnStretch(1, 1)
        self.setToolTip(self.tr("Each cell is one original sentence (row) in one source "
                                "(column): the darker, the closer the match. Hatched cells "
                                "have no counterpart in that source."))
        self.setAccessibleName(self.tr("Coverage legend"))
        self._paint_swatches()

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        self._paint_swatches()

    def _paint_swatches(self) -> None:
        dark = self._dark if self._dark is not None else _palette_is_dark(self)
        size = max(10, QFontMetrics(self.font()).height() - 2)
        for kind, swatch in self.swatches.items():
            pixmap = QPixmap(size, size)
            score = {"weak": 0.2, "strong": 1.0}.get(kind)
            pixmap.fill(coverage_colour(score, dark))
            painter = QPainter(pixmap)
            if score is None:
                painter.fillRect(pixmap.rect(), QBrush(QColor("#999999" if dark else "#888888"),
                                                       Qt.BrushStyle.BDiagPattern))
            painter.setPen(QColor("#777777"))
            painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1))
            painter.end()
            swatch.setPixmap(pixmap)
