"""AddSourceDialog: file, paste, drop and URL pages with real loaders; errors inline."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from parallax.ui.dialogs.add_source import AddSourceDialog, SourceChoice

REPORT = """Putin visits Mongolia despite ICC warrant

Example Wire 2024-09-04 12:00:00

Putin arrived in Mongolia on Tuesday. Some 50 nations back Ukraine, officials said.
"""


@pytest.fixture()
def dialog(qtbot: QtBot) -> AddSourceDialog:
    widget = AddSourceDialog()
    qtbot.addWidget(widget)
    return widget


def _ok(dialog: AddSourceDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_file_loads_and_ok_accepts(qtbot: QtBot, dialog: AddSourceDialog,
                                   tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    dialog.path_edit.setText(str(path))
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        _ok(dialog)  # loads first, then accepts
    result = dialog.result_source()
    assert isinstance(result, SourceChoice)
    article, role, label = result
    assert article.title == "Putin visits Mongolia despite ICC warrant"
    assert article.sentence_count == 2
    assert role == "report"
    assert label == "Example Wire"  # the byline's outlet, pre-filled
    assert article.published == datetime(2024, 9, 4, 12, 0)


def test_paste_with_role_outlet_and_date(qtbot: QtBot, dialog: AddSourceDialog) -> None:
    dialog.set_page("paste")
    dialog.paste_edit.setPlainText("A translation\n\nThe war has escalated again. It is tense.")
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        dialog.load()
    assert "2 sentences" in dialog.preview_label.text()
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("translation"))
    dialog.outlet_edit.setText("Draft by J. Doe")
    dialog.date_check.setChecked(True)
    dialog.date_edit.setDateTime(dialog.date_edit.dateTime().fromString(
        "2024-09-05 08:30", "yyyy-MM-dd HH:mm"))
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    article, role, label = dialog.result_source() or (None, None, None)
    assert article is not None
    assert role == "translation" and label == "Draft by J. Doe"
    assert article.outlet == "Draft by J. Doe"
    assert article.published == datetime(2024, 9, 5, 8, 30)


def test_errors_are_shown_inline(qtbot: QtBot, dialog: AddSourceDialog, tmp_path: Path) -> None:
    _ok(dialog)  # nothing chosen
    assert not dialog.error_label.isHidden()
    assert "Choose a file" in dialog.error_label.text()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"   \n\n")
    dialog.path_edit.setText(str(empty))
    with qtbot.waitSignal(dialog.load_failed, timeout=20_000) as blocker:
        _ok(dialog)
    assert dialog.error_label.text() == blocker.args[0]
    assert "Traceback" not in blocker.args[0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.result_source() is None
    dialog.path_edit.setText(str(tmp_path / "missing.txt"))
    with qtbot.waitSignal(dialog.load_failed, timeout=20_000) as blocker:
        dialog.load()
    assert "does not exist" in blocker.args[0]


def test_url_page_refuses_other_schemes(qtbot: QtBot, dialog: AddSourceDialog) -> None:
    dialog.set_page("url")
    dialog.url_edit.setText("file:///etc/passwd")
    with qtbot.waitSignal(dialog.load_failed, timeout=20_000) as blocker:
        dialog.load()
    assert "http" in blocker.args[0]


def test_markup_in_a_pasted_title_stays_literal(qtbot: QtBot, dialog: AddSourceDialog) -> None:
    dialog.set_page("paste")
    dialog.paste_edit.setPlainText("<b>Bold</b> claim\n\nSomething happened today.")
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        dialog.load()
    assert "<b>Bold</b>" in dialog.preview_label.text()
    assert dialog.preview_label.textFormat() == Qt.TextFormat.PlainText


def test_drop_a_file(qtbot: QtBot, dialog: AddSourceDialog, tmp_path: Path) -> None:
    path = tmp_path / "dropped.txt"
    path.write_text(REPORT, encoding="utf-8")
    dialog.set_page("paste")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(QPoint(10, 10)), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        dialog.dropEvent(event)
    assert dialog.page() == "file"
    assert dialog.path_edit.text() == str(path)
    assert dialog.article() is not None


def test_editing_the_input_forgets_the_loaded_article(qtbot: QtBot,
                                                      dialog: AddSourceDialog) -> None:
    dialog.set_page("paste")
    dialog.paste_edit.setPlainText("Title\n\nFirst text here.")
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        dialog.load()
    dialog.paste_edit.setPlainText("Title\n\nA different text.")
    assert dialog.article() is None


def test_url_is_fetched_in_the_background(qtbot: QtBot, dialog: AddSourceDialog) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    page = (b"<html><head><title>Wire</title><script>alert(1)</script></head><body><article>"
            b"<h1>Putin visits Mongolia</h1><p>Putin arrived in Mongolia on Tuesday. "
            b"Officials did not arrest him.</p></article></body></html>")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dialog.set_page("url")
        dialog.url_edit.setText(f"http://127.0.0.1:{server.server_address[1]}/story.html")
        with qtbot.waitSignal(dialog.loaded, timeout=30_000) as blocker:
            dialog.load()
            assert dialog.is_loading()  # the fetch runs off the GUI thread
    finally:
        server.shutdown()
        server.server_close()
    article = blocker.args[0]
    assert "Putin arrived in Mongolia" in article.body
    assert "alert" not in article.body
    assert article.source.startswith("http://127.0.0.1")
