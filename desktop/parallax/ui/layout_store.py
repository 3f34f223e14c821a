"""What the window looked like, kept in QSettings: its geometry, docks and mode, and for each
workspace the order, visibility and widths of its reading columns."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

from parallax.core.workspace import Workspace
from parallax.ui.views.columns import ColumnsView


def column_layout_key(path: Path | None, workspace: Workspace) -> str:
    """A QSettings key for a workspace: its file, or its original article when unsaved."""
    original = workspace.original
    identity = str(path) if path is not None else (
        "unsaved:" + (original.source or original.title))
    return "columns/" + hashlib.sha1(identity.encode("utf-8")).hexdigest()[:16]


class LayoutStore:
    """Saves and restores the window's layout; remembers which workspace's columns are shown,
    so a layout is only ever saved under the workspace it belongs to."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings
        self._columns_key: str | None = None  # the key of the columns on screen

    # ---- the window ----------------------------------------------------------------------
    def restore_window(self, window: QMainWindow) -> bool:
        """Geometry and docks from the last session; False when there was none."""
        geometry = self._settings.value("window/geometry")
        state = self._settings.value("window/state")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        return isinstance(state, QByteArray) and window.restoreState(state)

    def saved_mode(self, default: str) -> str:
        return str(self._settings.value("window/mode", default))

    def save_window(self, window: QMainWindow, mode: str) -> None:
        self._settings.setValue("window/geometry", window.saveGeometry())
        self._settings.setValue("window/state", window.saveState())
        self._settings.setValue("window/mode", mode)

    # ---- the columns, per workspace ------------------------------------------------------
    def save_columns(self, columns: ColumnsView) -> None:
        if self._columns_key is None:
            return  # the columns never showed this workspace: nothing of the user's to keep
        self._settings.setValue(self._columns_key, json.dumps(columns.view_state()))

    def leave_workspace(self, columns: ColumnsView) -> None:
        """Keep the layout of the workspace on screen, which is about to be replaced."""
        self.save_columns(columns)
        self._columns_key = None

    def restore_columns(self, columns: ColumnsView, key: str) -> bool:
        """Apply the layout saved under `key` unless it is already on screen; True when one
        was applied."""
        if key == self._columns_key:
            return False
        self._columns_key = key
        raw = self._settings.value(key)
        if not isinstance(raw, str):
            return False
        try:
            state = json.loads(raw)
        except ValueError:
            return False
        if not isinstance(state, dict):
            return False
        columns.restore_view_state(state)
        return True
