"""Shared fixtures for the UI tests: the real sample, a comparison of it, isolated settings and a
main-window factory that cleans up after itself."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from parallax.core.comparison import Comparison
from parallax.core.samples import sample_workspace
from parallax.core.workspace import Workspace


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A modal message box would block an offscreen test forever: record them instead, and
    fail the test if one appeared that the test did not expect (tests expecting one patch
    QMessageBox themselves, after this fixture)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def record(kind: str, answer: QMessageBox.StandardButton) -> Any:
        def show(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            shown.append(f"{kind}: {text}")
            return answer
        return staticmethod(show)

    monkeypatch.setattr(QMessageBox, "warning", record("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical",
                        record("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information",
                        record("information", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question",
                        record("question", QMessageBox.StandardButton.Cancel))
    kinds = {QMessageBox.Icon.Question: "question", QMessageBox.Icon.Warning: "warning",
             QMessageBox.Icon.Critical: "critical"}

    def run(box: QMessageBox) -> int:
        # The boxes of parallax.ui.plain (plain text) are built for real, only never shown.
        kind = kinds.get(box.icon(), "information")
        shown.append(f"{kind}: {box.text()}")
        box.deleteLater()
        answer = QMessageBox.StandardButton.Cancel if kind == "question" else (
            QMessageBox.StandardButton.Ok)
        return int(answer.value)

    monkeypatch.setattr(QMessageBox, "exec", run)
    yield shown
    unexpected = [s for s in shown if not s.startswith("question")]
    assert not unexpected, f"unexpected dialogs: {unexpected}"


@pytest.fixture(scope="session")
def sample_ws() -> Workspace:
    """The built-in sample: the seed article with its sample translation and reports."""
    return sample_workspace()


def build_comparison(workspace: Workspace) -> Comparison:
    """The core comparison of a workspace."""
    from parallax.core.compare import compare_workspace

    return compare_workspace(workspace)


@pytest.fixture(scope="session")
def sample_comparison(sample_ws: Workspace) -> Comparison:
    return build_comparison(sample_ws)


@pytest.fixture()
def ui_settings(tmp_path: Path) -> QSettings:
    """A settings file of this test's own (window state, recent files)."""
    return QSettings(str(tmp_path / "ui-settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture()
def light_theme(qapp: Any) -> Iterator[None]:
    from parallax.ui.theme import apply_theme

    apply_theme("light")
    yield


WindowFactory = Callable[..., Any]


@pytest.fixture()
def make_window(qtbot: QtBot, ui_settings: QSettings, sample_ws: Workspace,
                sample_comparison: Comparison, light_theme: None) -> Iterator[WindowFactory]:
    """`make_window(workspace=None, **kwargs)`: a shown MainWindow on the sample (by default
    with the sample comparison, no autosave, no translation on open)."""
    from parallax.ui.main_window import MainWindow
    from parallax.ui.tasks import tracker

    windows: list[MainWindow] = []

    def make(workspace: Workspace | None = None, **kwargs: Any) -> MainWindow:
        ws = workspace or sample_ws
        if "compare" not in kwargs:
            comparison = sample_comparison if ws is sample_ws else None
            kwargs["compare"] = (
                (lambda w, ctx: comparison) if comparison is not None
                else (lambda w, ctx: build_comparison(w))
            )
        kwargs.setdefault("settings", ui_settings)
        kwargs.setdefault("translate_on_open", False)
        kwargs.setdefault("autosave", False)
        window = MainWindow(ws, **kwargs)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        try:
            qtbot.waitUntil(window.is_settled, timeout=20000)
        except qtbot.TimeoutError as exc:
            raise AssertionError(
                f"window never settled: tasks {tracker().active}, comparing "
                f"{window.document.comparing}") from exc
        return window

    yield make
    for window in windows:
        window.translation.cancel()
        window.confirm_close = False
        window.close()
    qtbot.waitUntil(lambda: tracker().active == 0, timeout=20000)




@pytest.fixture()
def workspace() -> Workspace:
    """The small hand-made workspace the column, grid and model tests share."""
    from ui_columns_fixtures import columns_workspace

    return columns_workspace()


@pytest.fixture()
def comparison(workspace: Workspace) -> Comparison:
    """Hand-checked links and flags over `workspace`."""
    from ui_columns_fixtures import columns_comparison

    return columns_comparison(workspace)


@pytest.fixture()
def data() -> tuple[Workspace, Comparison]:
    """The side panels' hand-made workspace and its hand-checked comparison."""
    from ui_side_fixtures import hand_comparison, side_workspace

    workspace = side_workspace()
    return workspace, hand_comparison(workspace)
