"""Shared test set-up: offscreen Qt, an isolated PARALLAX_HOME, and the sample article."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Before anything imports Qt or Argos: no display needed, and nothing touches the real home.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="parallax-test-home-"))
os.environ["PARALLAX_HOME"] = str(_SESSION_HOME)
os.environ["ARGOS_PACKAGES_DIR"] = str(_SESSION_HOME / "data" / "models")
os.environ["XDG_DATA_HOME"] = str(_SESSION_HOME / "xdg-data")
os.environ["XDG_CONFIG_HOME"] = str(_SESSION_HOME / "xdg-config")
os.environ["XDG_CACHE_HOME"] = str(_SESSION_HOME / "xdg-cache")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "resources" / "samples"
SEED = SAMPLES / "putin-mongolia-2024-09-04.zh.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture()
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh PARALLAX_HOME for tests that write settings, caches or models."""
    monkeypatch.setenv("PARALLAX_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


# Shared fixtures from tests/support (imported here so every test folder sees them).
from support.models import tiny_engine, tiny_models_dir, tiny_packages  # noqa: E402, F401
