"""macOS hands files to the app as QFileOpenEvent (Finder double-click, Dock drop): they open."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from parallax.core.workspace import Workspace
from parallax.ui.app import FileOpenHandler


@pytest.fixture()
def handler(qapp: QApplication) -> Iterator[FileOpenHandler]:
    opener = FileOpenHandler(qapp)
    yield opener
    qapp.removeEventFilter(opener)
    opener.deleteLater()


def test_a_file_open_event_opens_the_workspace(
        make_window: Callable[..., Any], qtbot: QtBot, qapp: QApplication, tmp_path: Path,
        sample_ws: Workspace, handler: FileOpenHandler) -> None:
    saved = tmp_path / "finder.parallax"
    sample_ws.save(saved)
    window = make_window()
    assert window.document.path is None  # the built-in sample
    handler.attach(window)
    assert QCoreApplication.sendEvent(qapp, QFileOpenEvent(str(saved))) is True
    qtbot.waitUntil(lambda: window.document.path == saved, timeout=20000)


def test_files_sent_before_the_window_exists_open_when_it_does(
        make_window: Callable[..., Any], qtbot: QtBot, qapp: QApplication, tmp_path: Path,
        sample_ws: Workspace, handler: FileOpenHandler) -> None:
    saved = tmp_path / "at-launch.parallax"
    sample_ws.save(saved)
    QCoreApplication.sendEvent(qapp, QFileOpenEvent(str(saved)))
    assert handler.pending == [saved]
    window = make_window()
    handler.attach(window)
    assert handler.pending == []
    qtbot.waitUntil(lambda: window.document.path == saved, timeout=20000)
