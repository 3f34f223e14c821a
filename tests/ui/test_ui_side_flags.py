"""FlagsNavigator: document order, filters, next/previous with wrap-around, activation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_side_fixtures import expected_order, side_workspace

from parallax.core.comparison import Comparison, Flag
from parallax.core.workspace import Workspace
from parallax.ui.views.flags_list import FlagsNavigator


@pytest.fixture()
def navigator(qtbot: QtBot, data: tuple[Workspace, Comparison]) -> FlagsNavigator:
    widget = FlagsNavigator()
    qtbot.addWidget(widget)
    widget.set_data(*data)
    widget.set_order("reading")  # the walk tests below follow the document
    widget.resize(600, 300)
    widget.show()
    return widget


def _walk(navigator: FlagsNavigator, qtbot: QtBot, step: str, times: int) -> list[Flag]:
    seen: list[Flag] = []
    navigator.flag_activated.connect(seen.append)
    for _ in range(times):
        getattr(navigator, step)()
    navigator.flag_activated.disconnect(seen.append)
    return seen


def test_flags_listed_in_document_order(navigator: FlagsNavigator,
                                        data: tuple[Workspace, Comparison]) -> None:
    assert [f.kind for f in navigator.visible_flags()] == expected_order(data[0])
    assert set(navigator.visible_flags()) == set(data[1].flags)
    assert "8" in navigator.count_label.text()
    combo = navigator.kind_combo
    assert combo.itemText(combo.findData("loaded_word")) == "Loaded word (1)"
    assert combo.itemText(combo.findData("hedge")).endswith("(1)")
    assert combo.itemText(combo.findData("number_qualifier")).endswith("(0)")


def test_next_walks_every_flag_in_order_and_wraps(navigator: FlagsNavigator,
                                                  qtbot: QtBot) -> None:
    flags = navigator.visible_flags()
    seen = _walk(navigator, qtbot, "next_flag", len(flags))
    assert seen == flags
    assert navigator.status_label.text() == ""
    wrapped = _walk(navigator, qtbot, "next_flag", 1)
    assert wrapped == [flags[0]]
    assert "first" in navigator.status_label.text()


def test_previous_walks_backwards_and_wraps(navigator: FlagsNavigator, qtbot: QtBot) -> None:
    flags = navigator.visible_flags()
    seen = _walk(navigator, qtbot, "previous_flag", len(flags))
    assert seen == list(reversed(flags))
    assert _walk(navigator, qtbot, "previous_flag", 1) == [flags[-1]]
    assert "last" in navigator.status_label.text()


def test_kind_filter_restricts_the_walk(navigator: FlagsNavigator, qtbot: QtBot) -> None:
    combo = navigator.kind_combo
    combo.setCurrentIndex(combo.findData("loaded_word"))
    assert [f.kind for f in navigator.visible_flags()] == ["loaded_word"]
    assert "1 of 8" in navigator.count_label.text()
    navigator.set_kind_filter({"hedge", "number_mismatch", "omitted_claim"})
    flags = navigator.visible_flags()
    assert [f.kind for f in flags] == ["number_mismatch", "hedge", "omitted_claim"]
    assert _walk(navigator, qtbot, "next_flag", 4) == [*flags, flags[0]]


def test_source_filter(navigator: FlagsNavigator, data: tuple[Workspace, Comparison],
                       qtbot: QtBot) -> None:
    report = data[0].sources[1].id
    combo = navigator.source_combo
    combo.setCurrentIndex(combo.findData(report))
    flags = navigator.visible_flags()
    assert flags and all(f.source == report for f in flags)
    assert _walk(navigator, qtbot, "next_flag", len(flags)) == flags
    navigator.set_source_filter("original")
    assert all(f.source is None for f in navigator.visible_flags())
    assert len(navigator.visible_flags()) == 4


def test_double_click_emits_the_flag(navigator: FlagsNavigator, qtbot: QtBot) -> None:
    view = navigator.view
    index = navigator.proxy.index(2, 1)
    view.scrollTo(index)
    rect = view.visualRect(index)
    expected = navigator.visible_flags()[2]
    # A real double-click is a press/release followed by the double-click event.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(navigator.flag_activated) as blocker, \
            qtbot.waitSignal(navigator.sentence_activated) as sentence:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [expected]
    assert sentence.args == ["original", expected.original]


def test_enter_activates_current_flag(navigator: FlagsNavigator, qtbot: QtBot) -> None:
    navigator.view.setFocus()
    navigator.view.setCurrentIndex(navigator.proxy.index(7, 0))
    expected = navigator.visible_flags()[7]
    with qtbot.waitSignal(navigator.flag_activated) as blocker, \
            qtbot.waitSignal(navigator.sentence_activated) as sentence:
        qtbot.keyClick(navigator.view, Qt.Key.Key_Return)
    assert blocker.args == [expected]
    assert sentence.args == [expected.source, expected.sentence]


def test_show_selection_follows_without_emitting(navigator: FlagsNavigator,
                                                 data: tuple[Workspace, Comparison],
                                                 qtbot: QtBot) -> None:
    target = navigator.visible_flags()[4]
    assert target.original is not None
    with qtbot.assertNotEmitted(navigator.flag_activated):
        navigator.show_selection("original", target.original)
    assert navigator.current_flag() == target
    # Stepping continues from the followed position.
    assert navigator.next_flag() == navigator.visible_flags()[5]


def test_empty_comparison(qtbot: QtBot) -> None:
    widget = FlagsNavigator()
    qtbot.addWidget(widget)
    widget.set_data(side_workspace(), None)
    assert widget.next_flag() is None
    assert widget.status_label.text()


def test_selection_echo_does_not_disturb_stepping(navigator: FlagsNavigator,
                                                  qtbot: QtBot) -> None:
    # The window answers every activation by selecting the sentence in every view, this one
    # included; two flags on one sentence must still be stepped through in order.
    navigator.sentence_activated.connect(navigator.show_selection)
    flags = navigator.visible_flags()
    assert _walk(navigator, qtbot, "next_flag", len(flags)) == flags
    assert _walk(navigator, qtbot, "previous_flag", len(flags) - 1) == list(
        reversed(flags[:-1]))


def test_flags_of_a_removed_source_still_list(qtbot: QtBot,
                                              data: tuple[Workspace, Comparison]) -> None:
    # While the comparison is recomputed it may still name a source the user just removed.
    workspace, comparison = data
    widget = FlagsNavigator()
    qtbot.addWidget(widget)
    widget.set_data(workspace.without_source(workspace.sources[1].id), comparison)
    flags = widget.visible_flags()
    assert len(flags) == len(comparison.flags)
    assert _walk(widget, qtbot, "next_flag", len(flags)) == flags


def test_most_serious_first_by_default(qtbot: QtBot, data: tuple[Workspace, Comparison]) -> None:
    widget = FlagsNavigator()
    qtbot.addWidget(widget)
    widget.set_data(*data)
    rank = {"high": 0, "medium": 1, "low": 2}
    shown = widget.visible_flags()
    assert set(shown) == set(data[1].flags)
    assert [rank[f.severity] for f in shown] == sorted(rank[f.severity] for f in shown)
    assert widget.order() == "severity"
    widget.order_actions["reading"].trigger()
    assert widget.order() == "reading"
    assert [f.kind for f in widget.visible_flags()] == expected_order(data[0])


def test_claims_only_a_report_makes_are_counted_apart(qtbot: QtBot,
                                                      data: tuple[Workspace, Comparison]) -> None:
    from dataclasses import replace

    from parallax.core.comparison import ReportOnly

    workspace, comparison = data
    extra = replace(comparison, report_only=(ReportOnly("src2", "s1", None, 0.0, True),
                                             ReportOnly("src2", "s2", "s1", 0.3, False)))
    widget = FlagsNavigator()
    qtbot.addWidget(widget)
    widget.set_data(workspace, extra)
    assert "2 claim" in widget.count_label.text()
    assert len(widget.visible_flags()) == len(comparison.flags)
