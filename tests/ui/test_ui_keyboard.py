"""Keyboard: Alt+Up/Down step from the selection, Segments-mode arrows move the selection and
the detail pane, and Help › Keyboard Shortcuts lists every shortcut the actions have."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from parallax.core.workspace import ORIGINAL


def test_alt_down_steps_from_the_selection_not_the_caret(make_window: Any,
                                                         qtbot: QtBot) -> None:
    window = make_window()
    ids = [s.id for s in window.document.workspace.original.sentences]
    window.document.select(ORIGINAL, ids[0])  # e.g. from a flag: the caret is elsewhere
    pane = window.columns_view.pane(ORIGINAL)
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.document.selection == (ORIGINAL, ids[1])
    assert window.diff_detail.current_pair()[0] == ids[1]
    qtbot.keyClick(pane, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.document.selection == (ORIGINAL, ids[2])
    qtbot.keyClick(pane, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.document.selection == (ORIGINAL, ids[1])


def test_segments_mode_arrows_move_the_selection_and_the_detail_pane(make_window: Any,
                                                                     qtbot: QtBot) -> None:
    window = make_window()
    window.set_mode("segments")
    qtbot.waitUntil(window.is_settled, timeout=20000)
    grid = window.segment_grid
    ids = [s.id for s in window.document.workspace.original.sentences]
    grid.setFocus()
    window.document.select(ORIGINAL, ids[2])
    grid.setCurrentIndex(grid.segment_model.index(grid.rows_for(ORIGINAL, ids[2])[0], 0))
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert window.document.selection == (ORIGINAL, ids[3])
    assert window.diff_detail.current_pair()[0] == ids[3]
    assert grid.selected_rows() == grid.rows_for(ORIGINAL, ids[3])
    qtbot.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.document.selection == (ORIGINAL, ids[4])
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    assert window.document.selection == (ORIGINAL, ids[3])


def test_keyboard_shortcuts_lists_every_action_shortcut(make_window: Any) -> None:
    window = make_window()
    assert window.action("keyboard_shortcuts") in window.menus["help"].actions()
    dialog = window.shortcuts_dialog()
    rows = dialog.rows()
    keys_listed = " | ".join(keys for _what, keys in rows)
    for name, action in window._actions.items():
        for sequence in action.shortcuts():
            text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            if text:
                assert text in keys_listed, (name, text)
    commands = [what for what, _keys in rows]
    assert "Find" in commands and "Next Difference" in commands
    assert any("Alt+Down" in keys for _what, keys in rows)
    # Generated from the actions: a changed shortcut shows up changed.
    window.action("find").setShortcut(QKeySequence("Ctrl+Alt+J"))
    assert any(keys == QKeySequence("Ctrl+Alt+J").toString(
        QKeySequence.SequenceFormat.NativeText) for _w, keys in window.shortcuts_dialog().rows())
    dialog.deleteLater()
