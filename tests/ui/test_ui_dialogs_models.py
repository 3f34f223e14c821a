"""Model manager with the real model API: install, corrupt and unsafe packages, remove, offline."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from parallax.core.translate.tiny_model import build_tiny_argos_package
from parallax.ui.dialogs.model_manager import ModelManagerDialog, human_size


@pytest.fixture(scope="module")
def tiny_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("packages") / "translate-zh_en.argosmodel"
    return build_tiny_argos_package(out, "zh", "en")


@pytest.fixture()
def models_dir(tmp_path: Path) -> Path:
    return tmp_path / "home" / "models"


@pytest.fixture()
def dialog(qtbot: QtBot, models_dir: Path) -> ModelManagerDialog:
    widget = ModelManagerDialog(models_dir=models_dir)
    qtbot.addWidget(widget)
    return widget


def _run(qtbot: QtBot, dialog: ModelManagerDialog, action: object,
         timeout: int = 60_000) -> tuple[bool, str]:
    with qtbot.waitSignal(dialog.work_finished, timeout=timeout) as blocker:
        action()  # type: ignore[operator]
    ok, message = blocker.args
    return bool(ok), str(message)


def _tree(root: Path) -> set[Path]:
    return {p.relative_to(root) for p in root.rglob("*")}


def test_empty_list_says_what_to_do(dialog: ModelManagerDialog) -> None:
    assert dialog.installed_pairs() == []
    first = dialog.models_tree.topLevelItem(0)
    assert first is not None and "install" in first.text(0).lower()
    assert not dialog.remove_button.isEnabled()


def test_install_good_package_lists_it(qtbot: QtBot, dialog: ModelManagerDialog,
                                       tiny_package: Path, models_dir: Path) -> None:
    ok, message = _run(qtbot, dialog, lambda: dialog.install_file(tiny_package))
    assert ok, message
    assert dialog.installed_pairs() == ["zh->en"]
    assert "zh->en" in dialog.status_label.text()
    row = dialog.models_tree.topLevelItem(0)
    assert row is not None
    assert row.text(2).endswith(("KB", "MB"))
    assert Path(row.text(3)).parent == models_dir
    assert (Path(row.text(3)) / "metadata.json").is_file()
    assert not dialog.is_busy() and dialog.progress.isHidden()


def test_corrupt_package_shows_a_clear_error(qtbot: QtBot, dialog: ModelManagerDialog,
                                             tmp_path: Path, tiny_package: Path,
                                             models_dir: Path) -> None:
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"this is not a zip file at all" * 10)
    ok, message = _run(qtbot, dialog, lambda: dialog.install_file(junk))
    assert not ok
    assert "not an Argos model package" in message
    assert dialog.status_label.text() == message
    assert "Traceback" not in message
    truncated = tmp_path / "truncated.argosmodel"
    truncated.write_bytes(tiny_package.read_bytes()[: 200_000])
    ok, message = _run(qtbot, dialog, lambda: dialog.install_file(truncated))
    assert not ok and message
    assert dialog.installed_pairs() == []
    assert [p for p in models_dir.iterdir() if not p.name.startswith(".")] == []


def test_path_traversal_is_refused(qtbot: QtBot, dialog: ModelManagerDialog, tmp_path: Path,
                                   tiny_package: Path, models_dir: Path) -> None:
    evil = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(tiny_package) as good, zipfile.ZipFile(evil, "w") as bad:
        for info in good.infolist():
            bad.writestr(info, good.read(info))
        bad.writestr("translate-zh_en-tiny/../evil.txt", "pwned")
        bad.writestr("../evil.txt", "pwned")
    before = _tree(tmp_path)
    ok, message = _run(qtbot, dialog, lambda: dialog.install_file(evil))
    assert not ok
    assert "unsafe" in message
    after = _tree(tmp_path)
    assert {p for p in after - before if not str(p).startswith("home")} == set()
    assert not list(tmp_path.rglob("evil.txt"))
    assert [p for p in models_dir.iterdir()] == []
    assert dialog.installed_pairs() == []


def test_remove_after_confirmation(qtbot: QtBot, dialog: ModelManagerDialog,
                                   tiny_package: Path, models_dir: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(qtbot, dialog, lambda: dialog.install_file(tiny_package))[0]
    first = dialog.models_tree.topLevelItem(0)
    assert first is not None
    dialog.models_tree.setCurrentItem(first)
    assert dialog.remove_button.isEnabled()
    monkeypatch.setattr(dialog, "confirm", lambda question: False)
    dialog.remove_selected()
    assert dialog.installed_pairs() == ["zh->en"]
    monkeypatch.setattr(dialog, "confirm", lambda question: True)
    ok, message = _run(qtbot, dialog, dialog.remove_selected)
    assert ok, message
    assert dialog.installed_pairs() == []
    assert list(models_dir.iterdir()) == []


def test_offline_download_says_so_quickly(qtbot: QtBot, dialog: ModelManagerDialog,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # A closed local port: refused at once, as on a machine with no network.
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/index")
    ok, message = _run(qtbot, dialog, dialog.download, timeout=20_000)
    assert not ok
    assert "network" in message.lower()
    assert dialog.status_label.text() == message
    assert dialog.install_button.isEnabled()


def test_human_size() -> None:
    assert human_size(512) == "512 B"
    assert human_size(2048) == "2.0 KB"
    assert human_size(5 * 1024**3) == "5.0 GB"


def test_engines_listed_with_hints(qtbot: QtBot, dialog: ModelManagerDialog) -> None:
    from parallax.core.translate.engines import available_engines

    qtbot.waitUntil(lambda: bool(dialog.engines_label.text()), timeout=20_000)
    text = dialog.engines_label.text()
    for engine in available_engines():
        assert engine.label in text
    assert "Dictionary gloss" in text
    if not any(e.name == "llm" for e in available_engines()):
        assert "not part of this installation" in text
    # The window never tells a desktop user to type a command.
    assert "parallax models" not in text and "pip install" not in text


@pytest.fixture()
def local_index(tiny_package: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An Argos-style index and package served from this machine (no outside network)."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    payload = tiny_package.read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            port = self.server.server_address[1]  # type: ignore[index]  # an IPv4 pair
            if self.path.endswith("index.json"):
                body = json.dumps([{
                    "type": "translate", "from_code": "zh", "to_code": "en",
                    "package_version": "1.0",
                    "links": [f"http://127.0.0.1:{port}/translate-zh_en.argosmodel"],
                }]).encode()
            else:
                body = payload
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/argos"
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", url)
    yield url
    server.shutdown()
    server.server_close()


def test_download_from_the_index(qtbot: QtBot, dialog: ModelManagerDialog, local_index: str,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    offered: list[list[str]] = []

    def choose(pairs: list[str]) -> str:
        offered.append(pairs)
        return pairs[0]

    monkeypatch.setattr(dialog, "choose_pair", choose)
    progress: list[int] = []
    dialog.progress.valueChanged.connect(progress.append)
    ok, message = _run(qtbot, dialog, dialog.download)
    assert ok, message
    assert offered == [["zh->en"]]
    assert dialog.installed_pairs() == ["zh->en"]
    assert "zh->en" in message
    assert progress and progress[-1] == dialog.progress.maximum()


def test_gguf_models_add_and_forget(qtbot: QtBot, isolated_home: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from support.gguf_model import write_tiny_llama

    dialog = ModelManagerDialog(models_dir=tmp_path / "models")
    qtbot.addWidget(dialog)
    assert dialog.gguf_names() == []
    model = write_tiny_llama(tmp_path / "tiny.gguf")
    ok, message = _run(qtbot, dialog, lambda: dialog.add_gguf(model))
    assert ok, message
    assert dialog.gguf_names() == ["tiny"]
    fake = tmp_path / "fake.gguf"
    fake.write_bytes(b"GGUF but not really" * 4)
    ok, message = _run(qtbot, dialog, lambda: dialog.add_gguf(fake))
    assert not ok and message and dialog.status_label.text() == message
    assert dialog.gguf_names() == ["tiny"]
    first = dialog.gguf_tree.topLevelItem(0)
    assert first is not None
    dialog.gguf_tree.setCurrentItem(first)
    monkeypatch.setattr(dialog, "confirm", lambda question: True)
    ok, message = _run(qtbot, dialog, dialog.remove_selected_gguf)
    assert ok, message
    assert dialog.gguf_names() == []
    assert model.exists()  # forgetting never deletes the user's file
