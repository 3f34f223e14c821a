"""Reading mode: the original, its machine translation and every source side by side.

A `QSplitter` of `ReadingPane`s inside a horizontal scroll area (columns keep a readable
width; more columns than fit scroll sideways instead of widening the window), each under a title
bar (the name first, elided, then role and language; one menu button to move or hide it).
Scrolling is synchronised on alignment, the way Meld uses its
syncpoints: when one pane scrolls, its top visible sentence is mapped through the comparison's
links to its counterpart in every other pane, and those panes scroll so that the counterpart
sits at the same place; a re-entrancy lock keeps the panes from echoing each other.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QFont, QFontMetrics, QResizeEvent, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from parallax.core.comparison import Comparison
from parallax.core.workspace import ORIGINAL, Workspace
from parallax.ui.plain import plain_tooltip
from parallax.ui.presentation import Presentation, Presenter
from parallax.ui.views.column_text import MT, ColumnText, default_diff_reference
from parallax.ui.views.reading_pane import BuildSteps, ReadingPane

log = logging.getLogger(__name__)
SYNC_LOOKAHEAD = 12  # sentences searched below the top one for an alignment anchor
SYNC_SENTENCES = 150  # columns up to this long are built at once, longer ones in slices
BUILD_SLICE_MS = 8  # GUI-thread time per slice of building long columns


@dataclass(frozen=True)
class ColumnInfo:
    id: str
    title: str
    role: str
    lang: str
    visible: bool


MIN_COLUMN_CHARS = 18  # a reading column is never narrower than this many average characters
MIN_COLUMN_WIDTH = 190


class ElidedLabel(QLabel):
    """A one-line plain-text label that elides its text to the room it gets, never widening
    its parent: the full text stays in `full_text()` (and in the owner's tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)  # titles come from article files
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(0, self.contentsRect().width()))
        if shown != self.text():
            self.setText(shown)


class ColumnHeader(QWidget):
    """The title bar of one column: what it is (elided, in full in the tooltip), and one menu
    button with the column's actions (move left or right, hide, compare with), so a header is
    one Tab stop."""

    move_requested = Signal(int)  # -1 left, +1 right
    hide_requested = Signal()
    menu_requested = Signal()  # the menu button was pressed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 2, 2)
        layout.setSpacing(2)
        self.label = ElidedLabel(self)
        layout.addWidget(self.label, 1)
        self.left = QAction(self.tr("Move Column &Left"), self)
        self.right = QAction(self.tr("Move Column &Right"), self)
        self.hide_button = QAction(self.tr("&Hide Column"), self)
        self.left.triggered.connect(lambda: self.move_requested.emit(-1))
        self.right.triggered.connect(lambda: self.move_requested.emit(1))
        self.hide_button.triggered.connect(self.hide_requested.emit)
        self.menu_button = QToolButton(self)
        self.menu_button.setText("\u25be")  # ▾
        self.menu_button.setAutoRaise(True)
        self.menu_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.menu_button.setToolTip(self.tr("Move, hide or compare this column"))
        self.menu_button.setAccessibleName(self.tr("Column menu"))
        self.menu_button.clicked.connect(self.menu_requested.emit)
        layout.addWidget(self.menu_button)

    def set_column(self, column: ColumnText) -> None:
        roles = {
            "original": self.tr("original"),
            "machine translation": self.tr("machine translation"),
            "gloss": self.tr("word by word, not a translation"),
            "translation": self.tr("translation"),
            "report": self.tr("report"),
        }
        role = roles.get(column.role, column.role)
        # The outlet (or the user's name for the source) first: it is what tells columns apart.
        self.label.set_full_text(f"{column.title} · {role} · {column.lang}")
        # Titles come from article files: the tooltip is escaped, so it shows as plain text.
        self.setToolTip(plain_tooltip(self.label.full_text()))
        self.label.setToolTip(self.toolTip())
        self.menu_button.setAccessibleDescription(self.label.full_text())


class ColumnsView(QWidget):
    """Reading mode. Column ids: "original", "mt", then every source id."""

    sentence_activated = Signal(str, str)
    sentence_hovered = Signal(str, str)
    edit_requested = Signal(str, str)
    retranslate_requested = Signal(str, str)
    note_requested = Signal(str, str)  # the analyst's review, from a column's context menu
    link_requested = Signal(str, str)
    columns_changed = Signal()  # order or visibility changed (e.g. to refresh a View menu)
    built = Signal()  # every queued column text is on screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Columns keep a readable width and scroll sideways when there are more than the
        # window holds: the window never grows with the number of sources.
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("columnsScrollArea")
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.scroll_area)
        self.splitter.setChildrenCollapsible(False)
        self.scroll_area.setWidget(self.splitter)
        layout.addWidget(self.scroll_area)
        self._workspace: Workspace | None = None
        self._comparison: Comparison | None = None
        self._diff_reference: str | None = None
        self._present: Presenter = Presentation
        self._order: list[str] = []
        self._hidden: set[str] = set()
        self._panes: dict[str, ReadingPane] = {}
        self._headers: dict[str, ColumnHeader] = {}
        self._frames: dict[str, QWidget] = {}
        self._syncing = False
        self._sync_enabled = True
        self._dark = False
        self._font: QFont | None = None
        self._find_cursor: tuple[str, int] | None = None
        self._selection: tuple[str, str] | None = None
        # Long columns are built a few sentences at a time between events (see _build_slice).
        self._builds: dict[str, BuildSteps] = {}
        self._build_timer = QTimer(self)
        self._build_timer.setSingleShot(True)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self._build_slice)

    # ---- data ------------------------------------------------------------------------------
    def set_data(self, workspace: Workspace, comparison: Comparison | None) -> None:
        self._workspace = workspace
        self._comparison = comparison
        if self._diff_reference is not None and not any(
                s.id == self._diff_reference for s in workspace.sources):
            self._diff_reference = None
        columns = self._present(workspace, comparison).columns(self._diff_reference)
        ids = [c.id for c in columns]
        for stale in [i for i in self._panes if i not in ids]:
            self._remove_column(stale)
        self._order = [i for i in self._order if i in ids] + [i for i in ids
                                                              if i not in self._order]
        self._hidden &= set(ids)
        for column in columns:
            if column.id not in self._panes:
                self._add_column(column.id)
            self._headers[column.id].set_column(column)
            self._build(column.id, self._panes[column.id].column_steps(column))
        self._layout_columns()
        if self._selection is not None:
            self.show_selection(*self._selection)
        self._start_builds()

    # ---- building the panes' text ----------------------------------------------------------
    def _build(self, column_id: str, steps: BuildSteps) -> None:
        """Queue a pane's build steps, replacing any it had queued."""
        previous = self._builds.pop(column_id, None)
        if previous is not None:
            previous.close()
        pane = self._panes[column_id]
        column = pane.column
        if column is not None and len(column.sentences) <= SYNC_SENTENCES:
            for _ in steps:  # a short column is built at once: no half-updated moment
                pass
            return
        self._builds[column_id] = steps

    def _start_builds(self) -> None:
        if self._builds:
            self._build_timer.start()

    def building(self) -> bool:
        """True while a long column's new text is still being built."""
        return bool(self._builds)

    def stop_building(self) -> None:
        """Drop the builds under way (the view is going away); the texts shown stay."""
        self._build_timer.stop()
        builds, self._builds = self._builds, {}
        for steps in builds.values():
            steps.close()

    def _build_slice(self) -> None:
        """Run build steps for about BUILD_SLICE_MS, visible columns first, then let the
        event loop breathe (input, painting, progress) before the next slice."""
        deadline = time.perf_counter() + BUILD_SLICE_MS / 1000
        order = [i for i in self._order if i not in self._hidden] + list(self._hidden)
        while self._builds and time.perf_counter() < deadline:
            column_id = next((i for i in order if i in self._builds), next(iter(self._builds)))
            try:
                next(self._builds[column_id])
            except StopIteration:
                del self._builds[column_id]
        if self._builds:
            self._build_timer.start()
        else:
            self.built.emit()

    def set_presentations(self, present: Presenter) -> None:
        """Where the columns' texts come from: the document's presentations, made ahead on
        a worker thread (without it, a fresh one per `set_data`)."""
        self._present = present

    def set_diff_reference(self, source_id: str | None) -> None:
        """Which source the machine translation is diffed against (default: the first)."""
        self._diff_reference = source_id
        if self._workspace is not None:
            self.set_data(self._workspace, self._comparison)

    def _add_column(self, column_id: str) -> None:
        frame = QWidget(self.splitter)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        header = ColumnHeader(frame)
        pane = ReadingPane(frame)
        pane.setObjectName(f"reading-pane-{column_id}")
        if self._font is not None:
            pane.setFont(self._font)
        pane.set_dark(self._dark)
        # Narrow columns wrap between words, never inside one ("Presiden t").
        pane.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        frame.setMinimumWidth(self._min_column_width())
        layout.addWidget(header)
        layout.addWidget(pane, 1)
        header.move_requested.connect(lambda delta: self.move_column(column_id, delta))
        header.hide_requested.connect(lambda: self.set_column_visible(column_id, False))
        header.menu_requested.connect(lambda: self._show_header_menu(column_id))
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self.header_menu(column_id, header).exec(header.mapToGlobal(pos)))
        pane.sentence_activated.connect(self._on_activated)
        pane.sentence_hovered.connect(self._on_hovered)
        pane.edit_requested.connect(self.edit_requested)
        pane.retranslate_requested.connect(self.retranslate_requested)
        pane.note_requested.connect(self.note_requested)
        pane.link_requested.connect(self.link_requested)
        pane.verticalScrollBar().valueChanged.connect(lambda _v: self._on_scrolled(column_id))
        self._frames[column_id] = frame
        self._headers[column_id] = header
        self._panes[column_id] = pane

    def _min_column_width(self) -> int:
        font = self._font if self._font is not None else self.font()
        return max(MIN_COLUMN_WIDTH,
                   QFontMetrics(font).averageCharWidth() * MIN_COLUMN_CHARS)

    def _show_header_menu(self, column_id: str) -> None:
        header = self._headers.get(column_id)
        if header is None:
            return
        button = header.menu_button
        menu = self.header_menu(column_id, header)
        menu.exec(button.mapToGlobal(QPoint(0, button.height())))

    def _remove_column(self, column_id: str) -> None:
        steps = self._builds.pop(column_id, None)
        if steps is not None:
            steps.close()
        frame = self._frames.pop(column_id)
        self._headers.pop(column_id)
        self._panes.pop(column_id)
        frame.hide()
        frame.setParent(None)
        frame.deleteLater()

    def _layout_columns(self) -> None:
        for index, column_id in enumerate(self._order):
            frame = self._frames[column_id]
            if self.splitter.indexOf(frame) != index:
                self.splitter.insertWidget(index, frame)
            frame.setVisible(column_id not in self._hidden)
        visible = [i for i in self._order if i not in self._hidden]
        for column_id, header in self._headers.items():
            position = visible.index(column_id) if column_id in visible else -1
            header.left.setEnabled(position > 0)
            header.right.setEnabled(0 <= position < len(visible) - 1)
            header.hide_button.setEnabled(len(visible) > 1)

    # ---- columns ---------------------------------------------------------------------------
    def columns(self) -> list[ColumnInfo]:
        """Every column in display order, hidden ones included."""
        infos = []
        for column_id in self._order:
            column = self._panes[column_id].column
            if column is None:
                continue
            infos.append(ColumnInfo(column_id, column.title, column.role, column.lang,
                                    column_id not in self._hidden))
        return infos

    def pane(self, column_id: str) -> ReadingPane:
        return self._panes[column_id]

    def visible_panes(self) -> list[ReadingPane]:
        return [self._panes[i] for i in self._order if i not in self._hidden]

    def set_column_visible(self, column_id: str, visible: bool) -> None:
        if column_id not in self._panes:
            raise KeyError(column_id)
        if visible:
            self._hidden.discard(column_id)
        elif len(self._order) - len(self._hidden - {column_id}) > 1:
            self._hidden.add(column_id)  # never hide the last visible column
        self._layout_columns()
        self.columns_changed.emit()

    def move_column(self, column_id: str, delta: int) -> None:
        """Move a column `delta` places among the visible ones (negative is left)."""
        visible = [i for i in self._order if i not in self._hidden]
        if column_id not in visible or delta == 0:
            return
        target = max(0, min(len(visible) - 1, visible.index(column_id) + delta))
        visible.remove(column_id)
        visible.insert(target, column_id)
        # Hidden columns keep their places relative to the visible neighbour before them.
        order: list[str] = []
        queue = iter(visible)
        for existing in self._order:
            order.append(next(queue) if existing not in self._hidden else existing)
        self._order = order
        self._layout_columns()
        self.columns_changed.emit()

    def column_order(self) -> list[str]:
        return list(self._order)

    def set_column_order(self, ids: list[str]) -> None:
        """Restore a saved order; unknown ids are ignored and missing ones keep the end."""
        known = [i for i in ids if i in self._panes]
        self._order = known + [i for i in self._order if i not in known]
        self._layout_columns()
        self.columns_changed.emit()

    def view_state(self) -> dict[str, Any]:
        """Column order, hidden columns, widths and sync scrolling, as plain JSON-able data
        (for QSettings between sessions)."""
        sizes = dict(zip(self._order, self._sizes_in_order(), strict=True))
        return {"order": list(self._order), "hidden": sorted(self._hidden),
                "sizes": sizes, "sync": self._sync_enabled}

    def restore_view_state(self, state: Mapping[str, Any]) -> None:
        """Apply what `view_state` returned; unknown or malformed parts are ignored."""
        order = state.get("order")
        if isinstance(order, list):
            self.set_column_order([str(i) for i in order])
        hidden = state.get("hidden")
        if isinstance(hidden, list):
            for column_id in self._order:
                self.set_column_visible(column_id, column_id not in hidden)
        sizes = state.get("sizes")
        if isinstance(sizes, dict):
            current = dict(zip(self._order, self._sizes_in_order(), strict=True))
            for key, value in sizes.items():
                if key in current and isinstance(value, int) and value > 0:
                    current[key] = value
            self.splitter.setSizes([current[i] for i in self._order])
        if isinstance(state.get("sync"), bool):
            self._sync_enabled = bool(state["sync"])

    def _sizes_in_order(self) -> list[int]:
        sizes = self.splitter.sizes()
        return [sizes[self.splitter.indexOf(self._frames[i])] for i in self._order]

    def columns_menu(self, parent: QWidget | None = None) -> QMenu:
        """A menu of checkable columns, to show hidden ones again."""
        menu = QMenu(self.tr("Columns"), parent or self)
        self._add_column_actions(menu)
        return menu

    def _add_column_actions(self, menu: QMenu) -> None:
        for info in self.columns():
            action = QAction(info.title, menu)
            action.setCheckable(True)
            action.setChecked(info.visible)
            column_id = info.id
            action.toggled.connect(
                lambda checked, cid=column_id: self.set_column_visible(cid, checked))
            menu.addAction(action)

    def header_menu(self, column_id: str, parent: QWidget | None = None) -> QMenu:
        """A column title's menu: move it left or right, hide it, which column the machine
        translation is diffed against, then every column to show or hide."""
        menu = QMenu(parent or self)
        header = self._headers.get(column_id)
        if header is not None:
            menu.addActions([header.left, header.right, header.hide_button])
            menu.addSeparator()
        column = self._panes[column_id].column
        if column is not None and column.id not in (ORIGINAL, MT):
            action = QAction(self.tr("Compare the machine translation with this column"), menu)
            action.setCheckable(True)
            action.setChecked(self.diff_reference() == column_id)
            action.triggered.connect(lambda: self.set_diff_reference(column_id))
            menu.addAction(action)
            menu.addSeparator()
        self._add_column_actions(menu)
        return menu

    def diff_reference(self) -> str | None:
        """The source the machine translation column is diffed against."""
        if self._diff_reference is not None:
            return self._diff_reference
        return None if self._workspace is None else default_diff_reference(self._workspace)

    # ---- selection -------------------------------------------------------------------------
    @Slot(str, str)
    def show_selection(self, key: str, sentence_id: str) -> None:
        """Highlight a sentence and its counterparts in every column; scroll them into view."""
        self._selection = (key, sentence_id)
        found = self.counterparts(key, sentence_id)
        self._syncing = True  # selection scrolling must not trigger alignment scrolling
        try:
            for pane in self._panes.values():
                pane.highlight(found.get(pane.key, ()))
        finally:
            self._syncing = False

    def counterparts(self, key: str, sentence_id: str) -> dict[str, tuple[str, ...]]:
        if self._comparison is None:
            return {key: (sentence_id,)}
        return self._comparison.counterparts(key, sentence_id)

    def selection(self) -> tuple[str, str] | None:
        return self._selection

    @Slot(str, str)
    def show_hover(self, key: str, sentence_id: str) -> None:
        """A lighter highlight of a hovered sentence's counterparts, scrolled into view.

        Panes scroll only when the counterpart is off-screen, and under the sync lock, so the
        pane under the mouse never moves.
        """
        found = self.counterparts(key, sentence_id)
        self._syncing = True
        try:
            for pane in self._panes.values():
                ids = found.get(pane.key, ())
                pane.set_hovered(ids[0] if ids else None)
                if ids and not pane.viewport().underMouse():
                    pane.ensure_sentence_visible(ids[0])
        finally:
            self._syncing = False

    def _on_activated(self, key: str, sentence_id: str) -> None:
        self.show_selection(key, sentence_id)
        self.sentence_activated.emit(key, sentence_id)

    def _on_hovered(self, key: str, sentence_id: str) -> None:
        self.show_hover(key, sentence_id)
        self.sentence_hovered.emit(key, sentence_id)

    # ---- synchronised scrolling ------------------------------------------------------------
    def set_sync_scrolling(self, enabled: bool) -> None:
        self._sync_enabled = enabled

    def sync_scrolling(self) -> bool:
        return self._sync_enabled

    def _on_scrolled(self, column_id: str) -> None:
        if self._syncing or not self._sync_enabled:
            return
        self._syncing = True
        try:
            self.sync_from(column_id)
        finally:
            self._syncing = False

    def sync_from(self, column_id: str) -> None:
        """Align every other pane on the sentences now at the top of `column_id`'s pane.

        The anchor is the first sentence from the top that has a counterpart in the other
        pane: one that starts above the viewport is matched proportionally (so long sentences
        scroll smoothly), one that starts inside it at the same distance from the top.
        """
        pane = self._panes[column_id]
        top_visible = pane.top_visible_sentence()
        if top_visible is None:
            return
        all_ids = pane.sentence_ids()
        first = all_ids.index(top_visible[0])
        ids = all_ids[first:first + SYNC_LOOKAHEAD]
        scroll = float(pane.verticalScrollBar().value())
        for other_id, other in self._panes.items():
            if other is pane or other_id in self._hidden:
                continue
            for anchor in ids:
                target = self._counterpart_in(pane.key, anchor, other.key)
                if target is None:
                    continue
                top = pane.sentence_top(anchor) or 0.0
                if top < scroll - 1:
                    bottom = pane.sentence_bottom(anchor) or top
                    other.scroll_to_sentence(target, (scroll - top) / max(1.0, bottom - top))
                else:
                    target_top = other.sentence_top(target) or 0.0
                    other.verticalScrollBar().setValue(round(max(0.0, target_top - (top - scroll))))
                break

    def _counterpart_in(self, key: str, sentence_id: str, other_key: str) -> str | None:
        if key == other_key:
            return sentence_id  # the original and its machine translation share ids
        if self._comparison is None:
            return None
        found = self._comparison.counterparts(key, sentence_id).get(other_key, ())
        if key == ORIGINAL or other_key == ORIGINAL:
            return found[0] if found else None
        # Between two sources, go through the best original sentence they share.
        links = self._comparison.links_to(key, sentence_id)
        for link in sorted(links, key=lambda x: -x.score):
            best = self._comparison.best_link(link.original, other_key)
            if best is not None:
                return best.sentence
        return None

    # ---- find, font, theme -----------------------------------------------------------------
    def find(self, text: str) -> int:  # type: ignore[override]  # QWidget.find(id) is unrelated
        """Mark every match in every visible column; return the number of matches."""
        self._find_cursor = None
        total = 0
        for column_id, pane in self._panes.items():
            total += pane.mark_matches(text if column_id not in self._hidden else "")
        return total

    def find_next(self, backwards: bool = False) -> bool:
        """Select the next (or previous) match across the columns, left to right; wraps."""
        stops = [(i, n) for i in self._order if i not in self._hidden
                 for n in range(len(self._panes[i].find_matches()))]
        if not stops:
            return False
        if self._find_cursor in stops:
            index = stops.index(self._find_cursor) + (-1 if backwards else 1)
        else:
            index = len(stops) - 1 if backwards else 0
        self._find_cursor = stops[index % len(stops)]
        for column_id, pane in self._panes.items():
            current = self._find_cursor[1] if column_id == self._find_cursor[0] else None
            if current is not None or pane.find_matches():
                pane.show_find_match(current)
        self.ensure_column_visible(self._find_cursor[0])
        return True

    def ensure_column_visible(self, column_id: str) -> None:
        """Scroll the columns sideways so that this one is in view."""
        frame = self._frames.get(column_id)
        if frame is not None and frame.isVisibleTo(self):
            self.scroll_area.ensureWidgetVisible(frame, 0, 0)

    def find_previous(self) -> bool:
        return self.find_next(backwards=True)

    def current_find(self) -> tuple[str, int] | None:
        return self._find_cursor

    def set_font(self, font: QFont) -> None:
        self._font = QFont(font)
        for column_id, pane in self._panes.items():
            pane.setFont(font)
            self._frames[column_id].setMinimumWidth(self._min_column_width())
            if pane.column is not None:
                self._build(column_id, pane.column_steps(pane.column, force=True))
        if self._selection is not None:
            self.show_selection(*self._selection)
        self._start_builds()

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        for column_id, pane in self._panes.items():
            if pane.set_dark_later(dark) and pane.column is not None:
                self._build(column_id, pane.column_steps(pane.column, force=True))
        self._start_builds()
