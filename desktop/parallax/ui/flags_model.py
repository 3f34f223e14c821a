"""Qt item models over a comparison's flags, most serious first or in document order, with a
kind/source filter.

Document order is what a reader walks: the headline first, then the original's sentences in
order, then flags that sit only in another source (by source order, then sentence order). Flags
on the same sentence keep the order `core` produced them in. By default the list shows the most
serious flags first (`Flag.severity`: high, medium, low), each severity in document order.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from parallax.core.comparison import FLAG_LABELS, SEVERITIES, Comparison, Flag
from parallax.core.workspace import ORIGINAL, TITLE, Workspace
from parallax.ui.palette import FLAG_COLOURS
from parallax.ui.plain import plain_tooltip

FLAG_ROLE = Qt.ItemDataRole.UserRole + 1  # the `Flag` object of a row
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 3  # source id, "" for flags on the original alone

_Index = QModelIndex | QPersistentModelIndex


# The labels again, marked so Qt's lupdate extracts them for the zh_CN catalogue.
_LABELS_FOR_TRANSLATION = (
    QT_TRANSLATE_NOOP("FlagKinds", "Different number"),
    QT_TRANSLATE_NOOP("FlagKinds", "Different qualifier on a number"),
    QT_TRANSLATE_NOOP("FlagKinds", "Name only in the original"),
    QT_TRANSLATE_NOOP("FlagKinds", "Name only in the other source"),
    QT_TRANSLATE_NOOP("FlagKinds", "Loaded word"),
    QT_TRANSLATE_NOOP("FlagKinds", "Vague attribution"),
    QT_TRANSLATE_NOOP("FlagKinds", "Hedge or booster"),
    QT_TRANSLATE_NOOP("FlagKinds", "Headline stronger than the body"),
    QT_TRANSLATE_NOOP("FlagKinds", "Claim no other source makes"),
    QT_TRANSLATE_NOOP("FlagKinds", "No close match found in the other sources"),
    QT_TRANSLATE_NOOP("FlagKinds", "Claim the original leaves out"),
)


def flag_label(kind: str) -> str:
    """The user's name for a flag kind, translated when a zh_CN catalogue is loaded."""
    return QCoreApplication.translate("FlagKinds", FLAG_LABELS.get(kind, kind))


def document_order(workspace: Workspace, flags: Iterable[Flag]) -> list[Flag]:
    """Flags sorted as a reader meets them: title, original sentences, then other sources."""
    original_pos = {TITLE: -1}
    for n, sentence in enumerate(workspace.original.iter_sentences()):
        original_pos[sentence.id] = n
    source_pos = {source.id: n for n, source in enumerate(workspace.sources)}
    sentence_pos: dict[tuple[str, str], int] = {}
    for source in workspace.sources:
        sentence_pos[(source.id, TITLE)] = -1
        for n, sentence in enumerate(source.article.iter_sentences()):
            sentence_pos[(source.id, sentence.id)] = n
    after_all = len(original_pos) + 1

    def key(item: tuple[int, Flag]) -> tuple[int, int, int, int]:
        n, flag = item
        if flag.original is not None:
            first = original_pos.get(flag.original, after_all - 1)
        else:
            first = after_all
        src = -1 if flag.source is None else source_pos.get(flag.source, len(source_pos))
        sent = -1
        if flag.source is not None and flag.sentence is not None:
            sent = sentence_pos.get((flag.source, flag.sentence), -1)
        # On one original sentence: the original's own flags (src -1) first, then by source.
        return (first, src, sent, n)

    return [flag for _, flag in sorted(enumerate(flags), key=key)]


def severity_order(workspace: Workspace, flags: Iterable[Flag]) -> list[Flag]:
    """The most serious flags first; within one severity, document order."""
    rank = {severity: n for n, severity in enumerate(SEVERITIES)}
    return sorted(document_order(workspace, flags), key=lambda f: rank[f.severity])


ORDERS = ("severity", "reading")


class FlagsModel(QAbstractTableModel):
    """All flags of a comparison, one row each: kind, where, words, detail."""

    COLUMNS = ("kind", "where", "text", "detail")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._flags: list[Flag] = []
        self._workspace: Workspace | None = None
        self._comparison: Comparison | None = None
        self._order = "severity"

    def set_data(self, workspace: Workspace | None, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self._workspace = workspace
        self._comparison = comparison
        if workspace is None or comparison is None:
            self._flags = []
        elif self._order == "severity":
            self._flags = severity_order(workspace, comparison.flags)
        else:
            self._flags = document_order(workspace, comparison.flags)
        self.endResetModel()

    def set_order(self, order: str) -> None:
        """"severity" (most serious first) or "reading" (document order)."""
        if order not in ORDERS:
            raise ValueError(f"unknown order {order!r}")
        if order != self._order:
            self._order = order
            self.set_data(self._workspace, self._comparison)

    def order(self) -> str:
        return self._order

    def all_flags(self) -> list[Flag]:
        return list(self._flags)

    def flag(self, row: int) -> Flag:
        return self._flags[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._flags)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Kind"), self.tr("Where"), self.tr("Words"), self.tr("Detail"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._flags):
            return None
        flag = self._flags[index.row()]
        column = index.column()
        if role == FLAG_ROLE:
            return flag
        if role == KIND_ROLE:
            return flag.kind
        if role == SOURCE_ROLE:
            return flag.source or ""
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                mark = {"confirmed": " ✓", "dismissed": " ✗"}.get(flag.decision or "", "")
                return flag_label(flag.kind) + mark
            if column == 1:
                return self.where(flag)
            if column == 2:
                return flag.text
            return f"{flag.detail} [{flag.note}]" if flag.note else flag.detail
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self.tooltip(flag))
        if role == Qt.ItemDataRole.ForegroundRole and flag.dismissed:
            return QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and flag.dismissed:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QColor(FLAG_COLOURS.get(flag.kind, "#777777"))
        return None

    def tooltip(self, flag: Flag) -> str:
        """The flag's detail, the analyst's decision and note (plain text)."""
        lines = [flag.detail]
        if flag.decision == "confirmed":
            lines.append(self.tr("Confirmed by the analyst."))
        elif flag.decision == "dismissed":
            lines.append(self.tr("Dismissed by the analyst (skipped by Next Difference)."))
        if flag.note:
            lines.append(self.tr("Note: %1").replace("%1", flag.note))
        return "\n".join(lines)

    def where(self, flag: Flag) -> str:
        """A short place name: "Headline", "S4", "S4 ↔ Reuters S2", "Reuters S7"."""
        parts: list[str] = []
        if flag.original is not None:
            parts.append(self._sentence_name(flag.original))
        if flag.source is not None:
            name = flag.source
            if self._workspace is not None:
                with contextlib.suppress(KeyError):
                    name = self._workspace.source(flag.source).display_name
            if flag.sentence is not None:
                name = f"{name} {self._sentence_name(flag.sentence)}"
            parts.append(name)
        return " ↔ ".join(parts)

    def _sentence_name(self, sentence_id: str) -> str:
        if sentence_id == TITLE:
            return self.tr("Headline")
        return sentence_id.upper()


class FlagsFilter(QSortFilterProxyModel):
    """Keeps the flags of the chosen kinds and source; never re-sorts (document order)."""

    ALL = ""  # source filter value meaning every source
    ORIGINAL_ONLY = ORIGINAL  # flags about the original alone (no other source involved)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kinds: frozenset[str] | None = None
        self._source = self.ALL

    def set_kinds(self, kinds: Iterable[str] | None) -> None:
        """None shows every kind."""
        with self._filter_change():
            self._kinds = None if kinds is None else frozenset(kinds)

    def kinds(self) -> frozenset[str] | None:
        return self._kinds

    def set_source(self, source: str) -> None:
        """`ALL`, `ORIGINAL_ONLY`, or a source id."""
        with self._filter_change():
            self._source = source

    def source(self) -> str:
        return self._source

    @contextlib.contextmanager
    def _filter_change(self) -> Iterator[None]:
        # Qt 6.9 added begin/endFilterChange and deprecated invalidateRowsFilter.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            yield
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            yield
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if isinstance(model, FlagsModel):
            # Straight to the flag: no index/data round trips through Qt for every row.
            flag = model.flag(source_row)
            kind, source = flag.kind, flag.source or ""
        else:
            index = model.index(source_row, 0, source_parent)
            kind = model.data(index, KIND_ROLE)
            source = model.data(index, SOURCE_ROLE)
        if self._kinds is not None and kind not in self._kinds:
            return False
        if self._source == self.ALL:
            return True
        if self._source == self.ORIGINAL_ONLY:
            return not source
        return bool(source == self._source)

    def flag(self, row: int) -> Flag:
        value = self.data(self.index(row, 0), FLAG_ROLE)
        assert isinstance(value, Flag)
        return value

    def visible_flags(self) -> list[Flag]:
        return [self.flag(row) for row in range(self.rowCount())]


__all__ = [
    "FLAG_ROLE",
    "KIND_ROLE",
    "SOURCE_ROLE",
    "FlagsFilter",
    "FlagsModel",
    "document_order",
    "flag_label",
    "severity_order",
]
