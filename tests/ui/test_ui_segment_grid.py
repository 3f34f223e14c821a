"""Segments mode: one row per original sentence, selection of counterparts, diff formats."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot
from ui_columns_fixtures import (
    REPORT_CLAIMS,
    columns_comparison,
    columns_workspace,
    mt_text,
    report_sentence_for,
    version_text,
)

from parallax.core.comparison import Comparison
from parallax.core.segment import make_article
from parallax.core.workspace import ORIGINAL, Workspace
from parallax.ui.models import SegmentRole
from parallax.ui.palette import diff_colours
from parallax.ui.views.segment_grid import SegmentGrid


@pytest.fixture()
def grid(qtbot: QtBot, workspace: Workspace, comparison: Comparison) -> SegmentGrid:
    widget = SegmentGrid()
    qtbot.addWidget(widget)
    widget.resize(1300, 500)
    widget.set_data(workspace, comparison)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def cell_document(grid: SegmentGrid, index: QModelIndex) -> QTextDocument:
    return grid.delegate.document(index, grid.font(), 300.0)


def format_at(document: QTextDocument, position: int) -> QTextCursor:
    cursor = QTextCursor(document)
    cursor.setPosition(position + 1)
    return cursor


def test_one_row_per_original_sentence(grid: SegmentGrid, workspace: Workspace) -> None:
    model = grid.segment_model
    assert model.rowCount() == workspace.original.sentence_count
    assert [c.id for c in model.columns()] == ["original", "mt", "src1", "src2", "src3"]
    for row, sentence in enumerate(workspace.original.iter_sentences()):
        assert model.index(row, 0).data() == sentence.text
    assert model.index(3, 1).data() == mt_text(4)
    assert model.index(3, 2).data() == version_text(4)
    # Rows get the wrapped height of their text, not one line.
    assert grid.rowHeight(7) > grid.fontMetrics().lineSpacing() * 1.5


def test_clicking_an_original_sentence_selects_its_row(qtbot: QtBot, grid: SegmentGrid) -> None:
    index = grid.segment_model.index(4, 0)
    grid.scrollTo(index)
    with qtbot.waitSignal(grid.sentence_activated) as blocker:
        qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton,
                         pos=grid.visualRect(index).center())
    assert blocker.args == [ORIGINAL, "s5"]
    assert grid.selected_rows() == [4]
    selected = grid.selectionModel().selectedIndexes()
    assert {i.column() for i in selected} == set(range(5))


def test_clicking_a_report_cell_activates_the_report_sentence(
        qtbot: QtBot, grid: SegmentGrid, workspace: Workspace) -> None:
    index = grid.segment_model.index(2, 3)
    with qtbot.waitSignal(grid.sentence_activated) as blocker:
        qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton,
                         pos=grid.visualRect(index).center())
    assert blocker.args == ["src2", report_sentence_for(workspace, 3)]
    assert grid.selected_rows() == [2]


def test_selection_from_another_source_selects_its_original_rows(
        grid: SegmentGrid, workspace: Workspace) -> None:
    grid.show_selection("src2", report_sentence_for(workspace, 7))
    assert grid.selected_rows() == [6]
    own = workspace.source("src2").article.sentences[-1].id  # unlinked claim
    grid.show_selection("src2", own)
    assert grid.selected_rows() == []
    grid.show_selection(ORIGINAL, "s40")
    assert grid.selected_rows() == [39]
    rect = grid.visualRect(grid.segment_model.index(39, 0))
    assert grid.viewport().rect().intersects(rect)  # scrolled into view


def test_enter_activates_and_f2_edits(qtbot: QtBot, grid: SegmentGrid) -> None:
    grid.setCurrentIndex(grid.segment_model.index(2, 1))
    with qtbot.waitSignal(grid.sentence_activated) as activated:
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert activated.args == [ORIGINAL, "s3"]
    with qtbot.waitSignal(grid.edit_requested) as edit:
        qtbot.keyClick(grid, Qt.Key.Key_F2)
    assert edit.args == [ORIGINAL, "s3"]


def test_double_click_on_mt_requests_an_edit(qtbot: QtBot, grid: SegmentGrid) -> None:
    index = grid.segment_model.index(1, 1)
    with qtbot.waitSignal(grid.edit_requested) as edit:
        grid.doubleClicked.emit(index)
    assert edit.args == [ORIGINAL, "s2"]
    with qtbot.assertNotEmitted(grid.edit_requested):
        grid.doubleClicked.emit(grid.segment_model.index(1, 2))  # a human translation


def test_context_menu_retry(qtbot: QtBot, grid: SegmentGrid) -> None:
    menu = grid.build_context_menu(grid.segment_model.index(5, 1))
    retry = next(a for a in menu.actions() if a.text() == "Translate this sentence again")
    with qtbot.waitSignal(grid.retranslate_requested) as blocker:
        retry.trigger()
    assert blocker.args == [ORIGINAL, "s6"]


def test_delegate_paints_diff_formats_on_the_right_ranges(grid: SegmentGrid) -> None:
    mt = cell_document(grid, grid.segment_model.index(3, 1))
    text = mt_text(4)
    assert mt.toPlainText() == text
    assert format_at(mt, text.index("Machine")).charFormat().fontStrikeOut()
    assert format_at(mt, text.index("Machine")).charFormat().background().color() == \
        diff_colours(False).deleted
    assert not format_at(mt, text.index("strikes")).charFormat().fontStrikeOut()
    version = cell_document(grid, grid.segment_model.index(3, 2))
    assert format_at(version, version_text(4).index("Human")).charFormat().fontUnderline()
    report = cell_document(grid, grid.segment_model.index(8, 3))  # s9: 15 vs 12 regions
    assert "12 regions" in report.toPlainText()
    assert format_at(report, report.toPlainText().index("12")).charFormat().fontUnderline()


def test_missing_match_and_unmatched_marker(grid: SegmentGrid, workspace: Workspace) -> None:
    model = grid.segment_model
    row = REPORT_CLAIMS + 2  # no claim in the English report for this sentence
    assert model.index(row, 3).data(SegmentRole.MISSING)
    assert model.index(row, 3).data(SegmentRole.SENTENCE_ID) is None
    assert cell_document(grid, model.index(row, 3)).toPlainText() == "—"


def test_markup_in_articles_is_literal(qtbot: QtBot, comparison: Comparison) -> None:
    odd = make_article("T", ["He wrote <b>x</b> and <script>alert(1)</script>."], "en")
    workspace = columns_workspace(extra_report=odd)
    base = columns_comparison(workspace)
    from parallax.core.comparison import Link
    linked = Comparison((*base.links, Link("s1", "src4", "s1", 0.4)), base.flags)
    grid = SegmentGrid()
    qtbot.addWidget(grid)
    grid.set_data(workspace, linked)
    index = grid.segment_model.index(0, grid.segment_model.column_of("src4"))
    document = cell_document(grid, index)
    assert "<b>x</b>" in document.toPlainText()
    assert "<script>alert(1)</script>" in document.toPlainText()
    bold_at = document.toPlainText().index("x</b>")
    assert format_at(document, bold_at).charFormat().fontWeight() != QFont.Weight.Bold
    tip = str(index.data(Qt.ItemDataRole.ToolTipRole))
    assert "<script>" not in tip


def test_hide_move_and_keep_order(grid: SegmentGrid, workspace: Workspace,
                                  comparison: Comparison) -> None:
    grid.set_column_visible("mt", False)
    assert grid.isColumnHidden(1)
    grid.move_column("src3", -3)
    assert grid.column_order() == ["original", "src3", "mt", "src1", "src2"]
    grid.set_data(workspace, comparison)
    assert grid.column_order() == ["original", "src3", "mt", "src1", "src2"]
    assert grid.isColumnHidden(grid.segment_model.column_of("mt"))
    grid.set_column_visible("mt", True)
    assert not grid.isColumnHidden(grid.segment_model.column_of("mt"))


def test_find_counts_and_walks(grid: SegmentGrid) -> None:
    assert grid.find("reports the strikes") == 45 + 45 + REPORT_CLAIMS
    assert grid.find_next()
    assert grid.current_find() == (0, 1)
    assert grid.find_next()
    assert grid.current_find() == (0, 2)
    assert grid.find_previous()
    assert grid.current_find() == (0, 1)
    assert grid.find("nothing like this") == 0
    assert not grid.find_next()


def test_hover_marks_rows(qtbot: QtBot, grid: SegmentGrid, workspace: Workspace) -> None:
    grid.show_hover("src2", report_sentence_for(workspace, 4))
    assert grid.delegate.hovered_rows == frozenset({3})


def test_dark_and_font(grid: SegmentGrid) -> None:
    grid.set_dark(True)
    mt = cell_document(grid, grid.segment_model.index(3, 1))
    at = mt_text(4).index("Machine")
    assert format_at(mt, at).charFormat().background().color() == diff_colours(True).deleted
    small = grid.rowHeight(7)
    font = QFont(grid.font())
    font.setPointSize(font.pointSize() + 8)
    grid.set_font(font)
    assert grid.rowHeight(7) > small
    grid.grab()  # paints every visible cell through the delegate without warnings


def test_an_edit_updates_one_row_and_keeps_the_selection(
        qtbot: QtBot, grid: SegmentGrid, workspace: Workspace, comparison: Comparison) -> None:
    grid.show_selection(ORIGINAL, "s10")
    grid.set_column_visible("src1", False)
    changed: list[int] = []
    grid.segment_model.dataChanged.connect(lambda top, _bottom, _roles: changed.append(top.row()))
    with qtbot.assertNotEmitted(grid.segment_model.modelReset):
        grid.set_data(workspace.with_edit(ORIGINAL, "s3", "A much longer hand edit " * 12),
                      comparison)
    assert changed == [2]
    assert grid.selected_rows() == [9]
    assert grid.isColumnHidden(grid.segment_model.column_of("src1"))
    assert grid.rowHeight(2) > grid.rowHeight(1)  # the edited row was measured again
