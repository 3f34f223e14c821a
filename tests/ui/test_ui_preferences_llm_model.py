"""Preferences: which registered GGUF model the local LLM engine uses, saved and used."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from parallax.core.errors import ModelPackageError
from parallax.core.translate.gguf_models import add_gguf
from parallax.ui.dialogs.preferences import PreferencesDialog
from parallax.ui.preferences import Preferences, load_preferences, save_preferences
from parallax.ui.translation_controller import preferred_engine
from support.gguf_model import write_tiny_llama


@pytest.fixture()
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "parallax.ini"), QSettings.Format.IniFormat)


@pytest.fixture()
def registered(isolated_home: Path, tmp_path: Path) -> list[str]:
    for name, seed in (("beta", 1), ("alpha", 2)):
        add_gguf(write_tiny_llama(tmp_path / f"{name}.gguf", seed=seed), name=name)
    return ["alpha", "beta"]


def _entries(dialog: PreferencesDialog) -> list[str]:
    combo = dialog.llm_model
    return [str(combo.itemData(i)) for i in range(combo.count())]


def test_the_dialog_lists_registered_models_and_saves_the_choice(
        qtbot: QtBot, settings: QSettings, registered: list[str]) -> None:
    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    assert _entries(dialog) == ["", *registered]  # automatic first, then by name
    assert dialog.llm_model.itemText(2) == "beta"
    dialog.engine_combo.setCurrentIndex(dialog.engine_combo.findData("llm"))
    assert dialog.llm_model.isEnabled()
    dialog.llm_model.setCurrentIndex(dialog.llm_model.findData("beta"))
    dialog.accept()
    assert load_preferences(settings).llm_model == "beta"
    again = PreferencesDialog(settings=settings)
    qtbot.addWidget(again)
    assert again.llm_model.chosen() == "beta"
    again.engine_combo.setCurrentIndex(again.engine_combo.findData("openai"))
    assert not again.llm_model.isEnabled()  # a server engine does not use it


def test_a_saved_model_no_longer_registered_is_kept_and_marked(
        qtbot: QtBot, settings: QSettings, registered: list[str]) -> None:
    save_preferences(Preferences(engine="llm", llm_model="gone <b>x</b>"), settings)
    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.llm_model.chosen() == "gone <b>x</b>"
    assert dialog.llm_model.currentText() == "gone <b>x</b> (not registered)"
    assert dialog.preferences().llm_model == "gone <b>x</b>"  # opening never changes it


def test_the_translation_engine_is_the_chosen_model(registered: list[str]) -> None:
    pytest.importorskip("xllamacpp")
    chosen = preferred_engine("zh", "en", Preferences(engine="llm", llm_model="beta"))
    assert (chosen.name, getattr(chosen, "model_name", "")) == ("llm", "beta")
    automatic = preferred_engine("zh", "en", Preferences(engine="llm"))
    assert getattr(automatic, "model_name", "") == "alpha"  # the first by name
    with pytest.raises(ModelPackageError, match="No GGUF model named 'gone'"):
        preferred_engine("zh", "en", Preferences(engine="llm", llm_model="gone"))
    # Argos without a model for the pair falls back to the chosen GGUF model too.
    fallback = preferred_engine("zh", "en", Preferences(engine="argos", llm_model="beta"))
    assert (fallback.name, getattr(fallback, "model_name", "")) == ("llm", "beta")


def test_automatic_threads_are_the_engines_own_rule(registered: list[str]) -> None:
    """Preferences' 0 threads means "automatic": the engine's own count, which leaves a core
    for the window; a number the user chose is used as it is."""
    pytest.importorskip("xllamacpp")
    from parallax.core.translate.llm import LlmEngine, default_threads

    automatic = preferred_engine("zh", "en", Preferences(engine="llm", threads=0))
    assert isinstance(automatic, LlmEngine)
    assert automatic.settings.threads == default_threads()
    chosen = preferred_engine("zh", "en", Preferences(engine="llm", threads=1))
    assert isinstance(chosen, LlmEngine) and chosen.settings.threads == 1
