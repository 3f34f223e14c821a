"""Preferences: QSettings round-trip, bad stored values, the dialog saving what it shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from parallax.core.workspace import Settings
from parallax.ui.dialogs.preferences import PreferencesDialog
from parallax.ui.preferences import Preferences, load_preferences, save_preferences
from parallax.ui.wording import for_the_window


@pytest.fixture()
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "parallax.ini"), QSettings.Format.IniFormat)


def test_defaults_when_nothing_stored(settings: QSettings) -> None:
    assert load_preferences(settings) == Preferences()


def test_round_trip_through_an_ini_file(settings: QSettings, tmp_path: Path) -> None:
    prefs = Preferences(theme="dark", font_family="WenQuanYi Micro Hei", font_size=15.5,
                        translate_on_open=False, engine="gloss", beam_size=4, threads=3)
    save_preferences(prefs, settings)
    # A fresh QSettings reads the file back, where every value is a string.
    again = QSettings(str(tmp_path / "parallax.ini"), QSettings.Format.IniFormat)
    assert load_preferences(again) == prefs


def test_bad_values_fall_back_to_defaults(settings: QSettings) -> None:
    settings.setValue("preferences/theme", "purple")
    settings.setValue("preferences/font_size", "huge")
    settings.setValue("preferences/beam_size", "99")
    settings.setValue("preferences/translate_on_open", "maybe")
    settings.setValue("preferences/engine", "llm")
    prefs = load_preferences(settings)
    assert prefs.theme == "system"
    assert prefs.font_size == Preferences().font_size
    assert prefs.beam_size == 8  # clamped to the allowed range
    assert prefs.translate_on_open is True
    assert prefs.engine == "llm"


def test_dialog_shows_and_saves(qtbot: QtBot, settings: QSettings) -> None:
    save_preferences(Preferences(theme="light", beam_size=3), settings)
    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.preferences() == Preferences(theme="light", beam_size=3)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.engine_combo.setCurrentIndex(dialog.engine_combo.findData("gloss"))
    dialog.accept()
    stored = load_preferences(settings)
    assert (stored.theme, stored.engine) == ("dark", "gloss")
    assert stored.beam_size == 3


def test_comparison_options_are_the_workspaces_not_preferences(
        qtbot: QtBot, settings: QSettings) -> None:
    dialog = PreferencesDialog(settings=settings, comparison=Settings(
        pivot_lang="en", min_score=0.333, ignore_case=False))
    qtbot.addWidget(dialog)
    assert (dialog.min_score.value(), dialog.ignore_case.isChecked()) == (0.33, False)
    # Untouched, the workspace's settings come back exactly (not rounded to the box's 0.33).
    assert dialog.comparison() == Settings(min_score=0.333, ignore_case=False)
    dialog.ignore_punctuation.setChecked(True)
    dialog.min_score.setValue(0.5)
    dialog.accept()
    assert dialog.comparison() == Settings(min_score=0.5, ignore_case=False,
                                           ignore_punctuation=True)
    settings.sync()
    assert not any(k in settings.allKeys() for k in ("preferences/min_score",
                                                     "preferences/ignore_punctuation"))
    dialog.buttons.button(dialog.buttons.StandardButton.RestoreDefaults).click()
    assert dialog.comparison() == Settings()


def test_comparison_options_saved_by_an_older_version_are_ignored_and_dropped(
        settings: QSettings) -> None:
    settings.setValue("preferences/min_score", "0.9")
    settings.setValue("preferences/ignore_case", "false")
    settings.setValue("preferences/theme", "dark")
    assert load_preferences(settings) == Preferences(theme="dark")
    save_preferences(load_preferences(settings), settings)
    assert "preferences/min_score" not in settings.allKeys()
    assert "preferences/ignore_case" not in settings.allKeys()


def test_cancel_saves_nothing_and_defaults_restore(qtbot: QtBot, settings: QSettings) -> None:
    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.reject()
    assert load_preferences(settings) == Preferences()
    dialog.set_preferences(Preferences(theme="dark", threads=5))
    reset = dialog.buttons.button(dialog.buttons.StandardButton.RestoreDefaults)
    reset.click()
    assert dialog.preferences() == Preferences()


def test_font_choice_lists_chinese_fonts(qtbot: QtBot, settings: QSettings) -> None:
    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    labels = [dialog.font_combo.itemText(n) for n in range(dialog.font_combo.count())]
    assert any("中文" in label for label in labels)
    assert dialog.font_combo.currentData() == ""


def test_engine_notes_follow_the_registry(qtbot: QtBot, settings: QSettings) -> None:
    from parallax.core.translate.engines import available_engines

    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    engines = {e.name: e for e in available_engines()}
    dialog.engine_combo.setCurrentIndex(dialog.engine_combo.findData("llm"))
    expect_note = "llm" not in engines or not engines["llm"].available
    if expect_note:
        qtbot.waitUntil(lambda: bool(dialog.engine_note.text()), timeout=20_000)
        assert "not available" in dialog.engine_combo.currentText()
    if "llm" not in engines:
        assert "not part of this installation" in dialog.engine_note.text()
    elif not engines["llm"].available:
        assert dialog.engine_note.text() == for_the_window(engines["llm"].reason)
    for engine in ("argos", "llm"):
        dialog.engine_combo.setCurrentIndex(dialog.engine_combo.findData(engine))
        note = dialog.engine_note.text()
        assert "parallax models" not in note and "pip install" not in note, note
    # Every entry, " – not available" included, fits the combo once the notes are in
    # (they arrive after the dialog is on screen).
    combo = dialog.engine_combo
    for _ in range(3):
        QApplication.processEvents()  # the layout's pending request after the notes came in
    widest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(n))
                 for n in range(combo.count()))
    assert combo.width() >= widest + 16, (combo.width(), widest)
    dialog.engine_combo.setCurrentIndex(dialog.engine_combo.findData("gloss"))
    assert dialog.engine_note.isHidden()


def test_engine_messages_name_the_menu_not_a_command() -> None:
    assert for_the_window("No translation model is installed (parallax models install FILE).") \
        == "No translation model is installed (install one in Translate › Model Manager)."
    reworded = for_the_window("No GGUF model named 'x'. Add one with: parallax models add-gguf "
                              "FILE")
    assert reworded.endswith("Add it in Translate › Model Manager")
    assert "parallax models" not in for_the_window("Try parallax models download zh-en.")
    assert for_the_window("Installed: zh→en") == "Installed: zh→en"
