"""Degraded comparisons say so: a notice with every note and a way to the model manager, and a
dictionary gloss is called a gloss wherever it is shown, never a translation."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor
from pytestqt.qtbot import QtBot

from parallax.core.samples import sample_workspace
from parallax.core.segment import make_article
from parallax.core.translate.article_translation import translate_workspace
from parallax.core.translate.gloss import GlossEngine
from parallax.core.workspace import ORIGINAL, TITLE, Workspace
from parallax.ui.views.column_text import MT


def _reports(workspace: Workspace) -> Workspace:
    """A Chinese and an English report, written for this test."""
    chinese = make_article("普京抵达乌兰巴托", ["普京抵达蒙古国首都乌兰巴托。蒙古国没有逮捕他。"],
                           "zh", outlet="测试晚报")
    english = make_article("Putin lands in Mongolia", [
        "Putin arrived in Ulaanbaatar. Mongolia did not arrest him."], "en",
        outlet="Test Evening Post")
    return workspace.with_source(chinese, "report").with_source(english, "report")


@pytest.fixture(scope="module")
def unglossed() -> Workspace:
    """No model, nothing translated: the comparison glosses the original itself."""
    return _reports(sample_workspace(with_sources=False))


@pytest.fixture(scope="module")
def glossed() -> Workspace:
    """No model: the window's translation fell back to the dictionary gloss for every
    Chinese text (what "Translate all" stores without a model)."""
    return translate_workspace(_reports(sample_workspace(with_sources=False)), GlossEngine())


def _wait_pivots(qtbot: QtBot, window: Any) -> None:
    qtbot.waitUntil(lambda: bool(window.diff_detail.pivots), timeout=20000)


def test_gloss_only_comparison_shows_the_notice(make_window: Any, qtbot: QtBot,
                                                unglossed: Workspace) -> None:
    window = make_window(unglossed)
    _wait_pivots(qtbot, window)
    notice = window.notice
    comparison = window.document.comparison
    assert comparison is not None and comparison.notes
    assert notice.isVisible()
    assert notice.glossed()
    assert "gloss" in notice.summary.text()
    # Every note is reachable, as plain text.
    notice.details_button.click()
    assert notice.details.isVisible()
    for note in comparison.notes:
        assert note in notice.details.text()
    assert notice.details.textFormat() == Qt.TextFormat.PlainText
    # The original's pivot in the detail pane is called a gloss, not a translation.
    first = unglossed.original.sentences[0].id
    window.document.select(ORIGINAL, first)
    label = window.diff_detail._original_pivot_label
    assert label.isVisibleTo(window.diff_detail)
    assert "Gloss" in label.text() and "translation" not in label.text().lower()
    # The button leads to the model manager; dismissing hides the notice until notes change.
    opened: list[bool] = []
    window.show_model_manager = lambda: opened.append(True)  # the dialog is modal
    notice.model_manager_requested.disconnect()
    notice.model_manager_requested.connect(window.show_model_manager)
    notice.models_button.click()
    assert opened == [True]
    notice.dismiss_button.click()
    assert not notice.isVisible()
    notice.set_notes((*comparison.notes, "Another note."), True)
    assert notice.isVisible()


def test_stored_gloss_is_labelled_gloss_everywhere(make_window: Any, qtbot: QtBot,
                                                   glossed: Workspace) -> None:
    assert glossed.translations[ORIGINAL].is_gloss
    window = make_window(glossed)
    _wait_pivots(qtbot, window)
    assert window.notice.isVisible()
    comparison = window.document.comparison
    assert comparison is not None
    assert set(window.notice.notes()) == set(comparison.notes)

    # Reading mode: the column is titled as a gloss, its headline not bold like a translation.
    header = window.columns_view._headers[MT].label.full_text()
    assert header.startswith("Gloss") and "Machine translation" not in header
    pane = window.columns_view.pane(MT)
    start, _end = pane.sentence_range(TITLE) or (0, 0)
    cursor = QTextCursor(pane.document())
    cursor.setPosition(start + 1)
    assert cursor.charFormat().fontWeight() != QFont.Weight.Bold
    first = glossed.original.sentences[0].id
    assert "gloss" in pane.tooltip_for(first).lower()
    original = window.columns_view.pane("original")
    start, _end = original.sentence_range(TITLE) or (0, 0)
    cursor = QTextCursor(original.document())
    cursor.setPosition(start + 1)
    assert cursor.charFormat().fontWeight() == QFont.Weight.Bold  # a real headline still is

    # The Chinese report's English is a gloss too: its notes say so.
    chinese = next(s for s in glossed.sources if s.article.lang.startswith("zh"))
    assert glossed.translations[chinese.id].is_gloss
    report_pane = window.columns_view.pane(chinese.id)
    report_first = chinese.article.sentences[0].id
    assert "gloss (en)" in report_pane.tooltip_for(report_first)

    # Segments mode: the same column title.
    window.set_mode("segments")
    qtbot.waitUntil(window.is_settled, timeout=20000)
    model = window.segment_grid.model()
    titles = [str(model.headerData(c, Qt.Orientation.Horizontal))
              for c in range(model.columnCount())]
    assert any(t.startswith("Gloss") for t in titles)
    assert not any(t.startswith("Machine translation") for t in titles)


def test_a_missing_chinese_font_is_explained(make_window: Any) -> None:
    window = make_window()
    assert window.check_font() == []  # the test machine has a Chinese font
    assert not window.font_warning.isVisible()
    # Characters from CJK Extension G, which no commonly installed font covers.
    rare = "\U00030000\U00030001"
    article = make_article(f"标题{rare}", [f"第一句{rare}。第二句。"], "zh", outlet="测试")
    other = make_window(Workspace(article))
    missing = other.check_font()
    if not missing:
        pytest.skip("an installed font covers CJK Extension G")
    bar = other.font_warning
    assert bar.isVisible()
    text = bar.label.text()
    assert "fonts-noto-cjk" in text and rare[0] in text
    assert bar.label.textFormat() == Qt.TextFormat.PlainText
    bar.dismiss_button.click()
    assert not bar.isVisible()


def test_detail_pane_calls_a_stored_gloss_a_gloss_before_the_pivots_are_known(
        qtbot: QtBot, glossed: Workspace) -> None:
    from parallax.ui.views.diff_detail import DiffDetailPane

    pane = DiffDetailPane(gloss_lookup=lambda word: None)
    qtbot.addWidget(pane)
    pane.set_data(glossed, None)  # no comparison yet: no pivots computed
    first = glossed.original.sentences[0].id
    pane.show_pair(first, None)
    label = pane._original_pivot_label.text()
    assert label.startswith("Gloss") and "translation" not in label.lower()
    # A hand edit over the gloss is the user's translation, not a gloss.
    pane.set_data(glossed.with_edit(ORIGINAL, first, "My own translation."), None)
    pane.show_pair(first, None)
    assert pane._original_pivot_label.text() == "Its translation"
