"""The views' data per (workspace, comparison) belongs to the document: made once, reused
for what a change leaves alone, and never shared between documents."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from parallax.core.comparison import Comparison
from parallax.core.workspace import ORIGINAL, Workspace
from parallax.ui.document import WorkspaceDocument
from parallax.ui.views.column_text import MT


def test_one_presentation_per_workspace_and_comparison(
        qtbot: QtBot, workspace: Workspace, comparison: Comparison) -> None:
    document = WorkspaceDocument(workspace, compare=False)
    made = document.presentation(workspace, comparison)
    assert document.presentation(workspace, comparison) is made
    assert made.columns() is not made.columns()  # a new tuple, but the same columns:
    assert all(a is b for a, b in zip(made.columns(), made.columns(), strict=True))
    assert document.presentation(workspace, None) is not made
    other = WorkspaceDocument(workspace, compare=False)
    assert other.presentation(workspace, comparison) is not made


def test_a_change_remakes_only_the_columns_it_touches(
        qtbot: QtBot, workspace: Workspace, comparison: Comparison) -> None:
    document = WorkspaceDocument(workspace, compare=False)
    before = {c.id: c for c in document.presentation(workspace, comparison).columns()}
    sentence = next(workspace.original.iter_sentences()).id
    edited = workspace.with_edit(ORIGINAL, sentence, "A hand edit.")
    after = {c.id: c for c in document.presentation(edited, comparison).columns()}
    assert after[MT] is not before[MT]
    shown = after[MT].sentence(sentence)
    assert shown is not None and shown.text == "A hand edit."
    unchanged = [key for key in before if key not in (MT,)]
    assert unchanged and all(after[key] is before[key] for key in unchanged)


def test_the_grid_cells_are_made_once(
        qtbot: QtBot, workspace: Workspace, comparison: Comparison) -> None:
    document = WorkspaceDocument(workspace, compare=False)
    document.prepare(workspace, comparison)
    presentation = document.presentation(workspace, comparison)
    for column in presentation.columns():
        assert presentation.cells(column) is presentation.cells(column)
