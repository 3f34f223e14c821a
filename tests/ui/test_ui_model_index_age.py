"""Offline, the model manager offers the cached model list and says how old it is."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from parallax.core import paths
from parallax.core.translate.downloads import INDEX_CACHE_NAME
from parallax.ui.dialogs.model_manager import ModelManagerDialog


def test_offline_the_cached_list_is_offered_with_its_age(
        qtbot: QtBot, isolated_home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    index = [{"package_version": "1.9", "from_code": "zh", "to_code": "en",
              "type": "translate", "links": ["http://127.0.0.1:9/zh_en.argosmodel"]}]
    (paths.cache_dir() / INDEX_CACHE_NAME).write_text(json.dumps(
        {"fetched_at": time.time() - 2 * 86400 - 60, "index": index}), encoding="utf-8")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")  # refused: offline
    dialog = ModelManagerDialog(models_dir=tmp_path / "models")
    qtbot.addWidget(dialog)
    offered: list[list[str]] = []

    def choose(pairs: list[str]) -> str:
        offered.append(pairs)
        return ""  # the user closes the chooser

    monkeypatch.setattr(dialog, "choose_pair", choose)
    dialog.download()
    qtbot.waitUntil(lambda: offered != [], timeout=20_000)
    assert offered == [["zh->en"]]
    status = dialog.status_label.text()
    assert status.startswith("Offline: using the model list fetched 2 days ago")
    assert "no network" in status
