"""The window's layout is remembered: per workspace for the reading columns (hidden columns
stay hidden in both modes when the same workspace opens again, and nowhere else)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from parallax.core.workspace import Workspace
from parallax.ui.layout_store import LayoutStore, column_layout_key
from parallax.ui.views.columns import ColumnsView

WindowFactory = Callable[..., Any]


def test_each_workspace_has_its_own_key(sample_ws: Workspace, tmp_path: Path) -> None:
    unsaved = column_layout_key(None, sample_ws)
    assert unsaved == column_layout_key(None, sample_ws)
    assert unsaved.startswith("columns/")
    saved = column_layout_key(tmp_path / "a.parallax", sample_ws)
    assert saved not in (unsaved, column_layout_key(tmp_path / "b.parallax", sample_ws))


def test_a_hidden_column_stays_hidden_for_that_workspace_only(
        make_window: WindowFactory, sample_ws: Workspace, qtbot: QtBot) -> None:
    window = make_window()
    hidden = sample_ws.sources[0].id
    window.set_column_visible(hidden, False)
    window.save_window_state()

    again = make_window()
    assert [c.id for c in again.columns_view.columns() if not c.visible] == [hidden]
    again.set_mode("segments")
    grid = again.segment_grid
    assert grid.isColumnHidden(grid.segment_model.column_of(hidden))

    # The same sources under another original article: another workspace, its own layout.
    elsewhere = replace(sample_ws, original=replace(sample_ws.original, source="elsewhere.txt"))
    other = make_window(elsewhere)
    assert all(c.visible for c in other.columns_view.columns())


def test_a_broken_or_foreign_entry_is_ignored(qtbot: QtBot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    store = LayoutStore(settings)
    columns = ColumnsView()
    qtbot.addWidget(columns)
    settings.setValue("columns/broken", "{not json")
    settings.setValue("columns/list", "[1, 2]")
    assert not store.restore_columns(columns, "columns/broken")
    assert not store.restore_columns(columns, "columns/list")
    assert not store.restore_columns(columns, "columns/missing")


def test_a_layout_is_saved_only_under_the_workspace_it_belongs_to(
        qtbot: QtBot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    store = LayoutStore(settings)
    columns = ColumnsView()
    qtbot.addWidget(columns)
    store.save_columns(columns)  # nothing shown yet: nothing written
    assert settings.allKeys() == []
    store.restore_columns(columns, "columns/first")
    store.leave_workspace(columns)
    assert settings.allKeys() == ["columns/first"]
    store.save_columns(columns)  # no workspace on screen since: nothing more
    assert settings.allKeys() == ["columns/first"]
