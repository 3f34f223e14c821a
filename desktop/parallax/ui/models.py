"""Qt item models over core objects; presentation only, the logic lives in `core`.

`SegmentTableModel` is the segment grid's model: one row per original sentence and the columns
original / machine translation / each translation source / each report's best match, like a CAT
tool's segment view. Custom roles expose what the delegate and other views need (sentence ids,
diff spans, character marks, score, flags); tooltips carry the score and flags as escaped text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from parallax.core.comparison import FLAG_LABELS, Comparison, DiffSpan, Flag
from parallax.core.workspace import ORIGINAL, TITLE, Workspace
from parallax.ui.memo import IdentityMemo
from parallax.ui.views.column_text import (
    EDIT_MARKER,
    MT,
    ColumnSentence,
    ColumnText,
    Mark,
    build_columns,
)

if TYPE_CHECKING:  # the presentation holds these models' cells
    from parallax.ui.presentation import Presentation

ModelIndex = QModelIndex | QPersistentModelIndex


class SegmentRole(IntEnum):
    SENTENCE_ID = Qt.ItemDataRole.UserRole + 1  # id of the cell's sentence in its article
    KEY = Qt.ItemDataRole.UserRole + 2  # article key: "original" (also for mt) or a source id
    COLUMN_ID = Qt.ItemDataRole.UserRole + 3  # "original", "mt" or a source id
    ORIGINAL_ID = Qt.ItemDataRole.UserRole + 4  # the row's original sentence id
    DIFF = Qt.ItemDataRole.UserRole + 5  # tuple[DiffSpan, ...] of the row's link to this source
    MARKS = Qt.ItemDataRole.UserRole + 6  # tuple[Mark, ...] character ranges to colour
    SCORE = Qt.ItemDataRole.UserRole + 7  # float | None, the link's alignment score
    FLAGS = Qt.ItemDataRole.UserRole + 8  # tuple[Flag, ...] about this cell's sentence pair
    UNMATCHED = Qt.ItemDataRole.UserRole + 9  # bool, a claim with no counterpart
    EDITED = Qt.ItemDataRole.UserRole + 10  # bool, a hand edit is shown
    EDIT_KEY = Qt.ItemDataRole.UserRole + 11  # translation key editable from this cell, or None
    MISSING = Qt.ItemDataRole.UserRole + 12  # bool, no text (not translated, or no match)
    CHECKS = Qt.ItemDataRole.UserRole + 13  # tuple[str, ...], the translation's failed checks


@dataclass(frozen=True)
class SegmentColumn:
    id: str
    key: str
    title: str
    role: str
    lang: str
    edit_key: str | None


@dataclass(frozen=True)
class SegmentCell:
    text: str
    sentence_id: str | None
    marks: tuple[Mark, ...] = ()
    diff: tuple[DiffSpan, ...] = ()
    score: float | None = None
    flags: tuple[Flag, ...] = ()
    unmatched: bool = False
    edited: bool = False
    missing: bool = False
    notes: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()  # a machine translation's failed checks (also in `notes`)


class SegmentTableModel(QAbstractTableModel):
    """Rows: original sentences in order (the headline is not a segment). Read-only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: list[SegmentColumn] = []
        self._rows: list[str] = []  # original sentence ids
        self._cells: list[list[SegmentCell]] = []
        self.last_update_reset = False  # whether the last set_data reset the whole model

    # ---- filling -----------------------------------------------------------------------------
    def set_data(self, workspace: Workspace, comparison: Comparison | None,
                 diff_reference: str | None = None,
                 presentation: Presentation | None = None) -> list[int]:
        """Show new data; returns the rows whose cells changed. `presentation`: the
        document's for this workspace and comparison, whose columns and cells may be made
        already (without one, everything is made here).

        When the rows and columns are the same as before (a translation arriving, an edit),
        only the changed rows are announced through `dataChanged`, so views keep their
        selection and scroll position and re-measure only those rows.
        """
        if presentation is not None:
            texts = presentation.columns(diff_reference)
            per_column = [presentation.cells(column) for column in texts]
        else:
            texts = build_columns(workspace, comparison, diff_reference)
            per_column = [column_cells(workspace, column, comparison) for column in texts]
        columns = [SegmentColumn(c.id, c.key, c.title, c.role, c.lang, c.edit_key)
                   for c in texts]
        rows = [s.id for s in workspace.original.iter_sentences()]
        cells = [list(row) for row in zip(*per_column, strict=True)] if per_column else [
            [] for _ in rows]
        if [c.id for c in columns] != [c.id for c in self._columns] or rows != self._rows:
            self.beginResetModel()
            self._columns, self._rows, self._cells = columns, rows, cells
            self.endResetModel()
            self.last_update_reset = True
            return list(range(len(rows)))
        self.last_update_reset = False
        changed = [r for r in range(len(rows)) if cells[r] != self._cells[r]]
        headers_changed = columns != self._columns
        self._columns, self._cells = columns, cells
        if headers_changed:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(columns) - 1)
        last = len(columns) - 1
        for first, end in _runs(changed):  # one signal per run of rows, not one per row
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))
        return changed

    @staticmethod
    def _cell(column: ColumnText, original_id: str,
              comparison: Comparison | None) -> SegmentCell:
        if column.id in (ORIGINAL, MT):
            sentence = column.sentence(original_id)
            flags = () if comparison is None or column.id == MT else comparison.flags_of(
                original_id)
            return _from_sentence(sentence, flags=flags)
        link = None if comparison is None else comparison.best_link(original_id, column.id)
        if link is None:
            return SegmentCell("", None, missing=True)
        sentence = column.sentence(link.sentence)
        assert comparison is not None
        # The pair's flags but the original's own, which its column shows.
        flags = tuple(f for f in comparison.flags_on(original_id, column.id, link.sentence)
                      if f.source is not None)
        return _from_sentence(sentence, diff=link.diff, score=link.score, flags=flags)

    # ---- look-ups ------------------------------------------------------------------------------
    def columns(self) -> list[SegmentColumn]:
        return list(self._columns)

    def column_of(self, column_id: str) -> int:
        for i, column in enumerate(self._columns):
            if column.id == column_id:
                return i
        return -1

    def row_of(self, original_id: str) -> int:
        try:
            return self._rows.index(original_id)
        except ValueError:
            return -1

    def original_ids(self) -> list[str]:
        return list(self._rows)

    def cell(self, row: int, column: int) -> SegmentCell:
        return self._cells[row][column]

    def rows_showing(self, key: str, sentence_id: str) -> list[int]:
        """Rows where a sentence of article `key` appears (its own row for the original)."""
        if key == ORIGINAL:
            row = self.row_of(sentence_id)
            return [row] if row >= 0 else []
        columns = [i for i, c in enumerate(self._columns) if c.key == key]
        return [r for r in range(len(self._rows))
                if any(self._cells[r][c].sentence_id == sentence_id for c in columns)]

    # ---- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            column = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"<qt>{html.escape(column.title)}<br>{html.escape(column.role)} · " \
                       f"{html.escape(column.lang)}</qt>"
            if role == SegmentRole.COLUMN_ID:
                return column.id
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            if role == SegmentRole.ORIGINAL_ID:
                return self._rows[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (
                0 <= index.column() < len(self._columns)):
            return None
        cell = self._cells[index.row()][index.column()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text + (f" {EDIT_MARKER}" if cell.edited else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(cell)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return cell.text
        lookup: dict[int, Any] = {
            SegmentRole.SENTENCE_ID: cell.sentence_id,
            SegmentRole.KEY: column.key,
            SegmentRole.COLUMN_ID: column.id,
            SegmentRole.ORIGINAL_ID: self._rows[index.row()],
            SegmentRole.DIFF: cell.diff,
            SegmentRole.MARKS: cell.marks,
            SegmentRole.SCORE: cell.score,
            SegmentRole.FLAGS: cell.flags,
            SegmentRole.UNMATCHED: cell.unmatched,
            SegmentRole.EDITED: cell.edited,
            SegmentRole.EDIT_KEY: column.edit_key if cell.sentence_id is not None else None,
            SegmentRole.MISSING: cell.missing,
            SegmentRole.CHECKS: cell.checks,
        }
        return lookup.get(role)


def _from_sentence(sentence: ColumnSentence | None, diff: Sequence[DiffSpan] = (),
                   score: float | None = None, flags: Sequence[Flag] = ()) -> SegmentCell:
    if sentence is None or sentence.id == TITLE:
        return SegmentCell("", None, missing=True)
    return SegmentCell(
        text=sentence.text,
        sentence_id=sentence.id,
        marks=sentence.marks,
        diff=tuple(diff),
        score=score,
        flags=tuple(flags),
        unmatched=sentence.unmatched,
        edited=sentence.edited,
        missing=sentence.missing,
        notes=sentence.notes,
        checks=sentence.checks,
    )


def _tooltip(cell: SegmentCell) -> str | None:
    """Score, flags and notes as rich text built only from escaped pieces."""
    lines: list[str] = []
    if cell.score is not None:
        lines.append(QCoreApplication.translate("SegmentTableModel", "Score {0}").format(
            f"{cell.score:.2f}"))
    lines.extend(cell.notes)
    shown = set(cell.notes)
    for flag in cell.flags:
        label = QCoreApplication.translate("FlagKinds", FLAG_LABELS.get(flag.kind, flag.kind))
        line = f"⚑ {label}: {flag.detail}"
        if not any(flag.detail in n for n in shown):
            lines.append(line)
    if not lines:
        return None
    return "<qt>" + "<br>".join(html.escape(line) for line in lines) + "</qt>"


CellMemo = IdentityMemo[str, tuple[SegmentCell, ...]]


def column_cells(workspace: Workspace, column: ColumnText, comparison: Comparison | None,
                 memo: CellMemo | None = None) -> tuple[SegmentCell, ...]:
    """One column's cells, a row per original sentence. With a `memo` (a presentation's),
    the last ones made for this column are reused while its text, the comparison and the
    original are the very same objects (a translation arriving remakes only its column)."""
    def build() -> tuple[SegmentCell, ...]:
        return tuple(SegmentTableModel._cell(column, s.id, comparison)
                     for s in workspace.original.iter_sentences())

    if memo is None:
        return build()
    return memo.get(column.id, (column, comparison, workspace.original), build)


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
