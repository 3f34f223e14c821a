"""CoverageMap: cells from the widget's own geometry, clicks, keys, tooltips, size hint."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot
from ui_side_fixtures import hand_comparison, side_workspace

from parallax.core.comparison import Comparison
from parallax.core.workspace import TITLE, Workspace
from parallax.ui.plain import plain_tooltip
from parallax.ui.views.coverage_map import CoverageMap


@pytest.fixture()
def cmap(qtbot: QtBot, data: tuple[Workspace, Comparison]) -> CoverageMap:
    widget = CoverageMap()
    qtbot.addWidget(widget)
    widget.set_data(*data)
    widget.resize(widget.sizeHint())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_rows_and_columns(cmap: CoverageMap, data: tuple[Workspace, Comparison]) -> None:
    workspace, _ = data
    assert cmap.rows()[0] == TITLE  # the headline is linked, so it has a row
    assert cmap.rows()[1:] == [s.id for s in workspace.original.iter_sentences()]
    assert cmap.columns() == [s.id for s in workspace.sources]


@pytest.mark.parametrize(("row", "column"), [(0, 1), (5, 1), (2, 0), (40, 1)])
def test_click_emits_the_cell(cmap: CoverageMap, qtbot: QtBot, row: int, column: int) -> None:
    rect = cmap.cell_rect(row, column)
    assert cmap.rect().contains(rect)
    with qtbot.waitSignal(cmap.cell_activated) as blocker:
        qtbot.mouseClick(cmap, Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [cmap.rows()[row], cmap.columns()[column]]


def test_cell_at_is_the_inverse_of_cell_rect(cmap: CoverageMap) -> None:
    for row in range(len(cmap.rows())):
        for column in range(len(cmap.columns())):
            rect = cmap.cell_rect(row, column)
            assert cmap.cell_at(rect.topLeft()) == (row, column)
            assert cmap.cell_at(rect.bottomRight()) == (row, column)
    assert cmap.cell_at(QPoint(0, 0)) is None


def test_click_on_row_label_activates_the_sentence(cmap: CoverageMap, qtbot: QtBot) -> None:
    rect = cmap.cell_rect(3, 0)
    with qtbot.waitSignal(cmap.sentence_activated) as blocker, \
            qtbot.assertNotEmitted(cmap.cell_activated):
        qtbot.mouseClick(cmap, Qt.MouseButton.LeftButton, pos=QPoint(2, rect.center().y()))
    assert blocker.args == ["original", cmap.rows()[3]]


def test_keyboard_navigation(cmap: CoverageMap, qtbot: QtBot) -> None:
    cmap.setFocus()
    qtbot.mouseClick(cmap, Qt.MouseButton.LeftButton, pos=cmap.cell_rect(0, 0).center())
    qtbot.keyClick(cmap, Qt.Key.Key_Down)
    qtbot.keyClick(cmap, Qt.Key.Key_Down)
    qtbot.keyClick(cmap, Qt.Key.Key_Right)
    qtbot.keyClick(cmap, Qt.Key.Key_Right)  # clamps at the last source
    assert cmap.current_cell() == (2, 1)
    with qtbot.waitSignal(cmap.cell_activated) as blocker:
        qtbot.keyClick(cmap, Qt.Key.Key_Return)
    assert blocker.args == [cmap.rows()[2], cmap.columns()[1]]


def test_tooltips_show_score_and_counterpart(cmap: CoverageMap,
                                             data: tuple[Workspace, Comparison]) -> None:
    workspace, comparison = data
    report = workspace.sources[1].id
    row = cmap.rows().index(workspace.original.sentences[4].id)
    text = cmap.tooltip_text(row, 1)
    link = comparison.best_link(cmap.rows()[row], report)
    assert link is not None
    assert f"{link.score:.2f}" in text
    assert workspace.source(report).article.sentence(link.sentence).text in text
    unmatched_row = cmap.rows().index(workspace.original.sentences[20].id)
    assert "no counterpart" in cmap.tooltip_text(unmatched_row, 1)


def test_size_hint_for_45_by_5(qtbot: QtBot) -> None:
    workspace = side_workspace()
    for n in range(3):
        workspace = workspace.with_source(workspace.sources[1].article, "report", f"R{n}")
    widget = CoverageMap()
    qtbot.addWidget(widget)
    widget.set_data(workspace, hand_comparison(side_workspace()))
    hint = widget.sizeHint()
    assert len(widget.rows()) == 46 and len(widget.columns()) == 5
    assert 100 <= hint.width() <= 300
    assert 300 <= hint.height() <= 800
    widget.resize(hint)
    assert widget.rect().contains(widget.cell_rect(45, 4))


def test_show_selection_from_a_source_sentence(cmap: CoverageMap,
                                               data: tuple[Workspace, Comparison]) -> None:
    link = data[1].links[3]
    cmap.show_selection(link.source, link.sentence)
    assert cmap._selected_row == cmap.rows().index(link.original)
    cmap.grab()  # paints with a selection band without warnings


def test_dark_palette_paints(cmap: CoverageMap) -> None:
    palette = cmap.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    cmap.setPalette(palette)
    assert not cmap.grab().isNull()


def test_set_dark_overrides_the_palette(cmap: CoverageMap) -> None:
    assert not cmap.is_dark()
    cmap.set_dark(True)
    assert cmap.is_dark()
    assert not cmap.grab().isNull()


def test_no_sources_and_stale_comparisons(qtbot: QtBot,
                                          data: tuple[Workspace, Comparison]) -> None:
    workspace, comparison = data
    widget = CoverageMap()
    qtbot.addWidget(widget)
    widget.set_data(workspace.without_source(workspace.sources[1].id), comparison)
    assert widget.columns() == [workspace.sources[0].id]
    assert widget.tooltip_text(1, 0)
    assert not widget.grab().isNull()
    widget.set_data(workspace.without_source(workspace.sources[0].id).without_source(
        workspace.sources[1].id), None)
    assert widget.columns() == []
    assert widget.cell_at(widget.rect().center()) is None
    assert not widget.grab().isNull()


def test_tooltip_event_shows_the_cell_text(cmap: CoverageMap, qtbot: QtBot) -> None:
    pos = cmap.cell_rect(5, 1).center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, cmap.mapToGlobal(pos))
    QApplication.sendEvent(cmap, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text() == plain_tooltip(cmap.tooltip_text(5, 1))  # shown literally
    QToolTip.hideText()
