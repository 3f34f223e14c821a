"""The main window on the real sample: columns, selection across views, differences, modes,
shortcuts, opening files (good and bad), saving, hand edits with undo, drag and drop."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from parallax.core.comparison import Comparison, Flag
from parallax.core.workspace import ORIGINAL, Workspace
from parallax.ui.tasks import tracker

WindowFactory = Callable[..., Any]


@pytest.fixture()
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Capture error dialogs instead of showing them."""
    shown: list[str] = []

    def run(box: QMessageBox) -> int:  # error boxes are built for real (plain text), not shown
        shown.append(box.text())
        box.deleteLater()
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", run)
    return shown


def wait_idle(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: tracker().active == 0, timeout=20000)


def test_sample_shows_header_and_a_column_per_version_and_report(
        make_window: WindowFactory, sample_ws: Workspace) -> None:
    window = make_window()
    assert window.title_label.text() == sample_ws.original.title
    assert "2024-09-04" in window.meta_label.text()
    columns = window.columns_view.columns()
    ids = [c.id for c in columns]
    assert ids[0] == ORIGINAL
    for source in sample_ws.sources:
        assert source.id in ids
    assert all(c.visible for c in columns)
    assert window.document.comparison is not None


def test_activating_a_sentence_selects_its_counterparts_in_every_view(
        make_window: WindowFactory, sample_comparison: Comparison,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    seen: dict[str, tuple[str, str]] = {}
    for name in ("columns_view", "segment_grid", "flags_navigator", "diff_detail",
                 "coverage_map"):
        view = getattr(window, name)
        original = getattr(view, "show_selection", None)
        if original is None:
            continue

        def record(key: str, sid: str, name: str = name, original: Any = original) -> None:
            seen[name] = (key, sid)
            original(key, sid)

        monkeypatch.setattr(view, "show_selection", record)

    window.columns_view.sentence_activated.emit(ORIGINAL, "s3")
    assert window.document.selection == (ORIGINAL, "s3")
    assert seen["columns_view"] == (ORIGINAL, "s3")
    assert all(value == (ORIGINAL, "s3") for value in seen.values())
    # The reading panes highlight exactly the comparison's counterparts.
    expected = sample_comparison.counterparts(ORIGINAL, "s3")
    for key, sentence_ids in expected.items():
        assert set(sentence_ids) <= set(window.columns_view.pane(key).highlighted())


def test_next_and_previous_difference_walk_every_flag_in_order(
        make_window: WindowFactory) -> None:
    window = make_window()
    navigator = window.flags_navigator
    flags: list[Flag] = list(navigator.visible_flags())
    assert flags, "the sample comparison has differences"
    activated: list[Flag] = []
    navigator.flag_activated.connect(activated.append)
    for _ in flags:
        window.action("next_difference").trigger()
    assert activated == flags
    last = flags[-1]
    expected = (ORIGINAL, last.original) if last.original else (last.source, last.sentence)
    assert window.document.selection == expected
    activated.clear()
    for _ in range(len(flags) - 1):
        window.action("previous_difference").trigger()
    assert activated == list(reversed(flags[:-1]))


def test_modes_switch_by_action_and_are_remembered(make_window: WindowFactory) -> None:
    window = make_window()
    assert window.mode() == "reading"
    window.action("mode_segments").trigger()
    assert window.mode() == "segments"
    assert not window.action("mode_reading").isChecked()
    window.set_mode("reading")
    assert window.action("mode_reading").isChecked()
    assert not window.action("mode_segments").isChecked()
    window.set_mode("segments")
    assert window.current_view() is window.segment_grid
    window.save_window_state()
    second = make_window()
    assert second.mode() == "segments"
    window.action("mode_reading").trigger()
    assert window.mode() == "reading"


def test_every_toolbar_action_has_a_shortcut_and_tooltip(make_window: WindowFactory) -> None:
    window = make_window()
    actions = [a for a in window.toolbar.actions() if not a.isSeparator()]
    assert len(actions) >= 10
    for action in actions:
        assert not action.shortcut().isEmpty(), action.objectName()
        assert action.toolTip(), action.objectName()
    assert window.action("next_difference").shortcut().toString() == "F8"
    assert window.action("previous_difference").shortcut().toString() == "Shift+F8"
    assert window.action("mode_segments").shortcut().toString() == "Ctrl+2"


def test_zoom_changes_the_article_font(make_window: WindowFactory) -> None:
    window = make_window()
    before = window.article_font().pointSizeF()
    window.action("zoom_in").trigger()
    window.action("zoom_in").trigger()
    assert window.article_font().pointSizeF() == before + 2
    assert window.columns_view.pane(ORIGINAL).font().pointSizeF() == before + 2
    window.action("zoom_out").trigger()
    assert window.article_font().pointSizeF() == before + 1
    window.action("zoom_reset").trigger()
    assert window.article_font().pointSizeF() == before


def test_hand_edit_keeps_machine_output_and_undoes(make_window: WindowFactory,
                                                   sample_ws: Workspace) -> None:
    window = make_window()
    window.translation.edit(ORIGINAL, "s2", "My own translation.")
    workspace = window.document.workspace
    assert workspace.translation_text(ORIGINAL, "s2") == "My own translation."
    assert workspace.translations == sample_ws.translations
    assert window.document.dirty
    assert window.isWindowModified()
    window.action("undo").trigger()
    assert window.document.workspace.translation_text(ORIGINAL, "s2") == (
        sample_ws.translation_text(ORIGINAL, "s2"))
    assert not window.document.dirty
    window.action("redo").trigger()
    assert window.document.workspace.edits[ORIGINAL]["s2"] == "My own translation."


def test_save_and_reopen_round_trip(make_window: WindowFactory, tmp_path: Path,
                                    qtbot: QtBot) -> None:
    window = make_window()
    window.translation.edit(ORIGINAL, "s1", "Edited headline sentence.")
    target = tmp_path / "saved.parallax"
    assert window.files.save_to(target)
    assert not window.document.dirty
    assert window.windowTitle().startswith("saved.parallax")
    assert window.files.recent_files()[0] == str(target.resolve())
    reopened = make_window()
    reopened.files.open_workspace(target)
    wait_idle(qtbot)
    assert reopened.document.path == target
    assert reopened.document.workspace.edits[ORIGINAL]["s1"] == "Edited headline sentence."


def _bad_files(tmp: Path) -> dict[str, Path]:
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    huge = tmp / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    good_docx = tmp / "whole.docx"
    with zipfile.ZipFile(good_docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>" * 200)
        z.writestr("word/document.xml", "<w:document/>" * 200)
    truncated = tmp / "truncated.docx"
    truncated.write_bytes(good_docx.read_bytes()[: good_docx.stat().st_size // 2])
    corrupt_ws = tmp / "corrupt.parallax"
    corrupt_ws.write_text('{"format": "parallax-workspace", "version": 1, "orig', "utf-8")
    return {"empty": empty, "binary": binary, "huge": huge, "truncated": truncated,
            "corrupt": corrupt_ws}


def test_bad_input_shows_a_dialog_and_leaves_the_workspace_untouched(
        make_window: WindowFactory, tmp_path: Path, qtbot: QtBot, warnings: list[str]) -> None:
    window = make_window()
    window.translation.edit(ORIGINAL, "s1", "unsaved edit")
    window.confirm_close = False
    before = window.document.workspace
    # The unsaved edit would normally ask first; answer "discard" so loading is attempted.
    window.files.confirm_discard = lambda: True
    for name, path in _bad_files(tmp_path).items():
        count = len(warnings)
        window.open_paths([path])
        wait_idle(qtbot)
        assert len(warnings) == count + 1, name
        message = warnings[-1]
        assert "Traceback" not in message and path.name in message, (name, message)
        assert window.document.workspace is before, name
        assert window.document.dirty
    window.files.add_source_paths([tmp_path / "empty.txt"])
    wait_idle(qtbot)
    assert window.document.workspace is before


def test_dropped_articles_join_as_reports(make_window: WindowFactory, qtbot: QtBot,
                                          tmp_path: Path) -> None:
    window = make_window()
    window.translation.edit(ORIGINAL, "s1", "The user's own work.")  # no longer the bare sample
    report = tmp_path / "report.txt"
    report.write_text("Another outlet\n\nPutin visited Mongolia on Tuesday. The court "
                      "issued a warrant last year.\n", "utf-8")
    before = len(window.document.workspace.sources)
    window.files.drop_paths([report])
    wait_idle(qtbot)
    sources = window.document.workspace.sources
    assert len(sources) == before + 1
    assert sources[-1].role == "report"
    assert sources[-1].id in [c.id for c in window.columns_view.columns()]
    window.action("undo").trigger()
    assert len(window.document.workspace.sources) == before


def test_find_bar_counts_matches_in_the_columns(make_window: WindowFactory,
                                                qtbot: QtBot) -> None:
    window = make_window()
    window.action("find").trigger()
    assert window.find_bar.isVisible()
    window.find_bar.edit.setText("普京")
    window.find_bar.search_now()
    count = window.columns_view.find("普京")
    assert count > 0
    assert str(count) in window.find_bar.count_label.text()
    window.find_bar.close_bar()
    assert not window.find_bar.isVisible()


def test_window_geometry_and_docks_are_remembered(make_window: WindowFactory) -> None:
    window = make_window()
    window.coverage_dock.hide()
    window.save_window_state()
    second = make_window()
    assert not second.coverage_dock.isVisible()


def test_export_writes_the_report_off_the_gui_thread(make_window: WindowFactory, qtbot: QtBot,
                                                     tmp_path: Path) -> None:
    window = make_window()
    out = tmp_path / "report.html"
    window.files.export("html", out)
    wait_idle(qtbot)
    text = out.read_text("utf-8")
    assert "<html" in text.lower()
    assert window.document.workspace.original.title.split(",")[0][:4] in text


def test_export_to_a_folder_shows_the_error(make_window: WindowFactory, qtbot: QtBot,
                                            tmp_path: Path, warnings: list[str]) -> None:
    window = make_window()
    window.files.export("csv", tmp_path)
    wait_idle(qtbot)
    assert warnings and "folder" in warnings[-1]


def test_export_never_replaces_the_open_workspace(make_window: WindowFactory, qtbot: QtBot,
                                                  tmp_path: Path, warnings: list[str]) -> None:
    window = make_window()
    saved = tmp_path / "work.parallax"
    window.document.save(saved)
    before = saved.read_bytes()
    window.files.export("html", saved)
    wait_idle(qtbot)
    assert warnings and "inputs" in warnings[-1]
    assert saved.read_bytes() == before


def test_coverage_cell_jumps_to_that_pair(make_window: WindowFactory,
                                          sample_comparison: Comparison) -> None:
    window = make_window()
    link = next(link for link in sample_comparison.links if link.original.startswith("s"))
    window.coverage_map.cell_activated.emit(link.original, link.source)
    assert window.document.selection == (ORIGINAL, link.original)
    assert window.diff_detail.current_pair() == (link.original, link.source)


def test_hiding_a_column_hides_it_in_both_modes(make_window: WindowFactory,
                                                sample_ws: Workspace) -> None:
    window = make_window()
    source_id = sample_ws.sources[0].id
    window.set_column_visible(source_id, False)
    hidden = {c.id: c.visible for c in window.columns_view.columns()}
    assert hidden[source_id] is False
    window._fill_columns_menu()
    actions = {a.text(): a for a in window.columns_menu.actions()}
    assert any(not a.isChecked() for a in actions.values())
    window.set_column_visible(source_id, True)
    assert all(c.visible for c in window.columns_view.columns())


def test_files_dropped_on_the_window_are_added(make_window: WindowFactory, qtbot: QtBot,
                                               tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    window = make_window()
    window.translation.edit(ORIGINAL, "s1", "The user's own work.")  # no longer the bare sample
    report = tmp_path / "dropped.txt"
    report.write_text("Dropped outlet\n\nPutin flew to Ulaanbaatar. Mongolia did not arrest "
                      "him.\n", "utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(report))])
    enter = QDragEnterEvent(window.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(window.rect().center()), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    before = len(window.document.workspace.sources)
    window.dropEvent(drop)
    wait_idle(qtbot)
    assert len(window.document.workspace.sources) == before + 1
    assert window.document.workspace.sources[-1].article.source == str(report)


def test_paste_as_new_article_starts_a_new_comparison(make_window: WindowFactory,
                                                      qtbot: QtBot) -> None:
    from PySide6.QtGui import QGuiApplication

    window = make_window()
    QGuiApplication.clipboard().setText("粘贴的标题\n\n第一句话。第二句话。\n")
    window.action("paste_article").trigger()
    wait_idle(qtbot)
    workspace = window.document.workspace
    assert workspace.original.title == "粘贴的标题"
    assert workspace.sources == ()
    assert window.title_label.text() == "粘贴的标题"


def test_open_url_fetches_off_the_gui_thread(make_window: WindowFactory, qtbot: QtBot,
                                             tmp_path: Path, warnings: list[str]) -> None:
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Visit to Mongolia</title></head><body><article>"
        "<h1>Visit to Mongolia</h1><p>Putin arrived in Ulaanbaatar on Tuesday. Mongolia is a "
        "member of the court. It did not arrest him during the visit.</p></article></body>"
        "</html>", "utf-8")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        window = make_window()
        window.files.open_url(f"http://127.0.0.1:{server.server_address[1]}/story.html")
        wait_idle(qtbot)
        assert not warnings
        assert "Mongolia" in window.document.workspace.original.title
        before = window.document.workspace
        window.files.open_url("ftp://example.invalid/story.html")
        wait_idle(qtbot)
        assert warnings and "http" in warnings[-1]
        assert window.document.workspace is before
    finally:
        server.shutdown()


def test_the_mode_not_shown_is_brought_up_to_date_when_shown(
        make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    grid = window.segment_grid
    received: list[Workspace] = []
    real = grid.set_data

    def spy(workspace: Workspace, comparison: Comparison | None) -> None:
        received.append(workspace)
        real(workspace, comparison)

    monkeypatch.setattr(grid, "set_data", spy)
    window.translation.edit(ORIGINAL, "s5", "Edited while reading.")
    window.translation.edit(ORIGINAL, "s6", "Edited again.")
    assert received == []  # hidden: not laid out at every change
    window.set_mode("segments")
    assert received == [window.document.workspace]
    window.translation.edit(ORIGINAL, "s7", "Edited in segments.")
    assert received[-1] is window.document.workspace


def test_add_source_dialog_result_joins_the_workspace(
        make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QDialog

    from parallax.core.loaders import load_text
    from parallax.ui.dialogs.add_source import AddSourceDialog, SourceChoice

    window = make_window()
    article = load_text("Translator's draft\n\nThe war escalated again.\n", source="draft.txt")
    monkeypatch.setattr(AddSourceDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)
    monkeypatch.setattr(AddSourceDialog, "result_source",
                        lambda self: SourceChoice(article, "translation", "Draft 2"))
    window.action("add_source").trigger()
    source = window.document.workspace.sources[-1]
    assert (source.role, source.label, source.article) == ("translation", "Draft 2", article)


def test_manage_sources_applies_the_dialog_as_one_undoable_change(
        make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch,
        sample_ws: Workspace) -> None:
    from PySide6.QtWidgets import QDialog

    from parallax.ui.dialogs.sources import SourceListDialog

    window = make_window()
    removed = sample_ws.sources[-1].id
    monkeypatch.setattr(SourceListDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)
    monkeypatch.setattr(SourceListDialog, "workspace",
                        lambda self: sample_ws.without_source(removed))
    window.action("manage_sources").trigger()
    assert removed not in [s.id for s in window.document.workspace.sources]
    window.action("undo").trigger()
    assert window.document.workspace.sources == sample_ws.sources


def test_preferences_apply_theme_and_font_and_leave_the_workspace_alone(
        make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    from parallax.ui import main_window as main_window_module
    from parallax.ui.preferences import Preferences
    from parallax.ui.theme import apply_theme, is_dark

    window = make_window()
    window.document.change(window.document.workspace.with_settings(
        min_score=0.45, ignore_punctuation=True), "Settings")
    before = window.document.workspace
    monkeypatch.setattr(main_window_module, "load_preferences",
                        lambda: Preferences(theme="dark", font_size=15.0))
    try:
        window.apply_preferences()
        assert is_dark()
        assert window.article_font().pointSizeF() == 15.0
        # The comparison options are the workspace's own: preferences never overwrite them.
        assert window.document.workspace is before
    finally:
        apply_theme("light")


def test_preferences_dialog_edits_the_workspace_comparison_options_undoably(
        make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QDialog

    from parallax.ui import main_window as main_window_module
    from parallax.ui.dialogs import preferences as preferences_dialog_module
    from parallax.ui.dialogs.preferences import PreferencesDialog
    from parallax.ui.preferences import Preferences

    window = make_window()
    window.document.change(window.document.workspace.with_settings(min_score=0.45), "Settings")
    before = window.document.workspace
    shown: list[float] = []

    class Dialog(PreferencesDialog):
        def exec(self) -> int:
            shown.append(self.min_score.value())  # the dialog opens on the workspace's options
            self.min_score.setValue(0.6)
            self.ignore_whitespace.setChecked(False)
            return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(preferences_dialog_module, "PreferencesDialog", Dialog)
    monkeypatch.setattr(main_window_module, "load_preferences", lambda: Preferences())
    window.show_preferences()
    assert shown == [0.45]
    settings = window.document.workspace.settings
    assert (settings.min_score, settings.ignore_whitespace) == (0.6, False)
    window.action("undo").trigger()
    assert window.document.workspace.settings == before.settings


def test_find_steps_through_matches_with_enter_and_shift_enter(
        make_window: WindowFactory, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    window = make_window()
    window.action("find").trigger()
    window.find_bar.edit.setText("普京")
    window.find_bar.search_now()
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    first = window.columns_view.current_find()
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    second = window.columns_view.current_find()
    assert first is not None and second is not None and second != first
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.columns_view.current_find() == first
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_keyboard_shortcuts_reach_the_window(make_window: WindowFactory, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.mode() == "segments"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.mode() == "reading"
    activated: list[Flag] = []
    window.flags_navigator.flag_activated.connect(activated.append)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    flags = window.flags_navigator.visible_flags()
    assert activated == [flags[0], flags[1], flags[0]]
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()


def test_articles_dropped_on_the_untouched_sample_start_a_new_comparison(
        make_window: WindowFactory, qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window()
    assert window.files.showing_pristine_sample()
    window.document.update(window.document.workspace.with_settings(min_score=0.4))  # e.g. MT
    first = tmp_path / "mine.txt"
    first.write_text("我的文章\n\n第一句。第二句。\n", "utf-8")
    second = tmp_path / "theirs.txt"
    second.write_text("Their story\n\nFirst sentence. Second sentence.\n", "utf-8")
    window.files.drop_paths([first, second])
    wait_idle(qtbot)
    workspace = window.document.workspace
    assert workspace.original.title == "我的文章"
    assert [s.article.title for s in workspace.sources] == ["Their story"]
    assert not window.files.showing_pristine_sample()


def test_closing_asks_only_when_the_user_changed_something(
        make_window: WindowFactory, no_modal_dialogs: list[str]) -> None:
    window = make_window()
    window.document.update(window.document.workspace.with_settings(min_score=0.4))  # e.g. MT
    assert window.document.dirty
    window.close()  # the untouched sample: no question
    assert not window.isVisible()
    assert no_modal_dialogs == []
    edited = make_window()
    edited.translation.edit(ORIGINAL, "s1", "mine")
    edited.close()  # asks; the recorded answer is Cancel, so the window stays
    assert edited.isVisible()
    assert any("unsaved changes" in d for d in no_modal_dialogs)


def test_column_layout_is_remembered_per_workspace(make_window: WindowFactory) -> None:
    first = make_window()
    view = first.columns_view
    ids = [c.id for c in view.columns()]
    assert "mt" in ids
    view.set_column_visible("mt", False)
    view.move_column(ids[-1], -1)
    order = [c.id for c in view.columns()]
    first.close()  # saves the window state, the column layout with it

    second = make_window()
    columns = second.columns_view.columns()
    assert [c.id for c in columns] == order
    assert not next(c for c in columns if c.id == "mt").visible
