"""Side panels on the built-in sample compared by the real engine."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_side_fixtures import document_key, real_data

from parallax.core.comparison import DELETE, FLAG_KINDS, INSERT, Comparison, Flag
from parallax.core.workspace import ORIGINAL, TITLE, Workspace
from parallax.ui.palette import diff_colours
from parallax.ui.views.coverage_map import CoverageMap
from parallax.ui.views.diff_detail import DiffDetailPane
from parallax.ui.views.flags_list import FlagsNavigator


@pytest.fixture(scope="module")
def data() -> tuple[Workspace, Comparison]:
    return real_data()


def test_next_walks_every_real_flag_in_document_order(qtbot: QtBot,
                                                      data: tuple[Workspace, Comparison]) -> None:
    workspace, comparison = data
    assert comparison.flags, "the sample should raise flags"
    navigator = FlagsNavigator()
    qtbot.addWidget(navigator)
    navigator.set_data(workspace, comparison)
    navigator.set_order("reading")
    seen: list[Flag] = []
    navigator.flag_activated.connect(seen.append)
    for _ in comparison.flags:
        navigator.next_flag()
    assert sorted(map(repr, seen)) == sorted(map(repr, comparison.flags))
    keys = [document_key(workspace, f) for f in seen]
    assert keys == sorted(keys)
    navigator.next_flag()
    assert seen[-1] == seen[0]  # wrapped


def test_each_kind_filter_walks_its_flags(qtbot: QtBot,
                                          data: tuple[Workspace, Comparison]) -> None:
    workspace, comparison = data
    navigator = FlagsNavigator()
    qtbot.addWidget(navigator)
    navigator.set_data(workspace, comparison)
    everything = navigator.visible_flags()
    for kind in FLAG_KINDS:
        navigator.set_kind_filter([kind])
        wanted = [f for f in everything if f.kind == kind]
        seen = [navigator.next_flag() for _ in wanted]
        assert seen == wanted
        navigator.view.setCurrentIndex(navigator.proxy.index(-1, -1))


def test_coverage_cells_match_best_links(qtbot: QtBot,
                                         data: tuple[Workspace, Comparison]) -> None:
    workspace, comparison = data
    cmap = CoverageMap()
    qtbot.addWidget(cmap)
    cmap.set_data(workspace, comparison)
    cmap.resize(cmap.sizeHint())
    cmap.show()
    assert cmap.rows()[-1] == workspace.original.sentences[-1].id
    for row in (0, len(cmap.rows()) // 2, len(cmap.rows()) - 1):
        for column, source_id in enumerate(cmap.columns()):
            with qtbot.waitSignal(cmap.cell_activated) as blocker:
                qtbot.mouseClick(cmap, Qt.MouseButton.LeftButton,
                                 pos=cmap.cell_rect(row, column).center())
            assert blocker.args == [cmap.rows()[row], source_id]
            link = comparison.best_link(cmap.rows()[row], source_id)
            assert (link is None) == ("no counterpart" in cmap.tooltip_text(row, column))


def test_detail_pane_colours_a_real_diff(qtbot: QtBot,
                                         data: tuple[Workspace, Comparison]) -> None:
    workspace, comparison = data
    link = next(k for k in comparison.links if k.original != TITLE
                and {DELETE, INSERT} <= {s.op for s in k.diff})
    pane = DiffDetailPane(gloss_lookup=lambda word: None)
    qtbot.addWidget(pane)
    pane.set_data(workspace, comparison)
    pane.show_pair(link.original, link.source)
    fragments = pane.diff_fragments()
    assert "".join(t for t, _ in fragments) == "".join(s.text for s in link.diff)
    colours = diff_colours(False)
    position = 0
    formats = {}
    for text, fmt in fragments:
        formats[position] = fmt
        position += len(text)
    position = 0
    for span in link.diff:
        drawn = formats.get(position)
        if drawn is not None and span.op == DELETE:
            assert drawn.fontStrikeOut() and drawn.background().color() == colours.deleted
        if drawn is not None and span.op == INSERT:
            assert drawn.fontUnderline() and drawn.background().color() == colours.inserted
        position += len(span.text)
    # The original's English text is the human translation the comparison used.
    assert comparison.pivots[ORIGINAL].version is not None
    assert pane._original_pivot_label.text().startswith("Its translation (from ")
    assert pane.original_pivot_box.toPlainText()
