"""About dialog: real component versions, licences and the CC-CEDICT credit, as plain text."""

from __future__ import annotations

from importlib import metadata

import ctranslate2
from PySide6.QtCore import qVersion
from pytestqt.qtbot import QtBot

from parallax import __version__
from parallax.ui.dialogs.about import AboutDialog, component_versions, third_party_path


def test_versions_are_the_installed_ones(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    versions = dict(component_versions())
    assert versions["Parallax"] == __version__
    assert versions["Qt"] == qVersion()
    assert versions["CTranslate2"] == ctranslate2.__version__
    assert versions["Argos Translate"] == metadata.version("argos-translate-lt")
    text = dialog.versions_text.toPlainText()
    for name in ("Parallax", "Python", "Qt", "PySide6", "CTranslate2", "Argos Translate"):
        assert name in text
    assert ctranslate2.__version__ in text


def test_licences_and_cedict_credit(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    licences = dialog.licences_text.toPlainText()
    assert "MIT" in licences
    assert "LGPL" in licences
    assert "CC-CEDICT" in licences and "MDBG" in licences and "CC BY-SA 4.0" in licences


def test_third_party_file_shown_as_plain_text(qtbot: QtBot) -> None:
    path = third_party_path()
    assert path is not None  # the source tree ships THIRD_PARTY.md
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    shown = dialog.third_party_text.toPlainText()
    assert shown == path.read_text(encoding="utf-8")
    assert "| Component |" in shown  # markdown left as written, not rendered
