"""Session fixtures: tiny real Argos packages (random weights) and engines over them."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.core.translate.argos import ArgosEngine
from parallax.core.translate.engine import LanguagePair
from parallax.core.translate.models import install_model
from parallax.core.translate.tiny_model import build_tiny_argos_package

TINY_PAIRS = (LanguagePair("zh", "en"), LanguagePair("en", "ru"))


@pytest.fixture(scope="session")
def tiny_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[LanguagePair, Path]:
    """zh->en and en->ru `.argosmodel` files, built once per test session."""
    folder = tmp_path_factory.mktemp("tiny-argos")
    return {
        pair: build_tiny_argos_package(folder / f"{pair.source}_{pair.target}.argosmodel",
                                       pair.source, pair.target)
        for pair in TINY_PAIRS
    }


@pytest.fixture()
def tiny_models_dir(tmp_path: Path, tiny_packages: dict[LanguagePair, Path]) -> Path:
    """A models folder with both tiny packages installed."""
    models = tmp_path / "models"
    for package in tiny_packages.values():
        install_model(package, models)
    return models


@pytest.fixture()
def tiny_engine(tiny_models_dir: Path) -> ArgosEngine:
    return ArgosEngine(beam_size=1, threads=1, models_dir=tiny_models_dir, batch_size=4)
