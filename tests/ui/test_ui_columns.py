"""Reading mode: columns, linked highlighting, diff formats, sync scrolling, find, reorder."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QFont, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_columns_fixtures import (
    NUMBER_SENTENCE,
    REPORT_CLAIMS,
    columns_workspace,
    mt_text,
    report_sentence_for,
    version_text,
)

from parallax.core.comparison import Comparison
from parallax.core.segment import make_article
from parallax.core.workspace import ORIGINAL, TITLE, Workspace
from parallax.ui.palette import diff_colours
from parallax.ui.views.column_text import UNMATCHED_MARKER, ColumnSentence, ColumnText, Mark
from parallax.ui.views.columns import ColumnHeader, ColumnsView
from parallax.ui.views.reading_pane import ReadingPane, utf16_offset


@pytest.fixture()
def view(qtbot: QtBot, workspace: Workspace, comparison: Comparison) -> ColumnsView:
    widget = ColumnsView()
    qtbot.addWidget(widget)
    widget.resize(1400, 420)
    widget.set_data(workspace, comparison)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def char_format_at(pane: ReadingPane, position: int) -> QTextCursor:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(position + 1)  # charFormat() is the format of the character before
    return cursor


def test_all_columns_in_order(view: ColumnsView, workspace: Workspace) -> None:
    ids = [c.id for c in view.columns()]
    assert ids == ["original", "mt", "src1", "src2", "src3"]
    assert all(c.visible for c in view.columns())
    original = view.pane("original").toPlainText()
    for sentence in workspace.original.iter_sentences():
        assert sentence.text in original
    assert workspace.original.title in original
    assert "[45]" in original  # sentence numbers are shown
    assert mt_text(1) in view.pane("mt").toPlainText()
    assert version_text(45) in view.pane("src1").toPlainText()


def test_clicking_an_original_sentence_selects_counterparts_everywhere(
        qtbot: QtBot, view: ColumnsView, workspace: Workspace) -> None:
    pane = view.pane("original")
    start, end = pane.sentence_range("s5") or (0, 0)
    cursor = QTextCursor(pane.document())
    cursor.setPosition((start + end) // 2)
    point = pane.cursorRect(cursor).center()
    with qtbot.waitSignal(view.sentence_activated) as blocker:
        qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == ["original", "s5"]
    assert view.pane("original").highlighted() == ("s5",)
    assert view.pane("mt").highlighted() == ("s5",)
    assert view.pane("src1").highlighted() == ("s5",)
    assert view.pane("src2").highlighted() == (report_sentence_for(workspace, 5),)
    zh = workspace.source("src3").article.sentences[0].id
    assert view.pane("src3").highlighted() == (zh,)
    # The highlight is painted over exactly the counterpart's characters.
    r_start, r_end = view.pane("src2").sentence_range(report_sentence_for(workspace, 5)) or (0, 0)
    colour = diff_colours(False).selection
    assert (r_start, r_end, colour) in [(s, e, b.color()) for s, e, b in
                                        view.pane("src2").extra_ranges()]


def test_selecting_a_report_sentence_reaches_the_original_and_other_sources(
        view: ColumnsView, workspace: Workspace) -> None:
    rid = report_sentence_for(workspace, 3)
    view.show_selection("src2", rid)
    assert view.pane("src2").highlighted() == (rid,)
    assert view.pane("original").highlighted() == ("s3",)
    assert view.pane("mt").highlighted() == ("s3",)
    assert view.pane("src1").highlighted() == ("s3",)
    assert view.pane("src3").highlighted() == ()


def test_selection_scrolls_counterparts_into_view(view: ColumnsView, workspace: Workspace
                                                  ) -> None:
    view.set_sync_scrolling(False)
    view.show_selection(ORIGINAL, "s40")
    for column_id in ("original", "mt", "src1"):
        pane = view.pane(column_id)
        top = pane.sentence_top("s40") or 0.0
        bar = pane.verticalScrollBar().value()
        assert bar <= top <= bar + pane.viewport().height()


def test_enter_activates_the_sentence_under_the_cursor(qtbot: QtBot, view: ColumnsView) -> None:
    pane = view.pane("src1")
    start, _end = pane.sentence_range("s7") or (0, 0)
    cursor = pane.textCursor()
    cursor.setPosition(start + 2)
    pane.setTextCursor(cursor)
    with qtbot.waitSignal(view.sentence_activated) as blocker:
        qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert blocker.args == ["src1", "s7"]
    assert view.pane("original").highlighted() == ("s7",)


def test_hover_emits_and_lightly_marks_counterparts(qtbot: QtBot, view: ColumnsView) -> None:
    pane = view.pane("original")
    start, end = pane.sentence_range("s2") or (0, 0)
    cursor = QTextCursor(pane.document())
    cursor.setPosition((start + end) // 2)
    with qtbot.waitSignal(view.sentence_hovered) as blocker:
        point = QPointF(pane.cursorRect(cursor).center())
        move = QMouseEvent(QEvent.Type.MouseMove, point, pane.viewport().mapToGlobal(point),
                           Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                           Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(pane.viewport(), move)
    assert blocker.args == ["original", "s2"]
    assert view.pane("src1").hovered() == "s2"


def test_diff_formats_on_the_right_characters(view: ColumnsView) -> None:
    mt = view.pane("mt")
    start, _ = mt.sentence_range("s4") or (0, 0)
    text = mt_text(4)
    machine = start + text.index("Machine")
    clearly = start + text.index("clearly")
    reports = start + text.index("reports")
    assert char_format_at(mt, machine).charFormat().fontStrikeOut()
    assert char_format_at(mt, clearly).charFormat().fontStrikeOut()
    assert not char_format_at(mt, reports).charFormat().fontStrikeOut()
    colour = diff_colours(False).deleted
    assert char_format_at(mt, machine).charFormat().background().color() == colour

    version = view.pane("src1")
    v_start, _ = version.sentence_range("s4") or (0, 0)
    human = v_start + version_text(4).index("Human")
    same = v_start + version_text(4).index("strikes")
    assert char_format_at(version, human).charFormat().fontUnderline()
    assert char_format_at(version, human).charFormat().background().color() == \
        diff_colours(False).inserted
    assert not char_format_at(version, same).charFormat().fontUnderline()


def test_number_flag_colours_the_number(view: ColumnsView, workspace: Workspace) -> None:
    original = view.pane("original")
    sentence = workspace.original.sentence(f"s{NUMBER_SENTENCE}")
    start, _ = original.sentence_range(sentence.id) or (0, 0)
    at = start + sentence.text.index("15")
    fmt = char_format_at(original, at).charFormat()
    assert fmt.background().color() == diff_colours(False).changed_number
    assert fmt.fontWeight() == QFont.Weight.Bold


def test_unmatched_claims_are_marked(view: ColumnsView, workspace: Workspace) -> None:
    report = view.pane("src2")
    own = workspace.source("src2").article.sentences[-1]
    assert "weather" in own.text
    start, _ = report.sentence_range(own.id) or (0, 0)
    fmt = char_format_at(report, start).charFormat()
    assert fmt.background().color() == diff_colours(False).unmatched
    number = workspace.source("src2").article.sentence_count
    assert f"[{number} {UNMATCHED_MARKER}]" in report.toPlainText()
    # Every original sentence is linked to the translation source: none is unmatched.
    assert UNMATCHED_MARKER not in view.pane("original").toPlainText()


def test_tooltip_shows_pivot_translation_of_a_chinese_report(
        view: ColumnsView, workspace: Workspace) -> None:
    zh = workspace.source("src3").article.sentences[0].id
    tip = view.pane("src3").tooltip_for(zh)
    assert "Putin arrived in Mongolia." in tip
    assert "score 0.50" in tip


def test_article_markup_is_shown_literally(qtbot: QtBot, comparison: Comparison) -> None:
    odd = make_article("Title <b>x</b>", ["He wrote <b>x</b> and <script>alert(1)</script> here."],
                       "en", outlet="<i>Odd</i>")
    workspace = columns_workspace(extra_report=odd)
    view = ColumnsView()
    qtbot.addWidget(view)
    view.set_data(workspace, comparison)
    pane = view.pane("src4")
    text = pane.toPlainText()
    assert "<b>x</b>" in text
    assert "<script>alert(1)</script>" in text
    assert "Title <b>x</b>" in text
    # No rich text was interpreted: no bold run and no script element in the document.
    start, _ = pane.sentence_range("s1") or (0, 0)
    bold_at = start + text[start:].index("x</b>")
    assert char_format_at(pane, bold_at).charFormat().fontWeight() != QFont.Weight.Bold
    tip = pane.tooltip_for("s1")
    assert "<script>" not in tip
    header = next(c for c in view.columns() if c.id == "src4")
    assert header.title == "Odd Outlet"
    title = ColumnHeader()
    title.set_column(ColumnText("x", "x", "<b>Outlet</b>", "report", "en", ()))
    assert title.label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Outlet</b>" in title.label.full_text()
    assert "&lt;b&gt;Outlet" in title.toolTip()
    title.deleteLater()


def test_sync_scroll_aligns_counterparts_not_pixels(qtbot: QtBot, view: ColumnsView,
                                                    workspace: Workspace) -> None:
    view.resize(1400, 220)
    qtbot.wait(10)
    original = view.pane("original")
    original.scroll_to_sentence("s10")
    assert (original.top_visible_sentence() or ("", 0.0))[0] == "s10"
    for column_id in ("mt", "src1"):
        top = view.pane(column_id).top_visible_sentence()
        assert top is not None and top[0] == "s10", column_id
    # The report tells the claims in reverse order, so s10 is near its top: it is scrolled to
    # the counterpart's position, which pixel ratios would never give.
    report = view.pane("src2")
    target = report.sentence_top(report_sentence_for(workspace, 10)) or 0.0
    bar = report.verticalScrollBar()
    assert bar.maximum() > target > 0
    assert bar.value() == round(target)
    assert (report.top_visible_sentence() or ("", 0.0))[0] == report_sentence_for(workspace, 10)


def test_sync_scroll_from_a_report_maps_through_the_original(
        qtbot: QtBot, view: ColumnsView, workspace: Workspace) -> None:
    view.resize(1400, 220)
    qtbot.wait(10)
    report = view.pane("src1")
    report.scroll_to_sentence("s20")
    assert (report.top_visible_sentence() or ("", 0.0))[0] == "s20"
    top = view.pane("original").top_visible_sentence()
    assert top is not None and top[0] == "s20"


def test_sync_scroll_can_be_turned_off(view: ColumnsView) -> None:
    view.set_sync_scrolling(False)
    view.pane("original").scroll_to_sentence("s30")
    assert view.pane("mt").verticalScrollBar().value() == 0


def test_hide_and_show_columns(qtbot: QtBot, view: ColumnsView) -> None:
    with qtbot.waitSignal(view.columns_changed):
        view.set_column_visible("mt", False)
    assert [c.id for c in view.columns() if not c.visible] == ["mt"]
    assert not view.pane("mt").isVisible()
    assert view.pane("original") in view.visible_panes()
    view.set_column_visible("mt", True)
    assert view.pane("mt").isVisible()
    for column_id in ("original", "mt", "src1", "src2"):
        view.set_column_visible(column_id, False)
    view.set_column_visible("src3", False)  # the last visible column stays
    assert [c.id for c in view.columns() if c.visible] == ["src3"]


def test_move_columns(view: ColumnsView) -> None:
    view.move_column("src2", -2)
    assert [c.id for c in view.columns()] == ["original", "src2", "mt", "src1", "src3"]
    frame = view.pane("src2").parentWidget()
    assert frame is not None and view.splitter.indexOf(frame) == 1
    view.move_column("original", 1)
    assert [c.id for c in view.columns()] == ["src2", "original", "mt", "src1", "src3"]
    view.move_column("src3", 5)  # already last: stays
    assert [c.id for c in view.columns()][-1] == "src3"
    view.set_column_visible("mt", False)
    view.move_column("src1", -1)  # moves past the visible "original", hidden "mt" keeps place
    assert [c.id for c in view.columns()] == ["src2", "src1", "mt", "original", "src3"]


def test_header_buttons_move_and_hide(qtbot: QtBot, view: ColumnsView) -> None:
    header = view._headers["src1"]
    menu = view.header_menu("src1")
    assert header.left in menu.actions() and header.hide_button in menu.actions()
    header.left.trigger()
    assert [c.id for c in view.columns()][1] == "src1"
    header.hide_button.trigger()
    assert not next(c for c in view.columns() if c.id == "src1").visible
    full = header.label.full_text()
    assert full.startswith("Desk Draft") and "translation" in full


def test_order_and_visibility_survive_new_data(view: ColumnsView, workspace: Workspace,
                                               comparison: Comparison) -> None:
    view.move_column("src3", -4)
    view.set_column_visible("src1", False)
    view.show_selection(ORIGINAL, "s2")
    view.set_data(workspace.without_source("src2"), comparison)
    assert [c.id for c in view.columns()] == ["src3", "original", "mt", "src1"]
    assert not next(c for c in view.columns() if c.id == "src1").visible
    assert view.pane("mt").highlighted() == ("s2",)


def test_find_counts_and_walks_matches(view: ColumnsView) -> None:
    count = view.find("reports the strikes")
    assert count == 45 + 45 + REPORT_CLAIMS
    assert view.find_next()
    first = view.current_find()
    assert first == ("mt", 0)
    pane = view.pane("mt")
    assert pane.textCursor().selectedText().lower() == "reports the strikes"
    assert view.find_previous()
    assert view.current_find() == ("src2", REPORT_CLAIMS - 1)
    assert view.find("普京") > 0
    assert view.find("[1") == 0  # sentence numbers are not article text
    assert view.find("no such words anywhere") == 0
    assert not view.find_next()
    view.set_column_visible("mt", False)
    assert view.find("Machine sentence") == 0


def test_edit_marker_and_context_menu(qtbot: QtBot, workspace: Workspace,
                                      comparison: Comparison) -> None:
    edited = workspace.with_edit(ORIGINAL, "s3", "My own wording.")
    view = ColumnsView()
    qtbot.addWidget(view)
    view.set_data(edited, comparison)
    mt = view.pane("mt")
    start, _ = mt.sentence_range("s3") or (0, 0)
    assert char_format_at(mt, start).charFormat().fontItalic()
    assert "My own wording. \u270e" in mt.toPlainText().replace("\u2009", " ")
    assert mt_text(3) in mt.tooltip_for("s3")  # the machine output stays visible
    menu = mt.build_context_menu("s3")
    actions = {a.text(): a for a in menu.actions() if a.text()}
    with qtbot.waitSignal(view.edit_requested) as edit:
        actions["Edit translation…"].trigger()
    assert edit.args == [ORIGINAL, "s3"]
    with qtbot.waitSignal(view.retranslate_requested) as retry:
        actions["Translate this sentence again"].trigger()
    assert retry.args == [ORIGINAL, "s3"]
    # A source in the pivot language has no translation to edit.
    src_menu = view.pane("src1").build_context_menu("s3")
    assert not next(a for a in src_menu.actions() if a.text() == "Edit translation…").isEnabled()
    zh_menu = view.pane("src3").build_context_menu("s1")
    assert next(a for a in zh_menu.actions() if a.text() == "Edit translation…").isEnabled()


def test_font_and_theme(view: ColumnsView) -> None:
    view.show_selection(ORIGINAL, "s2")
    font = QFont(view.font())
    font.setPointSize(17)
    view.set_font(font)
    assert view.pane("original").font().pointSize() == 17
    assert view.pane("original").highlighted() == ("s2",)
    view.set_dark(True)
    mt = view.pane("mt")
    start, _ = mt.sentence_range("s4") or (0, 0)
    at = start + mt_text(4).index("Machine")
    assert char_format_at(mt, at).charFormat().background().color() == diff_colours(True).deleted


def test_without_comparison_and_without_translation(qtbot: QtBot) -> None:
    workspace = columns_workspace()
    bare = Workspace(workspace.original)
    view = ColumnsView()
    qtbot.addWidget(view)
    view.set_data(bare, None)
    assert [c.id for c in view.columns()] == ["original", "mt"]
    assert "…" in view.pane("mt").toPlainText()
    view.show_selection(ORIGINAL, "s1")
    assert view.pane("mt").highlighted() == ("s1",)
    assert view.pane(ORIGINAL).sentence_at_position(0) == TITLE


def test_unchanged_columns_are_not_laid_out_again(view: ColumnsView, workspace: Workspace,
                                                  comparison: Comparison) -> None:
    documents = {c.id: view.pane(c.id).document().revision() for c in view.columns()}
    view.set_data(workspace.with_edit(ORIGINAL, "s3", "Hand edit."), comparison)
    after = {c.id: view.pane(c.id).document().revision() for c in view.columns()}
    assert [cid for cid in documents if documents[cid] != after[cid]] == ["mt"]


def test_hover_scrolls_counterparts_into_view_without_moving_the_hovered_pane(
        view: ColumnsView, workspace: Workspace) -> None:
    view.set_sync_scrolling(False)
    original = view.pane("original")
    original.scroll_to_sentence("s30")
    before = original.verticalScrollBar().value()
    view.show_hover(ORIGINAL, "s30")
    assert original.verticalScrollBar().value() == before
    for column_id in ("mt", "src1"):
        pane = view.pane(column_id)
        assert pane.hovered() == "s30"
        top = pane.sentence_top("s30") or 0.0
        bar = pane.verticalScrollBar().value()
        assert bar <= top <= bar + pane.viewport().height()


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1,
    max_size=30,
).filter(lambda t: t.strip() != "")


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(st.tuples(_TEXT, st.booleans()), min_size=1, max_size=6),
       cjk=st.booleans())
def test_sentence_ranges_and_marks_survive_any_text(
        qapp: QApplication, texts: list[tuple[str, bool]], cjk: bool) -> None:
    """Ranges and marks land on the right characters whatever the text: markup, emoji,
    CJK Extension B (two UTF-16 units in Qt, one in Python)."""
    sentences = []
    for n, (text, new_paragraph) in enumerate(texts, start=1):
        text = f"{text}𠀀<b>{n}</b>"
        mark = Mark(len(text) - 8, len(text) - 4, "inserted")  # "<b>n" minus the digit
        sentences.append(ColumnSentence(f"s{n}", n, n if new_paragraph else 0, text,
                                        marks=(mark,)))
    column = ColumnText("src1", "src1", "T", "report", "zh" if cjk else "en", tuple(sentences))
    pane = ReadingPane()
    try:
        pane.set_column(column)
        for sentence in sentences:
            start, end = pane.sentence_range(sentence.id) or (0, 0)
            cursor = QTextCursor(pane.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            # selectedText() is the raw document text (toPlainText() turns NBSP into spaces).
            assert cursor.selectedText() == sentence.text.replace("\n", "\u2029")
            assert pane.sentence_at_position(start) == sentence.id
            mark = sentence.marks[0]
            inside = start + utf16_offset(sentence.text, mark.start) + 1
            probe = QTextCursor(pane.document())
            probe.setPosition(inside)
            assert probe.charFormat().fontUnderline()
            before = start + utf16_offset(sentence.text, mark.start)
            probe.setPosition(before)
            assert not probe.charFormat().fontUnderline()
    finally:
        pane.deleteLater()


def test_alt_arrows_step_through_sentences(qtbot: QtBot, view: ColumnsView) -> None:
    pane = view.pane("src1")
    start, _ = pane.sentence_range("s4") or (0, 0)
    cursor = pane.textCursor()
    cursor.setPosition(start + 1)
    pane.setTextCursor(cursor)
    with qtbot.waitSignal(view.sentence_activated) as blocker:
        qtbot.keyClick(pane, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert blocker.args == ["src1", "s5"]
    assert view.pane("original").highlighted() == ("s5",)
    with qtbot.waitSignal(view.sentence_activated) as blocker:
        qtbot.keyClick(pane, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert blocker.args == ["src1", "s4"]


def test_header_menu_switches_the_diff_reference(view: ColumnsView) -> None:
    assert view.diff_reference() == "src1"
    menu = view.header_menu("src2")
    action = next(a for a in menu.actions() if a.text().startswith("Compare the machine"))
    assert not action.isChecked()
    action.trigger()
    assert view.diff_reference() == "src2"
    note = view.pane("mt").tooltip_for("s2")
    assert "Example Wire" in note
    assert not any(a.text().startswith("Compare the machine")
                   for a in view.header_menu("mt").actions())


def test_view_state_round_trip(qtbot: QtBot, view: ColumnsView, workspace: Workspace,
                               comparison: Comparison) -> None:
    import json

    view.move_column("src2", -2)
    view.set_column_visible("mt", False)
    view.set_sync_scrolling(False)
    state = json.loads(json.dumps(view.view_state()))
    fresh = ColumnsView()
    qtbot.addWidget(fresh)
    fresh.resize(1400, 420)
    fresh.set_data(workspace, comparison)
    fresh.restore_view_state(state)
    assert fresh.column_order() == view.column_order()
    assert [c.id for c in fresh.columns() if not c.visible] == ["mt"]
    assert not fresh.sync_scrolling()
    fresh.restore_view_state({"order": "nonsense", "sizes": {"src1": -4}, "hidden": None})
    assert fresh.column_order() == view.column_order()
