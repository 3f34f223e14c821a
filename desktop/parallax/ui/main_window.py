"""The main window: menus, toolbar, the columns in two modes, side panels and the status bar.

The window owns no data of its own: a `WorkspaceDocument` holds the workspace and comparison,
views get `set_data(workspace, comparison)` when either changes, and a sentence activated in
any view becomes the document's selection, which every view then shows (`show_selection`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QGuiApplication,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from parallax.core.article import Article
from parallax.core.comparison import Comparison, Flag
from parallax.core.language import is_han
from parallax.core.translate.cache import TranslationCache
from parallax.core.workspace import ORIGINAL, TITLE, Settings, Workspace
from parallax.ui.document import CompareFunction, WorkspaceDocument
from parallax.ui.file_actions import FileActions
from parallax.ui.fonts import FontZoom, missing_glyphs
from parallax.ui.layout_store import LayoutStore, column_layout_key
from parallax.ui.preferences import load_preferences
from parallax.ui.recovery import (
    Autosaver,
    RecoveryDecision,
    SetAside,
    offer_recovery,
    tell_set_aside,
)
from parallax.ui.review_actions import ReviewActions
from parallax.ui.tasks import tracker
from parallax.ui.theme import apply_theme, is_dark, theme_notifier
from parallax.ui.translation_controller import (
    EditTranslationDialog,
    EngineFactory,
    TranslationController,
)
from parallax.ui.views.columns import ColumnsView
from parallax.ui.views.coverage_map import CoverageLegend, CoverageMap
from parallax.ui.views.diff_detail import DiffDetailPane
from parallax.ui.views.find_bar import FindBar
from parallax.ui.views.flags_list import FlagsNavigator
from parallax.ui.views.legend import DiffLegend
from parallax.ui.views.notice import ComparisonNotice, MessageBar
from parallax.ui.views.privacy_indicator import PrivacyIndicator
from parallax.ui.views.segment_grid import SegmentGrid
from parallax.ui.wording import for_the_window

if TYPE_CHECKING:
    from parallax.ui.dialogs.shortcuts import ShortcutsDialog

log = logging.getLogger(__name__)

MODES = ("reading", "segments")


class _Themed(Protocol):
    def set_dark(self, dark: bool) -> None: ...


class _ComparisonView(Protocol):
    """What every view of the comparison offers the window (mypy checks each one has it)."""

    def set_data(self, workspace: Workspace, comparison: Comparison | None) -> None: ...

    def show_selection(self, key: str, sentence_id: str) -> None: ...


_START_FALLBACK_MS = 400
_START_AFTER_PAINT_MS = 150


class _FirstPaint(QObject):
    """Calls `then` shortly after the first paint inside `window`."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        self._armed = True
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def disarm(self) -> None:
        if self._armed:
            self._armed = False
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (self._armed and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and watched.window() is self._window):
            self.disarm()
            # One widget has painted; give the rest of the first frame time to follow.
            QTimer.singleShot(_START_AFTER_PAINT_MS, self._then)
        return False


def _scroll_area(widget: QWidget, name: str, *, horizontal: bool) -> QScrollArea:
    """`widget` in a frameless scroll area that follows its size (a side panel's content)."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if horizontal
                                      else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


class MainWindow(QMainWindow):
    settled = Signal()  # no background work left and the comparison on screen
    confirm_close = True  # ask about unsaved changes on close (off for screenshots)

    def __init__(
        self,
        document: WorkspaceDocument | Workspace,
        *,
        path: Path | None = None,
        settings: QSettings | None = None,
        engine_factory: EngineFactory | None = None,
        compare: CompareFunction | bool | None = True,
        translate_on_open: bool | None = None,
        autosave: bool = True,
        translation_cache: TranslationCache | None = None,
    ) -> None:
        """`translate_on_open`: None follows the preferences and the workspace settings."""
        super().__init__()
        if isinstance(document, Workspace):
            document = WorkspaceDocument(document, path, self, compare=compare, start=False)
        else:
            document.setParent(self)
        self.document = document
        self.settings = settings if settings is not None else QSettings()
        self._translate_on_open = translate_on_open
        self._actions: dict[str, QAction] = {}
        self.layouts = LayoutStore(self.settings)
        self._stale_views: set[_ComparisonView] = set()
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self._fit_to_screen()

        self.zoom = FontZoom(parent=self)
        self._apply_font_preferences()
        self.translation = TranslationController(document, self, engine_factory=engine_factory,
                                                 cache=translation_cache)
        self.autosaver: Autosaver | None = Autosaver(document, self) if autosave else None
        self.files = FileActions(self, document, self.settings, self.autosaver)
        self.files.replacing.connect(self._leave_workspace)
        self.files.loaded.connect(lambda: QTimer.singleShot(0, self._after_open))

        self._build_central()
        self._build_docks()
        self._build_status_bar()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._connect_document()
        self._build_review()
        self._apply_font(self.zoom.font())
        if not self._restore_window_state():
            # Dock sizes only take once the window has its size.
            QTimer.singleShot(0, self._default_dock_sizes)
        self._refresh_all()
        self._update_title()
        self._update_actions()
        self._started = False
        # Background work (comparison, translation) holds the GIL for seconds on first use
        # (dictionaries load in Python): start it once the window has painted, or after a short
        # while if it is never shown (tests, self-test).
        self._first_paint = _FirstPaint(self, self._start_background_work)
        QTimer.singleShot(_START_FALLBACK_MS, self._start_background_work)

    def _fit_to_screen(self, width: int = 1400, height: int = 860) -> None:
        """Start at a comfortable size, never larger than the screen's free area."""
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            free = screen.availableGeometry()
            if free.width() > 0 and free.height() > 0:
                width, height = min(width, free.width()), min(height, free.height())
        self.resize(width, height)

    def _start_background_work(self) -> None:
        if self._started:
            return
        self._started = True
        self._first_paint.disarm()
        self.document.start()
        self._after_open()

    # ---- construction --------------------------------------------------------------------
    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(2)
        header = QWidget(central)
        header.setObjectName("articleHeader")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(6, 4, 6, 4)
        header_layout.setSpacing(0)
        self.title_label = QLabel(header)
        self.title_label.setObjectName("articleTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta_label = QLabel(header)
        self.meta_label.setObjectName("articleMeta")
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        header_layout.addWidget(self.title_label)
        header_layout.addWidget(self.meta_label)
        layout.addWidget(header)
        self.notice = ComparisonNotice(central)
        self.notice.model_manager_requested.connect(self.show_model_manager)
        layout.addWidget(self.notice)
        self.font_warning = MessageBar("fontWarning", central)
        layout.addWidget(self.font_warning)
        self._font_checked: Article | None = None

        self.stack = QStackedWidget(central)
        self.columns_view = ColumnsView(self.stack)
        self.segment_grid = SegmentGrid(self.stack)
        self.stack.addWidget(self.columns_view)
        self.stack.addWidget(self.segment_grid)
        layout.addWidget(self.stack, 1)

        self.find_bar = FindBar(central)
        self.find_bar.find_requested.connect(self._find)
        self.find_bar.next_requested.connect(self._find_next)
        self.find_bar.previous_requested.connect(self._find_previous)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)

    def _build_docks(self) -> None:
        self.flags_navigator = FlagsNavigator(self)
        detail_box = QWidget(self)
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.setSpacing(2)
        self.diff_detail = DiffDetailPane(detail_box)
        # The pair's texts may be long: the pane scrolls rather than growing the window; the
        # legend stays in view below it, wrapped to the panel's width.
        self.detail_scroll = _scroll_area(self.diff_detail, "detailScrollArea", horizontal=True)
        self.legend = DiffLegend(detail_box)
        detail_layout.addWidget(self.detail_scroll, 1)
        detail_layout.addWidget(self.legend)
        coverage_box = QWidget(self)
        coverage_layout = QVBoxLayout(coverage_box)
        coverage_layout.setContentsMargins(0, 0, 0, 0)
        coverage_layout.setSpacing(2)
        self.coverage_map = CoverageMap(coverage_box)
        # Long articles and many sources: the map scrolls (every row reachable).
        self.coverage_scroll = _scroll_area(self.coverage_map, "coverageScrollArea",
                                            horizontal=True)
        self.coverage_legend = CoverageLegend(coverage_box)
        coverage_layout.addWidget(self.coverage_scroll, 1)
        coverage_layout.addWidget(self.coverage_legend)
        self.flags_dock = self._dock("flagsDock", self.tr("Differences"), self.flags_navigator,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.detail_dock = self._dock("detailDock", self.tr("Selected pair"), detail_box,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.coverage_dock = self._dock("coverageDock", self.tr("Coverage"), coverage_box,
                                        Qt.DockWidgetArea.LeftDockWidgetArea)

    def _default_dock_sizes(self) -> None:
        # The columns are the point of the window: side panels start narrow, the coverage
        # panel just wide enough for every source's column of the map (up to a limit).
        bar = self.coverage_scroll.verticalScrollBar().sizeHint().width()
        coverage = min(260, max(170, self.coverage_map.minimumSizeHint().width() + bar + 4))
        self.resizeDocks([self.coverage_dock, self.flags_dock], [coverage, 340],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.flags_dock, self.detail_dock], [300, 420],
                         Qt.Orientation.Vertical)

    def _dock(self, name: str, title: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress_box = QWidget(bar)
        box = QHBoxLayout(self.progress_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.progress_label = QLabel(self.progress_box)
        self.progress_bar = QProgressBar(self.progress_box)
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self.progress_box)
        self.cancel_button.setToolTip(
            self.tr("Stop translating (Esc); finished sentences are kept"))
        self.cancel_button.clicked.connect(self.translation.cancel)
        box.addWidget(self.progress_label)
        box.addWidget(self.progress_bar)
        box.addWidget(self.cancel_button)
        bar.addPermanentWidget(self.progress_box)
        self.progress_box.hide()
        self.compare_label = QLabel(bar)
        bar.addPermanentWidget(self.compare_label)
        bar.addPermanentWidget(PrivacyIndicator(bar))
        tc = self.translation
        tc.started.connect(self._on_translation_started)
        tc.progressed.connect(self._on_translation_progress)
        tc.finished.connect(self._on_translation_finished)
        tc.cancelled.connect(lambda: self.statusBar().showMessage(
            self.tr("Translation cancelled; finished sentences are kept."), 5000))
        tc.succeeded.connect(self._on_translation_succeeded)
        tc.failed.connect(lambda msg: self.statusBar().showMessage(
            self.tr("Translation failed: {0}").format(for_the_window(msg)), 10000))

    def _action(self, name: str, text: str, slot: Callable[[], Any],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str | None = None, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        # Toolbar text without the menu's mnemonic, also in the "打开(&O)" style.
        action.setIconText(re.sub(r"\(&\w\)|&|…$", "", text).strip())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tooltip = tip or text.replace("&", "").rstrip("…")
        action.setToolTip(f"{tooltip} ({keys})" if keys else tooltip)
        action.setStatusTip(tooltip)
        action.setCheckable(checkable)
        if checkable:
            # Radio-style: act when chosen, not when another choice unchecks this one.
            action.toggled.connect(lambda on: slot() if on else None)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work with the toolbar or menus hidden
        self._actions[name] = action
        return action

    def action(self, name: str) -> QAction:
        return self._actions[name]

    def _build_actions(self) -> None:
        a = self._action
        a("open_article", self.tr("&Open Article…"), self.files.open_article_dialog,
          QKeySequence.StandardKey.Open, self.tr("Open an article as a new comparison"))
        a("open_workspace", self.tr("Open &Workspace…"), self.files.open_workspace_dialog,
          "Ctrl+Shift+O", self.tr("Open a saved Parallax workspace"))
        a("add_source", self.tr("&Add Source…"), self.files.add_source_dialog, "Ctrl+Shift+A",
          self.tr("Add a translation or another outlet's report"))
        a("paste_article", self.tr("&Paste as New Article"), self.files.paste_article,
          "Ctrl+Shift+V", self.tr("Start a comparison from the text on the clipboard"))
        a("open_url", self.tr("Open &URL…"), self.files.open_url_dialog, "Ctrl+Shift+U",
          self.tr("Download a web page as a new article (needs a network)"))
        a("save", self.tr("&Save"), self.files.save, QKeySequence.StandardKey.Save,
          self.tr("Save the workspace"))
        a("save_as", self.tr("Save &As…"), self.files.save_as, QKeySequence.StandardKey.SaveAs,
          self.tr("Save the workspace under a new name"))
        a("quit", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit,
          self.tr("Quit Parallax"))
        undo = self.document.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.document.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        for name, act in (("undo", undo), ("redo", redo)):
            act.setObjectName(name)
            self.addAction(act)
            self._actions[name] = act
        a("find", self.tr("&Find…"), self.find_bar.open_bar, QKeySequence.StandardKey.Find,
          self.tr("Find text in every column"))
        a("edit_translation", self.tr("&Edit Translation…"), self.edit_selected_translation, "F2",
          self.tr("Edit the selected sentence's translation (kept beside the machine output)"))
        a("preferences", self.tr("Pr&eferences…"), self.show_preferences,
          QKeySequence.StandardKey.Preferences, self.tr("Theme, fonts, translation settings"))
        a("mode_reading", self.tr("&Reading"), lambda: self.set_mode("reading"), "Ctrl+1",
          self.tr("Flowing text columns"), checkable=True)
        a("mode_segments", self.tr("&Segments"), lambda: self.set_mode("segments"), "Ctrl+2",
          self.tr("One row per original sentence"), checkable=True)
        group = QActionGroup(self)
        group.setExclusive(True)
        group.addAction(self.action("mode_reading"))
        group.addAction(self.action("mode_segments"))
        self.action("mode_reading").setChecked(True)
        a("zoom_in", self.tr("Zoom &In"), self.zoom.zoom_in, QKeySequence.StandardKey.ZoomIn,
          self.tr("Larger text"))
        self.action("zoom_in").setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        a("zoom_out", self.tr("Zoom &Out"), self.zoom.zoom_out, QKeySequence.StandardKey.ZoomOut,
          self.tr("Smaller text"))
        a("zoom_reset", self.tr("&Actual Size"), self.zoom.reset, "Ctrl+0",
          self.tr("Reset the zoom"))
        a("next_difference", self.tr("&Next Difference"), self.next_difference, "F8",
          self.tr("Go to the next difference"))
        a("previous_difference", self.tr("&Previous Difference"), self.previous_difference,
          "Shift+F8", self.tr("Go to the previous difference"))
        a("translate_all", self.tr("&Translate All"), self.translate_all, "Ctrl+T",
          self.tr("Machine-translate every sentence still missing a translation"))
        a("cancel_translation", self.tr("&Cancel Translation"), self.translation.cancel, "Esc",
          self.tr("Stop translating; finished sentences are kept"))
        a("retry_sentence", self.tr("&Retry Sentence"), self.retry_selected_sentence, "Ctrl+R",
          self.tr("Translate the selected sentence again"))
        a("model_manager", self.tr("&Model Manager…"), self.show_model_manager, "Ctrl+M",
          self.tr("Install, download or remove translation models"))
        a("about", self.tr("&About Parallax"), self.show_about, None,
          self.tr("Versions and licences"))
        a("keyboard_shortcuts", self.tr("&Keyboard Shortcuts"), self.show_shortcuts, None,
          self.tr("Every keyboard shortcut of the window"))
        a("manage_sources", self.tr("&Manage Sources…"), self.manage_sources, "Ctrl+Shift+L",
          self.tr("Reorder or remove sources, change their role and name"))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")
        for name in ("open_article", "open_workspace", "add_source", "manage_sources",
                     "paste_article", "open_url"):
            file_menu.addAction(self.action(name))
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(lambda: self.files.fill_recent_menu(self.recent_menu))
        file_menu.addSeparator()
        file_menu.addAction(self.action("save"))
        file_menu.addAction(self.action("save_as"))
        self.export_menu = file_menu.addMenu(self.tr("&Export"))
        for act in self.files.export_actions():
            self.export_menu.addAction(act)
            self._actions[act.objectName()] = act
        file_menu.addSeparator()
        file_menu.addAction(self.action("quit"))

        edit_menu = bar.addMenu(self.tr("&Edit"))
        for name in ("undo", "redo"):
            edit_menu.addAction(self.action(name))
        edit_menu.addSeparator()
        for name in ("find", "edit_translation"):
            edit_menu.addAction(self.action(name))
        edit_menu.addSeparator()
        edit_menu.addAction(self.action("preferences"))

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.action("mode_reading"))
        view_menu.addAction(self.action("mode_segments"))
        view_menu.addSeparator()
        for name in ("zoom_in", "zoom_out", "zoom_reset"):
            view_menu.addAction(self.action(name))
        view_menu.addSeparator()
        self.columns_menu = view_menu.addMenu(self.tr("&Columns"))
        self.columns_menu.aboutToShow.connect(self._fill_columns_menu)
        panels = view_menu.addMenu(self.tr("Side &Panels"))
        for dock in (self.flags_dock, self.detail_dock, self.coverage_dock):
            panels.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(self.action("next_difference"))
        view_menu.addAction(self.action("previous_difference"))

        translate_menu = bar.addMenu(self.tr("&Translate"))
        for name in ("translate_all", "cancel_translation", "retry_sentence"):
            translate_menu.addAction(self.action(name))
        translate_menu.addSeparator()
        translate_menu.addAction(self.action("model_manager"))

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.action("keyboard_shortcuts"))
        help_menu.addSeparator()
        help_menu.addAction(self.action("about"))
        self.menus = {"file": file_menu, "edit": edit_menu, "view": view_menu,
                      "translate": translate_menu, "help": help_menu}

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("open_article", "add_source", "save", None, "mode_reading",
                     "mode_segments", None, "previous_difference", "next_difference", None,
                     "translate_all", "cancel_translation", None, "find", "zoom_out",
                     "zoom_in"):
            if name is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.action(name))
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _connect_document(self) -> None:
        doc = self.document
        doc.workspace_changed.connect(lambda _ws: self._refresh_all())
        doc.comparison_changed.connect(lambda _c: self._refresh_views())
        doc.comparing_changed.connect(self._on_comparing)
        doc.selection_changed.connect(self._show_selection)
        doc.dirty_changed.connect(lambda _d: self._update_title())
        doc.path_changed.connect(lambda _p: self._update_title())
        tracker().idle.connect(self._maybe_settled)
        columns, grid = self.columns_view, self.segment_grid
        for activated in (columns.sentence_activated, grid.sentence_activated,
                          self.flags_navigator.sentence_activated,
                          self.diff_detail.sentence_activated,
                          self.coverage_map.sentence_activated):
            activated.connect(self.document.select)
        for view in (columns, grid):  # the two modes' text views
            view.sentence_hovered.connect(self._on_hover)
            view.edit_requested.connect(self.edit_translation)
            view.retranslate_requested.connect(self.retranslate)
        self.flags_navigator.flag_activated.connect(self._on_flag)
        self.coverage_map.cell_activated.connect(self._on_coverage_cell)
        self.diff_detail.options_changed.connect(self._on_diff_options)
        self.diff_detail.pivots_changed.connect(self._update_notice)
        columns.columns_changed.connect(self._sync_column_visibility)
        self.columns_view.built.connect(self._maybe_settled)
        # What the views show is made on the worker thread, right after the comparison.
        for view in (columns, grid):
            view.set_presentations(doc.presentation)
        self.segment_grid.sized.connect(self._maybe_settled)
        self.zoom.font_changed.connect(self._apply_font)
        theme_notifier().changed.connect(self._apply_dark)
        self._apply_dark(is_dark())

    def _build_review(self) -> None:
        """The analyst's review: link / unlink, confirm / dismiss, notes (a Review menu, the
        differences list's context menu, buttons in the Selected pair panel)."""
        self.review = ReviewActions(self, self.document, self.flags_navigator, self.diff_detail)
        self._actions.update(self.review.actions)  # listed in Help › Keyboard Shortcuts
        menu = QMenu(self.tr("&Review"), self)
        menu.setObjectName("reviewMenu")
        self.menuBar().insertMenu(self.menus["help"].menuAction(), menu)
        for name in ("link_pair", "unlink_pair", "sentence_note", None, "confirm_flag",
                     "dismiss_flag", "flag_note"):
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.review.actions[name])
        menu.aboutToShow.connect(self.review.update)
        self.menus["review"] = menu
        self.diff_detail.add_review_actions(
            [self.review.actions[n] for n in ("link_pair", "unlink_pair", "sentence_note")])
        # The reading columns' context menus.
        self.columns_view.note_requested.connect(self.review.note_on)
        self.columns_view.link_requested.connect(self.review.link_to)

    def _views(self) -> list[_ComparisonView]:
        return [self.columns_view, self.segment_grid, self.flags_navigator, self.diff_detail,
                self.coverage_map]

    def _apply_dark(self, dark: bool) -> None:
        # The differences list takes its colours from the palette and needs no telling.
        themed: list[_Themed] = [self.columns_view, self.segment_grid, self.diff_detail,
                                 self.coverage_map, self.legend, self.coverage_legend]
        for view in themed:
            view.set_dark(dark)

    # ---- showing data --------------------------------------------------------------------
    def _refresh_all(self) -> None:
        article = self.document.workspace.original
        self.title_label.setText(article.title)
        meta = [article.outlet or ""]
        if article.published is not None:
            meta.append(article.published.strftime("%Y-%m-%d %H:%M"))
        meta.append(self.tr("{0} sentences").format(article.sentence_count))
        self.meta_label.setText(" · ".join(m for m in meta if m))
        if article is not self._font_checked:
            self._font_checked = article
            self.check_font()
        self._refresh_views()
        self._update_actions()

    def _live_views(self) -> list[_ComparisonView]:
        """The views to keep up to date now: the mode not shown is brought up to date when it
        is shown (laying out a long article in both modes at every change would freeze the
        window for seconds)."""
        hidden = self.segment_grid if self.current_view() is self.columns_view else (
            self.columns_view)
        return [view for view in self._views() if view is not hidden]

    def _refresh_views(self) -> None:
        workspace = self.document.workspace
        comparison = self.document.comparison
        hidden = [v for v in (self.columns_view, self.segment_grid) if v not in self._live_views()]
        self._stale_views.update(hidden)
        for view in self._live_views():
            view.set_data(workspace, comparison)
            self._stale_views.discard(view)
        if self.columns_view in self._live_views():
            self._restore_column_layout()
        selection = self.document.selection
        if selection is not None:
            self._show_selection(*selection)
        if self.find_bar.isVisible() and self.find_bar.query():
            self._find(self.find_bar.query())
        self._update_notice()

    def _update_notice(self) -> None:
        """Say when the comparison ran on a gloss or with something missing (its notes)."""
        comparison = self.document.comparison
        if comparison is None:
            return  # keep what was said until the new comparison is in
        self.notice.set_notes(comparison.notes, bool(self.diff_detail.glossed_keys()))

    def _bring_up_to_date(self, view: ColumnsView | SegmentGrid) -> None:
        if view in self._stale_views:
            self._stale_views.discard(view)
            view.set_data(self.document.workspace, self.document.comparison)
            if view is self.columns_view:
                self._restore_column_layout()
            if view is self.segment_grid:
                self._sync_column_visibility()
            selection = self.document.selection
            if selection is not None:
                view.show_selection(*selection)

    def _show_selection(self, key: str, sentence_id: str) -> None:
        for view in self._live_views():
            view.show_selection(key, sentence_id)
        self._update_actions()

    def _on_hover(self, key: str, sentence_id: str) -> None:
        self.current_view().show_hover(key, sentence_id)

    def _on_flag(self, flag: Flag) -> None:
        if flag.original:
            self.document.select(ORIGINAL, flag.original)
        elif flag.source and flag.sentence:
            self.document.select(flag.source, flag.sentence)
        self.diff_detail.show_flag(flag)  # the pair the flag is about
        if flag.source:
            self.columns_view.ensure_column_visible(flag.source)  # may be scrolled away

    def _on_coverage_cell(self, original_id: str, source_id: str) -> None:
        self.document.select(ORIGINAL, original_id)
        # That source's pair, even when it has no counterpart (a hatched cell).
        self.diff_detail.show_pair(original_id, source_id, exact=True)
        self.columns_view.ensure_column_visible(source_id)

    def _sync_column_visibility(self) -> None:
        """Columns hidden in one mode are hidden in the other too."""
        for info in self.columns_view.columns():
            self.segment_grid.set_column_visible(info.id, info.visible)

    def _on_diff_options(self, options: dict[str, bool]) -> None:
        known = {k: bool(v) for k, v in options.items()
                 if k in ("ignore_case", "ignore_punctuation", "ignore_whitespace")}
        if known:
            self.document.change(self.document.workspace.with_settings(**known),
                                 self.tr("Change diff options"))

    def _apply_font_preferences(self) -> None:
        prefs = load_preferences()
        self.zoom.set_family(prefs.font_family or None)
        self.zoom.set_base_size(prefs.font_size)

    def _apply_font(self, font: QFont) -> None:
        self.columns_view.set_font(font)
        self.segment_grid.set_font(font)
        self.diff_detail.set_font(font)
        title_font = QFont(font)
        title_font.setPointSizeF(font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title_label.setFont(title_font)

    def check_font(self) -> list[str]:
        """Say so when no installed font draws the article's Chinese characters (they would
        show as empty boxes), and how to fix it; returns the characters missing."""
        article = self.document.workspace.original
        text = article.title + "".join(s.text for s in article.iter_sentences())[:4000]
        chinese = "".join(dict.fromkeys(ch for ch in text if is_han(ch)))
        missing = missing_glyphs(self.zoom.font(), chinese) if chinese else []
        if missing:
            self.font_warning.show_message(self.tr(
                "No installed font can show {0} of this article's Chinese characters (for "
                "example {1}): they appear as empty boxes. Install a Chinese font (on Debian "
                "or Ubuntu: sudo apt install fonts-noto-cjk; Windows and macOS have one "
                "built in), then restart Parallax, or pick a font in Preferences.").format(
                len(missing), " ".join(missing[:5])))
        else:
            self.font_warning.show_message("")
        return missing

    def article_font(self) -> QFont:
        return self.zoom.font()

    # ---- modes, find, differences --------------------------------------------------------
    def mode(self) -> str:
        return MODES[self.stack.currentIndex()]

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self.stack.setCurrentIndex(MODES.index(mode))
        self._bring_up_to_date(self.current_view())
        self.action(f"mode_{mode}").setChecked(True)
        if self.find_bar.isVisible() and self.find_bar.query():
            self._find(self.find_bar.query())

    def current_view(self) -> ColumnsView | SegmentGrid:
        return self.columns_view if self.stack.currentIndex() == 0 else self.segment_grid

    def _find(self, text: str) -> None:
        self.find_bar.set_count(self.current_view().find(text))

    def _find_next(self) -> None:
        self.current_view().find_next()

    def _find_previous(self) -> None:
        self.current_view().find_previous()

    def next_difference(self) -> None:
        self.flags_navigator.next_flag()

    def previous_difference(self) -> None:
        self.flags_navigator.previous_flag()

    def _fill_columns_menu(self) -> None:
        self.columns_menu.clear()
        columns = self.columns_view.columns()
        for info in columns:
            act = self.columns_menu.addAction(str(info.title))
            act.setCheckable(True)
            act.setChecked(bool(info.visible))
            act.toggled.connect(lambda on, cid=info.id: self.set_column_visible(cid, on))
        if not columns:
            self.columns_menu.addAction(self.tr("(no columns)")).setEnabled(False)

    def set_column_visible(self, column_id: str, visible: bool) -> None:
        self.columns_view.set_column_visible(column_id, visible)
        self.segment_grid.set_column_visible(column_id, visible)

    # ---- status --------------------------------------------------------------------------
    def _on_comparing(self, comparing: bool) -> None:
        self.compare_label.setText(self.tr("Aligning…") if comparing else "")
        if not comparing:
            self._maybe_settled()

    def _on_translation_started(self, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(0)
        self.progress_label.setText(self.tr("Translating {0}/{1} sentences").format(0, total))
        self.progress_box.show()
        self._update_actions()

    def _on_translation_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_label.setText(
            self.tr("Translating {0}/{1} sentences").format(done, total))

    def _on_translation_succeeded(self) -> None:
        notes = self.translation.last_notes
        if notes:
            self.statusBar().showMessage(
                self.tr("Not translated: {0}").format(
                    "; ".join(for_the_window(n) for n in notes)), 15000)
        else:
            self.statusBar().showMessage(self.tr("Translation finished."), 4000)

    def _on_translation_finished(self) -> None:
        self.progress_box.hide()
        self._update_actions()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name}[*] — Parallax")
        self.setWindowModified(self.document.dirty)

    def _update_actions(self) -> None:
        translating = self.translation.running
        self.action("cancel_translation").setEnabled(translating)
        self.action("translate_all").setEnabled(not translating)
        selected = self._selected_translatable()
        self.action("edit_translation").setEnabled(selected is not None)
        self.action("retry_sentence").setEnabled(selected is not None and not translating)

    def is_settled(self) -> bool:
        """Nothing running in the background and the latest comparison on screen (long
        columns included, which are built in slices between events)."""
        return (tracker().active == 0 and not self.document.comparing
                and not self.columns_view.building() and not self.segment_grid.sizing())

    def _maybe_settled(self) -> None:
        if self.is_settled():
            self.settled.emit()

    # ---- translation ---------------------------------------------------------------------
    def _after_open(self) -> None:
        wanted = self._translate_on_open
        if wanted is None:
            wanted = (load_preferences().translate_on_open
                      and self.document.workspace.settings.translate_on_open)
        if wanted:
            self.translation.translate_missing(quiet=True)
        self._maybe_settled()

    def translate_all(self) -> None:
        if not self.translation.translate_missing():
            self.statusBar().showMessage(self.tr("Every sentence is already translated."), 4000)

    def _selected_translatable(self) -> tuple[str, str] | None:
        selection = self.document.selection
        if selection is None:
            return None
        key, sid = selection
        try:
            article = self.document.workspace.article(key)
        except KeyError:
            return None
        if sid != TITLE and not article.has_sentence(sid):
            return None
        return key, sid

    def retry_selected_sentence(self) -> None:
        selected = self._selected_translatable()
        if selected is not None:
            self.retranslate(*selected)

    def retranslate(self, key: str, sentence_id: str) -> None:
        if not self.translation.retry_sentence(key, sentence_id):
            self.statusBar().showMessage(
                self.tr("This text is already in the pivot language; nothing to translate."),
                5000)

    def edit_selected_translation(self) -> None:
        selected = self._selected_translatable()
        if selected is not None:
            self.edit_translation(*selected)

    def edit_translation(self, key: str, sentence_id: str) -> None:
        workspace = self.document.workspace
        article = workspace.article(key)
        source_text = article.title if sentence_id == TITLE else article.sentence(
            sentence_id).text
        machine = workspace.translations.get(key)
        machine_text = machine.texts.get(sentence_id) if machine else None
        current = workspace.translation_text(key, sentence_id) or ""
        dialog = EditTranslationDialog(source_text, machine_text, current, self)
        result = dialog.exec()
        if result == EditTranslationDialog.REVERT:
            self.translation.edit(key, sentence_id, None)
        elif result == QDialog.DialogCode.Accepted.value and dialog.text():
            self.translation.edit(key, sentence_id, dialog.text())

    # ---- opening (the file actions do the work) -----------------------------------------
    def open_paths(self, paths: Iterable[str | Path], *, confirm: bool = True) -> None:
        self.files.open_paths(paths, confirm=confirm)

    def _leave_workspace(self) -> None:
        """Another workspace replaces this one: keep its layout, stop its translation."""
        self.layouts.leave_workspace(self.columns_view)
        self.translation.cancel()

    def manage_sources(self) -> None:
        from parallax.ui.dialogs.sources import SourceListDialog  # (dialogs load when opened)

        dialog = SourceListDialog(self.document.workspace, self)
        if dialog.exec() == QDialog.DialogCode.Accepted.value:
            self.document.change(dialog.workspace(), self.tr("Edit sources"))

    # ---- drag and drop -------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files.drop_paths(paths)

    # ---- dialogs ---------------------------------------------------------------------------
    def show_preferences(self) -> None:
        from parallax.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self, comparison=self.document.workspace.settings)
        if dialog.exec() == QDialog.DialogCode.Accepted.value:
            self.apply_preferences()
            self.apply_comparison_settings(dialog.comparison())

    def apply_preferences(self) -> None:
        """The saved application preferences; the workspace's settings are left alone."""
        prefs = load_preferences()
        apply_theme(prefs.theme)
        self._apply_font_preferences()
        self.check_font()  # another family may cover the article, or not
        self.translation.reset_engine()

    def apply_comparison_settings(self, settings: Settings) -> None:
        """The workspace's comparison options, as one edit that can be undone (none when
        nothing changed)."""
        if settings != self.document.workspace.settings:
            self.document.change(replace(self.document.workspace, settings=settings),
                                 self.tr("Change comparison settings"))

    def show_model_manager(self) -> None:
        # Imported when first opened: its model and server code is not needed to start.
        from parallax.ui.dialogs.model_manager import ModelManagerDialog

        ModelManagerDialog(self).exec()
        # Models may have been installed or removed: load the engine afresh next time.
        self.translation.reset_engine()

    def show_about(self) -> None:
        from parallax.ui.dialogs.about import AboutDialog

        AboutDialog(self).exec()

    def shortcuts_dialog(self) -> ShortcutsDialog:
        """The shortcuts as the actions have them now (generated, so it stays true)."""
        from parallax.ui.dialogs.shortcuts import ShortcutsDialog

        return ShortcutsDialog(self._actions.values(), self)

    def show_shortcuts(self) -> None:
        self.shortcuts_dialog().exec()

    # ---- window state ----------------------------------------------------------------------
    def _restore_window_state(self) -> bool:
        """Geometry, docks and mode from the last session; False when there was none."""
        restored = self.layouts.restore_window(self)
        mode = self.layouts.saved_mode("reading")
        if mode in MODES:
            self.set_mode(mode)
        return restored

    def save_window_state(self) -> None:
        self.layouts.save_window(self, self.mode())
        self.layouts.save_columns(self.columns_view)

    def _restore_column_layout(self) -> None:
        doc = self.document
        if self.layouts.restore_columns(self.columns_view,
                                        column_layout_key(doc.path, doc.workspace)):
            self._sync_column_visibility()

    # ---- recovery and closing ------------------------------------------------------------
    def restore_if_wanted(self, decide: RecoveryDecision,
                          on_set_aside: SetAside | None = None) -> bool:
        """Offer work a crashed run left behind; True when it was restored. Work that cannot
        be read is kept aside and `on_set_aside` (by default a notice) says where."""
        recovered = offer_recovery(decide, on_set_aside or tell_set_aside(self))
        if recovered is None:
            return False
        self.translation.cancel()
        self.document.reset(recovered.workspace, recovered.original_path, dirty=True)
        self.statusBar().showMessage(self.tr("Unsaved work restored."), 6000)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.confirm_close and not self.files.confirm_discard():
            event.ignore()
            return
        self.save_window_state()
        self.translation.cancel()
        tracker().cancel_all()
        # No more text built or rows measured for a window that is going away.
        self.columns_view.stop_building()
        self.segment_grid.stop_sizing()
        if self.autosaver is not None:
            self.autosaver.clear()
        event.accept()


def window_icon() -> QIcon:
    from parallax.core.paths import resources_dir

    icons = resources_dir() / "icons"
    icon = QIcon()
    for candidate in ("parallax.svg", "parallax-256.png", "parallax-64.png", "parallax-32.png"):
        if (icons / candidate).is_file():
            icon.addFile(str(icons / candidate))
    return icon

