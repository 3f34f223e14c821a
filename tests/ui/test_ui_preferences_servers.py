"""Preferences for the server engines: the engine table, server settings round-trip, the key
kept out of every file, consent to plain http:// to another machine, the glossary file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from parallax.core.errors import ParallaxError
from parallax.core.translate import server
from parallax.core.translate.article_translation import translate_workspace_report
from parallax.core.translate.cache import TranslationCache
from parallax.core.translate.engines import ENGINE_NAMES
from parallax.core.workspace import ORIGINAL, Workspace
from parallax.ui import api_keys as keys_module
from parallax.ui.api_keys import ApiKeys, api_keys, server_id
from parallax.ui.dialogs import preferences as dialog_module
from parallax.ui.dialogs.preferences import PreferencesDialog
from parallax.ui.plain import Button
from parallax.ui.preferences import (
    CONCURRENCY_RANGE,
    DEFAULT_CONCURRENCY,
    Preferences,
    ServerEntry,
    load_preferences,
    load_servers,
    save_preferences,
    save_servers,
)
from parallax.ui.translation_controller import preferred_engine
from support.servers import LibreTranslateServer

PLANTED = "sk-planted-7f3a9c1e5b"


@pytest.fixture()
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "parallax.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def memory_keys(monkeypatch: pytest.MonkeyPatch) -> ApiKeys:
    """Keys in session memory, as on a machine without the keyring package."""
    store = ApiKeys(use_keyring=False)
    monkeypatch.setattr(keys_module, "_keys", store)
    return store


def _every_file(root: Path) -> str:
    return "".join(p.read_bytes().decode("utf-8", "replace") for p in root.rglob("*")
                   if p.is_file())


def test_server_settings_round_trip(settings: QSettings, tmp_path: Path) -> None:
    prefs = Preferences(engine="openai", server_url="https://mt.example.org/v1",
                        server_model="qwen2.5-7b", concurrency=6, glossary_file="/tmp/g.tsv",
                        insecure_server="")
    save_preferences(prefs, settings)
    again = QSettings(str(tmp_path / "parallax.ini"), QSettings.Format.IniFormat)
    assert load_preferences(again) == prefs


def test_bounds_and_unknown_engines(settings: QSettings) -> None:
    assert (DEFAULT_CONCURRENCY, CONCURRENCY_RANGE[1]) == (server.DEFAULT_CONCURRENCY,
                                                           server.MAX_CONCURRENCY)
    settings.setValue("preferences/concurrency", "1000")
    settings.setValue("preferences/engine", "telepathy")
    settings.setValue("preferences/server_url", "x" * 5000)
    prefs = load_preferences(settings)
    assert prefs.concurrency == CONCURRENCY_RANGE[1]
    assert prefs.engine == "argos"
    assert prefs.server_url == ""


def test_the_engine_list_is_cores_table(qtbot: QtBot, settings: QSettings) -> None:
    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    combo = dialog.engine_combo
    assert [combo.itemData(n) for n in range(combo.count())] == list(ENGINE_NAMES)
    dialog.show()
    combo.setCurrentIndex(combo.findData("gloss"))
    assert dialog.server_box.isHidden()
    combo.setCurrentIndex(combo.findData("libretranslate"))
    assert not dialog.server_box.isHidden()
    assert not dialog.model_edit.isEnabled()  # LibreTranslate has no model names


def test_dialog_saves_server_and_keeps_the_key_out_of_files(
        qtbot: QtBot, settings: QSettings, tmp_path: Path, memory_keys: ApiKeys) -> None:
    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    assert "this session only" in dialog.key_note.text()
    dialog.engine_combo.setCurrentIndex(dialog.engine_combo.findData("openai"))
    dialog.server_combo.setEditText("http://127.0.0.1:8080/v1/")
    dialog.model_edit.setText("tiny")
    dialog.concurrency.setValue(3)
    dialog.api_key_edit.setText(PLANTED)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    stored = load_preferences(settings)
    assert (stored.engine, stored.server_url, stored.server_model, stored.concurrency) == (
        "openai", "http://127.0.0.1:8080/v1/", "tiny", 3)
    settings.sync()
    assert PLANTED not in _every_file(tmp_path)
    assert memory_keys.get(server_id("http://127.0.0.1:8080/v1")) == PLANTED
    assert PLANTED not in repr(memory_keys)
    engine = preferred_engine(preferences=stored)
    assert (engine.name, getattr(engine, "server_url", "")) == ("openai", "http://127.0.0.1:8080/v1")
    assert PLANTED not in repr(engine)
    # A new dialog shows the key again (same session), from memory.
    again = PreferencesDialog(settings=settings)
    qtbot.addWidget(again)
    assert again.api_key_edit.text() == PLANTED


def test_problems_keep_the_dialog_open(qtbot: QtBot, settings: QSettings,
                                       tmp_path: Path) -> None:
    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    dialog.engine_combo.setCurrentIndex(dialog.engine_combo.findData("openai"))
    dialog.server_combo.setEditText("")
    dialog.accept()
    assert "address" in dialog.problem_label.text()
    dialog.server_combo.setEditText("ftp://mt.example.org")
    dialog.accept()
    assert "http://" in dialog.problem_label.text()
    dialog.server_combo.setEditText("https://mt.example.org/v1")
    dialog.accept()
    assert "model" in dialog.problem_label.text()
    dialog.model_edit.setText("m")
    bad = tmp_path / "glossary.tsv"
    bad.write_bytes(b"\xff\xfe not utf-8")
    dialog.glossary_edit.setText(str(bad))
    dialog.accept()
    assert "UTF-8" in dialog.problem_label.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert load_preferences(settings) == Preferences()
    bad.write_text("普京\tPutin\n", encoding="utf-8")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert load_preferences(settings).glossary_file == str(bad)


def test_plain_http_to_another_machine_asks_first(
        qtbot: QtBot, settings: QSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    questions: list[str] = []
    answer = [Button.No]

    def ask(parent: object, title: str, text: str, *args: object) -> Button:
        questions.append(text)
        return answer[0]

    monkeypatch.setattr(dialog_module, "ask", ask)
    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    dialog.engine_combo.setCurrentIndex(dialog.engine_combo.findData("libretranslate"))
    dialog.server_combo.setEditText("http://10.1.2.3:5000")
    dialog.accept()
    assert len(questions) == 1 and "10.1.2.3" in questions[0]
    assert dialog.result() != dialog.DialogCode.Accepted
    assert load_preferences(settings).engine == "argos"  # declined: nothing saved
    answer[0] = Button.Yes
    dialog.accept()
    stored = load_preferences(settings)
    assert stored.insecure_server == "http://10.1.2.3:5000" and stored.insecure_allowed
    assert stored.remote_host() == "10.1.2.3"
    # Agreed once for this URL: not asked again; another URL is a new question.
    again = PreferencesDialog(settings=settings)
    qtbot.addWidget(again)
    again.accept()
    assert len(questions) == 2 and again.result() == again.DialogCode.Accepted
    again = PreferencesDialog(settings=settings)
    qtbot.addWidget(again)
    again.server_combo.setEditText("http://10.1.2.4:5000")
    answer[0] = Button.No
    again.accept()
    assert len(questions) == 3 and not again.preferences().insecure_allowed


def test_loopback_and_https_need_no_question(qtbot: QtBot, settings: QSettings) -> None:
    # The conftest answers any question with Cancel: accepting proves none was asked.
    for url in ("http://localhost:8080/v1", "https://mt.example.org/v1"):
        dialog = PreferencesDialog(settings=settings)
        qtbot.addWidget(dialog)
        dialog.engine_combo.setCurrentIndex(dialog.engine_combo.findData("openai"))
        dialog.server_combo.setEditText(url)
        dialog.model_edit.setText("m")
        dialog.accept()
        assert dialog.result() == dialog.DialogCode.Accepted, url


def test_saved_servers_fill_the_address(qtbot: QtBot, settings: QSettings) -> None:
    save_servers([ServerEntry("openai", "http://127.0.0.1:9/v1", "tiny"),
                  ServerEntry("libretranslate", "http://127.0.0.1:5000")], settings)
    assert len(load_servers(settings)) == 2
    api_keys().set(server_id("http://127.0.0.1:5000"), "lt-key")
    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.server_combo.count() == 2
    dialog.server_combo.setCurrentIndex(1)
    dialog.server_combo.activated.emit(1)
    assert dialog.engine_combo.currentData() == "libretranslate"
    assert dialog.server_combo.currentText() == "http://127.0.0.1:5000"
    assert dialog.api_key_edit.text() == "lt-key"


def test_the_engine_sends_the_key_the_dialog_kept(qtbot: QtBot, settings: QSettings,
                                                  tmp_path: Path, sample_ws: Workspace,
                                                  ) -> None:
    """The key reaches the server, and no file: settings, cache, workspace, log."""
    log_file = tmp_path / "parallax.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        with LibreTranslateServer(api_key=PLANTED) as running:
            dialog = PreferencesDialog(settings=settings)
            qtbot.addWidget(dialog)
            dialog.engine_combo.setCurrentIndex(dialog.engine_combo.findData("libretranslate"))
            dialog.server_combo.setEditText(running.url)
            dialog.api_key_edit.setText(PLANTED)
            dialog.accept()
            engine = preferred_engine(preferences=load_preferences(settings))
            report = translate_workspace_report(sample_ws, engine,
                                                TranslationCache(tmp_path / "cache.sqlite3"))
            assert running.requests and all(r["api_key"] == PLANTED for r in running.requests)
            # A refused key: the error says so in one line, without the key.
            api_keys().set(server_id(running.url), PLANTED + "-wrong")
            refused = preferred_engine(preferences=load_preferences(settings))
            with pytest.raises(ParallaxError) as caught:
                refused.translate(["乌克兰"], "zh", "en")
            logging.getLogger("test").error("failed: %s", caught.value)
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(old_level)
    machine = report.workspace.translations[ORIGINAL]
    assert machine.engine == "libretranslate" and machine.server == running.url
    report.workspace.save(tmp_path / "translated.parallax")
    assert "403" in str(caught.value) and "\n" not in str(caught.value)
    assert PLANTED not in str(caught.value)
    assert log_file.stat().st_size > 0
    assert PLANTED not in _every_file(tmp_path)


def test_default_engine_uses_a_registered_gguf_model(isolated_home: Path,
                                                     tmp_path: Path) -> None:
    pytest.importorskip("xllamacpp", reason="the local LLM engine comes with the llm extra")
    from parallax.core.translate.gguf_models import add_gguf
    from support.gguf_model import write_tiny_llama

    assert preferred_engine(preferences=Preferences()).name == "gloss"  # no model at all
    add_gguf(write_tiny_llama(tmp_path / "tiny.gguf"), name="only-llm")
    engine = preferred_engine(preferences=Preferences())  # Argos chosen, no Argos model
    assert (engine.name, getattr(engine, "model_name", "")) == ("llm", "only-llm")
