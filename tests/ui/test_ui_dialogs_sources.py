"""SourceListDialog: reorder, remove (with confirmation), role and label on a workspace copy."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from ui_side_fixtures import side_workspace

from parallax.core.workspace import Workspace
from parallax.ui.dialogs.sources import SourceListDialog


@pytest.fixture()
def workspace() -> Workspace:
    return side_workspace()


@pytest.fixture()
def dialog(qtbot: QtBot, workspace: Workspace) -> SourceListDialog:
    widget = SourceListDialog(workspace)
    qtbot.addWidget(widget)
    return widget


def test_lists_every_source(dialog: SourceListDialog, workspace: Workspace) -> None:
    assert dialog.source_ids() == [s.id for s in workspace.sources]
    assert dialog.list.count() == 2
    assert "Example Wire" in dialog.list.item(1).text()
    assert not dialog.up_button.isEnabled()  # first row selected


def test_reorder(dialog: SourceListDialog, workspace: Workspace) -> None:
    first, second = (s.id for s in workspace.sources)
    dialog.select(second)
    dialog.up_button.click()
    assert dialog.source_ids() == [second, first]
    assert dialog.workspace().sources[0].id == second
    assert dialog.list.currentRow() == 0
    dialog.down_button.click()
    assert dialog.source_ids() == [first, second]
    assert workspace.sources[0].id == first  # the original workspace is untouched


def test_remove_asks_first(dialog: SourceListDialog, workspace: Workspace,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    dialog.select(workspace.sources[0].id)
    monkeypatch.setattr(dialog, "confirm", lambda question: False)
    dialog.remove_button.click()
    assert len(dialog.source_ids()) == 2
    monkeypatch.setattr(dialog, "confirm", lambda question: True)
    dialog.remove_button.click()
    assert dialog.source_ids() == [workspace.sources[1].id]
    dialog.remove_current(confirm=False)
    assert dialog.source_ids() == []
    assert not dialog.remove_button.isEnabled()


def test_role_and_label(dialog: SourceListDialog, workspace: Workspace) -> None:
    report = workspace.sources[1].id
    dialog.select(report)
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("translation"))
    dialog.role_combo.activated.emit(dialog.role_combo.currentIndex())
    dialog.label_edit.setText("Wire (EN)")
    dialog.label_edit.editingFinished.emit()
    changed = dialog.workspace().source(report)
    assert changed.role == "translation"
    assert changed.label == "Wire (EN)"
    assert "Wire (EN)" in dialog.list.item(1).text()
