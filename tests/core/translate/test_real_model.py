"""With a real zh->en Argos package (PARALLAX_TEST_MODEL=path.argosmodel), the seed reads right."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from parallax.core.loaders import load_path
from parallax.core.translate.argos import ArgosEngine
from parallax.core.translate.article_translation import translate_article
from parallax.core.translate.models import install_model

MODEL = os.environ.get("PARALLAX_TEST_MODEL")


@pytest.mark.realmodel
@pytest.mark.slow
@pytest.mark.skipif(not MODEL, reason="set PARALLAX_TEST_MODEL to a zh->en .argosmodel")
def test_seed_with_a_real_model(tmp_path: Path, seed_path: Path) -> None:
    assert MODEL is not None
    models = tmp_path / "models"
    install_model(Path(MODEL), models)
    engine = ArgosEngine(models_dir=models)
    translation = translate_article(load_path(seed_path), engine, "en")
    english = " ".join(translation.texts.values())
    assert "Putin" in english
    assert "Mongolia" in english
    assert "International Criminal Court" in english or "ICC" in english
