"""Markup planted in every field that reaches a dialog or a tooltip shows literally.

Titles, outlets, flag text, file names, package metadata and error messages come from files the
user did not write. Each test plants a live link and a local-file image in such a field, drives
the real widget, and checks that the text is shown as plain text (a `Qt.PlainText` box) or as
escaped text inside our own markup (the tooltip renders back to the planted string). The
recovery and remove questions are also saved as PNGs under pytest's temporary folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from ui_side_fixtures import side_workspace

from parallax.core.comparison import Comparison, Flag
from parallax.core.errors import ParallaxError
from parallax.core.loaders import load_text
from parallax.core.workspace import Workspace

LINK = '<a href="https://example.invalid/repair">Click here to repair Parallax</a>'
IMAGE = '<img src="file:///etc/passwd">'
PLANTED = f"{LINK}{IMAGE}<b>bold</b>"

Boxes = list[QMessageBox]


@pytest.fixture()
def boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[Boxes]:
    """Every message box the code under test runs, kept (not shown modally) and answered No."""
    kept: Boxes = []

    def run(box: QMessageBox) -> int:
        kept.append(box)
        return int(QMessageBox.StandardButton.No.value)

    monkeypatch.setattr(QMessageBox, "exec", run)
    yield kept
    # A box whose parent dialog was deleted has gone with it: close only the ones still alive.
    for box in kept:
        if shiboken6.isValid(box):
            box.close()


def rendered(tooltip: str) -> str:
    """What Qt draws for a tooltip string: rich text when it looks like markup."""
    if not GuiQt.mightBeRichText(tooltip):  # the QtGui namespace holds the function
        return tooltip
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def assert_plain_box(box: QMessageBox, planted: str) -> None:
    assert box.textFormat() == Qt.TextFormat.PlainText
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert label is not None and label.textFormat() == Qt.TextFormat.PlainText
    assert planted in box.text()
    assert not label.openExternalLinks() or label.textFormat() == Qt.TextFormat.PlainText


def screenshot(box: QMessageBox, qtbot: QtBot, path: Path) -> Path:
    box.show()
    qtbot.waitExposed(box)
    assert box.grab().save(str(path))
    box.hide()
    print(f"screenshot: {path}")
    return path


def hostile_workspace() -> Workspace:
    original = load_text(
        f"{PLANTED}\n\n新华社 2024-09-04 10:00:00\n\n普京抵达蒙古。外界普遍认为这很重要。")
    report = load_text(f"{PLANTED}\n\nReuters\n\nPutin arrived in Mongolia on Tuesday.")
    workspace = Workspace(original)
    return workspace.with_source(report, "report", PLANTED)


def test_recovery_question_shows_a_planted_title_literally(
        boxes: Boxes, qtbot: QtBot, tmp_path: Path) -> None:
    from parallax.ui.recovery import Recovered, ask_to_restore

    workspace = hostile_workspace()
    assert workspace.original.title.startswith("<a href")
    assert ask_to_restore(None)(Recovered(workspace, None, "")) is False
    assert_plain_box(boxes[-1], LINK)
    screenshot(boxes[-1], qtbot, tmp_path / "recovery-question.png")
    # A file name can carry markup too.
    name = '<img src="passwd"><a href="#x">repair</a>.parallax'.replace("/", "")
    ask_to_restore(None)(Recovered(workspace, Path("/tmp") / name, ""))
    assert_plain_box(boxes[-1], name)


def test_remove_question_and_title_tooltip_are_plain(
        boxes: Boxes, qtbot: QtBot, tmp_path: Path) -> None:
    from parallax.ui.dialogs.sources import SourceListDialog

    dialog = SourceListDialog(hostile_workspace())
    qtbot.addWidget(dialog)
    assert rendered(dialog.list.item(0).toolTip()) == dialog.workspace().sources[0].article.title
    dialog.remove_current(confirm=True)
    assert len(dialog.workspace().sources) == 1  # answered No: nothing removed
    assert_plain_box(boxes[-1], LINK)
    screenshot(boxes[-1], qtbot, tmp_path / "remove-question.png")


def test_error_dialog_quotes_zip_entries_as_text(boxes: Boxes) -> None:
    from parallax.ui.tasks import show_error

    show_error(None, ParallaxError(f"The package holds an unsafe entry {PLANTED!r}."))  # type: ignore[arg-type]
    assert_plain_box(boxes[-1], LINK)
    show_error(None, KeyError(IMAGE))  # type: ignore[arg-type]
    assert_plain_box(boxes[-1], IMAGE)


def test_flag_tooltips_render_the_planted_text(qtbot: QtBot) -> None:
    from parallax.ui.flags_model import FlagsModel
    from parallax.ui.views.diff_detail import DiffDetailPane

    workspace = side_workspace()
    first = next(workspace.original.iter_sentences()).id
    flag = Flag("loaded_word", PLANTED, f"{PLANTED} is loaded\nsecond line", original=first)
    detail = DiffDetailPane()
    qtbot.addWidget(detail)
    detail._show_flags([flag])
    assert rendered(detail.flags_list.item(0).toolTip()) == flag.detail

    model = FlagsModel()
    model.set_data(workspace, Comparison(links=(), flags=(flag,)))
    tip = model.data(model.index(0, 3, QModelIndex()), Qt.ItemDataRole.ToolTipRole)
    assert rendered(tip) == flag.detail


def test_model_manager_question_and_path_tooltip_are_plain(
        boxes: Boxes, qtbot: QtBot, tmp_path: Path) -> None:
    from parallax.ui.dialogs.model_manager import ModelManagerDialog

    dialog = ModelManagerDialog(models_dir=tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.confirm(f"Replace {PLANTED}?") is False
    assert_plain_box(boxes[-1], LINK)


def test_engine_note_is_plain(qtbot: QtBot) -> None:
    from parallax.ui.dialogs.preferences import PreferencesDialog

    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.set_engine_notes({"llm": f"GGUF metadata says {PLANTED}"})
    assert dialog.engine_note.textFormat() == Qt.TextFormat.PlainText
    index = dialog.engine_combo.findData("llm")
    tip = dialog.engine_combo.itemData(index, Qt.ItemDataRole.ToolTipRole)
    assert rendered(tip) == f"GGUF metadata says {PLANTED}"


@pytest.mark.parametrize("tip", [PLANTED, "plain", "line 1\nline <2>"])
def test_plain_tooltip_round_trips(tip: str) -> None:
    from parallax.ui.plain import plain_tooltip

    assert rendered(plain_tooltip(tip)) == tip


