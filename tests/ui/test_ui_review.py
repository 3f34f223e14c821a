"""The analyst's review in the window: link / unlink, confirm / dismiss, notes; each undoable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from parallax.core.compare import compare_workspace
from parallax.core.comparison import Comparison, Flag, Link
from parallax.core.review import MAX_NOTE_CHARS
from parallax.core.workspace import ORIGINAL, Workspace
from parallax.ui.dialogs.note import NoteDialog
from parallax.ui.document import WorkspaceDocument
from parallax.ui.tasks import TaskContext, tracker
from support.stories import quake

WindowFactory = Callable[..., Any]


class Counting:
    """The real comparison (without the embedding model), counting its runs."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(self, workspace: Workspace, ctx: TaskContext) -> Comparison:
        self.runs += 1
        return compare_workspace(workspace, semantic=False)


@pytest.fixture()
def window(make_window: WindowFactory, qtbot: QtBot) -> Any:
    made = make_window(quake(), compare=Counting())
    made.activateWindow()  # shortcuts need the active window
    qtbot.waitUntil(made.isActiveWindow, timeout=5000)
    return made


def settle(qtbot: QtBot, window: Any) -> Comparison:
    qtbot.waitUntil(window.is_settled, timeout=20000)
    comparison = window.document.comparison
    assert isinstance(comparison, Comparison)
    return comparison


def links(document: WorkspaceDocument) -> tuple[Link, ...]:
    return document.comparison.links if document.comparison is not None else ()


def pairs(comparison: Comparison) -> set[tuple[str, str, str, str]]:
    return {(link.original, link.source, link.sentence, link.by) for link in comparison.links}


def test_link_by_hand_from_the_selection_and_undo(window: Any, qtbot: QtBot) -> None:
    window.document.select(ORIGINAL, "s2")
    window.document.select("src1", "s3")
    window.review.update()
    link = window.action("link_pair")
    assert link.isEnabled() and "S2" in link.text()
    link.trigger()
    comparison = settle(qtbot, window)
    assert ("s2", "src1", "s3", "analyst") in pairs(comparison)
    assert window.document.workspace.review.links
    assert window.document.dirty
    window.action("undo").trigger()
    comparison = settle(qtbot, window)
    assert not [p for p in pairs(comparison) if p[3] == "analyst"]
    assert window.document.workspace.review.empty
    window.action("redo").trigger()
    assert ("s2", "src1", "s3", "analyst") in pairs(settle(qtbot, window))


def test_unlink_the_pair_in_the_selected_pair_panel_and_undo(window: Any, qtbot: QtBot) -> None:
    window.document.select(ORIGINAL, "s1")
    assert window.diff_detail.current_pair() == ("s1", "src1")
    window.review.update()
    assert window.action("unlink_pair").isEnabled()
    window.action("unlink_pair").trigger()
    comparison = settle(qtbot, window)
    assert not [p for p in pairs(comparison) if p[:3] == ("s1", "src1", "s2")]
    assert ("src1", "s2") in {(r.source, r.sentence) for r in comparison.report_only}
    window.action("undo").trigger()
    assert ("s1", "src1", "s2", "engine") in pairs(settle(qtbot, window))


def flag_row(window: Any, kind: str) -> int:
    proxy = window.flags_navigator.proxy
    return next(row for row in range(proxy.rowCount()) if proxy.flag(row).kind == kind)


def current_flag(window: Any, kind: str) -> Flag:
    flags: tuple[Flag, ...] = window.document.comparison.flags
    return next(f for f in flags if f.kind == kind)


def test_dismiss_and_confirm_with_keys_in_the_differences_list(
        window: Any, qtbot: QtBot) -> None:
    navigator = window.flags_navigator
    view = navigator.view
    view.setFocus()
    view.setCurrentIndex(navigator.proxy.index(flag_row(window, "omitted_claim"), 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    settle(qtbot, window)
    dismissed = current_flag(window, "omitted_claim")
    assert dismissed.dismissed
    # Greyed in the list, kept current, and skipped by Next Difference (F8).
    row = flag_row(window, "omitted_claim")
    index = navigator.proxy.index(row, 0)
    assert navigator.proxy.data(index, Qt.ItemDataRole.ForegroundRole) is not None
    assert navigator.current_flag() == dismissed
    assert len(navigator.visible_flags()) == 2
    seen = [navigator.next_flag(), navigator.next_flag(), navigator.next_flag()]
    assert all(f is not None and not f.dismissed for f in seen)
    # Ctrl+Enter confirms the current one.
    view.setFocus()
    view.setCurrentIndex(navigator.proxy.index(flag_row(window, "unmatched_claim"), 0))
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert current_flag(window, "unmatched_claim").decision == "confirmed"
    # Ctrl+Z takes each back, the last first.
    window.action("undo").trigger()
    settle(qtbot, window)
    assert current_flag(window, "unmatched_claim").decision is None
    assert current_flag(window, "omitted_claim").dismissed
    window.action("undo").trigger()
    settle(qtbot, window)
    assert current_flag(window, "omitted_claim").decision is None
    assert window.document.workspace.review.empty


def test_delete_outside_the_differences_list_dismisses_nothing(
        window: Any, qtbot: QtBot) -> None:
    navigator = window.flags_navigator
    navigator.view.setCurrentIndex(navigator.proxy.index(0, 0))
    window.find_bar.open_bar()
    edit = window.find_bar.edit
    qtbot.keyClicks(edit, "quake")
    edit.setCursorPosition(0)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)  # deletes a character, as it always did
    assert edit.text() == "uake"
    settle(qtbot, window)
    assert window.document.workspace.review.empty


def answer_note(monkeypatch: pytest.MonkeyPatch, text: str | None) -> list[str]:
    """The note dialog is built for real; its modal loop is replaced by typing `text`
    (None: Cancel). Returns what each dialog was about."""
    about: list[str] = []

    def run(dialog: NoteDialog) -> int:
        about.append(dialog.findChildren(QLabel)[0].text())
        if text is None:
            return int(QDialog.DialogCode.Rejected.value)
        dialog.editor.setPlainText(text)
        assert dialog.ok_button().isEnabled()
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(NoteDialog, "exec", run)
    return about


def test_note_on_a_sentence_is_plain_text_and_undoable(
        window: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    note = "<b>light</b> vs “extensive” — check"
    about = answer_note(monkeypatch, note)
    window.document.select(ORIGINAL, "s3")
    window.review.update()
    window.action("sentence_note").trigger()
    settle(qtbot, window)
    assert about == ["Officials say the damage was light."]
    assert window.document.workspace.review.note(ORIGINAL, "s3") == note
    label = window.diff_detail.note_label
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert note in label.text()
    window.action("undo").trigger()
    settle(qtbot, window)
    assert window.document.workspace.review.note(ORIGINAL, "s3") is None
    # Cancel changes nothing.
    answer_note(monkeypatch, None)
    window.action("sentence_note").trigger()
    assert window.document.workspace.review.empty


def test_note_on_a_flag(window: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    answer_note(monkeypatch, "Weather: beside the point.")
    navigator = window.flags_navigator
    navigator.view.setCurrentIndex(navigator.proxy.index(flag_row(window, "omitted_claim"), 0))
    window.review.update()
    window.action("flag_note").trigger()
    settle(qtbot, window)
    assert current_flag(window, "omitted_claim").note == "Weather: beside the point."
    assert "Weather: beside the point." in navigator.model.tooltip(
        current_flag(window, "omitted_claim"))
    window.action("undo").trigger()
    settle(qtbot, window)
    assert current_flag(window, "omitted_claim").note == ""


def test_note_dialog_refuses_a_note_too_long(qtbot: QtBot) -> None:
    dialog = NoteDialog("About", "")
    qtbot.addWidget(dialog)
    dialog.editor.setPlainText("x" * MAX_NOTE_CHARS)
    assert dialog.ok_button().isEnabled()
    dialog.editor.setPlainText("x" * (MAX_NOTE_CHARS + 1))
    assert not dialog.ok_button().isEnabled()
    dialog.editor.setPlainText("   ")
    assert dialog.text() is None


def test_a_review_change_is_shown_without_comparing_again(qtbot: QtBot) -> None:
    compare = Counting()
    document = WorkspaceDocument(quake(), compare=compare)
    qtbot.waitUntil(lambda: document.comparison is not None and not document.comparing,
                    timeout=20000)
    assert compare.runs == 1
    workspace = document.workspace
    document.change(workspace.with_review(workspace.review.with_link("s2", "src1", "s3")),
                    "Link pair")
    qtbot.waitUntil(lambda: not document.comparing and any(
        link.by == "analyst" for link in links(document)), timeout=20000)
    assert compare.runs == 1  # the machine's comparison was reused
    document.change(document.workspace.with_settings(ignore_punctuation=True), "Settings")
    qtbot.waitUntil(lambda: not document.comparing and compare.runs == 2, timeout=20000)
    qtbot.waitUntil(lambda: tracker().active == 0, timeout=20000)
    # ... and after a real re-run the review is still laid over the result.
    assert any(link.by == "analyst" for link in links(document))


def test_notes_and_decisions_in_the_reading_columns_tooltips() -> None:
    from parallax.ui.views.column_text import build_columns

    workspace = quake()
    machine = compare_workspace(workspace, semantic=False)
    omitted = next(f for f in machine.flags if f.kind == "omitted_claim")
    review = (workspace.review.with_note(ORIGINAL, "s2", "<i>ask</i> the school board")
              .with_note("src1", "s3", "off-topic").with_decision(omitted, "dismissed"))
    workspace = workspace.with_review(review)
    comparison = compare_workspace(workspace, semantic=False)
    columns = {c.id: c for c in build_columns(workspace, comparison)}
    original = {s.id: s for s in columns[ORIGINAL].sentences}
    assert any("<i>ask</i> the school board" in n for n in original["s2"].notes)
    wire = {s.id: s for s in columns["src1"].sentences}
    assert any("off-topic" in n for n in wire["s3"].notes)
    assert any("(dismissed)" in n for n in wire["s3"].notes)


def test_the_review_buttons_keep_the_selected_pair_panel_narrow(window: Any) -> None:
    from parallax.ui.views.diff_detail import DiffDetailPane

    bare = DiffDetailPane()
    try:
        assert window.diff_detail.minimumSizeHint().width() <= bare.minimumSizeHint().width()
    finally:
        bare.deleteLater()
    link = window.action("link_pair")
    assert link.iconText() == "Link" and link.text() != "Link"


def test_link_and_note_from_a_reading_columns_context_menu(
        window: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    answer_note(monkeypatch, "off-topic")
    window.document.select(ORIGINAL, "s2")
    pane = window.columns_view.pane("src1")
    menu = pane.build_context_menu("s3")
    actions = {a.text(): a for a in menu.actions() if a.text()}
    actions["Link to Selected Original Sentence"].trigger()
    assert ("s2", "src1", "s3", "analyst") in pairs(settle(qtbot, window))
    actions["Add Note…"].trigger()
    settle(qtbot, window)
    assert window.document.workspace.review.note("src1", "s3") == "off-topic"
    # The original's column cannot link a sentence to itself.
    original_menu = window.columns_view.pane("original").build_context_menu("s1")
    link = next(a for a in original_menu.actions()
                if a.text() == "Link to Selected Original Sentence")
    assert not link.isEnabled()
    window.action("undo").trigger()
    window.action("undo").trigger()
    settle(qtbot, window)
    assert window.document.workspace.review.empty
