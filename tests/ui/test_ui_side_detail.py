"""DiffDetailPane and DiffLegend: coloured spans read back, literal text, options, sources."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot
from ui_side_fixtures import side_workspace

from parallax.core.comparison import Comparison, Pivot
from parallax.core.workspace import ORIGINAL, TITLE, Workspace
from parallax.ui.palette import diff_colours
from parallax.ui.views.diff_detail import DiffDetailPane, load_cedict_lookup
from parallax.ui.views.legend import DiffLegend


@pytest.fixture()
def pane(qtbot: QtBot, data: tuple[Workspace, Comparison]) -> DiffDetailPane:
    widget = DiffDetailPane(gloss_lookup=lambda word: "dictionary entry" if word else None)
    qtbot.addWidget(widget)
    widget.set_data(*data)
    widget.show()
    return widget


def _pair(data: tuple[Workspace, Comparison], n: int) -> tuple[str, str]:
    link = data[1].links[n]
    return link.original, link.source


def test_diff_spans_are_coloured(pane: DiffDetailPane,
                                 data: tuple[Workspace, Comparison]) -> None:
    original, report = _pair(data, 3)  # the link with a four-span diff
    pane.show_pair(original, report)
    link = data[1].best_link(original, report)
    assert link is not None
    fragments = pane.diff_fragments()
    assert "".join(text for text, _ in fragments) == "".join(s.text for s in link.diff)
    colours = diff_colours(False)
    by_text = dict(fragments)
    deleted = by_text["suddenly announced"]
    inserted = by_text["arrived in"]
    assert deleted.fontStrikeOut() and deleted.background().color() == colours.deleted
    assert inserted.fontUnderline() and inserted.background().color() == colours.inserted
    assert not by_text["Putin "].fontStrikeOut()
    assert not by_text["Putin "].fontUnderline()
    assert pane.score_label.text() == f"{link.score:.2f}"


def test_markup_in_articles_shows_literally(pane: DiffDetailPane,
                                            data: tuple[Workspace, Comparison]) -> None:
    pane.show_pair(TITLE, data[0].sources[1].id)
    assert "<b>ICC</b>" in pane.counterpart_box.toPlainText()
    original, report = _pair(data, 3)
    pane.show_pair(original, report)
    assert "<b>x</b>" in pane.diff_view.toPlainText()
    assert "<i>&amp;</i>" in pane.original_pivot_box.toPlainText()
    assert pane.title_label.textFormat().name == "PlainText"


def test_texts_and_pivots(pane: DiffDetailPane, data: tuple[Workspace, Comparison]) -> None:
    workspace, _ = data
    original, report = _pair(data, 3)
    pane.show_pair(original, report)
    assert pane.original_box.toPlainText() == workspace.original.sentence(original).text
    assert pane.original_pivot_box.toPlainText() == workspace.translation_text("original",
                                                                              original)
    link = data[1].best_link(original, report)
    assert link is not None
    counterpart = workspace.source(report).article.sentence(link.sentence).text
    assert pane.counterpart_box.toPlainText() == counterpart
    # The report is already in the pivot language: no second translation box.
    assert pane.counterpart_pivot_box.isHidden()


def test_source_selector_lists_linked_sources(pane: DiffDetailPane,
                                              data: tuple[Workspace, Comparison],
                                              qtbot: QtBot) -> None:
    workspace, comparison = data
    original, _ = _pair(data, 3)
    pane.show_pair(original, None)  # best link first: the report (0.63) over the draft (0.55)
    assert pane.current_pair() == (original, workspace.sources[1].id)
    combo = pane.source_combo
    assert not combo.isHidden()
    assert [combo.itemData(n) for n in range(combo.count())] == [
        workspace.sources[1].id, workspace.sources[0].id]
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    assert pane.current_pair() == (original, workspace.sources[0].id)
    link = comparison.best_link(original, workspace.sources[0].id)
    assert link is not None and pane.score_label.text() == f"{link.score:.2f}"


def test_flags_on_the_pair(pane: DiffDetailPane, data: tuple[Workspace, Comparison]) -> None:
    workspace = data[0]
    original = workspace.original.sentences[1].id
    report = workspace.sources[1].id
    pane.show_pair(original, report)
    assert {f.kind for f in pane.shown_flags()} == {"loaded_word", "number_mismatch"}
    pane.show_pair(original, workspace.sources[0].id)
    assert {f.kind for f in pane.shown_flags()} == {"loaded_word"}


def test_unlinked_sentences(pane: DiffDetailPane, data: tuple[Workspace, Comparison]) -> None:
    workspace, comparison = data
    lonely = workspace.original.sentences[10].id
    pane.show_pair(lonely, None)
    assert "no counterpart" in pane.title_label.text()
    assert pane.counterpart_box.isHidden()
    assert [f.kind for f in pane.shown_flags()] == ["unmatched_claim"]
    omitted = comparison.flags[0]
    pane.show_flag(omitted)
    assert "not in the original" in pane.title_label.text()
    assert pane.counterpart_box.toPlainText() == omitted.text
    assert pane.shown_flags() == [omitted]


def test_show_selection_from_a_source(pane: DiffDetailPane,
                                      data: tuple[Workspace, Comparison]) -> None:
    link = data[1].links[3]
    pane.show_selection(link.source, link.sentence)
    assert pane.current_pair() == (link.original, link.source)


def test_options_emit_and_recompute(pane: DiffDetailPane, data: tuple[Workspace, Comparison],
                                    qtbot: QtBot) -> None:
    workspace, _ = data
    assert pane.options() == {"ignore_case": True, "ignore_punctuation": False,
                              "ignore_whitespace": True}
    original, report = _pair(data, 3)
    pane.show_pair(original, report)
    with qtbot.waitSignal(pane.options_changed) as blocker:
        pane.option_boxes["ignore_punctuation"].setChecked(True)
    assert blocker.args == [{"ignore_case": True, "ignore_punctuation": True,
                             "ignore_whitespace": True}]
    # Recomputed from the pivot texts with the new options.
    text = "".join(t for t, f in pane.diff_fragments() if not f.fontUnderline())
    assert text == workspace.translation_text("original", original)
    assert any(f.fontUnderline() for _, f in pane.diff_fragments())


def test_double_click_activates(pane: DiffDetailPane, data: tuple[Workspace, Comparison],
                                qtbot: QtBot) -> None:
    original, report = _pair(data, 3)
    pane.show_pair(original, report)
    with qtbot.waitSignal(pane.sentence_activated) as blocker:
        qtbot.mouseDClick(pane.counterpart_box.viewport(), Qt.MouseButton.LeftButton)
    link = data[1].best_link(original, report)
    assert link is not None and blocker.args == [report, link.sentence]


def test_gloss_word_under_the_pointer(pane: DiffDetailPane,
                                      data: tuple[Workspace, Comparison]) -> None:
    workspace, _ = data
    pane.show_pair(workspace.original.sentences[4].id, None)
    text = pane.original_box.toPlainText()
    position = text.index("普京")
    assert pane.gloss_word_at(position) == "普京"
    assert pane.gloss_word_at(len(text) + 3) == ""


def test_legend_uses_the_view_formats(qtbot: QtBot) -> None:
    legend = DiffLegend()
    qtbot.addWidget(legend)
    legend.refresh(dark=False)
    colours = diff_colours(False)
    deleted = legend.sample_format("deleted")
    inserted = legend.sample_format("inserted")
    number = legend.sample_format("changed_number")
    assert deleted.fontStrikeOut() and deleted.background().color() == colours.deleted
    assert inserted.fontUnderline() and inserted.background().color() == colours.inserted
    assert number.fontWeight() == QFont.Weight.Bold
    legend.refresh(dark=True)
    assert legend.sample_format("deleted").background().color() == diff_colours(True).deleted
    assert "only in the original" in legend.toPlainText()



def test_dark_theme_and_font(pane: DiffDetailPane, data: tuple[Workspace, Comparison]) -> None:
    original, report = _pair(data, 3)
    pane.show_pair(original, report)
    pane.set_dark(True)
    deleted = dict(pane.diff_fragments())["suddenly announced"]
    assert deleted.background().color() == diff_colours(True).deleted
    font = QFont("WenQuanYi Micro Hei", 15)
    pane.set_font(font)
    assert pane.original_box.font().pointSize() == 15
    pane.set_font(QFont("WenQuanYi Micro Hei", 30))
    assert pane.original_box.maximumHeight() > 3 * 30
    assert pane.legend is None  # the window shows one legend beside the pane


def test_pane_with_its_own_legend(qtbot: QtBot) -> None:
    pane = DiffDetailPane(gloss_lookup=lambda word: None, with_legend=True)
    qtbot.addWidget(pane)
    assert pane.legend is not None
    pane.set_dark(True)
    assert pane.legend.sample_format("inserted").background().color() == \
        diff_colours(True).inserted


def test_selection_keeps_the_chosen_source(pane: DiffDetailPane,
                                           data: tuple[Workspace, Comparison]) -> None:
    workspace = data[0]
    draft, report = (s.id for s in workspace.sources)
    pane.show_pair(workspace.original.sentences[4].id, draft)
    pane.show_selection("original", workspace.original.sentences[3].id)
    assert pane.current_pair() == (workspace.original.sentences[3].id, draft)
    # The report has no link for the first sentence: the pane falls back to the best source.
    pane.show_pair(workspace.original.sentences[3].id, report)
    pane.show_selection("original", workspace.original.sentences[0].id)
    assert pane.current_pair() == (workspace.original.sentences[0].id, draft)


def test_cedict_lookup_is_real() -> None:
    lookup = load_cedict_lookup()
    assert lookup is not None
    entry = lookup("普京")
    assert entry is not None and "Putin" in entry
    assert lookup("不是一个词语吧") is None


def test_hover_loads_the_dictionary_then_shows_entries(qtbot: QtBot,
                                                       data: tuple[Workspace, Comparison]
                                                       ) -> None:
    pane = DiffDetailPane()
    qtbot.addWidget(pane)
    pane.set_data(*data)
    pane.show_pair(data[0].original.sentences[4].id, None)
    pane.show()
    position = pane.original_box.toPlainText().index("普京")
    pane._gloss_at(pane.mapToGlobal(pane.rect().center()), position)
    qtbot.waitUntil(lambda: pane._gloss_state != "loading", timeout=60_000)
    assert pane._gloss_state == "ready" and pane._gloss is not None
    assert "Putin" in (pane._gloss(pane.gloss_word_at(position)) or "")


def test_a_comparison_lagging_behind_the_workspace(pane: DiffDetailPane,
                                                  data: tuple[Workspace, Comparison]) -> None:
    # A source was removed and the new comparison is still running: the old one names it.
    workspace, comparison = data
    report = workspace.sources[1].id
    original, _ = _pair(data, 3)
    pane.show_pair(original, report)
    pane.set_data(workspace.without_source(report), comparison)
    assert pane.current_pair() == (original, workspace.sources[0].id)
    pane.show_selection(report, "s1")
    pane.show_pair(original, report)
    assert pane.current_pair()[1] != report


def test_numbers_and_flagged_names_stand_out_in_the_diff(qtbot: QtBot) -> None:
    from parallax.core.comparison import DELETE, EQUAL, INSERT, DiffSpan, Flag, Link

    workspace = side_workspace()
    original = workspace.original.sentences[1].id
    report = workspace.sources[1].id
    diff = (DiffSpan(EQUAL, "Strikes hit "), DiffSpan(DELETE, "12 key"),
            DiffSpan(INSERT, "15"), DiffSpan(EQUAL, " regions, "),
            DiffSpan(INSERT, "Zelensky said"))
    comparison = Comparison(
        (Link(original, report, "s3", 0.7, diff),),
        (Flag("entity_only_there", "Zelensky", "Only the report names him.", original,
              report, "s3"),))
    pane = DiffDetailPane(gloss_lookup=lambda word: None)
    qtbot.addWidget(pane)
    pane.set_data(workspace, comparison)
    pane.show_pair(original, report)
    runs = pane.diff_fragments()
    assert "".join(t for t, _ in runs) == "".join(s.text for s in diff)
    by_text = dict(runs)
    colours = diff_colours(False)
    assert by_text["12"].fontStrikeOut() and by_text["12"].fontWeight() == QFont.Weight.Bold
    assert by_text["12"].background().color() == colours.changed_number
    assert by_text[" key"].fontWeight() != QFont.Weight.Bold
    assert by_text["15"].fontUnderline() and by_text["15"].fontWeight() == QFont.Weight.Bold
    name = by_text["Zelensky"]
    assert name.underlineStyle() == name.UnderlineStyle.DotLine
    assert name.background().color() == colours.changed_name
    assert by_text[" said"].fontUnderline()
    assert by_text[" regions, "].fontWeight() != QFont.Weight.Bold


def test_the_pane_shows_the_pivots_the_comparison_carries(
    qtbot: QtBot, data: tuple[Workspace, Comparison]
) -> None:
    workspace, comparison = data
    first = workspace.original.sentences[0].id
    version = workspace.sources[0]
    pivots = {ORIGINAL: Pivot({first: "The text the comparison used."}, f"version:{version.id}")}
    widget = DiffDetailPane()
    qtbot.addWidget(widget)
    widget.set_data(workspace, None)  # the window's first frame: no comparison yet
    assert widget.pivot(ORIGINAL, first) == (workspace.translation_text(ORIGINAL, first),
                                             "translation")
    with qtbot.wait_signal(widget.pivots_changed):
        widget.set_data(workspace, replace(comparison, pivots=pivots))
    assert widget.pivot(ORIGINAL, first) == ("The text the comparison used.",
                                             f"version:{version.id}")
    widget.show_pair(first, None)
    assert widget.original_pivot_box.toPlainText() == "The text the comparison used."
    assert version.display_name in widget._original_pivot_label.text()
    # Another article, its comparison still running: the old pivots are not its texts.
    widget.set_data(Workspace(version.article), widget._comparison)
    assert widget.pivots == {} and widget.glossed_keys() == []
