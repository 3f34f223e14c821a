"""Translation servers in the model manager: add, test the connection in the background
against real servers on 127.0.0.1 (llama.cpp's own server and a LibreTranslate one), remove."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from parallax.ui import api_keys as keys_module
from parallax.ui.api_keys import ApiKeys, server_id
from parallax.ui.dialogs import model_manager as manager_module
from parallax.ui.dialogs.model_manager import ModelManagerDialog
from parallax.ui.dialogs.servers import ServerDialog
from parallax.ui.preferences import ServerEntry, load_servers
from support.servers import LibreTranslateServer, LlamaServer, free_port


@pytest.fixture()
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "parallax.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def memory_keys(monkeypatch: pytest.MonkeyPatch) -> ApiKeys:
    store = ApiKeys(use_keyring=False)
    monkeypatch.setattr(keys_module, "_keys", store)
    return store


@pytest.fixture()
def dialog(qtbot: QtBot, settings: QSettings, tmp_path: Path) -> ModelManagerDialog:
    widget = ModelManagerDialog(models_dir=tmp_path / "models", settings=settings)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    pytest.importorskip("xllamacpp", reason="llama.cpp's server comes with the llm extra")
    from support.gguf_model import write_tiny_llama

    model = write_tiny_llama(tmp_path_factory.mktemp("gguf") / "tiny.gguf")
    with LlamaServer(model, alias="tiny") as running:
        yield running


def _test(qtbot: QtBot, dialog: ModelManagerDialog, entry: ServerEntry) -> tuple[bool, str]:
    with qtbot.waitSignal(dialog.work_finished, timeout=60_000) as blocker:
        dialog.test_server(entry)
    ok, message = blocker.args
    return bool(ok), str(message)


def _row_result(dialog: ModelManagerDialog, entry: ServerEntry) -> str:
    for n in range(dialog.servers_tree.topLevelItemCount()):
        item = dialog.servers_tree.topLevelItem(n)
        if item is not None and item.data(0, manager_module.DATA_ROLE) == entry:
            return item.text(3)
    raise AssertionError(f"{entry} not listed")


def test_add_test_and_remove_the_llama_cpp_server(
        qtbot: QtBot, dialog: ModelManagerDialog, settings: QSettings,
        llama_server: LlamaServer, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = ServerEntry("openai", llama_server.url, "tiny")
    dialog.add_server(entry)
    assert load_servers(settings) == [entry]
    assert dialog.test_server_button.isEnabled()  # the new row is selected
    ok, message = _test(qtbot, dialog, entry)
    assert ok, message
    assert message == f"{llama_server.url}: reachable; model tiny is there."
    assert "\n" not in message
    assert _row_result(dialog, entry) == message
    wrong = ServerEntry("openai", llama_server.url, "no-such-model")
    dialog.add_server(wrong)
    ok, message = _test(qtbot, dialog, wrong)
    assert not ok and "no model named no-such-model" in message and "tiny" in message
    monkeypatch.setattr(dialog, "confirm", lambda question: True)
    first = dialog.servers_tree.topLevelItem(0)
    assert first is not None
    dialog.servers_tree.setCurrentItem(first)
    dialog.remove_selected_server()
    assert load_servers(settings) == [wrong]
    assert dialog.servers_tree.topLevelItemCount() == 1


def test_test_connection_runs_in_the_background(
        qtbot: QtBot, dialog: ModelManagerDialog) -> None:
    with LibreTranslateServer() as running:
        entry = ServerEntry("libretranslate", running.url)
        dialog.add_server(entry)
        with qtbot.waitSignal(dialog.work_finished, timeout=30_000) as blocker:
            dialog.test_selected_server()
            # Back on the GUI thread at once: the work is a Task, so the window stays live.
            assert dialog.is_busy() and not dialog.test_server_button.isEnabled()
        ok, message = blocker.args
    assert ok, message
    assert message.startswith(f"{running.url}: reachable; ")
    assert "zh->en" in message
    assert dialog.test_server_button.isEnabled()


def test_the_key_kept_for_a_server_is_sent(qtbot: QtBot, dialog: ModelManagerDialog,
                                            memory_keys: ApiKeys, llama_server: LlamaServer,
                                            ) -> None:
    with LlamaServer(llama_server.model, alias="tiny", api_key="sk-test-4242") as guarded:
        entry = ServerEntry("openai", guarded.url, "tiny")
        dialog.add_server(entry)
        ok, message = _test(qtbot, dialog, entry)
        assert not ok and "HTTP 401" in message and "\n" not in message
        memory_keys.set(server_id(guarded.url), "sk-test-4242")
        ok, message = _test(qtbot, dialog, entry)
        assert ok, message
    assert "sk-test-4242" not in message


def test_nothing_listening_is_one_clear_line(qtbot: QtBot, dialog: ModelManagerDialog) -> None:
    entry = ServerEntry("openai", f"http://127.0.0.1:{free_port()}/v1", "m")
    dialog.add_server(entry)
    ok, message = _test(qtbot, dialog, entry)
    assert not ok
    assert "cannot be reached" in message and "connection refused" in message
    assert "\n" not in message and "Traceback" not in message
    assert _row_result(dialog, entry) == message
    assert dialog.status_label.property("error") is True


def test_plain_http_to_another_machine_is_asked_first(
        qtbot: QtBot, dialog: ModelManagerDialog, no_modal_dialogs: list[str]) -> None:
    entry = ServerEntry("openai", "http://192.0.2.7:8080/v1", "m")  # TEST-NET: never routed
    dialog.add_server(entry)
    dialog.test_server(entry)  # the conftest answers the question with Cancel
    assert any("192.0.2.7" in shown and "unencrypted" in shown
               for shown in no_modal_dialogs if shown.startswith("question"))
    assert not dialog.is_busy()  # declined: nothing was sent


def test_add_server_dialog_checks_the_address(qtbot: QtBot) -> None:
    add = ServerDialog()
    qtbot.addWidget(add)
    add.url_edit.setText("http://user:pw@127.0.0.1:1/v1")
    add.accept()
    assert "credentials" in add.problem_label.text()
    assert add.result() != add.DialogCode.Accepted
    add.engine_combo.setCurrentIndex(add.engine_combo.findData("libretranslate"))
    add.url_edit.setText("http://127.0.0.1:5000")
    add.model_edit.setText("ignored")
    add.accept()
    assert add.result() == add.DialogCode.Accepted
    assert add.entry() == ServerEntry("libretranslate", "http://127.0.0.1:5000")
