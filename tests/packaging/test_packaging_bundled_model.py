"""A model shipped in the bundle (`make build MODEL=...`) is installed once on first start."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from parallax.__main__ import bundled_models, install_bundled_models
from parallax.core.translate.engine import LanguagePair
from parallax.core.translate.models import find_model, install_model, remove_model
from parallax.core.translate.tiny_model import build_tiny_argos_package


@pytest.fixture()
def fake_bundle_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path) -> Path:
    """A bundle folder (as PyInstaller's sys._MEIPASS) holding a tiny zh->en model."""
    root = tmp_path / "bundle"
    (root / "models").mkdir(parents=True)
    build_tiny_argos_package(root / "models" / "zh_en.argosmodel", "zh", "en")
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    return root


def test_bundled_model_is_installed_once(fake_bundle_root: Path) -> None:
    pair = LanguagePair("zh", "en")
    assert bundled_models() == [fake_bundle_root / "models" / "zh_en.argosmodel"]
    assert find_model(pair) is None
    assert install_bundled_models() == bundled_models()
    assert find_model(pair) is not None
    # Removed by the user: not forced back on the next start.
    remove_model(pair)
    assert install_bundled_models() == []
    assert find_model(pair) is None


def test_a_model_the_user_installed_is_kept(fake_bundle_root: Path, tmp_path: Path) -> None:
    pair = LanguagePair("zh", "en")
    own = install_model(build_tiny_argos_package(tmp_path / "own.argosmodel", "zh", "en"))
    assert install_bundled_models() == []
    found = find_model(pair)
    assert found is not None and found.path == own.path


def test_not_frozen_means_no_bundled_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert bundled_models() == []
    assert install_bundled_models() == []
